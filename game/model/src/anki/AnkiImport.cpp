#include <attune/model/anki/AnkiImport.hpp>
#include <attune/model/core/Hash.hpp>
#include <attune/model/deck/PictureFile.hpp>
#include <attune/model/anki/AnkiText.hpp>
#include <attune/model/core/Clock.hpp>
#include <attune/model/core/Text.hpp>
#include <attune/model/core/Utf8.hpp>
#include <attune/model/deck/Cloze.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/deck/DeckImport.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace attune::model {
namespace {

using Severity = Diagnostic::Severity;

// What Attune makes of a note type.
enum class Shape { Basic, Reverse, OptionalReverse, TypeIn, Cloze, Other };

struct Layout {
    Shape shape = Shape::Other;
    int front = 0;       // basic, reverse: the front; typein: the prompt; cloze: the text
    int back = 1;        // basic, reverse: the back; typein: the answer; cloze: the extra (or -1)
    int condition = -1;  // optional reverse: the field that asks for the reverse card
    bool ignoreDiacritics = false;  // typein: Anki's {{type:nc:Field}} compares without them
};

// A `{{...}}` of a template: a field, maybe behind filters ("type:Back", "cloze:Text"), or a
// section ("#Add Reverse").
struct Reference {
    std::string field;
    std::vector<std::string> filters;
    char section = 0;  // '#', '^' or '/' for sections
};

std::vector<Reference> references(std::string_view text) {
    std::vector<Reference> out;
    for (std::size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at + 2)) {
        const std::size_t end = text.find("}}", at + 2);
        if (end == std::string_view::npos) break;
        std::string_view inside = trimmed(text.substr(at + 2, end - at - 2), " ");
        Reference r;
        if (!inside.empty() && (inside[0] == '#' || inside[0] == '^' || inside[0] == '/')) {
            r.section = inside[0];
            inside.remove_prefix(1);
        }
        std::size_t colon = inside.find(':');
        while (colon != std::string_view::npos) {
            r.filters.emplace_back(trimmed(inside.substr(0, colon), " "));
            inside.remove_prefix(colon + 1);
            colon = inside.find(':');
        }
        r.field = std::string(trimmed(inside, " "));
        out.push_back(std::move(r));
        at = end;
    }
    return out;
}

bool hasFilter(const Reference& r, std::string_view filter) {
    return std::find(r.filters.begin(), r.filters.end(), filter) != r.filters.end();
}

int fieldIndex(const AnkiNotetype& type, const std::string& name) {
    const auto it = std::find(type.fields.begin(), type.fields.end(), name);
    return it == type.fields.end() ? -1 : static_cast<int>(it - type.fields.begin());
}

/// The first field a template text shows (not a section, not FrontSide), except `besides`.
int firstShownField(const AnkiNotetype& type, std::string_view text, int besides = -1, bool typeFilter = false) {
    for (const Reference& r : references(text)) {
        if (r.section != 0 || hasFilter(r, "type") != typeFilter) continue;
        const int index = fieldIndex(type, r.field);
        if (index >= 0 && index != besides) return index;
    }
    return -1;
}

/// Recognises the stock note types by their structure, never by their (localised, renamable) names.
Layout layoutOf(const AnkiNotetype& type) {
    Layout layout;
    if (type.templates.empty() || type.fields.empty()) return layout;
    const auto& first = type.templates.front();
    if (type.cloze) {
        if (first.question.find("image-occlusion") != std::string::npos) return layout;
        for (const Reference& r : references(first.question)) {
            if (r.section == 0 && hasFilter(r, "cloze") && fieldIndex(type, r.field) >= 0) {
                layout.shape = Shape::Cloze;
                layout.front = fieldIndex(type, r.field);
                layout.back = firstShownField(type, first.answer, layout.front);
                return layout;
            }
        }
        return layout;
    }
    if (type.fields.size() < 2) return layout;
    const int typed = firstShownField(type, first.question, -1, true);
    if (typed >= 0) {
        const int prompt = firstShownField(type, first.question, typed);
        if (prompt < 0 || type.templates.size() != 1) return layout;
        bool noCombining = false;
        for (const Reference& r : references(first.question)) {
            if (r.section == 0 && hasFilter(r, "type") && hasFilter(r, "nc") && fieldIndex(type, r.field) == typed) noCombining = true;
        }
        return {Shape::TypeIn, prompt, typed, -1, noCombining};
    }
    const int front = firstShownField(type, first.question);
    if (type.templates.size() == 1) {
        if (front < 0) return layout;
        int back = firstShownField(type, first.answer, front);
        if (back < 0) return layout;
        return {Shape::Basic, front, back, -1};
    }
    if (type.templates.size() == 2) {
        const auto& second = type.templates[1];
        const int reverseFront = firstShownField(type, second.question);
        if (front < 0 || reverseFront < 0 || front == reverseFront) return layout;
        for (const Reference& r : references(second.question)) {
            const int index = fieldIndex(type, r.field);
            if (r.section == '#' && index >= 0 && index != front && index != reverseFront) {
                return {Shape::OptionalReverse, front, reverseFront, index};
            }
        }
        return {Shape::Reverse, front, reverseFront, -1};
    }
    return layout;
}

