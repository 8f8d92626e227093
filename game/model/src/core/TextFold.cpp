// The fold of TextFold.hpp: width forms unfolded, then NFD, marks dropped when asked, full case
// folding, NFC. The canonical decomposition comes before the case folding so that a precomposed
// and a decomposed letter fold alike (Unicode's canonical caseless match).
#include <attune/model/core/TextFold.hpp>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace attune::model {
namespace {

bool isAscii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool isAsciiWordCharacter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

char lowerAsciiLetter(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ICU's normalisers, made on first use: a deck in plain ASCII never asks for them. Null when ICU
// cannot give one (its data missing): that step is then left out, the rest still folds.
struct Normalizers {
    const icu::Normalizer2* nfc = nullptr;
    const icu::Normalizer2* nfd = nullptr;
    const icu::Normalizer2* nfkc = nullptr;  // for the raw width decompositions only
};

const Normalizers& normalizers() {
    static const Normalizers instances = [] {
        Normalizers n;
        UErrorCode status = U_ZERO_ERROR;
        n.nfc = icu::Normalizer2::getNFCInstance(status);
        if (U_FAILURE(status)) n.nfc = nullptr;
        status = U_ZERO_ERROR;
        n.nfd = icu::Normalizer2::getNFDInstance(status);
        if (U_FAILURE(status)) n.nfd = nullptr;
        status = U_ZERO_ERROR;
        n.nfkc = icu::Normalizer2::getNFKCInstance(status);
        if (U_FAILURE(status)) n.nfkc = nullptr;
        return n;
    }();
    return instances;
}

icu::UnicodeString normalized(const icu::Normalizer2* normalizer, const icu::UnicodeString& text) {
    if (normalizer == nullptr) return text;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out = normalizer->normalize(text, status);
    return U_FAILURE(status) ? text : out;
}

bool isWidthForm(UChar32 c) {
    const auto type = u_getIntPropertyValue(c, UCHAR_DECOMPOSITION_TYPE);
    return type == U_DT_WIDE || type == U_DT_NARROW;
}

// A mark set on a letter (an accent, tonos, a vowel point) rather than one that makes another
// letter of it: kana voicing (class 8), nukta (7) and virama (9) sit below class 10.
bool isDiacritic(UChar32 c) { return u_charType(c) == U_NON_SPACING_MARK && u_getCombiningClass(c) >= 10; }

// NFD and case folded, width forms unfolded and (when asked) diacritics dropped: the fold
// before its final NFC.
icu::UnicodeString decomposedFold(std::string_view text, Diacritics diacritics) {
    const Normalizers& n = normalizers();
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::UnicodeString unwidened;
    for (int32_t i = 0; i < input.length(); i = input.moveIndex32(i, 1)) {
        const UChar32 c = input.char32At(i);
        icu::UnicodeString plain;
        if (n.nfkc != nullptr && isWidthForm(c) && n.nfkc->getRawDecomposition(c, plain)) unwidened += plain;
        else unwidened += c;
    }
    icu::UnicodeString decomposed = normalized(n.nfd, unwidened);
    if (diacritics == Diacritics::Ignored) {
        icu::UnicodeString bare;
        for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
            const UChar32 c = decomposed.char32At(i);
            if (!isDiacritic(c)) bare += c;
        }
        decomposed = bare;
    }
    return decomposed.foldCase(U_FOLD_CASE_DEFAULT);
}

std::string utf8Of(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

enum class Role { Word, Gap, Vanishes };

Role roleOf(UChar32 c) {
    if (u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) return Role::Gap;
    switch (u_charType(c)) {
    case U_FORMAT_CHAR: return Role::Vanishes;
    case U_CONTROL_CHAR:
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL: return Role::Gap;
    default: return Role::Word;
    }
}

}  // namespace

std::string foldedText(std::string_view text, Diacritics diacritics) {
    if (isAscii(text)) {
        std::string out(text);
        std::transform(out.begin(), out.end(), out.begin(), lowerAsciiLetter);
        return out;
    }
    return utf8Of(normalized(normalizers().nfc, decomposedFold(text, diacritics)));
}

std::vector<std::string> foldedWords(std::string_view text, Diacritics diacritics) {
    std::vector<std::string> words;
    if (isAscii(text)) {
        std::string word;
        for (const char c : text) {
            if (isAsciiWordCharacter(c)) {
                word += lowerAsciiLetter(c);
            } else if (!word.empty()) {
                words.push_back(std::move(word));
                word.clear();
            }
        }
        if (!word.empty()) words.push_back(std::move(word));
        return words;
    }
    const icu::UnicodeString folded = decomposedFold(text, diacritics);
    const icu::Normalizer2* nfc = normalizers().nfc;
    icu::UnicodeString word;
    auto endWord = [&] {
        if (word.isEmpty()) return;
        words.push_back(utf8Of(normalized(nfc, word)));
        word.remove();
    };
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        const UChar32 c = folded.char32At(i);
        switch (roleOf(c)) {
        case Role::Word: word += c; break;
        case Role::Gap: endWord(); break;
        case Role::Vanishes: break;
        }
    }
    endWord();
    return words;
}

}  // namespace attune::model
