// The heavy player the benchmarks measure: 20,000 study cards in two deck files and a profile
// of 300,000 answers over two years, every answer on a card of those decks. Written with the
// game's own writers, so the files are exactly what a player would have on disk.
#pragma once

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/SaveFile.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace attune::bench {

inline constexpr int kHeavyDecks = 2;
inline constexpr int kHeavyCardsPerDeck = 10000;
inline constexpr int kHeavyCards = kHeavyDecks * kHeavyCardsPerDeck;
inline constexpr int kHeavyReviews = 300000;
inline constexpr int kHeavyTopicsPerDeck = 40;
inline constexpr const char* kHeavyNow = "2026-12-01T12:00:00+01:00";  // a month after the last answer

inline std::string heavyDeckId(int deck) { return "heavy-deck-" + std::to_string(deck); }
inline std::string heavyCardId(int card) { return "card-" + std::to_string(card); }

/// DIR/decks/heavy-deck-N.toml: cards with texts of ordinary length (a question of ~90
/// characters, an answer of ~60, an explanation of ~160).
inline void writeHeavyDecks(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    for (int d = 0; d < kHeavyDecks; ++d) {
        std::string text;
        text.reserve(static_cast<std::size_t>(kHeavyCardsPerDeck) * 420);
        text += "[deck]\nid = \"" + heavyDeckId(d) + "\"\ntitle = \"Heavy deck " + std::to_string(d) +
                "\"\ndescription = \"A deck of ten thousand cards for the benchmarks.\"\nversion = \"1.0\"\n\n";
        for (int t = 0; t < kHeavyTopicsPerDeck; ++t)
            text += "[[topic]]\nid = \"topic-" + std::to_string(t) + "\"\ntitle = \"Topic number " + std::to_string(t) +
                    "\"\n\n";
        for (int c = 0; c < kHeavyCardsPerDeck; ++c) {
            const std::string n = std::to_string(c);
            text += "[[card]]\nid = \"" + heavyCardId(c) + "\"\ntopic = \"topic-" + std::to_string(c % kHeavyTopicsPerDeck) +
                    "\"\ntype = \"basic\"\n"
                    "front = \"Question " + n + ": what does a calm partner do first when the other one pulls away for a while?\"\n"
                    "back = \"Answer " + n + ": names the feeling, then asks what would help right now.\"\n"
                    "explain = \"Explanation " + n + ": naming a feeling lowers its intensity, and asking keeps the other "
                    "person in charge of their own needs instead of guessing them.\"\n\n";
        }
        std::ofstream(dir / (heavyDeckId(d) + ".toml"), std::ios::binary) << text;
    }
}

/// DIR (a profile folder): kHeavyReviews answers spread over two years, each card answered about
/// 15 times, mostly right, in UTC+1. `computers` says whose files hold them: 0, the flat
/// log/YYYY-MM.toml of the layout before devices; 1 or 2, log/<device>/YYYY-MM.toml of one
/// computer, or of two taking turns answer by answer (a log split as evenly as it can be).
inline void writeHeavyProfile(const std::filesystem::path& dir, int computers = 0) {
    using namespace attune::model;
    std::mt19937_64 random(42);
    const std::int64_t start = parseIsoTime("2024-11-01T08:00:00+01:00")->utcMs;
    const std::int64_t span = 730LL * 86400000;
    std::map<std::string, std::vector<ReviewRecord>> byMonth;  // "<folder>/YYYY-MM"
    const std::string folders[] = {"", "3f2a9c1e5b7d4e6f8a0b1c2d3e4f5a6b/", "c0ffee00112233445566778899aabbcc/"};
    for (int i = 0; i < kHeavyReviews; ++i) {
        ReviewRecord r;
        const auto card = static_cast<int>(random() % kHeavyCards);
        r.deckId = heavyDeckId(card / kHeavyCardsPerDeck);
        r.cardId = heavyCardId(card % kHeavyCardsPerDeck);
        r.utcMs = start + static_cast<std::int64_t>(static_cast<double>(i) / kHeavyReviews * static_cast<double>(span));
        r.utcOffsetSeconds = 3600;
        const auto roll = random() % 100;
        r.rating = roll < 10 ? attune::scheduler::Rating::Again
                   : roll < 20 ? attune::scheduler::Rating::Hard
                   : roll < 90 ? attune::scheduler::Rating::Good
                               : attune::scheduler::Rating::Easy;
        r.durationMs = static_cast<std::int32_t>(2000 + random() % 15000);
        r.kind = i % 7 == 0 ? ReviewKind::Learn : ReviewKind::Review;
        const std::string& folder = folders[computers == 0 ? 0 : 1 + (computers == 2 ? i % 2 : 0)];
        byMonth[folder + reviewlog::monthOf(r.utcMs)].push_back(std::move(r));
    }
    for (const auto& [month, reviews] : byMonth) {
        const std::filesystem::path file = dir / "log" / (month + ".toml");
        std::filesystem::create_directories(file.parent_path());
        const SaveResult written = savefile::writeAtomically(file, reviewlog::formatMonthFile(reviews));
        if (!written.ok) std::fprintf(stderr, "%s\n", written.message.c_str());
    }
}

}  // namespace attune::bench
