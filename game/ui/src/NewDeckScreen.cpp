// New deck: a title and the topics, and the deck file is made in the player's deck folder (its
// id made from the title, shown while typing); then the card editor opens on it.
#include "InsightScreens.hpp"
#include "TextField.hpp"

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/core/Text.hpp>
#include <attune/model/deck/CardEdit.hpp>
#include <attune/model/deck/DeckImport.hpp>

namespace attune::ui {
namespace {

enum Id { Back = 1, Title, Topics, Create };

std::vector<std::string> topicTitles(const std::string& text) {
    std::vector<std::string> titles;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of(",\n", start);
        if (end == std::string::npos) end = text.size();
        titles.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return titles;
}

class NewDeckScreen final : public Screen {
public:
    NewDeckScreen(App& app, std::set<std::string> taken, std::function<void(const std::filesystem::path&, const std::string&)> onCreated)
        : Screen(app), m_taken(std::move(taken)), m_onCreated(std::move(onCreated)) {
        m_controls.focus(Title);
    }

    bool typing() const override { return field(m_controls.focused().value_or(0)) != nullptr; }

    bool onKey(const sf::Event::KeyEvent& key) override {
        TextField* f = field(m_controls.focused().value_or(0));
        if (f == nullptr || !f->key(key)) return false;
        m_error.clear();
        invalidate();
        return true;
    }

    void onText(char32_t codePoint) override {
        if (TextField* f = field(m_controls.focused().value_or(0))) {
            f->type(codePoint);
            m_error.clear();
            invalidate();
        }
    }

    void onPointer(float x, float y, bool drag) override {
        const int id = m_controls.focused().value_or(0);
        TextField* f = field(id);
        const Control* c = m_controls.find(id);
        if (f == nullptr || c == nullptr || (!drag && !c->rect.contains(x, y))) return;
        f->placeCaret(f->offsetAtPoint(m_app.ui(), x, y), drag);
        invalidate();
    }

    void onAction(const InputAction& action) override {
        if (action.action == Action::MoveOn && field(m_controls.focused().value_or(0)) != nullptr) {
            m_controls.moveFocus(1);  // Enter in a field moves on, as Tab does
            invalidate();
            return;
        }
        Screen::onAction(action);
        invalidate();
    }

    void onActivate(int id) override {
        if (id == Back) m_app.pop();
        else if (id == Create) create();
        else if (field(id) != nullptr) m_controls.moveFocus(1);
        invalidate();
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        const auto focus = m_controls.focused();
        m_controls.clear();
        m_texts.clear();
        const float gap = ui.px(12.0f);
        Rect content = area.inset(ui.px(24.0f));
        content = content.centered(std::min(content.w, ui.px(900.0f)), content.h);
        content = layoutHeader(ui, m_controls, content, Back, "New deck", m_title, gap);
        auto text = [&](const std::string& s, float size, bool bold, bool muted) {
            const float h = std::min(content.h, ui.textHeight(s, content.w, size, bold));
            m_texts.push_back({ui.text(s, content.takeTop(h, ui.px(4.0f)), size, bold, Align::Left, false, 0.5f), muted});
        };
        auto fieldRow = [&](int id, TextField& f, const std::string& label) {
            text(label, TextSize::Small, true, true);
            const float h = std::min(content.h, f.height(ui, content.w));
            f.layout(ui, m_controls.add(Control(id, content.takeTop(h, gap), "").withField(&f), ui).rect);
        };
        fieldRow(Title, m_titleField, "Title");
        fieldRow(Topics, m_topicsField, "Topics, separated by commas (each card belongs to one)");
        const std::string id = model::slugify(model::trimmed(m_titleField.text()), 40);
        text("The deck goes into " + (model::userDecksDir() / ((id.empty() ? std::string("my-deck") : id) + ".toml")).string() +
                 " (its id made from the title). Then the card editor opens on it.",
             TextSize::Small, false, true);
        if (!m_error.empty()) text("Nothing was made: " + m_error + ".", TextSize::Body, true, false);
        content.takeTop(gap);
        const float w = std::min(content.w, ui.width("Create the deck", ui.textSize(TextSize::Body), true) + ui.px(60.0f));
        Rect button = content.takeTop(buttonHeight(ui));
        button.w = w;
        m_controls.add(Control(Create, button, "Create the deck").withStyle(ButtonStyle::Primary), ui);
        m_controls.focus(focus.value_or(Title));
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        for (const auto& t : m_texts) ui.draw(target, t.block, t.muted ? p.textMuted : p.text);
        m_controls.draw(target, ui, {}, m_app.clock());
    }

private:
    struct Line {
        TextBlock block;
        bool muted = false;
    };

    TextField* field(int id) {
        if (id == Title) return &m_titleField;
        if (id == Topics) return &m_topicsField;
        return nullptr;
    }
    const TextField* field(int id) const { return const_cast<NewDeckScreen*>(this)->field(id); }

    void create() {
        const model::NewDeckResult made = model::createDeck(model::userDecksDir(), m_titleField.text(), topicTitles(m_topicsField.text()), m_taken);
        if (!made.ok) {
            m_error = made.error;
            m_controls.focus(m_titleField.text().empty() ? Title : Topics);
            return;
        }
        m_app.pop();
        if (m_onCreated) m_onCreated(made.file, made.deckId);
    }

    std::set<std::string> m_taken;
    std::function<void(const std::filesystem::path&, const std::string&)> m_onCreated;
    TextField m_titleField{200, false};
    TextField m_topicsField{2000, true};
    std::string m_error;
    TextBlock m_title;
    std::vector<Line> m_texts;
};

}  // namespace

std::unique_ptr<Screen> makeNewDeckScreen(App& app, std::set<std::string> takenDeckIds,
                                          std::function<void(const std::filesystem::path&, const std::string&)> onCreated) {
    return std::make_unique<NewDeckScreen>(app, std::move(takenDeckIds), std::move(onCreated));
}

}  // namespace attune::ui