std::string cardIdFromGuid(std::string_view guid) {
    char id[32];
    std::snprintf(id, sizeof id, "anki-%016llx", static_cast<unsigned long long>(fnv1a(guid)));
    return id;
}

std::vector<std::string> splitDeckName(const std::string& name) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = name.find("::", start);
        parts.push_back(name.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 2;
    }
    return parts;
}

std::string joinDeckName(const std::vector<std::string>& parts, std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < parts.size(); ++i) out += (i > from ? " / " : "") + std::string(trimmed(parts[i], " "));
    return out;
}

/// A deck or topic text made safe: plain text, not empty.
std::string plainName(const std::string& name, const std::string& fallback) {
    std::string text = ankiHtmlToText(name).text;
    std::replace(text.begin(), text.end(), '\n', ' ');
    text = std::string(trimmed(text, " "));
    if (text.size() > 200) text.resize(200);
    while (!text.empty() && isContinuationByte(text.back())) text.pop_back();
    return text.empty() ? fallback : text;
}

// One card on its way into a deck.
struct Written {
    std::string topicKey;  // the Anki deck name
    std::string head;      // the card's TOML up to its topic
    std::string body;      // after the topic, up to its image
    std::string image;     // the picture's name in the media folder, or empty
    std::string tail;      // after the image
};

class Converter {
public:
    Converter(const AnkiPackage& package, const AnkiImportOptions& options)
        : m_package(package), m_collection(package.collection()), m_options(options), m_file(options.sourceName) {}

    AnkiImportResult run() {
        m_result.noteCount = m_collection.notes.size();
        for (const auto& [id, type] : m_collection.notetypes) m_layouts[id] = layoutOf(type);
        std::unordered_map<std::int64_t, std::vector<const AnkiCard*>> cardsByNote;
        for (const AnkiCard& card : m_collection.cards) cardsByNote[card.noteId].push_back(&card);
        for (const AnkiNote& note : m_collection.notes) convert(note, cardsByNote[note.id]);
        summarise();
        if (m_written.empty()) {
            report(Severity::Error, "no cards to import: the package has " + std::to_string(m_collection.notes.size()) +
                                        " notes and none could become a card");
        }
        if (!hasErrors(m_result.diagnostics)) writeDecks();
        if (hasErrors(m_result.diagnostics)) {
            m_result.decks.clear();
            m_result.media.clear();
            m_result.cards.clear();
        }
        return std::move(m_result);
    }

private:
    void report(Severity severity, std::string message) {
        m_result.diagnostics.push_back({severity, m_file, 0, 0, std::move(message)});
    }

    std::string field(const AnkiNote& note, int index, AnkiText& converted) {
        if (index < 0 || static_cast<std::size_t>(index) >= note.fields.size()) return {};
        AnkiText text = ankiHtmlToText(note.fields[static_cast<std::size_t>(index)]);
        converted.images.insert(converted.images.end(), text.images.begin(), text.images.end());
        converted.sounds += text.sounds;
        return std::string(trimmed(text.text, " \n"));
    }

    void skip(const AnkiNote& note, const std::string& why) {
        ++m_skipped;
        if (m_skipped <= 20) report(Severity::Warning, "note " + std::to_string(note.id) + " skipped: " + why);
    }

