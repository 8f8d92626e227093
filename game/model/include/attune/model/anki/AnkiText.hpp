// Anki's fields are HTML fragments; Attune's cards are plain text. The conversion keeps what
// carries meaning in text (line breaks, list items, entities decoded) and reports what it
// cannot keep (pictures become the card's image, sounds are dropped).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

struct AnkiText {
    std::string text;                  // plain UTF-8 text without control characters (tabs, line breaks kept)
    std::vector<std::string> images;   // `src` of each <img>, entity-decoded, in order
    std::size_t sounds = 0;            // [sound:...] tags and <audio>/<video> elements dropped
};

/// "<div>one<br>two &amp; three</div><ul><li>a</li></ul>" -> "one\ntwo & three\n• a".
/// Invalid UTF-8 becomes U+FFFD. Cloze markup and MathJax stay as written.
AnkiText ankiHtmlToText(std::string_view html);

}  // namespace attune::model
