// libFuzzer target: any bytes given to `attune deck import FILE.apkg` come back as one error or
// as a collection whose conversion writes decks that load (but for pictures not yet extracted)
// and media names that stay inside the media folder. The first byte picks what the rest is: a
// whole package, or a collection database that the fuzzer wraps into a legacy package, so that
// mutations reach SQLite, the JSON and the templates without breaking the zip's checksums.
#include "AnkiFixture.hpp"

#include <attune/model/anki/AnkiImport.hpp>
#include <attune/model/anki/AnkiPackage.hpp>
#include <attune/model/deck/Deck.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail) {
    std::fprintf(stderr, "%s: '%.*s'\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace attune::model;
    if (size < 1) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string bytes;
    if (data[0] % 2 == 0) {
        bytes.assign(rest);
    } else {
        bytes = attune::testing::zipArchive({{"collection.anki2", std::string(rest)}, {"media", "{\"0\": \"a.png\"}"}, {"0", "png"}});
    }
    AnkiReadOptions options;
    options.collectionBytes = 8u << 20;
    options.mediaFileBytes = 1u << 20;
    options.mediaMapBytes = 1u << 20;
    const AnkiPackageResult opened = openAnkiPackage(std::string_view(bytes), options);
    if (!opened.package) {
        if (opened.error.empty()) fail("no package and no error", "");
        return 0;
    }
    AnkiImportOptions importOptions;
    importOptions.sourceName = "fuzz.apkg";
    const AnkiImportResult result = convertAnkiCollection(*opened.package, importOptions);
    if (hasErrors(result.diagnostics) != result.decks.empty()) fail("decks and errors disagree", "");
    for (const std::string& name : result.media) {
        if (!isSafeMediaName(name)) fail("an unsafe media name", name);
        std::string error;
        const auto media = opened.package->readMedia(name, error);
        if (!media && error.empty()) fail("no media and no error", name);
    }
    for (const AnkiImportedDeck& deck : result.decks) {
        const DeckLoadResult loaded = loadDeckFromText(deck.toml, "fuzz/" + deck.id + ".toml");
        for (const Diagnostic& d : loaded.diagnostics) {
            if (d.severity == Diagnostic::Severity::Error && d.message.find("image") == std::string::npos) {
                fail("an imported deck does not load", d.format() + "\n" + deck.toml);
            }
        }
    }
    const AnkiHistory history = ankiReviewHistory(opened.package->collection(), result);
    for (const ReviewRecord& r : history.records) {
        if (static_cast<int>(r.rating) < 1 || static_cast<int>(r.rating) > 4) fail("a rating out of range", std::string(r.cardId));
    }
    return 0;
}
