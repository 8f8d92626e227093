// The optimizer in settings, end to end in the real shell: on a profile with six months of
// answers, "Optimize for my memory" (reached by keyboard) fits on a worker thread while the
// window keeps drawing its progress, shows log loss before and after, and Apply stores 21
// fitted parameters in the profile; with almost no history the optimizer's reason shows and
// nothing can be stored.
#include "FreshHome.hpp"
#include "catch.hpp"

#include "InProcessShell.hpp"
#include "SixMonthProfile.hpp"

#include <attune/model/deck/Deck.hpp>
#include <attune/model/history/OptimizerItems.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/scheduler/Optimizer.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

namespace fs = std::filesystem;
using namespace attune;

namespace {

// A fresh home for one test, at the six-month player's "now".
struct FreshRoot : testing::FreshHome {
    FreshRoot() : FreshHome("attune-optimizer-panel") { setenv("ATTUNE_NOW", testing::kSixMonthNow, 1); }
};

struct Shell : testing::InProcessShell {
    Shell(const fs::path& profile, double fontScale) : InProcessShell({profile, {}, false}, fontScale) {
        app.reset(ui::makeHomeScreen(app));
        app.push(ui::makeSettingsScreen(app));
        frame();
    }

    ui::OptimizerView view() {
        REQUIRE(app.top() != nullptr);
        const auto shown = ui::optimizerView(*app.top());
        REQUIRE(shown.has_value());
        return *shown;
    }

    /// Tab until the optimizer action has the focus, then Enter; frames until the fit is done.
    /// Whether progress was seen while it ran (the window kept drawing).
    bool optimizeByKeyboard(const fs::path& fittingShot = {}) {
        for (int i = 0; i < 40 && !view().optimizeFocused; ++i) press(sf::Keyboard::Tab);
        REQUIRE(view().optimizeFocused);
        press(sf::Keyboard::Enter);
        bool sawFitting = view().fitting;
        if (sawFitting && !fittingShot.empty()) shot(fittingShot);
        const auto start = std::chrono::steady_clock::now();
        while (!view().finished && std::chrono::steady_clock::now() - start < std::chrono::seconds(120)) {
            frame();
            if (view().fitting && !sawFitting && !fittingShot.empty()) shot(fittingShot);
            sawFitting = sawFitting || view().fitting;
            std::this_thread::sleep_for(std::chrono::milliseconds(16));
        }
        REQUIRE(view().finished);
        frame();
        return sawFitting;
    }
};

/// The predicted recall summed over the course: it moves when the memory model changes.
double totalRecall(model::Game& game) {
    const model::CourseProgress& course = game.course();
    double sum = 0.0;
    for (std::uint32_t c = 0; c < course.cards.size(); ++c) sum += course.recallNow(c);
    return sum;
}

std::optional<std::vector<double>> storedParameters(const fs::path& dir) {
    auto opened = model::Profile::open(dir, {.readOnly = true, .dailyBackup = false, .now = {}, .localState = {}});
    return opened.profile.optimizerParameters();
}

}  // namespace

