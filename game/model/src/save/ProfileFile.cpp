// profile.toml: settings, freezes and optimizer parameters; schema 0 is read for migration.
#include <attune/model/save/ProfileFile.hpp>

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/TomlText.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/Profile.hpp>

#include "core/TomlGuard.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <sstream>
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
        m_out.diagnostics.push_back({Diagnostic::Severity::Error, m_file, line, column, message + "." + m_whatToDo});
        m_out.damaged = true;
    }
    void warning(const toml::source_region& where, const std::string& message) {
        m_out.diagnostics.push_back({Diagnostic::Severity::Warning, m_file, static_cast<int>(where.begin.line),
                                     static_cast<int>(where.begin.column), message});
    }
    void setWhatToDo(const char* words) { m_whatToDo = words; }

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
    const char* m_whatToDo = kWhatToDo;
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

void readOptimizerParameters(Reader& reader, const toml::node& params, std::optional<std::vector<double>>& out,
                             bool emptyMeansDefaults = false) {
    const toml::array* list = params.as_array();
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
    // An empty list is what a computer records when it sets the parameters back to the defaults.
    if (ok && values.empty() && emptyMeansDefaults) out.reset();
    else if (!ok || (values.size() != 17 && values.size() != 19 && values.size() != 21))
        reader.error(params.source(), "optimizer parameters must be a list of 21 numbers (17 or 19 also accepted)");
    else out = std::move(values);
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
            readOptimizerParameters(reader, *params, out.data.optimizerParameters);
            reader.unknownKeys(*t, {"parameters"}, " in [optimizer]");
        }
    }
    reader.unknownKeys(root, {"schema_version", "freezes", "settings", "optimizer"}, "");
    return out;
}

std::map<std::string, std::string> settingValues(const ProfileData& data) {
    const Settings& s = data.settings;
    const auto number = [](double value) {
        std::string text;
        appendNumber(text, value);
        return text;
    };
    const auto flag = [](bool value) { return std::string(value ? "true" : "false"); };
    const auto word = [](const char* value) { return "\"" + std::string(value) + "\""; };
    std::map<std::string, std::string> out;
    out["desired_retention"] = number(s.desiredRetention);
    out["day_start_hour"] = std::to_string(s.dayStartHour);
    out["new_cards_per_day"] = std::to_string(s.newCardsPerDay);
    out["reviews_per_day"] = std::to_string(s.reviewsPerDay);
    out["daily_goal_xp"] = std::to_string(s.dailyGoalXp);
    out["theme"] = word(themeName(s.theme));
    out["font_scale"] = number(s.fontScale);
    out["sound"] = flag(s.sound);
    out["reduced_motion"] = flag(s.reducedMotion);
    out["load_balancing"] = flag(s.loadBalancing);
    out["siblings_apart"] = flag(s.siblingsApart);
    std::string days = "[";
    for (std::size_t i = 0; i < s.easyDays.size(); ++i) days += (i == 0 ? "" : ", ") + word(easyDayName(s.easyDays[i]));
    out["easy_days"] = days + "]";
    out["leech_lapses"] = std::to_string(s.leechLapses);
    out["leech_action"] = word(leechActionName(s.leechAction));
    std::string parameters = "[";
    if (data.optimizerParameters)
        for (std::size_t i = 0; i < data.optimizerParameters->size(); ++i)
            parameters += (i == 0 ? "" : ", ") + number((*data.optimizerParameters)[i]);
    out["optimizer_parameters"] = parameters + "]";
    return out;
}

namespace {

// The [settings] keys in the order profile.toml lists them.
constexpr std::array<const char*, 14> kSettingKeys{
    "desired_retention", "day_start_hour", "new_cards_per_day", "reviews_per_day", "daily_goal_xp",
    "theme", "font_scale", "sound", "reduced_motion", "load_balancing", "siblings_apart",
    "easy_days", "leech_lapses", "leech_action"};

std::string profileText(const std::map<std::string, std::string>& values, int freezes, bool withParameters) {
    std::string out;
    out += "# Attune profile (docs/SAVES.md). The review log is in log/, each computer's settings changes in\n";
    out += "# settings/; this file holds the settings as they were before any change there.\n";
    out += "schema_version = " + std::to_string(kProfileSchemaVersion) + "\n";
    out += "freezes = " + std::to_string(freezes) + "\n\n[settings]\n";
    for (const char* key : kSettingKeys) out += std::string(key) + " = " + values.at(key) + "\n";
    if (withParameters) out += "\n[optimizer]\nparameters = " + values.at("optimizer_parameters") + "\n";
    return out;
}

constexpr const char* kSettingsLogWhatToDo =
    " Attune will not write over this file; its changes are left out. Fix the value in a text editor "
    "(docs/SAVES.md lists every key) or remove the line.";

}  // namespace

std::string formatProfileFile(const ProfileData& data) {
    return profileText(settingValues(data), data.freezes, data.optimizerParameters.has_value());
}

