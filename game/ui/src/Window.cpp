// The window shell (fixed-timestep loop with capped catch-up, fullscreen toggle, icon), the
// off-screen screenshot renderer and the frame-time probe used by the benchmark.
#include <attune/ui/Window.hpp>

#include "App.hpp"
#include "InsightScreens.hpp"
#include "Screens.hpp"

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/ui/Theme.hpp>

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/OpenGL.hpp>
#include <SFML/Window/Context.hpp>

#include <SFML/System/Clock.hpp>
#include <SFML/System/Err.hpp>
#include <X11/Xlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <future>
#include <ostream>
#include <streambuf>
#include <string>
#include <sys/resource.h>

namespace attune::ui {
namespace {

/// SFML's error stream, minus one harmless line: Xvfb and some drivers cannot set vertical
/// sync, which SFML reports on every window; the player has nothing to do about it.
class QuietSfmlErrors final : public std::streambuf {
public:
    QuietSfmlErrors() : m_previous(sf::err().rdbuf(this)) {}
    ~QuietSfmlErrors() override {
        flushLine();
        sf::err().rdbuf(m_previous);
    }
    QuietSfmlErrors(const QuietSfmlErrors&) = delete;
    QuietSfmlErrors& operator=(const QuietSfmlErrors&) = delete;

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        m_line += traits_type::to_char_type(c);
        if (traits_type::to_char_type(c) == '\n') flushLine();
        return c;
    }

private:
    void flushLine() {
        if (!m_line.empty() && m_line.find("vertical sync") == std::string::npos && m_previous)
            m_previous->sputn(m_line.data(), static_cast<std::streamsize>(m_line.size()));
        m_line.clear();
    }
    std::streambuf* m_previous;
    std::string m_line;
};

constexpr float kStep = 1.0f / 60.0f;      // the update rate
constexpr int kMaxStepsPerFrame = 5;       // a slow frame never makes the game spiral

/// Opens the profile and the decks and replays the log: the slow part of a start, and free of
/// SFML, so it can run on a second thread while the window and its GL context are created.
std::future<std::unique_ptr<model::Game>> loadGame(const WindowOptions& options, bool readOnly) {
    return std::async(std::launch::async, [options, readOnly] {
        return std::make_unique<model::Game>(model::GameOptions{options.profileDir, options.decks, readOnly});
    });
}

/// Everything a running game holds, built in dependency order.
struct Session {
    std::unique_ptr<model::Game> loaded;
    model::Game& game;
    Ui ui;
    std::unique_ptr<Audio> audio;
    std::unique_ptr<App> app;
    model::Settings shown;  // the profile's settings with the command-line overrides

    Session(std::unique_ptr<model::Game> opened, const WindowOptions& options, bool sound)
        : loaded(std::move(opened)), game(*loaded) {
        shown = game.settings();
        if (options.fontScale) shown.fontScale = std::clamp(*options.fontScale, 1.0, 2.0);
        if (options.theme) shown.theme = *options.theme;
        audio = std::make_unique<Audio>(sound && shown.sound);
    }
    Session(const WindowOptions& options, bool sound, bool readOnly = false)
        : Session(std::make_unique<model::Game>(model::GameOptions{options.profileDir, options.decks, readOnly}), options, sound) {}

