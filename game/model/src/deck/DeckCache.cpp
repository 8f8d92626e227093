// The checked deck cache (see DeckCache.hpp). Layout of a cache file, all numbers little-endian,
// every text a u32 byte length then the bytes:
//   "ATDECKC\n"  u32 format   text build   text absolute deck path   u64 deck bytes   u64 deck hash
//   u64 hash of the body, then the body: the deck's fields, topics, cards, study cards and warnings.
// Reading trusts nothing: every length is bounded by the bytes that remain, every enum and index
// is range-checked, and any doubt means a real parse.
// The fields are listed once, in cacheBody(), which both writes and reads them. A field added to
// Deck, Topic, Card, StudyCard or Diagnostic goes there (and kFormatVersion is bumped);
// tests/model/deck/DeckCache.test.cpp compares whole decks with ==.
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/deck/DeckCache.hpp>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace attune::model {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMagic = "ATDECKC\n";
// Bump when the layout or the meaning of a field changes.
constexpr std::uint32_t kFormatVersion = 6;  // 2: Deck::daily, 3: allow and card places, 4: Deck::intro, 5: Card::alt,
                                             // 6: Card::ignoreDiacritics
// A cache holds each text of the deck once plus a few bytes per field; far above any real one.
constexpr std::uint64_t kMaxCacheFileBytes = 8u * kMaxDeckFileBytes;

// ---------------------------------------------------------------------------------------------
// The content hash: four independent lanes of 8-byte words (the CPU runs them in parallel), then
// a fold and a final avalanche. Each step is a bijection of the running value for a fixed word
// and of the word for a fixed running value, so changing one word always changes the result.

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15u;  // 2^64 / golden ratio
constexpr std::uint64_t kMixA = 0xBF58476D1CE4E5B9u;    // odd multipliers with good avalanche
constexpr std::uint64_t kMixB = 0x94D049BB133111EBu;

std::uint64_t loadLittle64(const unsigned char* p) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | p[i];  // compilers turn this into one load
    return value;
}

std::uint64_t mixWord(std::uint64_t acc, std::uint64_t word) {
    acc += word * kMixA;
    acc = std::rotl(acc, 29);
    return acc * kGolden;
}

std::uint64_t avalanche(std::uint64_t h) {
    h ^= h >> 31;
    h *= kMixA;
    h ^= h >> 29;
    h *= kMixB;
    h ^= h >> 32;
    return h;
}

// ---------------------------------------------------------------------------------------------

class CacheWriter {
public:
    void u8(std::uint8_t value) { m_out.push_back(static_cast<char>(value)); }
    void u32(std::uint32_t value) {
        for (int i = 0; i < 4; ++i) m_out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
    }
    void u64(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) m_out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
    }
    void i32(int value) { u32(static_cast<std::uint32_t>(value)); }
    void text(std::string_view value) {
        u32(static_cast<std::uint32_t>(value.size()));
        m_out.append(value);
    }
    void texts(const std::vector<std::string>& values) {
        u32(static_cast<std::uint32_t>(values.size()));
        for (const auto& value : values) text(value);
    }
    void raw(std::string_view bytes) { m_out.append(bytes); }
    std::string& bytes() { return m_out; }

    // The side of cacheBody() that writes: each field as its type is stored.
    void field(const std::string& value) { text(value); }
    void field(const std::vector<std::string>& values) { texts(values); }
    void field(const int& value) { i32(value); }
    void field(const bool& value) { u8(value ? 1 : 0); }
    void field(const std::uint64_t& value) { u64(value); }
    void field(const CardType& type) { u8(static_cast<std::uint8_t>(type)); }
    void field(const SourcePlace& place) {
        i32(place.line);
        i32(place.column);
    }
    template <class T>
    void field(const T&) = delete;  // no silent conversion to another stored type
    void cardIndex(const std::size_t& index, std::size_t /*cardCount*/) { u64(index); }
    void warningSeverity(const Diagnostic::Severity& severity) { u8(severity == Diagnostic::Severity::Warning ? 1 : 0); }
    // The deck's own name is filled in from the caller's path on reading, as loadDeck would.
    void diagnosticFile(const std::string& file, const std::string& deckFileName) {
        const bool namesDeck = file == deckFileName;
        u8(namesDeck ? 1 : 0);
        if (!namesDeck) text(file);
    }
    template <class Item, class Each>
    void list(const std::vector<Item>& items, std::size_t /*minBytesEach*/, std::size_t /*maxItems*/, Each&& each) {
        u32(static_cast<std::uint32_t>(items.size()));
        for (const Item& item : items) each(item);
    }

