// A checked cache of loaded decks, so a big deck opens without TOML++ when its file has not
// changed. One cache file per deck file in cacheDir()/decks holds what loadDeck() returned; its
// header names the deck's absolute path, byte size and content hash and the build that wrote it.
// The deck file is always read and hashed: a cache that does not match it, or does not read back
// cleanly, is ignored and rewritten. So the cache can only skip work, never change a result, and
// deleting it is always safe.
#pragma once

#include <attune/model/deck/Deck.hpp>

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace attune::model {

/// Exactly what loadDeck(file) returns (deck, errors and warnings), served from the cache when it
/// matches the file. Decks with errors are never cached: their diagnostics always come from a
/// real parse. `fromCache`, when given, says whether the result came from the cache.
DeckLoadResult loadDeckCached(const std::filesystem::path& file, bool* fromCache = nullptr);

/// Where the cache of a deck file lives: cacheDir()/decks/<hash of its absolute path>.deckcache.
std::filesystem::path deckCacheFile(const std::filesystem::path& deckFile);

/// The 64-bit hash the cache checks a deck file's bytes with: 32 bytes per round in four lanes
/// (an 8 MiB deck hashes in a few milliseconds). Not cryptographic: it detects edits, not attacks.
std::uint64_t deckBytesHash(std::string_view bytes);

}  // namespace attune::model
