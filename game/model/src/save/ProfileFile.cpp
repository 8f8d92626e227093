// profile.toml: settings, freezes and optimizer parameters; schema 0 is read for migration.
#include <attune/model/save/ProfileFile.hpp>

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/Profile.hpp>

#include "core/TomlGuard.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace attune::model::profilefile {
namespace {

constexpr const char* kWhatToDo =
    " Attune opened the profile read-only and will not write over profile.toml. Fix the value in a "
    "text editor (docs/SAVES.md lists every key) or restore a backup with 'attune profile restore'.";

constexpr tomlguard::Rules kProfileTextRules = tomlguard::savedFileRules("like desired_retention or freezes");

class Reader {
public:
    Reader(const std::string& fileName, ProfileFileRead& out) : m_file(fileName), m_out(out) {}

    void error(const toml::source_region& where, const std::string& message) {
        error(static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), message);
    }
    void error(int line, int column, const std::string& message) {
        m_out.diagnostics.push_back({Diagnostic::Severity::Error, m_file, line, column, message + "." + kWhatToDo});
        m_out.damaged = true;
    }
    void warning(const toml::source_region& where, const std::string& message) {
        m_out.diagnostics.push_back({Diagnostic::Severity::Warning, m_file, static_cast<int>(where.begin.line),
                                     static_cast<int>(where.begin.column), message});
    }

    void number(const toml::table& table, const char* key, double& value, double low, double high) {
        const toml::node* node = table.get(key);
        if (node == nullptr) return;
        std::optional<double> v;
        if (const auto* f = node->as_floating_point()) v = f->get();
        if (const auto* i = node->as_integer()) v = static_cast<double>(i->get());
        if (!v || !std::isfinite(*v)) return error(node->source(), std::string(key) + " must be a number");
        if (*v < low || *v > high) {
            warning(node->source(), std::string(key) + " = " + std::to_string(*v) + " is outside " +
                                        std::to_string(low) + " .. " + std::to_string(high) + "; using the nearest allowed value");
            v = std::clamp(*v, low, high);
        }
        value = *v;
    }
    void whole(const toml::table& table, const char* key, int& value, int low, int high) {
        const toml::node* node = table.get(key);
        if (node == nullptr) return;
        const auto* i = node->as_integer();
        if (i == nullptr) return error(node->source(), std::string(key) + " must be a whole number");
        std::int64_t v = i->get();
        if (v < low || v > high) {
            warning(node->source(), std::string(key) + " = " + std::to_string(v) + " is outside " + std::to_string(low) +
                                        " .. " + std::to_string(high) + "; using the nearest allowed value");
            v = std::clamp<std::int64_t>(v, low, high);
        }
        value = static_cast<int>(v);
    }
    void flag(const toml::table& table, const char* key, bool& value) {
        const toml::node* node = table.get(key);
        if (node == nullptr) return;
        const auto* b = node->as_boolean();
        if (b == nullptr) return error(node->source(), std::string(key) + " must be true or false");
        value = b->get();
    }
    void unknownKeys(const toml::table& table, std::initializer_list<std::string_view> known, const std::string& where) {
        for (const auto& [key, node] : table) {
            if (std::find(known.begin(), known.end(), key.str()) == known.end())
                warning(node.source(), "unknown key '" + std::string(key.str()) + "'" + where +
                                           " is ignored (and not kept when Attune rewrites the file)");
        }
    }

private:
    std::string m_file;
    ProfileFileRead& m_out;
};

// easy_days = ["normal", "normal", "normal", "normal", "normal", "reduced", "minimum"], Monday first.
void readEasyDays(Reader& reader, const toml::node& node, std::array<EasyDay, 7>& days) {
    constexpr const char* kShape =
        "easy_days must list 7 weekdays, Monday first, each \"normal\", \"reduced\" or \"minimum\"";
    const toml::array* list = node.as_array();
    if (list == nullptr || list->size() != days.size()) return reader.error(node.source(), kShape);
    std::array<EasyDay, 7> read{};
    for (std::size_t i = 0; i < days.size(); ++i) {
        const auto name = (*list)[i].value<std::string>();
        if (!name || !parseEasyDay(*name, read[i])) return reader.error((*list)[i].source(), kShape);
    }
    days = read;
}

