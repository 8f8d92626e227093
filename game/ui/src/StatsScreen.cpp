// Stats, in four pages (tabs) so nothing is cramped at 800x600 and 200 % text. Activity: a
// calendar heatmap of the last 365 study days (streak days marked), true retention per month
// and reviews and time per day. Forecast: reviews due in the next 30 or 90 days. Memory: true
// retention by interval (young and mature), and how stability, difficulty and recall now spread
// over the cards; the last two pages for one topic or for all. Topics: a per-topic table.
// All drawn with plain shapes from the shell's palette.
#include "DrawList.hpp"
#include "InsightScreens.hpp"

#include <attune/model/core/CountText.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/MemoryCharts.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/save/Profile.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <climits>
#include <map>
#include <optional>

namespace attune::ui {
namespace {

enum Id { Back = 1, TopicChooser = 2, ShortRange = 3, LongRange = 4, FirstPage = 5, FirstSection = 20 };
enum Section {
    Heatmap, Retention, PerDay,                           // Activity
    Due,                                                  // Forecast
    IntervalRetention, StabilityChart, DifficultyChart, RecallChart,  // Memory
    Topics,                                               // Topics
    SectionCount
};

constexpr const char* kPageNames[StatsPageCount] = {"Activity", "Forecast", "Memory", "Topics"};

std::vector<std::size_t> sectionsOf(StatsPage page) {
    switch (page) {
    case StatsPage::Activity: return {Heatmap, Retention, PerDay};
    case StatsPage::Forecast: return {Due};
    case StatsPage::Memory: return {IntervalRetention, StabilityChart, DifficultyChart, RecallChart};
    case StatsPage::Topics: return {Topics};
    }
    return {};
}

constexpr int kHeatmapDays = 365;
constexpr int kShortForecast = 30;
constexpr int kLongForecast = 90;
constexpr int kPerDayDays = 30;
constexpr const char* kMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

sf::Color mix(sf::Color a, sf::Color b, float t) {
    auto channel = [t](sf::Uint8 x, sf::Uint8 y) {
        return static_cast<sf::Uint8>(std::lround(static_cast<float>(x) + (static_cast<float>(y) - static_cast<float>(x)) * t));
    };
    return {channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b), 255};
}

/// (year, month 1-12) of a study day (days since 1970-01-01).
std::pair<int, unsigned> monthOf(std::int64_t day) {
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
    return {static_cast<int>(date.year()), static_cast<unsigned>(date.month())};
}

struct StatsFacts {
    std::int64_t today = 0;
    std::array<int, kHeatmapDays> reviews{};        // index 0 = 364 days ago
    std::array<bool, kHeatmapDays> streakDay{};
    std::array<int, kPerDayDays> perDayReviews{};
    std::array<double, kPerDayDays> perDayMinutes{};
    struct Month {
        int year = 0;
        unsigned month = 0;
        int passed = 0, total = 0;
    };
    std::vector<Month> months;                      // oldest first, at most 12
    int yearReviews = 0, studyDays = 0, streak = 0, longest = 0;
    std::vector<model::TopicMastery> topics;
};

class StatsScreen final : public Screen {
public:
    StatsScreen(App& app, StatsPage page) : Screen(app), m_page(page) { load(); }

