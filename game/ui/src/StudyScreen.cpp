// Study: one card at a time in two beats — answer (reveal, pick, true/false, type) then grade
// (Again/Hard/Good/Easy with their next intervals) — with the session's progress, the combo
// meter and the XP rising. Every grade is saved through the profile before the next card.
#include "App.hpp"
#include "InsightScreens.hpp"
#include "Screens.hpp"
#include "TextField.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

namespace attune::ui {
namespace {

enum Id { Option1 = 1, ShowAnswer = 10, TrueButton, FalseButton, Field, Check, Grade1 = 21, Stop = 30, Undo, CardInfo, CardMenu,
          BuryButton = 40, SuspendButton, CloseMenu };

const char* kGradeNames[4] = {"Again", "Hard", "Good", "Easy"};

std::string formatMultiplier(double m) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\xC3\x97%.1f", m);  // ×1.2
    return buffer;
}

class StudyScreen final : public Screen {
public:
    StudyScreen(App& app, model::SessionKind kind) : Screen(app) {
        m_active = app.game().inSession() || app.game().startSession(kind);
        if (m_active) refresh(true);
    }

    bool typing() const override {
        const auto focus = m_controls.focused();
        return m_active && m_card.beat == model::Beat::Answer && m_card.kind == model::CardKind::TypeIn && focus && *focus == Field;
    }

    void resumed() override {
        if (m_active && m_app.game().inSession()) refresh(false);
        invalidate();
    }

    void settle() override {
        m_xpShown = static_cast<float>(m_progress.sessionXp);
        m_flip = 1.0f;
        m_float = 0.0f;
    }

