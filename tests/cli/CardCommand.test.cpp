// `attune card info DECK/CARD`: the card's history and figures as the model replays them, in
// plain lines and as JSON; an unknown card is a clear error that says how cards are named.
#include "CliRun.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/progress/CardHistory.hpp>
#include <attune/model/save/Profile.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace attune;
using attune::testing::Run;
using attune::testing::Scratch;
using attune::testing::shellQuoted;

namespace {

const std::string kDeck = std::string(ATTUNE_SOURCE_DIR) + "/tests/data/decks/good/all-types.toml";
constexpr const char* kNow = "2026-11-10T12:00:00Z";

model::ReviewRecord answered(const std::string& when, scheduler::Rating rating, model::ReviewKind kind, int scheduledDays = 0) {
    model::ReviewRecord r;
    r.deckId = "all-types";
    r.cardId = "basic-1";
    const auto moment = model::parseIsoTime(when);
    REQUIRE(moment.has_value());
    r.utcMs = moment->utcMs;
    r.utcOffsetSeconds = moment->utcOffsetSeconds;
    r.rating = rating;
    r.kind = kind;
    r.durationMs = 4000;
    r.scheduledDays = scheduledDays;
    return r;
}

std::vector<model::ReviewRecord> cardLog() {
    using scheduler::Rating;
    using model::ReviewKind;
    return {answered("2026-11-01T09:00:00Z", Rating::Good, ReviewKind::Learn),
            answered("2026-11-01T09:15:00Z", Rating::Good, ReviewKind::Learn, 3),
            answered("2026-11-04T09:00:00Z", Rating::Again, ReviewKind::Review),
            answered("2026-11-04T09:20:00Z", Rating::Good, ReviewKind::Relearn, 2)};
}

fs::path profileWith(const Scratch& s, const std::vector<model::ReviewRecord>& log) {
    const fs::path dir = s.root / "profile";
    model::ProfileOpenOptions options;
    options.dailyBackup = false;
    auto opened = model::Profile::open(dir, options);
    REQUIRE_FALSE(opened.profile.readOnly());
    for (const auto& r : log) REQUIRE(opened.profile.append(r).ok);
    REQUIRE(opened.profile.close().unsaved == 0);
    return dir;
}

/// The card's history as the model works it out from the same deck and log.
model::CardHistory expectedHistory(const std::vector<model::ReviewRecord>& log) {
    auto loaded = model::loadDeck(kDeck);
    REQUIRE(loaded.deck.has_value());
    static std::vector<model::Deck> decks;
    decks = {*loaded.deck};
    model::CourseInput input;
    input.decks = decks;
    input.reviews = log;
    input.now = *model::parseIsoTime(kNow);
    const model::CourseProgress p = model::computeProgress(input);
    const auto card = model::findCardByName(p, "all-types/basic-1");
    REQUIRE(card.has_value());
    return model::cardHistory(p, log, *card, input.now);
}

std::string fixed(double value, int decimals) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

}  // namespace

TEST_CASE("card command - info prints the card's figures and each answer's interval, elapsed days, S, D and R") {
    const Scratch s("attune-card-info");
    const auto log = cardLog();
    const fs::path profile = profileWith(s, log);
    const model::CardHistory h = expectedHistory(log);
    REQUIRE(h.answers.size() == 4);

    const Run text = s.attune("card info all-types/basic-1 --profile " + shellQuoted(profile) + " --deck " + shellQuoted(kDeck), kNow);
    INFO(text.err);
    REQUIRE(text.exitCode == 0);
    CHECK(text.out.find("all-types/basic-1: What does a secure base give?") != std::string::npos);
    CHECK(text.out.find("State: review\n") != std::string::npos);
    CHECK(text.out.find("Stability: " + fixed(h.state.memory->stability, 2) + " days\n") != std::string::npos);
    CHECK(text.out.find("Difficulty: " + fixed(h.state.memory->difficulty, 2) + " of 10\n") != std::string::npos);
    CHECK(text.out.find("Recall now: " + fixed(100.0 * h.recallNow, 1) + " %") != std::string::npos);
    CHECK(text.out.find("Due: " + model::dateOfDay(h.dueDay)) != std::string::npos);
    CHECK(text.out.find("Reviews: 4, lapses: 1\n") != std::string::npos);
    // One line an answer: the lapse on the 4th, 3 days after the answer before.
    const auto lapse = text.out.find("  2026-11-04 09:00  Again   review    10m       3d       " + fixed(h.answers[2].stability, 2));
    CHECK(lapse != std::string::npos);
    CHECK(text.out.find("  2026-11-01 09:15  Good    learn     3d        0d") != std::string::npos);

    const Run json = s.attune("card info all-types/basic-1 --json --profile " + shellQuoted(profile) + " --deck " + shellQuoted(kDeck), kNow);
    REQUIRE(json.exitCode == 0);
    CHECK(json.out.rfind("{\"deck\":\"all-types\",\"card\":\"basic-1\"", 0) == 0);
    CHECK(json.out.find("\"stability\":" + fixed(h.state.memory->stability, 4) + ",\"difficulty\":" + fixed(h.state.memory->difficulty, 4)) !=
          std::string::npos);
    CHECK(json.out.find("\"recall_now\":" + fixed(h.recallNow, 4)) != std::string::npos);
    CHECK(json.out.find("\"due\":\"" + model::dateOfDay(h.dueDay) + "\",\"lapses\":1,\"reviews\":4") != std::string::npos);
    for (const model::CardAnswer& a : h.answers) {
        INFO(model::localDateTime(a.at));
        CHECK(json.out.find("\"interval_days\":" + std::to_string(a.intervalDays) + ",\"interval\":\"" + scheduler::intervalLabel(a.waitMs) +
                            "\",\"stability\":" + fixed(a.stability, 4) + ",\"difficulty\":" + fixed(a.difficulty, 4)) != std::string::npos);
    }
    CHECK(json.out.find("\"rating\":\"again\",\"kind\":\"review\",\"state\":\"review\",\"state_after\":\"relearning\",\"elapsed_days\":3,") !=
          std::string::npos);
    CHECK(json.out.find("\"elapsed_days\":null,\"interval_days\":0,\"interval\":\"10m\"") != std::string::npos);
    CHECK(json.out.find("\"interval_days\":3,\"interval\":\"3d\"") != std::string::npos);
    CHECK(json.out.back() == '\n');
}

