// `attune deck check|new|import`: the deck author's tools.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/DeckFiles.hpp"

#include <attune/fonts/Fonts.hpp>
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/core/Utf8.hpp>
#include <attune/model/deck/CardCraft.hpp>
#include <attune/model/deck/DeckImport.hpp>
#include <attune/model/deck/DeckLibrary.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>

namespace attune::cli {
namespace {
namespace fs = std::filesystem;

constexpr const char* kUsage =
    "attune deck check PATH...\n"
    "       attune deck new NAME [--dir DIR]\n"
    "       attune deck import FILE.csv|FILE.tsv --id ID --title TITLE [--topic NAME] [--separator C] [--out FILE]\n"
    "       attune deck import FILE.apkg|FILE.colpkg [--id ID] [--title TITLE] [--out FILE] [--split [--out DIR]]\n"
    "                          [--with-history [--profile DIR]]\n"
    "       attune deck export DECK --csv|--apkg [--out FILE]";

constexpr const char* kHelp =
    "usage: attune deck check PATH...\n"
    "       attune deck new NAME [--dir DIR]\n"
    "       attune deck import FILE.csv|FILE.tsv --id ID --title TITLE [--topic NAME] [--separator C] [--out FILE]\n"
    "       attune deck import FILE.apkg|FILE.colpkg [--id ID] [--title TITLE] [--out FILE] [--split [--out DIR]]\n"
    "                          [--with-history [--profile DIR]]\n"
    "       attune deck export DECK --csv|--apkg [--out FILE]\n\n"
    "  check PATH...    check deck files or folders of decks: every problem as FILE:LINE:COL, then a\n"
    "                   summary; exit 0 without errors, 1 with errors. A warning ending in [rule] is\n"
    "                   about card craft (a whole list in one card, an answer given away, ...):\n"
    "                   allow = [\"rule\"] on the card silences it (FORMAT.md, Card craft warnings)\n"
    "  new NAME         write NAME.toml, a starter deck with one card of every type (--dir DIR: where)\n"
    "  import FILE      turn an Anki or Quizlet export (rows front,back[,tags]) into a deck;\n"
    "                   importing an updated file again keeps the progress of unchanged cards\n"
    "    --id ID          the deck's id (lower-case letters, digits and '-')\n"
    "    --title TITLE    the deck's title\n"
    "    --topic NAME     the topic the cards go into (default: Imported)\n"
    "    --separator C    the column separator: a character, or tab, comma, semicolon, pipe\n"
    "                     (default: Anki's #separator: line, tab for .tsv, else detected)\n"
    "    --out FILE       where to write the deck (default: ID.toml)\n"
    "  import FILE.apkg an Anki package (.apkg or .colpkg, any Anki version): each note becomes a\n"
    "                   card, each Anki deck a topic; pictures go to ID-media/ beside the deck.\n"
    "                   Importing an updated package again keeps every card's progress\n"
    "    --id ID, --title TITLE   default: from the Anki deck's name\n"
    "    --split          one deck per Anki deck, written into the folder --out DIR (default: .)\n"
    "    --with-history   also add the package's review history to the profile (as import-reviews)\n"
    "    --profile DIR    the profile for --with-history (default: the default profile)\n"
    "  export DECK      a deck (its file, or the id of an installed deck) for elsewhere:\n"
    "    --csv            rows front,back,tags that deck import (and Anki) read back: basic and\n"
    "                     reverse cards\n"
    "    --apkg           an Anki package with every card and its pictures (File > Import in Anki)\n"
    "    --out FILE       where to write it (default: ID.csv or ID.apkg)\n\n"
    "The deck format is described in FORMAT.md next to the bundled decks.\n";

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

/// A warning for each character of a deck file that no installed font (nor the bundled DejaVu)
/// has, at its first place in the file: the game would draw it as an empty box. Comments are
/// skipped: the player never sees them.
void warnMissingFonts(const fs::path& file, fonts::SystemFonts& installed, std::vector<model::Diagnostic>& out) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) return;
    std::ifstream in(file, std::ios::binary);
    std::string text(static_cast<std::size_t>(std::min<std::uintmax_t>(size, model::kMaxDeckFileBytes)), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
    std::set<char32_t> reported;
    int line = 1;
    int column = 1;
    // Where the reader is in TOML's syntax: a '#' outside a string starts a comment.
    enum class In { Code, Comment, Basic, Literal, MultiBasic, MultiLiteral } where = In::Code;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = model::claimedSequenceLength(lead);
        char32_t cp = 0;
        if (i + length > text.size()) break;
        if (length == 1) cp = lead;
        else if (!model::decodeSequence(std::string_view(text).substr(i, length), cp)) cp = 0, length = 1;
        const std::string_view rest = std::string_view(text).substr(i);
        if (cp == U'\n') {
            ++line;
            column = 1;
            if (where == In::Comment || where == In::Basic || where == In::Literal) where = In::Code;
            ++i;
            continue;
        }
        std::size_t skip = 0;  // syntax characters read past at once
        switch (where) {
        case In::Code:
            if (cp == U'#') where = In::Comment;
            else if (rest.starts_with("\"\"\"")) where = In::MultiBasic, skip = 3;
            else if (rest.starts_with("'''")) where = In::MultiLiteral, skip = 3;
            else if (cp == U'"') where = In::Basic;
            else if (cp == U'\'') where = In::Literal;
            break;
        case In::Basic:
        case In::MultiBasic:
            if (cp == U'\\') skip = 2;  // an escaped character
            else if (where == In::MultiBasic && rest.starts_with("\"\"\"")) where = In::Code, skip = 3;
            else if (where == In::Basic && cp == U'"') where = In::Code;
            break;
        case In::Literal:
            if (cp == U'\'') where = In::Code;
            break;
        case In::MultiLiteral:
            if (rest.starts_with("'''")) where = In::Code, skip = 3;
            break;
        case In::Comment: break;
        }
        if (skip > 0 && cp < 0x80) {
            const std::size_t ascii = std::min(skip, rest.size());
            column += static_cast<int>(ascii);
            i += ascii;
            continue;
        }
        const bool comment = where == In::Comment;
        if (!comment && cp >= 0x80 && !reported.count(cp) && !installed.anyFontHas(cp)) {
            reported.insert(cp);
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
            out.push_back({model::Diagnostic::Severity::Warning, file.string(), line, column,
                           std::string("no installed font has the character ") + code + " '" +
                               std::string(text, i, length) +
                               "': the game draws it as an empty box (install a font that has it, such as "
                               "fonts-noto-core or fonts-noto-cjk) [no-font]"});
        }
        ++column;
        i += length;
    }
}

