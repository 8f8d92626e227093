// Durable file writes for the profile store: whole-file replacement (temp file, fsync, rename,
// fsync of the folder) and single-write appends with fsync. Nothing here throws.
#pragma once

#include <attune/model/save/SaveResult.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace attune::model::savefile {

/// Replaces `file` with `content`: a partly written file is never visible under `file`.
SaveResult writeAtomically(const std::filesystem::path& file, std::string_view content);

/// Appends `content` with one write() and fsyncs it. When the file is new (or empty) `header`
/// goes first, in the same write, and the folder is fsynced too. On failure the file is cut back
/// to its old length, so a failed append never leaves half a line behind.
SaveResult appendDurably(const std::filesystem::path& file, std::string_view header, std::string_view content);

/// fsync of a folder, so a rename or a new file in it survives a power loss.
SaveResult syncFolder(const std::filesystem::path& folder);

/// Whole file into `out`; false (and error) when it cannot be read.
bool readWhole(const std::filesystem::path& file, std::string& out, std::string& error);

/// A whole file read into an uninitialised buffer (no zero-fill of tens of megabytes). Not a
/// memory map: a file cut short by another program while we read it must not crash the game.
class FileBytes {
public:
    explicit FileBytes(const std::filesystem::path& file);
    bool ok() const { return m_ok; }
    std::string_view text() const { return {m_data.get(), m_size}; }
    const std::string& error() const { return m_error; }

private:
    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    bool m_ok = false;
    std::string m_error;
};

/// Copies a file durably (for backups): the copy is fsynced and keeps the original's
/// modification time (unless the original changed while it was copied).
SaveResult copyDurably(const std::filesystem::path& from, const std::filesystem::path& to);

/// Same size and same modification time to the nanosecond: an unchanged copy (see copyDurably).
bool sameSizeAndTime(const std::filesystem::path& a, const std::filesystem::path& b);

/// An advisory lock on a profile folder (flock on DIR/.lock, or another name): one writer at a time, so the game
/// and a command like `attune profile merge` never rewrite the same log file under each other.
/// The kernel drops it when the process ends, even by SIGKILL.
class FolderLock {
public:
    FolderLock() = default;
    ~FolderLock() { release(); }
    FolderLock(FolderLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    FolderLock& operator=(FolderLock&& other) noexcept;
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

    enum class Outcome { Locked, HeldElsewhere, Unavailable };
    /// Unavailable: no lock file can be made (a read-only folder); writes will fail anyway.
    /// A shared lock only keeps out an exclusive one (and is kept out by it).
    enum class Mode { Exclusive, Shared };
    Outcome acquire(const std::filesystem::path& folder, Mode mode = Mode::Exclusive, const std::string& name = ".lock");
    void release();
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

/// Test seam: when set, every write operation above first asks it; a non-zero errno return makes
/// the operation fail with that error (a full disk, a read-only folder) without touching the file.
using WriteFailureHook = std::function<int(const std::filesystem::path& file)>;
void setWriteFailureHookForTesting(WriteFailureHook hook);

}  // namespace attune::model::savefile
