// The profile store: opening (with migration, torn-tail recovery and the daily backup),
// appending answers durably, keeping them in memory when the disk refuses, and merging.
#include <attune/model/save/Profile.hpp>

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/ProfileBackup.hpp>
#include <attune/model/save/ProfileFile.hpp>
#include <attune/model/save/SaveFile.hpp>
#include <attune/model/save/SyncToolFiles.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace attune::model {
namespace fs = std::filesystem;
namespace {

bool isMonthFileName(const std::string& name) {
    return name.size() == 12 && name.compare(7, 5, ".toml") == 0 && name[4] == '-' &&
           std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
           name[5] >= '0' && name[5] <= '1' && name[6] >= '0' && name[6] <= '9';
}

fs::path monthFilePath(const fs::path& logDir, const std::string& month) { return logDir / (month + ".toml"); }

}  // namespace

std::string deviceLockName(const Device& device) { return ".lock-" + device.id; }

namespace {

fs::path settingsLogPath(const fs::path& dir, const std::string& deviceId) {
    return dir / "settings" / (deviceId + ".toml");
}

// Backups of a profile stay on this computer, apart for each profile folder: named by the
// folder's name and a hash of its full path.
fs::path backupsDirFor(const fs::path& stateDir, const fs::path& profileDir) {
    std::error_code ec;
    fs::path full = fs::weakly_canonical(fs::absolute(profileDir, ec), ec);
    if (full.empty()) full = profileDir;
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : full.string()) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    std::string name = full.filename().string();
    std::erase_if(name, [](char c) { return !std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_'; });
    if (name.size() > 40) name.resize(40);
    char digits[17];
    std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(hash));
    return stateDir / "backups" / ((name.empty() ? "profile" : name) + "-" + digits);
}

bool timeLess(const ReviewRecord& a, const ReviewRecord& b) { return a.utcMs < b.utcMs; }

Diagnostic warningAbout(const fs::path& file, int line, std::string message) {
    return {Diagnostic::Severity::Warning, file.string(), line, 0, std::move(message)};
}

// Moves a torn tail to <file>.torn (appended, so several crashes keep every piece) and cuts the
// log file back to its last whole line.
SaveResult moveTornTail(const fs::path& file, const reviewlog::MonthFile& month) {
    fs::path torn = file;
    torn += ".torn";
    std::string content;
    std::string existing;
    std::string ignored;
    if (savefile::readWhole(torn, existing, ignored)) content = existing;
    content += *month.tornTail;
    content += '\n';
    if (SaveResult aside = savefile::writeAtomically(torn, content); !aside.ok) return aside;
    if (::truncate(file.c_str(), static_cast<off_t>(month.tornOffset)) != 0)
        return SaveResult::failed(file.string() + ": cannot cut off the torn line");
    std::string full;
    std::string error;
    // re-read: also forces the metadata through
    return savefile::readWhole(file, full, error) ? SaveResult::done() : SaveResult::failed(std::move(error));
}

}  // namespace

Profile::Profile(Profile&& other) noexcept { moveFrom(other); }

Profile& Profile::operator=(Profile&& other) noexcept {
    if (this != &other) {
        if (!m_closed && !m_dir.empty()) (void)close();
        moveFrom(other);
    }
    return *this;
}

void Profile::moveFrom(Profile& other) noexcept {
    m_dir = std::move(other.m_dir);
    m_backupsDir = std::move(other.m_backupsDir);
    m_device = std::move(other.m_device);
    m_settingsLog = std::move(other.m_settingsLog);
    m_reviews = std::move(other.m_reviews);
    m_pending = std::move(other.m_pending);
    m_nextIndex = std::move(other.m_nextIndex);
    m_settings = other.m_settings;
    m_freezes = other.m_freezes;
    m_parameters = std::move(other.m_parameters);
    m_readOnly = other.m_readOnly;
    m_newerSchema = other.m_newerSchema;
    m_closed = other.m_closed;
    m_settingsLogDirty = other.m_settingsLogDirty;
    m_readOnlyReason = std::move(other.m_readOnlyReason);
    m_lastError = std::move(other.m_lastError);
    m_lock = std::move(other.m_lock);
    m_olderVersionsLock = std::move(other.m_olderVersionsLock);
    other.m_closed = true;  // the moved-from shell has nothing to save
}

Profile::~Profile() {
    if (m_closed || m_dir.empty()) return;
    const CloseReport report = close();
    if (!report.message.empty()) std::cerr << "attune: " << report.message << '\n';
}

