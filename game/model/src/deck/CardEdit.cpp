// Editing one card in place (see CardEdit.hpp). The file is parsed with TOML++ only after the
// loader accepted it, so the parse cannot meet hostile input; TOML++ gives each key and value its
// line and column (columns count characters), which are turned into byte offsets here.
#include <attune/model/deck/CardEdit.hpp>

#include <attune/model/core/Text.hpp>
#include <attune/model/core/Utf8.hpp>
#include <attune/model/deck/CardCraft.hpp>
#include <attune/model/deck/DeckImport.hpp>
#include <attune/model/save/SaveFile.hpp>

#include "core/TomlGuard.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <system_error>

namespace attune::model {
namespace {

// Byte offsets of lines and columns as TOML++ counts them (1-based, columns in characters).
class Places {
public:
    explicit Places(std::string_view text) : m_text(text) {
        m_lineStarts.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') m_lineStarts.push_back(i + 1);
    }
    std::size_t lineStart(int line) const {
        const auto index = static_cast<std::size_t>(std::max(1, line) - 1);
        return index < m_lineStarts.size() ? m_lineStarts[index] : m_text.size();
    }
    /// The offset just past the line break of `line` (or the end of the text).
    std::size_t lineEnd(int line) const { return lineStart(line + 1); }
    std::size_t offset(const toml::source_position& at) const {
        std::size_t i = lineStart(static_cast<int>(at.line));
        for (auto column = at.column; column > 1 && i < m_text.size() && m_text[i] != '\n'; --column) {
            ++i;
            while (i < m_text.size() && isContinuationByte(m_text[i])) ++i;
        }
        return i;
    }

private:
    std::string_view m_text;
    std::vector<std::size_t> m_lineStarts;
};

std::optional<toml::table> parse(std::string_view text) {
    try {
        return toml::parse(text);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

const toml::table* findCardTable(const toml::table& root, const std::string& cardId) {
    const toml::array* cards = root["card"].as_array();
    if (cards == nullptr) return nullptr;
    for (const auto& node : *cards) {
        const toml::table* table = node.as_table();
        if (table == nullptr) continue;
        if (const auto* id = table->get_as<std::string>("id"); id != nullptr && id->get() == cardId) return table;
    }
    return nullptr;
}

// A key of the table with where it stands.
struct KeyPlace {
    std::string key;
    toml::source_region keyRegion;
    const toml::node* value = nullptr;
};

std::vector<KeyPlace> keysInOrder(const toml::table& table) {
    std::vector<KeyPlace> keys;
    for (const auto& [key, value] : table) keys.push_back({std::string(key.str()), key.source(), &value});
    std::sort(keys.begin(), keys.end(), [](const KeyPlace& a, const KeyPlace& b) {
        return std::pair(a.keyRegion.begin.line, a.keyRegion.begin.column) < std::pair(b.keyRegion.begin.line, b.keyRegion.begin.column);
    });
    return keys;
}

std::optional<CardSpan> spanOf(const toml::table& table, const Places& places) {
    if (table.is_inline()) return std::nullopt;
    const std::size_t begin = places.lineStart(static_cast<int>(table.source().begin.line));
    int lastLine = static_cast<int>(table.source().begin.line);
    for (const auto& [key, value] : table) lastLine = std::max(lastLine, static_cast<int>(value.source().end.line));
    return CardSpan{begin, places.lineEnd(lastLine)};
}

// --- what a card's keys should hold -------------------------------------------------------

struct Wanted {
    enum class Kind { Text, Truth, List, Options } kind = Kind::Text;
    std::string text;
    bool truth = false;
    std::vector<std::string> list;
};

std::string toml(const Wanted& w) {
    switch (w.kind) {
    case Wanted::Kind::Text: return tomlString(w.text);
    case Wanted::Kind::Truth: return w.truth ? "true" : "false";
    case Wanted::Kind::List: return tomlList(w.list);
    case Wanted::Kind::Options: {
        // One option a line, as the bundled decks write them: easy to reorder and to diff.
        std::string out = "[\n";
        for (const auto& option : w.list) out += "  " + tomlString(option) + ",\n";
        return out + "]";
    }
    }
    return {};
}

bool same(const Wanted& w, const toml::node& node) {
    switch (w.kind) {
    case Wanted::Kind::Text: {
        const auto* s = node.as_string();
        return s != nullptr && s->get() == w.text;
    }
    case Wanted::Kind::Truth: {
        const auto* b = node.as_boolean();
        return b != nullptr && b->get() == w.truth;
    }
    case Wanted::Kind::List:
    case Wanted::Kind::Options: {
        const auto* a = node.as_array();
        if (a == nullptr || a->size() != w.list.size()) return false;
        for (std::size_t i = 0; i < w.list.size(); ++i) {
            const auto* s = (*a)[i].as_string();
            if (s == nullptr || s->get() != w.list[i]) return false;
        }
        return true;
    }
    }
    return false;
}

// The card's keys in the order the bundled decks write them; optional keys only when set.
std::vector<std::pair<std::string, Wanted>> wantedKeys(const Card& card) {
    std::vector<std::pair<std::string, Wanted>> keys;
    auto text = [&keys](const char* key, const std::string& value, bool always) {
        if (always || !value.empty()) keys.emplace_back(key, Wanted{Wanted::Kind::Text, value, false, {}});
    };
    auto list = [&keys](const char* key, const std::vector<std::string>& value, Wanted::Kind kind) {
        if (!value.empty()) keys.emplace_back(key, Wanted{kind, {}, false, value});
    };
    text("id", card.id, true);
    text("topic", card.topic, true);
    text("type", std::string(cardTypeName(card.type)), true);
    switch (card.type) {
    case CardType::Basic:
    case CardType::Reverse:
        text("front", card.front, true);
        text("back", card.back, true);
        break;
    case CardType::Cloze: text("text", card.text, true); break;
    case CardType::Choice:
        text("prompt", card.prompt, true);
        keys.emplace_back("options", Wanted{Wanted::Kind::Options, {}, false, card.options});
        text("answer", card.answer, true);
        break;
    case CardType::TrueFalse:
        text("statement", card.statement, true);
        keys.emplace_back("answer", Wanted{Wanted::Kind::Truth, {}, card.truth, {}});
        break;
    case CardType::TypeIn:
        text("prompt", card.prompt, true);
        text("answer", card.answer, true);
        list("accept", card.accept, Wanted::Kind::List);
        break;
    }
    text("explain", card.explain, false);
    text("source", card.source, false);
    list("tags", card.tags, Wanted::Kind::List);
    text("image", card.image, false);
    text("alt", card.alt, false);
    list("allow", card.allow, Wanted::Kind::List);
    return keys;
}

// `table`'s text with the keys of `card`: unchanged values keep their bytes, changed ones are
// replaced where they stand, dropped keys lose their lines, new keys follow the last one.
std::string rewriteTable(std::string_view text, const toml::table& table, const Places& places, const CardSpan& span, const Card& card) {
    const auto wanted = wantedKeys(card);
    struct Splice {
        std::size_t begin, end;
        std::string with;
    };
    std::vector<Splice> splices;
    for (const KeyPlace& key : keysInOrder(table)) {
        const auto it = std::find_if(wanted.begin(), wanted.end(), [&key](const auto& w) { return w.first == key.key; });
        const toml::source_region& value = key.value->source();
        if (it == wanted.end()) {
            // The whole line or lines of the key go (a comment at their end was about it).
            splices.push_back({places.lineStart(static_cast<int>(key.keyRegion.begin.line)), places.lineEnd(static_cast<int>(value.end.line)), {}});
        } else if (!same(it->second, *key.value)) {
            splices.push_back({places.offset(value.begin), places.offset(value.end), toml(it->second)});
        }
    }
    std::string added;
    for (const auto& [key, value] : wanted)
        if (!table.contains(key)) added += key + " = " + toml(value) + "\n";
    if (!added.empty()) {
        // A last line without a line break (the end of the file) gets one first.
        if (span.end == span.begin || text[span.end - 1] != '\n') added = "\n" + added;
        splices.push_back({span.end, span.end, added});
    }
    std::sort(splices.begin(), splices.end(), [](const Splice& a, const Splice& b) { return a.begin < b.begin; });
    std::string out(text.substr(0, span.begin));
    std::size_t at = span.begin;
    for (const Splice& s : splices) {
        out.append(text.substr(at, s.begin - at));
        out += s.with;
        at = s.end;
    }
    out.append(text.substr(at));
    return out;
}

// Where a new card of `topic` goes: after the last card of its topic, else at the end.
std::string insertNewCard(std::string_view text, const toml::table& root, const Places& places, const Card& card) {
    std::optional<CardSpan> after;
    if (const toml::array* cards = root["card"].as_array()) {
        for (const auto& node : *cards) {
            const toml::table* table = node.as_table();
            if (table == nullptr) continue;
            const auto* topic = table->get_as<std::string>("topic");
            if (topic != nullptr && topic->get() == card.topic)
                if (const auto span = spanOf(*table, places)) after = span;
        }
    }
    std::string out(text);
    std::size_t at = after ? after->end : out.size();
    std::string insert = "\n" + cardTableToml(card);
    if (at > 0 && out[at - 1] != '\n') insert = "\n" + insert;
    if (!after && out.empty()) insert = cardTableToml(card);
    out.insert(at, insert);
    return out;
}

// The key whose lines hold `line` in the card's table (empty: the header, or outside), and for a
// list the item on that line.
FieldProblem placeOf(const toml::table& table, int line) {
    FieldProblem at;
    for (const auto& [key, value] : table) {
        if (line < static_cast<int>(key.source().begin.line) || line > static_cast<int>(value.source().end.line)) continue;
        at.key = std::string(key.str());
        if (const toml::array* items = value.as_array())
            for (std::size_t i = 0; i < items->size(); ++i)
                if (static_cast<int>((*items)[i].source().begin.line) == line && line != static_cast<int>(key.source().begin.line)) at.item = static_cast<int>(i);
    }
    return at;
}

std::vector<FieldProblem> problemsOf(std::string_view text, const std::filesystem::path& file, const std::string& cardId,
                                     bool& ok) {
    std::vector<FieldProblem> problems;
    const DeckLoadResult loaded = loadDeckFromText(text, file);
    std::vector<Diagnostic> all = loaded.diagnostics;
    if (loaded.deck)
        for (auto& warning : checkCardCraft(*loaded.deck)) all.push_back(std::move(warning.diagnostic));
    ok = !hasErrors(all);
    const auto root = parse(text);
    const toml::table* table = root ? findCardTable(*root, cardId) : nullptr;
    int first = 0, last = -1;
    if (table != nullptr) {
        first = static_cast<int>(table->source().begin.line);
        last = first;
        for (const auto& [key, value] : *table) last = std::max(last, static_cast<int>(value.source().end.line));
    }
    std::vector<FieldProblem> elsewhere;
    for (const Diagnostic& d : all) {
        const bool inCard = d.line >= first && d.line <= last;
        if (inCard) {
            FieldProblem problem = placeOf(*table, d.line);
            problem.diagnostic = d;
            problems.push_back(std::move(problem));
        } else if (d.severity == Diagnostic::Severity::Error) {
            elsewhere.push_back({{}, -1, d});
        }
    }
    problems.insert(problems.end(), elsewhere.begin(), elsewhere.end());
    return problems;
}

}  // namespace

std::optional<CardSpan> findCardSpan(std::string_view text, const std::string& cardId) {
    const auto root = parse(text);
    if (!root) return std::nullopt;
    const toml::table* table = findCardTable(*root, cardId);
    if (table == nullptr) return std::nullopt;
    return spanOf(*table, Places(text));
}

std::string freshCardId(const std::vector<std::string>& deckIds, std::string_view question, const std::set<std::string>& taken) {
    std::string base = slugify(question, 32);
    if (base.empty()) base = "card";
    auto used = [&](const std::string& id) { return taken.count(id) != 0 || std::find(deckIds.begin(), deckIds.end(), id) != deckIds.end(); };
    std::string id = base;
    for (int n = 2; used(id); ++n) id = base + "-" + std::to_string(n);
    return id;
}

std::string cardTableToml(const Card& card) {
    std::string out = "[[card]]\n";
    for (const auto& [key, value] : wantedKeys(card)) out += key + " = " + toml(value) + "\n";
    return out;
}

CardEditResult editCardText(std::string_view original, const std::filesystem::path& file, const Card& card,
                            const std::string& replacing, const std::set<std::string>& taken) {
    CardEditResult result;
    // The guard's checks first (size, UTF-8, depth): TOML++ then never meets hostile text. The
    // file's other errors, if any, show in the check of the edited text below.
    if (original.size() > kMaxDeckFileBytes || tomlguard::checkText(original).problem) {
        result.error = "the deck file has errors now (run attune deck check on it): fix them first";
        return result;
    }
    const auto root = parse(original);
    if (!root) {
        result.error = "the deck file could not be read again";
        return result;
    }
    const Places places(original);
    Card edited = card;
    if (replacing.empty()) {
        std::vector<std::string> ids;
        if (const toml::array* cards = (*root)["card"].as_array())
            for (const auto& node : *cards)
                if (const auto* id = node.as_table() ? node.as_table()->get_as<std::string>("id") : nullptr) ids.push_back(id->get());
        const std::string& question = card.type == CardType::Cloze ? card.text
                                      : card.type == CardType::TrueFalse ? card.statement
                                      : card.type == CardType::Choice || card.type == CardType::TypeIn ? card.prompt
                                                                                                       : card.front;
        edited.id = freshCardId(ids, question, taken);
        result.text = insertNewCard(original, *root, places, edited);
    } else {
        const toml::table* table = findCardTable(*root, replacing);
        const auto span = table != nullptr ? spanOf(*table, places) : std::nullopt;
        if (!span) {
            result.error = table == nullptr ? "the card " + replacing + " is no longer in the deck file"
                                            : "the card " + replacing + " is written as an inline table: edit it in a text editor";
            return result;
        }
        edited.id = replacing;  // progress belongs to the id: an edit never changes it
        result.text = rewriteTable(original, *table, places, *span, edited);
    }
    result.cardId = edited.id;
    result.problems = problemsOf(result.text, file, edited.id, result.ok);
    return result;
}

CardSaveResult saveCard(const std::filesystem::path& file, const Card& card, const std::string& replacing, const std::set<std::string>& taken) {
    CardSaveResult result;
    std::string original, error;
    if (!savefile::readWhole(file, original, error)) {
        result.edit.error = error;
        result.saved = SaveResult::failed("Nothing was saved: " + error);
        return result;
    }
    result.edit = editCardText(original, file, card, replacing, taken);
    if (!result.edit.error.empty()) {
        result.saved = SaveResult::failed("Nothing was saved: " + result.edit.error + ".");
        return result;
    }
    if (!result.edit.ok) {
        result.saved = SaveResult::failed("Nothing was saved: the card has errors (shown beside their fields).");
        return result;
    }
    result.saved = savefile::writeAtomically(file, result.edit.text);
    return result;
}

std::string newDeckToml(const std::string& deckId, const std::string& title, const std::vector<std::string>& topicTitles) {
    std::string out = "# Made in the Attune window. Add cards there (Decks, New card) or in any text editor: the\n"
                      "# format is explained in FORMAT.md next to the bundled decks. Ids keep progress: keep them.\n\n";
    out += "[deck]\nid = " + tomlString(deckId) + "\ntitle = " + tomlString(title) +
           "\ndescription = " + tomlString("Cards about " + title + ".") + "\nversion = \"1.0\"\n";
    std::set<std::string> ids;
    int order = 1;
    for (const auto& topic : topicTitles) {
        std::string base = slugify(topic, 32);
        if (base.empty()) base = "topic";
        std::string id = base;
        for (int n = 2; ids.count(id) != 0; ++n) id = base + "-" + std::to_string(n);
        ids.insert(id);
        out += "\n[[topic]]\nid = " + tomlString(id) + "\ntitle = " + tomlString(topic) + "\norder = " + std::to_string(order++) + "\n";
    }
    return out;
}

NewDeckResult createDeck(const std::filesystem::path& folder, const std::string& title, const std::vector<std::string>& topicTitles,
                         const std::set<std::string>& takenDeckIds) {
    NewDeckResult result;
    const std::string name(trimmed(title));
    std::vector<std::string> topics;
    for (const auto& t : topicTitles)
        if (!trimmed(t).empty()) topics.emplace_back(trimmed(t));
    if (name.empty()) {
        result.error = "the deck needs a title";
        return result;
    }
    if (topics.empty()) {
        result.error = "the deck needs at least one topic";
        return result;
    }
    for (const std::string* text : [&] {
             std::vector<const std::string*> all{&name};
             for (const auto& t : topics) all.push_back(&t);
             return all;
         }()) {
        if (const std::string problem = importTextProblem(*text); !problem.empty()) {
            result.error = "the text \"" + *text + "\" " + problem;
            return result;
        }
    }
    std::string base = slugify(name, 40);
    if (base.empty()) base = "my-deck";
    std::error_code ec;
    std::string id = base;
    for (int n = 2; takenDeckIds.count(id) != 0 || std::filesystem::exists(folder / (id + ".toml"), ec); ++n) id = base + "-" + std::to_string(n);
    std::filesystem::create_directories(folder, ec);
    result.deckId = id;
    result.file = folder / (id + ".toml");
    const std::string text = newDeckToml(id, name, topics);
    if (const DeckLoadResult check = loadDeckFromText(text, result.file); !check.deck) {
        result.error = check.diagnostics.empty() ? "the deck would not load" : check.diagnostics.front().message;
        return result;
    }
    if (const SaveResult saved = savefile::writeAtomically(result.file, text); !saved.ok) {
        result.error = saved.message;
        return result;
    }
    result.ok = true;
    return result;
}

}  // namespace attune::model
