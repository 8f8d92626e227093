// `attune shot`: render one screen of the game with the profile's real data to a PNG and exit
// (for the tests and the README's screenshots). Nothing in the profile changes.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"

#ifdef ATTUNE_HAVE_GAME
#include "cli/WindowArgs.hpp"
#include <attune/ui/Window.hpp>
#endif

#include <ostream>

namespace attune::cli {
namespace {

constexpr const char* kUsage =
    "attune shot --screen home|study|summary|settings|topics|weak|stats|stats-forecast|stats-memory|stats-topics|decks|card-editor|card-editor-new|new-deck|study-more|card-info|retention|trophies|finale --out FILE.png [--profile DIR] [--size WxH] "
    "[--font-scale F] [--theme NAME]";

constexpr const char* kHelp =
    "usage: attune shot --screen home|study|summary|settings|topics|weak|stats|stats-forecast|stats-memory|stats-topics|decks|card-editor|card-editor-new|new-deck|study-more|card-info|retention|trophies|finale\n"
    "                   --out FILE.png\n"
    "                   [--profile DIR]\n"
    "                   [--size WxH] [--font-scale F] [--theme NAME] [--deck PATH]...\n\n"
    "Renders one screen of the game with the profile's real data to a PNG file and exits.\n"
    "Nothing in the profile changes. Needs an X display (under CI: xvfb-run -a attune shot ...).\n\n"
    "  --screen NAME    home, study, summary (today's study so far) or settings; also\n"
    "                   study-answered (a card after its answer), study-menu (its set-aside\n"
    "                   menu: bury, suspend) and welcome; topics (the topic\n"
    "                   map), weak (weak topics and leeches), stats, decks (the deck browser),\n"
    "                   card-editor (the editor on a choice card; nothing is saved),\n"
    "                   card-editor-new (on a new card), new-deck (the new-deck form),\n"
    "                   study-more (more new cards, review ahead, forgotten, tag, cram);\n"
    "                   stats-forecast, stats-memory, stats-topics (the other Stats pages);\n"
    "                   card-info (the card answered most often);\n"
    "                   retention (what retention should I aim for? the simulated year);\n"
    "                   trophies (every achievement, earned or how far along), finale (the\n"
    "                   latest course finale reached: a deck's cards all met, a topic mastered)\n"
    "  --out FILE.png   where to write the image\n"
    "  --profile DIR    the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n"
    "  --size WxH       the image size in pixels (default 1280x720)\n"
    "  --font-scale F   text size from 1.0 to 2.0 (or 100% to 200%)\n"
    "  --theme NAME     light, dark or high-contrast\n"
    "  --deck PATH      also load this deck file or folder (repeatable)\n";

}  // namespace

int runShot(const Invocation& call) {
    const Args args(call.args, {"--screen", "--out", "--profile", "--deck", "--font-scale", "--theme", "--size"},
                    {"--help", "-h"});
    if (args.has("--help") || args.has("-h")) {
        call.out << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (!args.positionals().empty())
        return usageError(call.err, "unexpected argument '" + args.positionals().front() + "'", kUsage);
    const auto screen = args.value("--screen");
    const auto out = args.value("--out");
    if (!screen) return usageError(call.err, "say which screen with --screen", kUsage);
    if (!out || out->empty()) return usageError(call.err, "say where to write the image with --out FILE.png", kUsage);
#ifdef ATTUNE_HAVE_GAME
    ui::ShotOptions options;
    if (*screen == "home") options.screen = ui::ShotScreen::Home;
    else if (*screen == "study") options.screen = ui::ShotScreen::Study;
    else if (*screen == "study-answered") options.screen = ui::ShotScreen::StudyAnswered;
    else if (*screen == "study-menu") options.screen = ui::ShotScreen::StudyMenu;
    else if (*screen == "summary") options.screen = ui::ShotScreen::Summary;
    else if (*screen == "settings") options.screen = ui::ShotScreen::Settings;
    else if (*screen == "welcome") options.screen = ui::ShotScreen::Welcome;
    else if (*screen == "topics") options.screen = ui::ShotScreen::Topics;
    else if (*screen == "weak") options.screen = ui::ShotScreen::WeakTopics;
    else if (*screen == "stats") options.screen = ui::ShotScreen::Stats;
    else if (*screen == "decks") options.screen = ui::ShotScreen::Decks;
    else if (*screen == "card-editor") options.screen = ui::ShotScreen::CardEditor;
    else if (*screen == "card-editor-new") options.screen = ui::ShotScreen::CardEditorNew;
    else if (*screen == "new-deck") options.screen = ui::ShotScreen::NewDeck;
    else if (*screen == "study-more") options.screen = ui::ShotScreen::StudyMore;
    else if (*screen == "stats-forecast") options.screen = ui::ShotScreen::StatsForecast;
    else if (*screen == "stats-memory") options.screen = ui::ShotScreen::StatsMemory;
    else if (*screen == "stats-topics") options.screen = ui::ShotScreen::StatsTopics;
    else if (*screen == "card-info") options.screen = ui::ShotScreen::CardInfo;
    else if (*screen == "retention") options.screen = ui::ShotScreen::Retention;
    else if (*screen == "trophies") options.screen = ui::ShotScreen::Trophies;
    else if (*screen == "finale") options.screen = ui::ShotScreen::Finale;
    else return usageError(call.err, "--screen takes home, study, study-answered, summary, settings, welcome, topics, weak, stats, stats-forecast, stats-memory, stats-topics, decks, card-editor, card-editor-new, new-deck, study-more, card-info, retention, trophies or finale, not '" + *screen + "'", kUsage);
    const std::filesystem::path file(*out);
    if (file.extension() != ".png" && file.extension() != ".PNG")
        return usageError(call.err, "--out must name a .png file, not '" + *out + "'", kUsage);
    if (const std::string error = readWindowOptions(args, options.window); !error.empty())
        return usageError(call.err, error, kUsage);
    options.out = file;
    if (const std::string error = ui::renderShot(options); !error.empty()) {
        call.err << "attune: " << error << '\n';
        return 1;
    }
    call.out << "wrote " << file.string() << '\n';
    return 0;
#else
    call.err << "attune: this build has no game window (built with ATTUNE_BUILD_GAME=OFF)\n";
    return 1;
#endif
}

}  // namespace attune::cli