namespace {

struct TornFile {
    fs::path file;
    reviewlog::MonthFile month;
};

struct LoadedMonthFile {
    bool read = false;
    std::string error;
    reviewlog::MonthFile month;
};

// Whose a month file is: this computer's, another computer's, or the log older versions wrote
// to log/ itself (read by every computer, written by none).
enum class Writer { ThisDevice, OtherDevice, OlderVersion };

struct LogFile {
    fs::path path;
    std::string month;
    std::string device;  // empty for the older versions' files
    Writer writer = Writer::OlderVersion;
};

// A file in a log folder that is not a month file: Attune's own helpers are passed over in
// silence, what a sync tool left there gets a notice.
void noticeStrayFile(const fs::path& file, std::vector<Diagnostic>& notices) {
    const std::string name = file.filename().string();
    if (name.starts_with(".lock") || name.ends_with(".torn") || name.find(".toml.tmp-") != std::string::npos) return;
    if (!isSyncToolFile(name)) return;
    std::string message = isConflictCopy(name)
                              ? "a copy a sync tool kept when two computers changed one file; skipped. If it holds "
                                "answers the log lacks, move it to a folder X/log/ under the name YYYY-MM.toml and "
                                "run: attune profile merge X"
                              : "a file a sync tool is still writing (or a hidden one); skipped, it is read once it "
                                "arrives under its own name";
    notices.push_back(warningAbout(file, 0, std::move(message)));
}

// Every month file of every computer, by month, the older versions' file of a month first and
// then the computers' in the order of their ids (so every computer joins them alike).
std::vector<LogFile> listLogFiles(const fs::path& dir, const std::string& ownId, std::vector<Diagnostic>& notices) {
    std::error_code ec;
    std::vector<LogFile> files;
    for (fs::directory_iterator it(dir / "log", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (isMonthFileName(name)) {
            files.push_back({it->path(), it->path().stem().string(), {}, Writer::OlderVersion});
            continue;
        }
        std::error_code typeError;
        if (!isDeviceId(name) || !it->is_directory(typeError)) {
            noticeStrayFile(it->path(), notices);
            continue;
        }
        const Writer writer = name == ownId ? Writer::ThisDevice : Writer::OtherDevice;
        for (fs::directory_iterator in(it->path(), ec), stop; !ec && in != stop; in.increment(ec)) {
            const std::string file = in->path().filename().string();
            if (isMonthFileName(file)) files.push_back({in->path(), in->path().stem().string(), name, writer});
            else noticeStrayFile(in->path(), notices);
        }
        ec.clear();
    }
    std::sort(files.begin(), files.end(), [](const LogFile& a, const LogFile& b) {
        return std::tie(a.month, a.device) < std::tie(b.month, b.device);
    });
    return files;
}

// Files are read and parsed in parallel (they are independent); the caller joins them in month order.
std::vector<LoadedMonthFile> loadMonthFiles(const std::vector<LogFile>& monthFiles) {
    std::vector<LoadedMonthFile> loaded(monthFiles.size());
    std::atomic<std::size_t> nextFile{0};
    const auto loadFiles = [&]() {
        for (std::size_t i = nextFile++; i < monthFiles.size(); i = nextFile++) {
            LoadedMonthFile& slot = loaded[i];
            const savefile::FileBytes bytes(monthFiles[i].path);
            slot.read = bytes.ok();
            slot.error = bytes.error();
            if (!slot.read) continue;
            slot.month = reviewlog::parseMonthFile(bytes.text(), monthFiles[i].path.string());
            // Each file sorted by time: the files of a month are then merged, and months are disjoint.
            auto& reviews = slot.month.reviews;
            if (!std::is_sorted(reviews.begin(), reviews.end(), timeLess))
                std::stable_sort(reviews.begin(), reviews.end(), timeLess);
            reviewlog::orderCanonically(reviews);  // here, in parallel, while the file is in the cache
        }
    };
    const std::size_t helpers =
        std::min<std::size_t>({std::max(1u, std::thread::hardware_concurrency()), 4, monthFiles.size()});
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < helpers; ++t) {
        try {
            threads.emplace_back(loadFiles);
        } catch (const std::system_error&) {
            break;  // no thread: this one does the work alone
        }
    }
    loadFiles();
    for (std::thread& t : threads) t.join();
    return loaded;
}

}  // namespace

struct Profile::Opening {
    Opening(const fs::path& folder, const ProfileOpenOptions& openOptions)
        : dir(folder), options(openOptions), profileFile(folder / "profile.toml") {
        profile.m_dir = folder;
        if (openOptions.readOnly) makeReadOnly("was opened read-only");
        const fs::path stateDir = openOptions.localState.value_or(localStateDir());
        std::string kept;
        profile.m_device = thisDevice(stateDir, kept);
        if (!kept.empty())
            diagnostics.push_back(warningAbout(stateDir / "device.toml", 0,
                                               "this computer's id could not be kept (" + kept +
                                                   "); this run writes its answers to a folder of its own in log/"));
        profile.m_backupsDir = backupsDirFor(stateDir, folder);
        profile.m_settingsLog.deviceId = profile.m_device.id;
        profile.m_settingsLog.deviceName = profile.m_device.name;
    }

