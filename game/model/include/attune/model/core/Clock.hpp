// The one clock: every part of Attune asks here for "now". ATTUNE_NOW=<ISO-8601 time> pins it
// (for tests and demos); otherwise it is the system clock with the local UTC offset.
#pragma once

#include <attune/scheduler/Scheduler.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace attune::model {

/// Now, honouring ATTUNE_NOW. The command line refuses a malformed ATTUNE_NOW before anything
/// runs (pinnedClockProblem); here such a value falls back to the system clock.
scheduler::Moment now();

/// What is wrong with ATTUNE_NOW, when it is set (even empty) and is not a time within the
/// review era; nullopt when it is unset or good.
std::optional<std::string> pinnedClockProblem();

/// The times an answer can have: 1980-01-01T00:00Z up to (not including) 2200-01-01T00:00Z.
/// Anything outside is a broken clock or a broken file, never a real review.
inline constexpr std::int64_t kEarliestReviewMs = 315532800000;
inline constexpr std::int64_t kLatestReviewMs = 7258118400000;
bool withinReviewEra(std::int64_t utcMs);

/// "2026-11-27T23:36:45Z", "2026-11-27T23:36:45.250+09:00", "2026-11-27 23:36:45+00:00".
/// A time without an offset is taken as UTC. nullopt when malformed, for a date that does not
/// exist (2026-02-30) and for an offset beyond +-18:00.
std::optional<scheduler::Moment> parseIsoTime(std::string_view text);

/// "2026-11-27T23:36:45.250+09:00" (milliseconds only when not zero).
std::string formatIsoTime(scheduler::Moment moment);

}  // namespace attune::model
