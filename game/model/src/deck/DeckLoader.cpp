// Deck loading: limits and UTF-8 checked on the raw bytes, TOML parsed by TOML++, then every
// table validated with positions an author can jump to. Nothing here throws to the caller.
#include <attune/model/core/Text.hpp>
#include <attune/model/core/Utf8.hpp>
#include <attune/model/deck/Cloze.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/deck/PictureFile.hpp>
#include <attune/model/session/TypeInAnswer.hpp>

#include "core/TomlGuard.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

namespace attune::model {
namespace fs = std::filesystem;
namespace {

using Severity = Diagnostic::Severity;

struct Pos {
    int line = 0;
    int column = 0;
};

Pos posOf(const toml::source_position& p) { return {static_cast<int>(p.line), static_cast<int>(p.column)}; }
Pos posOf(const toml::node& node) { return posOf(node.source().begin); }
SourcePlace placeOf(const toml::node& node) {
    const Pos pos = posOf(node);
    return {pos.line, pos.column};
}

template <typename Names>
std::string didYouMean(std::string_view given, const Names& names) {
    if (given.size() > 40) return {};
    std::string best;
    std::size_t bestDistance = 3;  // at most two edits away
    for (const auto& name : names) {
        const std::size_t d = editDistance(given, name);
        if (d < bestDistance) {
            bestDistance = d;
            best = std::string(name);
        }
    }
    return best.empty() ? std::string{} : "; did you mean '" + best + "'?";
}

// Quotes a value for a message, shortened so one diagnostic stays one readable line.
std::string inQuotes(std::string_view text) {
    std::string out = "'";
    std::size_t shown = 0;
    for (std::size_t i = 0; i < text.size() && shown < 60; ++i) {
        const char c = text[i];
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') { out += "\\n"; }
        else if (byte < 0x20 || byte == 0x7F) { out += '?'; }
        else if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) { out += '?'; ++i; }  // C1
        else { out += c; }
        if (!isContinuationByte(c)) ++shown;
    }
    if (characterCount(text) > 60) out += "...";
    return out + "'";
}

std::string describeType(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "text";
        case toml::node_type::integer: return "a whole number";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "true/false";
        case toml::node_type::array: return "a list";
        case toml::node_type::table: return "a table";
        case toml::node_type::date:
        case toml::node_type::time:
        case toml::node_type::date_time: return "a date or time";
        case toml::node_type::none: break;
    }
    return "nothing";
}

bool isBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool isValidItemId(std::string_view id) {
    if (id.empty() || id.size() > 100) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
}

constexpr std::array<std::string_view, 8> kDeckKeys = {"id", "title", "description", "intro", "version", "language", "daily", "allow"};
constexpr std::array<std::string_view, 4> kTopicKeys = {"id", "title", "description", "order"};
constexpr std::array<std::string_view, 9> kCommonCardKeys = {"id", "topic", "type", "explain", "source", "tags", "image", "alt", "allow"};

std::vector<std::string_view> typeKeys(CardType type) {
    switch (type) {
        case CardType::Basic:
        case CardType::Reverse: return {"front", "back"};
        case CardType::Cloze: return {"text"};
        case CardType::Choice: return {"prompt", "options", "answer"};
        case CardType::TrueFalse: return {"statement", "answer"};
        case CardType::TypeIn: return {"prompt", "answer", "accept", "ignore_diacritics"};
    }
    return {};
}

std::string keysSentence(CardType type) {
    const auto keys = typeKeys(type);
    std::string out;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i > 0) out += i + 1 == keys.size() ? " and " : ", ";
        out += keys[i];
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// The raw bytes are checked before TOML++ sees them (TomlGuard.hpp): what decks add to the check.

const tomlguard::Rules kDeckTextRules{"save the deck as UTF-8 text", "like front or explain", kMaxTextCharacters,
                                      "split it across cards", "card", "put text in \"quotes\""};

// ---------------------------------------------------------------------------------------------

