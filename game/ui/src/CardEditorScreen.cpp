// The card editor: a form for one card of a deck file of the player's (a new card, or one to
// change). The fields follow the card's type; what `attune deck check` would say about the card
// shows under the field it concerns while the player types. Save (Ctrl+S) rewrites only that
// card's table in the file (model/deck/CardEdit) and writes nothing while the card has errors;
// Esc with changes not saved asks first.
#include "InsightScreens.hpp"
#include "TextField.hpp"

#include <attune/model/core/Text.hpp>
#include <attune/model/deck/CardEdit.hpp>
#include <attune/model/save/SaveFile.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <functional>
#include <set>

namespace attune::ui {
namespace {

enum Id {
    Back = 1, Save, TypeButton, TopicButton, MakeBlank, TruthButton, AddOption, RemoveOption,
    Question = 10, Answer, Accept, Explain, Source, Tags, Image, Alt,
    FirstOption = 20, FirstRight = 30,
    ConfirmSave = 40, ConfirmDiscard, ConfirmKeep
};
constexpr int kMaxOptions = 6;

const char* typeTitle(model::CardType type) {
    switch (type) {
    case model::CardType::Basic: return "Basic: a question and its answer";
    case model::CardType::Reverse: return "Reverse: studied both ways";
    case model::CardType::Cloze: return "Cloze: fill in the gap";
    case model::CardType::Choice: return "Choice: pick the right option";
    case model::CardType::TrueFalse: return "True or false";
    case model::CardType::TypeIn: return "Type-in: type the answer";
    }
    return "";
}

const char* questionLabel(model::CardType type) {
    switch (type) {
    case model::CardType::Basic: return "Front (the question)";
    case model::CardType::Reverse: return "Front (a term; studied both ways)";
    case model::CardType::Cloze: return "Text, with gaps written {{c1::hidden}}";
    case model::CardType::Choice: return "Prompt";
    case model::CardType::TrueFalse: return "Statement";
    case model::CardType::TypeIn: return "Prompt";
    }
    return "";
}

// "a; b ;c" -> {"a", "b", "c"}
std::vector<std::string> splitList(const std::string& text, char separator) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(separator, start);
        if (end == std::string::npos) end = text.size();
        const std::string item(model::trimmed(std::string_view(text).substr(start, end - start)));
        if (!item.empty()) items.push_back(item);
        start = end + 1;
    }
    return items;
}

std::string joinList(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? separator : "") + items[i];
    return out;
}

// The highest N of the {{cN:: gaps in a cloze text.
int highestGap(const std::string& text) {
    int highest = 0;
    for (std::size_t at = text.find("{{c"); at != std::string::npos; at = text.find("{{c", at + 3)) {
        int n = 0;
        std::size_t i = at + 3;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && n < 1000) n = n * 10 + (text[i++] - '0');
        if (text.compare(i, 2, "::") == 0) highest = std::max(highest, n);
    }
    return highest;
}

bool isWordByte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) != 0 || c == '\'' || c == '-';
}

void shift(TextBlock& block, float dy) {
    block.box.y += dy;
    for (auto& run : block.runs) run.y += dy;
}

class CardEditorScreen final : public Screen {
public:
    CardEditorScreen(App& app, model::Deck deck, std::string cardId, std::function<void(const std::string&)> onSaved)
        : Screen(app), m_deck(std::move(deck)), m_cardId(std::move(cardId)), m_onSaved(std::move(onSaved)) {
        for (const auto& record : app.game().profile().reviews()) {
            if (record.deckId != m_deck.id) continue;
            const std::string& id = record.cardId.str();
            m_taken.insert(id.substr(0, id.find('#')));
        }
        model::Card card;
        if (const model::Card* existing = m_deck.findCard(m_cardId)) {
            card = *existing;
        } else {
            m_cardId.clear();
            card.type = model::CardType::Basic;
            if (!m_deck.topics.empty()) card.topic = m_deck.topics.front().id;
        }
        fill(card);
        m_saved = current();
        std::string error;
        if (!model::savefile::readWhole(m_deck.file, m_fileText, error)) m_status = "The deck file cannot be read: " + error;
        m_controls.focus(Question);
        m_revealFocus = true;
        check();
    }

