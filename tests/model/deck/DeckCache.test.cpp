// The checked deck cache: whatever is in the cache folder, loadDeckCached() gives exactly what
// loadDeck() gives; the cache only ever skips the parse of an unchanged, error-free deck file.
// Every test points $XDG_CACHE_HOME at its own fresh folder, so nothing touches the real home.
#include "FileText.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/deck/DeckCache.hpp>
#include <attune/model/deck/DeckLibrary.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace attune::model;
namespace fs = std::filesystem;
using attune::testing::readAll;
using attune::testing::writeAll;

namespace {

const fs::path kTestDecks = fs::path(ATTUNE_TEST_DATA_DIR) / "decks";
const fs::path kBundledDecks = fs::path(ATTUNE_SOURCE_DIR) / "decks";

// A fresh folder that $XDG_CACHE_HOME points into for the life of the test.
class ScratchCache {
public:
    ScratchCache() {
        if (const char* old = std::getenv("XDG_CACHE_HOME")) {
            m_hadOld = true;
            m_old = old;
        }
        pointCacheAt(m_root / "cache");
    }
    ~ScratchCache() {
        if (m_hadOld) ::setenv("XDG_CACHE_HOME", m_old.c_str(), 1);
        else ::unsetenv("XDG_CACHE_HOME");
    }
    ScratchCache(const ScratchCache&) = delete;
    ScratchCache& operator=(const ScratchCache&) = delete;

    const fs::path& root() const { return m_root; }
    fs::path decksCacheFolder() const { return m_root / "cache" / "attune" / "decks"; }
    void pointCacheAt(const fs::path& dir) const { ::setenv("XDG_CACHE_HOME", dir.c_str(), 1); }

private:
    attune::testing::TempDir m_folder{"attune-deck-cache-test"};
    const fs::path& m_root = m_folder.path;
    std::string m_old;
    bool m_hadOld = false;
};

std::vector<fs::path> corpus() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(kTestDecks)) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    for (const auto& entry : fs::directory_iterator(kBundledDecks)) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

void requireSame(const DeckLoadResult& actual, const DeckLoadResult& expected) {
    REQUIRE(actual.deck.has_value() == expected.deck.has_value());
    if (expected.deck) {
        CHECK(actual.deck->file == expected.deck->file);
        CHECK(actual.deck->topics == expected.deck->topics);
        CHECK(actual.deck->cards == expected.deck->cards);
        CHECK(actual.deck->studyCards == expected.deck->studyCards);
        CHECK(*actual.deck == *expected.deck);
    }
    CHECK(actual.diagnostics == expected.diagnostics);
}

// A deck of the test corpus copied into the scratch folder, so the test may edit it.
fs::path copiedDeck(const ScratchCache& scratch, const std::string& relative) {
    const fs::path to = scratch.root() / "decks" / fs::path(relative).filename();
    fs::create_directories(to.parent_path());
    fs::copy_file(kTestDecks / relative, to, fs::copy_options::overwrite_existing);
    return to;
}

// The byte offset where a cache file's body starts (see the layout in DeckCache.cpp): magic,
// format, build text, path text, size, hash, body hash.
std::size_t bodyOffset(const std::string& cache) {
    auto u32At = [&](std::size_t at) {
        std::uint32_t value = 0;
        for (std::size_t i = 4; i > 0; --i) value = (value << 8) | static_cast<unsigned char>(cache[at + i - 1]);
        return static_cast<std::size_t>(value);
    };
    std::size_t at = 8 + 4;
    at += 4 + u32At(at);  // build
    at += 4 + u32At(at);  // path
    return at + 8 + 8 + 8;
}

// Replaces the body and stores its matching hash, as a forger (or a bug) would.
std::string withBody(const std::string& cache, const std::string& body) {
    const std::size_t offset = bodyOffset(cache);
    std::string out = cache.substr(0, offset - 8);
    const std::uint64_t hash = deckBytesHash(body);
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((hash >> (8 * i)) & 0xFFu));
    return out + body;
}

}  // namespace

