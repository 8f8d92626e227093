#include <attune/model/anki/AnkiText.hpp>
#include <attune/model/core/Text.hpp>
#include <attune/model/core/Utf8.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace attune::model {
namespace {

struct Entity {
    std::string_view name;
    char32_t codePoint;
};

// The named entities Anki's editor writes, and the common typographic ones.
constexpr std::array<Entity, 28> kEntities = {{
    {"amp", U'&'},      {"lt", U'<'},       {"gt", U'>'},       {"quot", U'"'},     {"apos", U'\''},
    {"nbsp", U' '},     {"ndash", U'\u2013'}, {"mdash", U'\u2014'}, {"hellip", U'\u2026'}, {"laquo", U'\u00AB'},
    {"raquo", U'\u00BB'}, {"lsquo", U'\u2018'}, {"rsquo", U'\u2019'}, {"ldquo", U'\u201C'}, {"rdquo", U'\u201D'},
    {"times", U'\u00D7'}, {"divide", U'\u00F7'}, {"deg", U'\u00B0'}, {"middot", U'\u00B7'}, {"bull", U'\u2022'},
    {"copy", U'\u00A9'}, {"reg", U'\u00AE'},  {"euro", U'\u20AC'}, {"shy", U'\u00AD'},  {"rarr", U'\u2192'},
    {"larr", U'\u2190'}, {"le", U'\u2264'},   {"ge", U'\u2265'},
}};

bool usableCodePoint(char32_t c) {
    return c != 0 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

/// Decodes the entity at html[i] == '&' into out; returns the bytes it took (0: not an entity).
std::size_t decodeEntity(std::string_view html, std::size_t i, std::string& out) {
    const std::size_t semicolon = html.find(';', i + 1);
    if (semicolon == std::string_view::npos || semicolon - i > 12) return 0;
    const std::string_view body = html.substr(i + 1, semicolon - i - 1);
    char32_t codePoint = 0;
    if (body.size() >= 2 && body[0] == '#') {
        const bool hex = body[1] == 'x' || body[1] == 'X';
        const std::string_view digits = body.substr(hex ? 2 : 1);
        std::uint32_t value = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
        if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return 0;
        codePoint = value;
        if (!usableCodePoint(codePoint)) codePoint = U'\uFFFD';
    } else {
        const auto it = std::find_if(kEntities.begin(), kEntities.end(), [&](const Entity& e) { return e.name == body; });
        if (it == kEntities.end()) return 0;
        codePoint = it->codePoint;
    }
    if (codePoint < 0x20 || codePoint == 0x7F || (codePoint >= 0x80 && codePoint < 0xA0)) {
        codePoint = codePoint == '\n' || codePoint == '\t' ? codePoint : U' ';
    }
    appendUtf8(out, codePoint);
    return semicolon - i + 1;
}

std::string decodeEntities(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '&') {
            if (const std::size_t n = decodeEntity(text, i, out); n > 0) {
                i += n - 1;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

/// The value of attribute `name` in a tag's inside ("img src=\"a.png\" alt=x"), quoted or not.
std::string attribute(std::string_view tag, std::string_view name) {
    const std::string lower = lowerAscii(tag);
    for (std::size_t at = lower.find(name); at != std::string::npos; at = lower.find(name, at + 1)) {
        const bool starts = at > 0 && (lower[at - 1] == ' ' || lower[at - 1] == '\t' || lower[at - 1] == '\n' || lower[at - 1] == '/');
        std::size_t i = at + name.size();
        while (i < tag.size() && tag[i] == ' ') ++i;
        if (!starts || i >= tag.size() || tag[i] != '=') continue;
        ++i;
        while (i < tag.size() && tag[i] == ' ') ++i;
        if (i >= tag.size()) return {};
        const char quote = tag[i];
        if (quote == '"' || quote == '\'') {
            const std::size_t end = tag.find(quote, i + 1);
            return decodeEntities(tag.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
        }
        std::size_t end = i;
        while (end < tag.size() && tag[end] != ' ' && tag[end] != '\t' && tag[end] != '\n' && tag[end] != '>') ++end;
        return decodeEntities(tag.substr(i, end - i));
    }
    return {};
}

// Tags whose start and end stand on their own line.
bool isBlock(std::string_view name) {
    static constexpr std::array<std::string_view, 16> blocks = {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6",
                                                                "tr", "blockquote", "pre", "table", "hr", "section", "ul", "ol"};
    return std::find(blocks.begin(), blocks.end(), name) != blocks.end();
}

class Converter {
public:
    explicit Converter(std::string_view html) : m_html(html) {}

    AnkiText run() {
        for (std::size_t i = 0; i < m_html.size();) {
            const char c = m_html[i];
            if (c == '<') {
                i = tag(i);
            } else if (c == '&') {
                const std::size_t n = decodeEntity(m_html, i, m_line);
                if (n == 0) m_line += '&';
                i += n == 0 ? 1 : n;
            } else if (c == '[' && m_html.compare(i, 7, "[sound:") == 0 && m_html.find(']', i) != std::string_view::npos) {
                ++m_result.sounds;
                i = m_html.find(']', i) + 1;
            } else if (c == '\n' || c == '\r' || c == '\t') {
                m_line += ' ';
                ++i;
            } else {
                m_line += c;
                ++i;
            }
        }
        breakLine();
        std::string out;
        bool blank = false;
        for (const std::string& line : m_lines) {  // no empty lines first or last, at most one in a row
            if (line.empty()) {
                blank = !out.empty();
                continue;
            }
            if (!out.empty()) out += blank ? "\n\n" : "\n";
            blank = false;
            out += line;
        }
        m_result.text = cleaned(out);
        return std::move(m_result);
    }

private:
    /// Ends the line being written.
    void breakLine() {
        std::string line;
        bool space = false;
        for (const char c : m_line) {  // spaces collapse, as a browser shows them
            if (c == ' ') {
                space = !line.empty();
                continue;
            }
            if (space) line += ' ';
            space = false;
            line += c;
        }
        m_lines.push_back(std::move(line));
        m_line.clear();
    }

    /// Ensures what follows starts a new line.
    void newLine() {
        if (!trimmed(m_line, " ").empty()) breakLine();
        m_line.clear();
    }

    std::size_t tag(std::size_t at) {
        if (m_html.compare(at, 4, "<!--") == 0) {
            const std::size_t end = m_html.find("-->", at + 4);
            return end == std::string_view::npos ? m_html.size() : end + 3;
        }
        const std::size_t end = m_html.find('>', at);
        if (end == std::string_view::npos) {
            m_line += '<';  // a lone '<' is text
            return at + 1;
        }
        const std::string_view inside = m_html.substr(at + 1, end - at - 1);
        const bool closing = !inside.empty() && inside[0] == '/';
        std::size_t nameEnd = closing ? 1 : 0;
        while (nameEnd < inside.size() && ((inside[nameEnd] >= 'a' && inside[nameEnd] <= 'z') ||
                                           (inside[nameEnd] >= 'A' && inside[nameEnd] <= 'Z') ||
                                           (inside[nameEnd] >= '0' && inside[nameEnd] <= '9'))) {
            ++nameEnd;
        }
        const std::string name = lowerAscii(inside.substr(closing ? 1 : 0, nameEnd - (closing ? 1 : 0)));
        if (name.empty()) {
            m_line += '<';  // "a < b" or "<3": text, not a tag
            return at + 1;
        }
        if (!closing && (name == "script" || name == "style")) {
            const std::size_t close = lowerAscii(m_html.substr(end)).find("</" + name);
            if (close == std::string::npos) return m_html.size();
            const std::size_t closeEnd = m_html.find('>', end + close);
            return closeEnd == std::string_view::npos ? m_html.size() : closeEnd + 1;
        }
        if (name == "br") {
            breakLine();
        } else if (name == "img" && !closing) {
            const std::string src = attribute(inside, "src");
            if (!src.empty()) m_result.images.push_back(src);
        } else if ((name == "audio" || name == "video" || name == "object") && !closing) {
            ++m_result.sounds;
        } else if (name == "ul" || name == "ol") {
            newLine();
            if (closing) {
                if (!m_lists.empty()) m_lists.pop_back();
            } else {
                m_lists.push_back(name == "ol" ? 1 : 0);
            }
        } else if (name == "li" && !closing) {
            newLine();
            std::string marker = "\u2022 ";
            if (!m_lists.empty() && m_lists.back() > 0) marker = std::to_string(m_lists.back()++) + ". ";
            m_line = std::string(2 * (m_lists.empty() ? 0 : m_lists.size() - 1), ' ') + marker;
            m_line.insert(0, "\x01");  // keeps the indent from collapsing (removed by cleaned())
        } else if (name == "li" || isBlock(name)) {
            newLine();
        } else if (name == "td" || name == "th") {
            if (closing) m_line += ' ';
        }
        return end + 1;
    }

    /// Removes the indent markers, control characters and invalid UTF-8.
    static std::string cleaned(const std::string& text) {
        std::string out;
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t n = validSequenceLength(text, i);
            if (n == 0) {
                out += "\uFFFD";
                ++i;
                continue;
            }
            const auto byte = static_cast<unsigned char>(text[i]);
            if (text[i] == '\x01') {
                // an indent marker: the spaces after it are kept as they are
            } else if (byte < 0x20 && text[i] != '\n') {
                out += ' ';
            } else if (byte == 0x7F || (byte == 0xC2 && n == 2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)) {
                out += ' ';
            } else {
                out.append(text, i, n);
            }
            i += n;
        }
        return out;
    }

    std::string_view m_html;
    AnkiText m_result;
    std::string m_line;
    std::vector<std::string> m_lines;
    std::vector<int> m_lists;  // per open list: 0 bullets, else the next number
};

}  // namespace

AnkiText ankiHtmlToText(std::string_view html) { return Converter(html).run(); }

}  // namespace attune::model