void readSettings(Reader& reader, const toml::table& table, Settings& s) {
    reader.number(table, "desired_retention", s.desiredRetention, 0.70, 0.99);
    reader.whole(table, "day_start_hour", s.dayStartHour, 0, 23);
    reader.whole(table, "new_cards_per_day", s.newCardsPerDay, 0, 9999);
    reader.whole(table, "reviews_per_day", s.reviewsPerDay, 0, 99999);
    reader.whole(table, "daily_goal_xp", s.dailyGoalXp, 0, 1000000);
    if (const toml::node* node = table.get("theme")) {
        const auto name = node->value<std::string>();
        if (!name) {
            reader.error(node->source(), "theme must be \"light\", \"dark\" or \"high-contrast\"");
        } else if (!parseTheme(*name, s.theme)) {
            reader.warning(node->source(), "theme \"" + *name + "\" is unknown; using \"light\"");
            s.theme = Theme::Light;
        }
    }
    reader.number(table, "font_scale", s.fontScale, 1.0, 2.0);
    reader.flag(table, "sound", s.sound);
    reader.flag(table, "reduced_motion", s.reducedMotion);
    reader.flag(table, "load_balancing", s.loadBalancing);
    reader.flag(table, "siblings_apart", s.siblingsApart);
    if (const toml::node* node = table.get("easy_days")) readEasyDays(reader, *node, s.easyDays);
    reader.whole(table, "leech_lapses", s.leechLapses, kLeechLapsesLowest, kLeechLapsesHighest);
    if (const toml::node* node = table.get("leech_action")) {
        const auto name = node->value<std::string>();
        if (!name) {
            reader.error(node->source(), "leech_action must be \"set-aside\" or \"mark\"");
        } else if (!parseLeechAction(*name, s.leechAction)) {
            reader.warning(node->source(), "leech_action \"" + *name + "\" is unknown (\"set-aside\" or \"mark\"); using \"set-aside\"");
            s.leechAction = LeechAction::SetAside;
        }
    }
    reader.unknownKeys(table,
                       {"desired_retention", "day_start_hour", "new_cards_per_day", "reviews_per_day", "daily_goal_xp",
                        "theme", "font_scale", "sound", "reduced_motion", "load_balancing", "siblings_apart",
                        "easy_days", "leech_lapses", "leech_action"},
                       " in [settings]");
}

// Schema 0 (before the month files): [[review]] tables in profile.toml itself.
void readSchema0Reviews(Reader& reader, const toml::node& node, ProfileFileRead& out) {
    const toml::array* reviews = node.as_array();
    if (reviews == nullptr) return reader.error(node.source(), "review must be a list of [[review]] tables");
    for (const toml::node& item : *reviews) {
        const toml::table* t = item.as_table();
        if (t == nullptr) {
            reader.error(item.source(), "each review must be a [[review]] table");
            continue;
        }
        ReviewRecord r;
        const auto card = (*t)["card_id"].value<std::string>();
        const auto deck = (*t)["deck_id"].value<std::string>();
        const toml::value<toml::date_time>* when = t->get("time") != nullptr ? t->get("time")->as_date_time() : nullptr;
        const auto rating = tomlguard::wholeNumber(t->get("rating"));
        if (!card || !deck || when == nullptr || !when->get().offset || !rating || *rating < 1 || *rating > 4) {
            reader.error(t->source(), "a schema 0 [[review]] needs card_id, deck_id, time (with UTC offset) and rating 1-4");
            continue;
        }
        const auto moment = tomlguard::momentOf(when->get());
        if (!moment) {
            reader.error(t->source(), "time is not a valid date and time");
            continue;
        }
        r.utcOffsetSeconds = moment->utcOffsetSeconds;
        r.utcMs = moment->utcMs;
        r.cardId = *card;
        r.deckId = *deck;
        r.rating = static_cast<scheduler::Rating>(*rating);
        r.durationMs = static_cast<std::int32_t>(std::clamp<std::int64_t>(tomlguard::wholeNumber(t->get("duration_ms")).value_or(0), 0, INT32_MAX));
        r.kind = ReviewKind::Review;
        if (const auto kind = (*t)["kind"].value<std::string>(); kind && !reviewlog::parseKind(*kind, r.kind))
            reader.error(t->get("kind")->source(), "unknown review kind \"" + *kind + "\"");
        out.schema0Reviews.push_back(std::move(r));
    }
}

void appendNumber(std::string& out, double value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, ec == std::errc{} ? end : buffer);
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // TOML floats need a dot
    out += text;
}

}  // namespace

