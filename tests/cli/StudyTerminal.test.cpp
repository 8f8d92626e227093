// `attune study --tty` and `attune stats`, run as the real binary with a pinned clock, a temporary
// profile and only the test deck (ATTUNE_DATA_DIR and XDG_DATA_HOME point into a scratch folder).
#include "CliRun.hpp"
#include "OwnLog.hpp"
#include "catch.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using attune::testing::Run;
using attune::testing::readAll;

namespace {

// A fresh scratch folder per test: data dir (achievements only, no bundled decks), XDG home, profile.
struct Scratch : attune::testing::Scratch {
    Scratch() : attune::testing::Scratch("attune-study-test") {
        fs::create_directories(root / "data" / "assets");
        fs::copy_file(fs::path(ATTUNE_SOURCE_DIR) / "assets" / "achievements.toml", root / "data" / "assets" / "achievements.toml");
    }
    fs::path profile() const { return root / "profile"; }

    Run attune(const std::string& arguments, const std::string& now, const std::string& input = "") const {
        using attune::testing::shellQuoted;
        const fs::path in = root / "in.txt";
        attune::testing::writeAll(in, input);
        return attune::testing::runCaught("ATTUNE_NOW='" + now + "' ATTUNE_DATA_DIR=" + shellQuoted(root / "data") +
                                              " XDG_DATA_HOME=" + shellQuoted(root / "xdg") + " " + shellQuoted(ATTUNE_BINARY) +
                                              " " + arguments + " <" + shellQuoted(in),
                                          root);
    }

    std::string studyArgs(const std::string& extra = "--mode topic:practice --seed 3") const {
        return "study --tty --profile '" + profile().string() + "' --deck '" + deck() + "' " + extra;
    }
    std::string statsArgs() const { return "stats --json --profile '" + profile().string() + "' --deck '" + deck() + "'"; }
    static std::string deck() { return std::string(ATTUNE_TEST_DATA_DIR) + "/progression/study-test.toml"; }
};

// The JSON number after "key": in the stats object (the first one; enough for the top-level keys).
long long jsonNumber(const std::string& json, const std::string& key) {
    const auto number = attune::testing::jsonNumber(json, key);
    if (!number) FAIL("no key " << key << " in " << json);
    return *number;
}

int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// The answer line for card N (1-based) of the practice topic: cards cycle basic, basic, choice,
// true/false, type-in (see tests/data/progression/study-test.toml).
std::string answerFor(int card) {
    switch ((card - 1) % 5) {
    case 3: return "t";
    case 4: return "apple";
    default: return "";  // reveal (for the choice card: give up and look)
    }
}

}  // namespace

TEST_CASE("study tty - a scripted session studies 20 cards and stats reports them") {
    const Scratch scratch;
    std::string script;
    for (int card = 1; card <= 20; ++card) script += answerFor(card) + "\n4\n";
    const Run study = scratch.attune(scratch.studyArgs(), "2026-03-01T10:00:00+01:00", script);
    INFO(study.out << study.err);
    CHECK(study.exitCode == 0);
    CHECK(count(study.out, "saved: card-") == 20);
    for (int card = 1; card <= 20; ++card) {
        const std::string id = (card < 10 ? "card-0" : "card-") + std::to_string(card);
        CHECK(study.out.find("saved: " + id + " easy\n") != std::string::npos);
    }
    CHECK(study.out.find("Session over: 20 answers") != std::string::npos);
    CHECK(study.out.find("XP: +") != std::string::npos);
    CHECK(study.out.find("Streak: 1 day (extended today)") != std::string::npos);
    CHECK(study.out.find("First step") != std::string::npos);  // an achievement unlocked
    CHECK(study.out.find("Right. A: True") != std::string::npos);
    CHECK(study.out.find("Right. A: apple") != std::string::npos);
    // The choice card revealed with Enter was not answered, not answered wrongly.
    CHECK(study.out.find("Not answered. A: ") != std::string::npos);
    CHECK(study.out.find("Not quite.") == std::string::npos);

    const Run stats = scratch.attune(scratch.statsArgs(), "2026-03-01T11:00:00+01:00");
    INFO(stats.out << stats.err);
    REQUIRE(stats.exitCode == 0);
    CHECK(count(stats.out, "\n") == 1);  // one JSON object on one line
    CHECK(jsonNumber(stats.out, "reviews_total") == 20);
    CHECK(jsonNumber(stats.out, "due_today") == 0);
    CHECK(jsonNumber(stats.out, "streak") == 1);
    CHECK(jsonNumber(stats.out, "longest_streak") == 1);
    CHECK(jsonNumber(stats.out, "freezes") == 0);
    CHECK(jsonNumber(stats.out, "xp") >= 200);  // 20 cards learned, 10 XP each, with the combo
    CHECK(jsonNumber(stats.out, "level") >= 2);
    CHECK(jsonNumber(stats.out, "review") == 20);
    CHECK(stats.out.find("{\"id\":\"practice\",\"deck\":\"study-test\"") != std::string::npos);
    CHECK(stats.out.find("\"mastery\":") != std::string::npos);
    CHECK(stats.out.find("\"recall\":") != std::string::npos);

    // A week later the cards learned with Easy come due.
    const Run later = scratch.attune(scratch.statsArgs(), "2026-03-20T11:00:00+01:00");
    CHECK(jsonNumber(later.out, "due_today") == 20);
    CHECK(jsonNumber(later.out, "streak") == 0);
}

