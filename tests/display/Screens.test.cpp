// `attune shot` renders every screen with a profile's real data: at 1280x720 and at 800x600
// with 200 % text, in light and dark (and high contrast), and none of the images is blank.
#include "catch.hpp"

#include <attune/model/deck/Deck.hpp>
#include <attune/model/save/Profile.hpp>

#include <SFML/Graphics/Image.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <sys/wait.h>

namespace fs = std::filesystem;
using namespace attune;

namespace {

constexpr const char* kNow = "2026-11-27T18:00:00Z";

/// A profile that has studied six cards of the course an hour ago.
fs::path seededProfile() {
    const fs::path dir = fs::temp_directory_path() / "attune-display-shots" / "profile";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto loaded = model::loadDeck(std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml");
    REQUIRE(loaded.deck.has_value());
    model::ProfileOpenOptions options;
    options.dailyBackup = false;
    auto opened = model::Profile::open(dir, options);
    REQUIRE_FALSE(opened.profile.readOnly());
    const std::int64_t base = 1795802400000 - 3600 * 1000;  // 2026-11-27T17:00:00Z
    for (std::size_t i = 0; i < 6; ++i) {
        model::ReviewRecord record;
        record.deckId = loaded.deck->id;
        record.cardId = loaded.deck->studyCards[i].id;
        record.utcMs = base + static_cast<std::int64_t>(i) * 20000;
        record.rating = i == 2 ? scheduler::Rating::Again : scheduler::Rating::Good;
        record.durationMs = 6000;
        record.kind = model::ReviewKind::Learn;
        REQUIRE(opened.profile.append(record).ok);
    }
    REQUIRE(opened.profile.close().unsaved == 0);
    return dir;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

/// Shares of pixels unlike the corner (background) and the number of distinct colours.
struct Look {
    double inked = 0.0;
    std::size_t colours = 0;
};

Look lookAt(const sf::Image& image) {
    const sf::Color background = image.getPixel(1, 1);
    std::size_t different = 0;
    std::set<unsigned> colours;
    const auto size = image.getSize();
    for (unsigned y = 0; y < size.y; y += 2) {
        for (unsigned x = 0; x < size.x; x += 2) {
            const sf::Color c = image.getPixel(x, y);
            if (c != background) ++different;
            colours.insert((static_cast<unsigned>(c.r) >> 3) << 10 | (static_cast<unsigned>(c.g) >> 3) << 5 |
                           (static_cast<unsigned>(c.b) >> 3));
        }
    }
    return {static_cast<double>(different) / static_cast<double>((size.x / 2) * (size.y / 2)), colours.size()};
}

}  // namespace

TEST_CASE("shot - every screen renders in light and dark at 1280x720 and at 800x600 with 200 % text") {
    const fs::path profile = seededProfile();
    const fs::path out = fs::temp_directory_path() / "attune-display-shots";
    struct Variant {
        const char* size;
        const char* scale;
        unsigned width, height;
    };
    const Variant variants[] = {{"1280x720", "1.0", 1280, 720}, {"800x600", "2.0", 800, 600}};
    const char* screens[] = {"home", "study", "study-answered", "summary", "settings", "welcome"};
    for (const char* theme : {"light", "dark", "high-contrast"}) {
        for (const auto& variant : variants) {
            if (std::string(theme) == "high-contrast" && variant.width != 1280) continue;
            for (const char* screen : screens) {
                const fs::path png = out / (std::string(screen) + "-" + theme + "-" + variant.size + ".png");
                fs::remove(png);
                const std::string command = std::string("ATTUNE_NOW=") + kNow + " " + quoted(ATTUNE_BINARY) +
                                            " shot --screen " + screen + " --out " + quoted(png) + " --profile " +
                                            quoted(profile) + " --size " + variant.size + " --font-scale " +
                                            variant.scale + " --theme " + theme + " > /dev/null";
                INFO(command);
                REQUIRE(std::system(command.c_str()) == 0);
                sf::Image image;
                REQUIRE(image.loadFromFile(png.string()));
                CHECK(image.getSize().x == variant.width);
                CHECK(image.getSize().y == variant.height);
                const Look look = lookAt(image);
                CHECK(look.inked > 0.04);   // text, panels and buttons, not an empty page
                CHECK(look.colours >= 8);   // more than a flat fill
            }
        }
    }
    // The shot changed nothing in the profile.
    model::ProfileOpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.dailyBackup = false;
    CHECK(model::Profile::open(profile, readOnly).profile.reviews().size() == 6);
}

TEST_CASE("shot - bad options are usage errors and write nothing") {
    const fs::path png = fs::temp_directory_path() / "attune-display-shots" / "never.png";
    fs::remove(png);
    const std::string binary = quoted(ATTUNE_BINARY);
    CHECK(std::system((binary + " shot --screen nowhere --out " + quoted(png) + " 2>/dev/null").c_str()) != 0);
    CHECK(std::system((binary + " shot --screen home --out " + quoted(png) + " --size 12 2>/dev/null").c_str()) != 0);
    CHECK(std::system((binary + " shot --screen home --out " + quoted(png) + " --font-scale 3 2>/dev/null").c_str()) != 0);
    CHECK(std::system((binary + " shot --screen home --out " + quoted(png) + " --theme neon 2>/dev/null").c_str()) != 0);
    CHECK_FALSE(fs::exists(png));
    // No display at all: a sentence and exit 1, never SFML's abort.
    const std::string headless = "env -u DISPLAY " + binary + " shot --screen home --out " + quoted(png) + " 2>/dev/null";
    const int status = std::system(headless.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK_FALSE(fs::exists(png));
}