int runCheck(const Invocation& call, const std::vector<std::string>& paths) {
    if (paths.empty()) return usageError(call.err, "deck check needs at least one deck file or folder", kUsage);
    std::vector<model::DeckSource> sources;
    for (const auto& path : paths) sources.push_back({path, model::DeckOrigin::CommandLine, true});
    // The author's validator always really parses: never the deck cache.
    model::DeckLibrary library = model::loadDeckLibrary(sources, model::DeckReading::AlwaysParse);
    for (const auto& source : sources) {
        std::error_code ec;
        std::vector<model::Diagnostic> ignored;
        if (fs::is_directory(source.path, ec) && model::findDeckFiles(source, ignored).empty()) {
            library.diagnostics.push_back({model::Diagnostic::Severity::Warning, source.path.string(), 0, 0,
                                           "no .toml deck files in this folder"});
        }
    }
    // Card craft is judged on the decks that load; its warnings join their file's diagnostics in
    // line order, the files in the order they were read (messages about a folder first).
    std::vector<model::Diagnostic> diagnostics = std::move(library.diagnostics);
    std::map<std::string, std::size_t> craftCounts;
    for (const auto& entry : library.decks) {
        for (auto& warning : model::checkCardCraft(entry.deck)) {
            if (!warning.rule.empty()) craftCounts[warning.rule] += 1;
            diagnostics.push_back(std::move(warning.diagnostic));
        }
    }
    // Whether the game can draw every character: asked of fontconfig, with the bundled font.
    fonts::SystemFonts installed;
    installed.addBundledFont((model::assetsDir() / "fonts" / "DejaVuSans.ttf").string());
    for (const auto& entry : library.decks) warnMissingFonts(entry.deck.file, installed, diagnostics);
    std::map<std::string, std::size_t> fileRank;
    for (std::size_t i = 0; i < library.files.size(); ++i) fileRank.emplace(library.files[i].string(), i + 1);
    auto rankOf = [&](const model::Diagnostic& d) {
        const auto it = fileRank.find(d.file);
        return it == fileRank.end() ? std::size_t{0} : it->second;
    };
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const model::Diagnostic& a, const model::Diagnostic& b) {
        const std::size_t ra = rankOf(a);
        const std::size_t rb = rankOf(b);
        if (ra != rb) return ra < rb;
        if (ra == 0) return false;  // about folders: as reported
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    std::size_t errors = 0;
    std::size_t warnings = 0;
    for (const auto& diagnostic : diagnostics) {
        call.out << diagnostic.format() << '\n';
        (diagnostic.severity == model::Diagnostic::Severity::Error ? errors : warnings) += 1;
    }
    call.out << plural(errors, "error") << ", " << plural(warnings, "warning") << " in " << plural(library.fileCount, "deck");
    std::string craft;
    for (const auto& rule : model::kCraftRules) {
        if (const auto it = craftCounts.find(std::string(rule.name)); it != craftCounts.end()) {
            craft += (craft.empty() ? "" : ", ") + std::to_string(it->second) + " " + std::string(rule.name);
        }
    }
    if (!craft.empty()) call.out << " (card craft: " << craft << ")";
    call.out << '\n';
    return errors == 0 ? 0 : 1;
}

