#include <attune/model/deck/DeckInstall.hpp>

#include <attune/model/anki/AnkiImport.hpp>
#include <attune/model/anki/AnkiPackage.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/deck/DeckImport.hpp>
#include <attune/model/save/SaveFile.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace attune::model {
namespace {
namespace fs = std::filesystem;

std::string lowerExtension(const fs::path& file) {
    std::string extension = file.extension().string();
    for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return extension;
}

bool isPackage(const fs::path& file) {
    const std::string extension = lowerExtension(file);
    return extension == ".apkg" || extension == ".colpkg";
}

DeckInstallResult failed(std::string error, std::vector<Diagnostic> diagnostics = {}) {
    DeckInstallResult result;
    result.error = std::move(error);
    result.diagnostics = std::move(diagnostics);
    return result;
}

/// The first error of the diagnostics, as the reason nothing was imported.
std::string firstError(const std::vector<Diagnostic>& diagnostics) {
    for (const auto& d : diagnostics)
        if (d.severity == Diagnostic::Severity::Error) return d.format();
    return "it could not be imported";
}

/// The deck already at `output` (its cards keep their ids), or the reason it must stay.
std::optional<std::string> previousDeck(const fs::path& output, const std::string& id, std::optional<Deck>& previous) {
    std::error_code ec;
    if (!fs::exists(output, ec)) return std::nullopt;
    DeckLoadResult old = loadDeck(output);
    if (!old.deck) return output.string() + " exists and is not a valid deck; it was left as it is";
    if (old.deck->id != id) return output.string() + " holds the deck '" + old.deck->id + "'; it was left as it is";
    previous = std::move(old.deck);
    return std::nullopt;
}

/// Writes the deck in place of `output` at once, after checking that it loads.
std::optional<std::string> writeDeckFile(const fs::path& output, const std::string& toml) {
    const DeckLoadResult check = loadDeckFromText(toml, output);
    if (!check.deck) return "the imported deck does not load: " + firstError(check.diagnostics);
    // The profile store's durable write: temp file, fsync, rename, fsync of the folder.
    if (const SaveResult saved = savefile::writeAtomically(output, toml); !saved.ok) return saved.message;
    return std::nullopt;
}

/// Reads each picture into a hidden staging folder, then moves them into `media`; the reason on
/// failure, with the staging folder removed.
std::optional<std::string> placePictures(const AnkiPackage& package, const std::vector<std::string>& names, const fs::path& staging,
                                         const fs::path& media, const InstallProgress& progress) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) return "cannot make " + staging.string() + ": " + ec.message();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (progress && i % 16 == 0)
            progress("extracting the pictures", 0.5 + 0.4 * static_cast<double>(i) / static_cast<double>(names.size()));
        std::string error;
        const auto data = package.readMedia(names[i], error);
        if (data) {
            std::ofstream out(staging / names[i], std::ios::binary);
            out.write(data->data(), static_cast<std::streamsize>(data->size()));
            out.close();
            if (!out) error = "cannot write " + (staging / names[i]).string();
        }
        if (!data || !error.empty()) {
            fs::remove_all(staging, ec);
            return error;
        }
    }
    fs::create_directories(media, ec);
    for (const std::string& name : names)
        if (!ec) fs::rename(staging / name, media / name, ec);
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    if (ec) return "cannot put the pictures into " + media.string() + ": " + ec.message();
    return std::nullopt;
}