    void convert(const AnkiNote& note, const std::vector<const AnkiCard*>& cards) {
        const auto typeIt = m_collection.notetypes.find(note.notetypeId);
        if (typeIt == m_collection.notetypes.end()) {
            skip(note, "its note type is missing from the package");
            return;
        }
        const AnkiNotetype& type = typeIt->second;
        Layout layout = m_layouts[type.id];
        if (layout.shape == Shape::Other) {
            ++m_otherTypes[type.name.empty() ? "(unnamed)" : type.name];
            layout = {Shape::Other, 0, 1, -1};
        }
        AnkiText media;
        std::string front = field(note, layout.front, media);
        std::string back = layout.back >= 0 ? field(note, layout.back, media) : std::string();
        m_sounds += media.sounds;
        const std::string image = pictureOf(media.images);
        // A picture-only side still needs a text on the card.
        if (front.empty() && !image.empty() && layout.shape != Shape::Cloze) front = "(see the picture)";
        if (back.empty() && !image.empty() && layout.shape != Shape::Cloze) back = "(see the picture)";

        Shape shape = layout.shape;
        if (shape == Shape::OptionalReverse) {
            AnkiText ignored;
            shape = field(note, layout.condition, ignored).empty() ? Shape::Basic : Shape::Reverse;
        }
        if (front.empty() || (shape != Shape::Cloze && back.empty())) {
            skip(note, shape == Shape::Cloze ? "its cloze text is empty" : "it needs a front and a back");
            return;
        }
        if (characterCount(front) > kMaxTextCharacters || characterCount(back) > kMaxTextCharacters) {
            skip(note, "texts are limited to 10000 characters");
            return;
        }
        if (shape == Shape::Cloze) {
            const ClozeParse parse = parseCloze(front);
            if (parse.error) {
                skip(note, "its cloze text does not read in Attune (" + parse.error->message + ")");
                return;
            }
            if (parse.deletions.empty()) {
                skip(note, "its cloze text has no deletion ({{c1::...}})");
                return;
            }
        }
        if (m_written.size() >= kMaxDeckCards) {
            skip(note, "more than 100000 cards");
            return;
        }

        std::string id = cardIdFromGuid(note.guid.empty() ? std::to_string(note.id) : note.guid);
        if (!m_usedIds.insert(id).second) {
            const std::string base = id;
            for (int n = 2; !m_usedIds.insert(id = base + "-" + std::to_string(n)).second; ++n) {
            }
        }
        std::string deckName = "Default";
        if (!cards.empty()) {
            const auto deck = m_collection.decks.find(cards.front()->deckId);
            if (deck != m_collection.decks.end() && !deck->second.empty()) deckName = deck->second;
        }

        Written written{deckName, "\n[[card]]\nid = " + tomlString(id) + "\ntopic = ", "\ntype = ", image, {}};
        std::string& toml = written.body;
        switch (shape) {
            case Shape::Reverse: toml += "\"reverse\"\nfront = " + tomlString(front) + "\nback = " + tomlString(back) + "\n"; break;
            case Shape::TypeIn:
                toml += "\"typein\"\nprompt = " + tomlString(front) + "\nanswer = " + tomlString(back) + "\n";
                if (layout.ignoreDiacritics) toml += "ignore_diacritics = true\n";
                break;
            case Shape::Cloze:
                toml += "\"cloze\"\ntext = " + tomlString(front) + "\n";
                if (!back.empty()) toml += "explain = " + tomlString(back) + "\n";
                break;
            default: toml += "\"basic\"\nfront = " + tomlString(front) + "\nback = " + tomlString(back) + "\n"; break;
        }
        const std::string tags = tagList(note.tags);
        if (!tags.empty()) written.tail = "tags = [" + tags + "]\n";
        m_written.push_back(std::move(written));
        m_deckNames.insert(deckName);

        for (const AnkiCard* card : cards) {
            std::string study;
            if (shape == Shape::Cloze) {
                const auto numbers = clozeNumbers(front);
                if (std::find(numbers.begin(), numbers.end(), card->ord + 1) != numbers.end()) study = id + "#c" + std::to_string(card->ord + 1);
            } else if (card->ord == 0) {
                study = id;
            } else if (card->ord == 1 && shape == Shape::Reverse) {
                study = id + "#reverse";
            }
            if (!study.empty()) m_result.cards[card->id] = {deckName, std::move(study)};
        }
    }

    /// The picture the card shows: the first that is in the package (others are reported).
    std::string pictureOf(const std::vector<std::string>& images) {
        std::string chosen;
        for (const std::string& name : images) {
            if (name.rfind("http:", 0) == 0 || name.rfind("https:", 0) == 0 || !isSafeMediaName(name) || !m_package.hasMedia(name)) {
                ++m_missingPictures;
                if (m_missingPictures <= 5) report(Severity::Warning, "picture '" + name + "' is not in the package: left out");
                continue;
            }
            if (chosen.empty()) {
                // An SVG or WebP would make the whole imported deck fail `deck check`: left out.
                std::string error;
                const auto bytes = m_package.readMedia(name, error);
                if (bytes && !looksLikePicture(*bytes)) {  // one that cannot be read is reported when copied
                    ++m_missingPictures;
                    if (m_missingPictures <= 5)
                        report(Severity::Warning, "picture '" + name + "' is not a PNG, JPEG, BMP or GIF: left out");
                    continue;
                }
                chosen = name;
                if (m_media.insert(name).second) m_result.media.push_back(name);
            } else {
                ++m_extraPictures;
            }
        }
        return chosen;
    }

