// The memory charts (see MemoryCharts.hpp): one pass over the log for true retention, one over
// the cards for the histograms and the forecast.
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/MemoryCharts.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <unordered_map>

namespace attune::model {

using scheduler::CardPhase;
using scheduler::studyDay;

namespace {

constexpr int kBandStarts[] = {0, 2, 3, 7, 14, 21, 42, 90, 180};
constexpr const char* kStabilityLabels[] = {"under 1 d", "1-2 d", "3-6 d", "1-2 wk", "2-4 wk", "1-2 mo", "2-4 mo", "4-12 mo", "1 yr +"};
constexpr double kStabilityStarts[] = {0.0, 1.0, 3.0, 7.0, 14.0, 30.0, 60.0, 120.0, 365.0};

Histogram emptyHistogram(std::vector<std::string> labels) {
    Histogram h;
    h.counts.assign(labels.size(), 0);
    h.labels = std::move(labels);
    return h;
}

// The interval a card had when it came up again, per card, in time order.
struct LastAnswer {
    std::int64_t day = 0;
    std::int32_t scheduledDays = 0;
    bool seen = false;
};

}  // namespace

std::size_t stabilityBin(double days) {
    std::size_t bin = 0;
    for (std::size_t i = 0; i < std::size(kStabilityStarts); ++i)
        if (days >= kStabilityStarts[i]) bin = i;
    return bin;
}

std::size_t difficultyBin(double difficulty) {
    if (!(difficulty > 1.0)) return 0;
    return static_cast<std::size_t>(std::min(8.0, std::floor(difficulty - 1.0)));
}

std::size_t recallBin(double recall) {
    if (!(recall > 0.0)) return 0;
    return static_cast<std::size_t>(std::min(9.0, std::floor(recall * 10.0)));
}

std::size_t intervalBand(int days) {
    std::size_t band = 0;
    for (std::size_t i = 0; i < std::size(kBandStarts); ++i)
        if (days >= kBandStarts[i]) band = i;
    return band;
}

MemoryCharts memoryCharts(const CourseProgress& p, std::span<const ReviewRecord> log, std::optional<std::size_t> topic,
                          int forecastDays) {
    MemoryCharts charts;
    for (std::size_t i = 0; i < std::size(kBandStarts); ++i) {
        RetentionByInterval::Band band;
        band.fromDays = kBandStarts[i] == 0 ? 1 : kBandStarts[i];
        band.toDays = i + 1 < std::size(kBandStarts) ? kBandStarts[i + 1] - 1 : INT32_MAX;
        charts.retention.bands.push_back(band);
    }
    charts.retention.bands.front().fromDays = 0;

    // True retention: each scheduled review against the answer before it of the same card.
    const int dayStart = p.scheduler.settings().dayStartHour;
    std::vector<LastAnswer> known(p.cards.size());
    std::unordered_map<std::string, LastAnswer> unknown;  // cards no loaded deck has (all topics only)
    std::string key;
    for (const std::size_t i : effectiveOrder(log)) {
        const ReviewRecord& r = log[i];
        if (!changesSchedule(r) || datedInTheFuture(r, p.now.utcMs)) continue;
        const auto card = p.findCard(r.deckId, r.cardId);
        if (topic && (!card || p.cards[*card].topicIndex != *topic)) continue;
        LastAnswer* last = nullptr;
        if (card) {
            last = &known[*card];
        } else {
            key.assign(r.deckId);
            key += '\n';
            key += r.cardId;
            last = &unknown[key];
        }
        const std::int64_t day = studyDay(r.moment(), dayStart);
        if (r.kind == ReviewKind::Review && last->seen) {
            const std::int64_t interval = last->scheduledDays > 0 ? last->scheduledDays : std::max<std::int64_t>(0, day - last->day);
            const bool passed = r.rating != scheduler::Rating::Again;
            RetentionGroup& group = interval < kMatureIntervalDays ? charts.retention.young : charts.retention.mature;
            for (RetentionGroup* g : {&group, &charts.retention.all,
                                      &charts.retention.bands[intervalBand(static_cast<int>(std::min<std::int64_t>(interval, INT32_MAX)))].group}) {
                ++g->total;
                g->passed += passed ? 1 : 0;
            }
        }
        *last = {day, r.scheduledDays, true};
    }

    // The cards as they stand now.
    charts.stability = emptyHistogram({std::begin(kStabilityLabels), std::end(kStabilityLabels)});
    charts.difficulty = emptyHistogram({"1-2", "2-3", "3-4", "4-5", "5-6", "6-7", "7-8", "8-9", "9-10"});
    charts.recall = emptyHistogram({"0-10 %", "10-20 %", "20-30 %", "30-40 %", "40-50 %", "50-60 %", "60-70 %", "70-80 %",
                                    "80-90 %", "90-100 %"});
    charts.due.assign(static_cast<std::size_t>(std::max(1, forecastDays)), 0);
    const auto count = [&](std::uint32_t c) {
        const scheduler::CardState& state = p.states[c];
        if (state.phase == CardPhase::New || !state.memory) return;
        ++charts.stability.counts[stabilityBin(state.memory->stability)];
        ++charts.difficulty.counts[difficultyBin(state.memory->difficulty)];
        ++charts.recall.counts[recallBin(p.recallNow(c))];
        ++charts.stability.cards;
        ++charts.difficulty.cards;
        ++charts.recall.cards;
        if (isSetAside(p.holdOf(c))) return;  // a suspended card or a leech set aside is in no due count
        const std::int64_t in = state.phase == CardPhase::Review ? std::max<std::int64_t>(0, state.dueDay - p.today) : 0;
        if (in < static_cast<std::int64_t>(charts.due.size())) ++charts.due[static_cast<std::size_t>(in)];
    };
    if (topic) {
        if (*topic < p.topicCards.size())
            for (const std::uint32_t c : p.topicCards[*topic]) count(c);
    } else {
        for (std::uint32_t c = 0; c < p.cards.size(); ++c) count(c);
    }
    return charts;
}

}  // namespace attune::model