    EditorView view() const {
        EditorView v;
        v.deckId = m_deck.id;
        v.cardId = m_cardId;
        v.type = std::string(model::cardTypeName(m_type));
        v.question = m_question.text();
        v.unsaved = unsaved();
        v.confirmOpen = m_confirm;
        v.status = m_status;
        for (const auto& p : m_problems)
            if (shown(p)) v.problems.push_back((p.key.empty() ? std::string("card") : p.key) + ": " + p.diagnostic.message);
        return v;
    }

    bool typing() const override { return !m_confirm && fieldOf(focusedId()) != nullptr; }

    void update(float) override {
        if (m_checkDue && m_app.clock() >= m_checkAt) check();
    }

    void onScroll(float notches) override {
        m_scroll.scroll -= notches * m_app.ui().px(60.0f);
        m_scroll.clamp();
        invalidate();
    }

    bool onKey(const sf::Event::KeyEvent& key) override {
        if (m_confirm) return false;
        if (key.control && key.code == sf::Keyboard::S) {
            save(false);
            return true;
        }
        if (key.control && key.code == sf::Keyboard::B && m_type == model::CardType::Cloze) {
            makeBlank();
            return true;
        }
        TextField* field = fieldOf(focusedId());
        if (field == nullptr) return false;
        const std::string before = field->text();
        if (!field->key(key)) return false;
        if (field->text() != before) changed();
        m_revealFocus = true;
        invalidate();
        return true;
    }

    void onText(char32_t codePoint) override {
        if (TextField* field = fieldOf(focusedId())) {
            field->type(codePoint);
            changed();
        }
    }

    void onPointer(float x, float y, bool drag) override {
        const int id = focusedId();
        TextField* field = fieldOf(id);
        const Control* control = m_controls.find(id);
        if (field == nullptr || control == nullptr || (!drag && !control->rect.contains(x, y))) return;
        field->placeCaret(field->offsetAtPoint(m_app.ui(), x, y), drag);
        invalidate();
    }

    void onAction(const InputAction& action) override {
        if (m_confirm) {
            if (action.action == Action::Back) closeConfirm();
            else handleFocusAction(action);
            invalidate();
            return;
        }
        if (action.action == Action::Back) {
            leave();
            return;
        }
        if (action.action == Action::MoveOn && fieldOf(focusedId()) != nullptr) {
            // Enter in a field moves on to the next one, as Tab does.
            m_controls.moveFocus(1);
            m_revealFocus = true;
            invalidate();
            return;
        }
        if (handleFocusAction(action)) m_revealFocus = true;
        invalidate();
    }

