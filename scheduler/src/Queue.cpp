// Today's queue and the topic queue: which cards the player sees, in which order.
#include <attune/scheduler/Scheduler.hpp>

#include <algorithm>

namespace attune::scheduler {

std::vector<std::uint32_t> buildDailyQueue(const Scheduler& scheduler, std::span<const CardState> cards, Moment now,
                                           const DailyLimits& limits) {
    return buildDailyQueue(scheduler, cards, now, limits, SiblingRule{}).cards;
}

DailyQueue buildDailyQueue(const Scheduler& scheduler, std::span<const CardState> cards, Moment now,
                           const DailyLimits& limits, const SiblingRule& siblings,
                           std::span<const std::uint32_t> candidates) {
    const std::int64_t today = studyDay(now, scheduler.settings().dayStartHour);
    std::vector<std::uint32_t> learning;
    std::vector<std::uint32_t> reviews;
    std::vector<std::uint32_t> fresh;
    const auto newRoom = static_cast<std::size_t>(std::max(limits.newCards - limits.newDoneToday, 0));
    const bool apart = !siblings.group.empty() && siblings.group.size() == cards.size();
    // Sibling groups already taken today: answered today, or earlier in today's queue.
    std::vector<char> taken;
    const auto takes = [&](std::uint32_t index) {
        if (!apart) return true;
        const std::uint32_t g = siblings.group[index];
        if (taken[g]) return false;
        taken[g] = 1;
        return true;
    };
    if (apart) {
        std::uint32_t groups = 0;
        for (const std::uint32_t g : siblings.group) groups = std::max(groups, g + 1);
        taken.assign(groups, 0);
        for (std::size_t i = 0; i < cards.size(); ++i)
            if (cards[i].phase != CardPhase::New && cards[i].reps > 0 && cards[i].lastReviewDay == today)
                taken[siblings.group[i]] = 1;
    }
    const std::size_t count = candidates.empty() ? cards.size() : candidates.size();
    for (std::size_t k = 0; k < count; ++k) {
        const auto index = candidates.empty() ? static_cast<std::uint32_t>(k) : candidates[k];
        if (index >= cards.size()) continue;
        const CardState& card = cards[index];
        switch (card.phase) {
        case CardPhase::New:
            if (fresh.size() < newRoom || apart) fresh.push_back(index);
            break;
        case CardPhase::Learning:
        case CardPhase::Relearning:
            if (card.dueMs <= now.utcMs) learning.push_back(index);
            break;
        case CardPhase::Review:
            if (card.dueDay <= today) reviews.push_back(index);
            break;
        }
    }
    std::stable_sort(learning.begin(), learning.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return cards[a].dueMs < cards[b].dueMs; });

    // Learning steps are under way: they always come, and their siblings wait.
    for (const std::uint32_t i : learning)
        if (apart) taken[siblings.group[i]] = 1;

    const auto reviewRoom = static_cast<std::size_t>(std::max(limits.reviews - limits.reviewsDoneToday, 0));
    if (reviews.size() > reviewRoom) {
        // A backlog: the cards closest to being forgotten come first; the rest wait.
        struct Ranked {
            double recall;
            std::uint32_t index;
        };
        std::vector<Ranked> ranked;
        ranked.reserve(reviews.size());
        for (const std::uint32_t i : reviews) ranked.push_back({scheduler.recallNow(cards[i], now), i});
        const auto lower = [](const Ranked& a, const Ranked& b) {
            return a.recall != b.recall ? a.recall < b.recall : a.index < b.index;
        };
        if (apart)
            std::sort(ranked.begin(), ranked.end(), lower);  // siblings drop out: the cut comes later
        else
            std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(reviewRoom), ranked.end(), lower);
        for (std::size_t k = 0; k < ranked.size(); ++k) reviews[k] = ranked[k].index;
    } else {
        // No backlog: oldest due first, so overdue cards are not pushed further back.
        std::stable_sort(reviews.begin(), reviews.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return cards[a].dueDay < cards[b].dueDay; });
    }
    DailyQueue out;
    if (apart) {
        std::size_t kept = 0;
        for (const std::uint32_t i : reviews) {
            if (takes(i))
                reviews[kept++] = i;
            else
                ++out.siblingsWaiting;
        }
        reviews.resize(kept);
        std::size_t keptNew = 0;
        for (const std::uint32_t i : fresh) {
            if (keptNew == newRoom) break;
            if (takes(i)) fresh[keptNew++] = i;
        }
        fresh.resize(keptNew);
    }
    if (reviews.size() > reviewRoom) reviews.resize(reviewRoom);

    std::vector<std::uint32_t>& queue = out.cards;
    queue.reserve(learning.size() + reviews.size() + fresh.size());
    queue.insert(queue.end(), learning.begin(), learning.end());
    // New cards spread evenly through the reviews, each in the middle of its share, rather
    // than bunched at one end.
    const std::size_t total = reviews.size() + fresh.size();
    std::size_t r = 0, n = 0;
    for (std::size_t k = 0; k < total; ++k) {
        const bool takeNew =
            n < fresh.size() && (r >= reviews.size() || (2 * n + 1) * total <= 2 * (k + 1) * fresh.size());
        if (takeNew) {
            queue.push_back(fresh[n++]);
        } else {
            queue.push_back(reviews[r++]);
        }
    }
    return out;
}

std::vector<std::uint32_t> buildTopicQueue(const Scheduler& scheduler, std::span<const CardState> cards,
                                           std::span<const std::uint32_t> candidates, Moment now) {
    struct Ranked {
        bool fresh;
        double recall;
        std::uint32_t index;
    };
    std::vector<Ranked> ranked;
    ranked.reserve(candidates.size());
    for (const std::uint32_t i : candidates) {
        if (i >= cards.size()) continue;
        const bool fresh = cards[i].phase == CardPhase::New || !cards[i].memory;
        ranked.push_back({fresh, fresh ? 0.0 : scheduler.recallNow(cards[i], now), i});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        if (a.fresh != b.fresh) return !a.fresh;
        return a.recall < b.recall;
    });
    std::vector<std::uint32_t> queue;
    queue.reserve(ranked.size());
    for (const Ranked& r : ranked) queue.push_back(r.index);
    return queue;
}

}  // namespace attune::scheduler
