// `attune deck import FILE.apkg|FILE.colpkg`: an Anki package becomes one deck (or one per Anki
// deck with --split), its pictures extracted beside it, and with --with-history its review log
// joins the profile as `attune import-reviews` adds a CSV. Everything is read and checked before
// the first file is written: a package that cannot be imported changes nothing.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/DeckFiles.hpp"

#include <attune/model/anki/AnkiImport.hpp>
#include <attune/model/anki/AnkiPackage.hpp>
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/save/Profile.hpp>

#include <fstream>
#include <ostream>
#include <string>

namespace attune::cli {
namespace {
namespace fs = std::filesystem;

constexpr std::uintmax_t kBigPackageBytes = 1000000;  // above it, say each step on stderr

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

/// The pictures, read one at a time into a staging folder (never all in memory); false (after
/// saying why, with the staging folder removed) when one cannot be read or written.
bool stagePictures(const model::AnkiPackage& package, const std::vector<std::string>& names, const fs::path& staging,
                   const std::string& file, std::ostream& err) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) {
        err << "attune: cannot make " << staging.string() << ": " << ec.message() << "\nattune: nothing was imported\n";
        return false;
    }
    for (const std::string& name : names) {
        std::string error;
        const auto data = package.readMedia(name, error);
        bool written = false;
        if (data) {
            std::ofstream out(staging / name, std::ios::binary);
            out.write(data->data(), static_cast<std::streamsize>(data->size()));
            out.close();
            written = static_cast<bool>(out);
            if (!written) error = "cannot write " + (staging / name).string();
        }
        if (!written) {
            err << file << ": error: " << error << "\nattune: nothing was imported\n";
            fs::remove_all(staging, ec);
            return false;
        }
    }
    return true;
}

/// Moves the staged pictures into the media folder (replacing older copies) and removes the
/// staging folder.
bool placePictures(const fs::path& staging, const fs::path& folder, const std::vector<std::string>& names, std::ostream& err) {
    std::error_code ec;
    if (!names.empty()) fs::create_directories(folder, ec);
    for (const std::string& name : names) {
        if (!ec) fs::rename(staging / name, folder / name, ec);
    }
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    if (ec) err << "attune: cannot put the pictures into " << folder.string() << ": " << ec.message() << '\n';
    return !ec;
}

/// The profile that --with-history adds to, opened before any file is written; nullopt (after
/// saying why) when it cannot take the reviews.
std::optional<model::ProfileOpenResult> openProfileForHistory(const fs::path& dir, std::ostream& err) {
    model::ProfileOpenResult opened = model::Profile::open(dir);
    for (const auto& d : opened.diagnostics) err << d.format() << '\n';
    if (opened.profile.readOnly()) {
        err << "attune: the profile " << opened.profile.readOnlyReason() << "; nothing was imported\n";
        return std::nullopt;
    }
    return opened;
}

}  // namespace