    void resumed() override {
        load();
        invalidate();
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        auto focus = m_controls.focused();
        m_controls.clear();
        const float gap = ui.px(16.0f);
        Rect content = area.inset(ui.px(28.0f));
        content = content.centered(std::min(content.w, ui.px(1120.0f)), content.h);
        content = layoutHeader(ui, m_controls, content, Back, "Stats", m_title, gap);
        layoutTabs(ui, content, gap);
        m_hint = content.takeBottom(ui.lineHeight(ui.textSize(TextSize::Small)), ui.px(4.0f));
        m_list.view = content;

        const float pad = ui.px(18.0f);
        const float inner = content.w - 2.0f * pad;
        const float line = ui.lineHeight(ui.textSize(TextSize::Body));
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        const float heading = ui.lineHeight(ui.textSize(TextSize::Large));
        const auto subtitle = [&](const std::string& text) { return std::min(ui.textHeight(text, inner, TextSize::Body), line * 2.0f) + ui.px(6.0f); };
        // Heights per section, growing with the text.
        m_cell = std::max(4.0f, std::min((inner - small * 2.5f) / 53.0f, ui.px(18.0f) * static_cast<float>(ui.fontScale())));
        const float chart = std::max(ui.px(110.0f), small * 6.0f);
        const float barRow = std::round(small * 1.3f);
        std::array<float, SectionCount> heights{};
        heights[Heatmap] = heading + line * 2.0f + small * 2.4f + m_cell * 7.0f + ui.px(16.0f);
        // The forecast is the page's one chart: as tall as the view lets it be, within reason.
        const float dueFixed = heading + subtitle(dueSubtitle()) + small * 1.6f;
        const float dueChart = std::clamp(m_list.view.h - 2.0f * pad - dueFixed - ui.px(4.0f), small * 4.0f, chart * 1.6f);
        heights[Due] = dueFixed + dueChart;
        heights[Retention] = heading + line + chart + small * 2.6f;
        heights[PerDay] = heading + line * 2.0f + chart + small * 1.6f;
        // The table's columns need room; a narrow view gives each topic two lines instead.
        m_topicTable = inner >= line * 34.0f;
        heights[Topics] = heading + (m_topicTable ? line * 1.3f * static_cast<float>(m_facts.topics.size() + 1)
                                                  : (line + small) * 1.25f * static_cast<float>(m_facts.topics.size())) +
                          ui.px(8.0f);
        heights[IntervalRetention] = heading + subtitle(intervalSubtitle()) + barRow * 4.0f + ui.px(12.0f) +
                                     barRow * static_cast<float>(m_charts.retention.bands.size() + 1);
        heights[StabilityChart] = heading + subtitle(histogramSubtitle(StabilityChart)) + barRow * static_cast<float>(m_charts.stability.counts.size());
        heights[DifficultyChart] = heading + subtitle(histogramSubtitle(DifficultyChart)) + barRow * static_cast<float>(m_charts.difficulty.counts.size());
        heights[RecallChart] = heading + subtitle(histogramSubtitle(RecallChart)) + barRow * static_cast<float>(m_charts.recall.counts.size());
        const std::vector<std::size_t> shown = sectionsOf(m_page);
        float offset = 0.0f;
        std::array<float, SectionCount> offsets{};
        for (const std::size_t s : shown) {
            heights[s] += 2.0f * pad;
            offsets[s] = offset;
            offset += heights[s] + gap;
        }
        m_heights = heights;
        m_offsets = offsets;
        m_list.content = offset - gap;
        // Scrolled into view when the focus moves, not on every layout (the wheel scrolls freely).
        const bool moved = focus != m_revealed;
        m_revealed = focus;
        if (moved && focus && *focus >= FirstSection) {
            const auto s = static_cast<std::size_t>(*focus - FirstSection);
            // A section taller than the view shows its top (Tab then pages through it).
            m_list.reveal(offsets[s], std::min(heights[s], m_list.view.h));
        }
        m_list.clamp();

        m_drawn.clear();
        for (auto& section : m_sections) section = {};
        for (const std::size_t s : shown) {
            Rect r = m_list.place(offsets[s], heights[s]);
            // Partly visible sections are drawn (clipped by the view's edges); their focus
            // control is hidden until scrolled fully in when it fits.
            const bool visible = r.bottom() > m_list.view.y && r.y < m_list.view.bottom();
            m_sections[s] = {r, visible};
            m_controls.add(Control(FirstSection + static_cast<int>(s), r, "").withStyle(ButtonStyle::Quiet).hiddenIf(!m_list.shows(r)), ui);
            if (!visible) continue;
            Rect body = r.inset(pad);
            switch (s) {
            case Heatmap: layoutHeatmap(ui, body); break;
            case Due: layoutDue(ui, body, dueChart); break;
            case Retention: layoutRetention(ui, body, chart); break;
            case PerDay: layoutPerDay(ui, body, chart); break;
            case Topics: layoutTopics(ui, body); break;
            case IntervalRetention: layoutIntervalRetention(ui, body, barRow); break;
            case StabilityChart: layoutHistogram(ui, body, barRow, StabilityChart, m_charts.stability); break;
            case DifficultyChart: layoutHistogram(ui, body, barRow, DifficultyChart, m_charts.difficulty); break;
            case RecallChart: layoutHistogram(ui, body, barRow, RecallChart, m_charts.recall); break;
            default: break;
            }
        }
        const bool more = m_list.scroll + m_list.view.h < m_list.content - 1.0f;
        m_hintText = ui.text(more ? "More below \xE2\x80\x94 Tab, arrows or scroll" : "", m_hint, TextSize::Small, false, Align::Center, true, 0.5f);
        if (!focus) focus = FirstPage + static_cast<int>(m_page);
        m_controls.focus(*focus);
        if (!m_controls.focused()) m_controls.focus(FirstPage + static_cast<int>(m_page));
        if (!m_revealed) m_revealed = m_controls.focused();
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        m_controls.draw(target, ui, {}, m_app.clock());
        for (const auto& section : m_sections)
            if (section.visible) ui.panel(target, clip(section.rect));
        m_drawn.drawShapes(target, ui, &m_list.view);
        // Focus rings again, above the panels.
        if (const auto focus = m_controls.focused(); focus && *focus >= FirstSection) {
            const Placed& s = m_sections[static_cast<std::size_t>(*focus - FirstSection)];
            if (s.visible) ui.focusRing(target, clip(s.rect), ui.px(12.0f));
        }
        m_drawn.drawTexts(target, ui, &m_list.view);
        // The title and the back button last: nothing scrolled draws over them.
        ui.draw(target, m_title, p.text);
        ui.draw(target, m_hintText, p.textMuted);
    }

