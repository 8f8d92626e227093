// The one fold behind every comparison of text for the player, and type-in answers in every
// script through it. Non-ASCII text is written with \u escapes where the bytes matter (a
// decomposed accent, a width form) and as itself where it reads better.
#include "catch.hpp"

#include <attune/model/core/TextFold.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/session/TypeInAnswer.hpp>

using namespace attune::model;

namespace {

bool matches(std::string_view typed, std::string_view answer) { return typedAnswerMatches(typed, answer); }

bool matchesIgnoringDiacritics(std::string_view typed, std::string_view answer) {
    return typedAnswerMatches(typed, answer, {}, Diacritics::Ignored);
}

}  // namespace

TEST_CASE("text fold - full case folding, not only ASCII and Latin-1") {
    CHECK(foldedText("STRASSE") == "strasse");
    CHECK(foldedText("Stra\u00DFe") == "strasse");           // ß folds to ss
    CHECK(foldedText("\u1E9E") == "ss");                       // capital ẞ too
    CHECK(foldedText("\u039F\u0394\u039F\u03A3") == "\u03BF\u03B4\u03BF\u03C3");  // ΟΔΟΣ
    CHECK(foldedText("\u03BF\u03B4\u03BF\u03C2") == "\u03BF\u03B4\u03BF\u03C3");  // final ς is σ
    CHECK(foldedText("\u041C\u041E\u0421\u041A\u0412\u0410") == "\u043C\u043E\u0441\u043A\u0432\u0430");  // МОСКВА
    // Turkish: the default rule, the same for every deck. "I" is "i", "İ" is "i" + dot above, and
    // the dotless "ı" stays itself.
    CHECK(foldedText("I") == "i");
    CHECK(foldedText("\u0130") == "i\u0307");
    CHECK(foldedText("\u0131") == "\u0131");
    // Spaces and punctuation stay: this is the fold of a search, not of an answer.
    CHECK(foldedText("Caf\u00C9, OK?") == "caf\u00E9, ok?");
    CHECK(foldedText("") == "");
}

TEST_CASE("text fold - canonically equal spellings are one: NFC") {
    CHECK(foldedText("e\u0301") == "\u00E9");                        // decomposed é
    CHECK(foldedText("E\u0301") == "\u00E9");
    CHECK(foldedText("\u1100\u1161\u11A8") == "\uAC01");              // conjoining jamo: 각
    CHECK(foldedText("\u0915\u093C") == "\u0915\u093C");              // क़ stays decomposed (NFC excludes it)
    CHECK(foldedText("\u0958") == "\u0915\u093C");                    // and its precomposed form joins it
    CHECK(foldedText("\u212B") == "\u00E5");                          // Å ANGSTROM SIGN is å
}

TEST_CASE("text fold - width forms are their ordinary characters, other compatibility forms are not") {
    CHECK(foldedText("\uFF21\uFF22\uFF23") == "abc");                  // full-width ＡＢＣ
    CHECK(foldedText("\uFF11\uFF12") == "12");                         // full-width digits
    CHECK(foldedText("\uFF76\uFF9E") == "\u30AC");                     // half-width ｶﾞ is ガ
    CHECK(foldedText("x\u00B2") == "x\u00B2");                         // x² is not x2
    CHECK(foldedText("\u338F") == "\u338F");                           // ㎏ is not kg
    CHECK(foldedText("\uFB01") == "fi");                               // full case folding itself unties ﬁ
    CHECK(foldedText("\u2460") == "\u2460");                           // ① is not 1
}

TEST_CASE("text fold - ignoring diacritics drops marks set on a letter, never letters") {
    const auto ignored = Diacritics::Ignored;
    CHECK(foldedText("Caf\u00E9", ignored) == "cafe");
    CHECK(foldedText("cafe\u0301", ignored) == "cafe");
    CHECK(foldedText("\u0395\u03BB\u03BB\u03AC\u03B4\u03B1", ignored) == "\u03B5\u03BB\u03BB\u03B1\u03B4\u03B1");  // Ελλάδα
    CHECK(foldedText("\u00C7a \u00E7a", ignored) == "ca ca");         // cedilla
    CHECK(foldedText("\u0130stanbul", ignored) == "istanbul");
    CHECK(foldedText("\u0643\u064E\u062A\u064E\u0628\u064E", ignored) == "\u0643\u062A\u0628");  // كَتَبَ -> كتب
    CHECK(foldedText("\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD", ignored) == "\u05E9\u05DC\u05D5\u05DD");  // שָׁלוֹם -> שלום
    // Letters of their own stay: ø, ł, đ have no decomposition.
    CHECK(foldedText("\u00F8\u0142\u0111", ignored) == "\u00F8\u0142\u0111");
    // Marks that make another letter stay: kana voicing, nukta, virama, Devanagari vowel signs.
    CHECK(foldedText("\u304C", ignored) == "\u304C");                 // が is not か
    CHECK(foldedText("\u0915\u093C", ignored) == "\u0915\u093C");
    CHECK(foldedText("\u0939\u093F\u0928\u094D\u0926\u0940", ignored) == "\u0939\u093F\u0928\u094D\u0926\u0940");  // हिन्दी
}