private:
    std::string m_out;
};

// Reads fail softly: after the first problem every read returns a default and ok() stays false.
class CacheReader {
public:
    explicit CacheReader(std::string_view in) : m_in(in) {}
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_in.size(); }
    std::size_t remaining() const { return m_in.size() - m_pos; }

    std::uint8_t u8() {
        if (!need(1)) return 0;
        return static_cast<std::uint8_t>(m_in[m_pos++]);
    }
    std::uint32_t u32() {
        if (!need(4)) return 0;
        std::uint32_t value = 0;
        for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(m_in[m_pos + static_cast<std::size_t>(i)]);
        m_pos += 4;
        return value;
    }
    std::uint64_t u64() {
        if (!need(8)) return 0;
        const std::uint64_t value = loadLittle64(reinterpret_cast<const unsigned char*>(m_in.data() + m_pos));
        m_pos += 8;
        return value;
    }
    int i32() { return static_cast<int>(u32()); }
    bool flag() {
        const std::uint8_t value = u8();
        if (value > 1) m_ok = false;
        return value == 1;
    }
    std::string_view textView() {
        const std::uint32_t size = u32();
        if (!need(size)) return {};
        const std::string_view value = m_in.substr(m_pos, size);
        m_pos += size;
        return value;
    }
    std::string text() { return std::string(textView()); }
    /// A count of items that take at least `minBytesEach` bytes each: more than fit is garbage.
    std::size_t count(std::size_t minBytesEach) {
        const std::uint32_t n = u32();
        if (n > remaining() / minBytesEach) {
            m_ok = false;
            return 0;
        }
        return n;
    }
    std::vector<std::string> texts() {
        std::vector<std::string> values(count(4));
        for (auto& value : values) value = text();
        return values;
    }
    void fail() { m_ok = false; }

    // The side of cacheBody() that reads: each field checked as it comes back.
    void field(std::string& value) { value = text(); }
    void field(std::vector<std::string>& values) { values = texts(); }
    void field(int& value) { value = i32(); }
    void field(bool& value) { value = flag(); }
    void field(std::uint64_t& value) { value = u64(); }
    void field(CardType& type) {
        const std::uint8_t value = u8();
        if (value > static_cast<std::uint8_t>(CardType::TypeIn)) fail();
        else type = static_cast<CardType>(value);
    }
    void field(SourcePlace& place) {
        place.line = i32();
        place.column = i32();
    }
    template <class T>
    void field(T&) = delete;
    void cardIndex(std::size_t& index, std::size_t cardCount) {
        const std::uint64_t value = u64();
        if (value >= cardCount) fail();  // Deck::cardOf must never go out of range
        else index = static_cast<std::size_t>(value);
    }
    // Only decks without errors are cached: an error here means a damaged or forged cache.
    void warningSeverity(Diagnostic::Severity& severity) {
        if (!flag()) fail();
        severity = Diagnostic::Severity::Warning;
    }
    void diagnosticFile(std::string& file, const std::string& deckFileName) { file = flag() ? deckFileName : text(); }
    // Items are added one by one as they read back, so a forged count cannot reserve memory the
    // file does not hold; with `maxItems` the count is also capped and reserved.
    template <class Item, class Each>
    void list(std::vector<Item>& items, std::size_t minBytesEach, std::size_t maxItems, Each&& each) {
        const std::size_t n = count(minBytesEach);
        if (maxItems != 0) {
            if (n > maxItems) {
                fail();
                return;
            }
            items.reserve(n);
        }
        for (std::size_t i = 0; i < n && ok(); ++i) each(items.emplace_back());
    }