    void onScroll(float notches) override {
        m_list.scroll -= notches * m_app.ui().px(60.0f);
        m_list.clamp();
        invalidate();
    }

    void onAction(const InputAction& action) override {
        if (pageThroughSection(action)) return;
        Screen::onAction(action);
        invalidate();
    }

    void onActivate(int id) override {
        if (id == Back) {
            m_app.pop();
        } else if (id >= FirstPage && id < FirstPage + StatsPageCount) {
            m_page = static_cast<StatsPage>(id - FirstPage);
            m_list.scroll = 0.0f;
        } else if (id == TopicChooser) {
            // All topics, then each topic in the course's order, then all again.
            if (!m_topic) m_topic = std::size_t{0};
            else ++*m_topic;
            if (*m_topic >= m_facts.topics.size()) m_topic.reset();
            loadCharts();
        } else if (id == ShortRange || id == LongRange) {
            m_forecastDays = id == ShortRange ? kShortForecast : kLongForecast;
        }
        invalidate();
    }

    StatsPage page() const { return m_page; }

private:
    struct Placed {
        Rect rect;
        bool visible = false;
    };

    Rect clip(const Rect& r) const { return m_list.clip(r); }


    void heading(Ui& ui, Rect& body, const std::string& title, const std::string& subtitle) {
        m_drawn.text(ui, title, body.takeTop(ui.lineHeight(ui.textSize(TextSize::Large))), TextSize::Large, true, false);
        if (!subtitle.empty()) {
            const float h = std::min(ui.textHeight(subtitle, body.w, TextSize::Body), ui.lineHeight(ui.textSize(TextSize::Body)) * 2.0f);
            m_drawn.add(ui.text(subtitle, body.takeTop(h, ui.px(6.0f)), TextSize::Body, false, Align::Left, false, 0.5f), true);
        }
    }