SettingsLogRead parseSettingsLog(std::string_view content, const std::string& fileName) {
    SettingsLogRead out;
    ProfileFileRead checked;
    Reader reader(fileName, checked);
    reader.setWhatToDo(kSettingsLogWhatToDo);
    const auto finish = [&] {
        out.diagnostics = std::move(checked.diagnostics);
        out.damaged = checked.damaged;
        return out;
    };
    if (const auto raw = tomlguard::checkText(content, kProfileTextRules); raw.problem) {
        reader.error(raw.problem->line, raw.problem->column, raw.problem->message);
        return finish();
    }
    toml::table root;
    try {
        root = toml::parse(content, fileName);
    } catch (const toml::parse_error& error) {
        reader.error(error.source(), std::string(error.description()));
        return finish();
    }
    const auto version = tomlguard::wholeNumber(root.get("schema_version"));
    if (!version || *version < 2) {
        reader.error(root.source(), "schema_version = 2 is missing");
        return finish();
    }
    if (*version > kProfileSchemaVersion) {
        out.newerSchema = true;
        checked.diagnostics.push_back({Diagnostic::Severity::Warning, fileName, 0, 0,
                                       "written by a newer Attune (schema_version " + std::to_string(*version) +
                                           "): opened read-only, nothing will be saved. Update Attune to keep studying here."});
        return finish();
    }
    if (const auto name = root["device_name"].value<std::string>()) out.log.deviceName = *name;
    int freezes = -1;
    reader.whole(root, "freezes", freezes, 0, 1000);
    out.log.freezes = freezes;
    if (const toml::node* node = root.get("changed")) {
        const toml::table* changed = node->as_table();
        if (changed == nullptr) {
            reader.error(node->source(), "[changed] must be a table");
            return finish();
        }
        for (const auto& [key, entry] : *changed) {
            const std::string name(key.str());
            const toml::table* change = entry.as_table();
            const toml::node* value = change != nullptr ? change->get("value") : nullptr;
            const toml::node* at = change != nullptr ? change->get("at") : nullptr;
            const toml::value<toml::date_time>* when = at != nullptr ? at->as_date_time() : nullptr;
            const auto moment = when != nullptr && when->get().offset ? tomlguard::momentOf(when->get()) : std::nullopt;
            if (value == nullptr || !moment) {
                reader.error(entry.source(), name + " must be { value = ..., at = <date and time with offset> }");
                continue;
            }
            // The value is checked as profile.toml's would be, where it stands in this file.
            std::ostringstream text;
            if (name == "optimizer_parameters") {
                std::optional<std::vector<double>> parameters;
                readOptimizerParameters(reader, *value, parameters, true);
                ProfileData data;
                data.optimizerParameters = parameters;
                text << settingValues(data).at(name);
            } else if (std::find_if(kSettingKeys.begin(), kSettingKeys.end(), [&](const char* k) { return name == k; }) !=
                       kSettingKeys.end()) {
                toml::table one;
                one.insert(name, *value);
                Settings ignored;
                readSettings(reader, one, ignored);
                text << toml::toml_formatter(one, toml::format_flags::none);
                std::string line = text.str();
                const std::size_t equals = line.find(" = ");
                text.str(equals == std::string::npos ? std::string() : line.substr(equals + 3));
            } else {
                reader.warning(entry.source(), "unknown setting '" + name + "' is ignored");
                continue;
            }
            std::string valueText = text.str();
            while (!valueText.empty() && (valueText.back() == '\n' || valueText.back() == ' ')) valueText.pop_back();
            out.log.changes[name] = {valueText, moment->utcMs};
        }
    }
    return finish();
}

std::string formatSettingsLog(const SettingsLog& log) {
    std::string out = "# Settings changed on " + tomlString(log.deviceName) +
                      " (docs/SAVES.md): written by that computer only; for each setting the latest\n"
                      "# change on any computer counts.\n";
    out += "schema_version = " + std::to_string(kProfileSchemaVersion) + "\n";
    out += "device_name = " + tomlString(log.deviceName) + "\n";
    if (log.freezes >= 0) out += "freezes = " + std::to_string(log.freezes) + "\n";
    out += "\n[changed]\n";
    for (const auto& [key, change] : log.changes)
        out += key + " = { value = " + change.value + ", at = " + formatIsoTime({change.atUtcMs, 0}) + " }\n";
    return out;
}

ProfileData effectiveSettings(const ProfileData& base, const std::vector<SettingsLog>& logs) {
    std::map<std::string, std::string> values = settingValues(base);
    std::map<std::string, std::pair<std::int64_t, std::string>> latest;  // key -> (time, device id)
    for (const SettingsLog& log : logs) {
        for (const auto& [key, change] : log.changes) {
            auto [slot, fresh] = latest.try_emplace(key, change.atUtcMs, log.deviceId);
            if (!fresh && std::tie(change.atUtcMs, log.deviceId) < std::tie(slot->second.first, slot->second.second))
                continue;
            slot->second = {change.atUtcMs, log.deviceId};
            values[key] = change.value;
        }
    }
    // Every value was checked when its file was read; parsing them together only builds the struct.
    const bool withParameters = values.at("optimizer_parameters") != "[]";
    ProfileFileRead read = parseProfileFile(profileText(values, base.freezes, withParameters), "settings");
    ProfileData out = base;
    if (!read.damaged) {
        out.settings = read.data.settings;
        out.optimizerParameters = read.data.optimizerParameters;
    }
    return out;
}

}  // namespace attune::model::profilefile