    std::string start() {
        std::string error;
        if (!ui.loadFonts((model::assetsDir() / "fonts").string(), &error)) return error;
        app = std::make_unique<App>(game, ui, *audio);
        app->applySettings(shown);
        return {};
    }
};

void reportDiagnostics(const model::Game& game, std::ostream& err) {
    for (const auto& d : game.diagnostics()) err << d.format() << '\n';
}

/// SFML 2.5 aborts the process when it cannot reach an X display: ask first, so the player
/// gets a sentence instead of a crash. The asking connection stays open for the life of the
/// process: an X server started without -noreset (xvfb-run, CI) resets when its last client
/// leaves, and SFML's own connection, opened a moment later, would then fail and abort.
std::string displayProblem() {
    static Display* held = nullptr;
    if (held != nullptr) return {};
    const char* name = std::getenv("DISPLAY");
    if (!name || !*name)
        return "no X display to open a window on (DISPLAY is not set); in a terminal, 'attune study --tty' "
               "studies without a window, and 'xvfb-run -a attune shot ...' renders screenshots headless";
    held = XOpenDisplay(name);
    if (!held) return std::string("cannot open the X display '") + name + "' to open a window on";
    return {};
}

/// True when OpenGL runs on the CPU (llvmpipe under Xvfb, software fallbacks): there,
/// multisampling costs several times the whole frame, so the window goes without it.
bool softwareRenderer() {
    static const bool software = [] {
        sf::Context probe;
        const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const std::string renderer = name ? name : "";
        return renderer.find("llvmpipe") != std::string::npos || renderer.find("softpipe") != std::string::npos ||
               renderer.find("Software") != std::string::npos || renderer.find("swrast") != std::string::npos;
    }();
    return software;
}

/// Smooth rings and rounded corners (4x multisampling) on a GPU; ATTUNE_ANTIALIAS=N overrides.
sf::ContextSettings contextSettings(bool offscreen) {
    sf::ContextSettings settings;
    if (const char* forced = std::getenv("ATTUNE_ANTIALIAS")) {
        settings.antialiasingLevel = static_cast<unsigned>(std::clamp(std::atoi(forced), 0, 16));
    } else {
        // Screenshots are drawn once: always smooth. A window on software GL: no multisampling.
        settings.antialiasingLevel = offscreen || !softwareRenderer() ? 4u : 0u;
    }
    return settings;
}

void createWindow(sf::RenderWindow& window, unsigned width, unsigned height, bool fullscreen) {
    if (fullscreen) {
        window.create(sf::VideoMode::getDesktopMode(), "Attune", sf::Style::Fullscreen, contextSettings(false));
    } else {
        window.create(sf::VideoMode(width, height), "Attune", sf::Style::Default, contextSettings(false));
    }
    sf::Image icon;
    const auto iconPath = model::assetsDir() / "icon.png";
    std::error_code ec;
    if (std::filesystem::exists(iconPath, ec) && icon.loadFromFile(iconPath.string()))
        window.setIcon(icon.getSize().x, icon.getSize().y, icon.getPixelsPtr());
}

void fitView(sf::RenderTarget& target, App& app, unsigned width, unsigned height) {
    const auto w = static_cast<float>(width);
    const auto h = static_cast<float>(height);
    target.setView(sf::View(sf::FloatRect(0.0f, 0.0f, w, h)));
    app.resize(w, h);
}

// The theme the window opens in, before the course has loaded: the one asked for, else the
// profile's (profile.toml and each computer's settings changes, never the log).
model::Theme openingTheme(const WindowOptions& options) {
    if (options.theme) return *options.theme;
    return model::peekSettings(options.profileDir.empty() ? model::defaultProfileDir() : options.profileDir).theme;
}

// The game's window as the player first sees it: a heavy course takes a moment to load, so the
// window shows the theme's background at once, not black.
void openWindow(sf::RenderWindow& window, const WindowOptions& options) {
    createWindow(window, options.width, options.height, false);
    window.clear(paletteFor(openingTheme(options)).background);
    window.display();
}

// Frames until the player quits or closes the window: events, fixed steps with capped
// catch-up, one draw.
void runFrames(sf::RenderWindow& window, App& app) {
    sf::Clock clock;
    float accumulated = 0.0f;
    while (window.isOpen()) {
        sf::Event event;
        while (window.pollEvent(event)) {
            if (event.type == sf::Event::Resized) fitView(window, app, event.size.width, event.size.height);
            app.handle(event);
        }
        app.applyPending();
        accumulated += std::min(clock.restart().asSeconds(), 0.25f);
        int steps = 0;
        while (accumulated >= kStep && steps < kMaxStepsPerFrame) {
            app.update(kStep);
            accumulated -= kStep;
            ++steps;
        }
        if (steps == kMaxStepsPerFrame) accumulated = 0.0f;  // drop what we could not catch up
        app.applyPending();
        if (app.quitRequested()) break;
        app.draw(window);
        window.display();
    }
}

}  // namespace

