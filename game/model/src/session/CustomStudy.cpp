// What "Study more" offers. See CustomStudy.hpp.
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/session/CustomStudy.hpp>

#include <algorithm>
#include <map>

namespace attune::model {

using scheduler::CardPhase;

std::vector<std::uint32_t> cardsDueAhead(const CourseProgress& p, int aheadDays) {
    const std::int64_t last = p.today + std::clamp(aheadDays, 1, 30);
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < p.states.size(); ++i) {
        const scheduler::CardState& s = p.states[i];
        if (!p.deckOf(i).daily || s.phase != CardPhase::Review) continue;
        if (s.dueDay > p.today && s.dueDay <= last) out.push_back(i);
    }
    std::stable_sort(out.begin(), out.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return p.states[a].dueDay < p.states[b].dueDay; });
    return out;
}

bool cardHasTag(const CourseProgress& p, std::uint32_t card, const std::string& tag) {
    const auto& tags = p.authoredCardOf(card).tags;
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

CustomStudyOffer customStudyOffer(const CourseProgress& p, int aheadDays) {
    CustomStudyOffer offer;
    offer.aheadDays = std::clamp(aheadDays, 1, 30);
    offer.newBeyondLimit = std::max(0, p.newInDaily - p.newAvailableToday);
    offer.newLeftToday = p.newAvailableToday;
    offer.aheadCards = static_cast<int>(cardsDueAhead(p, offer.aheadDays).size());
    offer.forgottenToday = static_cast<int>(p.forgottenToday.size());
    std::map<std::string, int> tags;
    for (std::uint32_t i = 0; i < p.cards.size(); ++i)
        for (const std::string& tag : p.authoredCardOf(i).tags) ++tags[tag];
    for (const auto& [tag, count] : tags) offer.tags.push_back({tag, count});
    return offer;
}

}  // namespace attune::model