TEST_CASE("study tty - u undoes the previous answer and the log agrees") {
    const Scratch scratch;
    const Run study = scratch.attune(scratch.studyArgs(), "2026-03-01T10:00:00Z", "\n3\n\n4\nu\nq\n");
    INFO(study.out << study.err);
    CHECK(study.exitCode == 0);
    CHECK(study.out.find("saved: card-01 good\n") != std::string::npos);
    CHECK(study.out.find("saved: card-02 easy\n") != std::string::npos);
    CHECK(study.out.find("undone: card-02 easy\n") != std::string::npos);
    CHECK(study.out.find("Session over: 1 answer,") != std::string::npos);
    const Run stats = scratch.attune(scratch.statsArgs(), "2026-03-01T10:05:00Z");
    CHECK(jsonNumber(stats.out, "reviews_total") == 1);
    CHECK(jsonNumber(stats.out, "learning") == 1);  // card-01 is on its learning steps
    CHECK(jsonNumber(stats.out, "review") == 0);    // card-02's Easy was taken back
}

TEST_CASE("study tty - the end of input counts as q and every answer given is saved") {
    const Scratch scratch;
    const Run study = scratch.attune(scratch.studyArgs(), "2026-03-01T10:00:00Z", "\n4\n\n");
    INFO(study.out << study.err);
    CHECK(study.exitCode == 0);
    CHECK(count(study.out, "saved: ") == 1);
    CHECK(study.out.find("Session over: 1 answer") != std::string::npos);
    const Run stats = scratch.attune(scratch.statsArgs(), "2026-03-01T10:05:00Z");
    CHECK(jsonNumber(stats.out, "reviews_total") == 1);
}

TEST_CASE("study tty - Enter on both lines reveals and accepts the suggestion") {
    const Scratch scratch;
    // Card 1 (basic): Enter, Enter = Good. Card 3 (choice) revealed without an answer: Again.
    const Run study = scratch.attune(scratch.studyArgs(), "2026-03-01T10:00:00Z", "\n\n\n\n\n\nq\n");
    INFO(study.out);
    CHECK(study.out.find("saved: card-01 good\n") != std::string::npos);
    CHECK(study.out.find("saved: card-02 good\n") != std::string::npos);
    CHECK(study.out.find("saved: card-03 again\n") != std::string::npos);
    CHECK(study.out.find("Grade: 1 Again (1m), 2 Hard (6m), 3 Good (10m), 4 Easy (") != std::string::npos);
}

TEST_CASE("study tty - a line that is no answer is asked again") {
    const Scratch scratch;
    // Card 3 is a choice card: "9" and "x" are not options.
    const Run study = scratch.attune(scratch.studyArgs(), "2026-03-01T10:00:00Z", "\n4\n\n4\n9\nx\n2\n7\n4\nq\n");
    INFO(study.out);
    CHECK(count(study.out, "Please type a number from 1 to 3") == 2);
    CHECK(study.out.find("Please type 1, 2, 3 or 4") != std::string::npos);
    CHECK(count(study.out, "saved: ") == 3);
}

