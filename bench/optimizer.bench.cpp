// Optimizer benchmark: time to build the training items and to fit the 21 parameters, with
// the log loss / RMSE(bins) before and after, on the sample review log and on any other
// review-history CSVs given (e.g. a 500k-review history from bench/make_review_history.py).
//   bench_optimizer [FILE.csv ...]      (default: tests/data/review-logs/review-log-sample.csv)
#include <attune/model/history/OptimizerItems.hpp>
#include <attune/model/history/ReviewCsv.hpp>
#include <attune/scheduler/Optimizer.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace attune;

namespace {

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void benchmark(const std::string& path) {
    const auto readStart = std::chrono::steady_clock::now();
    const auto csv = model::readReviewCsv(path);
    if (!csv.ok()) {
        for (const auto& d : csv.diagnostics) std::fprintf(stderr, "%s\n", d.format().c_str());
        return;
    }
    const scheduler::TrainingSet set = model::reviewHistoryTrainingItems(csv.history, 4);
    const double readMs = msSince(readStart);

    constexpr int kRuns = 5;
    std::vector<double> fitMs;
    scheduler::OptimizerResult fit;
    for (int run = 0; run < kRuns; ++run) {
        const auto start = std::chrono::steady_clock::now();
        fit = scheduler::optimize(set);
        fitMs.push_back(msSince(start));
    }
    std::sort(fitMs.begin(), fitMs.end());
    const auto before = scheduler::evaluate(scheduler::Parameters::defaults(), set);
    const auto after = scheduler::evaluate(fit.parameters, set);
    std::printf("%s\n  %zu reviews, %zu cards, %zu training items; read + items %.1f ms\n", path.c_str(),
                csv.history.reviews.size(), csv.history.cardIds.size(), set.items.size(), readMs);
    std::printf("  fit (median of %d)  %.1f ms\n", kRuns, fitMs[fitMs.size() / 2]);
    std::printf("  log loss   %.4f -> %.4f\n  RMSE(bins) %.4f -> %.4f\n", before.logLoss, after.logLoss, before.rmseBins,
                after.rmseBins);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> files(argv + 1, argv + argc);
    if (files.empty()) {
        // The sample log in tests/data, found from this source file's own path.
        const std::string source = __FILE__;
        const std::string checkout = source.substr(0, source.rfind("/bench/"));
        files.push_back(checkout + "/tests/data/review-logs/review-log-sample.csv");
    }
    for (const auto& file : files) benchmark(file);
    return 0;
}