    void onActivate(int id) override {
        invalidate();
        switch (id) {
        case Back: leave(); return;
        case Save: save(false); return;
        case TypeButton:
            m_type = static_cast<model::CardType>((static_cast<int>(m_type) + 1) % static_cast<int>(model::kCardTypeNames.size()));
            changed();
            return;
        case TopicButton:
            if (!m_deck.topics.empty()) {
                auto it = std::find_if(m_deck.topics.begin(), m_deck.topics.end(), [this](const model::Topic& t) { return t.id == m_topic; });
                m_topic = (it == m_deck.topics.end() || std::next(it) == m_deck.topics.end()) ? m_deck.topics.front().id : std::next(it)->id;
                changed();
            }
            return;
        case MakeBlank: makeBlank(); return;
        case TruthButton:
            m_truth = !m_truth;
            changed();
            return;
        case AddOption:
            if (m_optionCount < kMaxOptions) {
                ++m_optionCount;
                m_controls.focus(FirstOption + static_cast<int>(m_optionCount) - 1);
                m_revealFocus = true;
                changed();
            }
            return;
        case RemoveOption:
            if (m_optionCount > 2) {
                --m_optionCount;
                m_options[m_optionCount].setText({});
                if (m_right >= static_cast<int>(m_optionCount)) m_right = 0;
                changed();
            }
            return;
        case ConfirmSave: save(true); return;
        case ConfirmDiscard: m_app.pop(); return;
        case ConfirmKeep: closeConfirm(); return;
        default: break;
        }
        if (id >= FirstRight && id < FirstRight + kMaxOptions) {
            m_right = id - FirstRight;
            changed();
        } else if (fieldOf(id) != nullptr) {
            m_controls.moveFocus(1);
            m_revealFocus = true;
        }
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        auto focus = m_controls.focused();
        m_controls.clear();
        m_texts.clear();
        const float gap = ui.px(12.0f);
        Rect content = area.inset(ui.px(24.0f));
        content = content.centered(std::min(content.w, ui.px(1000.0f)), content.h);
        const std::string title = (m_cardId.empty() ? "New card in " : "Edit card in ") + m_deck.title;
        content = layoutHeader(ui, m_controls, content, Back, title, m_title, gap);

        // The footer: what the check says, and Save.
        Rect footer = content.takeBottom(buttonHeight(ui), gap);
        const unsigned body = ui.textSize(TextSize::Body);
        const float saveW = std::min(footer.w * 0.45f, ui.width("Save (Ctrl+S)", body, true) + ui.px(48.0f));
        const Rect saveRect = footer.takeRight(saveW, gap);
        if (!m_confirm) m_controls.add(Control(Save, saveRect, "Save (Ctrl+S)").withStyle(ButtonStyle::Primary), ui);
        m_footer = ui.text(footerText(), footer, TextSize::Small, false, Align::Left, true, 0.5f);

        if (m_confirm) {
            layoutConfirm(ui, content);
            return;
        }

        // The form, in list coordinates (from 0), then placed in the scrolled view.
        m_scroll.view = content;
        m_pending.clear();
        const float w = content.w - ui.px(12.0f);  // room for the scroll bar
        float y = 0.0f;
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        auto label = [&](const std::string& text, float width) {
            const float h = ui.textHeight(text, width, TextSize::Small, true);
            m_texts.push_back({ui.text(text, {0.0f, y, width, h}, TextSize::Small, true, Align::Left, false, 0.5f), Ink::Muted, Icon::None, {}});
            return h;
        };
        auto problems = [&](const std::string& key, int item) {
            for (const auto& p : m_problems) {
                if (!shown(p)) continue;
                if (p.key != key || (item >= 0 && p.item != item) || (item < 0 && key == "options" && p.item >= 0)) continue;
                const bool error = p.diagnostic.severity == model::Diagnostic::Severity::Error;
                const std::string text = (error ? "Error: " : "Warning: ") + p.diagnostic.message;
                const float h = ui.textHeight(text, w - small * 1.3f, TextSize::Small);
                Rect row{0.0f, y, w, h};
                const Rect icon = row.takeLeft(small, small * 0.3f).takeTop(small).centered(small * 0.8f, small * 0.8f);
                m_texts.push_back({ui.text(text, row, TextSize::Small, false, Align::Left, false, 0.5f), Ink::Text, error ? Icon::Cross : Icon::Star, icon});
                y += h + ui.px(4.0f);
            }
        };
        auto fieldRow = [&](int id, const std::string& caption, const std::string& key, int item = -1) {
            y += label(caption, w) + ui.px(4.0f);
            TextField& field = *fieldOf(id);
            const float h = field.height(ui, w);
            addPending(Control(id, {0.0f, y, w, h}, "").withField(&field));
            y += h + ui.px(4.0f);
            problems(key, item);
            y += gap;
        };
        auto buttonRow = [&](int id, const std::string& caption, const std::string& text, const std::string& key) {
            y += label(caption, w) + ui.px(4.0f);
            const float bw = std::min(w, ui.width(text, body, true) + ui.px(48.0f));
            addPending(Control(id, {0.0f, y, bw, buttonHeight(ui)}, text));
            y += buttonHeight(ui) + ui.px(4.0f);
            problems(key, -1);
            y += gap;
        };

        // Problems about the card as a whole (a missing key, another card's id) come first.
        problems("", -1);
        problems("id", -1);
        if (!m_problems.empty() && m_problems.front().key.empty() && shown(m_problems.front())) y += gap;
        y += label("Card id: " + (m_cardId.empty() ? (m_newId.empty() ? std::string("made from the question when saved") : m_newId + " (made from the question)") : m_cardId + " (kept: the progress belongs to it)") +
                       " \xC2\xB7 " + m_deck.file.filename().string(),
                   w) +
             gap;
        buttonRow(TypeButton, "Card type (Enter for the next)", std::string(typeTitle(m_type)) + " \xE2\x96\xB8", "type");
        buttonRow(TopicButton, "Topic", topicTitle() + " \xE2\x96\xB8", "topic");
        if (m_type == model::CardType::Cloze) {
            y += label(questionLabel(m_type), w) + ui.px(4.0f);
            const std::string blank = "Make blank (Ctrl+B)";
            const float bw = std::min(w, ui.width(blank, body, true) + ui.px(48.0f));
            addPending(Control(MakeBlank, {0.0f, y, bw, buttonHeight(ui)}, blank));
            y += buttonHeight(ui) + ui.px(6.0f);
            const float h = m_question.height(ui, w);
            addPending(Control(Question, {0.0f, y, w, h}, "").withField(&m_question));
            y += h + ui.px(4.0f);
            problems("text", -1);
            y += gap;
        } else {
            fieldRow(Question, questionLabel(m_type), questionKey());
        }
        switch (m_type) {
        case model::CardType::Basic:
        case model::CardType::Reverse: fieldRow(Answer, "Back (the answer)", "back"); break;
        case model::CardType::TypeIn:
            fieldRow(Answer, "Answer (one to three words)", "answer");
            fieldRow(Accept, "Other answers that count, separated by ;", "accept");
            break;
        case model::CardType::TrueFalse: buttonRow(TruthButton, "The statement is", m_truth ? "True \xE2\x96\xB8" : "False \xE2\x96\xB8", "answer"); break;
        case model::CardType::Choice: layoutOptions(ui, w, y, gap, label, problems); break;
        case model::CardType::Cloze: break;
        }
        fieldRow(Explain, "Explain: why, in one to three sentences (Shift+Enter for a new line)", "explain");
        fieldRow(Source, "Source (where the fact comes from)", "source");
        fieldRow(Tags, "Tags, separated by spaces", "tags");
        fieldRow(Image, "Picture: a path inside the deck's folder, like pictures/map.png", "image");
        fieldRow(Alt, "The picture in words", "alt");
        problems("allow", -1);
        m_scroll.content = y;

        // Place it: the focused control in view after a move of the focus.
        if (!focus || !hasPending(*focus)) focus = Question;
        if (m_revealFocus) {
            for (const auto& c : m_pending)
                if (c.id == *focus) m_scroll.reveal(c.rect.y - gap, c.rect.h + gap * 2.0f);
            m_revealFocus = false;
        }
        m_scroll.clamp();
        const float dy = content.y - m_scroll.scroll;
        for (Control c : m_pending) {
            c.rect.y += dy;
            c.rect.x += content.x;
            c.hidden = !content.encloses(c.rect);
            if (TextField* field = fieldOf(c.id)) field->layout(ui, c.rect);
            m_controls.add(std::move(c), ui);
        }
        for (auto& t : m_texts) {
            shift(t.block, dy);
            for (auto& run : t.block.runs) run.x += content.x;
            t.block.box.x += content.x;
            t.icon.y += dy;
            t.icon.x += content.x;
        }
        m_controls.focus(*focus);
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        if (m_confirm) ui.panel(target, m_confirmPanel);
        for (const auto& t : m_texts) {
            if (!m_confirm && !m_scroll.view.encloses(t.block.box)) continue;
            if (t.iconKind != Icon::None) ui.icon(target, t.iconKind, t.icon, t.iconKind == Icon::Cross ? p.wrong : p.xp);
            ui.draw(target, t.block, t.ink == Ink::Muted ? p.textMuted : p.text);
        }
        m_controls.draw(target, ui, {}, m_app.clock());
        if (!m_confirm && m_scroll.content > m_scroll.view.h + 0.5f) {
            // Where the view is in the form: a thin bar at the right edge.
            const Rect& v = m_scroll.view;
            const float barW = std::max(3.0f, ui.px(4.0f));
            const float thumbH = std::max(ui.px(24.0f), v.h * v.h / m_scroll.content);
            const float thumbY = v.y + (v.h - thumbH) * (m_scroll.scroll / std::max(1.0f, m_scroll.content - v.h));
            ui.box(target, {v.right() - barW, v.y, barW, v.h}, p.border, barW / 2.0f);
            ui.box(target, {v.right() - barW, thumbY, barW, thumbH}, p.textMuted, barW / 2.0f);
        }
        ui.draw(target, m_footer, m_errors > 0 ? p.wrong : p.textMuted);
    }

private:
    enum class Ink { Text, Muted };
    struct Text {
        TextBlock block;
        Ink ink = Ink::Text;
        Icon iconKind = Icon::None;
        Rect icon;
    };