ProfileFileRead parseProfileFile(std::string_view content, const std::string& fileName) {
    ProfileFileRead out;
    Reader reader(fileName, out);
    // TOML++ must never see what it cannot classify (TomlGuard.hpp): a stray byte would crash it.
    if (const auto raw = tomlguard::checkText(content, kProfileTextRules); raw.problem) {
        reader.error(raw.problem->line, raw.problem->column, raw.problem->message);
        return out;
    }
    toml::table root;
    try {
        root = toml::parse(content, fileName);
    } catch (const toml::parse_error& error) {
        reader.error(error.source(), std::string(error.description()));
        return out;
    }
    int version = 0;  // no schema_version: the schema 0 layout
    if (const toml::node* node = root.get("schema_version")) {
        const auto* i = node->as_integer();
        if (i == nullptr || i->get() < 0) {
            reader.error(node->source(), "schema_version must be a whole number");
            return out;
        }
        version = static_cast<int>(std::min<std::int64_t>(i->get(), 1000000));
    }
    out.data.schemaVersion = version;
    if (version > kProfileSchemaVersion) {
        out.newerSchema = true;
        return out;
    }
    if (version == 0) {
        reader.number(root, "retention", out.data.settings.desiredRetention, 0.70, 0.99);
        reader.whole(root, "day_start", out.data.settings.dayStartHour, 0, 23);
        reader.whole(root, "freezes", out.data.freezes, 0, 1000);
        if (const toml::node* reviews = root.get("review")) readSchema0Reviews(reader, *reviews, out);
        reader.unknownKeys(root, {"schema_version", "retention", "day_start", "freezes", "review"}, "");
        return out;
    }
    reader.whole(root, "freezes", out.data.freezes, 0, 1000);
    if (const toml::node* node = root.get("settings")) {
        if (const toml::table* t = node->as_table()) readSettings(reader, *t, out.data.settings);
        else reader.error(node->source(), "[settings] must be a table");
    }
    if (const toml::node* node = root.get("optimizer")) {
        const toml::table* t = node->as_table();
        if (t == nullptr) {
            reader.error(node->source(), "[optimizer] must be a table");
        } else if (const toml::node* params = t->get("parameters")) {
            const toml::array* list = params->as_array();
            std::vector<double> values;
            bool ok = list != nullptr;
            if (ok) {
                for (const toml::node& v : *list) {
                    std::optional<double> d;
                    if (const auto* f = v.as_floating_point()) d = f->get();
                    if (const auto* i = v.as_integer()) d = static_cast<double>(i->get());
                    if (!d || !std::isfinite(*d)) ok = false;
                    else values.push_back(*d);
                }
            }
            if (!ok || (values.size() != 17 && values.size() != 19 && values.size() != 21))
                reader.error(params->source(), "optimizer parameters must be a list of 21 numbers (17 or 19 also accepted)");
            else out.data.optimizerParameters = std::move(values);
            reader.unknownKeys(*t, {"parameters"}, " in [optimizer]");
        }
    }
    reader.unknownKeys(root, {"schema_version", "freezes", "settings", "optimizer"}, "");
    return out;
}

std::string formatProfileFile(const ProfileData& data) {
    const Settings& s = data.settings;
    std::string out;
    out += "# Attune profile (docs/SAVES.md). The review log is in log/; this file holds settings.\n";
    out += "schema_version = " + std::to_string(kProfileSchemaVersion) + "\n";
    out += "freezes = " + std::to_string(data.freezes) + "\n\n[settings]\n";
    out += "desired_retention = ";
    appendNumber(out, s.desiredRetention);
    out += "\nday_start_hour = " + std::to_string(s.dayStartHour);
    out += "\nnew_cards_per_day = " + std::to_string(s.newCardsPerDay);
    out += "\nreviews_per_day = " + std::to_string(s.reviewsPerDay);
    out += "\ndaily_goal_xp = " + std::to_string(s.dailyGoalXp);
    out += "\ntheme = \"" + std::string(themeName(s.theme)) + "\"";
    out += "\nfont_scale = ";
    appendNumber(out, s.fontScale);
    out += std::string("\nsound = ") + (s.sound ? "true" : "false");
    out += std::string("\nreduced_motion = ") + (s.reducedMotion ? "true" : "false");
    out += std::string("\nload_balancing = ") + (s.loadBalancing ? "true" : "false");
    out += std::string("\nsiblings_apart = ") + (s.siblingsApart ? "true" : "false");
    out += "\neasy_days = [";
    for (std::size_t i = 0; i < s.easyDays.size(); ++i)
        out += std::string(i == 0 ? "\"" : ", \"") + easyDayName(s.easyDays[i]) + "\"";
    out += "]";
    out += "\nleech_lapses = " + std::to_string(s.leechLapses);
    out += "\nleech_action = \"" + std::string(leechActionName(s.leechAction)) + "\"\n";
    if (data.optimizerParameters) {
        out += "\n[optimizer]\nparameters = [";
        for (std::size_t i = 0; i < data.optimizerParameters->size(); ++i) {
            if (i != 0) out += ", ";
            appendNumber(out, (*data.optimizerParameters)[i]);
        }
        out += "]\n";
    }
    return out;
}

}  // namespace attune::model::profilefile
