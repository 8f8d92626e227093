// libFuzzer target: any bytes given as a review-log month file or as profile.toml must come back
// as reviews or diagnostics, never a crash, hang or undefined behaviour, non-ASCII bytes included
// (run it without -only_ascii). Every review that loads must also survive a round trip: written
// as a line and read again, it is the same review; a profile that loads is written back to a file
// that loads without a diagnostic and is written the same again.
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/ProfileFile.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

bool sameReview(const attune::model::ReviewRecord& a, const attune::model::ReviewRecord& b) {
    return a.deckId == b.deckId && a.cardId == b.cardId && a.utcMs == b.utcMs &&
           a.utcOffsetSeconds == b.utcOffsetSeconds && a.rating == b.rating && a.durationMs == b.durationMs &&
           a.kind == b.kind && a.scheduledDays == b.scheduledDays;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace rl = attune::model::reviewlog;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const rl::MonthFile month = rl::parseMonthFile(text, "log/2026-11.toml");
    std::size_t total = 0;
    for (const auto& d : month.diagnostics) total += d.format().size();
    if (!month.damaged && !month.newerSchema) {
        const std::string written = rl::formatMonthFile(month.reviews);
        const rl::MonthFile again = rl::parseMonthFile(written, "again.toml");
        if (again.damaged || again.tornTail || again.reviews.size() != month.reviews.size()) __builtin_trap();
        for (const auto& review : month.reviews) {
            bool found = false;
            for (const auto& back : again.reviews) found = found || sameReview(review, back);
            if (!found) __builtin_trap();
        }
    }

    const auto profile = attune::model::profilefile::parseProfileFile(text, "profile.toml");
    for (const auto& d : profile.diagnostics) total += d.format().size();
    if (!profile.damaged && !profile.newerSchema) {
        // What Attune writes back must load without complaint and be written the same again.
        const std::string written = attune::model::profilefile::formatProfileFile(profile.data);
        const auto again = attune::model::profilefile::parseProfileFile(written, "again.toml");
        if (again.damaged || !again.diagnostics.empty()) __builtin_trap();
        if (attune::model::profilefile::formatProfileFile(again.data) != written) __builtin_trap();
        total += written.size();
    }

    // A computer's settings changes: what is read back is written and read the same again.
    namespace pf = attune::model::profilefile;
    const pf::SettingsLogRead changes = pf::parseSettingsLog(text, "settings/x.toml");
    for (const auto& d : changes.diagnostics) total += d.format().size();
    if (!changes.damaged && !changes.newerSchema) {
        pf::SettingsLog log = changes.log;
        log.deviceName = "fuzz";
        const std::string written = pf::formatSettingsLog(log);
        const pf::SettingsLogRead again = pf::parseSettingsLog(written, "again.toml");
        if (again.damaged || again.log.changes.size() != log.changes.size()) __builtin_trap();
        if (pf::formatSettingsLog(again.log) != written) __builtin_trap();
        log.deviceId = "a";
        total += pf::effectiveSettings(profile.data, {log}).settings.leechLapses > 0 ? 1 : 0;
    }
    return total == static_cast<std::size_t>(-1) ? 1 : 0;
}