TEST_CASE("card command - a card never studied says so, and a reverse side is named with #reverse") {
    const Scratch s("attune-card-info-new");
    const fs::path profile = profileWith(s, cardLog());
    const std::string where = " --profile " + shellQuoted(profile) + " --deck " + shellQuoted(kDeck);
    const Run text = s.attune("card info all-types/rev-1#reverse" + where, kNow);
    INFO(text.err);
    REQUIRE(text.exitCode == 0);
    CHECK(text.out.find("State: new") != std::string::npos);
    CHECK(text.out.find("Due: not studied yet") != std::string::npos);
    CHECK(text.out.find("No answers yet.") != std::string::npos);
    const Run json = s.attune("card info all-types/rev-1#reverse --json" + where, kNow);
    CHECK(json.out.find("\"stability\":null,\"difficulty\":null,\"recall_now\":null") != std::string::npos);
    CHECK(json.out.find("\"history\":[]") != std::string::npos);
}

TEST_CASE("card command - an unknown card is an error that says how cards are written") {
    const Scratch s("attune-card-info-unknown");
    const fs::path profile = profileWith(s, cardLog());
    const std::string where = " --profile " + shellQuoted(profile) + " --deck " + shellQuoted(kDeck);
    const Run card = s.attune("card info all-types/no-such-card" + where, kNow);
    CHECK(card.exitCode == 1);
    CHECK(card.out.empty());
    CHECK(card.err.find("attune: deck 'all-types' has no card 'no-such-card'") != std::string::npos);
    CHECK(card.err.find("A card is written DECK/CARD") != std::string::npos);
    CHECK(card.err.find("#reverse") != std::string::npos);
    CHECK(card.err.find("all-types (") != std::string::npos);
    const Run deck = s.attune("card info nodeck/basic-1" + where, kNow);
    CHECK(deck.exitCode == 1);
    CHECK(deck.err.find("no loaded deck has the id 'nodeck'") != std::string::npos);
    const Run plain = s.attune("card info basic-1" + where, kNow);
    CHECK(plain.exitCode == 1);
    CHECK(plain.err.find("write DECK/CARD") != std::string::npos);

    CHECK(s.attune("card" + where, kNow).exitCode == 2);
    CHECK(s.attune("card info" + where, kNow).exitCode == 2);
    CHECK(s.attune("card show all-types/basic-1" + where, kNow).exitCode == 2);
    CHECK(s.attune("card info all-types/basic-1 extra" + where, kNow).exitCode == 2);
    const Run help = s.attune("card --help", kNow);
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("DECK/CARD") != std::string::npos);
}

TEST_CASE("card command - stats --json carries the memory charts") {
    const Scratch s("attune-card-stats");
    const fs::path profile = profileWith(s, cardLog());
    const Run run = s.attune("stats --json --profile " + shellQuoted(profile) + " --deck " + shellQuoted(kDeck), kNow);
    REQUIRE(run.exitCode == 0);
    // The one scheduled review was the lapse, after an interval of 3 days: young, failed.
    CHECK(run.out.find("\"retention_by_interval\":{\"young\":{\"passed\":0,\"total\":1,\"retention\":0.0000},"
                       "\"mature\":{\"passed\":0,\"total\":0,\"retention\":null}") != std::string::npos);
    CHECK(run.out.find("\"stability_histogram\":{\"cards\":1,") != std::string::npos);
    CHECK(run.out.find("\"difficulty_histogram\":{\"cards\":1,") != std::string::npos);
    CHECK(run.out.find("\"recall_histogram\":{\"cards\":1,\"bins\":[{\"label\":\"0-10 %\"") != std::string::npos);
    const auto forecast = run.out.find("\"due_forecast\":[");
    REQUIRE(forecast != std::string::npos);
    const auto end = run.out.find(']', forecast);
    const std::string days = run.out.substr(forecast + 16, end - forecast - 16);
    CHECK(std::count(days.begin(), days.end(), ',') == 89);
}
