// Frame time of the study screen and the time from start to the first frame, in the real
// window (run under Xvfb with software GL for the README's figures):
//   xvfb-run -a -s "-screen 0 1280x720x24" build/bench/bench_frame_time [frames] [--size WxH]
// Start to first frame covers opening the profile, loading the decks, the fonts and the window.
// Then the same study frame with the eight-script test deck: shaped Arabic, Hindi, Japanese...
// from fallback fonts (needs fonts-noto-core and fonts-noto-cjk).
#ifdef ATTUNE_HAVE_GAME
#include <attune/ui/Window.hpp>
#endif

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
#ifndef ATTUNE_HAVE_GAME
    (void)argc;
    (void)argv;
    std::puts("frame_time: built without the game window (ATTUNE_BUILD_GAME=OFF)");
    return 0;
#else
    int frames = 1200;
    attune::ui::WindowOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--size" && i + 1 < argc) {
            const std::string size = argv[++i];
            const auto x = size.find('x');
            options.width = static_cast<unsigned>(std::stoul(size.substr(0, x)));
            options.height = static_cast<unsigned>(std::stoul(size.substr(x + 1)));
        } else {
            frames = std::max(10, std::atoi(arg.c_str()));
        }
    }
    // A fresh profile each run (opened read-only: the benchmark writes nothing).
    options.profileDir = std::filesystem::temp_directory_path() / ("attune-bench-" + std::to_string(getpid()));

    std::vector<double> starts;
    std::vector<double> frameMs;
    double cpuPerFrame = 0.0;
    for (int run = 0; run < 5; ++run) {
        std::string error;
        const auto times = attune::ui::measureStudyFrames(options, run == 0 ? frames : 30, error);
        if (!times) {
            std::fprintf(stderr, "frame_time: %s\n", error.c_str());
            return 1;
        }
        starts.push_back(times->startToFirstFrameMs);
        if (run == 0) {
            frameMs = times->frameMs;
            cpuPerFrame = times->cpuMsPerFrame;
        }
    }
    std::filesystem::remove_all(options.profileDir);
    std::printf("study screen %ux%u, %zu frames (update + draw + display, unthrottled)\n", options.width,
                options.height, frameMs.size());
    std::printf("  bundled course (Latin)   median %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms\n",
                percentile(frameMs, 0.5), percentile(frameMs, 0.9), percentile(frameMs, 0.99), percentile(frameMs, 1.0));
    std::printf("  processor time per frame %.2f ms (this process, GL threads included)\n", cpuPerFrame);

    // The same frames over the multilingual deck's cards: shaping, bidi and fallback faces.
    attune::ui::WindowOptions shaped = options;
    shaped.decks.push_back(std::filesystem::path(ATTUNE_SOURCE_DIR) / "tests" / "data" / "decks" / "multilingual");
    shaped.studyDeck = "languages";
    shaped.profileDir += "-shaped";
    std::string error;
    const auto multilingual = attune::ui::measureStudyFrames(shaped, frames, error);
    std::filesystem::remove_all(shaped.profileDir);
    if (!multilingual) {
        std::fprintf(stderr, "frame_time: %s\n", error.c_str());
        return 1;
    }
    const auto& m = multilingual->frameMs;
    std::printf("  eight-script deck        median %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms (first frame %.0f ms)\n",
                percentile(m, 0.5), percentile(m, 0.9), percentile(m, 0.99), percentile(m, 1.0),
                multilingual->startToFirstFrameMs);
    std::printf("start to first frame (5 runs)   first %.0f ms   median %.0f ms   max %.0f ms\n", starts.front(),
                percentile(starts, 0.5), percentile(starts, 1.0));
    return 0;
#endif
}
