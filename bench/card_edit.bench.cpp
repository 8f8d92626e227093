// The card editor's live check: editCardText (splice the edited card into the file's text, then
// check the whole deck as `deck check` does, card craft included) on one deck file of 100, 1,000,
// 3,000 and 10,000 cards. The window runs it on its one thread after a pause in typing, so this
// is how long the editor stands still before its problems show. Prints medians.
//   build/bench/bench/bench_card_edit
#include <attune/model/deck/CardEdit.hpp>
#include <attune/model/deck/Deck.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace attune;
namespace fs = std::filesystem;

namespace {

// A deck of `cards` basic cards in 10 topics, each with a question, an answer and a why.
std::string deckText(int cards) {
    std::string text = "[deck]\nid = \"edit-bench\"\ntitle = \"Edit bench\"\ndescription = \"Cards for the editor benchmark.\"\nversion = \"1.0\"\n\n";
    for (int t = 0; t < 10; ++t) text += "[[topic]]\nid = \"topic-" + std::to_string(t) + "\"\ntitle = \"Topic " + std::to_string(t) + "\"\n\n";
    for (int c = 0; c < cards; ++c) {
        const std::string n = std::to_string(c);
        text += "[[card]]\nid = \"card-" + n + "\"\ntopic = \"topic-" + std::to_string(c % 10) + "\"\ntype = \"basic\"\n" +
                "front = \"Question " + n + ": what does a calm partner do first when the other one pulls away?\"\n" +
                "back = \"Answer " + n + ": names the feeling, then asks what would help.\"\n" +
                "explain = \"Why " + n + ": naming a feeling lowers its intensity, and asking keeps the other person in charge.\"\n\n";
    }
    return text;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main() {
    const fs::path file = fs::temp_directory_path() / "attune-bench-edit.toml";
    std::printf("card editor's live check (editCardText: splice + whole-deck check), median of runs:\n");
    for (const int cards : {100, 1000, 3000, 10000}) {
        const std::string original = deckText(cards);
        model::Card card;
        card.id = "card-" + std::to_string(cards / 2);
        card.topic = "topic-" + std::to_string((cards / 2) % 10);
        card.type = model::CardType::Basic;
        card.front = "An edited question: what helps when the other one pulls away for a while?";
        card.back = "Naming the feeling, then asking what would help.";
        card.explain = "Naming a feeling lowers its intensity; asking keeps the other person in charge of their needs.";
        const int runs = cards >= 3000 ? 5 : 21;
        std::vector<double> ms;
        bool ok = true;
        for (int run = 0; run < runs; ++run) {
            const auto t0 = std::chrono::steady_clock::now();
            const model::CardEditResult result = model::editCardText(original, file, card, card.id);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            ok = ok && result.ok;
            if (!result.ok && run == 0) {
                std::fprintf(stderr, "%s\n", result.error.c_str());
                for (const auto& problem : result.problems) std::fprintf(stderr, "  %s: %s\n", problem.key.c_str(), problem.diagnostic.message.c_str());
            }
        }
        // The baseline, in the same run: only finding the card's table in the text (no check).
        std::vector<double> findMs;
        for (int run = 0; run < runs; ++run) {
            const auto t0 = std::chrono::steady_clock::now();
            ok = model::findCardSpan(original, card.id).has_value() && ok;
            findMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::printf("  %6d cards (%5.1f MB): median %8.1f ms (finding the card's table alone: %.2f ms)%s\n", cards,
                    static_cast<double>(original.size()) / 1e6, median(ms), median(findMs),
                    ok ? "" : "  (the edit did not check clean!)");
    }
    return 0;
}
