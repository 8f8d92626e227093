// The game's shell in this process, drawing into an off-screen 1280x720 image: the tests feed it
// keys and mouse events as a window would and read the screens back.
#pragma once

#include "catch.hpp"

#include "../../game/ui/src/App.hpp"
#include <attune/model/session/Game.hpp>
#include "../../game/ui/src/Screens.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Window/Event.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace attune::testing {

struct InProcessShell {
    model::Game game;
    ui::Ui ui;
    ui::Audio audio{false};
    ui::App app;
    sf::RenderTexture texture;

    /// With the profile's own settings, or another text size when fontScale > 0.
    explicit InProcessShell(const model::GameOptions& options, double fontScale = 0.0) : game(options), app(game, ui, audio) {
        std::string error;
        REQUIRE(ui.loadFonts(std::string(ATTUNE_SOURCE_DIR) + "/assets/fonts", &error));
        REQUIRE(texture.create(1280, 720));
        model::Settings shown = game.settings();
        if (fontScale > 0.0) shown.fontScale = fontScale;
        app.applySettings(shown);
        app.resize(1280.0f, 720.0f);
    }

    /// One frame as the window's loop runs it: pending screen changes, a step, changes, a draw.
    void frame() {
        app.applyPending();
        app.update(1.0f / 60.0f);
        app.applyPending();
        app.draw(texture);
        texture.display();
    }

    void press(sf::Keyboard::Key code) {
        sf::Event event{};
        event.type = sf::Event::KeyPressed;
        event.key.code = code;
        app.handle(event);
        frame();
    }

    void moveMouse(float x, float y) {
        sf::Event event{};
        event.type = sf::Event::MouseMoved;
        event.mouseMove.x = static_cast<int>(x);
        event.mouseMove.y = static_cast<int>(y);
        app.handle(event);
        frame();
    }

    /// A left click: pressed at one point, released at another (the same one for a plain click).
    void click(float x, float y, float releaseX = -1.0f, float releaseY = -1.0f) {
        moveMouse(x, y);
        sf::Event event{};
        event.type = sf::Event::MouseButtonPressed;
        event.mouseButton.button = sf::Mouse::Left;
        event.mouseButton.x = static_cast<int>(x);
        event.mouseButton.y = static_cast<int>(y);
        app.handle(event);
        frame();  // a hand takes a few frames to let go
        event.type = sf::Event::MouseButtonReleased;
        event.mouseButton.x = static_cast<int>(releaseX < 0.0f ? x : releaseX);
        event.mouseButton.y = static_cast<int>(releaseY < 0.0f ? y : releaseY);
        app.handle(event);
        frame();
    }

    /// The control on the top screen whose label starts with `label`; fails the test when none.
    const ui::Control& control(const std::string& label) {
        REQUIRE(app.top() != nullptr);
        const ui::Control* found = nullptr;
        for (const ui::Control& c : app.top()->controls().items())
            if (!c.hidden && c.label.rfind(label, 0) == 0) {
                found = &c;
                break;
            }
        INFO("no control labelled " << label);
        REQUIRE(found != nullptr);
        return *found;
    }

    /// Clicks the middle of the control whose label starts with `label`.
    void clickOn(const std::string& label) {
        const ui::Rect r = control(label).rect;
        click(r.x + r.w / 2.0f, r.y + r.h / 2.0f);
    }

    /// Frames until `done` holds or `limit` passes; the time it took.
    template <typename Done>
    std::chrono::milliseconds frameUntil(Done done, std::chrono::milliseconds limit) {
        const auto start = std::chrono::steady_clock::now();
        while (!done() && std::chrono::steady_clock::now() - start < limit) {
            frame();
            std::this_thread::sleep_for(std::chrono::milliseconds(16));
        }
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    }

    void shot(const std::filesystem::path& file) {
        const sf::Image image = texture.getTexture().copyToImage();
        REQUIRE(image.saveToFile(file.string()));
    }
};

}  // namespace attune::testing