    void update(float seconds) override {
        const bool reduced = m_app.ui().reducedMotion();
        const float target = static_cast<float>(m_progress.sessionXp);
        if (reduced) {
            m_xpShown = target;
            m_flip = 1.0f;
        } else {
            m_xpShown = std::min(target, m_xpShown + std::max(1.0f, (target - m_xpShown) * 6.0f) * seconds);
            m_flip = std::min(1.0f, m_flip + seconds * 5.0f);
        }
        m_float = std::max(0.0f, m_float - seconds);
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        const auto focus = m_controls.focused();
        m_controls.clear();
        const float margin = ui.px(24.0f);
        const float gap = ui.px(14.0f);
        Rect content = area.inset(margin);
        content = content.centered(std::min(content.w, ui.px(1040.0f)), content.h);

        if (!m_active) {
            Rect bottom = content.takeBottom(buttonHeight(ui));
            m_controls.add(Control(Stop, bottom.centered(std::min(bottom.w, ui.px(320.0f)), bottom.h), "Back home").withStyle(ButtonStyle::Primary).withIcon(Icon::Back), ui);
            m_cardRect = content;
            m_prompt = ui.text("Nothing to study right now. New cards and reviews come back tomorrow.",
                               content.inset(ui.px(24.0f)), TextSize::Large, false, Align::Center, true, 0.5f);
            m_controls.focus(Stop);
            return;
        }

        // Top bar: stop and undo on the left, progress in the middle, combo and XP on the right.
        const float barHeight = buttonHeight(ui);
        Rect top = content.takeTop(barHeight, gap);
        const unsigned body = ui.textSize(TextSize::Body);
        m_controls.add(Control(Stop, top.takeLeft(ui.width("Stop", body, true) + ui.px(64.0f), ui.px(10.0f)), "Stop").withStyle(ButtonStyle::Quiet).withIcon(Icon::Back), ui);
        m_controls.add(Control(Undo, top.takeLeft(ui.width("Undo", body, true) + ui.px(64.0f), ui.px(10.0f)), "Undo").withStyle(ButtonStyle::Quiet).withIcon(Icon::Undo).enabledIf(m_app.game().canUndo()), ui);
        // The card's history and memory, once it is answered (key i).
        m_controls.add(Control(CardInfo, top.takeLeft(ui.width("Info", body, true) + ui.px(36.0f), gap), "Info").withStyle(ButtonStyle::Quiet).enabledIf(m_card.beat == model::Beat::Grade), ui);
        Rect right = top.takeRight(std::min(top.w * 0.45f, ui.width("+000 XP  \xC3\x97" "1.5", body, true) + ui.px(70.0f)), gap);
        m_xpRect = right.takeRight(right.w * 0.5f);
        m_comboRect = right;
        const float countWidth = ui.width("000/000", ui.textSize(TextSize::Small), false) + ui.px(6.0f);
        Rect countArea = top.takeRight(std::min(top.w * 0.4f, countWidth), ui.px(8.0f));
        m_count = ui.text(std::to_string(m_progress.done) + "/" + std::to_string(m_progress.total), countArea,
                          TextSize::Small, false, Align::Right, true, 0.5f);
        m_progressBar = top.centered(top.w, std::max(6.0f, ui.px(12.0f)));
        m_comboBlock = ui.text(m_progress.combo > 0 ? formatMultiplier(m_progress.comboMultiplier) : "", m_comboRect,
                               TextSize::Body, true, Align::Right, true, 0.5f);

        // The answer controls at the bottom; the set-aside menu takes their place while it is open.
        if (m_menuOpen) {
            layoutCardMenu(ui, content, gap);
        } else if (m_card.beat == model::Beat::Grade) {
            const float h = buttonHeight(ui, true);
            Rect row = content.takeBottom(h, gap);
            const auto cells = flowCells(row, 4, ui.px(120.0f), h, ui.px(10.0f));
            for (int i = 0; i < 4; ++i) {
                m_controls.add(Control(Grade1 + i, cells[static_cast<std::size_t>(i)], std::to_string(i + 1) + " " + kGradeNames[i]).withDetail(m_card.intervals[static_cast<std::size_t>(i)]).withStyle(i + 1 == m_card.suggested ? ButtonStyle::Primary : ButtonStyle::Normal),
                               ui);
            }
        } else {
            layoutAnswerControls(ui, content, gap);
        }

        // The card.
        m_cardRect = content;
        layoutCard(ui, m_cardRect.inset(ui.px(28.0f), ui.px(20.0f)));

        if (m_focusDefault) {
            m_controls.focus(m_defaultFocus);
            m_focusDefault = false;
        } else if (focus) {
            m_controls.focus(*focus);
        }
        if (!m_controls.focused()) m_controls.focus(m_defaultFocus);
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        // The card lifts in slightly when it changes (or flips).
        Rect card = m_cardRect;
        const float ease = 1.0f - (1.0f - m_flip) * (1.0f - m_flip);
        card.y += (1.0f - ease) * ui.px(10.0f);
        ui.panel(target, card);
        if (!m_active) {
            ui.draw(target, m_prompt, p.text);
            m_controls.draw(target, ui, {}, m_app.clock());
            return;
        }
        const float shift = card.y - m_cardRect.y;
        auto drawShifted = [&](const TextBlock& block, sf::Color color) {
            TextBlock moved = block;
            for (auto& run : moved.runs) run.y += shift;
            ui.draw(target, moved, color);
        };
        drawShifted(m_topic, p.textMuted);
        if (m_picture.w > 0.0f) ui.picture(target, m_card.picture, {m_picture.x, m_picture.y + shift, m_picture.w, m_picture.h}, m_card.pictureAlt);
        drawShifted(m_prompt, p.text);
        if (m_card.beat == model::Beat::Grade) {
            ui.box(target, {m_divider.x, m_divider.y + shift, m_divider.w, std::max(1.0f, ui.px(1.5f))}, p.border, 0.0f);
            for (const auto& line : m_feedback) {
                Rect iconRect = line.icon;
                iconRect.y += shift;
                if (line.kind != Icon::None) ui.icon(target, line.kind, iconRect, line.color);
                drawShifted(line.text, line.color);
            }
            drawShifted(m_answer, p.text);
            drawShifted(m_explain, p.textMuted);
        }

        // Progress, combo, XP.
        const double done = m_progress.total > 0 ? static_cast<double>(m_progress.done) / m_progress.total : 0.0;
        ui.bar(target, m_progressBar, done, p.accent);
        ui.draw(target, m_count, p.textMuted);
        drawCombo(target, ui);
        const std::string xp = "+" + std::to_string(static_cast<int>(std::lround(m_xpShown))) + " XP";
        ui.draw(target, ui.text(xp, m_xpRect, TextSize::Body, true, Align::Right, true, 0.5f), p.xp);
        if (m_float > 0.0f && m_lastGain > 0 && !ui.reducedMotion()) {
            // "+12" rising above the XP counter and fading.
            Rect floatRect = m_xpRect;
            floatRect.y += (m_float - 1.0f) * ui.px(24.0f) + ui.px(28.0f);
            sf::Color c = p.xp;
            c.a = static_cast<sf::Uint8>(255.0f * std::clamp(m_float, 0.0f, 1.0f));
            ui.draw(target, ui.text("+" + std::to_string(m_lastGain), floatRect, TextSize::Small, true, Align::Right, true, 0.5f), c);
        }
        m_controls.draw(target, ui, m_field.text(), m_app.clock());
    }

