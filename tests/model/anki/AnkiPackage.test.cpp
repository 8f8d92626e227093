// Packages that are not what they claim: each gets one clear error, never a crash.
#include "AnkiFixture.hpp"
#include "catch.hpp"

#include <attune/model/anki/AnkiPackage.hpp>

#include <algorithm>

using namespace attune::model;
using namespace attune::testing;

namespace {

FixtureCollection small() {
    FixtureCollection c;
    c.addNote(stockBasic(), {"perro", "dog"});
    c.media = {{"a.png", std::string(300, 'x')}};
    return c;
}

std::string errorOf(const std::string& bytes, const AnkiReadOptions& options = {}) {
    const auto opened = openAnkiPackage(std::string_view(bytes), options);
    CHECK_FALSE(opened.package);
    return opened.error;
}

}  // namespace

TEST_CASE("Anki package: the generation is read from meta, else from the collection's name") {
    const auto c = small();
    for (const auto format : {AnkiFormat::Legacy1, AnkiFormat::Legacy2, AnkiFormat::Latest}) {
        const std::string bytes = ankiPackage(c, format);
        const auto opened = openAnkiPackage(std::string_view(bytes));
        INFO(opened.error);
        REQUIRE(opened.package);
        CHECK(static_cast<int>(opened.package->collection().generation) == static_cast<int>(format));
        // Not the dummy collection that newer packages carry for old Ankis.
        REQUIRE(opened.package->collection().notes.size() == 1);
        CHECK(opened.package->collection().notes[0].fields[0] == "perro");
    }
    // The Python exporter wrote collection.anki21 and no meta.
    auto members = ankiPackageMembers(c, AnkiFormat::Legacy2);
    members.erase(members.begin());
    const auto opened = openAnkiPackage(std::string_view(zipArchive(members)));
    REQUIRE(opened.package);
    CHECK(opened.package->collection().generation == AnkiGeneration::Legacy2);
}

TEST_CASE("Anki package: a file that is not a package says so") {
    CHECK(errorOf("front,back\nperro,dog\n").find("not a zip archive") != std::string::npos);
    CHECK(errorOf(zipArchive({{"notes.txt", "hello"}})).find("not an Anki package") != std::string::npos);
    CHECK(errorOf(zipArchive({{"meta", "\x08\x07"}, {"collection.anki21b", "x"}})).find("newer Anki") != std::string::npos);
    CHECK(errorOf(zipArchive({{"collection.anki2", "not sqlite at all, but long enough to have a header of a hundred bytes or so......................"}}))
              .find("not an SQLite database") != std::string::npos);
}

TEST_CASE("Anki package: a truncated download is refused") {
    for (const auto format : {AnkiFormat::Legacy1, AnkiFormat::Latest}) {
        const std::string bytes = ankiPackage(small(), format);
        for (const std::size_t keep : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 30}) {
            const std::string error = errorOf(bytes.substr(0, keep));
            INFO(keep);
            CHECK_FALSE(error.empty());
        }
    }
}

TEST_CASE("Anki package: a broken collection database is refused") {
    // Every page after the first (the schema), or only the last pages (rows and indexes).
    for (const double from : {0.0, 0.5, 0.9}) {
        auto members = ankiPackageMembers(small(), AnkiFormat::Legacy1);
        std::string& database = members[0].second;
        REQUIRE(members[0].first == "collection.anki2");
        const auto start = std::max<std::size_t>(1024, static_cast<std::size_t>(from * static_cast<double>(database.size())) / 1024 * 1024);
        for (std::size_t i = start; i < database.size(); ++i) database[i] = static_cast<char>(i * 7);
        const std::string error = errorOf(zipArchive(members));
        INFO(from << ": " << error);
        CHECK(error.find("damaged") != std::string::npos);
    }
}

TEST_CASE("Anki package: media names that leave the media folder are refused") {
    for (const std::string& name : std::vector<std::string>{"../evil.png", "/etc/passwd", "a/b.png", "..", "C:evil.png", "a\x01.png"}) {
        for (const auto format : {AnkiFormat::Legacy1, AnkiFormat::Latest}) {
            auto c = small();
            c.media = {{name, "x"}};
            INFO(name);
            CHECK(errorOf(ankiPackage(c, format)).find("not a plain file name") != std::string::npos);
        }
    }
}

TEST_CASE("Anki package: sizes are capped before they are allocated (zip bombs, huge media)") {
    const auto c = small();
    AnkiReadOptions options;
    options.collectionBytes = 4096;
    CHECK(errorOf(ankiPackage(c, AnkiFormat::Latest), options).find("expands to more than") != std::string::npos);
    CHECK(errorOf(ankiPackage(c, AnkiFormat::Legacy1), options).find("over the limit") != std::string::npos);

    AnkiReadOptions mediaOptions;
    mediaOptions.mediaFileBytes = 100;
    for (const auto format : {AnkiFormat::Legacy1, AnkiFormat::Latest}) {
        const std::string bytes = ankiPackage(c, format);
        const auto opened = openAnkiPackage(std::string_view(bytes), mediaOptions);
        REQUIRE(opened.package);
        std::string error;
        CHECK_FALSE(opened.package->readMedia("a.png", error));
        CHECK(error.find("a.png") != std::string::npos);
        CHECK_FALSE(opened.package->readMedia("nothing.png", error));
    }
    // A zstd stream that claims far more than it holds, and garbage instead of zstd.
    auto members = ankiPackageMembers(c, AnkiFormat::Latest);
    members[1].second = members[1].second.substr(0, members[1].second.size() / 2);
    CHECK(errorOf(zipArchive(members)).find("collection") != std::string::npos);
    members[1].second = "\x28\xB5\x2F\xFD garbage";
    CHECK(errorOf(zipArchive(members)).find("zstd") != std::string::npos);
}

TEST_CASE("Anki package: safe media names") {
    CHECK(isSafeMediaName("photo 1.jpg"));
    CHECK(isSafeMediaName("\u00e9t\u00e9.png"));
    CHECK_FALSE(isSafeMediaName(""));
    CHECK_FALSE(isSafeMediaName("."));
    CHECK_FALSE(isSafeMediaName("a\\b.png"));
    CHECK_FALSE(isSafeMediaName(std::string(256, 'a')));
    CHECK_FALSE(isSafeMediaName("\xff.png"));
}