TEST_CASE("text fold - words end at spaces, punctuation and symbols of any script, format characters vanish") {
    CHECK(foldedWords("Trauma-informed CARE, step 2!") == std::vector<std::string>{"trauma", "informed", "care", "step", "2"});
    CHECK(foldedWords("partner\u2019s \u00C9lan") == std::vector<std::string>{"partner", "s", "\u00E9lan"});
    CHECK(foldedWords(" \u2014 ... ").empty());
    CHECK(foldedWords("").empty());
    // No-break, ideographic and other Unicode spaces end words like a space.
    CHECK(foldedWords("a\u00A0b\u3000c\u2009d\u202Fe") == std::vector<std::string>{"a", "b", "c", "d", "e"});
    // CJK and Devanagari punctuation, the Japanese middle dot.
    CHECK(foldedWords("\u6771\u4EAC\u3001\u5927\u962A\u3002") == std::vector<std::string>{"\u6771\u4EAC", "\u5927\u962A"});
    CHECK(foldedWords("\u30B3\u30FC\u30D2\u30FC\u30FB\u30DF\u30EB\u30AF") ==
          std::vector<std::string>{"\u30B3\u30FC\u30D2\u30FC", "\u30DF\u30EB\u30AF"});
    CHECK(foldedWords("\u0928\u092E\u0938\u094D\u0924\u0947\u0964") == std::vector<std::string>{"\u0928\u092E\u0938\u094D\u0924\u0947"});
    // A soft hyphen or a zero-width non-joiner inside a word does not split it.
    CHECK(foldedWords("Silben\u00ADtrennung") == std::vector<std::string>{"silbentrennung"});
    CHECK(foldedWords("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645") == std::vector<std::string>{"\u0645\u06CC\u062E\u0648\u0627\u0647\u0645"});
    // Emoji are words, not gaps: an answer made of them can still be typed.
    CHECK(foldedWords("\U0001F600") == std::vector<std::string>{"\U0001F600"});
}

TEST_CASE("text fold - invalid UTF-8 never fails and never matches real text by accident") {
    CHECK(foldedText("caf\xE9") == "caf\uFFFD");
    CHECK(foldedWords("\xFF\xC3") == std::vector<std::string>{"\uFFFD\uFFFD"});
    CHECK_FALSE(matches("caf\xE9", "caf\u00E9"));
}