class DeckReader {
public:
    DeckReader(std::string_view text, fs::path file) : m_text(text), m_file(std::move(file)), m_fileName(m_file.string()) {
        std::size_t start = 0;
        while (start <= m_text.size()) {
            const std::size_t end = m_text.find('\n', start);
            m_lines.push_back(m_text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
            if (end == std::string_view::npos) break;
            start = end + 1;
        }
    }

    DeckLoadResult run() {
        if (m_text.size() > kMaxDeckFileBytes) {
            report(Severity::Error, {}, "the file is " + std::to_string(m_text.size()) + " bytes: decks are limited to 8 MiB (" +
                                            std::to_string(kMaxDeckFileBytes) + " bytes)");
            return finish();
        }
        const tomlguard::Check raw = tomlguard::checkText(m_text, kDeckTextRules);
        if (raw.problem) {
            report(Severity::Error, {raw.problem->line, raw.problem->column}, raw.problem->message);
            return finish();
        }
        if (raw.countedTables > kMaxDeckCards) {
            report(Severity::Error, {}, "the deck has " + std::to_string(raw.countedTables) + " cards: a deck may hold at most " +
                                            std::to_string(kMaxDeckCards) + " (split it into several decks)");
            return finish();
        }
        toml::table root;
        try {
            root = toml::parse(m_text, std::string_view{m_fileName});
        } catch (const toml::parse_error& error) {
            const Pos pos = posOf(error.source().begin);
            report(Severity::Error, pos, atLineEnd(pos) && error.description().find("control characters") != std::string_view::npos
                                             ? "this text is not closed: add its closing quote before the end of the line"
                                             : syntaxMessage(error.description()));
            return finish();
        } catch (const std::exception& error) {
            report(Severity::Error, {}, std::string("cannot read the deck: ") + error.what());
            return finish();
        }
        readRoot(root);
        return finish();
    }

private:
    static std::string syntaxMessage(std::string_view description) {
        constexpr std::string_view prefix = "Error while parsing ";
        if (description.substr(0, prefix.size()) == prefix) {
            return "invalid TOML in " + std::string(description.substr(prefix.size()));
        }
        return "invalid TOML: " + std::string(description);
    }

    // True when pos is just past the last character of its line (where a line break stands).
    bool atLineEnd(Pos pos) const {
        if (pos.line < 1 || static_cast<std::size_t>(pos.line) > m_lines.size()) return false;
        std::string_view line = m_lines[static_cast<std::size_t>(pos.line - 1)];
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return static_cast<std::size_t>(pos.column) == characterCount(line) + 1;
    }

    void report(Severity severity, Pos pos, std::string message) {
        m_diagnostics.push_back(Diagnostic{severity, m_fileName, pos.line, pos.column, std::move(message)});
    }
    void error(Pos pos, std::string message) { report(Severity::Error, pos, std::move(message)); }
    void warning(Pos pos, std::string message) { report(Severity::Warning, pos, std::move(message)); }

    DeckLoadResult finish() {
        DeckLoadResult result;
        std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
            return a.line != b.line ? a.line < b.line : a.column < b.column;
        });
        result.diagnostics = std::move(m_diagnostics);
        if (!hasErrors(result.diagnostics)) result.deck = std::move(m_deck);
        return result;
    }

    // Where byte `offset` of a string value's text stands in the file, when the string is written
    // on one line without escapes before that point; otherwise where the value starts.
    Pos positionInString(const toml::node& value, std::string_view content, std::size_t offset) const {
        const Pos start = posOf(value);
        if (start.line < 1 || static_cast<std::size_t>(start.line) > m_lines.size()) return start;
        const std::string_view line = m_lines[static_cast<std::size_t>(start.line - 1)];
        std::size_t byte = 0;
        for (int col = 1; col < start.column && byte < line.size(); ++col) {
            ++byte;
            while (byte < line.size() && isContinuationByte(line[byte])) ++byte;
        }
        if (byte >= line.size()) return start;
        const char quote = line[byte];
        if (quote != '"' && quote != '\'') return start;
        if (line.compare(byte, 3, quote == '"' ? "\"\"\"" : "'''") == 0) return start;
        const std::string_view prefix = content.substr(0, std::min(offset, content.size()));
        if (line.compare(byte + 1, prefix.size(), prefix) != 0) return start;
        if (quote == '"' && prefix.find('\\') != std::string_view::npos) return start;
        return {start.line, start.column + 1 + static_cast<int>(characterCount(prefix))};
    }

    // --- typed lookups --------------------------------------------------------------------

    struct Text {
        std::string value;
        const toml::node* node = nullptr;
    };

    // A text value; reports a missing (when required), mistyped or empty one.
    std::optional<Text> text(const toml::table& table, std::string_view key, bool required, const std::string& owner,
                             const std::string& missingHint = {}) {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            if (required) error(posOf(table), owner + " needs '" + std::string(key) + "'" + missingHint);
            return std::nullopt;
        }
        const auto* value = node->as_string();
        if (value == nullptr) {
            error(posOf(*node), "'" + std::string(key) + "' must be text in quotes, not " + describeType(*node));
            return std::nullopt;
        }
        const std::string& s = value->get();
        if (isBlank(s)) {
            error(posOf(*node), "'" + std::string(key) + "' is empty");
            return std::nullopt;
        }
        if (!checkControls(*node, key, s)) return std::nullopt;
        checkLength(*node, key, s);
        return Text{s, node};
    }

    // Reports the first control character of a text at its place; false when there is one. They
    // mean nothing on a card, and at a terminal they are commands (ESC starts one, BEL rings).
    bool checkControls(const toml::node& node, std::string_view key, std::string_view s) {
        const auto at = firstControlCharacter(s);
        if (!at) return true;
        error(positionInString(node, s, *at), "'" + std::string(key) + "' holds the control character " +
                                                  controlCharacterName(s, *at) +
                                                  ": remove it (deck text may hold tabs and line breaks, no other control characters)");
        return false;
    }

    void checkLength(const toml::node& node, std::string_view key, std::string_view s) {
        const std::size_t length = characterCount(s);
        if (length > kMaxTextCharacters) {
            error(posOf(node), "'" + std::string(key) + "' has " + std::to_string(length) +
                                   " characters: texts are limited to " + std::to_string(kMaxTextCharacters));
        } else if (length > kLongTextCharacters) {
            warning(posOf(node), "'" + std::string(key) + "' is very long (" + std::to_string(length) +
                                     " characters): consider splitting it, players read one card at a glance");
        }
    }

    // A list of non-empty texts; `places` (when given) receives where each entry stands.
    std::optional<std::vector<std::string>> textList(const toml::table& table, std::string_view key, bool required,
                                                     const std::string& owner, std::vector<SourcePlace>* places = nullptr) {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            if (required) error(posOf(table), owner + " needs '" + std::string(key) + "'");
            return std::nullopt;
        }
        const auto* array = node->as_array();
        if (array == nullptr) {
            error(posOf(*node), "'" + std::string(key) + "' must be a list of texts like [\"a\", \"b\"], not " +
                                    describeType(*node));
            return std::nullopt;
        }
        std::vector<std::string> out;
        bool ok = true;
        for (const toml::node& element : *array) {
            const auto* value = element.as_string();
            if (value == nullptr) {
                error(posOf(element), "every entry of '" + std::string(key) + "' must be text in quotes, not " +
                                          describeType(element));
                ok = false;
            } else if (isBlank(value->get())) {
                error(posOf(element), "'" + std::string(key) + "' has an empty entry");
                ok = false;
            } else if (!checkControls(element, key, value->get())) {
                ok = false;
            } else {
                checkLength(element, key, value->get());
                out.push_back(value->get());
                if (places != nullptr) places->push_back(placeOf(element));
            }
        }
        if (!ok) return std::nullopt;
        return out;
    }

    template <typename Known>
    void checkKeys(const toml::table& table, const Known& known, const std::string& owner,
                   const std::vector<std::string_view>& otherTypesKeys = {}, std::string_view typeName = {}) {
        for (auto&& [key, node] : table) {
            const std::string_view name = key.str();
            if (std::find(known.begin(), known.end(), name) != known.end()) continue;
            const Pos pos = posOf(key.source().begin);
            if (std::find(otherTypesKeys.begin(), otherTypesKeys.end(), name) != otherTypesKeys.end()) {
                error(pos, "'" + std::string(name) + "' does not belong to a " + std::string(typeName) + " card (" +
                               owner + ")");
                continue;
            }
            error(pos, "unknown key " + inQuotes(name) + " in " + owner + didYouMean(name, known));
        }
    }

    // --- the tables ---------------------------------------------------------------------------

    void readRoot(const toml::table& root) {
        for (auto&& [key, node] : root) {
            const std::string_view name = key.str();
            if (name == "deck" || name == "topic" || name == "card") continue;
            constexpr std::array<std::string_view, 3> roots = {"deck", "topic", "card"};
            error(posOf(key.source().begin), "unknown key " + inQuotes(name) +
                                                 " at the top of the deck (a deck has [deck], [[topic]] and [[card]])" +
                                                 didYouMean(name, roots));
        }
        readDeckTable(root);
        const auto topics = tablesOf(root, "topic");
        for (const toml::table* topic : topics) readTopic(*topic);
        const auto cards = tablesOf(root, "card");
        if (cards.size() > kMaxDeckCards) {
            error({}, "the deck has " + std::to_string(cards.size()) + " cards: a deck may hold at most " +
                          std::to_string(kMaxDeckCards));
            return;
        }
        for (const toml::table* card : cards) readCard(*card);
        checkCardTopics();
        if (cards.empty() && !hasErrors(m_diagnostics)) warning({}, "the deck has no cards yet");

        std::stable_sort(m_deck.topics.begin(), m_deck.topics.end(),
                         [](const Topic& a, const Topic& b) { return a.order < b.order; });
        for (std::size_t i = 0; i < m_deck.cards.size(); ++i) {
            m_deck.cards[i].contentHash = cardContentHash(m_deck.cards[i]);
            for (auto& study : expandStudyCards(m_deck.cards[i], i)) m_deck.studyCards.push_back(std::move(study));
        }
        m_deck.file = m_file;
    }

    // [[name]] entries; reports `name` written as something other than an array of tables.
    std::vector<const toml::table*> tablesOf(const toml::table& root, std::string_view name) {
        std::vector<const toml::table*> out;
        const toml::node* node = root.get(name);
        if (node == nullptr) return out;
        const auto* array = node->as_array();
        if (array == nullptr || !array->is_array_of_tables()) {
            const auto it = root.find(name);
            error(posOf(it->first.source().begin), "'" + std::string(name) + "' must be written as [[" +
                                                       std::string(name) + "]] tables, one per " + std::string(name));
            return out;
        }
        for (const toml::node& element : *array) out.push_back(element.as_table());
        return out;
    }

    void readDeckTable(const toml::table& root) {
        const toml::node* node = root.get("deck");
        if (node == nullptr) {
            error({}, "no [deck] table: a deck file starts with [deck] and its id, title, description and version");
            return;
        }
        const toml::table* deck = node->as_table();
        if (deck == nullptr) {
            error(posOf(*node), "'deck' must be a table written [deck], not " + describeType(*node));
            return;
        }
        const std::string owner = "[deck]";
        m_deck.place = placeOf(*deck);
        checkKeys(*deck, kDeckKeys, owner);
        if (auto id = text(*deck, "id", true, owner)) {
            if (!isValidDeckId(id->value)) {
                error(posOf(*id->node), "deck id " + inQuotes(id->value) +
                                            " may only use lower-case letters, digits and '-' (like \"my-deck\")");
            } else {
                m_deck.id = id->value;
                m_deck.idLine = posOf(*id->node).line;
            }
        }
        if (auto title = text(*deck, "title", true, owner)) m_deck.title = title->value;
        if (auto description = text(*deck, "description", true, owner)) m_deck.description = description->value;
        if (auto intro = text(*deck, "intro", false, owner)) m_deck.intro = intro->value;
        if (const toml::node* version = deck->get("version")) {
            if (const auto* s = version->as_string(); s != nullptr && !isBlank(s->get())) {
                if (checkControls(*version, "version", s->get())) m_deck.version = s->get();
            } else if (const auto* n = version->as_integer()) {
                m_deck.version = std::to_string(n->get());
            } else {
                error(posOf(*version), "'version' must be text like \"1.0\"" +
                                           (s != nullptr ? std::string(" (it is empty)") : ", not " + describeType(*version)));
            }
        } else {
            error(posOf(*deck), "[deck] needs 'version' (like version = \"1.0\")");
        }
        if (auto language = text(*deck, "language", false, owner)) m_deck.language = language->value;
        std::vector<SourcePlace> allowPlaces;
        if (auto allow = textList(*deck, "allow", false, owner, &allowPlaces)) {
            m_deck.allow = *allow;
            m_deck.allowPlaces = std::move(allowPlaces);
        }
        if (const toml::node* daily = deck->get("daily")) {
            if (const auto* b = daily->as_boolean()) {
                m_deck.daily = b->get();
            } else {
                error(posOf(*daily), "'daily' must be true or false (without quotes), not " + describeType(*daily));
            }
        }
    }

    void readTopic(const toml::table& table) {
        Topic topic;
        topic.line = posOf(table).line;
        const auto id = text(table, "id", true, "[[topic]]");
        const std::string owner = id ? "topic " + inQuotes(id->value) : std::string("[[topic]]");
        checkKeys(table, kTopicKeys, owner);
        if (id) {
            if (!isValidItemId(id->value)) {
                error(posOf(*id->node), "topic id " + inQuotes(id->value) +
                                            " may only use letters, digits, '-', '_' and '.' (at most 100)");
            } else if (const auto seen = m_topicLines.find(id->value); seen != m_topicLines.end()) {
                error(posOf(*id->node), "duplicate topic id " + inQuotes(id->value) + " (first used on line " +
                                            std::to_string(seen->second) + ")");
            } else {
                m_topicLines.emplace(id->value, posOf(*id->node).line);
                topic.id = id->value;
            }
        }
        if (auto title = text(table, "title", true, owner)) topic.title = title->value;
        if (auto description = text(table, "description", false, owner)) topic.description = description->value;
        if (const toml::node* order = table.get("order")) {
            const auto* n = order->as_integer();
            if (n == nullptr || n->get() < -1000000 || n->get() > 1000000) {
                error(posOf(*order), "'order' must be a whole number (topics are shown from the lowest)");
            } else {
                topic.order = static_cast<int>(n->get());
            }
        }
        if (!topic.id.empty()) m_deck.topics.push_back(std::move(topic));
    }

    void readCard(const toml::table& table) {
        Card card;
        card.line = posOf(table).line;
        const auto id = text(table, "id", true, "[[card]]");
        const std::string owner = id ? "card " + inQuotes(id->value) : "[[card]] on line " + std::to_string(card.line);
        bool ok = id && readCardId(*id, card);
        if (auto topic = text(table, "topic", true, owner)) {
            card.topic = topic->value;
            m_cardTopics.push_back({topic->value, posOf(*topic->node)});
        } else {
            ok = false;
        }
        const std::optional<CardType> type = readCardType(table, owner);
        if (!type) return;
        card.type = *type;
        checkCardKeys(table, card.type, owner);
        ok = readCardFaces(table, card, owner) && ok;
        readCardExtras(table, card, owner);
        if (ok && !card.id.empty()) m_deck.cards.push_back(std::move(card));
    }

    // A card id is well formed and used once in the deck.
    bool readCardId(const Text& id, Card& card) {
        if (!isValidItemId(id.value)) {
            error(posOf(*id.node),
                  "card id " + inQuotes(id.value) + " may only use letters, digits, '-', '_' and '.' (at most 100)");
            return false;
        }
        if (const auto seen = m_cardLines.find(id.value); seen != m_cardLines.end()) {
            error(posOf(*id.node), "duplicate card id " + inQuotes(id.value) + " (first used on line " +
                                       std::to_string(seen->second) + ")");
            return false;
        }
        m_cardLines.emplace(id.value, posOf(*id.node).line);
        card.id = id.value;
        return true;
    }

    // The card's type; without one, only keys no card type knows are reported.
    std::optional<CardType> readCardType(const toml::table& table, const std::string& owner) {
        std::optional<CardType> type;
        if (auto typeText = text(table, "type", true, owner, " (basic, reverse, cloze, choice, truefalse or typein)")) {
            type = cardTypeFromName(typeText->value);
            if (!type) {
                error(posOf(*typeText->node), "unknown card type " + inQuotes(typeText->value) +
                                                  " (basic, reverse, cloze, choice, truefalse or typein)" +
                                                  didYouMean(typeText->value, kCardTypeNames));
            }
        }
        if (!type) {
            std::vector<std::string_view> all(kCommonCardKeys.begin(), kCommonCardKeys.end());
            for (auto name : kCardTypeNames) {
                for (auto key : typeKeys(*cardTypeFromName(name))) all.push_back(key);
            }
            checkKeys(table, all, owner);
        }
        return type;
    }

    // Keys of this card type are known; keys of other types are named as such.
    void checkCardKeys(const toml::table& table, CardType type, const std::string& owner) {
        std::vector<std::string_view> known(kCommonCardKeys.begin(), kCommonCardKeys.end());
        const auto own = typeKeys(type);
        known.insert(known.end(), own.begin(), own.end());
        std::vector<std::string_view> others;
        for (auto name : kCardTypeNames) {
            for (auto key : typeKeys(*cardTypeFromName(name))) {
                if (std::find(known.begin(), known.end(), key) == known.end()) others.push_back(key);
            }
        }
        checkKeys(table, known, owner, others, cardTypeName(type));
    }

    // What the card asks and answers, by type; false when a needed part is missing or wrong.
    bool readCardFaces(const toml::table& table, Card& card, const std::string& owner) {
        const std::string needs = " (a " + std::string(cardTypeName(card.type)) + " card has " + keysSentence(card.type) + ")";
        switch (card.type) {
        case CardType::Basic:
        case CardType::Reverse: {
            auto front = text(table, "front", true, owner, needs);
            auto back = text(table, "back", true, owner, needs);
            if (front) {
                card.front = front->value;
                card.places.question = placeOf(*front->node);
            }
            if (back) {
                card.back = back->value;
                card.places.answer = placeOf(*back->node);
            }
            return front && back;
        }
        case CardType::Cloze: return readCloze(table, card, owner);
        case CardType::Choice: return readChoice(table, card, owner, needs);
        case CardType::TrueFalse: return readTrueFalse(table, card, owner, needs);
        case CardType::TypeIn: return readTypeIn(table, card, owner, needs);
        }
        return false;
    }

    bool readCloze(const toml::table& table, Card& card, const std::string& owner) {
        auto clozeText = text(table, "text", true, owner, " (a cloze card has text with {{c1::deletions}})");
        if (!clozeText) return false;
        card.text = clozeText->value;
        card.places.question = placeOf(*clozeText->node);
        const ClozeParse parsed = parseCloze(card.text);
        if (parsed.error) {
            error(positionInString(*clozeText->node, card.text, parsed.error->offset), parsed.error->message);
            return false;
        }
        if (parsed.deletions.empty()) {
            error(posOf(*clozeText->node),
                  "a cloze text needs at least one deletion like {{c1::answer}} or {{c1::answer::hint}}");
            return false;
        }
        return true;
    }

    bool readTrueFalse(const toml::table& table, Card& card, const std::string& owner, const std::string& needs) {
        auto statement = text(table, "statement", true, owner, needs);
        if (statement) {
            card.statement = statement->value;
            card.places.question = placeOf(*statement->node);
        }
        bool ok = true;
        const toml::node* answer = table.get("answer");
        if (answer == nullptr) {
            error(posOf(table), owner + " needs 'answer' (true or false)");
            ok = false;
        } else if (const auto* b = answer->as_boolean()) {
            card.truth = b->get();
            card.places.answer = placeOf(*answer);
        } else {
            error(posOf(*answer),
                  "'answer' of a truefalse card must be true or false (without quotes), not " + describeType(*answer));
            ok = false;
        }
        return ok && statement;
    }

    bool readTypeIn(const toml::table& table, Card& card, const std::string& owner, const std::string& needs) {
        auto prompt = text(table, "prompt", true, owner, needs);
        auto answer = text(table, "answer", true, owner, needs);
        auto accept = textList(table, "accept", false, owner);
        bool ok = true;
        if (prompt) {
            card.prompt = prompt->value;
            card.places.question = placeOf(*prompt->node);
        }
        if (const toml::node* ignore = table.get("ignore_diacritics")) {
            if (const auto* b = ignore->as_boolean()) {
                card.ignoreDiacritics = b->get();
            } else {
                error(posOf(*ignore), "'ignore_diacritics' must be true or false (without quotes), not " + describeType(*ignore));
                ok = false;
            }
        }
        if (answer) {
            card.answer = answer->value;
            card.places.answer = placeOf(*answer->node);
            if (normalizeTypedAnswer(card.answer, card.ignoreDiacritics ? Diacritics::Ignored : Diacritics::Significant).empty()) {
                error(posOf(*answer->node), "the answer " + inQuotes(card.answer) +
                                                " has no letters or digits, so no typed answer could match it");
                ok = false;
            }
        }
        if (accept) card.accept = *accept;
        return ok && prompt && answer && (accept || table.get("accept") == nullptr);
    }

    // What every card may have besides its faces: the why, the source, tags and an image.
    void readCardExtras(const toml::table& table, Card& card, const std::string& owner) {
        if (auto explain = text(table, "explain", false, owner)) {
            card.explain = explain->value;
            card.places.explain = placeOf(*explain->node);
        } else if (table.get("explain") == nullptr) {
            warning(posOf(table), owner + " has no 'explain': a sentence shown after answering helps it stick");
        }
        if (auto source = text(table, "source", false, owner)) card.source = source->value;
        if (auto tags = textList(table, "tags", false, owner)) card.tags = *tags;
        std::vector<SourcePlace> allowPlaces;
        if (auto allow = textList(table, "allow", false, owner, &allowPlaces)) {
            card.allow = *allow;
            card.places.allow = std::move(allowPlaces);
        }
        auto alt = text(table, "alt", false, owner);
        if (alt) card.alt = alt->value;
        if (auto image = text(table, "image", false, owner)) {
            if (checkImage(image->value, posOf(*image->node))) card.image = image->value;
            if (!alt && table.get("alt") == nullptr) {
                warning(posOf(*image->node), owner + " has an image but no 'alt': say in a few words what it shows "
                                                     "(the terminal and a missing file show it instead)");
            }
        }
    }

    bool readChoice(const toml::table& table, Card& card, const std::string& owner, const std::string& needs) {
        auto prompt = text(table, "prompt", true, owner, needs);
        std::vector<SourcePlace> optionPlaces;
        auto options = textList(table, "options", true, owner, &optionPlaces);
        auto answer = text(table, "answer", true, owner, " (the text of the right option)");
        if (prompt) {
            card.prompt = prompt->value;
            card.places.question = placeOf(*prompt->node);
        }
        bool ok = prompt && options && answer;
        if (options) {
            const toml::node* node = table.get("options");
            if (options->size() < 2 || options->size() > 6) {
                error(posOf(*node), "a choice card needs 2 to 6 options, not " + std::to_string(options->size()));
                ok = false;
            }
            const auto* array = node->as_array();
            std::map<std::string, std::size_t> seen;
            for (std::size_t i = 0; i < options->size(); ++i) {
                // Options that differ only in case or punctuation look the same to a player.
                const std::string simple = normalizeTypedAnswer((*options)[i]);
                const auto [it, inserted] = seen.emplace(simple.empty() ? (*options)[i] : simple, i);
                if (!inserted) {
                    error(posOf(*array->get(i)), "duplicate option " + inQuotes((*options)[i]) + " (same as option " +
                                                     std::to_string(it->second + 1) + ")");
                    ok = false;
                }
            }
            card.options = *options;
            card.places.options = std::move(optionPlaces);
        }
        if (answer && options) {
            card.answer = answer->value;
            card.places.answer = placeOf(*answer->node);
            if (std::find(options->begin(), options->end(), card.answer) == options->end()) {
                std::string hint;
                for (const auto& option : *options) {
                    if (normalizeTypedAnswer(option) == normalizeTypedAnswer(card.answer)) {
                        hint = "; did you mean " + inQuotes(option) + "?";
                    }
                }
                error(posOf(*answer->node), "the answer " + inQuotes(card.answer) +
                                                " is not one of the options (copy the right option's text exactly)" + hint);
                ok = false;
            }
        }
        return ok;
    }

    // An image must be a relative path that stays inside the deck's folder and exists.
    bool checkImage(const std::string& image, Pos pos) {
        if (std::any_of(image.begin(), image.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
            error(pos, "image path " + inQuotes(image) + " contains control characters");
            return false;
        }
        const bool windowsAbsolute = image.size() >= 2 && image[1] == ':' &&
                                     ((image[0] >= 'a' && image[0] <= 'z') || (image[0] >= 'A' && image[0] <= 'Z'));
        const fs::path path(image);
        if (path.is_absolute() || path.has_root_directory() || image[0] == '\\' || windowsAbsolute) {
            error(pos, "image path " + inQuotes(image) +
                           " is absolute: write it relative to the deck's folder (like \"images/brain.png\")");
            return false;
        }
        for (const auto& part : path) {
            if (part == "..") {
                error(pos, "image path " + inQuotes(image) + " contains '..': images must stay inside the deck's folder");
                return false;
            }
        }
        if (image.find("\\..") != std::string::npos || image.find("..\\") != std::string::npos) {
            error(pos, "image path " + inQuotes(image) + " contains '..': images must stay inside the deck's folder");
            return false;
        }
        const fs::path folder = m_file.parent_path().empty() ? fs::path(".") : m_file.parent_path();
        const fs::path full = folder / path;
        std::error_code ec;
        const bool linked = fs::is_symlink(full, ec);
        if (!fs::exists(full, ec)) {
            error(pos, "image " + inQuotes(image) + (linked ? " is a broken symbolic link" : " not found") +
                           " (looked for " + full.string() + ")");
            return false;
        }
        const fs::path realFolder = fs::canonical(folder, ec);
        if (ec) return true;
        const fs::path realImage = fs::canonical(full, ec);
        if (ec) return true;
        const auto [folderEnd, imageEnd] = std::mismatch(realFolder.begin(), realFolder.end(), realImage.begin(), realImage.end());
        if (folderEnd != realFolder.end()) {
            error(pos, "image " + inQuotes(image) + " leads outside the deck's folder through a symbolic link (to " +
                           realImage.string() + ")");
            return false;
        }
        if (fs::is_directory(realImage, ec)) {
            error(pos, "image " + inQuotes(image) + " is a folder, not an image file");
            return false;
        }
        if (!isPictureFile(realImage)) {
            error(pos, "image " + inQuotes(image) + " is not a picture Attune can show (use PNG, JPEG, BMP or GIF)");
            return false;
        }
        return true;
    }

    void checkCardTopics() {
        std::set<std::string> used;
        std::vector<std::string_view> names;
        for (const auto& topic : m_deck.topics) names.push_back(topic.id);
        for (const auto& [topic, pos] : m_cardTopics) {
            used.insert(topic);
            if (m_topicLines.count(topic) == 0) {
                error(pos, "unknown topic " + inQuotes(topic) + ": no [[topic]] has this id" + didYouMean(topic, names));
            }
        }
        for (const auto& topic : m_deck.topics) {
            if (used.count(topic.id) == 0) warning({topic.line, 1}, "topic " + inQuotes(topic.id) + " has no cards");
        }
    }

    std::string_view m_text;
    fs::path m_file;
    std::string m_fileName;
    std::vector<std::string_view> m_lines;
    std::vector<Diagnostic> m_diagnostics;
    Deck m_deck;
    std::map<std::string, int> m_topicLines;
    std::map<std::string, int> m_cardLines;
    std::vector<std::pair<std::string, Pos>> m_cardTopics;
};

}  // namespace