    int focusedId() const { return m_controls.focused().value_or(0); }

    TextField* fieldOf(int id) {
        switch (id) {
        case Question: return &m_question;
        case Answer: return &m_answer;
        case Accept: return &m_accept;
        case Explain: return &m_explain;
        case Source: return &m_source;
        case Tags: return &m_tags;
        case Image: return &m_image;
        case Alt: return &m_alt;
        default: break;
        }
        if (id >= FirstOption && id < FirstOption + kMaxOptions) return &m_options[static_cast<std::size_t>(id - FirstOption)];
        return nullptr;
    }
    const TextField* fieldOf(int id) const { return const_cast<CardEditorScreen*>(this)->fieldOf(id); }

    void addPending(Control c) { m_pending.push_back(std::move(c)); }
    bool hasPending(int id) const {
        return std::any_of(m_pending.begin(), m_pending.end(), [id](const Control& c) { return c.id == id; });
    }

    std::string questionKey() const {
        switch (m_type) {
        case model::CardType::Basic:
        case model::CardType::Reverse: return "front";
        case model::CardType::Cloze: return "text";
        case model::CardType::Choice:
        case model::CardType::TypeIn: return "prompt";
        case model::CardType::TrueFalse: return "statement";
        }
        return {};
    }

    std::string topicTitle() const {
        const model::Topic* topic = m_deck.findTopic(m_topic);
        return topic != nullptr ? topic->title : (m_topic.empty() ? std::string("(none)") : m_topic);
    }

