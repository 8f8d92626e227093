// The one clock: every part of Attune asks here for "now". ATTUNE_NOW=<ISO-8601 time> pins it
// (for tests and demos); otherwise it is the system clock with the local UTC offset.
#pragma once

#include <attune/scheduler/Scheduler.hpp>

#include <optional>
#include <string_view>

namespace attune::model {

/// Now, honouring ATTUNE_NOW. An unparseable ATTUNE_NOW falls back to the system clock.
scheduler::Moment now();

/// "2026-11-27T23:36:45Z", "2026-11-27T23:36:45.250+09:00", "2026-11-27 23:36:45+00:00".
/// A time without an offset is taken as UTC. nullopt when malformed.
std::optional<scheduler::Moment> parseIsoTime(std::string_view text);

/// "2026-11-27T23:36:45.250+09:00" (milliseconds only when not zero).
std::string formatIsoTime(scheduler::Moment moment);

}  // namespace attune::model
