// Every screen of the game drawn in this process at a chosen window size and text size, with
// the texts it draws recorded (what they say and where they lie), so a test can say what a
// screen must show: the texts are there, inside the window, and clear of each other.
#pragma once

#include "catch.hpp"

#include "../../game/ui/src/App.hpp"
#include "../../game/ui/src/InsightScreens.hpp"
#include "../../game/ui/src/Screens.hpp"
#include <attune/model/session/Game.hpp>

#include <SFML/Graphics/RenderTexture.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace attune::testing {

enum class Shown { Home, Study, Answered, StudyMenu, Summary, Settings, Welcome, StudyMore, Topics, Weak, Stats, Decks, StatsForecast, StatsMemory, StatsTopics, CardInfo, Retention, Trophies, Finale };

inline const char* nameOf(Shown screen) {
    switch (screen) {
    case Shown::Home: return "home";
    case Shown::Study: return "study";
    case Shown::Answered: return "study-answered";
    case Shown::StudyMenu: return "study-menu";
    case Shown::Summary: return "summary";
    case Shown::Settings: return "settings";
    case Shown::Welcome: return "welcome";
    case Shown::StudyMore: return "study-more";
    case Shown::Topics: return "topics";
    case Shown::Weak: return "weak";
    case Shown::Stats: return "stats";
    case Shown::Decks: return "decks";
    case Shown::StatsForecast: return "stats-forecast";
    case Shown::StatsMemory: return "stats-memory";
    case Shown::StatsTopics: return "stats-topics";
    case Shown::CardInfo: return "card-info";
    case Shown::Retention: return "retention";
    case Shown::Trophies: return "trophies";
    case Shown::Finale: return "finale";
    }
    return "?";
}

/// The windows and text sizes every screen is checked at: the smallest and the usual window,
/// with text at 100 and 200 %.
struct WindowAndText {
    unsigned width, height;
    double fontScale;
};
inline constexpr WindowAndText kWindowsAndTexts[] = {{1280, 720, 1.0}, {1280, 720, 2.0}, {800, 600, 1.0}, {800, 600, 2.0}};

/// The texts of one screen as drawn in a window of `width` x `height`.
struct DrawnScreen {
    std::string where;  // "home 800x600 200 %", for the messages
    unsigned width = 0, height = 0;
    std::vector<ui::DrawnText> texts;
    std::vector<ui::DrawnPicture> pictures;

    /// The first text that says `wanted` (as a part of it, lines joined by spaces); nullptr when none does.
    const ui::DrawnText* find(const std::string& wanted) const {
        const std::string said = oneLine(wanted);
        for (const ui::DrawnText& t : texts)
            if (oneLine(t.text).find(said) != std::string::npos) return &t;
        return nullptr;
    }

    /// The first text that says exactly `wanted` (a number on its own); nullptr when none does.
    const ui::DrawnText* findExactly(const std::string& wanted) const {
        for (const ui::DrawnText& t : texts)
            if (oneLine(t.text) == oneLine(wanted)) return &t;
        return nullptr;
    }

    /// A text as the wrapped lines read: every run of spaces and line breaks one space.
    static std::string oneLine(const std::string& text) {
        std::string line;
        for (const char c : text) {
            const bool space = c == ' ' || c == '\n' || c == '\t';
            if (space && (line.empty() || line.back() == ' ')) continue;
            line += space ? ' ' : c;
        }
        if (!line.empty() && line.back() == ' ') line.pop_back();
        return line;
    }

    bool inside(const ui::Rect& r) const {
        constexpr float slack = 1.0f;  // a line box may round a hair past the edge
        return r.w > 0.0f && r.h > 0.0f && r.x >= -slack && r.y >= -slack &&
               r.right() <= static_cast<float>(width) + slack && r.bottom() <= static_cast<float>(height) + slack;
    }
};

/// `text` (found for `wanted`) is drawn whole and inside the window.
inline void checkWholeInside(const DrawnScreen& screen, const std::string& wanted, const ui::DrawnText* text) {
    INFO(screen.where << ": \"" << wanted << "\"");
    REQUIRE(text != nullptr);
    INFO("drawn as \"" << text->text << "\" at " << text->lines.x << "," << text->lines.y << " size " << text->lines.w
                       << "x" << text->lines.h);
    CHECK_FALSE(text->truncated);
    CHECK(screen.inside(text->lines));
}

/// `wanted` is drawn on the screen (as a part of a text), whole and inside the window.
inline void checkShows(const DrawnScreen& screen, const std::string& wanted) {
    checkWholeInside(screen, wanted, screen.find(wanted));
}

/// A text that says exactly `wanted` is drawn, whole and inside the window.
inline void checkShowsExactly(const DrawnScreen& screen, const std::string& wanted) {
    checkWholeInside(screen, wanted, screen.findExactly(wanted));
}

/// No two texts of the screen are drawn over each other: their glyphs never meet.
inline void checkNoTextOverlaps(const DrawnScreen& screen) {
    constexpr float hair = 0.5f;  // anti-aliased edges may touch
    std::vector<std::string> overlapping;
    for (std::size_t i = 0; i < screen.texts.size(); ++i)
        for (std::size_t j = i + 1; j < screen.texts.size(); ++j) {
            const ui::Rect& a = screen.texts[i].ink;
            const ui::Rect& b = screen.texts[j].ink;
            const float w = std::min(a.right(), b.right()) - std::max(a.x, b.x);
            const float h = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
            if (w > hair && h > hair) overlapping.push_back("\"" + screen.texts[i].text + "\" and \"" + screen.texts[j].text + "\"");
        }
    for (const std::string& pair : overlapping) UNSCOPED_INFO(screen.where << ": " << pair << " are drawn over each other");
    CHECK(overlapping.empty());
}

