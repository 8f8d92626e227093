// Card info: one card's figures now (stability, difficulty, recall, due date, reviews, lapses),
// its forgetting curve (recall against days since the last review, today and the due day
// marked) and its history, one row per answer with the memory state it left. Opened from the
// deck browser and from the study screen; Esc goes back to where it was opened.
#include "DrawList.hpp"
#include "InsightScreens.hpp"

#include <attune/model/core/CountText.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace attune::ui {
namespace {

enum Id { Back = 1, Summary = 10, Curve = 11, FirstAnswer = 100 };

std::string decimals(double value, int places) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", places, value);
    return buffer;
}

std::string daysText(std::int64_t days) { return model::countText(days) + (days == 1 ? " day" : " days"); }

std::string dueText(const model::CardHistory& h) {
    if (h.isNew()) return "Not studied yet";
    if (h.state.phase != scheduler::CardPhase::Review) {
        const std::int64_t wait = h.dueMs - h.now.utcMs;
        return wait > 0 ? "In " + scheduler::intervalLabel(wait) + " (a learning step)" : "Now (a learning step)";
    }
    const std::int64_t in = h.dueDay - h.today;
    const std::string when = in > 0 ? "in " + daysText(in) : in == 0 ? "today" : daysText(-in) + " overdue";
    return model::dateOfDay(h.dueDay) + " (" + when + ")";
}

/// A step for the day axis that gives at most `labels` labels over `span` days.
double dayStep(double span, int labels) {
    for (const double step : {1.0, 2.0, 5.0, 7.0, 14.0, 30.0, 60.0, 90.0, 180.0, 365.0, 730.0, 1825.0, 3650.0})
        if (span / step <= static_cast<double>(std::max(1, labels))) return step;
    return std::ceil(span / std::max(1, labels) / 3650.0) * 3650.0;
}

class CardInfoScreen final : public Screen {
public:
    CardInfoScreen(App& app, model::CardHistory history) : Screen(app), m_history(std::move(history)) {}

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        auto focus = m_controls.focused();
        m_controls.clear();
        m_drawn.clear();
        m_curve.clear();
        const float gap = ui.px(16.0f);
        Rect content = area.inset(ui.px(28.0f));
        content = content.centered(std::min(content.w, ui.px(1120.0f)), content.h);
        content = layoutHeader(ui, m_controls, content, Back, "Card info", m_title, gap);
        m_hint = content.takeBottom(ui.lineHeight(ui.textSize(TextSize::Small)), ui.px(4.0f));
        m_list.view = content;

        const float pad = ui.px(18.0f);
        const float inner = content.w - 2.0f * pad;
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        const float line = ui.lineHeight(ui.textSize(TextSize::Body));
        const float heading = ui.lineHeight(ui.textSize(TextSize::Large));

        // The summary: the question, where the card comes from, the figures in cells.
        const std::string question = m_history.question.empty() ? m_history.cardId : m_history.question;
        const float questionH = std::min(ui.textHeight(question, inner, TextSize::Large, true), heading * 3.0f);
        const auto figures = figureTexts();
        float cellW = 0.0f;
        for (const auto& [label, value] : figures)
            cellW = std::max({cellW, ui.width(label, ui.textSize(TextSize::Small), false), ui.width(value, ui.textSize(TextSize::Body), true)});
        cellW += ui.px(20.0f);
        const std::size_t perRow = std::clamp<std::size_t>(static_cast<std::size_t>((inner + gap) / (cellW + gap)), 1, figures.size());
        const std::size_t rows = (figures.size() + perRow - 1) / perRow;
        const float cellH = small + line + ui.px(16.0f);
        const float summaryH = questionH + ui.px(6.0f) + small * 2.0f + ui.px(10.0f) +
                               static_cast<float>(rows) * (cellH + ui.px(8.0f)) + 2.0f * pad;

        // The curve: a chart tall enough for its labels at any text size.
        const float chartH = std::max(ui.px(170.0f), small * 7.0f);
        const float subtitleH = std::min(ui.textHeight(curveSubtitle(), inner, TextSize::Body), line * 2.0f);
        const float curveH = heading + subtitleH + ui.px(6.0f) + small * 1.2f + chartH + small * 2.6f + 2.0f * pad;

