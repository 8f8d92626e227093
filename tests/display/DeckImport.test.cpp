// Import from the deck browser: the key m (or the Import button, reached by Tab) opens a path
// field; Enter imports the typed Anki package into the player's decks folder on a worker thread
// with a progress bar, then says what was imported and lists the new deck. A missing file or one
// that is not a package says so, names the file and writes nothing. Its texts are whole at
// 1280x720 and 800x600 with text at 100 and 200 %.
#include "AnkiFixture.hpp"
#include "DrawnScreens.hpp"
#include "FileText.hpp"
#include "FreshHome.hpp"
#include "InProcessShell.hpp"
#include "catch.hpp"

#include "../../game/ui/src/InsightScreens.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace attune;
using namespace std::chrono_literals;

namespace {

struct Shell : testing::InProcessShell {
    explicit Shell(const fs::path& profile) : InProcessShell({profile, {}, false}) {
        app.reset(ui::makeHomeScreen(app));
        app.push(ui::makeDeckBrowserScreen(app));
        frame();
    }
    ui::BrowserView view() {
        REQUIRE(app.top() != nullptr);
        const auto shown = ui::browserView(*app.top());
        REQUIRE(shown.has_value());
        return *shown;
    }
    void type(const std::string& text) {
        for (const char c : text) {
            sf::Event event{};
            event.type = sf::Event::TextEntered;
            event.text.unicode = static_cast<sf::Uint32>(static_cast<unsigned char>(c));
            app.handle(event);
        }
        frame();
    }
    bool focusedIs(const std::string& label) {
        ui::Controls& controls = app.top()->controls();
        const auto focus = controls.focused();
        return focus && controls.find(*focus) && controls.find(*focus)->label == label;
    }
    /// The texts of the screen as it is now, drawn at another window size and text scale (the
    /// picture kept in the build folder as deck-import-NAME-WxH-SCALE[-dark].png).
    testing::DrawnScreen drawnAt(const testing::WindowAndText& at, const std::string& name, model::Theme theme = model::Theme::Light) {
        sf::RenderTexture other;
        REQUIRE(other.create(at.width, at.height));
        model::Settings settings = game.settings();
        settings.fontScale = at.fontScale;
        settings.theme = theme;
        app.applySettings(settings);
        app.resize(static_cast<float>(at.width), static_cast<float>(at.height));
        app.layoutIfNeeded();
        testing::DrawnScreen drawn;
        drawn.where = "decks import " + std::to_string(at.width) + "x" + std::to_string(at.height) + " " +
                      std::to_string(static_cast<int>(at.fontScale * 100)) + " %";
        drawn.width = at.width;
        drawn.height = at.height;
        ui.recordDrawnText(&drawn.texts);
        app.draw(other);
        ui.recordDrawnText(nullptr);
        other.display();
        REQUIRE(other.getTexture().copyToImage().saveToFile(
            (fs::path(ATTUNE_TEST_OUTPUT_DIR) / ("deck-import-" + name + "-" + std::to_string(at.width) + "x" + std::to_string(at.height) + "-" +
                                                 std::to_string(static_cast<int>(at.fontScale * 100)) + (theme == model::Theme::Dark ? "-dark" : "") + ".png"))
                .string()));
        return drawn;
    }
};

/// A package big enough that its import takes a while: one Anki deck of basic notes, one picture
/// and one sound (dropped, with a warning).
testing::FixtureCollection bigPackage() {
    testing::FixtureCollection c;
    c.decks[5] = "Capitals";
    for (int i = 0; i < 3000; ++i)
        c.addNote(testing::stockBasic(), {"Capital number " + std::to_string(i), "City " + std::to_string(i)}, 5, "cap" + std::to_string(i));
    c.addNote(testing::stockBasic(), {"The map", "<img src=\"map.png\">"}, 5, "map");
    c.addNote(testing::stockBasic(), {"The anthem", "Heard [sound:anthem.mp3]"}, 5, "anthem");
    c.media = {{"map.png", std::string("\x89PNG\r\n\x1a\n", 8) + "map"}};
    return c;
}

std::size_t filesIn(const fs::path& folder) {
    std::error_code ec;
    if (!fs::exists(folder, ec)) return 0;
    std::size_t n = 0;
    for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) n += it->is_regular_file() ? 1u : 0u;
    return n;
}

fs::path pictureOut(const char* name) { return fs::path(ATTUNE_TEST_OUTPUT_DIR) / name; }

}  // namespace

