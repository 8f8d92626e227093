// What the Stats screen's memory charts and `attune stats --json` show about the cards' memory:
// true retention by the interval a review came after (young and mature, as Anki counts them),
// how stability, difficulty and recall now spread over the cards, and the reviews due ahead.
// All derived from the log and the progress it replays into; per topic or for the whole course.
#pragma once

#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/progress/Progress.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace attune::model {

/// A review is young when the interval it came after is under this many days, mature from it.
inline constexpr int kMatureIntervalDays = 21;

struct RetentionGroup {
    int passed = 0;  // not Again
    int total = 0;
    double share() const { return total > 0 ? static_cast<double>(passed) / total : 0.0; }
};

/// True retention: of the answers to scheduled reviews (the card was in Review; cram, learning
/// steps and imports are not counted), the share that were not Again, grouped by the interval
/// the card had been given: the days recorded with the previous answer, or where none is
/// recorded, the study days since it.
struct RetentionByInterval {
    RetentionGroup young, mature, all;
    struct Band {
        int fromDays = 0;
        int toDays = 0;  // inclusive; INT32_MAX: and longer
        RetentionGroup group;
    };
    std::vector<Band> bands;  // 1, 2, 3-6, 7-13, 14-20, 21-41, 42-89, 90-179, 180+ days
};

/// Cards counted in bins; `label` says what each bin holds ("1-2 d", "40-50 %").
struct Histogram {
    std::vector<std::string> labels;
    std::vector<int> counts;
    int cards = 0;  // cards counted (studied ones)
};

struct MemoryCharts {
    RetentionByInterval retention;
    Histogram stability;   // days: <1, 1-2, 3-6, 7-13, 14-29, 30-59, 60-119, 120-364, 365+
    Histogram difficulty;  // 1-2 .. 9-10
    Histogram recall;      // 0-10 % .. 90-100 %, predicted now
    std::vector<int> due;  // reviews due per day from today (index 0: today, overdue included)
};

/// The charts for the cards of `topic` (an index into p.topics) or, nullopt, of every card;
/// the forecast reaches `forecastDays` days (today included).
MemoryCharts memoryCharts(const CourseProgress& p, std::span<const ReviewRecord> log, std::optional<std::size_t> topic,
                          int forecastDays);

/// The bin of a stability (days), difficulty (1..10) or recall (0..1) value.
std::size_t stabilityBin(double days);
std::size_t difficultyBin(double difficulty);
std::size_t recallBin(double recall);
/// The band of RetentionByInterval::bands an interval of `days` falls in.
std::size_t intervalBand(int days);

}  // namespace attune::model