    static std::string tagList(const std::string& tags) {
        std::string out;
        std::set<std::string> seen;
        std::string tag;
        for (const char c : tags + " ") {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (!tag.empty() && !firstInvalidUtf8(tag) && !firstControlCharacter(tag) && characterCount(tag) <= 100 &&
                    seen.insert(tag).second) {
                    out += (out.empty() ? "" : ", ") + tomlString(tag);
                }
                tag.clear();
            } else {
                tag += c;
            }
        }
        return out;
    }

    void summarise() {
        for (const auto& [name, count] : m_otherTypes) {
            report(Severity::Warning, "note type '" + plainName(name, "?") + "' is not one Attune knows: its " + std::to_string(count) +
                                          (count == 1 ? " note became a basic card" : " notes became basic cards") +
                                          " from the first two fields");
        }
        if (m_skipped > 20) report(Severity::Warning, std::to_string(m_skipped) + " notes skipped in all");
        if (m_sounds > 0) {
            report(Severity::Warning, std::to_string(m_sounds) + (m_sounds == 1 ? " sound or video reference" : " sound or video references") +
                                          " dropped (Attune cards show text and pictures)");
        }
        if (m_extraPictures > 0) {
            report(Severity::Warning, std::to_string(m_extraPictures) + (m_extraPictures == 1 ? " picture" : " pictures") +
                                          " left out: an Attune card shows one picture");
        }
        if (m_missingPictures > 5) report(Severity::Warning, std::to_string(m_missingPictures) + " pictures missing from the package in all");
    }

    struct Target {
        std::string id;
        std::string title;
        std::string commonRoot;  // stripped from the topic titles
        std::vector<std::string> names;  // Anki deck names
    };

    void writeDecks() {
        std::vector<Target> targets;
        if (m_options.split) {
            std::set<std::string> ids;
            for (const std::string& name : m_deckNames) {
                Target t;
                const auto parts = splitDeckName(name);
                t.title = plainName(joinDeckName(parts, 0), "Anki deck");
                t.id = slugify(t.title, 60);
                if (t.id.empty()) t.id = "anki-deck";
                const std::string base = t.id;
                for (int n = 2; !ids.insert(t.id).second; ++n) t.id = base + "-" + std::to_string(n);
                t.commonRoot = name;
                t.names = {name};
                targets.push_back(std::move(t));
            }
        } else {
            Target t;
            std::string root = splitDeckName(*m_deckNames.begin()).front();
            for (const std::string& name : m_deckNames) {
                if (splitDeckName(name).front() != root) root.clear();
            }
            t.commonRoot = root;
            if (root == "Default") root.clear();  // Anki's catch-all deck names nothing: the package does
            t.title = !trimmed(m_options.title, " ").empty() ? std::string(trimmed(m_options.title, " "))
                      : !root.empty()                        ? plainName(root, "Anki deck")
                                                             : plainName(stem(m_options.sourceName), "Anki deck");
            t.id = m_options.deckId.empty() ? slugify(t.title, 60) : m_options.deckId;
            if (t.id.empty()) t.id = "anki-deck";
            t.names.assign(m_deckNames.begin(), m_deckNames.end());
            targets.push_back(std::move(t));
        }
        m_result.mediaFolder = (m_options.split ? slugify(stem(m_options.sourceName), 60) : targets.front().id) + "-media";
        if (m_result.mediaFolder == "-media") m_result.mediaFolder = "anki-media";
        for (const Target& target : targets) writeDeck(target);
        for (auto& [card, where] : m_result.cards) {
            for (const Target& target : targets) {
                if (std::find(target.names.begin(), target.names.end(), where.deckId) != target.names.end()) {
                    where.deckId = target.id;
                    break;
                }
            }
        }
    }

    static std::string stem(const std::string& file) {
        const std::size_t slash = file.find_last_of("/\\");
        std::string name = slash == std::string::npos ? file : file.substr(slash + 1);
        const std::size_t dot = name.rfind('.');
        return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
    }

    void writeDeck(const Target& target) {
        // One topic per Anki deck, titled by its name below the common root.
        std::map<std::string, std::string> topicIds;
        std::set<std::string> usedTopicIds;
        std::string topics;
        for (const std::string& name : target.names) {
            auto parts = splitDeckName(name);
            const auto rootParts = splitDeckName(target.commonRoot);
            std::size_t from = 0;
            if (!target.commonRoot.empty() && parts.size() > rootParts.size()) from = rootParts.size();
            if (!target.commonRoot.empty() && parts.size() == rootParts.size()) from = parts.size() - 1;
            const std::string title = plainName(joinDeckName(parts, from), "Imported");
            std::string id = slugify(title, 60);
            if (id.empty()) id = "topic";
            const std::string base = id;
            for (int n = 2; !usedTopicIds.insert(id).second; ++n) id = base + "-" + std::to_string(n);
            topicIds[name] = id;
            topics += "\n[[topic]]\nid = " + tomlString(id) + "\ntitle = " + tomlString(title) + "\n";
        }
        AnkiImportedDeck deck;
        deck.id = target.id;
        deck.title = target.title;
        std::string& toml = deck.toml;
        const std::string source = m_options.sourceName.empty() ? std::string("an Anki package") : plainName(m_options.sourceName, "an Anki package");
        toml = "# Imported from Anki by `attune deck import`. Importing an updated package again keeps every\n"
               "# card's id (they come from Anki's note ids), so progress is kept; edits made here are replaced.\n"
               "[deck]\nid = " + tomlString(deck.id) + "\ntitle = " + tomlString(deck.title) +
               "\ndescription = " + tomlString("Imported from " + source + ".") + "\nversion = \"1\"\n" + topics;
        for (const Written& card : m_written) {
            const auto topic = topicIds.find(card.topicKey);
            if (topic == topicIds.end()) continue;
            toml += card.head;
            toml += tomlString(topic->second);
            toml += card.body;
            if (!card.image.empty()) toml += "image = " + tomlString(m_result.mediaFolder + "/" + card.image) + "\n";
            toml += card.tail;
            ++deck.cardCount;
        }
        if (toml.size() > kMaxDeckFileBytes) {
            report(Severity::Error, "deck '" + deck.id + "' would be " + std::to_string(toml.size() / 1000000) +
                                        " MB: decks are limited to 8 MiB (import with --split for one deck per Anki deck)");
            return;
        }
        m_result.decks.push_back(std::move(deck));
    }

    const AnkiPackage& m_package;
    const AnkiCollection& m_collection;
    const AnkiImportOptions& m_options;
    const std::string m_file;
    AnkiImportResult m_result;
    std::map<std::int64_t, Layout> m_layouts;
    std::map<std::string, std::size_t> m_otherTypes;
    std::vector<Written> m_written;
    std::set<std::string> m_deckNames;
    std::set<std::string> m_usedIds;
    std::set<std::string> m_media;
    std::size_t m_skipped = 0;
    std::size_t m_sounds = 0;
    std::size_t m_extraPictures = 0;
    std::size_t m_missingPictures = 0;
};

}  // namespace

