// `attune import-reviews FILE.csv`: adds an external review history (the CSV `attune memory`
// reads) to the profile's log. Every row is kept, rows for cards the deck does not know too
// (they are reported); importing the same file twice adds nothing the second time.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/DayOptions.hpp"
#include "cli/ReviewFile.hpp"

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/core/TimeZone.hpp>
#include <attune/model/deck/DeckLibrary.hpp>
#include <attune/model/history/ReviewCsv.hpp>
#include <attune/model/save/Profile.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

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

/// What the player asked for.
struct ImportRequest {
    std::string csvPath;
    std::filesystem::path profileDir;              // --profile DIR
    std::optional<std::string> deckId;             // --deck-id ID
    std::vector<std::filesystem::path> deckPaths;  // --deck PATH...
    std::optional<int> dayStart;                   // --day-start H
    std::optional<model::TimeZone> zone;           // --timezone IANA
};

/// Reads the options; the exit code when the command ends here (help, a usage error).
std::optional<int> readRequest(const Invocation& call, ImportRequest& request) {
    const Args args(call.args, {"--profile", "--deck-id", "--deck", "--timezone", "--day-start"}, {"--help", "-h"});
    if (args.has("--help") || args.has("-h")) {
        call.out << "usage: " << kUsage << "\n\n" << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (args.positionals().size() != 1) return usageError(call.err, "give exactly one CSV file", kUsage);
    request.csvPath = args.positionals().front();
    request.profileDir = args.value("--profile").value_or(model::defaultProfileDir().string());

    if (const auto failed = readDayStart(args, call.err, kUsage, request.dayStart)) return failed;
    if (const auto failed = readTimeZone(args, call.err, request.zone)) return failed;
    request.deckId = args.value("--deck-id");
    for (const auto& p : args.values("--deck")) request.deckPaths.emplace_back(p);
    return std::nullopt;
}

/// The deck the ids belong to: --deck-id, else the default deck or the only one there is.
/// The exit code when there is none.
std::optional<int> chooseDeck(const model::DeckLibrary& library, const std::optional<std::string>& id,
                              std::ostream& err, const model::Deck*& deck) {
    if (id) {
        deck = library.findDeck(*id);
        if (deck == nullptr) {
            err << "attune: no deck with id '" << *id << "'. Decks found:";
            for (const auto& d : library.decks) err << ' ' << d.deck.id;
            err << "\n(give --deck PATH when the deck is not installed)\n";
            return 1;
        }
        return std::nullopt;
    }
    deck = library.findDeck(kDefaultDeck);
    if (deck == nullptr && library.decks.size() == 1) deck = &library.decks.front().deck;
    if (deck == nullptr) return usageError(err, "say which deck the reviews belong to with --deck-id ID", kUsage);
    return std::nullopt;
}

/// A big history takes a second or more: say what is happening, step by step, on stderr.
/// True when the file is big (and its reading was announced).
bool announceBigFile(const std::string& csvPath, std::ostream& err) {
    std::error_code sizeError;
    const auto csvBytes = std::filesystem::file_size(csvPath, sizeError);
    const bool big = !sizeError && csvBytes > kBigCsvBytes;
    if (big) {
        char size[32];
        std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(csvBytes) / 1e6);
        err << "attune: reading " << csvPath << " (" << size << ")...\n" << std::flush;
    }
    return big;
}

/// The file's rows as log records of the deck, with the card ids the deck does not have.
struct ImportRows {
    std::vector<model::ReviewRecord> records;
    std::size_t unknownRows = 0;
    std::set<std::string> unknownIds;
};

ImportRows importRows(const model::ReviewHistory& history, const model::Deck& deck) {
    std::unordered_set<std::string> known;
    for (const auto& card : deck.studyCards) known.insert(card.id);
    ImportRows rows;
    rows.records.reserve(history.reviews.size());
    for (const model::ImportedReview& row : history.reviews) {
        model::ReviewRecord r;
        r.deckId = deck.id;
        r.cardId = history.cardIds[row.card];
        r.utcMs = row.at.utcMs;
        r.utcOffsetSeconds = row.at.utcOffsetSeconds;
        r.rating = row.rating;
        r.durationMs = row.durationMs;
        r.kind = model::ReviewKind::Imported;
        if (known.count(r.cardId) == 0) {
            ++rows.unknownRows;
            rows.unknownIds.insert(r.cardId);
        }
        rows.records.push_back(std::move(r));
    }
    return rows;
}

/// Adds the records to the profile; nullopt when nothing could be imported (the reason is printed).
std::optional<model::MergeReport> mergeIntoProfile(model::ProfileOpenResult& opened, const ImportRequest& request,
                                                   const ImportRows& rows, bool big, std::ostream& err) {
    for (const auto& d : opened.diagnostics) err << d.format() << '\n';
    if (opened.profile.readOnly()) {
        err << "attune: this profile " << opened.profile.readOnlyReason() << "; nothing was imported\n";
        return std::nullopt;
    }
    // The current state is backed up first, but only when the import changes something.
    model::Profile& profile = opened.profile;
    if (big)
        err << "attune: " << rows.records.size() << " reviews read; adding the new ones to "
            << request.profileDir.string() << " (a backup first)...\n" << std::flush;
    model::MergeReport report =
        profile.mergeReviews(rows.records, [&profile] { return profile.backupNow("before-import"); });
    if (!report.ok) {
        err << "attune: import failed: " << report.message << '\n';
        return std::nullopt;
    }
    return report;
}

void printSummary(const ImportRequest& request, const model::Deck& deck, const ImportRows& rows, std::size_t cards,
                  const model::MergeReport& report, int dayStartHour, std::ostream& out) {
    std::set<std::int64_t> days;
    for (const auto& r : rows.records) days.insert(scheduler::studyDay(r.moment(), dayStartHour));
    out << "imported " << report.added << " reviews into deck '" << deck.id << "' of " << request.profileDir.string()
        << " (" << rows.records.size() << " rows, " << cards << " cards, " << days.size() << " study days; "
        << report.duplicates << " were already in the profile)\n";
    if (rows.unknownRows > 0) {
        out << rows.unknownRows << " rows for " << rows.unknownIds.size() << " card ids that deck '" << deck.id
            << "' does not have were kept (they count once such a card exists):";
        std::size_t shown = 0;
        for (const auto& id : rows.unknownIds) {
            if (shown++ == 10) {
                out << " ...";
                break;
            }
            out << ' ' << id;
        }
        out << '\n';
    }
}

}  // namespace

int runImportReviews(const Invocation& call) {
    ImportRequest request;
    if (const auto exit = readRequest(call, request)) return *exit;
    const model::DeckLibrary library = model::loadDeckLibrary(model::standardDeckSources(request.deckPaths));
    const model::Deck* deck = nullptr;
    if (const auto exit = chooseDeck(library, request.deckId, call.err, deck)) return *exit;

    const bool big = announceBigFile(request.csvPath, call.err);
    const auto csv = readReviewFile(request.csvPath, request.zone, call.err);
    if (!csv) {
        call.err << "attune: nothing was imported\n";
        return 1;
    }
    const ImportRows rows = importRows(csv->history, *deck);

    auto opened = model::Profile::open(request.profileDir);
    const auto report = mergeIntoProfile(opened, request, rows, big, call.err);
    if (!report) return 1;
    const int hour = request.dayStart.value_or(opened.profile.settings().dayStartHour);
    printSummary(request, *deck, rows, csv->history.cardIds.size(), *report, hour, call.out);
    return 0;
}

}  // namespace attune::cli
