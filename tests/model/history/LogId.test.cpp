// Ids in the review log: one shared copy per distinct text, read and compared like strings.
#include "catch.hpp"

#include <attune/model/history/LogId.hpp>
#include <attune/model/history/ReviewRecord.hpp>

#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

using attune::model::LogId;

TEST_CASE("log id - equal text is one shared copy, different text is not") {
    const std::string text = "attachment-guide";  // over 15 characters: no small-string buffer
    const LogId a(text);
    const LogId b(std::string_view("attachment-guide"));
    CHECK(a == b);
    CHECK(&a.str() == &b.str());
    CHECK(a.str() == text);
    CHECK(a == text);
    CHECK(a == "attachment-guide");
    CHECK_FALSE(a == LogId("attachment-guid"));
    CHECK_FALSE(a == "attachment-guidE");
    CHECK(a.size() == text.size());
}

TEST_CASE("log id - the empty id is the default one") {
    const LogId none;
    CHECK(none.empty());
    CHECK(none == LogId(""));
    CHECK(none == "");
    CHECK_FALSE(none == LogId("x"));
}

TEST_CASE("log id - orders, hashes and prints by its text") {
    CHECK(LogId("a") < LogId("b"));
    CHECK(LogId("card-10") < LogId("card-9"));
    CHECK_FALSE(LogId("b") < LogId("b"));
    std::map<LogId, int> byId{{LogId("z"), 1}, {LogId("m"), 2}, {LogId("a"), 3}};
    CHECK(byId.begin()->first == "a");
    std::unordered_set<LogId> seen{LogId("x"), LogId(std::string("x")), LogId("y")};
    CHECK(seen.size() == 2);
    std::ostringstream out;
    out << LogId("t1-3") << '/' << LogId("deck");
    CHECK(out.str() == "t1-3/deck");
    CHECK(LogId("deck") + "/" + LogId("card").str() == "deck/card");
}

TEST_CASE("log id - threads interning the same ids at once get the same copies") {
    // Month files are read on several threads; two of them meeting a new id must agree on it.
    constexpr int kIds = 5000;
    std::vector<std::vector<const std::string*>> got(4, std::vector<const std::string*>(kIds));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&got, t] {
            for (int i = 0; i < kIds; ++i) {
                const int n = (t % 2 == 0) ? i : kIds - 1 - i;  // from both ends
                got[static_cast<std::size_t>(t)][static_cast<std::size_t>(n)] =
                    &LogId("threaded-card-" + std::to_string(n)).str();
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (int i = 0; i < kIds; ++i) {
        const auto n = static_cast<std::size_t>(i);
        REQUIRE(got[0][n] == got[1][n]);
        REQUIRE(got[0][n] == got[2][n]);
        REQUIRE(got[0][n] == got[3][n]);
        REQUIRE(*got[0][n] == "threaded-card-" + std::to_string(i));
    }
    CHECK(got[0][0] != got[0][1]);
}

TEST_CASE("log id - a review record stays small") {
    // 300,000 answers are held in memory at once: two pointers, not two strings.
    CHECK(sizeof(attune::model::ReviewRecord) <= 40);
}