    template <typename Label, typename Problems>
    void layoutOptions(Ui& ui, float w, float& y, float gap, Label& label, Problems& problems) {
        y += label("Options (2 to 6): mark the right one", w) + ui.px(4.0f);
        const unsigned body = ui.textSize(TextSize::Body);
        // The right option's button has a check before its label.
        const float markW = std::min(w * 0.45f, ui.width("Right answer", body, true) + ui.lineHeight(body) + ui.px(64.0f));
        for (std::size_t i = 0; i < m_optionCount; ++i) {
            TextField& field = m_options[i];
            const float h = std::max(buttonHeight(ui), field.height(ui, w - markW - gap));
            const bool right = static_cast<int>(i) == m_right;
            addPending(Control(FirstRight + static_cast<int>(i), {0.0f, y, markW, buttonHeight(ui)}, right ? "Right answer" : "Mark right")
                           .withStyle(right ? ButtonStyle::Right : ButtonStyle::Quiet));
            addPending(Control(FirstOption + static_cast<int>(i), {markW + gap, y, w - markW - gap, h}, "Option " + std::to_string(i + 1)).withField(&field));
            y += h + ui.px(6.0f);
            problems("options", static_cast<int>(i));
        }
        const std::string add = "Add an option", remove = "Remove the last";
        const float bw = std::min((w - gap) / 2.0f, std::max(ui.width(add, body, true), ui.width(remove, body, true)) + ui.px(48.0f));
        addPending(Control(AddOption, {0.0f, y, bw, buttonHeight(ui)}, add).enabledIf(m_optionCount < kMaxOptions));
        addPending(Control(RemoveOption, {bw + gap, y, bw, buttonHeight(ui)}, remove).enabledIf(m_optionCount > 2));
        y += buttonHeight(ui) + ui.px(4.0f);
        problems("options", -1);
        problems("answer", -1);
        y += gap;
    }

