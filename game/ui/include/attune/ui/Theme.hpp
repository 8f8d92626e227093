// The three looks of the game (light, dark, high contrast): one calm, warm palette each.
// Right and wrong always come with an icon too, never colour alone.
#pragma once

#include <attune/model/save/Settings.hpp>

#include <SFML/Graphics/Color.hpp>

namespace attune::ui {

struct Palette {
    sf::Color background;   // the window
    sf::Color surface;      // cards and panels
    sf::Color surfaceRaised;// buttons at rest
    sf::Color border;
    sf::Color text;
    sf::Color textMuted;
    sf::Color accent;       // the primary button, links
    sf::Color onAccent;     // text on the accent
    sf::Color focus;        // the focus ring
    sf::Color right;
    sf::Color wrong;
    sf::Color flame;        // streak
    sf::Color flameCore;
    sf::Color xp;           // XP bar, level
    sf::Color goal;         // daily-goal ring
    sf::Color track;        // empty part of bars and rings
    sf::Color shadow;
};

Palette paletteFor(model::Theme theme);

}  // namespace attune::ui
