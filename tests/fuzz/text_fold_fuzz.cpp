// libFuzzer target: any bytes, as a typed answer or a card's text, fold without failing into
// valid UTF-8, and the fold is settled: folding the folded text again changes nothing, its
// words are the words of the original, and a text with something to compare matches itself.
#include <attune/model/core/TextFold.hpp>
#include <attune/model/core/Utf8.hpp>
#include <attune/model/session/TypeInAnswer.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail) {
    std::fprintf(stderr, "%s: '%.*s'\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace attune::model;
    if (size > 4096) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const Diacritics diacritics : {Diacritics::Significant, Diacritics::Ignored}) {
        const std::string folded = foldedText(text, diacritics);
        if (firstInvalidUtf8(folded)) fail("folded text is not UTF-8", folded);
        if (foldedText(folded, diacritics) != folded) fail("folding twice changes the text", folded);
        const std::vector<std::string> words = foldedWords(text, diacritics);
        for (const std::string& word : words) {
            if (word.empty()) fail("an empty word", text);
            if (firstInvalidUtf8(word)) fail("a word is not UTF-8", word);
        }
        if (foldedWords(folded, diacritics) != words) fail("the folded text has other words", folded);
        const std::string answer = normalizeTypedAnswer(text, diacritics);
        if (!answer.empty() && !typedAnswerMatches(text, text, {}, diacritics)) fail("an answer does not match itself", text);
        if (!typedAnswerMatches(text, folded, {}, diacritics) && !answer.empty()) fail("an answer does not match its fold", text);
    }
    return 0;
}
