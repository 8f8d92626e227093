#include "catch.hpp"

#include <attune/model/anki/AnkiText.hpp>

using attune::model::ankiHtmlToText;

TEST_CASE("Anki HTML: line breaks, blocks and paragraphs become lines") {
    CHECK(ankiHtmlToText("one<br>two<br/>three").text == "one\ntwo\nthree");
    CHECK(ankiHtmlToText("<div>first</div><div>second</div>").text == "first\nsecond");
    CHECK(ankiHtmlToText("first<div><br></div><div>after a blank line</div>").text == "first\n\nafter a blank line");
    CHECK(ankiHtmlToText("<p>a</p><p>b</p>").text == "a\nb");
    CHECK(ankiHtmlToText("<br><br>x<br><br><br><br>y<br>").text == "x\n\ny");
}

TEST_CASE("Anki HTML: spaces collapse as a browser shows them, source line breaks are spaces") {
    CHECK(ankiHtmlToText("  a \n  b\t\tc  ").text == "a b c");
    CHECK(ankiHtmlToText("<b>bold</b> and <i>italic</i>").text == "bold and italic");
}

TEST_CASE("Anki HTML: lists keep their items, numbered lists their numbers") {
    CHECK(ankiHtmlToText("Steps:<ul><li>one</li><li>two</li></ul>done").text == "Steps:\n\u2022 one\n\u2022 two\ndone");
    CHECK(ankiHtmlToText("<ol><li>first</li><li>second</li></ol>").text == "1. first\n2. second");
}

TEST_CASE("Anki HTML: entities are decoded, named and numeric") {
    CHECK(ankiHtmlToText("a &amp; b &lt;c&gt; &quot;d&quot; &nbsp;e").text == "a & b <c> \"d\" e");
    CHECK(ankiHtmlToText("&#233;t&#xE9; &mdash; &hellip;").text == "\u00e9t\u00e9 \u2014 \u2026");
    CHECK(ankiHtmlToText("&unknown; & alone").text == "&unknown; & alone");
    // A numeric entity may not smuggle in a control character or a surrogate.
    CHECK(ankiHtmlToText("a&#27;[31mb &#xD800;").text == "a [31mb \ufffd");
}

TEST_CASE("Anki HTML: pictures are collected, sounds counted and dropped") {
    const auto text = ankiHtmlToText("Look <img src=\"brain &amp; heart.png\"> and <IMG SRC='b.jpg'>[sound:say.mp3] <audio src=x.mp3></audio>");
    CHECK(text.text == "Look and");
    REQUIRE(text.images == std::vector<std::string>{"brain & heart.png", "b.jpg"});
    CHECK(text.sounds == 2);
}

TEST_CASE("Anki HTML: scripts, styles and comments vanish, cloze markup and MathJax stay") {
    CHECK(ankiHtmlToText("<style>.x{}</style>a<script>alert(1)</script>b<!-- note -->c").text == "abc");
    CHECK(ankiHtmlToText("The {{c1::<b>amygdala</b>::part}} fires").text == "The {{c1::amygdala::part}} fires");
    CHECK(ankiHtmlToText("\\(x^2 < y\\)").text == "\\(x^2 < y\\)");
    CHECK(ankiHtmlToText("3 < 4 and <3").text == "3 < 4 and <3");
}

TEST_CASE("Anki HTML: invalid UTF-8 and control characters never reach a card") {
    const auto text = ankiHtmlToText(std::string("a\xff" "b\x07" "c\x1b[0m", 9));
    CHECK(text.text == "a\ufffdb c [0m");
}