        // The history: a header and one row per answer (two lines each when the window is narrow).
        const unsigned smallSize = ui.textSize(TextSize::Small);
        const unsigned bodySize = ui.textSize(TextSize::Body);
        const auto columnWidths = measureColumns(ui, smallSize, bodySize);
        float wideNeed = 0.0f;
        for (const float w : columnWidths) wideNeed += w + ui.px(10.0f);
        m_wideTable = wideNeed <= inner - ui.px(8.0f);
        const float rowH = std::round(m_wideTable ? line * 1.35f : line * 2.5f);
        const float historyTop = heading + std::min(ui.textHeight(historySubtitle(), inner, TextSize::Body), line * 2.0f) + ui.px(6.0f) +
                                 (m_wideTable ? small * 1.5f : 0.0f);
        const float historyH = historyTop + rowH * static_cast<float>(std::max<std::size_t>(1, m_history.answers.size())) + 2.0f * pad;

        const std::array<float, 3> heights{summaryH, curveH, historyH};
        std::array<float, 3> offsets{};
        float offset = 0.0f;
        for (std::size_t s = 0; s < heights.size(); ++s) {
            offsets[s] = offset;
            offset += heights[s] + gap;
        }
        m_list.content = offset - gap;
        const float historyRowsAt = offsets[2] + pad + historyTop;
        // Scrolled into view when the focus moves, not on every layout (the wheel scrolls freely).
        const bool moved = focus != m_revealed;
        m_revealed = focus;
        if (!moved) {
        } else if (focus && *focus >= FirstAnswer) {
            m_list.reveal(historyRowsAt + rowH * static_cast<float>(*focus - FirstAnswer), rowH);
            // The first row brings the table's heading along.
            if (*focus == FirstAnswer) m_list.reveal(offsets[2], std::min(m_list.view.h, historyRowsAt - offsets[2] + rowH));
        } else if (focus && (*focus == Summary || *focus == Curve)) {
            const auto s = static_cast<std::size_t>(*focus - Summary);
            m_list.reveal(offsets[s], std::min(heights[s], m_list.view.h));
        }
        m_list.clamp();

        for (std::size_t s = 0; s < heights.size(); ++s) {
            const Rect r = m_list.place(offsets[s], heights[s]);
            m_panels[s] = {r, r.bottom() > m_list.view.y && r.y < m_list.view.bottom()};
        }
        m_controls.add(Control(Summary, m_panels[0].rect, "").withStyle(ButtonStyle::Quiet).hiddenIf(!m_list.shows(m_panels[0].rect)), ui);
        m_controls.add(Control(Curve, m_panels[1].rect, "").withStyle(ButtonStyle::Quiet).hiddenIf(!m_list.shows(m_panels[1].rect)), ui);

        if (m_panels[0].visible) layoutSummary(ui, m_panels[0].rect.inset(pad), question, questionH, figures, perRow, cellH);
        if (m_panels[1].visible) layoutCurve(ui, m_panels[1].rect.inset(pad), subtitleH, chartH);
        if (m_panels[2].visible) layoutHistory(ui, m_panels[2].rect.inset(pad), columnWidths, rowH);
        for (std::size_t i = 0; i < m_history.answers.size(); ++i) {
            const Rect r = m_list.place(historyRowsAt + rowH * static_cast<float>(i), rowH);
            m_controls.add(Control(FirstAnswer + static_cast<int>(i), {r.x + pad, r.y, r.w - 2.0f * pad, r.h}, "")
                               .withStyle(ButtonStyle::Quiet)
                               .hiddenIf(!m_list.shows(r)),
                           ui);
        }