    void makeReadOnly(std::string reason) {
        if (!profile.m_readOnly) profile.m_readOnlyReason = std::move(reason);
        profile.m_readOnly = true;
    }

    void prepareFolder();
    void readProfileFile();
    void readSettingsLogs();
    void readLog();
    std::vector<ReviewRecord> joinMonthFile(const LogFile& file, LoadedMonthFile& slot);
    void repairLogEnds();
    void migrate();
    void createProfileFileIfNew();
    void makeDailyBackup();

    Profile profile;
    std::vector<Diagnostic> diagnostics;
    const fs::path& dir;
    const ProfileOpenOptions& options;
    const fs::path profileFile;
    int migrateFrom = kProfileSchemaVersion;
    std::vector<ReviewRecord> schema0Reviews;
    profilefile::ProfileData base;  // profile.toml as read
    bool writeProfileFileNow = false;
    std::vector<TornFile> tornFiles;
    std::vector<fs::path> unterminated;  // month files whose last line has no newline
};

// Creates the folder of a new profile and takes its lock.
void Profile::Opening::prepareFolder() {
    std::error_code ec;
    if (!options.readOnly && !fs::is_directory(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec)
            diagnostics.push_back(warningAbout(dir, 0, "cannot create the profile folder (" + ec.message() +
                                                           "); answers will be kept in memory and saved elsewhere on exit"));
    }
    if (options.readOnly) return;
    // Versions before devices lock the whole folder: while one of them has it open, this one
    // only reads; while this one has it, they only read.
    if (profile.m_olderVersionsLock.acquire(dir, savefile::FolderLock::Mode::Shared) ==
        savefile::FolderLock::Outcome::HeldElsewhere) {
        diagnostics.push_back(warningAbout(dir, 0, "is open in an older version of Attune; opened read-only here. "
                                                   "Close the other one to save from here."));
        makeReadOnly("is open in an older version of Attune");
        return;
    }
    // One writer per file: this computer's files are locked by this computer only, so computers
    // sharing a synced folder never wait for each other.
    if (profile.m_lock.acquire(dir, savefile::FolderLock::Mode::Exclusive, deviceLockName(profile.m_device)) ==
        savefile::FolderLock::Outcome::HeldElsewhere) {
        diagnostics.push_back(warningAbout(dir, 0, "is open in another Attune on this computer (the game or a "
                                                   "command); opened read-only here. Close the other one to save "
                                                   "from here."));
        makeReadOnly("is open in another Attune");
    }
}

// profile.toml: settings, freezes, optimizer parameters, and in schema 0 the reviews too.
void Profile::Opening::readProfileFile() {
    std::error_code ec;
    if (!fs::exists(profileFile, ec)) {
        writeProfileFileNow = true;  // a new profile
        return;
    }
    std::string content;
    std::string error;
    if (!savefile::readWhole(profileFile, content, error)) {
        diagnostics.push_back({Diagnostic::Severity::Error, profileFile.string(), 0, 0,
                               error + ". Attune opened the profile read-only; check the file's permissions."});
        makeReadOnly("could not read profile.toml");
        return;
    }
    auto read = profilefile::parseProfileFile(content, profileFile.string());
    diagnostics.insert(diagnostics.end(), read.diagnostics.begin(), read.diagnostics.end());
    if (read.newerSchema) {
        diagnostics.push_back({Diagnostic::Severity::Warning, profileFile.string(), 0, 0,
                               "written by a newer Attune (schema_version " + std::to_string(read.data.schemaVersion) +
                                   ", this one knows " + std::to_string(kProfileSchemaVersion) +
                                   "): opened read-only, nothing will be saved. Update Attune to keep studying here."});
        makeReadOnly("was written by a newer version of Attune");
        profile.m_newerSchema = true;
    } else if (read.damaged) {
        makeReadOnly("has a damaged profile.toml");
    } else {
        base = read.data;
        profile.m_settings = read.data.settings;
        profile.m_freezes = read.data.freezes;
        profile.m_parameters = read.data.optimizerParameters;
        migrateFrom = read.data.schemaVersion;
        schema0Reviews = std::move(read.schema0Reviews);
    }
}

