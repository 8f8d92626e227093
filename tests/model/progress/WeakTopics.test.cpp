#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/WeakTopics.hpp>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

TopicMastery topic(const std::string& id, double recall, int lapses, int studied = 10) {
    TopicMastery t;
    t.topicId = id;
    t.recall = recall;
    t.lapses = lapses;
    t.studied = studied;
    t.cards = studied;
    return t;
}

}  // namespace

TEST_CASE("weak topics - the lowest recall comes first and lapses make a topic weaker") {
    const std::vector<TopicMastery> topics{topic("a", 0.93, 0), topic("b", 0.80, 0), topic("c", 0.90, 0),
                                           topic("d", 0.88, 30), topic("e", 0.99, 0)};
    const auto weak = pickWeakTopics(topics);
    REQUIRE(weak.size() == 3);
    CHECK(topics[weak[0]].topicId == "d");  // 0.88 minus the lapse penalty
    CHECK(topics[weak[1]].topicId == "b");
    CHECK(topics[weak[2]].topicId == "c");
}

TEST_CASE("weak topics - one to three studied topics and none when nothing is studied") {
    const std::vector<TopicMastery> strong{topic("a", 0.99, 0), topic("b", 0.98, 0), topic("new", 0.0, 0, 0)};
    const auto weak = pickWeakTopics(strong);
    REQUIRE(weak.size() == 1);  // the weakest is always offered
    CHECK(strong[weak[0]].topicId == "b");
    const std::vector<TopicMastery> fresh{topic("x", 0.0, 0, 0), topic("y", 0.0, 0, 0)};
    CHECK(pickWeakTopics(fresh).empty());
}

TEST_CASE("weak topics - leeches are cards with eight or more lapses") {
    CHECK_FALSE(isLeech(7));
    CHECK(isLeech(8));
    Deck deck = test::basicDeck("d", {2, 2});
    std::vector<ReviewRecord> log;
    auto t = test::at("2026-02-01T10:00:00Z");
    log.push_back(test::answer("d", "t2-1", t, Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t1-1", t, Rating::Easy, ReviewKind::Learn));
    // t1-1 is forgotten again and again: a lapse, then relearned, every few days.
    for (int i = 0; i < 9; ++i) {
        t = test::later(t, std::int64_t{5} * 86400000);
        log.push_back(test::answer("d", "t1-1", t, Rating::Again));
        log.push_back(test::answer("d", "t1-1", test::later(t, 700000), Rating::Good, ReviewKind::Relearn));
    }
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.reviews = log;
    input.now = test::later(t, 86400000);
    const auto progress = computeProgress(input);
    REQUIRE(progress.leeches.size() == 1);
    CHECK(progress.studyCardOf(progress.leeches[0]).id == "t1-1");
    CHECK(progress.states[progress.leeches[0]].lapses == 9);
    REQUIRE_FALSE(progress.weakTopics.empty());
    CHECK(progress.topics[progress.weakTopics[0]].topicId == "t1");
    CHECK(progress.topics[progress.weakTopics[0]].leeches == 1);
}
