// Line breaks, caret stops and bidi order from ICU (see TextOrder.hpp).
#include <attune/model/core/TextOrder.hpp>

#include <attune/model/core/Utf8.hpp>

#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <string>

namespace attune::model {
namespace {

/// Each UTF-16 unit's byte offset in the UTF-8 text (plus one past the end): ubidi counts in
/// UTF-16, the layout in bytes. Invalid bytes become U+FFFD, one unit per byte.
struct Utf16 {
    std::u16string units;
    std::vector<std::size_t> byteOf;
};

Utf16 toUtf16(std::string_view text) {
    Utf16 out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = claimedSequenceLength(lead);
        char32_t cp = 0xFFFD;
        if (i + length > text.size()) length = 1;
        else if (length == 1) cp = lead < 0x80 ? lead : 0xFFFD;
        else if (!decodeSequence(text.substr(i, length), cp)) length = 1, cp = 0xFFFD;
        if (cp >= 0x10000) {
            out.units += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
            out.units += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
            out.byteOf.push_back(i);
            out.byteOf.push_back(i);
        } else {
            out.units += static_cast<char16_t>(cp);
            out.byteOf.push_back(i);
        }
        i += length;
    }
    out.byteOf.push_back(text.size());
    return out;
}

/// The boundaries an ICU break iterator finds in UTF-8 text, as byte offsets (UText over
/// UTF-8 counts natively in bytes). `makeIterator` is called once per thread.
template <typename Make>
std::vector<std::size_t> boundaries(std::string_view text, Make makeIterator) {
    thread_local std::unique_ptr<icu::BreakIterator> iterator = makeIterator();
    std::vector<std::size_t> out;
    if (!iterator) {
        out.push_back(text.size());
        return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) {
        out.push_back(text.size());
        return out;
    }
    iterator->setText(utext, status);
    for (int32_t at = iterator->first(); at != icu::BreakIterator::DONE; at = iterator->next())
        out.push_back(static_cast<std::size_t>(at));
    // Leave no pointer into `text` behind in the thread's iterator.
    static const char kEmpty[] = "";
    UText* empty = utext_openUTF8(utext, kEmpty, 0, &status);
    iterator->setText(empty, status);
    utext_close(empty);
    if (out.empty() || out.back() != text.size()) out.push_back(text.size());
    return out;
}

struct Bidi {
    UBiDi* handle = ubidi_open();
    ~Bidi() { ubidi_close(handle); }
};

}  // namespace

std::vector<std::size_t> lineBreaks(std::string_view text) {
    auto all = boundaries(text, [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) made.reset();
        return made;
    });
    if (!all.empty() && all.front() == 0) all.erase(all.begin());
    if (all.empty()) all.push_back(text.size());
    return all;
}

std::vector<std::size_t> graphemeBoundaries(std::string_view text) {
    auto all = boundaries(text, [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> made(
            icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) made.reset();
        return made;
    });
    if (all.empty() || all.front() != 0) all.insert(all.begin(), 0);
    return all;
}

bool rightToLeft(std::string_view paragraph) {
    const Utf16 text = toUtf16(paragraph);
    return ubidi_getBaseDirection(text.units.data(), static_cast<int32_t>(text.units.size())) == UBIDI_RTL;
}

std::vector<BidiRun> visualRuns(std::string_view line, bool paragraphRightToLeft) {
    std::vector<BidiRun> runs;
    if (line.empty()) return runs;
    const Utf16 text = toUtf16(line);
    Bidi bidi;
    UErrorCode status = U_ZERO_ERROR;
    ubidi_setPara(bidi.handle, text.units.data(), static_cast<int32_t>(text.units.size()),
                  paragraphRightToLeft ? 1 : 0, nullptr, &status);
    const int32_t count = U_SUCCESS(status) ? ubidi_countRuns(bidi.handle, &status) : 0;
    if (U_FAILURE(status)) return {{0, line.size(), paragraphRightToLeft}};
    for (int32_t i = 0; i < count; ++i) {
        int32_t start = 0;
        int32_t length = 0;
        const UBiDiDirection direction = ubidi_getVisualRun(bidi.handle, i, &start, &length);
        runs.push_back({text.byteOf[static_cast<std::size_t>(start)], text.byteOf[static_cast<std::size_t>(start + length)],
                        direction == UBIDI_RTL});
    }
    return runs;
}

std::vector<std::size_t> visualOrder(std::string_view line, bool paragraphRightToLeft) {
    // Code points by byte offset, then numbered as the visual runs put them on screen.
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < line.size(); i += claimedSequenceLength(static_cast<unsigned char>(line[i])))
        starts.push_back(i);
    std::vector<std::size_t> order(starts.size(), 0);
    auto indexOf = [&](std::size_t byte) {
        return static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), byte) - starts.begin());
    };
    std::size_t place = 0;
    for (const BidiRun& run : visualRuns(line, paragraphRightToLeft)) {
        const std::size_t first = indexOf(run.begin);
        const std::size_t last = indexOf(run.end);
        if (run.rightToLeft)
            for (std::size_t k = last; k > first; --k) order[k - 1] = place++;
        else
            for (std::size_t k = first; k < last; ++k) order[k] = place++;
    }
    return order;
}

}  // namespace attune::model