// settings/<device>.toml: each computer's settings changes; each setting's latest one counts.
void Profile::Opening::readSettingsLogs() {
    std::vector<profilefile::SettingsLog> logs;
    std::error_code ec;
    for (fs::directory_iterator it(dir / "settings", ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& file = it->path();
        const std::string id = file.stem().string();
        if (file.extension() != ".toml" || !isDeviceId(id)) {
            noticeStrayFile(file, diagnostics);
            continue;
        }
        const bool own = id == profile.m_device.id;
        std::string content;
        std::string error;
        if (!savefile::readWhole(file, content, error)) {
            diagnostics.push_back({Diagnostic::Severity::Error, file.string(), 0, 0, error});
            if (own) makeReadOnly("could not read its settings file " + file.filename().string());
            continue;
        }
        profilefile::SettingsLogRead read = profilefile::parseSettingsLog(content, file.string());
        diagnostics.insert(diagnostics.end(), read.diagnostics.begin(), read.diagnostics.end());
        if (read.newerSchema) {
            makeReadOnly("was written by a newer version of Attune");
            profile.m_newerSchema = true;
            continue;
        }
        // Another computer's damaged file is never written here: its changes are left out.
        if (read.damaged) {
            if (own) makeReadOnly("has a damaged settings file (" + file.filename().string() + ")");
            continue;
        }
        read.log.deviceId = id;
        if (own) {
            read.log.deviceName = profile.m_device.name;
            if (read.log.freezes >= 0) profile.m_freezes = read.log.freezes;
            profile.m_settingsLog = read.log;
        }
        logs.push_back(std::move(read.log));
    }
    if (logs.empty()) return;
    const profilefile::ProfileData effective = profilefile::effectiveSettings(base, logs);
    profile.m_settings = effective.settings;
    profile.m_parameters = effective.optimizerParameters;
}

// The log: every computer's month files (and the older versions' ones) joined into one list, in
// the canonical order a merge writes, so every computer that has the same files reads the same log.
void Profile::Opening::readLog() {
    const std::vector<LogFile> monthFiles = listLogFiles(dir, profile.m_device.id, diagnostics);
    std::vector<LoadedMonthFile> loaded = loadMonthFiles(monthFiles);
    std::size_t total = 0;
    for (const LoadedMonthFile& f : loaded) total += f.month.reviews.size();
    std::vector<ReviewRecord>& reviews = profile.m_reviews;
    reviews.reserve(total);
    // The files of one month (one per computer) are merged as they are added: each is in
    // canonical order already, so a merge by canonicalLess keeps the month canonical.
    std::vector<std::vector<ReviewRecord>> month;
    const auto addMonth = [&] {
        const auto merged = [](std::vector<ReviewRecord>& a, std::vector<ReviewRecord>& b, auto into) {
            std::merge(std::make_move_iterator(a.begin()), std::make_move_iterator(a.end()),
                       std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()), into, reviewlog::canonicalLess);
        };
        for (std::size_t part = 1; part + 1 < month.size(); ++part) {
            std::vector<ReviewRecord> both;
            both.reserve(month[0].size() + month[part].size());
            merged(month[0], month[part], std::back_inserter(both));
            month[0] = std::move(both);
        }
        if (month.size() == 1)
            reviews.insert(reviews.end(), std::make_move_iterator(month[0].begin()), std::make_move_iterator(month[0].end()));
        else if (month.size() > 1)
            merged(month[0], month.back(), std::back_inserter(reviews));
        month.clear();
    };
    for (std::size_t i = 0; i < monthFiles.size(); ++i) {
        if (i > 0 && monthFiles[i].month != monthFiles[i - 1].month) addMonth();
        month.push_back(joinMonthFile(monthFiles[i], loaded[i]));
    }
    addMonth();
    // Only a hand-moved line can break the order across files; then one sort fixes it.
    if (!std::is_sorted(reviews.begin(), reviews.end(), timeLess)) {
        std::stable_sort(reviews.begin(), reviews.end(), timeLess);
        reviewlog::orderCanonically(reviews);
    }
}

// Reports what the file's reading found and hands over its reviews.
inline std::vector<ReviewRecord> Profile::Opening::joinMonthFile(const LogFile& logFile, LoadedMonthFile& slot) {
    const fs::path& file = logFile.path;
    // Another computer's file is never written here, so its trouble never makes this profile
    // read-only: it is reported, and read again on the next start.
    const bool others = logFile.writer == Writer::OtherDevice;
    if (!slot.read) {
        diagnostics.push_back({Diagnostic::Severity::Error, file.string(), 0, 0,
                               slot.error + (others ? ". Its answers are left out until it can be read."
                                                    : ". Attune opened the profile read-only; check the file's permissions.")});
        if (!others) makeReadOnly("could not read " + file.filename().string());
        return {};
    }
    reviewlog::MonthFile& month = slot.month;
    diagnostics.insert(diagnostics.end(), month.diagnostics.begin(), month.diagnostics.end());
    if (month.newerSchema) {
        diagnostics.push_back({Diagnostic::Severity::Warning, file.string(), 0, 0,
                               "written by a newer Attune (schema_version " + std::to_string(month.schemaVersion) +
                                   "): opened read-only, nothing will be saved. Update Attune to keep studying here."});
        makeReadOnly("was written by a newer version of Attune");
        profile.m_newerSchema = true;
        return {};
    }
    if (month.damaged && !others) makeReadOnly("has a damaged review log file (" + file.filename().string() + ")");
    if (logFile.writer == Writer::ThisDevice) profile.m_nextIndex[logFile.month] = month.nextIndex;
    std::vector<ReviewRecord> reviews = std::move(month.reviews);
    month.reviews = {};
    if (others) {
        // A sync tool may bring a file in pieces: the unfinished line is read once it is whole.
        if (month.tornTail)
            diagnostics.push_back(warningAbout(file, month.tornLine,
                                               "the last line is not whole yet (another computer's file still "
                                               "arriving); it is read once it is complete"));
        return reviews;
    }
    if (month.tornTail) tornFiles.push_back({file, std::move(month)});
    else if (month.missingFinalNewline) unterminated.push_back(file);
    return reviews;
}