    void onAction(const InputAction& action) override {
        if (!m_active) {
            if (action.action == Action::Back || action.action == Action::MoveOn || action.action == Action::Reveal) m_app.pop();
            return;
        }
        const bool answering = m_card.beat == model::Beat::Answer;
        if (m_menuOpen && action.action == Action::Back) {
            closeMenu();
            return;
        }
        switch (action.action) {
        case Action::Bury:
        case Action::Suspend: hold(action.action == Action::Suspend); return;
        case Action::Reveal:
            if (answering) reveal();
            return;
        case Action::MoveOn: {
            const auto focus = m_controls.focused();
            if (focus) {
                onActivate(*focus);
            } else if (answering) {
                reveal();
            } else {
                grade(m_card.suggested);
            }
            return;
        }
        case Action::Number:
            if (answering && m_card.kind == model::CardKind::Choice &&
                action.number <= static_cast<int>(m_card.options.size())) {
                choose(action.number - 1);
            } else if (!answering && action.number <= 4) {
                grade(action.number);
            }
            return;
        case Action::True:
        case Action::False:
            if (answering && m_card.kind == model::CardKind::TrueFalse) answerTruth(action.action == Action::True);
            return;
        case Action::Undo: undo(); return;
        case Action::CardInfo:
            if (!answering) showCardInfo();
            return;
        case Action::Erase:
            m_field.key({sf::Keyboard::BackSpace, false, false, false, false});
            invalidate();
            return;
        case Action::Back: stop(); return;
        default: handleFocusAction(action); return;
        }
    }

    void onText(char32_t cp) override {
        m_field.type(cp);
        invalidate();
    }

    // The type-in field's editing keys (arrows move its caret while it has focus).
    bool onKey(const sf::Event::KeyEvent& key) override {
        if (!typing() || !m_field.key(key)) return false;
        invalidate();
        return true;
    }

    void onPointer(float x, float y, bool drag) override {
        const Control* field = m_controls.find(Field);
        if (!typing() || field == nullptr || (!drag && !field->rect.contains(x, y))) return;
        m_field.placeCaret(m_field.offsetAtPoint(m_app.ui(), x, y), drag);
        invalidate();
    }

    void onActivate(int id) override {
        if (!m_active) {
            m_app.pop();
            return;
        }
        if (id >= Option1 && id < Option1 + 6) choose(id - Option1);
        else if (id == ShowAnswer) reveal();
        else if (id == TrueButton) answerTruth(true);
        else if (id == FalseButton) answerTruth(false);
        else if (id == Field || id == Check) submitTyped();
        else if (id >= Grade1 && id < Grade1 + 4) grade(id - Grade1 + 1);
        else if (id == Stop) stop();
        else if (id == Undo) undo();
        else if (id == CardInfo) showCardInfo();
        else if (id == CardMenu) m_menuOpen ? closeMenu() : openMenu();
        else if (id == BuryButton || id == SuspendButton) hold(id == SuspendButton);
        else if (id == CloseMenu) closeMenu();
    }

private:
    struct FeedbackLine {
        Icon kind = Icon::None;
        Rect icon;
        TextBlock text;
        sf::Color color;
    };

