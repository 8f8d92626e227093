// The check before TOML++: UTF-8 and a light TOML lexer over the raw bytes. See TomlGuard.hpp.
#include "core/TomlGuard.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/Utf8.hpp>

#include <cstdio>
#include <vector>

namespace attune::model::tomlguard {
namespace {

// The first invalid UTF-8 sequence, with its line and column (columns count code points, as
// TOML++ does).
std::optional<Problem> findInvalidUtf8(std::string_view text, const Rules& rules) {
    int line = 1;
    int column = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = validSequenceLength(text, i);
        if (length == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", lead);
            return Problem{line, column, std::string("invalid UTF-8 (byte ") + hex + "); " + std::string(rules.utf8Advice)};
        }
        if (lead == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += length;
    }
    return std::nullopt;
}

std::string characterAt(std::string_view text, std::size_t i) {
    std::size_t end = i + 1;
    while (end < text.size() && isContinuationByte(text[end])) ++end;
    return std::string(text.substr(i, end - i));
}

// "U+00A0" for a valid UTF-8 sequence: many of the characters refused here are invisible
// (no-break space, line separator, zero-width space), so the message names the code point too.
std::string codePointName(std::string_view character) {
    char32_t cp = static_cast<unsigned char>(character.front());
    if (character.size() > 1) decodeSequence(character, cp);
    char name[16];
    std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(cp));
    return name;
}

// A light TOML lexer run before the real parser. It finds every string literal and counted
// [[header]], so oversized files are refused before TOML++ spends time on them, and it refuses
// non-ASCII characters where TOML allows none (outside quotes, in quoted keys, after a
// backslash in a """ string): TOML++ 3.3.0 classifies such characters with a function that
// reaches __builtin_unreachable() for many of them (found by fuzzing), so they must not reach it.
Check checkSyntax(std::string_view text, const Rules& rules) {
    int line = 1;
    int column = 1;
    std::size_t counted = 0;
    const auto fail = [](int atLine, int atColumn, std::string message) {
        Check out;
        out.problem = Problem{atLine, atColumn, std::move(message)};
        return out;
    };
    bool lineStart = true;
    // Where TOML++ will read a key (the start of a top-level line, a [header], after '{' or ','
    // in an inline table): it handles quoted keys differently from values.
    bool keyContext = true;
    // Open [ and { inside values, with the level each stands at (see kMaxNesting).
    struct Open {
        char bracket;
        int depth;
    };
    std::vector<Open> nesting;
    // Levels: of the last [table] header, of the key being read (its parts so far; 0: none yet)
    // and of the value after the last '='.
    int tableDepth = 0;
    bool inHeader = false;
    int keyParts = 0;
    int keyLine = 0;
    int keyColumn = 0;
    int valueDepth = 0;
    // The level a key's first part stands below: its [table], or the inline table it is in.
    const auto keyBase = [&] { return !nesting.empty() ? nesting.back().depth : inHeader ? 0 : tableDepth; };
    const std::string levels = std::to_string(kMaxNesting) + " levels deep";
    // Inside a bare value (a number, a date, true): TOML++ reads on, character by character, up
    // to white space, ']', '}', ',' or '#', whatever the characters are (quotes included).
    bool bareToken = false;
    std::size_t i = 0;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // a byte order mark, skipped by TOML++ too
    auto advance = [&](std::size_t n) {
        for (std::size_t k = 0; k < n && i < text.size(); ++k, ++i) {
            const char c = text[i];
            if (c == '\n') {
                ++line;
                column = 1;
                lineStart = true;
                if (nesting.empty()) {
                    keyContext = true;
                    inHeader = false;
                    keyParts = 0;
                }
            } else if (!isContinuationByte(c)) {
                ++column;
            }
        }
    };
    auto isAscii = [&](std::size_t at) { return at >= text.size() || static_cast<unsigned char>(text[at]) < 0x80; };
    auto isSpace = [&](std::size_t at) {
        return at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n');
    };
    while (i < text.size()) {
        const char c = text[i];
        if (isSpace(i)) {
            bareToken = false;
            advance(1);
            continue;
        }
        if (c == '#') {
            bareToken = false;
            while (i < text.size() && text[i] != '\n') advance(1);
            continue;
        }
        if (!isAscii(i)) {
            const std::string character = characterAt(text, i);
            if (character == "\u201C" || character == "\u201D" || character == "\u2018" || character == "\u2019") {
                return fail(line, column, "typographic quote '" + character +
                                                      "': TOML text needs straight quotes, \"like this\"");
            }
            return fail(line, column,
                        "unexpected character '" + character + "' (" + codePointName(character) +
                            ") outside quotes (" + std::string(rules.strayAdvice) + ")");
        }
        const bool structural = c == '[' || c == ']' || c == '{' || c == '}' || c == ',' || c == '=';
        const bool endsBareToken = c == ']' || c == '}' || c == ',';
        if (bareToken && !endsBareToken) {
            // still inside the bare value: nothing here is structure to TOML++
        } else if (c == '[' && lineStart && nesting.empty()) {
            keyContext = true;
            inHeader = true;
            keyParts = 0;
            std::size_t j = i + 1;
            if (j < text.size() && text[j] == '[') {
                ++j;
                while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
                const std::string_view name = rules.countedArrayTable;
                if (!name.empty() && text.compare(j, name.size(), name) == 0) {
                    j += name.size();
                    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
                    if (text.compare(j, 2, "]]") == 0) ++counted;
                }
            }
        } else if (c == '[' && keyContext && nesting.empty()) {
            // the second '[' of a [[header]]: still a key
        } else if (c == '[' || c == '{') {
            // A list's entries stand one level below it; anything else is the value of a key.
            const int depth = !nesting.empty() && nesting.back().bracket == '[' ? nesting.back().depth + 1 : valueDepth;
            if (depth > kMaxNesting) return fail(line, column, "lists and tables nested more than " + levels);
            nesting.push_back({c, depth});
            keyContext = c == '{';
            keyParts = 0;
        } else if (c == ']' || c == '}') {
            if (!nesting.empty()) {
                nesting.pop_back();
            } else if (inHeader) {
                tableDepth = keyParts;
                inHeader = false;
            }
            keyContext = false;
        } else if (c == ',') {
            keyContext = !nesting.empty() && nesting.back().bracket == '{';
            keyParts = 0;
        } else if (c == '=') {
            if (keyContext) valueDepth = keyBase() + keyParts;
            keyContext = false;
            keyParts = 0;
        } else if (keyContext) {
            // A part of a key: a.b."c" has three, each a table TOML++ nests in the one before.
            if (c == '.' || keyParts == 0) {
                if (keyParts == 0) {
                    keyLine = line;
                    keyColumn = column;
                }
                ++keyParts;
                if (keyBase() + keyParts > kMaxNesting) {
                    return fail(keyLine, keyColumn, "this key nests tables more than " + levels +
                                                        " (each part of a dotted key like a.b.c is a level, and so is "
                                                        "each part of its [table] name)");
                }
            }
        }
        if (endsBareToken) {
            bareToken = false;
        } else if (!keyContext && !structural && c != '"' && c != '\'') {
            bareToken = true;
        }
        lineStart = false;
        if (c != '"' && c != '\'') {
            advance(1);
            continue;
        }
        const int startLine = line;
        const int startColumn = column;
        // A quote glued to a bare value ("2\"x\"", "1.\"x\"") is not a string to TOML++: it reads
        // the characters raw while looking for the end of the number.
        const char before = i == 0 ? '\n' : text[i - 1];
        const bool glued = bareToken || !(before == ' ' || before == '\t' || before == '\n' || before == '\r' || before == '=' ||
                             before == '[' || before == '{' || before == ',' || (before == '.' && keyContext) ||
                             (i == 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0));
        const std::string_view triple = c == '"' ? R"(""")" : "'''";
        const bool multiLine = text.compare(i, 3, triple) == 0;
        advance(multiLine ? 3 : 1);
        std::size_t characters = 0;
        bool nonAscii = false;
        while (i < text.size()) {
            const char d = text[i];
            if (!multiLine && d == '\n') break;  // unterminated: the parser reports it
            if (d == c && (!multiLine || text.compare(i, 3, triple) == 0)) {
                advance(multiLine ? 3 : 1);
                break;
            }
            if (c == '"' && d == '\\' && i + 1 < text.size()) {
                if (multiLine && !isAscii(i + 1)) {
                    return fail(line, column, "invalid escape '\\" + characterAt(text, i + 1) + "'");
                }
                if (multiLine && isSpace(i + 1)) {
                    // A line-ending backslash: the parser skips the white space that follows.
                    advance(1);
                    while (isSpace(i)) advance(1);
                    if (!isAscii(i)) {
                        return fail(line, column, "a line continued with '\\' may not resume with '" +
                                                              characterAt(text, i) +
                                                              "' (a limit of the TOML library): end the previous line without '\\'");
                    }
                    continue;
                }
                const char e = text[i + 1];
                const std::size_t length = e == 'u' ? 6 : e == 'U' ? 10 : 2;
                // A broken escape may swallow non-ASCII bytes ("\u" then U+FBFB): still counted,
                // or a glued string would slip through (found by fuzzing the save loader).
                for (std::size_t k = i + 1; k < i + length && k < text.size(); ++k)
                    if (!isAscii(k)) nonAscii = true;
                advance(length);
                ++characters;
                continue;
            }
            if (!isAscii(i)) nonAscii = true;
            if (!isContinuationByte(d)) ++characters;
            advance(1);
        }
        if (characters > rules.maxTextCharacters) {
            return fail(startLine, startColumn, "text of " + std::to_string(characters) + " characters: texts are limited to " +
                                                    std::to_string(rules.maxTextCharacters) + " characters (" +
                                                    std::string(rules.textLimitAdvice) + ")");
        }
        bareToken = glued;  // TOML++ reads on past a glued string's closing quote
        if (nonAscii && glued) {
            return fail(startLine, startColumn, "a quote right after a value: separate values with ',' or put each key on its own line");
        }
        if (nonAscii && keyContext) {
            return fail(startLine, startColumn,
                        "a key may only use ASCII letters, digits, '-' and '_' (" + std::string(rules.keyExamples) + ")");
        }
    }
    Check out;
    out.countedTables = counted;
    return out;
}

}  // namespace

Check checkText(std::string_view text, const Rules& rules) {
    if (auto problem = findInvalidUtf8(text, rules)) {
        Check out;
        out.problem = std::move(problem);
        return out;
    }
    return checkSyntax(text, rules);
}

std::optional<scheduler::Moment> momentOf(const toml::date_time& when) {
    if (!when.offset) return std::nullopt;
    // Through the ISO reader, which refuses dates that do not exist, as for every other time.
    char iso[48];
    std::snprintf(iso, sizeof iso, "%04u-%02u-%02uT%02u:%02u:%02u.%03u", static_cast<unsigned>(when.date.year),
                  static_cast<unsigned>(when.date.month), static_cast<unsigned>(when.date.day),
                  static_cast<unsigned>(when.time.hour), static_cast<unsigned>(when.time.minute),
                  static_cast<unsigned>(when.time.second), static_cast<unsigned>(when.time.nanosecond / 1000000));
    const auto local = parseIsoTime(iso);
    if (!local) return std::nullopt;
    const std::int32_t offset = when.offset->minutes * 60;
    return scheduler::Moment{local->utcMs - std::int64_t{offset} * 1000, offset};
}

std::optional<toml::table> parseChecked(std::string_view text, const std::string& fileName, const Rules& rules,
                                        std::vector<Diagnostic>& diagnostics) {
    if (const Check raw = checkText(text, rules); raw.problem) {
        diagnostics.push_back({Diagnostic::Severity::Error, fileName, raw.problem->line, raw.problem->column, raw.problem->message});
        return std::nullopt;
    }
    try {
        return toml::parse(text, fileName);
    } catch (const toml::parse_error& e) {
        diagnostics.push_back({Diagnostic::Severity::Error, fileName, static_cast<int>(e.source().begin.line),
                               static_cast<int>(e.source().begin.column), std::string(e.description())});
        return std::nullopt;
    }
}

}  // namespace attune::model::tomlguard