    /// The page tabs, and under them the page's own choices (topic, forecast range).
    void layoutTabs(Ui& ui, Rect& content, float gap) {
        const float h = buttonHeight(ui);
        const unsigned body = ui.textSize(TextSize::Body);
        float widest = 0.0f;
        for (const char* name : kPageNames) widest = std::max(widest, ui.width(name, body, true));
        const auto cells = flowCells(content, StatsPageCount, widest + ui.px(36.0f), h, ui.px(8.0f));
        const std::size_t perRow = cells.size() > 1 && cells[1].y == cells[0].y ? static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(), [&](const Rect& r) { return r.y == cells[0].y; })) : 1;
        const std::size_t rows = (cells.size() + perRow - 1) / perRow;
        for (int i = 0; i < StatsPageCount; ++i)
            m_controls.add(Control(FirstPage + i, cells[static_cast<std::size_t>(i)], kPageNames[i])
                               .withStyle(static_cast<int>(m_page) == i ? ButtonStyle::Primary : ButtonStyle::Normal),
                           ui);
        content.takeTop(static_cast<float>(rows) * h + static_cast<float>(rows - 1) * ui.px(8.0f), gap);
        if (m_page != StatsPage::Forecast && m_page != StatsPage::Memory) return;
        Rect row = content.takeTop(h, gap);
        if (m_page == StatsPage::Forecast) {
            const float w = std::min(row.w * 0.25f, ui.width("90 days", body, true) + ui.px(40.0f));
            m_controls.add(Control(LongRange, row.takeRight(w, ui.px(8.0f)), "90 days")
                               .withStyle(m_forecastDays == kLongForecast ? ButtonStyle::Primary : ButtonStyle::Normal), ui);
            m_controls.add(Control(ShortRange, row.takeRight(w, ui.px(8.0f)), "30 days")
                               .withStyle(m_forecastDays == kShortForecast ? ButtonStyle::Primary : ButtonStyle::Normal), ui);
        }
        const std::string topic = m_topic ? m_facts.topics[*m_topic].title : std::string("All topics");
        m_controls.add(Control(TopicChooser, row, "Cards: " + topic + " \xE2\x96\xB8").plainLabel(), ui);
    }

    /// Tab or an arrow on a section taller than the view first scrolls through it.
    bool pageThroughSection(const InputAction& action) {
        const auto focus = m_controls.focused();
        if (!focus || *focus < FirstSection) return false;
        const auto s = static_cast<std::size_t>(*focus - FirstSection);
        const float top = m_list.view.y + m_offsets[s] - m_list.scroll;
        const float bottom = top + m_heights[s];
        const float step = m_list.view.h * 0.8f;
        if (action.action == Action::FocusNext && bottom > m_list.view.bottom() + 1.0f) {
            m_list.scroll += std::min(step, bottom - m_list.view.bottom());
        } else if (action.action == Action::FocusPrevious && top < m_list.view.y - 1.0f) {
            m_list.scroll -= std::min(step, m_list.view.y - top);
        } else {
            return false;
        }
        m_list.clamp();
        invalidate();
        return true;
    }

    std::string dueSubtitle() const {
        int total = 0, peak = 0;
        for (int i = 0; i < m_forecastDays && i < static_cast<int>(m_charts.due.size()); ++i) {
            total += m_charts.due[static_cast<std::size_t>(i)];
            peak = std::max(peak, m_charts.due[static_cast<std::size_t>(i)]);
        }
        const int today = m_charts.due.empty() ? 0 : m_charts.due[0];
        return model::countText(total) + " in all \xC2\xB7 " + model::countText(today) + " today \xC2\xB7 busiest day " + model::countText(peak) +
               " \xC2\xB7 " + model::countText(static_cast<std::int64_t>(std::lround(static_cast<double>(total) / m_forecastDays))) + " a day on average";
    }

    static std::string intervalSubtitle() {
        return "Scheduled reviews not answered Again, by the interval the card had been given: young under " +
               std::to_string(model::kMatureIntervalDays) + " days, mature from " + std::to_string(model::kMatureIntervalDays) + ".";
    }

    std::string histogramSubtitle(int section) const {
        const int cards = m_charts.stability.cards;
        const std::string of = model::countText(cards) + (cards == 1 ? " studied card" : " studied cards");
        switch (section) {
        case StabilityChart: return of + " by stability: the days until recall falls to 90 %.";
        case DifficultyChart: return of + " by difficulty, from 1 (easy) to 10 (hard).";
        default: return of + " by the recall the model predicts for them now.";
        }
    }

    /// A row of a horizontal bar chart: the label, the bar (`share` of its track), the value.
    void barRow(Ui& ui, Rect row, float labelW, float valueW, const std::string& label, double share, const std::string& value, sf::Color color) {
        const Palette& p = ui.palette();
        m_drawn.text(ui, label, row.takeLeft(labelW, ui.px(8.0f)), TextSize::Small, false, true, Align::Right);
        m_drawn.text(ui, value, row.takeRight(valueW, ui.px(8.0f)), TextSize::Small, false, false, Align::Left);
        const Rect track = row.centered(row.w, std::max(4.0f, row.h * 0.6f));
        m_drawn.fill(track, p.track, ui.px(3.0f));
        if (share > 0.0) m_drawn.fill({track.x, track.y, std::max(2.0f, track.w * static_cast<float>(std::min(1.0, share))), track.h}, color, ui.px(3.0f));
    }

    void layoutIntervalRetention(Ui& ui, Rect body, float rowH) {
        const auto& r = m_charts.retention;
        heading(ui, body, "True retention by interval", intervalSubtitle());
        const unsigned smallSize = ui.textSize(TextSize::Small);
        // Young, mature and all: retention with its counts.
        const float labelW = std::max(ui.width("Mature", smallSize, true), ui.width("180 d +", smallSize, false)) + ui.px(12.0f);
        const std::string widest = "100 % of " + model::countText(std::max(1, r.all.total));
        const float valueW = ui.width(widest, smallSize, false) + ui.px(12.0f);
        const auto groupText = [](const model::RetentionGroup& g) {
            return g.total > 0 ? percentText(g.share()) + " of " + model::countText(g.total) : std::string("no reviews");
        };
        Rect table = body.takeTop(rowH * 4.0f, ui.px(12.0f));
        {
            Rect head = table.takeTop(rowH);
            head.takeLeft(labelW, ui.px(8.0f));
            m_drawn.text(ui, "Retention of reviews", head, TextSize::Small, true, true);
        }
        const std::pair<const char*, const model::RetentionGroup*> groups[3] = {{"Young", &r.young}, {"Mature", &r.mature}, {"All", &r.all}};
        for (const auto& [name, group] : groups)
            barRow(ui, table.takeTop(rowH), labelW, valueW, name, group->share(), groupText(*group), ui.palette().goal);
        m_drawn.text(ui, "By interval (days)", body.takeTop(rowH), TextSize::Small, true, true);
        for (const auto& band : r.bands) {
            const std::string label = band.toDays == INT32_MAX ? std::to_string(band.fromDays) + " d +"
                                      : band.fromDays == band.toDays ? std::to_string(band.fromDays) + " d"
                                                                     : std::to_string(band.fromDays) + "-" + std::to_string(band.toDays) + " d";
            barRow(ui, body.takeTop(rowH), labelW, valueW, label, band.group.share(), groupText(band.group), ui.palette().goal);
        }
    }

    void layoutHistogram(Ui& ui, Rect body, float rowH, int section, const model::Histogram& h) {
        const char* titles[] = {"Stability", "Difficulty", "Recall now"};
        heading(ui, body, titles[section - StabilityChart], histogramSubtitle(section));
        const unsigned smallSize = ui.textSize(TextSize::Small);
        float labelW = 0.0f;
        for (const auto& label : h.labels) labelW = std::max(labelW, ui.width(label, smallSize, false));
        labelW += ui.px(12.0f);
        int peak = 1;
        for (const int c : h.counts) peak = std::max(peak, c);
        const float valueW = ui.width(model::countText(peak) + " cards", smallSize, false) + ui.px(12.0f);
        for (std::size_t i = 0; i < h.counts.size(); ++i)
            barRow(ui, body.takeTop(rowH), labelW, valueW, h.labels[i], static_cast<double>(h.counts[i]) / peak,
                   model::countText(h.counts[i]) + (h.counts[i] == 1 ? " card" : " cards"), ui.palette().accent);
    }

    void layoutHeatmap(Ui& ui, Rect body) {
        const Palette& p = ui.palette();
        heading(ui, body, "The last 365 days",
                model::countText(m_facts.yearReviews) + " answers on " + model::countText(m_facts.studyDays) + " study days \xC2\xB7 streak " +
                    std::to_string(m_facts.streak) + " (longest " + std::to_string(m_facts.longest) + ")");
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        Rect monthRow = body.takeTop(small * 1.2f);
        const float labelWidth = small * 2.5f;
        Rect grid = body.takeTop(m_cell * 7.0f, ui.px(8.0f));
        const char* weekdays[7] = {"Mon", "", "Wed", "", "Fri", "", ""};
        for (int d = 0; d < 7; ++d)
            if (*weekdays[d])
                // A line tall, centred on its row: the labels stay readable when cells are small.
                m_drawn.text(ui, weekdays[d], {grid.x, grid.y + m_cell * (static_cast<float>(d) + 0.5f) - small / 2.0f, labelWidth - ui.px(4.0f), small},
                     TextSize::Small, false, true);
        grid.takeLeft(labelWidth);
        const std::int64_t first = m_facts.today - (kHeatmapDays - 1);
        const std::int64_t firstMonday = first - scheduler::weekdayOf(first);
        int peak = 1;
        for (int count : m_facts.reviews) peak = std::max(peak, count);
        const float gapPx = std::max(1.0f, m_cell * 0.15f);
        unsigned lastMonth = 0;
        for (int i = 0; i < kHeatmapDays; ++i) {
            const std::int64_t day = first + i;
            const auto column = static_cast<float>((day - firstMonday) / 7);
            const auto row = static_cast<float>(scheduler::weekdayOf(day));
            const Rect cell{grid.x + column * m_cell, grid.y + row * m_cell, m_cell - gapPx, m_cell - gapPx};
            const int count = m_facts.reviews[static_cast<std::size_t>(i)];
            const sf::Color color = count == 0 ? p.track : mix(p.track, p.accent, 0.3f + 0.7f * static_cast<float>(count) / static_cast<float>(peak));
            m_drawn.fill(cell, color, m_cell * 0.2f);
            if (m_facts.streakDay[static_cast<std::size_t>(i)]) {
                // Streak days carry a flame-coloured dot: a mark, not only a colour.
                const float dot = std::max(2.0f, cell.w * 0.42f);
                m_drawn.fill({cell.x + (cell.w - dot) / 2.0f, cell.y + (cell.h - dot) / 2.0f, dot, dot}, p.flame, dot / 2.0f);
            }
            const auto month = monthOf(day).second;
            if (row == 0.0f && month != lastMonth && column < 51.0f) {
                m_drawn.text(ui, kMonths[month - 1], {grid.x + column * m_cell, monthRow.y, m_cell * 4.0f, monthRow.h}, TextSize::Small, false, true);
                lastMonth = month;
            }
            if (i == 0) lastMonth = month;
        }
        // Legend: less .. more, and the streak mark.
        Rect legend = body.takeTop(small * 1.2f);
        Rect less = legend.takeLeft(ui.width("Less", ui.textSize(TextSize::Small), false) + ui.px(6.0f), ui.px(4.0f));
        m_drawn.text(ui, "Less", less, TextSize::Small, false, true);
        for (int k = 0; k < 5; ++k) {
            Rect swatch = legend.takeLeft(m_cell, gapPx).centered(m_cell - gapPx, m_cell - gapPx);
            m_drawn.fill(swatch, k == 0 ? p.track : mix(p.track, p.accent, 0.3f + 0.7f * static_cast<float>(k) / 4.0f), m_cell * 0.2f);
        }
        legend.takeLeft(ui.px(4.0f));
        m_drawn.text(ui, "More", legend.takeLeft(ui.width("More", ui.textSize(TextSize::Small), false) + ui.px(24.0f)), TextSize::Small, false, true);
        Rect mark = legend.takeLeft(m_cell, ui.px(6.0f)).centered(m_cell - gapPx, m_cell - gapPx);
        m_drawn.fill(mark, p.track, m_cell * 0.2f);
        const float dot = std::max(2.0f, mark.w * 0.42f);
        m_drawn.fill({mark.x + (mark.w - dot) / 2.0f, mark.y + (mark.h - dot) / 2.0f, dot, dot}, p.flame, dot / 2.0f);
        m_drawn.text(ui, "streak day", legend, TextSize::Small, false, true);
    }

    /// Bars for `values` in `area`, each labelled below by `label(i)` when not empty.
    template <typename Label>
    void bars(Ui& ui, Rect area, const std::vector<double>& values, double peak, sf::Color color, Label label) {
        const Palette& p = ui.palette();
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        Rect labels = area.takeBottom(small * 1.2f, ui.px(4.0f));
        m_drawn.fill({area.x, area.bottom(), area.w, std::max(1.0f, ui.px(1.5f))}, p.border);
        const float slot = area.w / static_cast<float>(std::max<std::size_t>(1, values.size()));
        for (std::size_t i = 0; i < values.size(); ++i) {
            const float x = area.x + slot * static_cast<float>(i);
            const float h = peak > 0.0 ? static_cast<float>(values[i] / peak) * area.h : 0.0f;
            if (h > 0.0f) m_drawn.fill({x + slot * 0.15f, area.bottom() - h, slot * 0.7f, h}, color, std::min(slot * 0.2f, ui.px(4.0f)));
            const std::string text = label(i);
            if (!text.empty()) {
                const float w = std::max(slot, ui.width(text, ui.textSize(TextSize::Small), false) + ui.px(4.0f));
                const float left = std::clamp(x + slot / 2.0f - w / 2.0f, labels.x, labels.right() - w);
                m_drawn.text(ui, text, {left, labels.y, w, labels.h}, TextSize::Small, false, true, Align::Center);
            }
        }
    }

    void layoutDue(Ui& ui, Rect body, float chart) {
        const int days = std::min(m_forecastDays, static_cast<int>(m_charts.due.size()));
        int peak = 0;
        for (int i = 0; i < days; ++i) peak = std::max(peak, m_charts.due[static_cast<std::size_t>(i)]);
        heading(ui, body, "Reviews due in the next " + std::to_string(days) + " days", dueSubtitle());
        std::vector<double> values(m_charts.due.begin(), m_charts.due.begin() + days);
        const unsigned smallSize = ui.textSize(TextSize::Small);
        const auto axisW = ui.width(std::max(std::string("000"), model::countText(peak)), smallSize, false) + ui.px(8.0f);
        Rect area = body.takeTop(chart + ui.lineHeight(smallSize) * 1.2f);
        Rect axis = area.takeLeft(axisW, ui.px(4.0f));
        m_drawn.text(ui, model::countText(peak), axis.takeTop(ui.lineHeight(smallSize)), TextSize::Small, false, true, Align::Right);
        // Day labels every week, fortnight or month: as often as they fit.
        const float slot = area.w / static_cast<float>(std::max(1, days));
        const float labelW = ui.width("+00d", smallSize, false) + ui.px(12.0f);
        int every = 7;
        for (const int step : {7, 14, 30})
            if (static_cast<float>(every = step) * slot >= labelW) break;
        bars(ui, area, values, std::max(1, peak), ui.palette().accent, [every](std::size_t i) {
            if (i == 0) return std::string("today");
            return static_cast<int>(i) % every == 0 ? "+" + std::to_string(i) + "d" : std::string();
        });
    }

    void layoutRetention(Ui& ui, Rect body, float chart) {
        int passed = 0, all = 0;
        for (const auto& m : m_facts.months) {
            passed += m.passed;
            all += m.total;
        }
        heading(ui, body, "True retention per month",
                all > 0 ? "Scheduled reviews passed (not Again): " + percentText(static_cast<double>(passed) / all) + " of " + model::countText(all)
                        : "No scheduled reviews yet: cards come up for review a day or more after learning.");
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        Rect area = body.takeTop(chart + small * 2.4f);
        Rect values = area.takeTop(small * 1.1f);
        std::vector<double> shares;
        for (const auto& m : m_facts.months) shares.push_back(m.total > 0 ? static_cast<double>(m.passed) / m.total : 0.0);
        const float slot = area.w / static_cast<float>(std::max<std::size_t>(1, shares.size()));
        for (std::size_t i = 0; i < shares.size(); ++i) {
            // The share above each bar, so the bar's colour is never the only cue.
            const float top = area.y + (1.0f - static_cast<float>(shares[i])) * (area.h - small * 1.2f - ui.px(4.0f));
            m_drawn.text(ui, percentText(shares[i]), {area.x + slot * static_cast<float>(i), std::max(values.y, top - small * 1.1f), slot, small * 1.1f},
                 TextSize::Small, true, false, Align::Center);
        }
        const auto& months = m_facts.months;
        bars(ui, area, shares, 1.0, ui.palette().goal, [&months](std::size_t i) {
            return std::string(kMonths[months[i].month - 1]) + (months[i].month == 1 ? " " + std::to_string(months[i].year % 100) : "");
        });
    }

    void layoutPerDay(Ui& ui, Rect body, float chart) {
        int reviews = 0, days = 0, peak = 0;
        double minutes = 0.0, peakMinutes = 0.0;
        for (std::size_t i = 0; i < m_facts.perDayReviews.size(); ++i) {
            reviews += m_facts.perDayReviews[i];
            minutes += m_facts.perDayMinutes[i];
            days += m_facts.perDayReviews[i] > 0 ? 1 : 0;
            peak = std::max(peak, m_facts.perDayReviews[i]);
            peakMinutes = std::max(peakMinutes, m_facts.perDayMinutes[i]);
        }
        const int perDay = days > 0 ? reviews / days : 0;
        const int minutesPerDay = days > 0 ? static_cast<int>(std::lround(minutes / days)) : 0;
        heading(ui, body, "Reviews and time per day (last 30 days)",
                std::to_string(perDay) + " answers and " + std::to_string(minutesPerDay) + " min on a study day \xC2\xB7 bars: answers, dots: minutes (busiest " +
                    std::to_string(static_cast<int>(std::lround(peakMinutes))) + " min)");
        const auto axisW = ui.width("000", ui.textSize(TextSize::Small), false) + ui.px(8.0f);
        Rect area = body.takeTop(chart + ui.lineHeight(ui.textSize(TextSize::Small)) * 1.2f);
        Rect axis = area.takeLeft(axisW, ui.px(4.0f));
        m_drawn.text(ui, std::to_string(peak), axis.takeTop(ui.lineHeight(ui.textSize(TextSize::Small))), TextSize::Small, false, true, Align::Right);
        std::vector<double> values(m_facts.perDayReviews.begin(), m_facts.perDayReviews.end());
        const Rect chartArea = area;
        bars(ui, area, values, std::max(1, peak), ui.palette().accent, [](std::size_t i) {
            const auto ago = static_cast<int>(kPerDayDays - 1 - i);
            if (ago == 0) return std::string("today");
            return ago % 7 == 0 ? "-" + std::to_string(ago) + "d" : std::string();
        });
        // Minutes as dots on their own scale.
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        const float plotH = chartArea.h - small * 1.2f - ui.px(4.0f);
        const float slot = chartArea.w / static_cast<float>(kPerDayDays);
        const float dot = std::max(4.0f, std::min(slot * 0.45f, ui.px(9.0f)));
        for (std::size_t i = 0; i < m_facts.perDayMinutes.size(); ++i) {
            if (m_facts.perDayMinutes[i] <= 0.0) continue;
            const float y = chartArea.y + plotH - static_cast<float>(m_facts.perDayMinutes[i] / std::max(1.0, peakMinutes)) * plotH;
            m_drawn.fill({chartArea.x + slot * (static_cast<float>(i) + 0.5f) - dot / 2.0f, std::min(y, chartArea.y + plotH - dot) , dot, dot}, ui.palette().xp, dot / 2.0f);
        }
    }

    void layoutTopicLines(Ui& ui, Rect body) {
        const Palette& p = ui.palette();
        const float rowH = (ui.lineHeight(ui.textSize(TextSize::Body)) + ui.lineHeight(ui.textSize(TextSize::Small))) * 1.25f;
        for (std::size_t t = 0; t < m_facts.topics.size(); ++t) {
            const model::TopicMastery& m = m_facts.topics[t];
            Rect row = body.takeTop(rowH);
            if (t % 2 == 1) m_drawn.fill(row, mix(p.surface, p.track, 0.5f), ui.px(4.0f));
            Rect inside = row.inset(ui.px(6.0f), ui.px(3.0f));
            m_drawn.text(ui, m.title, inside.takeTop(ui.lineHeight(ui.textSize(TextSize::Body))), TextSize::Body, false, false);
            m_drawn.text(ui, model::countText(m.cards) + " cards \xC2\xB7 " + model::countText(m.studied) + " studied \xC2\xB7 " + std::to_string(m.masteryPercent) +
                         " % mastered \xC2\xB7 recall " + (m.studied > 0 ? percentText(m.recall) : "\xE2\x80\x94") + " \xC2\xB7 " +
                         model::countText(m.lapses) + (m.lapses == 1 ? " lapse" : " lapses"),
                 inside, TextSize::Small, false, true);
        }
    }

    void layoutTopics(Ui& ui, Rect body) {
        const Palette& p = ui.palette();
        heading(ui, body, "Topics", "");
        if (!m_topicTable) {
            layoutTopicLines(ui, body);
            return;
        }
        const float rowH = ui.lineHeight(ui.textSize(TextSize::Body)) * 1.3f;
        const char* headers[6] = {"Topic", "Cards", "Studied", "Mastered", "Recall", "Lapses"};
        auto columns = [&](Rect row) {
            std::array<Rect, 6> cells;
            cells[0] = row.takeLeft(row.w * 0.40f, ui.px(8.0f));
            const float w = (row.w - 4.0f * ui.px(8.0f)) / 5.0f;
            for (std::size_t c = 1; c < 6; ++c) cells[c] = row.takeLeft(w, ui.px(8.0f));
            return cells;
        };
        Rect head = body.takeTop(rowH);
        const auto headCells = columns(head);
        for (std::size_t c = 0; c < 6; ++c)
            m_drawn.text(ui, headers[c], headCells[c], TextSize::Small, true, true, c == 0 ? Align::Left : Align::Right);
        m_drawn.fill({head.x, head.bottom() - std::max(1.0f, ui.px(1.5f)), head.w, std::max(1.0f, ui.px(1.5f))}, p.border);
        for (std::size_t t = 0; t < m_facts.topics.size(); ++t) {
            const model::TopicMastery& m = m_facts.topics[t];
            Rect row = body.takeTop(rowH);
            if (t % 2 == 1) m_drawn.fill(row, mix(p.surface, p.track, 0.5f), ui.px(4.0f));
            const auto cells = columns(row.inset(ui.px(4.0f), 0.0f));
            const std::string values[6] = {m.title, std::to_string(m.cards), std::to_string(m.studied), std::to_string(m.masteryPercent) + " %",
                                           m.studied > 0 ? percentText(m.recall) : "\xE2\x80\x94", std::to_string(m.lapses)};
            for (std::size_t c = 0; c < 6; ++c)
                m_drawn.text(ui, values[c], cells[c], TextSize::Body, false, false, c == 0 ? Align::Left : Align::Right);
        }
    }

    void load() {
        model::Game& game = m_app.game();
        const model::CourseProgress& p = game.course();
        StatsFacts f;
        f.today = p.today;
        f.streak = p.streak.current;
        f.longest = p.streak.longest;
        f.topics = p.topics;
        const std::int64_t first = p.today - (kHeatmapDays - 1);
        for (const auto& day : p.streak.days) {
            if (day.day < first || day.day > p.today) continue;
            if (day.outcome == model::DayOutcome::Counted || day.outcome == model::DayOutcome::Frozen)
                f.streakDay[static_cast<std::size_t>(day.day - first)] = true;
        }
        const int dayStart = p.settings.dayStartHour;
        std::map<std::pair<int, unsigned>, StatsFacts::Month> months;
        const auto& log = game.profile().reviews();
        for (const std::size_t index : model::effectiveOrder(log)) {
            const model::ReviewRecord& r = log[index];
            // An answer dated past now (a clock ahead) counts when its time comes, as everywhere else.
            if (!model::isOwnStudy(r) || model::datedInTheFuture(r, p.now.utcMs)) continue;
            const std::int64_t day = scheduler::studyDay(r.moment(), dayStart);
            if (day >= first && day <= p.today) {
                ++f.reviews[static_cast<std::size_t>(day - first)];
                ++f.yearReviews;
            }
            const std::int64_t ago = p.today - day;
            if (ago >= 0 && ago < kPerDayDays) {
                const auto i = static_cast<std::size_t>(kPerDayDays - 1 - ago);
                ++f.perDayReviews[i];
                f.perDayMinutes[i] += static_cast<double>(r.durationMs) / 60000.0;
            }
            if (r.kind == model::ReviewKind::Review) {
                const auto key = monthOf(day);
                auto& m = months[key];
                m.year = key.first;
                m.month = key.second;
                ++m.total;
                if (r.rating != scheduler::Rating::Again) ++m.passed;
            }
        }
        for (int count : f.reviews) f.studyDays += count > 0 ? 1 : 0;
        for (const auto& [key, m] : months) f.months.push_back(m);
        if (f.months.size() > 12) f.months.erase(f.months.begin(), f.months.end() - 12);
        m_facts = std::move(f);
        if (m_topic && *m_topic >= m_facts.topics.size()) m_topic.reset();
        loadCharts();
    }

    void loadCharts() {
        model::Game& game = m_app.game();
        m_charts = model::memoryCharts(game.course(), game.profile().reviews(), m_topic, kLongForecast);
    }

    StatsFacts m_facts;
    model::MemoryCharts m_charts;
    StatsPage m_page = StatsPage::Activity;
    std::optional<std::size_t> m_topic;  // into m_facts.topics; empty: every card
    int m_forecastDays = kShortForecast;
    std::array<float, SectionCount> m_heights{}, m_offsets{};
    std::optional<int> m_revealed;  // the focus the view was last scrolled to
    bool m_topicTable = true;        // wide enough for the topics' columns
    TextBlock m_title;
    ScrollArea m_list;
    Rect m_hint;
    TextBlock m_hintText;
    float m_cell = 10.0f;
    std::array<Placed, SectionCount> m_sections{};
    DrawList m_drawn;
};

}  // namespace

std::unique_ptr<Screen> makeStatsScreen(App& app, StatsPage page) { return std::make_unique<StatsScreen>(app, page); }

std::optional<StatsPage> statsPage(Screen& screen) {
    if (auto* stats = dynamic_cast<StatsScreen*>(&screen)) return stats->page();
    return std::nullopt;
}

}  // namespace attune::ui