TEST_CASE("deck cache - every corpus deck loads the same from the cache as from the file") {
    ScratchCache scratch;
    const auto files = corpus();
    REQUIRE(files.size() >= 30);
    std::size_t cached = 0;
    for (const fs::path& file : files) {
        INFO(file.string());
        const DeckLoadResult expected = loadDeck(file);
        bool fromCache = true;
        const DeckLoadResult first = loadDeckCached(file, &fromCache);
        CHECK_FALSE(fromCache);
        requireSame(first, expected);
        const DeckLoadResult second = loadDeckCached(file, &fromCache);
        // Served from the cache exactly when the deck loaded without errors.
        CHECK(fromCache == !hasErrors(expected.diagnostics));
        CHECK(fs::exists(deckCacheFile(file)) == !hasErrors(expected.diagnostics));
        requireSame(second, expected);
        if (fromCache) ++cached;
    }
    CHECK(cached >= 5);  // the good, warning and bundled decks
}

TEST_CASE("deck cache - warnings come back from the cache with the deck") {
    ScratchCache scratch;
    const fs::path file = kTestDecks / "warnings" / "topic-without-cards.toml";
    const DeckLoadResult expected = loadDeck(file);
    REQUIRE_FALSE(expected.diagnostics.empty());
    REQUIRE_FALSE(hasErrors(expected.diagnostics));
    loadDeckCached(file);
    bool fromCache = false;
    const DeckLoadResult second = loadDeckCached(file, &fromCache);
    CHECK(fromCache);
    requireSame(second, expected);
}

TEST_CASE("deck cache - another spelling of the same path uses the cache and keeps that spelling") {
    ScratchCache scratch;
    const fs::path file = kTestDecks / "good" / "all-types.toml";
    const fs::path spelled = kTestDecks / "good" / "." / ".." / "good" / "all-types.toml";
    loadDeckCached(file);
    bool fromCache = false;
    const DeckLoadResult result = loadDeckCached(spelled, &fromCache);
    CHECK(fromCache);
    requireSame(result, loadDeck(spelled));
    REQUIRE(result.deck);
    CHECK(result.deck->file == spelled);
}

TEST_CASE("deck cache - an edit of one byte is parsed anew and shows the edit") {
    ScratchCache scratch;
    const fs::path file = copiedDeck(scratch, "good/all-types.toml");
    loadDeckCached(file);
    bool fromCache = false;
    const DeckLoadResult before = loadDeckCached(file, &fromCache);
    REQUIRE(fromCache);
    REQUIRE(before.deck);
    REQUIRE_FALSE(before.deck->cards.empty());

    // Same size: one letter of the first card's id changes its case.
    std::string text = readAll(file);
    const std::string& oldId = before.deck->cards.front().id;
    const std::size_t at = text.find("\"" + oldId + "\"");
    REQUIRE(at != std::string::npos);
    const char first = text[at + 1];
    text[at + 1] = first == 'x' ? 'y' : 'x';
    const std::string newId = text.substr(at + 1, oldId.size());
    REQUIRE(newId != oldId);
    const auto oldSize = fs::file_size(file);
    writeAll(file, text);
    REQUIRE(fs::file_size(file) == oldSize);

    const DeckLoadResult edited = loadDeckCached(file, &fromCache);
    CHECK_FALSE(fromCache);
    requireSame(edited, loadDeck(file));
    REQUIRE(edited.deck);
    CHECK(edited.deck->cards.front().id == newId);
    loadDeckCached(file, &fromCache);
    CHECK(fromCache);  // the cache now stands for the edited file

    // Another size: a longer explanation.
    const std::size_t explain = text.find("explain = \"");
    REQUIRE(explain != std::string::npos);
    text.insert(explain + 11, "Longer now. ");
    writeAll(file, text);
    const DeckLoadResult longer = loadDeckCached(file, &fromCache);
    CHECK_FALSE(fromCache);
    requireSame(longer, loadDeck(file));
    REQUIRE(longer.deck);
    const bool showsEdit = std::any_of(longer.deck->cards.begin(), longer.deck->cards.end(), [](const Card& card) {
        return card.explain.rfind("Longer now. ", 0) == 0;
    });
    CHECK(showsEdit);
}

