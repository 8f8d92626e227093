// `attune import-reviews FILE.csv`: adds an external review history (the CSV `attune memory`
// reads) to the profile's log. Every row is kept, rows for cards the deck does not know too
// (they are reported); importing the same file twice adds nothing the second time.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/DayOptions.hpp"

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/core/TimeZone.hpp>
#include <attune/model/deck/DeckLibrary.hpp>
#include <attune/model/history/ReviewCsv.hpp>
#include <attune/model/save/Profile.hpp>

#include <cstdio>
#include <filesystem>
#include <ostream>
#include <set>
#include <unordered_set>

namespace attune::cli {
namespace {

constexpr std::uintmax_t kBigCsvBytes = 1000000;  // about 20,000 rows: above it, say each step

constexpr const char* kUsage =
    "attune import-reviews FILE.csv [--profile DIR] [--deck-id ID] [--deck PATH]... [--timezone IANA] "
    "[--day-start H]";

constexpr const char* kHelp =
    "Adds a review history to the profile's review log (each answer once: importing a file again\n"
    "adds nothing). The profile is backed up first.\n"
    "\n"
    "  FILE.csv           header row with card_id, review_rating (1-4), review_time (ISO-8601 with\n"
    "                     Z or an offset, or epoch milliseconds); optional review_duration (ms)\n"
    "  --profile DIR      the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n"
    "  --deck-id ID       the deck the card ids belong to (default: attachment-guide, or the only\n"
    "                     deck there is); rows for ids the deck does not have are kept and listed\n"
    "  --deck PATH        also look for decks here (a file or a folder)\n"
    "  --timezone IANA    place every review in this zone (e.g. Europe/Berlin) for its study day;\n"
    "                     without it each review keeps its written offset (Z and epoch ms are UTC)\n"
    "  --day-start H      the hour a study day starts (0-23), for the summary; default: the\n"
    "                     profile's setting\n";

constexpr const char* kDefaultDeck = "attachment-guide";

}  // namespace

int runImportReviews(const Invocation& call) {
    const Args args(call.args, {"--profile", "--deck-id", "--deck", "--timezone", "--day-start"}, {"--help", "-h"});
    if (args.has("--help") || args.has("-h")) {
        call.out << "usage: " << kUsage << "\n\n" << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (args.positionals().size() != 1) return usageError(call.err, "give exactly one CSV file", kUsage);
    const std::string csvPath = args.positionals().front();
    const std::filesystem::path dir = args.value("--profile").value_or(model::defaultProfileDir().string());

    std::optional<int> dayStart;
    if (const auto failed = readDayStart(args, call.err, kUsage, dayStart)) return *failed;
    std::optional<model::TimeZone> zone;
    if (const auto failed = readTimeZone(args, call.err, zone)) return *failed;

    // The deck the ids belong to.
    std::vector<std::filesystem::path> deckPaths;
    for (const auto& p : args.values("--deck")) deckPaths.emplace_back(p);
    const model::DeckLibrary library = model::loadDeckLibrary(model::standardDeckSources(deckPaths));
    const model::Deck* deck = nullptr;
    if (const auto id = args.value("--deck-id")) {
        deck = library.findDeck(*id);
        if (deck == nullptr) {
            call.err << "attune: no deck with id '" << *id << "'. Decks found:";
            for (const auto& d : library.decks) call.err << ' ' << d.deck.id;
            call.err << "\n(give --deck PATH when the deck is not installed)\n";
            return 1;
        }
    } else {
        deck = library.findDeck(kDefaultDeck);
        if (deck == nullptr && library.decks.size() == 1) deck = &library.decks.front().deck;
        if (deck == nullptr) return usageError(call.err, "say which deck the reviews belong to with --deck-id ID", kUsage);
    }

    model::ReviewCsvOptions options;
    options.timeZone = zone ? &*zone : nullptr;
    // A big history takes a second or more: say what is happening, step by step, on stderr.
    std::error_code sizeError;
    const auto csvBytes = std::filesystem::file_size(csvPath, sizeError);
    const bool big = !sizeError && csvBytes > kBigCsvBytes;
    if (big) {
        char size[32];
        std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(csvBytes) / 1e6);
        call.err << "attune: reading " << csvPath << " (" << size << ")...\n" << std::flush;
    }
    const model::ReviewCsvResult csv = model::readReviewCsv(csvPath, options);
    if (!csv.ok()) {
        for (const auto& diagnostic : csv.diagnostics) call.err << diagnostic.format() << '\n';
        call.err << "attune: nothing was imported\n";
        return 1;
    }

    std::unordered_set<std::string> known;
    for (const auto& card : deck->studyCards) known.insert(card.id);
    std::vector<model::ReviewRecord> records;
    records.reserve(csv.history.reviews.size());
    std::size_t unknownRows = 0;
    std::set<std::string> unknownIds;
    for (const model::ImportedReview& row : csv.history.reviews) {
        model::ReviewRecord r;
        r.deckId = deck->id;
        r.cardId = csv.history.cardIds[row.card];
        r.utcMs = row.at.utcMs;
        r.utcOffsetSeconds = row.at.utcOffsetSeconds;
        r.rating = row.rating;
        r.durationMs = row.durationMs;
        r.kind = model::ReviewKind::Imported;
        if (known.count(r.cardId) == 0) {
            ++unknownRows;
            unknownIds.insert(r.cardId);
        }
        records.push_back(std::move(r));
    }

    auto opened = model::Profile::open(dir);
    for (const auto& d : opened.diagnostics) call.err << d.format() << '\n';
    if (opened.profile.readOnly()) {
        call.err << "attune: this profile " << opened.profile.readOnlyReason() << "; nothing was imported\n";
        return 1;
    }
    // The current state is backed up first, but only when the import changes something.
    model::Profile& profile = opened.profile;
    if (big)
        call.err << "attune: " << records.size() << " reviews read; adding the new ones to " << dir.string()
                 << " (a backup first)...\n" << std::flush;
    const model::MergeReport report =
        profile.mergeReviews(records, [&profile] { return profile.backupNow("before-import"); });
    if (!report.ok) {
        call.err << "attune: import failed: " << report.message << '\n';
        return 1;
    }

    const int hour = dayStart.value_or(opened.profile.settings().dayStartHour);
    std::set<std::int64_t> days;
    for (const auto& r : records) days.insert(scheduler::studyDay(r.moment(), hour));
    call.out << "imported " << report.added << " reviews into deck '" << deck->id << "' of " << dir.string() << " ("
             << records.size() << " rows, " << csv.history.cardIds.size() << " cards, " << days.size()
             << " study days; " << report.duplicates << " were already in the profile)\n";
    if (unknownRows > 0) {
        call.out << unknownRows << " rows for " << unknownIds.size() << " card ids that deck '" << deck->id
                 << "' does not have were kept (they count once such a card exists):";
        std::size_t shown = 0;
        for (const auto& id : unknownIds) {
            if (shown++ == 10) {
                call.out << " ...";
                break;
            }
            call.out << ' ' << id;
        }
        call.out << '\n';
    }
    return 0;
}

}  // namespace attune::cli