private:
    bool need(std::size_t bytes) {
        if (!m_ok || bytes > remaining()) {
            m_ok = false;
            return false;
        }
        return true;
    }

    std::string_view m_in;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

// What the header must say for the cache to stand for this deck file, as read now.
struct DeckIdentity {
    std::string build;
    std::string absolutePath;
    std::uint64_t size = 0;
    std::uint64_t hash = 0;
};

// The program that loads the deck: a rebuilt loader may validate differently, so a cache written
// by another build of Attune is not used (the stamp of the running executable, plus the format).
const std::string& buildIdentity() {
    static const std::string identity = [] {
        std::string out = "attune-deck-cache/" + std::to_string(kFormatVersion);
        struct stat info {};
        if (::stat("/proc/self/exe", &info) == 0) {
            out += " exe:" + std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) + "." +
                   std::to_string(info.st_mtim.tv_nsec) + ":" + std::to_string(info.st_ino);
        }
        return out;
    }();
    return identity;
}

// Every cached field, in file order, once: `io` is a CacheWriter (with const items) or a
// CacheReader. A list's minimum bytes per item (what its fields take when every text is empty)
// bound the count a reader accepts.
template <class Io, class DeckItem, class Diagnostics>
void cacheBody(Io& io, DeckItem& deck, Diagnostics& diagnostics, const std::string& deckFileName) {
    io.field(deck.id);
    io.field(deck.title);
    io.field(deck.description);
    io.field(deck.intro);
    io.field(deck.version);
    io.field(deck.language);
    io.field(deck.idLine);
    io.field(deck.daily);
    io.field(deck.place);
    io.field(deck.allow);
    io.list(deck.allowPlaces, 4 * 2, 0, [&](auto& place) { io.field(place); });
    io.list(deck.topics, 4 * 3 + 4 * 2, 0, [&](auto& topic) {
        io.field(topic.id);
        io.field(topic.title);
        io.field(topic.description);
        io.field(topic.order);
        io.field(topic.line);
    });
    io.list(deck.cards, 4 * 16 + 3 + 8 + 4 + 3 * 8 + 2 * 4, kMaxDeckCards, [&](auto& card) {
        io.field(card.id);
        io.field(card.topic);
        io.field(card.type);
        io.field(card.front);
        io.field(card.back);
        io.field(card.text);
        io.field(card.prompt);
        io.field(card.options);
        io.field(card.answer);
        io.field(card.truth);
        io.field(card.statement);
        io.field(card.accept);
        io.field(card.ignoreDiacritics);
        io.field(card.explain);
        io.field(card.source);
        io.field(card.tags);
        io.field(card.image);
        io.field(card.alt);
        io.field(card.allow);
        io.field(card.contentHash);
        io.field(card.line);
        io.field(card.places.question);
        io.field(card.places.answer);
        io.field(card.places.explain);
        io.list(card.places.options, 4 * 2, 0, [&](auto& place) { io.field(place); });
        io.list(card.places.allow, 4 * 2, 0, [&](auto& place) { io.field(place); });
    });
    io.list(deck.studyCards, 4 + 8 + 4 + 1, 0, [&](auto& study) {
        io.field(study.id);
        io.cardIndex(study.cardIndex, deck.cards.size());
        io.field(study.clozeNumber);
        io.field(study.reversed);
    });
    io.list(diagnostics, 1 + 1 + 4 + 4 + 4, 0, [&](auto& diagnostic) {
        io.warningSeverity(diagnostic.severity);
        io.diagnosticFile(diagnostic.file, deckFileName);
        io.field(diagnostic.line);
        io.field(diagnostic.column);
        io.field(diagnostic.message);
    });
}