TEST_CASE("study tty - cram saves answers that change no schedule") {
    const Scratch scratch;
    const Run study = scratch.attune(scratch.studyArgs("--mode cram:practice --seed 1"), "2026-03-01T10:00:00Z",
                                     "\n4\n\n4\nq\n");
    INFO(study.out << study.err);
    CHECK(study.exitCode == 0);
    CHECK(count(study.out, "saved: ") == 2);
    CHECK(study.out.find("XP: +0") != std::string::npos);
    const Run stats = scratch.attune(scratch.statsArgs(), "2026-03-01T10:05:00Z");
    CHECK(jsonNumber(stats.out, "reviews_total") == 2);
    CHECK(jsonNumber(stats.out, "new") == 24);
    CHECK(jsonNumber(stats.out, "xp") == 0);
}

TEST_CASE("study tty - usage errors exit 2 and help exits 0") {
    const Scratch scratch;
    CHECK(scratch.attune("study --help", "2026-03-01T10:00:00Z").exitCode == 0);
    CHECK(scratch.attune("stats --help", "2026-03-01T10:00:00Z").exitCode == 0);
    const Run badMode = scratch.attune(scratch.studyArgs("--mode sometimes"), "2026-03-01T10:00:00Z");
    CHECK(badMode.exitCode == 2);
    CHECK(badMode.err.find("unknown mode 'sometimes'") != std::string::npos);
    const Run badTopic = scratch.attune(scratch.studyArgs("--mode topic:nope"), "2026-03-01T10:00:00Z");
    CHECK(badTopic.exitCode == 2);
    CHECK(badTopic.err.find("study-test/practice") != std::string::npos);
    CHECK(scratch.attune(scratch.studyArgs("--seed x"), "2026-03-01T10:00:00Z").exitCode == 2);
    CHECK(scratch.attune("stats --bogus", "2026-03-01T10:00:00Z").exitCode == 2);
}

TEST_CASE("stats - an empty profile reports zeros as text and as JSON") {
    const Scratch scratch;
    const Run json = scratch.attune(scratch.statsArgs(), "2026-03-01T10:00:00Z");
    INFO(json.out << json.err);
    CHECK(json.exitCode == 0);
    for (const char* key : {"reviews_total", "due_today", "streak", "longest_streak", "freezes", "xp"})
        CHECK(jsonNumber(json.out, key) == 0);
    CHECK(jsonNumber(json.out, "level") == 1);
    CHECK(json.out.find("\"topics\":[{") != std::string::npos);
    const Run text = scratch.attune("stats --profile '" + scratch.profile().string() + "' --deck '" + Scratch::deck() + "'",
                                    "2026-03-01T10:00:00Z");
    CHECK(text.exitCode == 0);
    CHECK(text.out.find("Reviews: 0 in total") != std::string::npos);
    CHECK(text.out.find("Practice: 0% mastered") != std::string::npos);
    // Looking never writes: stats on a missing profile leaves no folder behind.
    CHECK_FALSE(fs::exists(scratch.profile() / "log"));
}

TEST_CASE("study tty - the deck's intro is read before the first session, and only then") {
    const Scratch scratch;
    const std::string intro = "Education, not therapy: read once, not studied.";
    std::string text = readAll(Scratch::deck());
    const std::size_t version = text.find("version = ");
    REQUIRE(version != std::string::npos);
    text.insert(version, "intro = \"" + intro + "\"\n");
    const fs::path deck = scratch.root / "with-intro.toml";
    attune::testing::writeAll(deck, text);
    const std::string args = "study --tty --profile '" + scratch.profile().string() + "' --deck '" + deck.string() + "'";

    const Run first = scratch.attune(args, "2026-03-01T10:00:00Z", "\n4\nq\n");
    INFO(first.out << first.err);
    CHECK(first.exitCode == 0);
    const std::size_t shown = first.out.find(intro);
    REQUIRE(shown != std::string::npos);
    CHECK(shown < first.out.find("Attune study:"));
    CHECK(count(first.out, "saved: ") == 1);

    const Run second = scratch.attune(args, "2026-03-01T10:10:00Z", "q\n");
    INFO(second.out);
    CHECK(second.out.find("Attune study:") != std::string::npos);
    CHECK(second.out.find(intro) == std::string::npos);
}