    void refresh(bool newCard) {
        m_card = m_app.game().card();
        m_progress = m_app.game().progress();
        if (newCard) {
            m_field.setText({});
            m_flip = m_app.ui().reducedMotion() ? 1.0f : 0.0f;
        }
        if (m_card.beat == model::Beat::Grade) {
            m_defaultFocus = Grade1 + std::clamp(m_card.suggested, 1, 4) - 1;
        } else {
            m_defaultFocus = m_card.kind == model::CardKind::TypeIn ? Field : ShowAnswer;
        }
        m_focusDefault = true;
        invalidate();
    }

    // Card info over the session: back from it, the card is on the same beat.
    void showCardInfo() {
        if (m_card.beat != model::Beat::Grade) return;
        if (auto history = m_app.game().currentCardHistory()) m_app.push(makeCardInfoScreen(m_app, std::move(*history)));
    }

    void afterAnswer() {
        refresh(false);
        m_flip = m_app.ui().reducedMotion() ? 1.0f : 0.4f;
        if (m_card.correct.has_value()) m_app.audio().play(*m_card.correct ? Effect::Right : Effect::Wrong);
        else m_app.audio().play(Effect::Reveal);
    }

    void reveal() {
        if (m_card.beat != model::Beat::Answer) return;
        if (m_card.kind == model::CardKind::TypeIn && !m_field.text().empty()) {
            submitTyped();
            return;
        }
        m_app.game().reveal();
        afterAnswer();
    }
    void choose(int option) {
        if (m_card.beat != model::Beat::Answer) return;
        m_app.game().choose(option);
        afterAnswer();
    }
    void answerTruth(bool truth) {
        if (m_card.beat != model::Beat::Answer) return;
        m_app.game().answerTruth(truth);
        afterAnswer();
    }
    void submitTyped() {
        if (m_card.beat != model::Beat::Answer) return;
        if (m_field.text().empty()) m_app.game().reveal();
        else m_app.game().submitTyped(m_field.text());
        afterAnswer();
    }

    void grade(int rating) {
        if (m_card.beat != model::Beat::Grade) return;
        const model::GradeResult result = m_app.game().grade(rating);
        if (!result.saved.ok) m_app.toast(result.saved.message, 6.0f);
        if (const std::string notice = model::leechNotice(result); !notice.empty()) m_app.toast(notice, 8.0f);
        m_lastGain = result.xpGained;
        m_float = result.xpGained > 0 ? 1.0f : 0.0f;
        if (result.levelUp) {
            m_app.audio().play(Effect::LevelUp);
            m_app.toast("Level up! You reached level " + std::to_string(m_app.game().progress().level) + ".", 3.0f);
        } else if (result.goalReached) {
            m_app.audio().play(Effect::Streak);
            m_app.toast("Today's goal reached \xE2\x80\x94 your streak is safe.", 3.0f);
        }
        if (result.finished || !m_app.game().inSession()) {
            showSummary();
            return;
        }
        refresh(true);
    }

public:
    // The small menu for the mouse: the same two moves as the keys b and s.
    void openMenu() {
        m_menuOpen = true;
        m_defaultFocus = BuryButton;
        m_focusDefault = true;
        invalidate();
    }
    void closeMenu() {
        m_menuOpen = false;
        refresh(false);
    }

private:

    void layoutCardMenu(Ui& ui, Rect& content, float gap) {
        const float h = buttonHeight(ui);
        const std::array<std::pair<int, const char*>, 3> items{{{BuryButton, "Bury until tomorrow (b)"},
                                                                 {SuspendButton, "Suspend (s)"},
                                                                 {CloseMenu, "Cancel (Esc)"}}};
        float widest = 0.0f;
        for (const auto& item : items) widest = std::max(widest, ui.width(item.second, ui.textSize(TextSize::Body), false));
        const auto cells = flowCells(content, 3, std::min(content.w, widest + ui.px(40.0f)), h, ui.px(10.0f));
        float bottom = content.y + content.h;
        float top = bottom;
        for (const auto& cell : cells) top = std::min(top, cell.y);
        // flowCells places from the top of the area: move the rows to the bottom.
        float used = 0.0f;
        for (const auto& cell : cells) used = std::max(used, cell.y + cell.h - top);
        const float shift = bottom - used - top;
        for (std::size_t i = 0; i < items.size(); ++i) {
            Rect cell = cells[i];
            cell.y += shift;
            m_controls.add(Control(items[i].first, cell, items[i].second)
                               .withStyle(items[i].first == CloseMenu ? ButtonStyle::Quiet : ButtonStyle::Normal),
                           ui);
        }
        content.h = std::max(0.0f, content.h - used - gap);
    }

    void hold(bool suspend) {
        const model::CardMarkResult held = suspend ? m_app.game().suspendCard() : m_app.game().buryCard();
        m_menuOpen = false;
        if (!held.changed) return;
        if (!held.saved.ok) m_app.toast(held.saved.message, 6.0f);
        else m_app.toast(suspend ? "Suspended: bring it back from Decks." : "Buried until tomorrow.", 3.0f);
        if (held.finished || !m_app.game().inSession()) {
            showSummary();
            return;
        }
        refresh(true);
    }

    void undo() {
        if (!m_app.game().canUndo()) return;
        const model::UndoResult undone = m_app.game().undo();
        if (!undone.undone) return;
        refresh(true);
        if (!undone.saved.ok) m_app.toast(undone.saved.message, 6.0f);
        else m_app.toast("Took back your last answer.", 2.5f);
    }

    void stop() {
        if (m_progress.done == 0 && m_card.beat == model::Beat::Answer) {
            m_app.game().finish();
            m_app.pop();
            return;
        }
        showSummary();
    }

    void showSummary() {
        model::SummaryFacts facts = m_app.game().finish();
        m_active = false;
        m_app.reset(makeHomeScreen(m_app));
        std::optional<model::FinaleFacts> finale = facts.finale;
        m_app.push(makeSummaryScreen(m_app, std::move(facts)));
        if (finale) m_app.push(makeFinaleScreen(m_app, std::move(*finale)));  // over the summary: Continue shows it
    }