void writeBody(CacheWriter& out, const DeckLoadResult& result, const std::string& fileName) {
    cacheBody(out, *result.deck, result.diagnostics, fileName);
}

std::optional<DeckLoadResult> readBody(CacheReader& in, const fs::path& file) {
    const std::string fileName = file.string();
    DeckLoadResult result;
    Deck& deck = result.deck.emplace();
    deck.file = file;
    cacheBody(in, deck, result.diagnostics, fileName);
    if (!in.ok() || !in.atEnd()) return std::nullopt;
    return result;
}

// A whole file into an unfilled buffer, at most `limit` bytes (more: nothing). Empty on failure.
std::optional<std::string_view> readFile(const fs::path& file, std::uint64_t limit, std::unique_ptr<char[]>& buffer) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size < 0 ||
        static_cast<std::uint64_t>(info.st_size) > limit) {
        ::close(fd);
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    buffer = std::make_unique_for_overwrite<char[]>(size == 0 ? 1 : size);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, buffer.get() + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // the file shrank while we read it: take what is there
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return std::string_view(buffer.get(), done);
}

std::optional<DeckLoadResult> readCache(const fs::path& cacheFile, const DeckIdentity& identity, const fs::path& file) {
    std::unique_ptr<char[]> buffer;
    const auto bytes = readFile(cacheFile, kMaxCacheFileBytes, buffer);
    if (!bytes || bytes->size() < kMagic.size() || bytes->substr(0, kMagic.size()) != kMagic) return std::nullopt;
    CacheReader in(bytes->substr(kMagic.size()));
    if (in.u32() != kFormatVersion) return std::nullopt;
    if (in.textView() != identity.build || in.textView() != identity.absolutePath) return std::nullopt;
    if (in.u64() != identity.size || in.u64() != identity.hash) return std::nullopt;
    const std::uint64_t bodyHash = in.u64();
    if (!in.ok()) return std::nullopt;
    // The body's own hash catches a damaged cache (a bad sector, a file cut short by a power loss).
    if (deckBytesHash(bytes->substr(bytes->size() - in.remaining())) != bodyHash) return std::nullopt;
    return readBody(in, file);
}

// Images are checked on disk by the loader, so a cached deck is only as good as its images are
// still there. Anything short of "exists inside the deck's folder and is not a folder" (the
// loader's checks) sends the deck to a real parse, which says what is wrong.
bool imagesStillThere(const Deck& deck, const fs::path& file) {
    const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    std::set<std::string_view> checked;
    fs::path realFolder;
    for (const Card& card : deck.cards) {
        if (card.image.empty() || !checked.insert(card.image).second) continue;
        std::error_code ec;
        if (realFolder.empty()) {
            realFolder = fs::canonical(folder, ec);
            if (ec) return false;
        }
        const fs::path full = folder / fs::path(card.image);
        if (!fs::exists(full, ec)) return false;
        const fs::path realImage = fs::canonical(full, ec);
        if (ec) return false;
        const auto mismatch = std::mismatch(realFolder.begin(), realFolder.end(), realImage.begin(), realImage.end());
        if (mismatch.first != realFolder.end()) return false;
        if (fs::is_directory(realImage, ec) || ec) return false;
    }
    return true;
}