TEST_CASE("study tty - nothing to study says so and exits 0") {
    const Scratch scratch;
    std::string script;
    for (int card = 1; card <= 20; ++card) script += answerFor(card) + "\n4\n";
    scratch.attune(scratch.studyArgs(), "2026-03-01T10:00:00Z", script);
    // Today's 10 new cards (and more) are done and nothing is due yet.
    const Run nothing = scratch.attune(scratch.studyArgs("--mode daily"), "2026-03-01T13:00:00Z");
    CHECK(nothing.exitCode == 0);
    CHECK(nothing.out.find("Nothing to study right now") != std::string::npos);
}

TEST_CASE("study tty - Study more modes: forgotten, more-new:N, ahead:N and tag:NAME study what they say") {
    const Scratch scratch;
    fs::create_directories(scratch.profile());
    {
        std::ofstream settings(scratch.profile() / "profile.toml");
        settings << "schema_version = 1\n[settings]\nnew_cards_per_day = 2\n";
    }
    // Today's own new cards come first: more new cards add to the limit, not take from it.
    const Run early = scratch.attune(scratch.studyArgs("--mode more-new:3"), "2026-03-01T09:59:00Z", "q\n");
    INFO(early.out << early.err);
    CHECK(early.out.find("Today's 2 new cards come first") != std::string::npos);
    CHECK(early.out.find("saved:") == std::string::npos);
    // Day one: card-01 forgotten (Again), card-02 known (Easy: to review in days), then stop.
    const Run daily = scratch.attune(scratch.studyArgs("--mode daily --seed 1"), "2026-03-01T10:00:00Z", "\n1\n\n4\nq\n");
    INFO(daily.out << daily.err);
    REQUIRE(daily.out.find("saved: card-01 again\n") != std::string::npos);
    REQUIRE(daily.out.find("saved: card-02 easy\n") != std::string::npos);

    const Run forgotten = scratch.attune(scratch.studyArgs("--mode forgotten"), "2026-03-01T10:02:00Z", "\n3\nq\n");
    INFO(forgotten.out << forgotten.err);
    CHECK(forgotten.out.find("Attune study: 1 card to go.") != std::string::npos);
    CHECK(forgotten.out.find("saved: card-01 good\n") != std::string::npos);

    // Beyond today's limit of 2 new cards: card-03 on.
    const Run more = scratch.attune(scratch.studyArgs("--mode more-new:3"), "2026-03-01T10:03:00Z", "\n4\nq\n");
    INFO(more.out << more.err);
    CHECK(more.out.find("Attune study: 3 cards to go.") != std::string::npos);
    CHECK(more.out.find("saved: card-03 easy\n") != std::string::npos);
    CHECK(more.out.find("XP: +10") != std::string::npos);  // a new card learned earns its XP

    // card-02 and card-03 (Easy) are due in days: not tomorrow, but within a month.
    const Run tomorrow = scratch.attune(scratch.studyArgs("--mode ahead:1"), "2026-03-01T10:04:00Z", "q\n");
    CHECK(tomorrow.out.find("Nothing to study in this mode right now.") != std::string::npos);
    const Run ahead = scratch.attune(scratch.studyArgs("--mode ahead:30"), "2026-03-01T10:04:00Z", "\n3\n\n3\nq\n");
    INFO(ahead.out << ahead.err);
    CHECK(ahead.out.find("Attune study: 2 cards to go.") != std::string::npos);
    CHECK(ahead.out.find("saved: card-02 good\n") != std::string::npos);

    // Usage errors name the bad value.
    const Run zero = scratch.attune(scratch.studyArgs("--mode more-new:0"), "2026-03-01T10:05:00Z");
    CHECK(zero.exitCode == 2);
    CHECK(zero.err.find("from 1 to 100, not '0'") != std::string::npos);
    const Run days = scratch.attune(scratch.studyArgs("--mode ahead:soon"), "2026-03-01T10:05:00Z");
    CHECK(days.exitCode == 2);
    CHECK(days.err.find("from 1 to 30, not 'soon'") != std::string::npos);
}