TEST_CASE("optimizer panel - six months of answers fit by keyboard and Apply stores 21 new parameters") {
    const FreshRoot fresh;
    const fs::path& root = fresh.root;
    const std::size_t answers = testing::writeSixMonthProfile(root / "profile", testing::courseDeck());
    REQUIRE(answers > 300);
    REQUIRE_FALSE(storedParameters(root / "profile").has_value());
    {
        Shell shell(root / "profile", 2.0);  // the largest text size: the panel must still fit
        CHECK(shell.optimizeByKeyboard(fs::path(ATTUNE_TEST_OUTPUT_DIR) / "optimizer-panel-fitting.png"));
        const ui::OptimizerView done = shell.view();
        INFO(done.note);
        REQUIRE(done.trained);
        CHECK(done.applyShown);
        CHECK(done.applyFocused);  // Enter applies next
        CHECK(std::isfinite(done.logLossBefore));
        CHECK(done.logLossAfter < done.logLossBefore);
        CHECK(done.rmseBinsBefore > 0.0);
        // The out-of-sample figures are the check `attune optimize` prints for the same answers:
        // fitted on the earliest 80 %, judged on the latest 20 %.
        REQUIRE(done.heldOutItems > 0);
        {
            auto opened = model::Profile::open(root / "profile", {.readOnly = true, .dailyBackup = false, .now = {}, .localState = {}});
            const auto items = model::profileTrainingItems(opened.profile.reviews(), opened.profile.settings().dayStartHour);
            const auto check = scheduler::heldOutCheck(items.set);
            REQUIRE(check.has_value());
            CHECK(done.heldOutItems == check->heldOutItems);
            CHECK(done.heldOutLogLossDefaults == Approx(check->defaults.logLoss).epsilon(1e-12));
            CHECK(done.heldOutLogLossFitted == Approx(check->fitted.logLoss).epsilon(1e-12));
            CHECK(done.heldOutItems < items.set.items.size() / 4);
        }
        shell.shot(fs::path(ATTUNE_TEST_OUTPUT_DIR) / "optimizer-panel-200.png");

        const double recallBefore = totalRecall(shell.game);
        shell.press(sf::Keyboard::Enter);
        CHECK(shell.view().applied);
        CHECK_FALSE(shell.view().applyShown);
        // The course is rescheduled with the fitted model at once.
        CHECK(std::abs(totalRecall(shell.game) - recallBefore) > 1e-6);
        shell.shot(fs::path(ATTUNE_TEST_OUTPUT_DIR) / "optimizer-panel-applied.png");
        CHECK(shell.game.close().ok);
    }
    const auto stored = storedParameters(root / "profile");
    REQUIRE(stored.has_value());
    REQUIRE(stored->size() == 21);
    const auto defaults = scheduler::Parameters::defaults().values();  // a copy: defaults() is a temporary
    int changed = 0;
    for (std::size_t i = 0; i < 21; ++i)
        if (std::abs((*stored)[i] - defaults[i]) > 1e-9) ++changed;
    CHECK(changed > 4);  // more than w0-w3: the whole model was trained
}

TEST_CASE("optimizer panel - a near-empty profile shows the reason and stores nothing") {
    const FreshRoot fresh;
    const fs::path& root = fresh.root;
    {
        model::ProfileOpenOptions options;
        options.dailyBackup = false;
        auto opened = model::Profile::open(root / "profile", options);
        std::vector<model::ReviewRecord> log;
        const model::Deck& deck = testing::courseDeck();
        for (std::size_t i = 0; i < 3; ++i) {
            model::ReviewRecord r;
            r.deckId = deck.id;
            r.cardId = deck.studyCards[0].id;
            r.utcMs = testing::kSixMonthNowMs - static_cast<std::int64_t>(3 - i) * 86400000;
            r.rating = scheduler::Rating::Good;
            r.durationMs = 5000;
            r.kind = i == 0 ? model::ReviewKind::Learn : model::ReviewKind::Review;
            log.push_back(r);
        }
        REQUIRE(opened.profile.mergeReviews(log).ok);
        REQUIRE(opened.profile.close().unsaved == 0);
    }
    {
        Shell shell(root / "profile", 1.0);
        shell.optimizeByKeyboard();
        const ui::OptimizerView done = shell.view();
        CHECK_FALSE(done.trained);
        CHECK_FALSE(done.note.empty());
        CHECK_FALSE(done.applyShown);
        shell.shot(fs::path(ATTUNE_TEST_OUTPUT_DIR) / "optimizer-panel-empty.png");
        // Enter on the focused action only fits again: nothing is stored.
        shell.press(sf::Keyboard::Enter);
        CHECK(shell.game.close().ok);
    }
    CHECK_FALSE(storedParameters(root / "profile").has_value());
}
