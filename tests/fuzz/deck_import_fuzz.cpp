// libFuzzer target: any CSV/TSV bytes given to `attune deck import` either come back as
// diagnostics or as a deck that loads without errors (the import's TOML escaping is right).
// Seeded with small exports (quoted fields, line breaks and doubled quotes inside them, Anki
// headers), built as tests/fuzz/CMakeLists.txt says:
//   cmake --build build/fuzz --target deck_import_fuzz
//   mkdir -p /tmp/csv && cp tests/fuzz/corpus/deck_import/* /tmp/csv/
//   build/fuzz/tests/fuzz/deck_import_fuzz -max_total_time=600 -max_len=4096 \
//       -dict=tests/fuzz/deck_import_fuzz.dict /tmp/csv
#include <attune/model/deck/DeckImport.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace attune::model;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ImportOptions options;
    options.deckId = "fuzz";
    options.title = "Fuzz";
    options.sourceName = size % 2 == 0 ? "fuzz.csv" : "fuzz.tsv";
    const ImportResult result = importCards(text, options);
    if (hasErrors(result.diagnostics)) return 0;
    const DeckLoadResult loaded = loadDeckFromText(result.toml, "/nonexistent-attune-fuzz/fuzz.toml");
    if (!loaded.deck || loaded.deck->cards.size() != result.cardCount) {
        for (const auto& d : loaded.diagnostics) std::fprintf(stderr, "%s\n", d.format().c_str());
        std::abort();  // an import that does not load is a bug
    }
    // Importing again over the result keeps every id.
    const ImportResult again = importCards(text, options, &*loaded.deck);
    if (again.keptIds != result.cardCount) std::abort();
    return 0;
}
