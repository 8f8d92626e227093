// The program's one copy of every id the log has named. Ids are never forgotten: a profile names
// a few thousand, and a record may point at its id for as long as the program runs.
#include <attune/model/history/LogId.hpp>

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace attune::model {
namespace {

std::uint64_t hashOf(std::string_view text) noexcept { return std::hash<std::string_view>{}(text); }

// Open addressing over (hash, text): a probe compares hashes and reads a string only on a match.
// Split in shards so the threads that read month files in parallel rarely wait for each other.
class Shard {
public:
    const std::string* intern(std::string_view text, std::uint64_t hash) {
        const std::lock_guard lock(m_mutex);
        if ((m_count + 1) * 2 > m_slots.size()) grow();
        std::size_t i = slotOf(hash, m_slots.size());
        for (;; i = (i + 1) & (m_slots.size() - 1)) {
            Slot& slot = m_slots[i];
            if (slot.text == nullptr) break;
            if (slot.hash == hash && *slot.text == text) return slot.text;
        }
        m_texts.emplace_back(text);  // a deque never moves what it holds
        m_slots[i] = {hash, &m_texts.back()};
        ++m_count;
        return m_slots[i].text;
    }

private:
    // The low bits chose the shard; the slot comes from the others.
    static std::size_t slotOf(std::uint64_t hash, std::size_t size) { return (hash >> 8) & (size - 1); }
    struct Slot {
        std::uint64_t hash = 0;
        const std::string* text = nullptr;
    };
    void grow() {
        std::vector<Slot> bigger(m_slots.empty() ? 256 : m_slots.size() * 2);
        for (const Slot& slot : m_slots) {
            if (slot.text == nullptr) continue;
            std::size_t i = slotOf(slot.hash, bigger.size());
            while (bigger[i].text != nullptr) i = (i + 1) & (bigger.size() - 1);
            bigger[i] = slot;
        }
        m_slots = std::move(bigger);
    }
    std::mutex m_mutex;
    std::vector<Slot> m_slots;
    std::deque<std::string> m_texts;
    std::size_t m_count = 0;
};

constexpr std::size_t kShards = 16;

// Never destroyed: a record in some other static object may read its id during exit.
std::array<Shard, kShards>& shards() {
    static auto* all = new std::array<Shard, kShards>();
    return *all;
}

const std::string& emptyText() {
    static const auto* empty = new std::string();
    return *empty;
}

}  // namespace

LogId::LogId() noexcept : m_text(&emptyText()) {}

LogId::LogId(std::string_view text) : m_text(&emptyText()) {
    if (text.empty()) return;
    const std::uint64_t hash = hashOf(text);
    // The ids a thread met last (a log's rows mostly name one deck): no lock, no shared memory.
    struct Recent {
        std::uint64_t hash = 0;
        const std::string* text = nullptr;
    };
    thread_local std::array<Recent, 64> recent{};
    Recent& seen = recent[(hash >> 11) % recent.size()];
    if (seen.text != nullptr && seen.hash == hash && *seen.text == text) {
        m_text = seen.text;
        return;
    }
    m_text = shards()[hash % kShards].intern(text, hash);
    seen = {hash, m_text};
}

}  // namespace attune::model