int runNew(const Invocation& call, const Args& args) {
    if (args.positionals().size() != 2) return usageError(call.err, "deck new needs one NAME", kUsage);
    const std::string& name = args.positionals()[1];
    const std::string id = model::slugify(name, 60);
    if (id.empty()) {
        call.err << "attune: '" << name << "' has no letters or digits to make a deck id from\n";
        return 1;
    }
    const fs::path dir = args.value("--dir").value_or(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        call.err << "attune: " << dir.string() << " is not a folder\n";
        return 1;
    }
    const fs::path file = dir / (id + ".toml");
    if (fs::exists(file, ec)) {
        call.err << "attune: " << file.string() << " already exists; choose another name or --dir\n";
        return 1;
    }
    std::ofstream out(file, std::ios::binary);
    out << model::starterDeckToml(id, name);
    out.close();
    if (!out) {
        call.err << "attune: cannot write " << file.string() << '\n';
        return 1;
    }
    call.out << "wrote " << file.string() << " (deck id '" << id << "'): edit it, then run attune deck check "
             << file.string() << '\n';
    return 0;
}

std::optional<char> parseSeparator(const std::string& text) {
    if (text == "tab" || text == "\\t" || text == "\t") return '\t';
    if (text == "comma") return ',';
    if (text == "semicolon") return ';';
    if (text == "pipe") return '|';
    if (text == "space") return ' ';
    if (text.size() == 1 && text[0] != '"' && text[0] != '\n' && text[0] != '\r') return text[0];
    return std::nullopt;
}

/// Reads what `deck import` was asked to do into options; the exit code on a usage error.
std::optional<int> readImportOptions(const Args& args, std::ostream& err, model::ImportOptions& options) {
    if (args.positionals().size() != 2) return usageError(err, "deck import needs one CSV or TSV file", kUsage);
    const auto id = args.value("--id");
    const auto title = args.value("--title");
    if (!id) return usageError(err, "deck import needs --id ID", kUsage);
    if (!title) return usageError(err, "deck import needs --title TITLE", kUsage);
    if (!model::isValidDeckId(*id)) {
        return usageError(err, "--id '" + *id + "' may only use lower-case letters, digits and '-'", kUsage);
    }
    // The title and the topic become deck texts: refuse here what a deck could not hold.
    for (const auto& [option, value] : {std::pair{"--title", title}, std::pair{"--topic", args.value("--topic")}}) {
        if (!value) continue;
        if (const std::string problem = model::importTextProblem(*value); !problem.empty()) {
            return usageError(err, std::string(option) + " " + problem, kUsage);
        }
    }
    options.deckId = *id;
    options.title = *title;
    options.topicTitle = args.value("--topic").value_or("");
    if (const auto separator = args.value("--separator")) {
        options.separator = parseSeparator(*separator);
        if (!options.separator) return usageError(err, "--separator must be one character or tab, comma, semicolon, pipe", kUsage);
    }
    return std::nullopt;
}