// Temp file + rename, so a reader never sees half a cache. No fsync: after a power loss the cache
// may be empty or cut short, which its header and body hash reject, and it is rebuilt from the
// deck; durability would only make every first load slower.
void writeCache(const fs::path& cacheFile, const DeckIdentity& identity, const DeckLoadResult& result, const fs::path& file) {
    CacheWriter body;
    writeBody(body, result, file.string());
    CacheWriter out;
    out.raw(kMagic);
    out.u32(kFormatVersion);
    out.text(identity.build);
    out.text(identity.absolutePath);
    out.u64(identity.size);
    out.u64(identity.hash);
    out.u64(deckBytesHash(body.bytes()));
    out.raw(body.bytes());

    std::error_code ec;
    fs::create_directories(cacheFile.parent_path(), ec);
    if (ec) return;
    static std::atomic<unsigned> counter{0};
    const fs::path temp = fs::path(cacheFile).concat(".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return;
    const std::string& bytes = out.bytes();
    std::size_t done = 0;
    bool ok = true;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = false;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) ok = false;
    if (!ok || std::rename(temp.c_str(), cacheFile.c_str()) != 0) ::unlink(temp.c_str());
}

std::string hex16(std::uint64_t value) {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(value));
    return out;
}

fs::path absoluteOf(const fs::path& file) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(file, ec);
    return ec ? fs::path{} : absolute.lexically_normal();
}

fs::path cacheFileFor(std::string_view absolutePath) {
    return cacheDir() / "decks" / (hex16(deckBytesHash(absolutePath)) + ".deckcache");
}

}  // namespace

std::uint64_t deckBytesHash(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t n = bytes.size();
    const std::uint64_t length = n;
    std::uint64_t h = kMixB ^ (length * kGolden);
    if (n >= 32) {
        std::uint64_t a = kGolden;
        std::uint64_t b = kMixA;
        std::uint64_t c = kMixB;
        std::uint64_t d = ~kGolden;
        for (; n >= 32; n -= 32, p += 32) {
            a = mixWord(a, loadLittle64(p));
            b = mixWord(b, loadLittle64(p + 8));
            c = mixWord(c, loadLittle64(p + 16));
            d = mixWord(d, loadLittle64(p + 24));
        }
        h += std::rotl(a, 1) + std::rotl(b, 17) + std::rotl(c, 33) + std::rotl(d, 49);
    }
    for (; n >= 8; n -= 8, p += 8) h = mixWord(h, loadLittle64(p));
    if (n > 0) {
        std::uint64_t tail = 0;
        for (std::size_t i = n; i > 0; --i) tail = (tail << 8) | p[i - 1];
        h = mixWord(h, tail ^ (static_cast<std::uint64_t>(n) << 59));
    }
    return avalanche(h);
}

fs::path deckCacheFile(const fs::path& deckFile) { return cacheFileFor(absoluteOf(deckFile).string()); }

DeckLoadResult loadDeckCached(const fs::path& file, bool* fromCache) {
    if (fromCache != nullptr) *fromCache = false;
    // Anything unusual about the deck file itself (a folder, missing, too big, unreadable) goes the
    // plain way, so the plain error comes out.
    std::error_code ec;
    if (fs::is_directory(file, ec)) return loadDeck(file);
    const auto size = fs::file_size(file, ec);
    if (ec || size > kMaxDeckFileBytes) return loadDeck(file);
    std::unique_ptr<char[]> buffer;
    const auto text = readFile(file, kMaxDeckFileBytes, buffer);
    if (!text) return loadDeck(file);

    DeckIdentity identity{buildIdentity(), absoluteOf(file).string(), text->size(), deckBytesHash(*text)};
    if (identity.absolutePath.empty()) return loadDeckFromText(*text, file);
    const fs::path cacheFile = cacheFileFor(identity.absolutePath);
    try {
        if (auto cached = readCache(cacheFile, identity, file); cached && imagesStillThere(*cached->deck, file)) {
            if (fromCache != nullptr) *fromCache = true;
            return std::move(*cached);
        }
    } catch (const std::exception&) {  // e.g. std::bad_alloc on a forged count: parse instead
    }
    DeckLoadResult result = loadDeckFromText(*text, file);
    if (result.deck && !hasErrors(result.diagnostics)) {
        try {
            writeCache(cacheFile, identity, result, file);
        } catch (const std::exception&) {  // a cache that cannot be written only costs time
        }
    }
    return result;
}

}  // namespace attune::model