        const bool more = m_list.scroll + m_list.view.h < m_list.content - 1.0f;
        m_hintText = ui.text(more ? "More below \xE2\x80\x94 Tab, arrows or scroll \xC2\xB7 Esc: back" : "Esc: back", m_hint, TextSize::Small, false,
                             Align::Center, true, 0.5f);
        if (!focus) focus = Summary;
        m_controls.focus(*focus);
        if (!m_controls.focused()) m_controls.focus(Back);
        if (!m_revealed) m_revealed = m_controls.focused();
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        m_controls.draw(target, ui, {}, m_app.clock());
        for (const auto& panel : m_panels)
            if (panel.visible) ui.panel(target, clip(panel.rect));
        m_drawn.drawShapes(target, ui, &m_list.view);
        for (const auto& piece : m_curve)
            if (m_list.view.encloses(piece)) ui.box(target, piece, p.accent, 0.0f);
        if (const auto focus = m_controls.focused(); focus && *focus != Back) {
            const Control* c = m_controls.find(*focus);
            if (c && m_list.view.encloses(c->rect)) ui.focusRing(target, c->rect, ui.px(*focus >= FirstAnswer ? 6.0f : 12.0f));
            else if (c && *focus < FirstAnswer && clip(c->rect).h > ui.px(24.0f)) ui.focusRing(target, clip(c->rect), ui.px(12.0f));
        }
        m_drawn.drawTexts(target, ui, &m_list.view);
        ui.draw(target, m_title, p.text);
        ui.draw(target, m_hintText, p.textMuted);
    }

    void onScroll(float notches) override {
        m_list.scroll -= notches * m_app.ui().px(60.0f);
        m_list.clamp();
        invalidate();
    }

    void onAction(const InputAction& action) override {
        Screen::onAction(action);
        invalidate();
    }

    void onActivate(int id) override {
        if (id == Back) m_app.pop();
    }