// A torn last line: a crash mid-append. Moved aside and reported, never dropped silently.
void Profile::Opening::repairLogEnds() {
    for (const TornFile& torn : tornFiles) {
        fs::path aside = torn.file;
        aside += ".torn";
        if (profile.m_readOnly) {
            diagnostics.push_back(warningAbout(torn.file, torn.month.tornLine,
                                               "the last line is cut off (a crash while saving); left in place because the "
                                               "profile is read-only"));
            continue;
        }
        const SaveResult moved = moveTornTail(torn.file, torn.month);
        if (moved.ok) {
            diagnostics.push_back(warningAbout(torn.file, torn.month.tornLine,
                                               "the last line was cut off by a crash while saving (" +
                                                   std::to_string(torn.month.tornTail->size()) +
                                                   " bytes); moved to " + aside.string() + ", the rest of the log is fine"));
        } else {
            diagnostics.push_back(warningAbout(torn.file, torn.month.tornLine,
                                               "the last line is cut off (a crash while saving) and could not be moved aside (" +
                                                   moved.message + "); opened read-only"));
            makeReadOnly("has a cut-off review log line that could not be moved aside");
        }
    }
    for (const fs::path& file : unterminated) {
        if (!profile.m_readOnly && !savefile::appendDurably(file, "", "\n").ok)
            makeReadOnly("cannot finish the last line of " + file.filename().string());
    }
}

// Schema 0 -> 2: reviews move from profile.toml to this computer's month files. Schema 1 -> 2:
// nothing moves (log/YYYY-MM.toml stays, read as the older versions' log); profile.toml only
// gets the new number, so an older Attune opens the folder read-only instead of missing the
// computers' folders. A backup comes first.
void Profile::Opening::migrate() {
    if (migrateFrom >= kProfileSchemaVersion) return;
    if (profile.m_readOnly) {
        // Read-only: show the old layout's reviews without moving them.
        if (schema0Reviews.empty()) return;
        profile.m_reviews.insert(profile.m_reviews.end(), schema0Reviews.begin(), schema0Reviews.end());
        std::stable_sort(profile.m_reviews.begin(), profile.m_reviews.end(), timeLess);
        reviewlog::orderCanonically(profile.m_reviews);
        return;
    }
    const scheduler::Moment at = options.now.value_or(now());
    if (auto made = backup::create(dir, profile.m_backupsDir, backup::stampName(at) + "-before-migration"); !made.ok) {
        diagnostics.push_back(warningAbout(profileFile, 0, made.message + "; the old layout stays, opened read-only"));
        makeReadOnly("needs a migration that could not be done safely");
        return;
    }
    MergeReport merged;
    merged.ok = true;
    if (migrateFrom == 0) merged = profile.mergeReviews(schema0Reviews);
    // profile.toml's own values, not the computers' later changes: every computer that migrates
    // the same folder writes the same bytes.
    const SaveResult written = merged.ok ? profile.writeProfileFile(base) : SaveResult{merged};
    const std::string to = "schema " + std::to_string(kProfileSchemaVersion);
    if (!written.ok) {
        diagnostics.push_back(warningAbout(profileFile, 0, "migration to " + to + " failed: " + written.message +
                                                             "; opened read-only"));
        makeReadOnly("needs a migration that failed");
    } else if (migrateFrom == 0) {
        diagnostics.push_back(warningAbout(profileFile, 0, "migrated from schema 0 (" + std::to_string(merged.added) +
                                                             " reviews moved to log/); the old files are in " +
                                                             profile.m_backupsDir.string()));
    }
}

void Profile::Opening::createProfileFileIfNew() {
    std::error_code ec;
    if (writeProfileFileNow && !profile.m_readOnly && fs::is_directory(dir, ec)) {
        if (auto written = profile.writeProfileFile(profilefile::ProfileData{}); !written.ok)
            diagnostics.push_back(warningAbout(profileFile, 0, "cannot create profile.toml: " + written.message));
    }
}

