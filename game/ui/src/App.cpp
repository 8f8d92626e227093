// The shell: screen stack, input dispatch, live settings (see App.hpp).
#include "App.hpp"

#include "Screens.hpp"

#include <attune/ui/Theme.hpp>

#include <algorithm>

namespace attune::ui {

App::App(model::Game& game, Ui& ui, Audio& audio) : m_game(game), m_ui(ui), m_audio(audio) {
    applySettings(game.settings());
}

App::~App() = default;

void App::push(std::unique_ptr<Screen> screen) { m_pending.push_back({Pending::Kind::Push, std::move(screen)}); }
void App::pop() { m_pending.push_back({Pending::Kind::Pop, nullptr}); }
void App::reset(std::unique_ptr<Screen> screen) { m_pending.push_back({Pending::Kind::Reset, std::move(screen)}); }

void App::applyPending() {
    // Screens queued during this frame's events and updates take over only now, so no screen
    // is destroyed while one of its own functions is running.
    auto pending = std::move(m_pending);
    m_pending.clear();
    bool popped = false;
    for (auto& change : pending) {
        switch (change.kind) {
        case Pending::Kind::Push: m_stack.push_back(std::move(change.screen)); break;
        case Pending::Kind::Pop:
            if (!m_stack.empty()) m_stack.pop_back();
            popped = true;
            break;
        case Pending::Kind::Reset:
            m_stack.clear();
            m_stack.push_back(std::move(change.screen));
            break;
        }
    }
    if (popped && !m_stack.empty()) m_stack.back()->resumed();
    if (m_stack.empty() && !pending.empty()) m_quit = true;  // popped the last screen
    // A press on a screen that has gone must not click on the next one; a press on this
    // screen stays armed until its release.
    if (!pending.empty()) {
        m_pressed.reset();
        m_dragging = false;
    }
}

Screen* App::top() const { return m_stack.empty() ? nullptr : m_stack.back().get(); }

std::unique_ptr<Screen> App::make(ScreenName name) {
    switch (name) {
    case ScreenName::Home: return makeHomeScreen(*this);
    case ScreenName::Study: return makeStudyScreen(*this, model::SessionKind::Daily);
    case ScreenName::Summary: return makeSummaryScreen(*this, m_game.finish());
    case ScreenName::Settings: return makeSettingsScreen(*this);
    case ScreenName::Welcome: return makeWelcomeScreen(*this);
    }
    return makeHomeScreen(*this);
}

void App::showStart() {
    reset(makeHomeScreen(*this));
    if (m_game.home().firstLaunch) push(makeWelcomeScreen(*this));
    applyPending();
}

void App::handle(const sf::Event& event) {
    // Keys pressed in one frame arrive together: bring the screen up to date between them, so
    // a second Enter meets the grade buttons that the first one brought, not stale controls.
    layoutIfNeeded();
    Screen* screen = top();
    if (!screen) return;
    switch (event.type) {
    case sf::Event::Closed: m_quit = true; break;
    case sf::Event::Resized: resize(static_cast<float>(event.size.width), static_cast<float>(event.size.height)); break;
    case sf::Event::KeyPressed: {
        // A key pressed while no field takes text is never typed, not even into a field the key
        // itself opens (n opens the card editor on its question field, m the import path).
        m_dropText = !screen->typing();
        if (screen->onKey(event.key)) break;
        const InputAction action = actionForKey(event.key, screen->typing());
        if (action.action == Action::None) break;
        if (action.action == Action::ToggleFullscreen) {
            if (onToggleFullscreen) onToggleFullscreen();
            break;
        }
        screen->onAction(action);
        break;
    }
    case sf::Event::TextEntered:
        if (m_dropText) {
            m_dropText = false;
            break;
        }
        if (screen->typing() && event.text.unicode >= 32 && event.text.unicode != 127)
            screen->onText(static_cast<char32_t>(event.text.unicode));
        break;
    case sf::Event::MouseMoved:
        if (m_dragging) screen->onPointer(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y), true);
        screen->controls().setHover(
            screen->controls().hit(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)));
        break;
    case sf::Event::MouseButtonPressed:
        if (event.mouseButton.button == sf::Mouse::Left) {
            m_pressed = screen->controls().hit(static_cast<float>(event.mouseButton.x),
                                               static_cast<float>(event.mouseButton.y));
            if (m_pressed) screen->controls().focus(*m_pressed);
            m_dragging = true;
            screen->onPointer(static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y), false);
        }
        break;
    case sf::Event::MouseButtonReleased:
        if (event.mouseButton.button == sf::Mouse::Left) m_dragging = false;
        if (event.mouseButton.button == sf::Mouse::Left && m_pressed) {
            const auto released = screen->controls().hit(static_cast<float>(event.mouseButton.x),
                                                         static_cast<float>(event.mouseButton.y));
            const auto pressed = m_pressed;
            m_pressed.reset();
            if (released && *released == *pressed) screen->onActivate(*released);
        }
        break;
    case sf::Event::MouseWheelScrolled: screen->onScroll(event.mouseWheelScroll.delta); break;
    case sf::Event::MouseLeft: screen->controls().setHover(std::nullopt); break;
    default: break;
    }
}

void App::update(float seconds) {
    m_clock += seconds;
    m_dropText = false;  // a key's text comes with it, in the same batch of events
    if (m_toastLeft > 0.0f) m_toastLeft = std::max(0.0f, m_toastLeft - seconds);
    if (Screen* screen = top()) screen->update(seconds);
}

void App::resize(float width, float height) {
    m_ui.setViewSize(std::max(1.0f, width), std::max(1.0f, height));
    m_sized = true;
    for (auto& screen : m_stack) screen->invalidate();
}

void App::layoutIfNeeded() {
    applyPending();
    Screen* screen = top();
    if (screen && screen->dirty()) {
        screen->layout({0.0f, 0.0f, m_ui.viewWidth(), m_ui.viewHeight()});
        screen->markLaidOut();
    }
}

void App::draw(sf::RenderTarget& target) {
    layoutIfNeeded();
    target.clear(m_ui.palette().background);
    if (Screen* screen = top()) screen->draw(target);
    m_ui.flush(target);
    if (m_toastLeft > 0.0f && !m_toast.empty()) {
        const Palette& p = m_ui.palette();
        const float width = std::min(m_ui.viewWidth() - m_ui.px(40.0f), m_ui.px(720.0f));
        const float height = m_ui.textHeight(m_toast, width - m_ui.px(32.0f), TextSize::Body) + m_ui.px(20.0f);
        Rect box{(m_ui.viewWidth() - width) / 2.0f, m_ui.viewHeight() - height - m_ui.px(20.0f), width, height};
        m_ui.box(target, box, p.text, m_ui.px(10.0f));
        m_ui.draw(target, m_ui.text(m_toast, box.inset(m_ui.px(16.0f), m_ui.px(10.0f)), TextSize::Body, false, Align::Center, true),
                  p.background);
        m_ui.flush(target);
    }
}

void App::applySettings(const model::Settings& settings) {
    m_shown = settings;
    m_ui.setPalette(paletteFor(settings.theme));
    m_ui.setFontScale(settings.fontScale);
    m_ui.setReducedMotion(settings.reducedMotion);
    m_audio.setEnabled(settings.sound);
    for (auto& screen : m_stack) screen->invalidate();
}

void App::toast(std::string message, float seconds) {
    m_toast = std::move(message);
    m_toastLeft = seconds;
}

}  // namespace attune::ui
