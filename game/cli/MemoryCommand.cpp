// `attune memory`: replays a review-history CSV through the FSRS-6 memory model and prints
// each card's stability and difficulty after its whole history, as fsrs-rs computes them.
// Built for speed on large histories: one read, in-place parsing, one write.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/DayOptions.hpp"
#include "cli/ReviewFile.hpp"

#include <attune/model/core/TimeZone.hpp>
#include <attune/model/history/ReviewCsv.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace attune::cli {
namespace {

constexpr const char* kUsage =
    "attune memory --reviews FILE.csv [--timezone IANA] [--day-start H] [--params w0,...,w20]";

constexpr const char* kHelp =
    "Replays a review history and prints each card's memory state after all its reviews.\n"
    "\n"
    "  --reviews FILE.csv   header row with card_id, review_rating (1-4), review_time\n"
    "                       (ISO-8601 with Z or an offset, or epoch milliseconds); optional\n"
    "                       review_duration and review_state; rows in any order\n"
    "  --timezone IANA      place every review in this zone (e.g. Europe/Berlin); without it\n"
    "                       each review keeps its written offset (Z and epoch ms are UTC)\n"
    "  --day-start H        the hour a new study day starts (0-23, default 4)\n"
    "  --params LIST        FSRS parameters, comma separated: 21 (FSRS-6), 19 (FSRS-5) or\n"
    "                       17 (FSRS-4.5) values; default: the FSRS-6 defaults\n"
    "\n"
    "Output (stdout): CSV card_id,stability,difficulty,reviews, one row per card in order of\n"
    "first appearance. Days between reviews are the difference of their study days.\n"
    "A bad row prints FILE:LINE: error: ... on stderr and exits 1 with nothing on stdout.\n";

bool parseParams(const std::string& text, std::vector<double>& values) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        std::string_view item(text.data() + start, end - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        double value = 0.0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (item.empty() || ec != std::errc{} || ptr != item.data() + item.size()) return false;
        values.push_back(value);
        start = end + 1;
    }
    return true;
}

void appendNumber(std::string& out, double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 9);
    out.append(buffer, result.ptr);
}

/// What the player asked for.
struct MemoryRequest {
    std::string reviews;  // --reviews FILE.csv
    int dayStart = 4;     // --day-start H
    scheduler::Parameters parameters = scheduler::Parameters::defaults();  // --params
    std::optional<model::TimeZone> zone;                                    // --timezone IANA
};

/// Reads --params; the exit code when they are not a valid parameter list.
std::optional<int> readParameters(const Args& args, std::ostream& err, scheduler::Parameters& parameters) {
    const auto text = args.value("--params");
    if (!text) return std::nullopt;
    std::vector<double> values;
    if (!parseParams(*text, values)) return usageError(err, "--params must be numbers separated by commas", kUsage);
    std::string why;
    const auto parsed = scheduler::Parameters::fromValues(values, &why);
    if (!parsed) return usageError(err, "--params: " + why, kUsage);
    parameters = *parsed;
    return std::nullopt;
}

/// Reads the options; the exit code when the command ends here (help, a usage error).
std::optional<int> readRequest(const Invocation& call, MemoryRequest& request) {
    const Args args(call.args, {"--reviews", "--timezone", "--day-start", "--params"}, {"--help", "-h"});
    if (const auto exit = helpOrUsageError(call, args, kUsage, kHelp)) return exit;
    const auto path = args.value("--reviews");
    if (!path || path->empty()) return usageError(call.err, "--reviews FILE.csv is required", kUsage);
    request.reviews = *path;

    std::optional<int> dayStart;
    if (const auto failed = readDayStart(args, call.err, kUsage, dayStart)) return failed;
    request.dayStart = dayStart.value_or(4);
    if (const auto failed = readParameters(args, call.err, request.parameters)) return failed;
    return readTimeZone(args, call.err, request.zone);
}

/// One answer, as the replay reads it.
struct Answer {
    std::int64_t utcMs;
    std::int32_t day;  // study days since 1970: int32 covers +-5 million years
    scheduler::Rating rating;
};

/// Every card's answers in one compact array: card c's are answers[start[c] .. start[c+1]).
struct AnswersByCard {
    std::vector<std::uint32_t> start;
    std::vector<Answer> answers;
};