/// The export's text; the exit code when it cannot be read or is too big for a deck.
std::optional<int> readExport(const fs::path& input, std::ostream& err, std::string& text) {
    std::error_code ec;
    const auto size = fs::file_size(input, ec);
    if (ec || fs::is_directory(input, ec)) {
        err << "attune: cannot read " << input.string() << '\n';
        return 1;
    }
    if (size > model::kMaxDeckFileBytes) {
        err << input.string() << ": error: the file is over 8 MiB; split it\n";
        return 1;
    }
    std::ifstream in(input, std::ios::binary);
    std::ostringstream read;
    read << in.rdbuf();
    text = read.str();
    return std::nullopt;
}

bool isAnkiPackage(const fs::path& file) {
    std::string extension = file.extension().string();
    for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return extension == ".apkg" || extension == ".colpkg";
}

int runImport(const Invocation& call, const Args& args) {
    if (args.positionals().size() == 2 && isAnkiPackage(args.positionals()[1])) return runDeckImportAnki(call, args, kUsage);
    for (const char* option : {"--split", "--with-history", "--profile"}) {
        if (args.has(option)) return usageError(call.err, std::string(option) + " is for Anki packages (.apkg, .colpkg)", kUsage);
    }
    model::ImportOptions options;
    if (const auto exit = readImportOptions(args, call.err, options)) return *exit;
    const fs::path input = args.positionals()[1];
    options.sourceName = input.filename().string();
    std::string text;
    if (const auto exit = readExport(input, call.err, text)) return *exit;
    const fs::path output = args.value("--out").value_or(options.deckId + ".toml");
    std::optional<model::Deck> previous;
    if (const auto exit = readPreviousDeck(output, options.deckId, call.err, previous)) return *exit;

    model::ImportResult result = model::importCards(text, options, previous ? &*previous : nullptr);
    for (auto& d : result.diagnostics) {
        if (d.file == options.sourceName) d.file = input.string();
        call.err << d.format() << '\n';
    }
    if (model::hasErrors(result.diagnostics)) return 1;
    if (const auto exit = writeDeck(output, result.toml, call.err)) return *exit;
    call.out << "wrote " << output.string() << ": " << plural(result.cardCount, "card");
    if (previous) call.out << " (" << result.keptIds << " kept their ids, " << result.cardCount - result.keptIds << " new)";
    call.out << '\n';
    return 0;
}

}  // namespace

int runDeck(const Invocation& call) {
    const Args args(call.args, {"--dir", "--id", "--title", "--topic", "--separator", "--out", "--profile"},
                    {"--help", "-h", "--split", "--with-history", "--csv", "--apkg"});
    if (args.has("--help") || args.has("-h")) {
        call.out << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (args.positionals().empty()) return usageError(call.err, "deck needs a command: check, new, import or export", kUsage);
    const std::string& command = args.positionals()[0];
    auto allowOnly = [&](std::initializer_list<const char*> allowed) -> std::string {
        for (const char* option :
             {"--dir", "--id", "--title", "--topic", "--separator", "--out", "--profile", "--split", "--with-history", "--csv", "--apkg"}) {
            bool ok = false;
            for (const char* a : allowed) ok = ok || std::string_view(a) == option;
            if (!ok && args.has(option)) return std::string("option '") + option + "' does not apply to deck " + command;
        }
        return {};
    };
    if (command == "check") {
        if (auto problem = allowOnly({}); !problem.empty()) return usageError(call.err, problem, kUsage);
        return runCheck(call, {args.positionals().begin() + 1, args.positionals().end()});
    }
    if (command == "new") {
        if (auto problem = allowOnly({"--dir"}); !problem.empty()) return usageError(call.err, problem, kUsage);
        return runNew(call, args);
    }
    if (command == "import") {
        if (auto problem = allowOnly({"--id", "--title", "--topic", "--separator", "--out", "--profile", "--split", "--with-history"});
            !problem.empty()) {
            return usageError(call.err, problem, kUsage);
        }
        return runImport(call, args);
    }
    if (command == "export") {
        if (auto problem = allowOnly({"--out", "--csv", "--apkg"}); !problem.empty()) return usageError(call.err, problem, kUsage);
        return runDeckExport(call, args, kUsage);
    }
    return usageError(call.err, "unknown deck command '" + command + "' (check, new, import or export)", kUsage);
}

}  // namespace attune::cli