// The first open of a study day copies the profile to backups/.
void Profile::Opening::makeDailyBackup() {
    std::error_code ec;
    if (options.dailyBackup && !profile.m_readOnly && fs::exists(profileFile, ec)) {
        if (auto made = profile.backupIfNewStudyDay(options.now.value_or(now())); !made.ok)
            diagnostics.push_back(warningAbout(profile.m_backupsDir, 0, made.message));
    }
}

ProfileOpenResult Profile::open(const fs::path& dir, const ProfileOpenOptions& options) {
    Opening opening(dir, options);
    opening.prepareFolder();
    opening.readProfileFile();
    opening.readSettingsLogs();
    opening.readLog();
    opening.repairLogEnds();
    opening.migrate();
    opening.createProfileFileIfNew();
    opening.makeDailyBackup();
    return ProfileOpenResult{std::move(opening.profile), std::move(opening.diagnostics)};
}

SaveResult Profile::writePending() {
    if (m_pending.empty()) return SaveResult::done();
    std::error_code ec;
    const fs::path ownLog = ownLogDir();
    if (!fs::is_directory(ownLog, ec)) {
        fs::create_directories(ownLog, ec);
        (void)savefile::syncFolder(m_dir / "log");
    }
    // One write per month file (almost always one): lines numbered on from the file's last key.
    std::size_t done = 0;
    while (done < m_pending.size()) {
        const std::string month = reviewlog::monthOf(m_pending[done].utcMs);
        std::uint64_t index = m_nextIndex.count(month) != 0 ? m_nextIndex[month] : 1;
        std::string lines;
        std::size_t end = done;
        while (end < m_pending.size() && reviewlog::monthOf(m_pending[end].utcMs) == month) {
            lines += reviewlog::formatLine(m_pending[end], index++);
            ++end;
        }
        if (SaveResult appended = savefile::appendDurably(monthFilePath(ownLog, month), reviewlog::fileHeader(), lines);
            !appended.ok) {
            m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(done));
            return appended;
        }
        m_nextIndex[month] = index;
        done = end;
    }
    m_pending.clear();
    return SaveResult::done();
}

SaveResult Profile::append(const ReviewRecord& record) {
    // Memory first: the game goes on with the answer whether or not the disk takes it. In the
    // canonical order, where the next start reads it.
    const auto at = std::upper_bound(m_reviews.begin(), m_reviews.end(), record, reviewlog::canonicalLess);
    m_reviews.insert(at, record);
    m_pending.push_back(record);
    return flush();
}

SaveResult Profile::flush() {
    if (m_pending.empty()) return SaveResult::done();
    const std::string count = std::to_string(m_pending.size()) + (m_pending.size() == 1 ? " answer" : " answers");
    if (m_readOnly)
        return SaveResult::failed("Not saved: this profile " + m_readOnlyReason + ". " + count + " kept in memory.");
    SaveResult written = writePending();
    if (written.ok) return written;
    m_lastError = written.message;
    return SaveResult::failed("Saving failed (" + written.message + "). " + std::to_string(m_pending.size()) +
                              (m_pending.size() == 1 ? " answer is" : " answers are") +
                              " kept in memory and will be retried.");
}

CloseReport Profile::close() {
    CloseReport report;
    report.ok = true;
    if (m_closed) return report;
    m_closed = true;
    // Answers flush() cannot write stay in m_pending for the fallback below. A profile.toml that
    // cannot be written keeps its last saved settings (the failure was reported when they were
    // saved).
    (void)flush();
    if (m_settingsLogDirty && !m_readOnly) (void)writeSettingsLog();
    m_lock.release();
    m_olderVersionsLock.release();
    if (m_pending.empty()) return report;
    report.ok = false;

    report.unsaved = m_pending.size();
    const std::string why = m_readOnly ? "the profile " + m_readOnlyReason : m_lastError;
    const scheduler::Moment at = now();
    const std::string name = "unsaved-" + backup::stampName(at) + "-" + std::to_string(::getpid());
    std::vector<fs::path> places{userDataDir() / "unsaved" / name};
    const char* tmp = std::getenv("TMPDIR");
    places.push_back(fs::path(tmp != nullptr && *tmp == '/' ? tmp : "/tmp") / ("attune-" + name));

    std::map<std::string, std::vector<ReviewRecord>> byMonth;
    for (const ReviewRecord& r : m_pending) byMonth[reviewlog::monthOf(r.utcMs)].push_back(r);
    std::string lastError;
    for (const fs::path& place : places) {
        std::error_code ec;
        fs::create_directories(place / "log", ec);
        if (ec) {
            lastError = place.string() + ": " + ec.message();
            continue;
        }
        bool ok = true;
        for (const auto& [month, records] : byMonth) {
            SaveResult written = savefile::writeAtomically(monthFilePath(place / "log", month), reviewlog::formatMonthFile(records));
            if (!written.ok) {
                lastError = std::move(written.message);
                ok = false;
                break;
            }
        }
        if (!ok) continue;
        report.fallbackDir = place;
        report.message = std::to_string(report.unsaved) + (report.unsaved == 1 ? " answer" : " answers") +
                         " could not be saved to " + (m_dir / "log").string() + " (" + why + "). " +
                         (report.unsaved == 1 ? "It was" : "They were") + " written to " + place.string() +
                         " instead; add " + (report.unsaved == 1 ? "it" : "them") + " back with: attune profile merge " +
                         place.string() + " --profile " +
                         m_dir.string();
        m_pending.clear();
        return report;
    }
    report.lost = true;
    report.message = std::to_string(report.unsaved) + " answers could not be saved anywhere (" + why + "; " + lastError +
                     "). They are lost when Attune exits.";
    return report;
}