/// The game's shell over `game`, drawing one screen at a time off screen.
class ScreenDrawer {
public:
    explicit ScreenDrawer(model::Game& game) : m_game(game), m_app(game, m_ui, m_audio) {
        std::string error;
        REQUIRE(m_ui.loadFonts(std::string(ATTUNE_SOURCE_DIR) + "/assets/fonts", &error));
    }

    /// Draws `screen` at `width` x `height` with text at `fontScale` (animations at their end);
    /// the study screens show the game's running session.
    /// `toEnd`: a list scrolled down to its last rows first.
    DrawnScreen draw(Shown screen, const WindowAndText& at, bool toEnd = false) {
        return draw(screen, at.width, at.height, at.fontScale, toEnd);
    }
    DrawnScreen draw(Shown screen, unsigned width, unsigned height, double fontScale, bool toEnd = false) {
        sf::RenderTexture texture;
        REQUIRE(texture.create(width, height));
        model::Settings settings = m_game.settings();
        settings.fontScale = fontScale;
        settings.reducedMotion = true;  // counters at their final values
        m_app.applySettings(settings);
        m_app.resize(static_cast<float>(width), static_cast<float>(height));
        m_app.reset(ui::makeHomeScreen(m_app));
        if (screen != Shown::Home) m_app.push(make(screen));
        m_app.applyPending();
        m_app.layoutIfNeeded();
        if (ui::Screen* top = m_app.top()) top->settle();
        m_app.update(0.0f);
        if (toEnd) {
            m_app.top()->onScroll(-1.0e6f);
            m_app.layoutIfNeeded();
        }
        DrawnScreen drawn;
        drawn.where = std::string(nameOf(screen)) + " " + std::to_string(width) + "x" + std::to_string(height) + " " +
                      std::to_string(static_cast<int>(fontScale * 100)) + " %" + (toEnd ? " scrolled to the end" : "");
        drawn.width = width;
        drawn.height = height;
        m_ui.recordDrawnText(&drawn.texts);
        m_ui.recordDrawnPictures(&drawn.pictures);
        m_app.draw(texture);
        m_ui.recordDrawnText(nullptr);
        m_ui.recordDrawnPictures(nullptr);
        if (!m_keepAs.empty()) {
            texture.display();
            CHECK(texture.getTexture().copyToImage().saveToFile(m_keepAs));
        }
        return drawn;
    }

    /// The drawing context the screens share (fonts, text engine).
    ui::Ui& ui() { return m_ui; }

    /// Keeps every screen drawn from now on as this PNG file, for a person to look at (empty: none).
    void keepAs(std::string file) { m_keepAs = std::move(file); }

    /// The card Shown::CardInfo shows, and the one Shown::Decks opens on.
    void showCard(std::string deckId, std::string cardId) {
        m_cardDeck = std::move(deckId);
        m_cardId = std::move(cardId);
    }

private:
    std::unique_ptr<ui::Screen> make(Shown screen) {
        switch (screen) {
        case Shown::Home: break;
        case Shown::Study:
        case Shown::Answered: return ui::makeStudyScreen(m_app, model::SessionKind::Daily);
        case Shown::StudyMenu: {
            auto study = ui::makeStudyScreen(m_app, model::SessionKind::Daily);
            ui::openCardMenu(*study);
            return study;
        }
        case Shown::Summary: return ui::makeSummaryScreen(m_app, m_game.todaySummary());
        case Shown::Settings: return ui::makeSettingsScreen(m_app);
        case Shown::Welcome: return ui::makeWelcomeScreen(m_app);
        case Shown::StudyMore: return ui::makeStudyMoreScreen(m_app);
        case Shown::Topics: return ui::makeTopicMapScreen(m_app);
        case Shown::Weak: return ui::makeWeakTopicsScreen(m_app);
        case Shown::Stats: return ui::makeStatsScreen(m_app);
        case Shown::Decks: return ui::makeDeckBrowserScreen(m_app, m_cardDeck, m_cardId);
        case Shown::StatsForecast: return ui::makeStatsScreen(m_app, ui::StatsPage::Forecast);
        case Shown::StatsMemory: return ui::makeStatsScreen(m_app, ui::StatsPage::Memory);
        case Shown::StatsTopics: return ui::makeStatsScreen(m_app, ui::StatsPage::Topics);
        case Shown::CardInfo: {
            const auto history = m_game.cardHistory(m_cardDeck, m_cardId);
            REQUIRE(history.has_value());
            return ui::makeCardInfoScreen(m_app, *history);
        }
        case Shown::Retention: return ui::makeRetentionScreen(m_app);
        case Shown::Trophies: return ui::makeTrophyRoomScreen(m_app);
        case Shown::Finale: {
            auto finale = m_game.latestFinale();
            REQUIRE(finale.has_value());
            return ui::makeFinaleScreen(m_app, std::move(*finale));
        }
        }
        return ui::makeHomeScreen(m_app);
    }

    model::Game& m_game;
    std::string m_cardDeck, m_cardId;
    std::string m_keepAs;
    ui::Ui m_ui;
    ui::Audio m_audio{false};
    ui::App m_app;
};

}  // namespace attune::testing