/// Groups the reviews by card (one pass of scattered writes), so the replay reads memory in order.
AnswersByCard groupAnswers(const model::ReviewHistory& history, int dayStart) {
    const std::size_t cardCount = history.cardIds.size();
    AnswersByCard grouped;
    std::vector<std::uint32_t>& start = grouped.start;
    start.assign(cardCount + 1, 0);
    for (const model::ImportedReview& review : history.reviews) ++start[review.card + 1];
    for (std::size_t c = 0; c < cardCount; ++c) start[c + 1] += start[c];
    grouped.answers.resize(history.reviews.size());
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (const model::ImportedReview& review : history.reviews)
        grouped.answers[next[review.card]++] = {review.at.utcMs,
                                                static_cast<std::int32_t>(scheduler::studyDay(review.at, dayStart)),
                                                review.rating};
    return grouped;
}

/// A card id as a CSV field: quoted when it holds a comma, a quote or a line break.
void appendCardId(std::string& out, const std::string& id) {
    if (id.find_first_of(",\"\n") == std::string::npos) {
        out += id;
        return;
    }
    out += '"';
    for (const char ch : id) {
        if (ch == '"') out += '"';
        out += ch;
    }
    out += '"';
}

/// Replays the cards [from, to) and writes their rows; ranges run side by side.
void replayCards(AnswersByCard& grouped, const model::ReviewHistory& history, const scheduler::MemoryModel& memory,
                 std::size_t from, std::size_t to, std::string& out) {
    const auto earlier = [](const Answer& x, const Answer& y) { return x.utcMs < y.utcMs; };
    out.reserve((to - from) * 40 + 64);
    for (std::size_t c = from; c < to; ++c) {
        const auto first = grouped.answers.begin() + grouped.start[c];
        const auto last = grouped.answers.begin() + grouped.start[c + 1];
        if (!std::is_sorted(first, last, earlier)) std::stable_sort(first, last, earlier);
        scheduler::MemoryState state = memory.first(first->rating);
        std::int32_t lastDay = first->day;
        for (auto it = first + 1; it != last; ++it) {
            // A later review written with an offset further west can land on an earlier
            // study day (travel); it counts as the same day, never as negative time.
            state = memory.next(state, static_cast<double>(it->day > lastDay ? it->day - lastDay : 0), it->rating);
            lastDay = std::max(lastDay, it->day);
        }
        appendCardId(out, history.cardIds[c]);
        out += ',';
        appendNumber(out, state.stability);
        out += ',';
        appendNumber(out, state.difficulty);
        out += ',';
        out += std::to_string(last - first);
        out += '\n';
    }
}

/// The whole output: the header, then every card's row; a large history on several threads.
std::string memoryRows(AnswersByCard& grouped, const model::ReviewHistory& history,
                       const scheduler::Parameters& parameters) {
    const scheduler::MemoryModel memory(parameters);
    const std::size_t cardCount = history.cardIds.size();
    const std::size_t parts = history.reviews.size() >= 100'000 ? model::idleCores() : 1;
    std::vector<std::string> pieces(parts);
    {
        std::vector<std::thread> workers;
        for (std::size_t k = 1; k < parts; ++k)
            workers.emplace_back([&, k] {
                replayCards(grouped, history, memory, cardCount * k / parts, cardCount * (k + 1) / parts, pieces[k]);
            });
        replayCards(grouped, history, memory, 0, cardCount / parts, pieces[0]);
        for (std::thread& worker : workers) worker.join();
    }
    std::string out = "card_id,stability,difficulty,reviews\n";
    for (const std::string& piece : pieces) out += piece;
    return out;
}

}  // namespace

int runMemory(const Invocation& call) {
    MemoryRequest request;
    if (const auto exit = readRequest(call, request)) return *exit;
    const auto csv = readReviewFile(request.reviews, request.zone, call.err);
    if (!csv) return 1;
    AnswersByCard grouped = groupAnswers(csv->history, request.dayStart);
    const std::string out = memoryRows(grouped, csv->history, request.parameters);
    call.out.write(out.data(), static_cast<std::streamsize>(out.size()));
    call.out.flush();
    return call.out ? 0 : 1;
}

}  // namespace attune::cli