TEST_CASE("deck import in the window - m, a path and Enter import a package with a progress bar and list the new deck") {
    const testing::FreshHome fresh("attune-import-window");
    const fs::path package = fresh.root / "downloads" / "Capitals.apkg";
    testing::writeAll(package, testing::ankiPackage(bigPackage(), testing::AnkiFormat::Latest));
    const fs::path decks = fresh.root / "xdg" / "attune" / "decks";

    Shell shell(fresh.root / "profile");
    const std::size_t decksBefore = shell.view().deckTitles.size();
    shell.press(sf::Keyboard::M);
    REQUIRE(shell.view().importOpen);
    REQUIRE(shell.app.top()->typing());
    shell.type(package.string());
    shell.press(sf::Keyboard::Return);
    // The frame right after Enter draws the import under way: its bar and its step.
    CHECK(shell.view().importRunning);
    shell.shot(pictureOut("deck-import-running.png"));
    shell.frameUntil([&] { return !shell.view().importRunning; }, 60s);
    const ui::BrowserView done = shell.view();
    REQUIRE_FALSE(done.importRunning);
    INFO(done.importMessage);
    CHECK(done.importMessage.rfind("Imported \xE2\x80\x9C" "Capitals\xE2\x80\x9D: 3,002 cards, 1 picture, 1 warning (1 sound or video reference dropped", 0) == 0);
    CHECK(done.importMessage.find((decks / "capitals.toml").string()) != std::string::npos);
    CHECK(done.deckTitles.size() == decksBefore + 1);
    CHECK(std::find(done.deckTitles.begin(), done.deckTitles.end(), "Capitals") != done.deckTitles.end());
    CHECK(fs::is_regular_file(decks / "capitals.toml"));
    CHECK(testing::readAll(decks / "capitals-media" / "map.png") == std::string("\x89PNG\r\n\x1a\n", 8) + "map");
    CHECK(shell.focusedIs("Close"));
    shell.shot(pictureOut("deck-import-done.png"));

    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        for (const model::Theme theme : {model::Theme::Light, model::Theme::Dark}) {
            const testing::DrawnScreen shown = shell.drawnAt(at, "done", theme);
            checkShows(shown, "Import a deck");
            checkShows(shown, "Imported \xE2\x80\x9C" "Capitals\xE2\x80\x9D");
            checkShows(shown, "it is listed with your decks.");
            checkShowsExactly(shown, "Close");
            checkNoTextOverlaps(shown);
        }
    }

    // Enter closes the panel; the browser is back with the new deck's cards among all.
    shell.app.resize(1280.0f, 720.0f);
    shell.press(sf::Keyboard::Return);
    CHECK_FALSE(shell.view().importOpen);
    CHECK(shell.view().count >= 3002);
}

TEST_CASE("deck import in the window - a missing file or one that is not a package says so and writes nothing") {
    const testing::FreshHome fresh("attune-import-window-bad");
    const fs::path decks = fresh.root / "xdg" / "attune" / "decks";
    const fs::path notPackage = fresh.root / "notes.apkg";
    testing::writeAll(notPackage, "these are my notes, not a zip archive\n");

    Shell shell(fresh.root / "profile");
    const std::size_t decksBefore = shell.view().deckTitles.size();
    // The Import button is reached with Tab like every control.
    for (int i = 0; i < 30 && !shell.focusedIs("Import a deck (m)"); ++i) shell.press(sf::Keyboard::Tab);
    REQUIRE(shell.focusedIs("Import a deck (m)"));
    shell.press(sf::Keyboard::Return);
    REQUIRE(shell.view().importOpen);
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        const testing::DrawnScreen shown = shell.drawnAt(at, "open");
        checkShows(shown, "The path of an Anki package (.apkg, .colpkg) or a CSV export (.csv, .tsv); the deck goes into");
        checkShows(shown, "Review history is not imported here: use `attune deck import FILE --with-history`.");
        checkShows(shown, "Path of the file");
        checkShowsExactly(shown, "Import");
        checkShowsExactly(shown, "Cancel");
        checkNoTextOverlaps(shown);
    }
    shell.app.resize(1280.0f, 720.0f);
    shell.shot(pictureOut("deck-import-open.png"));

    const fs::path missing = fresh.root / "nowhere" / "Spanish.apkg";
    shell.type(missing.string());
    shell.press(sf::Keyboard::Return);
    shell.frameUntil([&] { return !shell.view().importRunning; }, 20s);
    ui::BrowserView shown = shell.view();
    CHECK(shown.importMessage == "Nothing was imported: " + missing.string() + ": there is no such file");
    shell.shot(pictureOut("deck-import-missing.png"));
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) checkShows(shell.drawnAt(at, "missing"), "Nothing was imported:");
    shell.app.resize(1280.0f, 720.0f);

    // Esc closes; m opens the field again, empty.
    shell.press(sf::Keyboard::Escape);
    CHECK_FALSE(shell.view().importOpen);
    shell.press(sf::Keyboard::M);
    REQUIRE(shell.view().importOpen);
    shell.type(notPackage.string());
    shell.press(sf::Keyboard::Return);
    shell.frameUntil([&] { return !shell.view().importRunning; }, 20s);
    shown = shell.view();
    INFO(shown.importMessage);
    CHECK(shown.importMessage.rfind("Nothing was imported: " + notPackage.string() + ": ", 0) == 0);
    CHECK(shown.deckTitles.size() == decksBefore);
    CHECK(filesIn(decks) == 0);

    // Esc cancels the field, and the browser's keys work again.
    shell.press(sf::Keyboard::Escape);
    CHECK_FALSE(shell.view().importOpen);
    CHECK(shell.view().deckTitles.size() == decksBefore);
}