    void layoutAnswerControls(Ui& ui, Rect& content, float gap) {
        const float h = buttonHeight(ui);
        switch (m_card.kind) {
        case model::CardKind::Choice: {
            Rect show = content.takeBottom(h, gap);
            m_controls.add(Control(ShowAnswer, show.centered(std::min(show.w, ui.px(360.0f) * static_cast<float>(ui.fontScale())), h), "Show answer").withStyle(ButtonStyle::Quiet), ui);
            const std::size_t count = std::min<std::size_t>(6, m_card.options.size());
            const float spacing = ui.px(10.0f);
            const float columns = content.w > ui.px(700.0f) * static_cast<float>(ui.fontScale()) ? 2.0f : 1.0f;
            const float rows = std::ceil(static_cast<float>(count) / columns);
            const float cellWidth = (content.w - (columns - 1.0f) * spacing) / columns;
            // Options wrap to as many lines as they need. When the question and the options do
            // not both fit at full size, each gets a share of the height in proportion to its need.
            float tallest = 0.0f;
            std::vector<std::string> labels;
            for (std::size_t i = 0; i < count; ++i) {
                labels.push_back(std::to_string(i + 1) + "  " + m_card.options[i]);
                tallest = std::max(tallest, ui.textHeight(labels.back(), cellWidth - ui.px(24.0f), TextSize::Body));
            }
            const float questionNeed = ui.lineHeight(ui.textSize(TextSize::Small)) + ui.px(10.0f) +
                                       ui.textHeight(m_card.prompt, content.w - ui.px(56.0f), TextSize::Large) + ui.px(40.0f);
            const float optionsNeed = rows * (tallest + ui.px(16.0f)) + (rows - 1.0f) * spacing;
            const float room = std::max(0.0f, content.h - gap);
            const float share = questionNeed + optionsNeed <= room ? 1.0f : room / (questionNeed + optionsNeed);
            const float oneLine = ui.lineHeight(ui.textSize(TextSize::Body)) * 0.6f + ui.px(12.0f);  // the smallest option
            const float optionHeight = std::max(oneLine, (optionsNeed * share - (rows - 1.0f) * spacing) / rows);
            Rect area = content.takeBottom(rows * optionHeight + (rows - 1.0f) * spacing, gap);
            const auto cells = flowCells(area, count, cellWidth - 1.0f, optionHeight, spacing);
            // When the options do not fit at full size they share one smaller size (the largest at
            // which every one fits), so no option looks more or less important than the others.
            const auto fitsAt = [&](float scale) {
                for (const std::string& label : labels)
                    if (ui.textHeight(label, cellWidth - ui.px(24.0f), TextSize::Body * scale) > optionHeight - ui.px(12.0f))
                        return false;
                return true;
            };
            float scale = 1.0f;
            while (scale > 0.55f && !fitsAt(scale)) scale -= 0.05f;
            for (std::size_t i = 0; i < count; ++i)
                m_controls.add(Control(Option1 + static_cast<int>(i), cells[i], labels[i]).plainLabel().withTextScale(scale), ui);
            break;
        }
        case model::CardKind::TrueFalse: {
            Rect row = content.takeBottom(h, gap);
            const auto cells = flowCells(row, 3, ui.px(160.0f), h, ui.px(10.0f));
            m_controls.add(Control(TrueButton, cells[0], "True (t)"), ui);
            m_controls.add(Control(FalseButton, cells[1], "False (f)"), ui);
            m_controls.add(Control(ShowAnswer, cells[2], "Show answer").withStyle(ButtonStyle::Quiet), ui);
            break;
        }
        case model::CardKind::TypeIn: {
            Rect row = content.takeBottom(h, gap);
            const float checkWidth = std::min(row.w * 0.35f, ui.width("Check", ui.textSize(TextSize::Body), true) + ui.px(60.0f));
            Rect check = row.takeRight(checkWidth, ui.px(10.0f));
            m_field.layout(ui, m_controls.add(Control(Field, row, "Type your answer, then Enter").withField(&m_field), ui).rect);
            m_controls.add(Control(Check, check, "Check").withStyle(ButtonStyle::Primary), ui);
            break;
        }
        case model::CardKind::SelfGraded:
        case model::CardKind::Cloze: {
            Rect row = content.takeBottom(h, gap);
            m_controls.add(Control(ShowAnswer, row.centered(std::min(row.w, ui.px(360.0f) * static_cast<float>(ui.fontScale())), h), "Show answer (Space)").withStyle(ButtonStyle::Primary), ui);
            break;
        }
        }
    }