TEST_CASE("study tty - tag:NAME studies the cards of a deck tag, and an unknown tag lists the known ones and writes nothing") {
    const Scratch scratch;
    const fs::path deck = scratch.root / "tagged.toml";
    {
        std::ofstream out(deck);
        out << "[deck]\nid = \"tagged\"\ntitle = \"Tagged\"\ndescription = \"Tags.\"\nversion = \"1.0.0\"\nlanguage = \"en\"\n\n"
               "[[topic]]\nid = \"t\"\ntitle = \"T\"\ndescription = \"T.\"\norder = 1\n\n";
        for (int i = 1; i <= 4; ++i)
            out << "[[card]]\nid = \"c" << i << "\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q" << i << "?\"\nback = \"A" << i
                << ".\"\n" << (i % 2 == 0 ? "tags = [\"even\"]\n" : "tags = [\"odd\"]\n") << "\n";
    }
    const std::string base = "study --tty --profile '" + scratch.profile().string() + "' --deck '" + deck.string() + "' ";
    const Run even = scratch.attune(base + "--mode tag:even", "2026-03-01T10:00:00Z", "\n4\n\n4\nq\n");
    INFO(even.out << even.err);
    CHECK(even.out.find("Attune study: 2 cards to go.") != std::string::npos);
    CHECK(even.out.find("saved: c2 easy\n") != std::string::npos);
    CHECK(even.out.find("saved: c4 easy\n") != std::string::npos);
    CHECK(even.out.find("saved: c1") == std::string::npos);

    const Run unknown = scratch.attune(base + "--mode tag:Even", "2026-03-01T10:01:00Z", "q\n");
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("no card has the tag 'Even'. Tags: even odd") != std::string::npos);
    const Run stats = scratch.attune("stats --json --profile '" + scratch.profile().string() + "' --deck '" + deck.string() + "'",
                                     "2026-03-01T10:02:00Z");
    CHECK(jsonNumber(stats.out, "reviews_total") == 2);
}

TEST_CASE("study tty - learning cards coming back are named with their time, and stats gives learning_due_today and next_due_at") {
    const Scratch scratch;
    // Three new cards answered Good: each is on its 10-minute step.
    const Run first = scratch.attune(scratch.studyArgs("--mode daily --seed 1"), "2026-03-01T10:00:00+01:00", "\n3\n\n3\n\n3\nq\n");
    INFO(first.out << first.err);
    CHECK(first.out.find("3 cards come back in 10 min (at 10:10). Study again then to finish them today.") != std::string::npos);

    const Run stats = scratch.attune(scratch.statsArgs(), "2026-03-01T10:01:00+01:00");
    INFO(stats.out);
    CHECK(jsonNumber(stats.out, "learning_due_today") == 3);
    CHECK(stats.out.find("\"next_due_at\":\"2026-03-01T10:10:00+01:00\"") != std::string::npos);
    const Run text = scratch.attune("stats --profile '" + scratch.profile().string() + "' --deck '" + Scratch::deck() + "'",
                                    "2026-03-01T10:01:00+01:00");
    CHECK(text.out.find("Learning: 3 cards come back in 9 min (at 2026-03-01T10:10:00+01:00)") != std::string::npos);

    // Once they are answered, none comes back today: next_due_at is null.
    const Run done = scratch.attune(scratch.studyArgs("--mode topic:practice --seed 1"), "2026-03-01T10:15:00+01:00", "\n4\n\n4\n\n4\nq\n");
    INFO(done.out);
    const Run after = scratch.attune(scratch.statsArgs(), "2026-03-01T10:16:00+01:00");
    CHECK(jsonNumber(after.out, "learning_due_today") == 0);
    CHECK(after.out.find("\"next_due_at\":null") != std::string::npos);
}