TEST_CASE("type-in - matching across scripts") {
    SECTION("Japanese kana and kanji, exactly") {
        CHECK(matches("\u306D\u3053", "\u306D\u3053"));                          // ねこ
        CHECK_FALSE(matches("\u30CD\u30B3", "\u306D\u3053"));                    // katakana ネコ is not hiragana
        CHECK(matches("\u732B", "\u732B"));                                       // 猫
        CHECK_FALSE(matches("\u72AC", "\u732B"));
        CHECK(matches("\u304B\u3099", "\u304C"));                                 // か + combining dakuten = が
        CHECK_FALSE(matches("\u304B", "\u304C"));
        CHECK(matches("\u3000\u306D\u3053\u3002", "\u306D\u3053"));               // ideographic space and full stop
    }
    SECTION("Chinese") {
        CHECK(matches("\u4F60\u597D", "\u4F60\u597D\uFF01"));                     // 你好 = 你好！
        CHECK_FALSE(matches("\u4F60", "\u4F60\u597D"));
    }
    SECTION("Korean: precomposed syllables and conjoining jamo are the same text") {
        const std::string nfc = "\uD55C\uAD6D\uC5B4";                              // 한국어
        const std::string nfd = "\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165";
        CHECK(matches(nfd, nfc));
        CHECK(matches(nfc, nfd));
        CHECK_FALSE(matches("\uD55C\uAD6D", nfc));
    }
    SECTION("Arabic and Hebrew, exactly") {
        CHECK(matches("\u0642\u0637\u0629", "\u0642\u0637\u0629"));               // قطة
        CHECK_FALSE(matches("\u0642\u0637", "\u0642\u0637\u0629"));
        CHECK_FALSE(matches("\u0643\u062A\u0628", "\u0643\u064E\u062A\u064E\u0628\u064E"));  // vowel marks count by default
        CHECK(matchesIgnoringDiacritics("\u0643\u062A\u0628", "\u0643\u064E\u062A\u064E\u0628\u064E"));
        // Shadda and a vowel mark in either order are one spelling (canonical ordering).
        CHECK(matches("\u0642\u0650\u0637\u0651\u064E\u0629", "\u0642\u0650\u0637\u064E\u0651\u0629"));
        CHECK(matches("\u05E9\u05DC\u05D5\u05DD!", "\u05E9\u05DC\u05D5\u05DD"));  // שלום
        CHECK_FALSE(matches("\u05E9\u05DC\u05DD", "\u05E9\u05DC\u05D5\u05DD"));
    }
    SECTION("Hindi: the vowel signs are part of the word") {
        const std::string hindi = "\u0939\u093F\u0928\u094D\u0926\u0940";          // हिन्दी
        CHECK(matches(hindi, hindi));
        CHECK_FALSE(matches("\u0939\u0928\u0926", hindi));
        CHECK_FALSE(matchesIgnoringDiacritics("\u0939\u0928\u0926", hindi));
    }
    SECTION("Greek: tonos counts unless ignored, final sigma and capitals fold") {
        const std::string greece = "\u0395\u03BB\u03BB\u03AC\u03B4\u03B1";        // Ελλάδα
        CHECK(matches("\u0395\u039B\u039B\u0386\u0394\u0391", greece));            // ΕΛΛΆΔΑ
        CHECK(matches("\u03B5\u03BB\u03BB\u03B1\u0301\u03B4\u03B1", greece));      // decomposed ά
        CHECK_FALSE(matches("\u0395\u03BB\u03BB\u03B1\u03B4\u03B1", greece));      // Ελλαδα
        CHECK(matchesIgnoringDiacritics("\u0395\u03BB\u03BB\u03B1\u03B4\u03B1", greece));
        CHECK(matches("\u039B\u039F\u0393\u039F\u03A3", "\u03BB\u03BF\u03B3\u03BF\u03C2"));  // ΛΟΓΟΣ = λογος
    }
    SECTION("German sharp s") {
        CHECK(matches("STRASSE", "Stra\u00DFe"));
        CHECK(matches("strasse", "Stra\u00DFe"));
        CHECK(matches("Stra\u00DFe", "STRASSE"));
        CHECK_FALSE(matches("strase", "Stra\u00DFe"));
    }
    SECTION("accented Latin, with and without ignore_diacritics") {
        CHECK(matches("CAF\u00C9", "caf\u00E9"));
        CHECK(matches("cafe\u0301", "caf\u00E9"));
        CHECK_FALSE(matches("cafe", "caf\u00E9"));
        CHECK(matchesIgnoringDiacritics("cafe", "caf\u00E9"));
        CHECK(matchesIgnoringDiacritics("Caf\u00E8", "caf\u00E9"));              // any accent on the e
        CHECK_FALSE(matchesIgnoringDiacritics("caff", "caf\u00E9"));
        CHECK(matchesIgnoringDiacritics("francais", "Fran\u00E7ais"));
        CHECK(matchesIgnoringDiacritics("nino", "ni\u00F1o"));
    }
    SECTION("full-width and half-width forms match their ordinary characters") {
        CHECK(matches("\uFF24\uFF36\uFF24", "DVD"));                               // ＤＶＤ
        CHECK(matches("\uFF24\uFF36\uFF24\u3092\u898B\u308B", "DVD\u3092\u898B\u308B"));
        CHECK(matches("\uFF7A\uFF70\uFF8B\uFF70", "\u30B3\u30FC\u30D2\u30FC"));     // ｺｰﾋｰ = コーヒー
        CHECK_FALSE(matches("x2", "x\u00B2"));
    }
}

TEST_CASE("type-in - a card's ignore_diacritics covers its answer and its accept list") {
    Card card;
    card.type = CardType::TypeIn;
    card.answer = "\u00E9l\u00E8ve";
    card.accept = {"\u00E9tudiant"};
    CHECK_FALSE(typedAnswerMatches("eleve", card));
    CHECK_FALSE(typedAnswerMatches("etudiant", card));
    card.ignoreDiacritics = true;
    CHECK(typedAnswerMatches("eleve", card));
    CHECK(typedAnswerMatches("ETUDIANT", card));
    CHECK_FALSE(typedAnswerMatches("eleves", card));
}