    void layoutCard(Ui& ui, Rect inner) {
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        // The card's header: its topic, and on the right the menu that sets this card aside.
        const float menuHeight = ui.lineHeight(ui.textSize(TextSize::Body)) + ui.px(12.0f);
        Rect header = inner.takeTop(std::max(small, menuHeight), ui.px(10.0f));
        const float menuWidth = std::min(header.w * 0.5f, ui.width("Set aside", ui.textSize(TextSize::Body), true) + ui.px(32.0f));
        m_controls.add(Control(CardMenu, header.takeRight(menuWidth, ui.px(10.0f)), "Set aside")
                           .withStyle(m_menuOpen ? ButtonStyle::Primary : ButtonStyle::Quiet),
                       ui);
        m_topic = ui.text(m_card.topic + (m_card.isNew ? "  \xC2\xB7  new card" : ""), header, TextSize::Small, false,
                          Align::Left, true, 0.5f);
        m_feedback.clear();
        m_picture = {};
        if (m_card.beat == model::Beat::Answer) {
            // The picture stands above the question and takes only the room the question leaves.
            takePicture(ui, inner, ui.textHeight(m_card.prompt, inner.w, TextSize::Large) + ui.px(12.0f),
                        ui.textHeight(m_card.prompt, inner.w, TextSize::Minimum) + ui.px(12.0f), 0.65f);
            m_prompt = ui.text(m_card.prompt, inner, TextSize::Large, false, Align::Center, true, 0.45f);
            return;
        }
        // After answering: the question (smaller), the verdict with its icon, the answer and why.
        const Palette& p = ui.palette();
        std::vector<std::pair<Icon, std::string>> verdict;
        std::vector<sf::Color> colors;
        if (m_card.correct.has_value()) {
            const bool right = *m_card.correct;
            std::string line = right ? "Right" : "Not quite";
            if (m_card.gaveUp) line = "Not answered \xE2\x80\x94 here is the answer";
            if (m_card.kind == model::CardKind::Choice && !right && m_card.chosen >= 0 &&
                m_card.chosen < static_cast<int>(m_card.options.size()))
                line += " \xE2\x80\x94 you chose: " + m_card.options[static_cast<std::size_t>(m_card.chosen)];
            if (m_card.kind == model::CardKind::TypeIn && !m_card.gaveUp) line += " \xE2\x80\x94 you typed: " + m_card.typed;
            if (m_card.kind == model::CardKind::TrueFalse && m_card.truthChosen)
                line += std::string(" \xE2\x80\x94 you said ") + (*m_card.truthChosen ? "true" : "false");
            verdict.emplace_back(right ? Icon::Check : Icon::Cross, line);
            colors.push_back(right ? p.right : p.wrong);
        }
        const std::string answer = m_card.answer;
        const float w = inner.w;
        const float hPrompt = ui.textHeight(m_card.prompt, w, TextSize::Body);
        const float hVerdict = verdict.empty() ? 0.0f : ui.textHeight(verdict[0].second, w - small * 1.6f, TextSize::Body, true);
        // Short answers stand out in bold; long ones read better in regular weight.
        const bool shortAnswer = utf8Length(answer) <= 60;
        const float hAnswer = ui.textHeight(answer, w, TextSize::Large, shortAnswer);
        const float hExplain = m_card.explain.empty() ? 0.0f : ui.textHeight(m_card.explain, w, TextSize::Body);
        const float gaps = ui.px(12.0f) * 4.0f;
        const float natural = hPrompt + hVerdict + hAnswer + hExplain;
        float room = std::max(0.0f, inner.h - gaps);
        // Short of room, each block gives up height toward what its text needs at the theme's
        // minimum size, all in the same proportion, so none is cut while the whole fits at that size.
        const float hPromptMin = ui.textHeight(m_card.prompt, w, TextSize::Minimum);
        const float hVerdictMin = verdict.empty() ? 0.0f : ui.textHeight(verdict[0].second, w - small * 1.6f, TextSize::Minimum, true);
        const float hAnswerMin = ui.textHeight(answer, w, TextSize::Minimum, shortAnswer);
        const float hExplainMin = m_card.explain.empty() ? 0.0f : ui.textHeight(m_card.explain, w, TextSize::Minimum);
        const float least = hPromptMin + hVerdictMin + hAnswerMin + hExplainMin;
        // The picture gets what the texts leave at full size, else a fifth of the card while the texts shrink.
        if (takePicture(ui, inner, natural + gaps + ui.px(12.0f), least + gaps + ui.px(12.0f), 0.5f))
            room = std::max(0.0f, inner.h - gaps);
        const float t = natural <= room ? 1.0f : natural - least <= 0.0f ? 0.0f : std::clamp((room - least) / (natural - least), 0.0f, 1.0f);
        const auto fitted = [t](float full, float minimum) { return std::floor(minimum + (std::max(full, minimum) - minimum) * t); };
        const float g = ui.px(12.0f);
        m_prompt = ui.text(m_card.prompt, inner.takeTop(fitted(hPrompt, hPromptMin), g), TextSize::Body, false, Align::Left, false, 0.4f);
        m_divider = inner.takeTop(std::max(1.0f, ui.px(1.5f)), g);
        if (!verdict.empty()) {
            Rect line = inner.takeTop(fitted(hVerdict, hVerdictMin), g);
            FeedbackLine fl;
            fl.kind = verdict[0].first;
            const float side = std::min(line.h, ui.lineHeight(ui.textSize(TextSize::Body)));
            fl.icon = line.takeLeft(side, ui.px(8.0f)).takeTop(side);
            fl.text = ui.text(verdict[0].second, line, TextSize::Body, true, Align::Left, false, 0.4f);
            fl.color = colors[0];
            m_feedback.push_back(std::move(fl));
        }
        m_answer = ui.text(answer, inner.takeTop(fitted(hAnswer, hAnswerMin), g), TextSize::Large, shortAnswer, Align::Left, false, 0.4f);
        m_explain = ui.text(m_card.explain, inner, TextSize::Body, false, Align::Left, false, 0.4f);
    }