AnkiImportResult convertAnkiCollection(const AnkiPackage& package, const AnkiImportOptions& options) {
    return Converter(package, options).run();
}

AnkiHistory ankiReviewHistory(const AnkiCollection& collection, const AnkiImportResult& imported) {
    AnkiHistory history;
    history.records.reserve(collection.reviews.size());
    std::unordered_map<std::string, LogId> deckIds;
    for (const AnkiReview& r : collection.reviews) {
        if (r.type == 4) {
            ++history.manual;
            continue;
        }
        if (r.type == 5) {
            ++history.rescheduled;
            continue;
        }
        if (r.type == 3 && r.factor == 0) {
            ++history.cram;
            continue;
        }
        if (r.ease < 1 || r.ease > 4) {
            ++history.manual;
            continue;
        }
        if (!withinReviewEra(r.id)) {
            ++history.badTimes;
            continue;
        }
        const auto target = imported.cards.find(r.cardId);
        if (target == imported.cards.end()) {
            ++history.otherCards;
            continue;
        }
        ReviewRecord record;
        auto deck = deckIds.find(target->second.deckId);
        if (deck == deckIds.end()) deck = deckIds.emplace(target->second.deckId, LogId(target->second.deckId)).first;
        record.deckId = deck->second;
        record.cardId = target->second.studyCardId;
        record.utcMs = r.id;
        record.durationMs = static_cast<std::int32_t>(std::clamp<std::int64_t>(r.timeMs, 0, 24 * 3600 * 1000));
        record.rating = static_cast<scheduler::Rating>(r.ease);
        record.kind = ReviewKind::Imported;
        history.records.push_back(std::move(record));
    }
    return history;
}

}  // namespace attune::model