DeckLoadResult loadDeckFromText(std::string_view text, const std::filesystem::path& file) {
    try {
        return DeckReader(text, file).run();
    } catch (const std::exception& error) {  // e.g. std::bad_alloc: report, never crash
        DeckLoadResult result;
        result.diagnostics.push_back({Severity::Error, file.string(), 0, 0, std::string("cannot load the deck: ") + error.what()});
        return result;
    }
}

DeckLoadResult loadDeck(const std::filesystem::path& file) {
    DeckLoadResult result;
    auto fail = [&](std::string message) {
        result.diagnostics.push_back({Severity::Error, file.string(), 0, 0, std::move(message)});
        return result;
    };
    std::error_code ec;
    if (fs::is_directory(file, ec)) return fail("is a folder, not a deck file");
    const auto size = fs::file_size(file, ec);
    if (ec) return fail("cannot read the deck: " + (fs::exists(file) ? ec.message() : std::string("no such file")));
    if (size > kMaxDeckFileBytes) {
        return fail("the file is " + std::to_string(size) + " bytes: decks are limited to 8 MiB (" +
                    std::to_string(kMaxDeckFileBytes) + " bytes)");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail("cannot open the deck for reading");
    std::string text;
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    // A file growing while we read it is read only up to its size at the start; a second read
    // on the next reload catches up.
    return loadDeckFromText(text, file);
}

}  // namespace attune::model
