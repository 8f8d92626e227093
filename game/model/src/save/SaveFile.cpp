// Durable writes: every path that can lose data goes through here (see SaveFile.hpp).
#include <attune/model/save/SaveFile.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace attune::model::savefile {
namespace fs = std::filesystem;
namespace {

WriteFailureHook& failureHook() {
    static WriteFailureHook hook;
    return hook;
}

// The failure the test seam asks for, if any.
std::optional<SaveResult> injectedFailure(const fs::path& file) {
    if (!failureHook()) return std::nullopt;
    const int code = failureHook()(file);
    if (code == 0) return std::nullopt;
    return SaveResult::failed(file.string() + ": " + std::strerror(code));
}

// "<file>: <what>: <errno's words>"
std::string failure(const fs::path& file, const char* what) {
    return file.string() + ": " + what + ": " + std::strerror(errno);
}

bool fail(const fs::path& file, const char* what, std::string& error) {
    error = failure(file, what);
    return false;
}

SaveResult failed(const fs::path& file, const char* what) { return SaveResult::failed(failure(file, what)); }

// write() until everything is out (a regular file rarely writes short, but a full disk can).
bool writeAll(int fd, std::string_view data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (n == 0) {
            errno = ENOSPC;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }
    bool closeChecked() {
        const int fd = m_fd;
        m_fd = -1;
        return ::close(fd) == 0;
    }

private:
    int m_fd;
};

}  // namespace

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
    if (this != &other) {
        release();
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

FolderLock::Outcome FolderLock::acquire(const fs::path& folder, Mode mode, const std::string& name) {
    release();
    const fs::path file = folder / name;
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Outcome::Unavailable;
    if (::flock(fd, (mode == Mode::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
        const bool busy = errno == EWOULDBLOCK;
        ::close(fd);
        return busy ? Outcome::HeldElsewhere : Outcome::Unavailable;
    }
    m_fd = fd;
    return Outcome::Locked;
}

void FolderLock::release() {
    if (m_fd >= 0) ::close(m_fd);  // closing the descriptor drops the flock
    m_fd = -1;
}

void setWriteFailureHookForTesting(WriteFailureHook hook) { failureHook() = std::move(hook); }

SaveResult syncFolder(const fs::path& folder) {
    FileDescriptor fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) return failed(folder, "cannot open folder");
    if (::fsync(fd.get()) != 0 && errno != EINVAL) return failed(folder, "cannot sync folder");
    return SaveResult::done();
}

SaveResult writeAtomically(const fs::path& file, std::string_view content) {
    if (auto injected = injectedFailure(file)) return std::move(*injected);
    const fs::path temp = fs::path(file).concat(".tmp-" + std::to_string(::getpid()));
    {
        FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (fd.get() < 0) return failed(temp, "cannot create");
        if (!writeAll(fd.get(), content) || ::fsync(fd.get()) != 0 || !fd.closeChecked()) {
            SaveResult result = failed(temp, "cannot write");
            ::unlink(temp.c_str());
            return result;
        }
    }
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        SaveResult result = failed(file, "cannot replace");
        ::unlink(temp.c_str());
        return result;
    }
    return syncFolder(file.parent_path().empty() ? fs::path(".") : file.parent_path());
}

SaveResult appendDurably(const fs::path& file, std::string_view header, std::string_view content) {
    if (auto injected = injectedFailure(file)) return std::move(*injected);
    FileDescriptor fd(::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
    if (fd.get() < 0) return failed(file, "cannot open for appending");
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return failed(file, "cannot read its size");
    const off_t oldSize = info.st_size;
    std::string buffer;
    std::string_view data = content;
    if (oldSize == 0 && !header.empty()) {
        buffer.reserve(header.size() + content.size());
        buffer.append(header).append(content);
        data = buffer;
    }
    // fdatasync: the data and the new length reach the disk; the mtime may wait.
    if (!writeAll(fd.get(), data) || ::fdatasync(fd.get()) != 0) {
        const int code = errno;
        // Cut a partial line off so the file stays a valid log (best effort: the disk may be gone).
        if (::ftruncate(fd.get(), oldSize) == 0) (void)::fsync(fd.get());
        errno = code;
        return failed(file, "cannot append");
    }
    if (!fd.closeChecked()) return failed(file, "cannot close");
    if (oldSize == 0) return syncFolder(file.parent_path().empty() ? fs::path(".") : file.parent_path());
    return SaveResult::done();
}

bool readWhole(const fs::path& file, std::string& out, std::string& error) {
    out.clear();
    FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return fail(file, "cannot open", error);
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return fail(file, "cannot read its size", error);
    out.resize(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    for (;;) {
        if (done == out.size()) out.resize(out.size() + 4096);  // the file may have grown
        const ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(file, "cannot read", error);
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    return true;
}

FileBytes::FileBytes(const fs::path& file) {
    FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        fail(file, "cannot open", m_error);
        return;
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        fail(file, "cannot read its size", m_error);
        return;
    }
    std::size_t capacity = static_cast<std::size_t>(info.st_size);
    m_data = std::make_unique_for_overwrite<char[]>(capacity);
    for (;;) {
        if (m_size == capacity) {  // the file grew while we read: make room and go on
            auto bigger = std::make_unique_for_overwrite<char[]>(capacity * 2 + 4096);
            std::copy(m_data.get(), m_data.get() + m_size, bigger.get());
            m_data = std::move(bigger);
            capacity = capacity * 2 + 4096;
        }
        const ssize_t n = ::read(fd.get(), m_data.get() + m_size, capacity - m_size);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(file, "cannot read", m_error);
            return;
        }
        if (n == 0) break;
        m_size += static_cast<std::size_t>(n);
    }
    m_ok = true;
}

SaveResult copyDurably(const fs::path& from, const fs::path& to) {
    if (auto injected = injectedFailure(to)) return std::move(*injected);
    struct stat before {};
    if (::stat(from.c_str(), &before) != 0) return failed(from, "cannot read its size");
    std::string content;
    if (std::string error; !readWhole(from, content, error)) return SaveResult::failed(std::move(error));
    FileDescriptor fd(::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) return failed(to, "cannot create");
    if (!writeAll(fd.get(), content)) return failed(to, "cannot write");
    // The copy keeps the original's modification time when the original did not change while
    // it was read, so sameSizeAndTime() can later tell an unchanged file without reading it.
    struct stat after {};
    if (::stat(from.c_str(), &after) == 0 && after.st_size == before.st_size &&
        after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec &&
        static_cast<std::size_t>(before.st_size) == content.size()) {
        const timespec times[2] = {before.st_atim, before.st_mtim};
        (void)::futimens(fd.get(), times);
    }
    if (::fsync(fd.get()) != 0 || !fd.closeChecked()) return failed(to, "cannot write");
    return SaveResult::done();
}

bool sameSizeAndTime(const fs::path& a, const fs::path& b) {
    struct stat x {};
    struct stat y {};
    if (::stat(a.c_str(), &x) != 0 || ::stat(b.c_str(), &y) != 0) return false;
    return x.st_size == y.st_size && x.st_mtim.tv_sec == y.st_mtim.tv_sec && x.st_mtim.tv_nsec == y.st_mtim.tv_nsec;
}

}  // namespace attune::model::savefile
