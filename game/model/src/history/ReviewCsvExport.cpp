#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewCsvExport.hpp>

#include <unordered_map>

namespace attune::model {
namespace {

// A CSV field: quoted when it holds a separator, a quote or a line break.
std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

struct CardSoFar {
    std::int64_t lastDay = 0;
    scheduler::Rating lastRating = scheduler::Rating::Good;
    bool learnt = false;  // has had an answer on a later study day than its first
};

}  // namespace

std::string formatReviewCsv(std::span<const ReviewRecord> answers, const std::string& deckId, int dayStartHour) {
    std::string out = "card_id,review_time,review_rating,review_state,review_duration\n";
    std::unordered_map<std::string, CardSoFar> cards;
    for (const ReviewRecord& r : answers) {
        if (r.kind == ReviewKind::Cram || r.kind == ReviewKind::Undo) continue;
        if (!deckId.empty() && r.deckId != deckId) continue;
        const std::int64_t day = scheduler::studyDay(r.moment(), dayStartHour);
        const auto [it, first] = cards.try_emplace(r.cardId.str());
        CardSoFar& card = it->second;
        int state = 0;
        if (!first && !card.learnt && day > card.lastDay) {
            card.learnt = true;  // the first review after the learning steps
            state = 2;
        } else if (!first) {
            state = !card.learnt ? 1 : (card.lastRating == scheduler::Rating::Again ? 3 : 2);
        }
        card.lastDay = day;
        card.lastRating = r.rating;
        out += csvField(r.cardId.view());
        out += ',';
        out += formatIsoTime(r.moment());
        out += ',';
        out += std::to_string(static_cast<int>(r.rating));
        out += ',';
        out += std::to_string(state);
        out += ',';
        out += std::to_string(r.durationMs);
        out += '\n';
    }
    return out;
}

}  // namespace attune::model