TEST_CASE("study tty - daily starts with learning cards within the learn-ahead limit once nothing else is due") {
    const Scratch scratch;
    fs::create_directories(scratch.profile());
    {
        std::ofstream settings(scratch.profile() / "profile.toml");
        settings << "schema_version = 1\n[settings]\nnew_cards_per_day = 3\n";
    }
    // Today's three new cards answered Good: each comes back at 10:10 on its 10-minute step.
    const Run first = scratch.attune(scratch.studyArgs("--mode daily --seed 1"), "2026-03-01T10:00:00Z", "\n3\n\n3\n\n3\nq\n");
    INFO(first.out << first.err);
    REQUIRE(count(first.out, "saved: ") == 3);
    // At 10:05 nothing is due yet, but the learning cards are within 20 minutes: the session starts.
    const Run early = scratch.attune(scratch.studyArgs("--mode daily --seed 1"), "2026-03-01T10:05:00Z", "q\n");
    INFO(early.out << early.err);
    CHECK(early.exitCode == 0);
    CHECK(early.out.find("Attune study: 3 cards to go.") != std::string::npos);
    CHECK(early.out.find("Nothing to study") == std::string::npos);
}

TEST_CASE("study tty - b buries until tomorrow and s suspends, saved at once, counted by stats, the buried card back the next day") {
    const Scratch scratch;
    const Run study = scratch.attune(scratch.studyArgs(), "2026-03-01T10:00:00Z", "b\n\ns\nq\n");
    INFO(study.out << study.err);
    CHECK(study.exitCode == 0);
    CHECK(study.out.find("b buries until tomorrow; s suspends") != std::string::npos);
    CHECK(study.out.find("buried until tomorrow: card-01\n") != std::string::npos);
    CHECK(study.out.find("suspended: card-02\n") != std::string::npos);  // from the grade line
    CHECK(study.out.find("Session over: 0 answers") != std::string::npos);
    const std::string log = readAll(attune::testing::ownLog(scratch.profile()) / "2026-03.toml");
    CHECK(log.find("card = \"card-01\", deck = \"study-test\", at = 2026-03-01T10:00:00") != std::string::npos);
    CHECK(log.find("kind = \"bury\" }") != std::string::npos);
    CHECK(log.find("kind = \"suspend\" }") != std::string::npos);

    const Run today = scratch.attune(scratch.statsArgs(), "2026-03-01T12:00:00Z");
    INFO(today.out);
    CHECK(jsonNumber(today.out, "reviews_total") == 0);
    CHECK(jsonNumber(today.out, "suspended") == 1);
    CHECK(jsonNumber(today.out, "buried") == 1);
    CHECK(today.out.find("\"set_aside\":1") != std::string::npos);  // the practice topic says so

    const Run tomorrow = scratch.attune(scratch.statsArgs(), "2026-03-02T10:00:00Z");
    CHECK(jsonNumber(tomorrow.out, "suspended") == 1);
    CHECK(jsonNumber(tomorrow.out, "buried") == 0);
    std::string script;
    for (int card = 0; card < 12; ++card) script += "\n4\n";
    const Run daily = scratch.attune(scratch.studyArgs("--mode daily --seed 3"), "2026-03-02T10:00:00Z", script);
    INFO(daily.out);
    CHECK(daily.out.find("saved: card-01 easy") != std::string::npos);
    CHECK(daily.out.find("saved: card-02") == std::string::npos);
}

namespace {

// card-01 of the test deck learned, then forgotten and relearned `lapses` times in January.
std::string forgottenLog(int lapses) {
    std::string file = "schema_version = 1\n[reviews]\n";
    int key = 1;
    const auto line = [&](int day, const char* time, int rating, const char* kind) {
        char buffer[200];
        std::snprintf(buffer, sizeof buffer,
                      "r%06d = { card = \"card-01\", deck = \"study-test\", at = 2026-01-%02dT%sZ, rating = %d, ms = 3000, kind = \"%s\" }\n",
                      key++, day, time, rating, kind);
        file += buffer;
    };
    line(1, "10:00:00", 4, "learn");
    for (int i = 1; i <= lapses; ++i) {
        line(1 + 3 * i, "10:00:00", 1, "review");
        line(1 + 3 * i, "10:10:00", 3, "relearn");
    }
    return file;
}

}  // namespace