MergeReport Profile::mergeReviews(std::span<const ReviewRecord> others,
                                  const std::function<SaveResult()>& beforeFirstWrite) {
    MergeReport report;
    if (m_readOnly) {
        report.message = "this profile " + m_readOnlyReason + "; nothing was merged";
        return report;
    }
    if (SaveResult pending = writePending(); !pending.ok) {
        report.message = "unsaved answers could not be written first: " + pending.message;
        return report;
    }
    report.ok = true;

    // The union rule: everything in canonical order, the first of equal answers kept. What the
    // log (every computer's files) has already stays where it is; the rest is new.
    std::vector<ReviewRecord> incoming(others.begin(), others.end());
    std::sort(incoming.begin(), incoming.end(), reviewlog::canonicalLess);
    reviewlog::keepEachAnswerOnce(incoming);
    std::map<std::string, std::vector<ReviewRecord>> addedByMonth;
    for (ReviewRecord& r : incoming) {
        const auto [first, last] = std::equal_range(m_reviews.begin(), m_reviews.end(), r, timeLess);
        const bool known = std::any_of(first, last, [&](const ReviewRecord& mine) { return reviewlog::sameAnswer(mine, r); });
        if (known) continue;
        ++report.added;
        addedByMonth[reviewlog::monthOf(r.utcMs)].push_back(std::move(r));
    }
    report.duplicates = others.size() - report.added;

    // This computer's month files take the new answers, each rewritten whole in canonical order.
    const fs::path ownLog = ownLogDir();
    std::vector<ReviewRecord> added;
    for (auto& [month, records] : addedByMonth) {
        const fs::path file = monthFilePath(ownLog, month);
        std::string current;
        std::string ignored;
        std::vector<ReviewRecord> content = records;
        if (savefile::readWhole(file, current, ignored)) {
            reviewlog::MonthFile own = reviewlog::parseMonthFile(current, file.string());
            if (own.damaged || own.tornTail) {
                report.ok = false;
                report.message = file.string() + " could not be read whole; nothing was written to it";
                break;
            }
            content.insert(content.end(), own.reviews.begin(), own.reviews.end());
        }
        std::sort(content.begin(), content.end(), reviewlog::canonicalLess);
        reviewlog::keepEachAnswerOnce(content);
        if (report.monthFilesWritten.empty() && beforeFirstWrite) {
            if (SaveResult ready = beforeFirstWrite(); !ready.ok) {
                report.ok = false;
                report.message = ready.message + "; nothing was written";
                break;
            }
        }
        std::error_code ec;
        if (!fs::is_directory(ownLog, ec)) {
            fs::create_directories(ownLog, ec);
            (void)savefile::syncFolder(m_dir / "log");
        }
        if (SaveResult written = savefile::writeAtomically(file, reviewlog::formatMonthFile(content)); !written.ok) {
            report.ok = false;
            report.message = written.message + " (files written before this one are complete; run the merge again)";
            break;
        }
        report.monthFilesWritten.push_back("log/" + m_device.id + "/" + month + ".toml");
        m_nextIndex[month] = content.size() + 1;
        added.insert(added.end(), std::make_move_iterator(records.begin()), std::make_move_iterator(records.end()));
    }
    // Memory holds what is on disk: the months written so far (all of them when ok).
    if (!added.empty()) {
        const std::size_t own = m_reviews.size();
        m_reviews.insert(m_reviews.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
        std::sort(m_reviews.begin() + static_cast<std::ptrdiff_t>(own), m_reviews.end(), reviewlog::canonicalLess);
        std::inplace_merge(m_reviews.begin(), m_reviews.begin() + static_cast<std::ptrdiff_t>(own), m_reviews.end(),
                           reviewlog::canonicalLess);
    }
    return report;
}

Settings peekSettings(const fs::path& dir) {
    constexpr std::uintmax_t kLargest = 64 * 1024;
    const auto readSmall = [&](const fs::path& file, std::string& text) {
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        std::string error;
        return !ec && size <= kLargest && savefile::readWhole(file, text, error);
    };
    profilefile::ProfileData base;
    if (std::string text; readSmall(dir / "profile.toml", text)) {
        profilefile::ProfileFileRead read = profilefile::parseProfileFile(text, "profile.toml");
        if (!read.damaged && !read.newerSchema) base = read.data;
    }
    std::vector<profilefile::SettingsLog> logs;
    std::error_code ec;
    for (fs::directory_iterator it(dir / "settings", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string id = it->path().stem().string();
        std::string text;
        if (it->path().extension() != ".toml" || !isDeviceId(id) || !readSmall(it->path(), text)) continue;
        profilefile::SettingsLogRead read = profilefile::parseSettingsLog(text, id);
        if (read.damaged || read.newerSchema) continue;
        read.log.deviceId = id;
        logs.push_back(std::move(read.log));
    }
    return logs.empty() ? base.settings : profilefile::effectiveSettings(base, logs).settings;
}

// profile.toml is written when a profile is made or migrated, never after: each computer's
// changes go to its own settings file.
SaveResult Profile::writeProfileFile(const profilefile::ProfileData& data) {
    return savefile::writeAtomically(m_dir / "profile.toml", profilefile::formatProfileFile(data));
}

SaveResult Profile::writeSettingsLog() {
    std::error_code ec;
    fs::create_directories(m_dir / "settings", ec);
    SaveResult written = savefile::writeAtomically(settingsLogPath(m_dir, m_device.id),
                                                   profilefile::formatSettingsLog(m_settingsLog));
    m_settingsLogDirty = !written.ok;
    return written;
}

SaveResult Profile::saveSettings(const Settings& settings) {
    // Each setting that changed is recorded with the time of the change: on every computer the
    // latest change of a setting wins, whichever computer made it.
    profilefile::ProfileData before;
    before.settings = m_settings;
    profilefile::ProfileData after;
    after.settings = settings;
    const auto old = profilefile::settingValues(before);
    const std::int64_t at = now().utcMs;
    for (const auto& [key, value] : profilefile::settingValues(after)) {
        if (key == "optimizer_parameters") continue;
        const auto found = old.find(key);
        if (found == old.end() || found->second != value) m_settingsLog.changes[key] = {value, at};
    }
    m_settings = settings;
    if (m_readOnly) return {false, "not saved: this profile " + m_readOnlyReason};
    return writeSettingsLog();
}

SaveResult Profile::saveFreezes(int freezes) {
    m_freezes = std::max(0, freezes);
    m_settingsLog.freezes = m_freezes;
    if (m_readOnly) return {false, "not saved: this profile " + m_readOnlyReason};
    return writeSettingsLog();
}

void Profile::mirrorFreezes(int earned) {
    if (m_readOnly || m_closed || earned == m_freezes) return;
    (void)saveFreezes(earned);  // a file that cannot be written only keeps an old mirror
}

SaveResult Profile::saveOptimizerParameters(std::optional<std::vector<double>> parameters) {
    m_parameters = std::move(parameters);
    profilefile::ProfileData data;
    data.optimizerParameters = m_parameters;
    const auto values = profilefile::settingValues(data);
    const auto found = values.find("optimizer_parameters");
    m_settingsLog.changes["optimizer_parameters"] = {found != values.end() ? found->second : "[]", now().utcMs};
    if (m_readOnly) return {false, "not saved: this profile " + m_readOnlyReason};
    return writeSettingsLog();
}

std::vector<BackupInfo> Profile::backups() const {
    std::vector<BackupInfo> all = backup::list(m_backupsDir);
    const std::vector<BackupInfo> older = backup::list(m_dir / "backups");
    all.insert(all.end(), older.begin(), older.end());
    std::stable_sort(all.begin(), all.end(), [](const BackupInfo& a, const BackupInfo& b) { return a.name < b.name; });
    return all;
}

SaveResult Profile::backupIfNewStudyDay(scheduler::Moment at) {
    if (m_readOnly) return {false, "no backup: this profile " + m_readOnlyReason};
    const std::string today = backup::studyDayName(at, m_settings.dayStartHour);
    std::error_code ec;
    if (fs::exists(m_backupsDir / today, ec)) return SaveResult::done();
    SaveResult made = backup::create(m_dir, m_backupsDir, today);
    if (made.ok) backup::prune(m_backupsDir);
    return made;
}

SaveResult Profile::backupNow(const std::string& label) {
    if (SaveResult flushed = flush(); !flushed.ok) return flushed;
    auto made = backup::create(m_dir, m_backupsDir, backup::stampName(now()) + (label.empty() ? "" : "-" + label));
    if (made.ok) backup::prune(m_backupsDir);
    return made;
}

}  // namespace attune::model