    // Splits the card's picture off the top of `inner`, leaving `textNeed` for the texts at full
    // size, at most `share` of the height. Short of room (large text, a small window) the texts
    // shrink toward `textLeast`, their size at the theme's minimum, so that the picture keeps a
    // fifth of the card; false (no picture) only when even that leaves too little room for one.
    bool takePicture(Ui& ui, Rect& inner, float textNeed, float textLeast, float share) {
        if (m_card.picture.empty()) return false;
        float room = std::min(inner.h - textNeed, inner.h * share);
        const float fifth = std::min(inner.h * share, std::max(ui.px(40.0f), inner.h * 0.2f));
        if (room < fifth) room = std::min(fifth, inner.h - textLeast);
        if (room < ui.px(40.0f)) return false;
        m_picture = inner.takeTop(room, ui.px(12.0f));
        return true;
    }

    void drawCombo(sf::RenderTarget& target, Ui& ui) {
        const Palette& p = ui.palette();
        // Five pips: right answers toward the next combo step; the multiplier next to them.
        const int filled = m_progress.combo == 0 ? 0 : ((m_progress.combo - 1) % 5) + 1;
        const float pip = std::min(m_comboRect.h * 0.3f, ui.px(10.0f) * static_cast<float>(ui.fontScale()));
        float textWidth = 0.0f;
        for (const auto& run : m_comboBlock.runs) textWidth = std::max(textWidth, run.width);
        float x = m_comboRect.right() - textWidth - ui.px(8.0f) - 5.0f * (pip * 1.5f);
        const float y = m_comboRect.y + m_comboRect.h / 2.0f - pip / 2.0f;
        if (x < m_comboRect.x) return;
        for (int i = 0; i < 5; ++i) {
            ui.box(target, {x, y, pip, pip}, i < filled ? p.flame : p.track, pip / 2.0f);
            x += pip * 1.5f;
        }
        ui.draw(target, m_comboBlock, p.flame);
    }

    bool m_active = false;
    model::CardFacts m_card;
    model::SessionFacts m_progress;
    TextField m_field{200, false};  // the type-in answer
    int m_defaultFocus = ShowAnswer;
    bool m_focusDefault = true;
    bool m_menuOpen = false;  // the set-aside menu (bury, suspend) in place of the answer controls
    float m_flip = 1.0f;
    float m_xpShown = 0.0f;
    float m_float = 0.0f;
    int m_lastGain = 0;

    Rect m_cardRect, m_progressBar, m_comboRect, m_xpRect, m_divider;
    Rect m_picture;  // the room for the card's picture (empty: none shown)
    TextBlock m_topic, m_prompt, m_answer, m_explain, m_count, m_comboBlock;
    std::vector<FeedbackLine> m_feedback;
};

}  // namespace

std::unique_ptr<Screen> makeStudyScreen(App& app, model::SessionKind kind) { return std::make_unique<StudyScreen>(app, kind); }

bool openCardMenu(Screen& screen) {
    auto* study = dynamic_cast<StudyScreen*>(&screen);
    if (study == nullptr) return false;
    study->openMenu();
    return true;
}

}  // namespace attune::ui