int runWindow(const WindowOptions& options, std::ostream& err) {
    if (const std::string problem = displayProblem(); !problem.empty()) {
        err << "attune: " << problem << '\n';
        return 1;
    }
    QuietSfmlErrors quiet;
    // The window opens while the course loads: for a heavy profile the two overlap.
    auto loading = loadGame(options, false);
    sf::RenderWindow window;
    bool fullscreen = false;
    openWindow(window, options);
    Session session(loading.get(), options, true);
    reportDiagnostics(session.game, err);
    if (!session.game.hasCards()) {
        err << "attune: no cards to study: no deck loaded (see the messages above)\n";
        return 1;
    }
    if (const std::string error = session.start(); !error.empty()) {
        err << "attune: " << error << '\n';
        return 1;
    }
    App& app = *session.app;

    window.setFramerateLimit(60);
    window.setKeyRepeatEnabled(true);
    fitView(window, app, window.getSize().x, window.getSize().y);
    app.onToggleFullscreen = [&] {
        fullscreen = !fullscreen;
        createWindow(window, options.width, options.height, fullscreen);
        window.setFramerateLimit(60);
        fitView(window, app, window.getSize().x, window.getSize().y);
    };
    app.showStart();

    runFrames(window, app);
    // The log is fsynced answer by answer; close() says where any answer it could not save went:
    // on the terminal, and in the window, which stays open until the player has read it.
    if (const model::CloseReport closed = session.game.close(); !closed.ok) {
        const std::string& unsaved = closed.message;
        err << "attune: " << unsaved << '\n';
        if (window.isOpen()) {
            app.clearQuit();
            app.reset(makeNoticeScreen(app, "Some answers were not saved", unsaved + "\n\nPress Enter to close Attune.",
                                        "Close"));
            runFrames(window, app);
        }
        window.close();
        return 1;
    }
    window.close();
    return 0;
}

std::string renderShot(const ShotOptions& options) {
    if (std::string problem = displayProblem(); !problem.empty()) return problem;
    QuietSfmlErrors quiet;
    Session session(options.window, false, true);  // shots never make a sound nor write
    if (!session.game.hasCards()) return "no cards to study: no deck loaded";
    if (std::string error = session.start(); !error.empty()) return error;
    App& app = *session.app;

    sf::RenderTexture texture;
    if (!texture.create(options.window.width, options.window.height, contextSettings(true)))
        return "cannot create an off-screen image of " + std::to_string(options.window.width) + "x" +
               std::to_string(options.window.height);
    texture.setSmooth(true);
    fitView(texture, app, options.window.width, options.window.height);

    app.reset(makeHomeScreen(app));
    switch (options.screen) {
    case ShotScreen::Home: break;
    case ShotScreen::Study:
    case ShotScreen::StudyAnswered:
    case ShotScreen::StudyMenu:
        if (!session.game.startPreviewSession()) return "the profile's decks have no card to show";
        if (options.screen == ShotScreen::StudyAnswered) session.game.reveal();
        {
            auto study = makeStudyScreen(app, model::SessionKind::Daily);
            if (options.screen == ShotScreen::StudyMenu) openCardMenu(*study);
            app.push(std::move(study));
        }
        break;
    case ShotScreen::Summary: app.push(makeSummaryScreen(app, session.game.todaySummary())); break;
    case ShotScreen::Settings: app.push(makeSettingsScreen(app)); break;
    case ShotScreen::Welcome: app.push(makeWelcomeScreen(app)); break;
    case ShotScreen::Topics: app.push(makeTopicMapScreen(app)); break;
    case ShotScreen::WeakTopics: app.push(makeWeakTopicsScreen(app)); break;
    case ShotScreen::Stats: app.push(makeStatsScreen(app)); break;
    case ShotScreen::Decks: app.push(makeDeckBrowserScreen(app)); break;
    case ShotScreen::StudyMore: app.push(makeStudyMoreScreen(app)); break;
    case ShotScreen::StatsForecast: app.push(makeStatsScreen(app, StatsPage::Forecast)); break;
    case ShotScreen::StatsMemory: app.push(makeStatsScreen(app, StatsPage::Memory)); break;
    case ShotScreen::StatsTopics: app.push(makeStatsScreen(app, StatsPage::Topics)); break;
    case ShotScreen::CardInfo: {
        // The card answered most often: the longest history to show.
        const model::CourseProgress& course = session.game.course();
        std::optional<std::uint32_t> most;
        for (std::uint32_t c = 0; c < course.cards.size(); ++c)
            if (!most || course.cards[c].scheduledAnswers > course.cards[*most].scheduledAnswers) most = c;
        if (!most) return "the profile's decks have no card to show";
        auto history = session.game.cardHistory(course.deckOf(*most).id, course.studyCardOf(*most).id);
        if (!history) return "the profile's decks have no card to show";
        app.push(makeCardInfoScreen(app, std::move(*history)));
        break;
    }
    case ShotScreen::CardEditor:
    case ShotScreen::CardEditorNew: {
        // A choice card shows the most of the form: its options with the right one marked.
        const auto decks = session.game.course().decks;
        const model::Deck* shown = nullptr;
        std::string cardId;
        for (const model::Deck& deck : decks) {
            for (const model::Card& card : deck.cards) {
                if (shown == nullptr || (card.type == model::CardType::Choice && cardId.empty())) {
                    shown = &deck;
                    if (card.type == model::CardType::Choice) cardId = card.id;
                }
            }
        }
        if (shown == nullptr) return "the profile's decks have no card to show";
        if (cardId.empty()) cardId = shown->cards.front().id;
        app.push(makeCardEditorScreen(app, *shown, options.screen == ShotScreen::CardEditor ? cardId : std::string(), {}));
        break;
    }
    case ShotScreen::NewDeck: app.push(makeNewDeckScreen(app, {}, {})); break;
    case ShotScreen::Retention: app.push(makeRetentionScreen(app)); break;
    case ShotScreen::Trophies: app.push(makeTrophyRoomScreen(app)); break;
    case ShotScreen::Finale: {
        auto finale = session.game.latestFinale();
        if (!finale) return "no finale reached yet: no deck has all its cards studied and no topic is mastered";
        app.push(makeFinaleScreen(app, std::move(*finale)));
        break;
    }
    }
    app.layoutIfNeeded();
    if (Screen* top = app.top()) top->settle();
    app.update(0.0f);
    app.draw(texture);
    texture.display();
    const sf::Image image = texture.getTexture().copyToImage();
    if (!image.saveToFile(options.out.string())) return "cannot write " + options.out.string();
    return {};
}