TEST_CASE("deck cache - a damaged cache file falls back to the real parse and is rewritten") {
    ScratchCache scratch;
    const fs::path file = kTestDecks / "good" / "all-types.toml";
    const DeckLoadResult expected = loadDeck(file);
    loadDeckCached(file);
    const fs::path cacheFile = deckCacheFile(file);
    const std::string good = readAll(cacheFile);
    REQUIRE(good.size() > 100);

    std::mt19937 random(12345);
    std::string garbage(good.size(), '\0');
    for (char& c : garbage) c = static_cast<char>(random() & 0xFFu);
    std::string wrongVersion = good;
    wrongVersion[8] = static_cast<char>(wrongVersion[8] + 1);
    std::string flippedBody = good;
    flippedBody[good.size() / 2] = static_cast<char>(flippedBody[good.size() / 2] ^ 0x10);
    std::string wrongBuild = good;
    wrongBuild[8 + 4 + 4] = static_cast<char>(wrongBuild[8 + 4 + 4] ^ 0x01);

    const std::vector<std::pair<std::string, std::string>> damages = {
        {"zero-length", ""},
        {"only the magic", good.substr(0, 8)},
        {"truncated to half", good.substr(0, good.size() / 2)},
        {"one byte short", good.substr(0, good.size() - 1)},
        {"one byte too many", good + "x"},
        {"garbage", garbage},
        {"wrong format version", wrongVersion},
        {"another build", wrongBuild},
        {"a flipped bit in the body", flippedBody},
    };
    for (const auto& [name, bytes] : damages) {
        INFO(name);
        writeAll(cacheFile, bytes);
        bool fromCache = true;
        const DeckLoadResult result = loadDeckCached(file, &fromCache);
        CHECK_FALSE(fromCache);
        requireSame(result, expected);
        loadDeckCached(file, &fromCache);
        CHECK(fromCache);  // rewritten
    }
    // A folder in the cache file's place: nothing can be read or written there, the deck loads.
    fs::remove(cacheFile);
    fs::create_directories(cacheFile);
    bool fromCache = true;
    requireSame(loadDeckCached(file, &fromCache), expected);
    CHECK_FALSE(fromCache);
}

TEST_CASE("deck cache - a body with a matching hash but bad lengths is not trusted") {
    ScratchCache scratch;
    const fs::path file = kTestDecks / "good" / "all-types.toml";
    const DeckLoadResult expected = loadDeck(file);
    loadDeckCached(file);
    const fs::path cacheFile = deckCacheFile(file);
    const std::string good = readAll(cacheFile);
    const std::string body = good.substr(bodyOffset(good));
    REQUIRE(withBody(good, body) == good);  // the test's idea of the layout is the real one

    // Cut short anywhere: never read back.
    for (std::size_t size = 0; size < body.size(); size += 7) {
        INFO("body cut to " << size << " of " << body.size() << " bytes");
        writeAll(cacheFile, withBody(good, body.substr(0, size)));
        bool fromCache = true;
        requireSame(loadDeckCached(file, &fromCache), expected);
        CHECK_FALSE(fromCache);
    }
    // Every few bytes overwritten by a huge number: in a length or a count it must be refused
    // (and nothing may crash); inside a text it is only a different text, which a matching body
    // hash lets through, so only the refusals are compared.
    std::size_t refused = 0;
    std::size_t tries = 0;
    for (std::size_t at = 0; at + 4 <= body.size(); at += 3, ++tries) {
        std::string forged = body;
        forged.replace(at, 4, "\xff\xff\xff\x7f");
        writeAll(cacheFile, withBody(good, forged));
        bool fromCache = true;
        const DeckLoadResult result = loadDeckCached(file, &fromCache);
        if (!fromCache) {
            ++refused;
            requireSame(result, expected);
        }
    }
    CHECK(refused > tries / 10);
}

TEST_CASE("deck cache - a deck with errors is never served from the cache") {
    ScratchCache scratch;
    const fs::path file = copiedDeck(scratch, "good/all-types.toml");
    const std::string goodText = readAll(file);
    loadDeckCached(file);

    writeAll(file, goodText + "\n[[card]]\nid = \"broken\"\n");
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool fromCache = true;
        const DeckLoadResult result = loadDeckCached(file, &fromCache);
        CHECK_FALSE(fromCache);
        CHECK(hasErrors(result.diagnostics));
        requireSame(result, loadDeck(file));
    }
    // Put back, the file matches the cache written for it before.
    writeAll(file, goodText);
    bool fromCache = false;
    requireSame(loadDeckCached(file, &fromCache), loadDeck(file));
    CHECK(fromCache);
}

