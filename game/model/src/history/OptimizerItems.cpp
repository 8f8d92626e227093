#include <attune/model/history/OptimizerItems.hpp>

#include <attune/model/history/ReviewCsv.hpp>
#include <attune/model/history/ReviewHistory.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace attune::model {

ProfileTrainingItems profileTrainingItems(std::span<const ReviewRecord> log, int dayStartHour) {
    std::unordered_map<std::string, std::uint32_t> cardOf;
    std::vector<std::vector<std::size_t>> perCard;
    std::string key;
    ProfileTrainingItems out;
    for (const std::size_t i : effectiveOrder(log)) {
        const ReviewRecord& record = log[i];
        if (!changesSchedule(record)) continue;
        key.assign(record.deckId);
        key += '\n';
        key += record.cardId;
        const auto [it, added] = cardOf.try_emplace(key, static_cast<std::uint32_t>(perCard.size()));
        if (added) perCard.emplace_back();
        perCard[it->second].push_back(i);
        ++out.answers;
    }
    out.cards = perCard.size();
    std::vector<scheduler::Rating> ratings;
    std::vector<std::int64_t> days;
    for (const auto& positions : perCard) {
        ratings.clear();
        days.clear();
        for (const std::size_t i : positions) {
            ratings.push_back(log[i].rating);
            days.push_back(scheduler::studyDay(log[i].moment(), dayStartHour));
        }
        out.set.addCard(ratings, days);
    }
    return out;
}

scheduler::TrainingSet reviewHistoryTrainingItems(const ReviewHistory& history, int dayStartHour) {
    scheduler::TrainingSet set;
    const auto groups = history.groupByCard();
    std::vector<scheduler::Rating> ratings;
    std::vector<std::int64_t> days;
    for (std::size_t c = 0; c < history.cardIds.size(); ++c) {
        ratings.clear();
        days.clear();
        for (std::uint32_t k = groups.start[c]; k < groups.start[c + 1]; ++k) {
            const auto& review = history.reviews[groups.order[k]];
            ratings.push_back(review.rating);
            days.push_back(scheduler::studyDay(review.at, dayStartHour));
        }
        set.addCard(ratings, days);
    }
    return set;
}

}  // namespace attune::model