    void layoutConfirm(Ui& ui, Rect area) {
        const float gap = ui.px(12.0f);
        const unsigned body = ui.textSize(TextSize::Body);
        const std::string text = "This card has changes that are not saved. Save them, discard them, or keep editing?";
        const float textH = ui.textHeight(text, area.w - ui.px(48.0f), TextSize::Body);
        const float buttons = buttonHeight(ui) * 3.0f + gap * 2.0f;
        const float h = std::min(area.h, textH + buttons + gap + ui.px(40.0f));
        m_confirmPanel = area.centered(area.w, h);
        Rect r = m_confirmPanel.inset(ui.px(24.0f), ui.px(20.0f));
        m_texts.push_back({ui.text(text, r.takeTop(std::min(r.h, textH), gap), TextSize::Body, false, Align::Left, false, 0.5f), Ink::Text, Icon::None, {}});
        const float bw = std::min(r.w, ui.width("Keep editing", body, true) + ui.px(80.0f));
        m_controls.add(Control(ConfirmSave, r.takeTop(buttonHeight(ui), gap).centered(bw, buttonHeight(ui)), "Save").withStyle(ButtonStyle::Primary), ui);
        m_controls.add(Control(ConfirmDiscard, r.takeTop(buttonHeight(ui), gap).centered(bw, buttonHeight(ui)), "Discard"), ui);
        m_controls.add(Control(ConfirmKeep, r.takeTop(buttonHeight(ui), gap).centered(bw, buttonHeight(ui)), "Keep editing"), ui);
        const auto focus = m_controls.focused();
        if (!focus || *focus < ConfirmSave) m_controls.focus(ConfirmSave);
    }

    /// A new card's problems show beside a field once it has text (an empty field is not yet a
    /// mistake), and all of them after a try to save; an existing card's show at once.
    bool shown(const model::FieldProblem& p) const {
        if (!m_cardId.empty() || m_triedToSave) return true;
        const std::string& key = p.key;
        if (key == questionKey()) return !m_question.text().empty();
        if (key == "back" || (key == "answer" && m_type == model::CardType::TypeIn)) return !m_answer.text().empty();
        if (key == "options") return p.item >= 0 && p.item < kMaxOptions && !m_options[static_cast<std::size_t>(p.item)].text().empty();
        if (key == "answer" && m_type == model::CardType::Choice)
            return std::any_of(m_options.begin(), m_options.end(), [](const TextField& f) { return !f.text().empty(); });
        if (key == "answer") return true;
        if (key == "accept") return !m_accept.text().empty();
        if (key == "explain") return !m_explain.text().empty();
        if (key == "source") return !m_source.text().empty();
        if (key == "tags") return !m_tags.text().empty();
        if (key == "image") return !m_image.text().empty();
        if (key == "alt") return !m_alt.text().empty();
        return false;
    }

    std::string footerText() const {
        if (!m_status.empty()) return m_status;
        const bool hidden = std::any_of(m_problems.begin(), m_problems.end(), [this](const model::FieldProblem& p) { return !shown(p); });
        if (hidden && m_errors > 0) return "Fill in the card, then save (Ctrl+S): problems show under their fields as you write.";
        if (m_errors == 0 && m_warnings == 0) return unsaved() ? "No problems. Not saved yet." : "No problems.";
        std::string text = std::to_string(m_errors) + (m_errors == 1 ? " error" : " errors") + ", " + std::to_string(m_warnings) +
                           (m_warnings == 1 ? " warning" : " warnings");
        return text + (m_errors > 0 ? ": fix the errors to save (each is under its field)" : ": warnings are advice; the card can be saved");
    }

