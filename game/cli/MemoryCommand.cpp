// `attune memory`: replays a review-history CSV through the FSRS-6 memory model and prints
// each card's stability and difficulty after its whole history, as fsrs-rs computes them.
// Built for speed on large histories: one read, in-place parsing, one write.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/DayOptions.hpp"

#include <attune/model/core/TimeZone.hpp>
#include <attune/model/history/ReviewCsv.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>
#include <thread>

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

}  // namespace

int runMemory(const Invocation& call) {
    const Args args(call.args, {"--reviews", "--timezone", "--day-start", "--params"}, {"--help", "-h"});
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (args.has("--help") || args.has("-h")) {
        call.out << "usage: " << kUsage << "\n\n" << kHelp;
        return 0;
    }
    if (!args.positionals().empty())
        return usageError(call.err, "unexpected argument '" + args.positionals().front() + "'", kUsage);
    const auto path = args.value("--reviews");
    if (!path || path->empty()) return usageError(call.err, "--reviews FILE.csv is required", kUsage);

    std::optional<int> dayStartGiven;
    if (const auto failed = readDayStart(args, call.err, kUsage, dayStartGiven)) return *failed;
    const int dayStart = dayStartGiven.value_or(4);

    scheduler::Parameters parameters = scheduler::Parameters::defaults();
    if (const auto text = args.value("--params")) {
        std::vector<double> values;
        if (!parseParams(*text, values))
            return usageError(call.err, "--params must be numbers separated by commas", kUsage);
        std::string why;
        const auto parsed = scheduler::Parameters::fromValues(values, &why);
        if (!parsed) return usageError(call.err, "--params: " + why, kUsage);
        parameters = *parsed;
    }

    std::optional<model::TimeZone> zone;
    if (const auto failed = readTimeZone(args, call.err, zone)) return *failed;

    model::ReviewCsvOptions options;
    options.timeZone = zone ? &*zone : nullptr;
    const model::ReviewCsvResult csv = model::readReviewCsv(*path, options);
    if (!csv.ok()) {
        for (const auto& diagnostic : csv.diagnostics) call.err << diagnostic.format() << '\n';
        return 1;
    }

    // Group the reviews by card into one compact array (one pass of scattered writes), so the
    // replay below reads memory in order.
    const model::ReviewHistory& history = csv.history;
    const std::size_t cardCount = history.cardIds.size();
    std::vector<std::uint32_t> start(cardCount + 1, 0);
    for (const model::ImportedReview& review : history.reviews) ++start[review.card + 1];
    for (std::size_t c = 0; c < cardCount; ++c) start[c + 1] += start[c];
    struct Answer {
        std::int64_t utcMs;
        std::int32_t day;  // study days since 1970: int32 covers +-5 million years
        scheduler::Rating rating;
    };
    std::vector<Answer> answers(history.reviews.size());
    {
        std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
        for (const model::ImportedReview& review : history.reviews)
            answers[next[review.card]++] = {review.at.utcMs,
                                            static_cast<std::int32_t>(scheduler::studyDay(review.at, dayStart)),
                                            review.rating};
    }

    const scheduler::MemoryModel memory(parameters);
    const auto earlier = [](const Answer& x, const Answer& y) { return x.utcMs < y.utcMs; };
    // Replays the cards [from, to) and writes their rows; ranges run side by side.
    auto replay = [&](std::size_t from, std::size_t to, std::string& out) {
        out.reserve((to - from) * 40 + 64);
        for (std::size_t c = from; c < to; ++c) {
            const auto first = answers.begin() + start[c];
            const auto last = answers.begin() + start[c + 1];
            if (!std::is_sorted(first, last, earlier)) std::stable_sort(first, last, earlier);
            scheduler::MemoryState state = memory.first(first->rating);
            std::int32_t lastDay = first->day;
            for (auto it = first + 1; it != last; ++it) {
                // A later review written with an offset further west can land on an earlier
                // study day (travel); it counts as the same day, never as negative time.
                state = memory.next(state, static_cast<double>(it->day > lastDay ? it->day - lastDay : 0), it->rating);
                lastDay = std::max(lastDay, it->day);
            }
            const std::string& id = history.cardIds[c];
            if (id.find_first_of(",\"\n") == std::string::npos) {
                out += id;
            } else {
                out += '"';
                for (const char ch : id) {
                    if (ch == '"') out += '"';
                    out += ch;
                }
                out += '"';
            }
            out += ',';
            appendNumber(out, state.stability);
            out += ',';
            appendNumber(out, state.difficulty);
            out += ',';
            out += std::to_string(last - first);
            out += '\n';
        }
    };
    const std::size_t parts =
        history.reviews.size() >= 100'000 ? model::idleCores() : 1;
    std::vector<std::string> pieces(parts);
    {
        std::vector<std::thread> workers;
        for (std::size_t k = 1; k < parts; ++k)
            workers.emplace_back([&, k] { replay(cardCount * k / parts, cardCount * (k + 1) / parts, pieces[k]); });
        replay(0, cardCount / parts, pieces[0]);
        for (std::thread& worker : workers) worker.join();
    }
    std::string out = "card_id,stability,difficulty,reviews\n";
    for (const std::string& piece : pieces) out += piece;
    call.out.write(out.data(), static_cast<std::streamsize>(out.size()));
    call.out.flush();
    return call.out ? 0 : 1;
}

}  // namespace attune::cli
