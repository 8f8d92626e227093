// Cloze deletions: parsing for the loader, question/answer text for the session.
#include <attune/model/deck/Cloze.hpp>

#include <algorithm>

namespace attune::model {
namespace {

bool isBlank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

ClozeParse fail(std::size_t offset, std::string message) {
    ClozeParse out;
    out.error = ClozeError{offset, std::move(message)};
    return out;
}

}  // namespace

ClozeParse parseCloze(std::string_view text) {
    ClozeParse out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t open = text.find("{{", pos);
        const std::size_t close = text.find("}}", pos);
        if (close < open) return fail(close, "'}}' without a matching '{{'");
        if (open == std::string_view::npos) break;

        std::size_t at = open + 2;
        if (at >= text.size() || (text[at] != 'c' && text[at] != 'C')) {
            return fail(open, "a deletion starts with '{{c1::' (the number says which card asks it)");
        }
        ++at;
        int number = 0;
        std::size_t digits = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9' && digits < 4) {
            number = number * 10 + (text[at] - '0');
            ++at;
            ++digits;
        }
        if (digits == 0 || number == 0 || text.compare(at, 2, "::") != 0) {
            return fail(open, "a deletion starts with '{{c1::' (c and a number from 1 to 9999, then '::')");
        }
        at += 2;
        const std::size_t end = text.find("}}", at);
        if (end == std::string_view::npos) return fail(open, "'{{' is never closed with '}}'");
        if (const std::size_t nested = text.find("{{", at); nested < end) {
            return fail(nested, "a deletion cannot contain another '{{' (close the first with '}}')");
        }
        const std::string_view inner = text.substr(at, end - at);
        ClozeDeletion deletion;
        deletion.number = number;
        deletion.begin = open;
        deletion.end = end + 2;
        if (const std::size_t sep = inner.find("::"); sep != std::string_view::npos) {
            deletion.answer = std::string(inner.substr(0, sep));
            deletion.hint = std::string(inner.substr(sep + 2));
        } else {
            deletion.answer = std::string(inner);
        }
        if (isBlank(deletion.answer)) {
            return fail(open, "deletion c" + std::to_string(number) + " hides nothing (its answer is empty)");
        }
        out.deletions.push_back(std::move(deletion));
        pos = end + 2;
    }
    // Numbers start at c1 (decks/FORMAT.md); gaps after it are fine, so deleting a c2 later
    // does not force renumbering (and losing the progress of) c3.
    if (!out.deletions.empty()) {
        const auto lowest = std::min_element(out.deletions.begin(), out.deletions.end(),
                                             [](const ClozeDeletion& a, const ClozeDeletion& b) { return a.number < b.number; });
        if (lowest->number != 1) {
            return fail(lowest->begin, "a cloze text needs a {{c1::...}} deletion: number the deletions from c1 (the lowest here is c" +
                                           std::to_string(lowest->number) + ")");
        }
    }
    return out;
}

std::vector<int> clozeNumbers(std::string_view text) {
    const ClozeParse parsed = parseCloze(text);
    std::vector<int> numbers;
    if (parsed.error) return numbers;
    for (const auto& deletion : parsed.deletions) numbers.push_back(deletion.number);
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    return numbers;
}

namespace {

template <typename Render>
std::string rebuild(std::string_view text, Render render) {
    const ClozeParse parsed = parseCloze(text);
    if (parsed.error) return std::string(text);  // the loader refuses such cards; show them raw
    std::string out;
    std::size_t pos = 0;
    for (const auto& deletion : parsed.deletions) {
        out.append(text.substr(pos, deletion.begin - pos));
        render(out, deletion);
        pos = deletion.end;
    }
    out.append(text.substr(pos));
    return out;
}

}  // namespace

std::string clozeQuestion(std::string_view text, int number, std::string_view blank) {
    return rebuild(text, [&](std::string& out, const ClozeDeletion& deletion) {
        if (deletion.number != number) {
            out += deletion.answer;
        } else {
            out += '[';
            out += deletion.hint.empty() ? std::string(blank) : deletion.hint;
            out += ']';
        }
    });
}

std::string clozeAnswer(std::string_view text, int number, std::string_view open, std::string_view close) {
    return rebuild(text, [&](std::string& out, const ClozeDeletion& deletion) {
        if (deletion.number == number) out += open;
        out += deletion.answer;
        if (deletion.number == number) out += close;
    });
}

std::string clozeHiddenText(std::string_view text, int number) {
    std::string out;
    for (const auto& deletion : parseCloze(text).deletions) {
        if (deletion.number != number) continue;
        if (!out.empty()) out += ", ";
        out += deletion.answer;
    }
    return out;
}

}  // namespace attune::model