    void fill(const model::Card& card) {
        m_type = card.type;
        m_topic = card.topic;
        switch (card.type) {
        case model::CardType::Basic:
        case model::CardType::Reverse:
            m_question.setText(card.front);
            m_answer.setText(card.back);
            break;
        case model::CardType::Cloze: m_question.setText(card.text); break;
        case model::CardType::Choice: m_question.setText(card.prompt); break;
        case model::CardType::TypeIn:
            m_question.setText(card.prompt);
            m_answer.setText(card.answer);
            break;
        case model::CardType::TrueFalse: m_question.setText(card.statement); break;
        }
        m_truth = card.truth;
        m_accept.setText(joinList(card.accept, "; "));
        m_explain.setText(card.explain);
        m_source.setText(card.source);
        m_tags.setText(joinList(card.tags, " "));
        m_image.setText(card.image);
        m_alt.setText(card.alt);
        m_allow = card.allow;
        m_optionCount = std::clamp<std::size_t>(card.options.size(), 2, kMaxOptions);
        m_right = 0;
        for (std::size_t i = 0; i < card.options.size() && i < kMaxOptions; ++i) {
            m_options[i].setText(card.options[i]);
            if (card.options[i] == card.answer) m_right = static_cast<int>(i);
        }
    }

    /// The card as the form says now.
    model::Card current() const {
        model::Card card;
        card.id = m_cardId;
        card.topic = m_topic;
        card.type = m_type;
        const std::string question = m_question.text();
        switch (m_type) {
        case model::CardType::Basic:
        case model::CardType::Reverse:
            card.front = question;
            card.back = m_answer.text();
            break;
        case model::CardType::Cloze: card.text = question; break;
        case model::CardType::Choice:
            card.prompt = question;
            for (std::size_t i = 0; i < m_optionCount; ++i) card.options.push_back(m_options[i].text());
            card.answer = m_right < static_cast<int>(m_optionCount) ? m_options[static_cast<std::size_t>(m_right)].text() : std::string();
            break;
        case model::CardType::TrueFalse:
            card.statement = question;
            card.truth = m_truth;
            break;
        case model::CardType::TypeIn:
            card.prompt = question;
            card.answer = m_answer.text();
            card.accept = splitList(m_accept.text(), ';');
            break;
        }
        card.explain = m_explain.text();
        card.source = m_source.text();
        card.tags = splitList(m_tags.text(), ' ');
        card.image = m_image.text();
        card.alt = m_alt.text();
        card.allow = m_allow;
        return card;
    }

    bool unsaved() const { return model::cardTableToml(current()) != model::cardTableToml(m_saved); }

    void changed() {
        m_status.clear();
        m_checkDue = true;
        // After a pause in typing, not on every key; a large deck, whose check takes longer, waits
        // for a longer pause.
        m_checkAt = m_app.clock() + std::max(0.25f, m_checkSeconds * 3.0f);
        invalidate();
    }

    void check() {
        m_checkDue = false;
        if (m_fileText.empty()) return;
        const auto start = std::chrono::steady_clock::now();
        const model::CardEditResult result = model::editCardText(m_fileText, m_deck.file, current(), m_cardId, m_taken);
        m_checkSeconds = std::chrono::duration<float>(std::chrono::steady_clock::now() - start).count();
        setProblems(result);
        invalidate();
    }

    void setProblems(const model::CardEditResult& result) {
        m_problems = result.problems;
        if (!result.error.empty()) m_problems.insert(m_problems.begin(), {{}, -1, {model::Diagnostic::Severity::Error, m_deck.file.string(), 0, 0, result.error}});
        m_newId = m_cardId.empty() && !model::trimmed(m_question.text()).empty() ? result.cardId : std::string();
        m_errors = m_warnings = 0;
        for (const auto& p : m_problems) (p.diagnostic.severity == model::Diagnostic::Severity::Error ? m_errors : m_warnings)++;
    }

    void save(bool thenLeave) {
        m_triedToSave = true;
        const model::CardSaveResult result = model::saveCard(m_deck.file, current(), m_cardId, m_taken);
        setProblems(result.edit);
        m_confirm = false;
        invalidate();
        if (!result.saved.ok) {
            m_status = result.saved.message;
            focusFirstProblem();
            return;
        }
        m_cardId = result.edit.cardId;
        m_saved = current();
        m_fileText = result.edit.text;
        m_newId.clear();
        m_status = "Saved: card " + m_cardId + " in " + m_deck.file.filename().string() + ".";
        if (m_onSaved) m_onSaved(m_cardId);
        if (thenLeave) m_app.pop();
    }