TEST_CASE("study tty - the answer that makes a card a leech says so at once: set aside, or only marked") {
    const Scratch scratch;
    const std::string action = GENERATE(std::string("set-aside"), std::string("mark"));
    attune::testing::writeAll(scratch.profile() / "profile.toml",
                              "schema_version = 1\n[settings]\nnew_cards_per_day = 0\nleech_action = \"" + action + "\"\n");
    attune::testing::writeAll(scratch.profile() / "log" / "2026-01.toml", forgottenLog(7));
    const Run study = scratch.attune(scratch.studyArgs("--mode daily --seed 3"), "2026-03-01T10:00:00Z", "\n1\nq\n");
    INFO(study.out << study.err);
    CHECK(study.exitCode == 0);
    const std::string notice = action == "set-aside"
                                   ? "saved: card-01 again\nForgotten 8 times: this card is set aside. Rewrite it, or bring it back from Decks.\n"
                                   : "saved: card-01 again\nForgotten 8 times: this card is a leech. Rewriting it may help it stick.\n";
    CHECK(study.out.find(notice) != std::string::npos);
    const Run stats = scratch.attune(scratch.statsArgs(), "2026-03-01T10:30:00Z");
    INFO(stats.out);
    CHECK(jsonNumber(stats.out, "suspended") == (action == "set-aside" ? 1 : 0));
    CHECK(stats.out.find(std::string("\"id\":\"card-01\",\"lapses\":8,\"set_aside\":") + (action == "set-aside" ? "true" : "false")) !=
          std::string::npos);
    // Set aside, it is in no due count: its relearning step does not come back.
    if (action == "set-aside") CHECK(jsonNumber(stats.out, "learning_due_today") == 0);
}

TEST_CASE("study tty - the summary names the day's quests with their progress, as stats --json does") {
    const Scratch scratch;
    fs::copy_file(fs::path(ATTUNE_SOURCE_DIR) / "assets" / "quests.toml", scratch.root / "data" / "assets" / "quests.toml");
    std::string script;
    for (int card = 1; card <= 10; ++card) script += "\n4\n";  // the day's ten new cards, Easy
    const Run study = scratch.attune(scratch.studyArgs("--mode daily --seed 3"), "2026-03-01T10:00:00+01:00", script);
    INFO(study.out << study.err);
    REQUIRE(study.exitCode == 0);
    const auto heading = study.out.find("Daily quests (");
    REQUIRE(heading != std::string::npos);
    const Run stats = scratch.attune(scratch.statsArgs(), "2026-03-01T11:00:00+01:00");
    INFO(stats.out << stats.err);
    REQUIRE(stats.exitCode == 0);
    const auto list = stats.out.find("\"quests\":{\"day\":\"2026-03-01\",\"list\":[");
    REQUIRE(list != std::string::npos);
    // Every quest of the day is named in the terminal's summary with its progress.
    int named = 0;
    for (std::size_t at = stats.out.find("\"title\":\"", list); at != std::string::npos; at = stats.out.find("\"title\":\"", at + 1)) {
        const std::size_t start = at + 9;
        const std::string title = stats.out.substr(start, stats.out.find('"', start) - start);
        CHECK(study.out.find("] " + title + " - ", heading) != std::string::npos);
        ++named;
    }
    CHECK(named == 3);
    // Sized to the day (ten new cards, one topic, nothing due): ten Easy answers complete all three.
    CHECK(count(study.out, "(completed this session)") == 3);
    CHECK(study.out.find("All quests done: +20 XP quest bonus") != std::string::npos);
    CHECK(stats.out.find("\"all_complete\":true,\"bonus_xp\":20") != std::string::npos);
    // Every achievement: earned with its moment, locked with its progress, a hidden one as "?".
    CHECK(stats.out.find("{\"id\":\"first-answer\",\"title\":\"First step\",\"hidden\":false,\"earned_at\":\"2026-03-01T10:00") !=
          std::string::npos);
    CHECK(stats.out.find("{\"id\":\"reviews-100\",\"title\":\"Warming up\",\"hidden\":false,\"progress\":10,\"target\":100}") !=
          std::string::npos);
    CHECK(stats.out.find("{\"id\":\"night-owl\",\"title\":\"?\",\"hidden\":true,\"progress\":0,\"target\":20}") != std::string::npos);
}