TEST_CASE("deck cache - an image removed after caching gives the loader's error") {
    ScratchCache scratch;
    const fs::path folder = scratch.root() / "decks";
    fs::create_directories(folder / "images");
    fs::copy_file(kTestDecks / "good" / "with-image.toml", folder / "with-image.toml");
    fs::copy_file(kTestDecks / "good" / "images" / "pixel.png", folder / "images" / "pixel.png");
    const fs::path file = folder / "with-image.toml";
    loadDeckCached(file);
    bool fromCache = false;
    requireSame(loadDeckCached(file, &fromCache), loadDeck(file));
    REQUIRE(fromCache);

    fs::remove(folder / "images" / "pixel.png");
    const DeckLoadResult result = loadDeckCached(file, &fromCache);
    CHECK_FALSE(fromCache);
    CHECK(hasErrors(result.diagnostics));
    requireSame(result, loadDeck(file));

    fs::create_directories(folder / "images" / "pixel.png");  // a folder where the image was
    requireSame(loadDeckCached(file, &fromCache), loadDeck(file));
    CHECK_FALSE(fromCache);
}

TEST_CASE("deck cache - an unwritable cache folder still loads the deck") {
    ScratchCache scratch;
    // A plain file where the cache folder would have to be: no user, not even root, can create it.
    writeAll(scratch.root() / "not-a-folder", "x");
    scratch.pointCacheAt(scratch.root() / "not-a-folder" / "cache");
    const fs::path file = kTestDecks / "good" / "all-types.toml";
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool fromCache = true;
        requireSame(loadDeckCached(file, &fromCache), loadDeck(file));
        CHECK_FALSE(fromCache);
    }
}

TEST_CASE("deck cache - a relative cache home is ignored like XDG says") {
    ScratchCache scratch;
    ::setenv("XDG_CACHE_HOME", "relative/cache", 1);
    const char* home = std::getenv("HOME");
    const fs::path base = home != nullptr && *home != '\0' ? fs::path(home) : fs::path(".");
    CHECK(deckCacheFile(kTestDecks / "good" / "all-types.toml").parent_path() == base / ".cache" / "attune" / "decks");
    ::setenv("XDG_CACHE_HOME", scratch.root().c_str(), 1);
    CHECK(deckCacheFile(kTestDecks / "good" / "all-types.toml").parent_path() == scratch.root() / "attune" / "decks");
}

TEST_CASE("deck cache - one changed byte anywhere changes the content hash") {
    std::mt19937 random(777);
    for (const std::size_t size : {std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{31}, std::size_t{32},
                                   std::size_t{33}, std::size_t{100}, std::size_t{1000}}) {
        std::string bytes(size, '\0');
        for (char& c : bytes) c = static_cast<char>(random() & 0xFFu);
        const std::uint64_t original = deckBytesHash(bytes);
        for (std::size_t i = 0; i < size; ++i) {
            std::string changed = bytes;
            changed[i] = static_cast<char>(changed[i] ^ static_cast<char>(1 + random() % 255));
            INFO("size " << size << " byte " << i);
            CHECK(deckBytesHash(changed) != original);
        }
        CHECK(deckBytesHash(bytes + '\0') != original);  // a longer file, even by a zero byte
    }
    CHECK(deckBytesHash("") != deckBytesHash(std::string(1, '\0')));
}

TEST_CASE("deck library - the cached library equals the parsed one in decks and diagnostics order") {
    ScratchCache scratch;
    const std::vector<DeckSource> sources = {
        {kBundledDecks, DeckOrigin::Bundled, true},
        {kTestDecks / "warnings", DeckOrigin::Player, true},
        {kTestDecks / "broken", DeckOrigin::CommandLine, true},
        {scratch.root() / "missing", DeckOrigin::CommandLine, true},
        {kTestDecks / "good", DeckOrigin::CommandLine, true},
        {kTestDecks / "good" / "all-types.toml", DeckOrigin::CommandLine, true},
    };
    const DeckLibrary parsed = loadDeckLibrary(sources, DeckReading::AlwaysParse);
    REQUIRE_FALSE(fs::exists(scratch.decksCacheFolder()));  // parsing never writes the cache
    for (int round = 0; round < 2; ++round) {
        INFO("round " << round);  // 0 writes the cache, 1 reads it
        const DeckLibrary cached = loadDeckLibrary(sources);
        CHECK(cached.fileCount == parsed.fileCount);
        CHECK(cached.diagnostics == parsed.diagnostics);
        REQUIRE(cached.decks.size() == parsed.decks.size());
        for (std::size_t i = 0; i < parsed.decks.size(); ++i) {
            CHECK(cached.decks[i].deck == parsed.decks[i].deck);
            CHECK(cached.decks[i].origin == parsed.decks[i].origin);
        }
    }
    CHECK(fs::exists(scratch.decksCacheFolder()));
}