    void focusFirstProblem() {
        for (const auto& p : m_problems) {
            if (p.diagnostic.severity != model::Diagnostic::Severity::Error) continue;
            int id = 0;
            if (p.key == questionKey()) id = Question;
            else if (p.key == "back" || (p.key == "answer" && m_type == model::CardType::TypeIn)) id = Answer;
            else if (p.key == "options") id = FirstOption + std::max(0, p.item);
            else if (p.key == "answer" && m_type == model::CardType::Choice) id = FirstRight + m_right;
            else if (p.key == "explain") id = Explain;
            else if (p.key == "image") id = Image;
            else if (p.key == "alt") id = Alt;
            else if (p.key == "source") id = Source;
            if (id != 0) {
                m_controls.focus(id);
                m_revealFocus = true;
                return;
            }
        }
    }

    void leave() {
        if (!unsaved()) {
            m_app.pop();
            return;
        }
        m_confirm = true;
        m_focusBeforeConfirm = focusedId();
        m_controls.focus(ConfirmSave);
        invalidate();
    }

    void closeConfirm() {
        m_confirm = false;
        if (m_focusBeforeConfirm != 0) m_controls.focus(m_focusBeforeConfirm);
        invalidate();
    }

    /// Wraps the selection, or the word at the caret, in the next cloze gap {{cN::...}}.
    void makeBlank() {
        if (m_type != model::CardType::Cloze) return;
        const std::string& text = m_question.text();
        auto [first, last] = m_question.selection();
        if (first == last) {
            while (first > 0 && isWordByte(text[first - 1])) --first;
            while (last < text.size() && isWordByte(text[last])) ++last;
        }
        const std::string gap = "{{c" + std::to_string(highestGap(text) + 1) + "::";
        const std::string word = text.substr(first, last - first);
        m_question.select(first, last);
        m_question.insert(gap + word + "}}");
        // An empty gap leaves the caret inside it, to type the hidden text.
        if (word.empty()) m_question.placeCaret(first + gap.size());
        m_controls.focus(Question);
        changed();
    }

    model::Deck m_deck;
    std::string m_cardId;  // empty: a new card, until it is saved
    std::function<void(const std::string&)> m_onSaved;
    std::set<std::string> m_taken;
    std::string m_fileText;  // the deck file as last read or written
    model::Card m_saved;     // the card as in the file (for "changes not saved")

    model::CardType m_type = model::CardType::Basic;
    std::string m_topic;
    bool m_truth = true;
    std::vector<std::string> m_allow;
    TextField m_question, m_answer, m_accept, m_explain, m_source, m_tags, m_image, m_alt;
    std::array<TextField, kMaxOptions> m_options;
    std::size_t m_optionCount = 2;
    int m_right = 0;

    std::vector<model::FieldProblem> m_problems;
    std::size_t m_errors = 0, m_warnings = 0;
    std::string m_newId, m_status;
    bool m_checkDue = false;
    float m_checkAt = 0.0f;
    float m_checkSeconds = 0.0f;  // how long the last check took
    bool m_triedToSave = false;
    bool m_confirm = false;
    int m_focusBeforeConfirm = 0;
    bool m_revealFocus = false;

    ScrollArea m_scroll;
    std::vector<Control> m_pending;
    std::vector<Text> m_texts;
    TextBlock m_title, m_footer;
    Rect m_confirmPanel;
};

}  // namespace

std::unique_ptr<Screen> makeCardEditorScreen(App& app, model::Deck deck, std::string cardId, std::function<void(const std::string&)> onSaved) {
    return std::make_unique<CardEditorScreen>(app, std::move(deck), std::move(cardId), std::move(onSaved));
}

std::optional<EditorView> editorView(Screen& screen) {
    if (auto* editor = dynamic_cast<CardEditorScreen*>(&screen)) return editor->view();
    return std::nullopt;
}

}  // namespace attune::ui