std::optional<StartTimes> measureFirstScreen(const WindowOptions& options, std::string& error) {
    if (error = displayProblem(); !error.empty()) return std::nullopt;
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    const auto msSinceStart = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - started).count(); };
    QuietSfmlErrors quiet;
    // As runWindow() does it: the course loads while the window opens.
    auto loading = loadGame(options, true);
    sf::RenderWindow window;
    openWindow(window, options);
    Session session(loading.get(), options, false);
    StartTimes times;
    times.gameReadyMs = msSinceStart();
    if (error = session.start(); !error.empty()) return std::nullopt;
    App& app = *session.app;
    fitView(window, app, window.getSize().x, window.getSize().y);
    app.showStart();
    app.update(kStep);
    app.draw(window);
    window.display();
    times.firstFrameMs = msSinceStart();
    return times;
}

std::optional<FrameTimes> measureStudyFrames(const WindowOptions& options, int frames, std::string& error) {
    if (error = displayProblem(); !error.empty()) return std::nullopt;
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    QuietSfmlErrors quiet;
    Session session(options, false, true);
    if (!session.game.hasCards()) {
        error = "no cards to study";
        return std::nullopt;
    }
    if (error = session.start(); !error.empty()) return std::nullopt;
    App& app = *session.app;
    sf::RenderWindow window;
    createWindow(window, options.width, options.height, false);
    window.setVerticalSyncEnabled(false);
    fitView(window, app, window.getSize().x, window.getSize().y);
    model::SessionOptions deckSession;
    deckSession.kind = model::SessionKind::Topic;
    deckSession.deckId = options.studyDeck;
    const bool studying = options.studyDeck.empty() ? session.game.startPreviewSession()
                                                   : session.game.startSession(deckSession) == model::SessionStart::Ready;
    if (!studying) {
        error = "no card to show";
        return std::nullopt;
    }
    app.reset(makeHomeScreen(app));
    app.push(makeStudyScreen(app, model::SessionKind::Daily));

    FrameTimes times;
    auto frame = [&] {
        sf::Event event;
        while (window.pollEvent(event)) app.handle(event);
        app.applyPending();
        app.update(kStep);
        app.draw(window);
        window.display();
    };
    frame();
    times.startToFirstFrameMs = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    // Wall time suffers when the machine is busy; processor time shows the work itself.
    auto cpuMs = [] {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0; };
        return ms(usage.ru_utime) + ms(usage.ru_stime);
    };
    const double cpuBefore = cpuMs();
    for (int i = 0; i < frames; ++i) {
        // Flip between the two beats now and then, as a player would, without saving anything.
        // Halfway, reveal the answer, so both beats are measured (nothing is saved).
        if (i == frames / 2) {
            session.game.reveal();
            if (Screen* top = app.top()) top->resumed();
        }
        const auto begin = Clock::now();
        frame();
        times.frameMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
    }
    times.cpuMsPerFrame = (cpuMs() - cpuBefore) / std::max(1, frames);
    window.close();
    return times;
}

}  // namespace attune::ui
