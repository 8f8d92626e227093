// The game shell: the screen stack (push/pop queued and applied after the frame's events and
// updates), input dispatch (keys -> actions, mouse -> controls), settings applied live, and
// the fixed-timestep clock. The window (or an off-screen texture for shots) is the caller's.
#pragma once

#include "Audio.hpp"
#include <attune/model/session/Game.hpp>
#include "Screen.hpp"
#include <attune/ui/Ui.hpp>

#include <SFML/Window/Event.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace attune::ui {

enum class ScreenName { Home, Study, Summary, Settings, Welcome };

class App {
public:
    App(model::Game& game, Ui& ui, Audio& audio);
    ~App();

    model::Game& game() { return m_game; }
    Ui& ui() { return m_ui; }
    Audio& audio() { return m_audio; }

    // --- the stack (deferred) -------------------------------------------------------------
    void push(std::unique_ptr<Screen> screen);
    void pop();
    /// Clears the stack and shows `screen` alone.
    void reset(std::unique_ptr<Screen> screen);
    void applyPending();
    Screen* top() const;
    std::size_t depth() const { return m_stack.size(); }

    /// The screens by name (used by the shell, the shot command and the tests).
    std::unique_ptr<Screen> make(ScreenName name);
    /// What the game opens with: the welcome on first launch, else home.
    void showStart();

    // --- input and frame -------------------------------------------------------------------
    void handle(const sf::Event& event);
    void update(float seconds);
    void draw(sf::RenderTarget& target);
    void resize(float width, float height);
    /// Lays out every dirty screen now (before a draw, and for tests).
    void layoutIfNeeded();

    /// Theme, font scale, sound and motion from the profile's settings, live.
    void applySettings(const model::Settings& settings);
    /// The settings in force: the profile's, with this run's --theme/--font-scale on top.
    const model::Settings& shownSettings() const { return m_shown; }

    void requestQuit() { m_quit = true; }
    bool quitRequested() const { return m_quit; }
    void clearQuit() { m_quit = false; }
    /// Set by the window shell: called on F11.
    std::function<void()> onToggleFullscreen;

    /// A short message at the bottom of the window for a few seconds (e.g. a save problem).
    void toast(std::string message, float seconds = 4.0f);
    float clock() const { return m_clock; }

private:
    model::Game& m_game;
    Ui& m_ui;
    Audio& m_audio;
    std::vector<std::unique_ptr<Screen>> m_stack;
    struct Pending {
        enum class Kind { Push, Pop, Reset } kind;
        std::unique_ptr<Screen> screen;
    };
    std::vector<Pending> m_pending;
    bool m_quit = false;
    bool m_sized = false;
    float m_clock = 0.0f;
    std::string m_toast;
    float m_toastLeft = 0.0f;
    std::optional<int> m_pressed;  // control id under a mouse press
    bool m_dragging = false;       // the left button is held
    bool m_dropText = false;       // the text of the key just pressed is not typed
    model::Settings m_shown;
};

}  // namespace attune::ui