DeckInstallResult installPackage(const fs::path& input, const fs::path& folder, const InstallProgress& progress) {
    const auto report = [&](const std::string& step, double fraction) {
        if (progress) progress(step, fraction);
    };
    report("reading the package", 0.0);
    AnkiReadOptions readOptions;
    readOptions.reviews = false;
    const AnkiPackageResult opened = openAnkiPackage(input, readOptions, [&](const std::string& step) { report(step, 0.1); });
    if (!opened.package) return failed(input.string() + ": " + opened.error);
    report("converting the notes", 0.4);
    AnkiImportOptions options;
    options.sourceName = input.filename().string();
    AnkiImportResult converted = convertAnkiCollection(*opened.package, options);
    for (auto& d : converted.diagnostics)
        if (d.file == options.sourceName) d.file = input.string();
    if (hasErrors(converted.diagnostics) || converted.decks.empty()) return failed(firstError(converted.diagnostics), std::move(converted.diagnostics));
    const AnkiImportedDeck& deck = converted.decks.front();
    const fs::path output = folder / (deck.id + ".toml");
    std::optional<Deck> previous;
    if (auto problem = previousDeck(output, deck.id, previous)) return failed(*problem, std::move(converted.diagnostics));
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return failed("cannot make " + folder.string() + ": " + ec.message(), std::move(converted.diagnostics));
    if (!converted.media.empty()) {
        if (auto problem = placePictures(*opened.package, converted.media, folder / ("." + converted.mediaFolder + ".importing"),
                                         folder / converted.mediaFolder, progress))
            return failed(input.string() + ": " + *problem, std::move(converted.diagnostics));
    }
    report("writing the deck", 0.9);
    if (auto problem = writeDeckFile(output, deck.toml)) return failed(*problem, std::move(converted.diagnostics));
    DeckInstallResult result;
    result.ok = true;
    result.deckFile = output;
    result.title = deck.title;
    result.cardCount = deck.cardCount;
    result.pictureCount = converted.media.size();
    result.diagnostics = std::move(converted.diagnostics);
    report("done", 1.0);
    return result;
}

DeckInstallResult installExport(const fs::path& input, const fs::path& folder, const InstallProgress& progress) {
    if (progress) progress("reading the file", 0.0);
    std::error_code ec;
    if (fs::file_size(input, ec) > kMaxDeckFileBytes && !ec) return failed(input.string() + ": the file is over 8 MiB; split it");
    std::ifstream in(input, std::ios::binary);
    std::ostringstream read;
    read << in.rdbuf();
    ImportOptions options;
    options.title = input.stem().string();
    options.deckId = slugify(options.title, 60);
    options.sourceName = input.filename().string();
    if (options.deckId.empty() || !importTextProblem(options.title).empty())
        return failed(input.string() + ": its name cannot be a deck's title; rename the file");
    const fs::path output = folder / (options.deckId + ".toml");
    std::optional<Deck> previous;
    if (auto problem = previousDeck(output, options.deckId, previous)) return failed(*problem);
    if (progress) progress("converting the rows", 0.4);
    ImportResult converted = importCards(read.str(), options, previous ? &*previous : nullptr);
    for (auto& d : converted.diagnostics)
        if (d.file == options.sourceName) d.file = input.string();
    if (hasErrors(converted.diagnostics)) return failed(firstError(converted.diagnostics), std::move(converted.diagnostics));
    fs::create_directories(folder, ec);
    if (ec) return failed("cannot make " + folder.string() + ": " + ec.message(), std::move(converted.diagnostics));
    if (progress) progress("writing the deck", 0.9);
    if (auto problem = writeDeckFile(output, converted.toml)) return failed(*problem, std::move(converted.diagnostics));
    DeckInstallResult result;
    result.ok = true;
    result.deckFile = output;
    result.title = options.title;
    result.cardCount = converted.cardCount;
    result.diagnostics = std::move(converted.diagnostics);
    if (progress) progress("done", 1.0);
    return result;
}

}  // namespace

std::size_t DeckInstallResult::warningCount() const {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
        return d.severity == Diagnostic::Severity::Warning;
    }));
}

bool isInstallableDeckFile(const fs::path& file) {
    const std::string extension = lowerExtension(file);
    return isPackage(file) || extension == ".csv" || extension == ".tsv" || extension == ".txt";
}

DeckInstallResult installDeckFile(const fs::path& input, const fs::path& decksFolder, const InstallProgress& progress) {
    std::error_code ec;
    if (input.empty()) return failed("type the path of a file first");
    if (!fs::exists(input, ec)) return failed(input.string() + ": there is no such file");
    if (fs::is_directory(input, ec)) return failed(input.string() + ": a folder, not a file");
    if (!fs::is_regular_file(input, ec)) return failed(input.string() + ": not a regular file");
    if (!isInstallableDeckFile(input)) return failed(input.string() + ": not an Anki package (.apkg, .colpkg) or a CSV export (.csv, .tsv, .txt)");
    return isPackage(input) ? installPackage(input, decksFolder, progress) : installExport(input, decksFolder, progress);
}

}  // namespace attune::model
