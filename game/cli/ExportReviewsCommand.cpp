// `attune export-reviews [--out FILE.csv]`: the profile's review log in the CSV the FSRS tools
// read (fsrs-rs, py-fsrs, the optimizer), which `attune memory --reviews` and
// `attune import-reviews` read back. The profile is only read.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/history/ReviewCsvExport.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/save/Profile.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>

namespace attune::cli {
namespace {

constexpr const char* kUsage = "attune export-reviews [--out FILE.csv] [--profile DIR] [--deck-id ID]";

constexpr const char* kHelp =
    "Writes the profile's review log as CSV for the FSRS tools: card_id, review_time (ISO-8601\n"
    "with the offset of the day), review_rating (1-4), review_state (0 New, 1 Learning, 2 Review,\n"
    "3 Relearning: before the answer), review_duration (ms). Undone and cram answers are left out.\n"
    "\n"
    "  --out FILE.csv   where to write it (default: standard output)\n"
    "  --profile DIR    the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n"
    "  --deck-id ID     only this deck's reviews (needed when the log holds more than one deck:\n"
    "                   card ids are only unique within a deck)\n";

}  // namespace

int runExportReviews(const Invocation& call) {
    const Args args(call.args, {"--out", "--profile", "--deck-id"}, {"--help", "-h"});
    if (args.has("--help") || args.has("-h")) {
        call.out << "usage: " << kUsage << "\n\n" << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (!args.positionals().empty()) return usageError(call.err, "'" + args.positionals().front() + "' is not an option of export-reviews", kUsage);
    const std::filesystem::path dir = args.value("--profile").value_or(model::defaultProfileDir().string());
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        call.err << "attune: no profile at " << dir.string() << '\n';
        return 1;
    }
    model::ProfileOpenOptions options;
    options.readOnly = true;
    options.dailyBackup = false;
    const model::ProfileOpenResult opened = model::Profile::open(dir, options);
    for (const auto& d : opened.diagnostics) call.err << d.format() << '\n';
    const std::vector<model::ReviewRecord> answers = model::effectiveReviews(opened.profile.reviews());
    const std::string deckId = args.value("--deck-id").value_or("");
    std::set<std::string> decks;
    for (const auto& r : answers) decks.insert(r.deckId.str());
    if (deckId.empty() && decks.size() > 1) {
        call.err << "attune: the log holds reviews of " << decks.size() << " decks; choose one with --deck-id:";
        for (const auto& d : decks) call.err << ' ' << d;
        call.err << '\n';
        return 2;
    }
    const std::string csv = model::formatReviewCsv(answers, deckId, opened.profile.settings().dayStartHour);
    const auto out = args.value("--out");
    if (!out) {
        call.out << csv;
        return 0;
    }
    const std::filesystem::path temporary = *out + ".tmp";
    std::ofstream file(temporary, std::ios::binary);
    file << csv;
    file.close();
    std::filesystem::rename(temporary, *out, ec);
    if (!file || ec) {
        call.err << "attune: cannot write " << *out << '\n';
        std::filesystem::remove(temporary, ec);
        return 1;
    }
    const auto rows = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
    call.out << "wrote " << *out << ": " << rows << " reviews\n";
    return 0;
}

}  // namespace attune::cli