TEST_CASE("study tty - a card's picture is named where the window draws it: its alt text, or just [picture]") {
    const Scratch scratch;
    const fs::path source = fs::path(ATTUNE_TEST_DATA_DIR) / "decks" / "pictures";
    const std::string alt = "[picture: A deck folder holding the deck file and an images folder]";
    const std::string args = " --mode topic:folders --seed 1";
    const Run with = scratch.attune("study --tty --profile '" + scratch.profile().string() + "' --deck '" +
                                        (source / "pictures.toml").string() + "'" + args,
                                    "2026-03-01T10:00:00Z", "q\n");
    INFO(with.out << with.err);
    CHECK(with.exitCode == 0);
    const std::size_t question = with.out.find("Q: What does a deck's folder hold besides the deck file?\n");
    REQUIRE(question != std::string::npos);
    CHECK(with.out.find(alt + "\n", question) == with.out.find('\n', question) + 1);  // right under the question

    // The same card without alt: a bare [picture].
    fs::create_directories(scratch.root / "bare" / "images");
    fs::copy_file(source / "images" / "wide.png", scratch.root / "bare" / "images" / "wide.png");
    std::string text = readAll(source / "pictures.toml");
    const std::size_t altLine = text.find("alt = ");
    REQUIRE(altLine != std::string::npos);
    text.erase(altLine, text.find('\n', altLine) + 1 - altLine);
    attune::testing::writeAll(scratch.root / "bare" / "pictures.toml", text);
    const Run bare = scratch.attune("study --tty --profile '" + (scratch.root / "bare-profile").string() + "' --deck '" +
                                        (scratch.root / "bare" / "pictures.toml").string() + "'" + args,
                                    "2026-03-01T10:00:00Z", "q\n");
    INFO(bare.out << bare.err);
    CHECK(bare.exitCode == 0);
    CHECK(bare.out.find("deck file?\n[picture]\nThink of the answer") != std::string::npos);
    CHECK(bare.out.find("[picture:") == std::string::npos);
}

TEST_CASE("study tty - typed answers in nine scripts are checked after normalisation and case folding") {
    const Scratch scratch;
    const std::string deck = std::string(ATTUNE_TEST_DATA_DIR) + "/decks/good/typein-scripts.toml";
    // The deck's cards in order, each answered in another spelling of its answer; the last
    // without the accent its card asks for.
    const std::vector<std::string> typed = {
        "\u3000\u732B\u3002",                                     // 猫 between an ideographic space and full stop
        "\u4F60\u597D\uFF01",                                     // 你好！
        "\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165",       // 한국어 as conjoining jamo
        "\u0642\u0637\u0629",                                     // قطة without the vowel marks (ignore_diacritics)
        "\u05E9\u05DC\u05D5\u05DD",                               // שלום
        "\u0939\u093F\u0928\u094D\u0926\u0940",                   // हिन्दी
        "\u0395\u039B\u039B\u0391\u0394\u0391",                   // ΕΛΛΑΔΑ without tonos (ignore_diacritics)
        "STRASSE",                                                // Straße
        "cafe",                                                   // café: the accent counts on this card
    };
    std::string script;
    for (const auto& answer : typed) script += answer + "\n\n";
    const Run study = scratch.attune("study --tty --profile '" + scratch.profile().string() + "' --deck '" + deck + "'",
                                     "2026-03-01T10:00:00Z", script + "q\n");
    INFO(study.out << study.err);
    CHECK(study.exitCode == 0);
    CHECK(count(study.out, "Right. A: ") == 8);
    for (const std::string_view answer : {"\u732B", "\u4F60\u597D", "\uD55C\uAD6D\uC5B4", "\u0642\u0650\u0637\u064E\u0651\u0629",
                                      "\u05E9\u05DC\u05D5\u05DD", "\u0939\u093F\u0928\u094D\u0926\u0940",
                                      "\u0395\u03BB\u03BB\u03AC\u03B4\u03B1", "Stra\u00DFe"})
        CHECK(study.out.find("Right. A: " + std::string(answer) + "\n") != std::string::npos);
    CHECK(study.out.find("Not quite. A: caf\u00E9\n") != std::string::npos);
    CHECK(count(study.out, "saved: ") == 9);
}