private:
    struct Panel {
        Rect rect;
        bool visible = false;
    };

    Rect clip(const Rect& r) const { return m_list.clip(r); }


    std::vector<std::pair<std::string, std::string>> figureTexts() const {
        const model::CardHistory& h = m_history;
        const bool studied = !h.isNew();
        return {
            {"Stability", studied ? decimals(h.state.memory->stability, h.state.memory->stability < 1.0 ? 3 : h.state.memory->stability < 10.0 ? 2 : 1) + " days" : "\xE2\x80\x94"},
            {"Difficulty", studied ? decimals(h.state.memory->difficulty, 1) + " of 10" : "\xE2\x80\x94"},
            {"Recall now", studied ? percentText(h.recallNow) : "\xE2\x80\x94"},
            {"Due", dueText(h)},
            {"Reviews", model::countText(h.reviews)},
            {"Lapses", model::countText(h.lapses)},
        };
    }

    std::string curveSubtitle() const {
        const model::CardHistory& h = m_history;
        if (h.isNew()) return "Not studied yet: the curve starts with the first answer.";
        std::string s = "Predicted recall against days since the last review (" + model::dateOfDay(h.state.lastReviewDay) + "): " +
                        daysText(h.daysSinceLastReview) + " ago today";
        if (h.state.phase == scheduler::CardPhase::Review) s += ", due on day " + std::to_string(h.dueDay - h.state.lastReviewDay);
        return s + ".";
    }

    static std::string historySubtitle() {
        return "Newest first. S (stability, days) and D (difficulty, 1-10) after each answer; R (recall) just before it. Times in your time zone then.";
    }

    void layoutSummary(Ui& ui, Rect body, const std::string& question, float questionH,
                       const std::vector<std::pair<std::string, std::string>>& figures, std::size_t perRow, float cellH) {
        m_drawn.add(ui.text(question, body.takeTop(questionH, ui.px(6.0f)), TextSize::Large, true, Align::Left, false, 0.5f), false);
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        std::string where = m_history.deckId + "/" + m_history.cardId;
        if (!m_history.topic.empty()) where = m_history.topic + " \xC2\xB7 " + where;
        m_drawn.add(ui.text(where, body.takeTop(small * 2.0f, ui.px(10.0f)), TextSize::Small, false, Align::Left, false, 0.5f), true);
        const float gap = ui.px(16.0f);
        const float cellW = (body.w - gap * static_cast<float>(perRow - 1)) / static_cast<float>(perRow);
        const Palette& p = ui.palette();
        for (std::size_t i = 0; i < figures.size(); ++i) {
            const float x = body.x + static_cast<float>(i % perRow) * (cellW + gap);
            const float y = body.y + static_cast<float>(i / perRow) * (cellH + ui.px(8.0f));
            const Rect cell{x, y, cellW, cellH};
            m_drawn.fill(cell, p.track, ui.px(8.0f));
            Rect inside = cell.inset(ui.px(10.0f), ui.px(8.0f));
            m_drawn.text(ui, figures[i].first, inside.takeTop(small), TextSize::Small, false, true);
            m_drawn.text(ui, figures[i].second, inside, TextSize::Body, true, false);
        }
    }

    void layoutCurve(Ui& ui, Rect body, float subtitleH, float chartH) {
        const Palette& p = ui.palette();
        const model::CardHistory& h = m_history;
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        const unsigned smallSize = ui.textSize(TextSize::Small);
        m_drawn.text(ui, "Forgetting curve", body.takeTop(ui.lineHeight(ui.textSize(TextSize::Large))), TextSize::Large, true, false);
        m_drawn.add(ui.text(curveSubtitle(), body.takeTop(subtitleH, ui.px(6.0f)), TextSize::Body, false, Align::Left, false, 0.5f), true);
        Rect markRow = body.takeTop(small * 1.2f);
        Rect chart = body.takeTop(chartH);
        Rect xLabels = body.takeTop(small * 1.3f);
        Rect xTitle = body.takeTop(small * 1.3f);
        const float axisW = std::max(ui.width("100 %", smallSize, false), ui.width("Recall", smallSize, false)) + ui.px(8.0f);
        Rect yAxis = chart.takeLeft(axisW, ui.px(6.0f));
        xLabels.takeLeft(axisW + ui.px(6.0f));
        m_drawn.text(ui, "Recall", markRow.takeLeft(axisW, ui.px(6.0f)), TextSize::Small, false, true, Align::Right);
        const float hair = std::max(1.0f, ui.px(1.5f));
        // Axes, grid lines at 50 % and 100 %, their labels.
        m_drawn.fill({chart.x, chart.y, hair, chart.h}, p.border);
        m_drawn.fill({chart.x, chart.bottom() - hair, chart.w, hair}, p.border);
        for (const int percent : {0, 50, 100}) {
            const float y = chart.bottom() - chart.h * static_cast<float>(percent) / 100.0f;
            if (percent > 0) m_drawn.fill({chart.x, y, chart.w, hair}, p.track);
            const float top = std::clamp(y - small / 2.0f, chart.y - small / 2.0f, chart.bottom() - small);
            m_drawn.text(ui, std::to_string(percent) + " %", {yAxis.x, top, yAxis.w, small}, TextSize::Small, false, true, Align::Right);
        }
        m_drawn.text(ui, "Days since the last review", xTitle, TextSize::Small, false, true, Align::Center);
        if (h.isNew()) return;

        const double stability = h.state.memory->stability;
        const double dueAt = h.state.phase == scheduler::CardPhase::Review ? static_cast<double>(h.dueDay - h.state.lastReviewDay) : 0.0;
        const double today = static_cast<double>(h.daysSinceLastReview);
        const double span = std::max({7.0, dueAt * 1.25, today * 1.25, std::min(stability * 2.0, 3650.0)});
        const auto xOf = [&](double day) { return chart.x + static_cast<float>(day / span) * chart.w; };
        const auto yOf = [&](double recall) { return chart.bottom() - static_cast<float>(recall) * chart.h; };

        // Day labels, as many as fit.
        const float labelW = ui.width("0000 d", smallSize, false) + ui.px(10.0f);
        const double step = dayStep(span, std::max(1, static_cast<int>(chart.w / labelW)));
        for (double d = 0.0; d <= span + 1e-9; d += step) {
            const float x = xOf(d);
            m_drawn.fill({x - hair / 2.0f, chart.bottom() - hair, hair, ui.px(6.0f)}, p.border);
            const float left = std::clamp(x - labelW / 2.0f, xLabels.x - axisW * 0.5f, xLabels.right() - labelW);
            m_drawn.text(ui, model::countText(static_cast<std::int64_t>(d)) + " d", {left, xLabels.y, labelW, xLabels.h}, TextSize::Small, false, true,
                 Align::Center);
        }

        // The curve, in short steps drawn as thin boxes (vertical pieces keep steep parts whole).
        const float thickness = std::max(2.0f, ui.px(3.0f));
        const int steps = std::max(2, static_cast<int>(chart.w / std::max(1.0f, thickness)));
        float lastY = yOf(1.0);
        for (int i = 1; i <= steps; ++i) {
            const double day = span * i / steps;
            const float x0 = chart.x + chart.w * static_cast<float>(i - 1) / static_cast<float>(steps);
            const float x1 = chart.x + chart.w * static_cast<float>(i) / static_cast<float>(steps);
            const float y = yOf(h.recallAfter(day));
            const float top = std::min(lastY, y) - thickness / 2.0f;
            const float bottom = std::max(lastY, y) + thickness / 2.0f;
            m_curve.push_back({x0, std::max(chart.y, top), x1 - x0 + 0.5f, std::min(chart.bottom(), bottom) - std::max(chart.y, top)});
            lastY = y;
        }

        // Today and the due day: lines across the chart, labelled above it.
        struct Mark {
            double day;
            std::string label;
            sf::Color color;
        };
        std::vector<Mark> marks{{today, "today " + percentText(h.recallNow), p.goal}};
        if (h.state.phase == scheduler::CardPhase::Review)
            marks.push_back({dueAt, "due " + percentText(h.recallAfter(dueAt)), p.xp});
        float usedRight = -1e9f;
        for (const Mark& m : marks) {
            const float x = xOf(m.day);
            m_drawn.fill({x - thickness / 2.0f, chart.y, thickness, chart.h}, m.color);
            const float w = ui.width(m.label, smallSize, true) + ui.px(8.0f);
            float left = std::clamp(x - w / 2.0f, markRow.x, markRow.right() - w);
            Rect where{left, markRow.y, w, markRow.h};
            if (left < usedRight) {
                // Too close to the mark before: this label goes inside the chart, at its top.
                where.y = chart.y + ui.px(4.0f);
                where.x = std::clamp(x + ui.px(6.0f), chart.x, chart.right() - w);
            }
            usedRight = left + w;
            m_drawn.text(ui, m.label, where, TextSize::Small, true, false, Align::Center);
        }
    }

    /// The widest text of each history column, for the choice between one and two lines a row.
    std::array<float, 7> measureColumns(Ui& ui, unsigned smallSize, unsigned bodySize) const {
        std::array<float, 7> widths{};
        const char* heads[7] = {"Date", "Rating", "Interval", "Elapsed", "S", "D", "R"};
        for (std::size_t c = 0; c < 7; ++c) widths[c] = ui.width(heads[c], smallSize, true);
        for (const auto& a : m_history.answers) {
            const auto cells = rowCells(a);
            for (std::size_t c = 0; c < 7; ++c) widths[c] = std::max(widths[c], ui.width(cells[c], bodySize, false));
        }
        return widths;
    }

    static std::array<std::string, 7> rowCells(const model::CardAnswer& a) {
        const bool first = a.phaseBefore == scheduler::CardPhase::New;
        std::string rating = model::ratingName(a.rating);
        if (!a.changedSchedule) rating += " (cram)";
        else if (a.kind == model::ReviewKind::Imported) rating += " (imported)";
        return {model::localDateTime(a.at),
                rating,
                a.changedSchedule ? scheduler::intervalLabel(a.waitMs) : "\xE2\x80\x94",
                first ? "\xE2\x80\x94" : std::to_string(a.elapsedDays) + " d",
                decimals(a.stability, a.stability < 1.0 ? 3 : a.stability < 100.0 ? 2 : 1),
                decimals(a.difficulty, 2),
                first ? "\xE2\x80\x94" : decimals(100.0 * a.recallBefore, 1) + " %"};
    }

    void layoutHistory(Ui& ui, Rect body, const std::array<float, 7>& widths, float rowH) {
        const Palette& p = ui.palette();
        const float line = ui.lineHeight(ui.textSize(TextSize::Body));
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        m_drawn.text(ui, "History", body.takeTop(ui.lineHeight(ui.textSize(TextSize::Large))), TextSize::Large, true, false);
        const float subtitleH = std::min(ui.textHeight(historySubtitle(), body.w, TextSize::Body), line * 2.0f);
        m_drawn.add(ui.text(historySubtitle(), body.takeTop(subtitleH, ui.px(6.0f)), TextSize::Body, false, Align::Left, false, 0.5f), true);
        if (m_history.answers.empty()) {
            m_drawn.text(ui, "No answers yet.", body.takeTop(rowH), TextSize::Body, false, false);
            return;
        }
        // Columns: the date takes its width, the rest share what is left.
        const float colGap = ui.px(10.0f);
        auto columns = [&](Rect row) {
            std::array<Rect, 7> cells;
            float need = 0.0f;
            for (const float w : widths) need += w + colGap;
            const float extra = std::max(0.0f, row.w - need) / 7.0f;
            for (std::size_t c = 0; c < 7; ++c) cells[c] = row.takeLeft(widths[c] + extra, colGap);
            return cells;
        };
        if (m_wideTable) {
            Rect head = body.takeTop(small * 1.5f);
            const char* heads[7] = {"Date", "Rating", "Interval", "Elapsed", "S", "D", "R"};
            const auto cells = columns(head.inset(ui.px(6.0f), 0.0f));
            for (std::size_t c = 0; c < 7; ++c) m_drawn.text(ui, heads[c], cells[c], TextSize::Small, true, true, c < 2 ? Align::Left : Align::Right);
            m_drawn.fill({head.x, head.bottom() - std::max(1.0f, ui.px(1.5f)), head.w, std::max(1.0f, ui.px(1.5f))}, p.border);
        }
        for (std::size_t i = 0; i < m_history.answers.size(); ++i) {
            const Rect row = body.takeTop(rowH);
            if (!m_list.view.encloses(row)) continue;
            if (i % 2 == 1) m_drawn.fill(row, p.track, ui.px(4.0f));
            const model::CardAnswer& answer = m_history.answers[m_history.answers.size() - 1 - i];  // newest first
            const auto values = rowCells(answer);
            const bool again = answer.rating == scheduler::Rating::Again;
            if (m_wideTable) {
                const auto cells = columns(row.inset(ui.px(6.0f), 0.0f));
                for (std::size_t c = 0; c < 7; ++c) m_drawn.text(ui, values[c], cells[c], TextSize::Body, c == 1 && again, false, c < 2 ? Align::Left : Align::Right);
            } else {
                Rect inside = row.inset(ui.px(6.0f), ui.px(4.0f));
                const Rect first = inside.takeTop(inside.h / 2.0f);
                m_drawn.text(ui, values[0] + " \xC2\xB7 " + values[1] + " \xC2\xB7 next " + values[2], first, TextSize::Body, again, false);
                m_drawn.text(ui, "after " + values[3] + " \xC2\xB7 S " + values[4] + " \xC2\xB7 D " + values[5] + " \xC2\xB7 R " + values[6], inside,
                     TextSize::Small, false, true);
            }
        }
    }

    model::CardHistory m_history;
    TextBlock m_title, m_hintText;
    Rect m_hint;
    ScrollArea m_list;
    bool m_wideTable = true;
    std::optional<int> m_revealed;  // the focus the view was last scrolled to
    std::array<Panel, 3> m_panels{};
    DrawList m_drawn;
    std::vector<Rect> m_curve;
};

}  // namespace

std::unique_ptr<Screen> makeCardInfoScreen(App& app, model::CardHistory history) {
    return std::make_unique<CardInfoScreen>(app, std::move(history));
}

}  // namespace attune::ui