int runDeckImportAnki(const Invocation& call, const Args& args, const char* usage) {
    const fs::path input = args.positionals()[1];
    const bool split = args.has("--split");
    const bool withHistory = args.has("--with-history");
    if (split && (args.has("--id") || args.has("--title"))) {
        return usageError(call.err, "--split takes the decks' ids and titles from the Anki deck names: leave out --id and --title", usage);
    }
    if (args.has("--separator") || args.has("--topic")) {
        return usageError(call.err, "--separator and --topic are for CSV files, not Anki packages", usage);
    }
    if (args.has("--profile") && !withHistory) return usageError(call.err, "--profile goes with --with-history", usage);
    model::AnkiImportOptions options;
    options.split = split;
    options.sourceName = input.filename().string();
    options.deckId = args.value("--id").value_or("");
    options.title = args.value("--title").value_or("");
    if (!options.deckId.empty() && !model::isValidDeckId(options.deckId)) {
        return usageError(call.err, "--id '" + options.deckId + "' may only use lower-case letters, digits and '-'", usage);
    }

    std::error_code ec;
    const auto size = fs::file_size(input, ec);
    if (ec || fs::is_directory(input, ec)) {
        call.err << "attune: cannot read " << input.string() << '\n';
        return 1;
    }
    const bool big = size > kBigPackageBytes;
    model::AnkiReadOptions readOptions;
    readOptions.reviews = withHistory;
    const model::AnkiProgress progress = [&](const std::string& step) {
        if (big) call.err << "attune: " << step << "...\n" << std::flush;
    };
    const model::AnkiPackageResult opened = model::openAnkiPackage(input, readOptions, progress);
    if (!opened.package) {
        call.err << input.string() << ": error: " << opened.error << "\nattune: nothing was imported\n";
        return 1;
    }
    progress("converting " + plural(opened.package->collection().notes.size(), "note"));
    model::AnkiImportResult result = model::convertAnkiCollection(*opened.package, options);
    for (auto& d : result.diagnostics) {
        if (d.file == options.sourceName) d.file = input.string();
        call.err << d.format() << '\n';
    }
    if (model::hasErrors(result.diagnostics)) {
        call.err << "attune: nothing was imported\n";
        return 1;
    }

    // Where each deck goes; a file holding another deck is never overwritten.
    const fs::path folder = split ? fs::path(args.value("--out").value_or("."))
                                  : fs::path(args.value("--out").value_or(result.decks.front().id + ".toml")).parent_path();
    std::vector<fs::path> outputs;
    for (const auto& deck : result.decks) {
        outputs.push_back(split ? folder / (deck.id + ".toml") : fs::path(args.value("--out").value_or(deck.id + ".toml")));
        std::optional<model::Deck> previous;
        if (const auto exit = readPreviousDeck(outputs.back(), deck.id, call.err, previous)) return *exit;
    }
    // The pictures first, into a hidden staging folder: one that cannot be read stops the import.
    const fs::path staging = folder / ("." + result.mediaFolder + ".importing");
    if (!result.media.empty()) progress("extracting " + plural(result.media.size(), "picture"));
    if (!result.media.empty() && !stagePictures(*opened.package, result.media, staging, input.string(), call.err)) return 1;
    std::optional<model::ProfileOpenResult> profile;
    const fs::path profileDir = args.value("--profile").value_or(model::defaultProfileDir().string());
    if (withHistory) {
        profile = openProfileForHistory(profileDir, call.err);
        if (!profile) {
            fs::remove_all(staging, ec);
            return 1;
        }
    }
    if (!folder.empty()) {
        fs::create_directories(folder, ec);
        if (ec) {
            call.err << "attune: cannot make " << folder.string() << ": " << ec.message() << '\n';
            return 1;
        }
    }
    progress("writing the deck" + std::string(result.decks.size() == 1 ? "" : "s"));
    if (!placePictures(staging, folder / result.mediaFolder, result.media, call.err)) return 1;
    for (std::size_t i = 0; i < result.decks.size(); ++i) {
        if (const auto exit = writeDeck(outputs[i], result.decks[i].toml, call.err)) return *exit;
        call.out << "wrote " << outputs[i].string() << ": " << plural(result.decks[i].cardCount, "card") << '\n';
    }
    call.out << plural(result.noteCount, "note") << " read";
    if (!result.media.empty()) call.out << ", " << plural(result.media.size(), "picture") << " in " << (folder / result.mediaFolder).string();
    call.out << '\n';

    if (withHistory) {
        const model::AnkiHistory history = model::ankiReviewHistory(opened.package->collection(), result);
        progress("adding " + plural(history.records.size(), "review") + " to the profile");
        model::Profile& p = profile->profile;
        const model::MergeReport report = p.mergeReviews(history.records, [&p] { return p.backupNow("before-import"); });
        if (!report.ok) {
            call.err << "attune: the reviews were not added: " << report.message << '\n';
            return 1;
        }
        call.out << "added " << plural(report.added, "review") << " to " << profileDir.string() << " (" << report.duplicates
                 << " were already there); skipped " << history.manual << " manual reschedules, " << history.cram
                 << " cram reviews, " << history.rescheduled << " rescheduled entries and " << history.otherCards
                 << " reviews of cards that were not imported";
        if (history.badTimes > 0) call.out << " (and " << history.badTimes << " with impossible dates)";
        call.out << '\n';
    }
    return 0;
}

}  // namespace attune::cli
