// The profile store: opening (with migration, torn-tail recovery and the daily backup),
// appending answers durably, keeping them in memory when the disk refuses, and merging.
#include <attune/model/save/Profile.hpp>

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/ProfileBackup.hpp>
#include <attune/model/save/ProfileFile.hpp>
#include <attune/model/save/SaveFile.hpp>

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

fs::path monthFilePath(const fs::path& dir, const std::string& month) { return dir / "log" / (month + ".toml"); }

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
    m_reviews = std::move(other.m_reviews);
    m_pending = std::move(other.m_pending);
    m_nextIndex = std::move(other.m_nextIndex);
    m_settings = other.m_settings;
    m_freezes = other.m_freezes;
    m_parameters = std::move(other.m_parameters);
    m_readOnly = other.m_readOnly;
    m_newerSchema = other.m_newerSchema;
    m_closed = other.m_closed;
    m_profileFileDirty = other.m_profileFileDirty;
    m_readOnlyReason = std::move(other.m_readOnlyReason);
    m_lastError = std::move(other.m_lastError);
    m_lock = std::move(other.m_lock);
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

std::vector<fs::path> listMonthFiles(const fs::path& dir) {
    std::error_code ec;
    std::vector<fs::path> monthFiles;
    for (fs::directory_iterator it(dir / "log", ec), end; !ec && it != end; it.increment(ec)) {
        if (isMonthFileName(it->path().filename().string())) monthFiles.push_back(it->path());
    }
    std::sort(monthFiles.begin(), monthFiles.end());
    return monthFiles;
}

// Files are read and parsed in parallel (they are independent); the caller joins them in month order.
std::vector<LoadedMonthFile> loadMonthFiles(const std::vector<fs::path>& monthFiles) {
    std::vector<LoadedMonthFile> loaded(monthFiles.size());
    std::atomic<std::size_t> nextFile{0};
    const auto loadFiles = [&]() {
        for (std::size_t i = nextFile++; i < monthFiles.size(); i = nextFile++) {
            LoadedMonthFile& slot = loaded[i];
            const savefile::FileBytes bytes(monthFiles[i]);
            slot.read = bytes.ok();
            slot.error = bytes.error();
            if (!slot.read) continue;
            slot.month = reviewlog::parseMonthFile(bytes.text(), monthFiles[i].string());
            // Month files hold disjoint UTC months, so sorting each file sorts the whole log.
            auto& reviews = slot.month.reviews;
            if (!std::is_sorted(reviews.begin(), reviews.end(), timeLess))
                std::stable_sort(reviews.begin(), reviews.end(), timeLess);
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
    }

    void makeReadOnly(std::string reason) {
        if (!profile.m_readOnly) profile.m_readOnlyReason = std::move(reason);
        profile.m_readOnly = true;
    }

    void prepareFolder();
    void readProfileFile();
    void readLog();
    void joinMonthFile(const fs::path& file, LoadedMonthFile& slot);
    void repairLogEnds();
    void migrateFromSchema0();
    void createProfileFileIfNew();
    void makeDailyBackup();

    Profile profile;
    std::vector<Diagnostic> diagnostics;
    const fs::path& dir;
    const ProfileOpenOptions& options;
    const fs::path profileFile;
    bool migrateFrom0 = false;
    std::vector<ReviewRecord> schema0Reviews;
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
    if (!options.readOnly &&
        profile.m_lock.acquire(dir) == savefile::FolderLock::Outcome::HeldElsewhere) {
        diagnostics.push_back(warningAbout(dir, 0, "is open in another Attune (the game or a command); opened "
                                                   "read-only here. Close the other one to save from here."));
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
        profile.m_settings = read.data.settings;
        profile.m_freezes = read.data.freezes;
        profile.m_parameters = read.data.optimizerParameters;
        if (read.data.schemaVersion < kProfileSchemaVersion) {
            migrateFrom0 = true;
            schema0Reviews = std::move(read.schema0Reviews);
        }
    }
}

// log/YYYY-MM.toml: every month file, joined into one time-ordered list of reviews.
void Profile::Opening::readLog() {
    const std::vector<fs::path> monthFiles = listMonthFiles(dir);
    std::vector<LoadedMonthFile> loaded = loadMonthFiles(monthFiles);
    std::size_t total = 0;
    for (const LoadedMonthFile& f : loaded) total += f.month.reviews.size();
    profile.m_reviews.reserve(total);
    for (std::size_t i = 0; i < monthFiles.size(); ++i) joinMonthFile(monthFiles[i], loaded[i]);
    // Only a hand-moved line can break the order across files; then one sort fixes it.
    if (!std::is_sorted(profile.m_reviews.begin(), profile.m_reviews.end(), timeLess))
        std::stable_sort(profile.m_reviews.begin(), profile.m_reviews.end(), timeLess);
}

inline void Profile::Opening::joinMonthFile(const fs::path& file, LoadedMonthFile& slot) {
    if (!slot.read) {
        diagnostics.push_back({Diagnostic::Severity::Error, file.string(), 0, 0,
                               slot.error + ". Attune opened the profile read-only; check the file's permissions."});
        makeReadOnly("could not read " + file.filename().string());
        return;
    }
    reviewlog::MonthFile& month = slot.month;
    diagnostics.insert(diagnostics.end(), month.diagnostics.begin(), month.diagnostics.end());
    if (month.newerSchema) {
        diagnostics.push_back({Diagnostic::Severity::Warning, file.string(), 0, 0,
                               "written by a newer Attune (schema_version " + std::to_string(month.schemaVersion) +
                                   "): opened read-only, nothing will be saved. Update Attune to keep studying here."});
        makeReadOnly("was written by a newer version of Attune");
        profile.m_newerSchema = true;
        return;
    }
    if (month.damaged) makeReadOnly("has a damaged review log file (" + file.filename().string() + ")");
    profile.m_nextIndex[file.stem().string()] = month.nextIndex;
    profile.m_reviews.insert(profile.m_reviews.end(), std::make_move_iterator(month.reviews.begin()),
                             std::make_move_iterator(month.reviews.end()));
    month.reviews = {};
    if (month.tornTail) tornFiles.push_back({file, std::move(month)});
    else if (month.missingFinalNewline) unterminated.push_back(file);
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

// Schema 0 -> 1: reviews move from profile.toml to the month files; a backup comes first.
void Profile::Opening::migrateFromSchema0() {
    if (!migrateFrom0) return;
    if (profile.m_readOnly) {
        // Read-only: show the old layout's reviews without moving them.
        profile.m_reviews.insert(profile.m_reviews.end(), schema0Reviews.begin(), schema0Reviews.end());
        std::stable_sort(profile.m_reviews.begin(), profile.m_reviews.end(), timeLess);
        return;
    }
    const scheduler::Moment at = options.now.value_or(now());
    if (auto made = backup::create(dir, backup::stampName(at) + "-before-migration"); !made.ok) {
        diagnostics.push_back(warningAbout(profileFile, 0, made.message + "; the old layout stays, opened read-only"));
        makeReadOnly("needs a migration that could not be done safely");
        return;
    }
    MergeReport merged = profile.mergeReviews(schema0Reviews);
    const SaveResult written = merged.ok ? profile.writeProfileFile() : SaveResult{merged};
    if (!written.ok) {
        diagnostics.push_back(warningAbout(profileFile, 0, "migration to schema " + std::to_string(kProfileSchemaVersion) +
                                                             " failed: " + written.message + "; opened read-only"));
        makeReadOnly("needs a migration that failed");
    } else {
        diagnostics.push_back(warningAbout(profileFile, 0, "migrated from schema 0 (" + std::to_string(merged.added) +
                                                             " reviews moved to log/); the old files are in backups/"));
    }
}

void Profile::Opening::createProfileFileIfNew() {
    std::error_code ec;
    if (writeProfileFileNow && !profile.m_readOnly && fs::is_directory(dir, ec)) {
        if (auto written = profile.writeProfileFile(); !written.ok)
            diagnostics.push_back(warningAbout(profileFile, 0, "cannot create profile.toml: " + written.message));
    }
}

// The first open of a study day copies the profile to backups/.
void Profile::Opening::makeDailyBackup() {
    std::error_code ec;
    if (options.dailyBackup && !profile.m_readOnly && fs::exists(profileFile, ec)) {
        if (auto made = profile.backupIfNewStudyDay(options.now.value_or(now())); !made.ok)
            diagnostics.push_back(warningAbout(dir / "backups", 0, made.message));
    }
}

ProfileOpenResult Profile::open(const fs::path& dir, const ProfileOpenOptions& options) {
    Opening opening(dir, options);
    opening.prepareFolder();
    opening.readProfileFile();
    opening.readLog();
    opening.repairLogEnds();
    opening.migrateFromSchema0();
    opening.createProfileFileIfNew();
    opening.makeDailyBackup();
    return ProfileOpenResult{std::move(opening.profile), std::move(opening.diagnostics)};
}

SaveResult Profile::writePending() {
    if (m_pending.empty()) return SaveResult::done();
    std::error_code ec;
    fs::create_directories(m_dir / "log", ec);
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
        if (SaveResult appended = savefile::appendDurably(monthFilePath(m_dir, month), reviewlog::fileHeader(), lines);
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
    // Memory first: the game goes on with the answer whether or not the disk takes it.
    const auto at = std::upper_bound(m_reviews.begin(), m_reviews.end(), record, timeLess);
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
    if (m_profileFileDirty && !m_readOnly) (void)writeProfileFile();
    m_lock.release();
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
            SaveResult written = savefile::writeAtomically(monthFilePath(place, month), reviewlog::formatMonthFile(records));
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

    std::map<std::string, std::vector<ReviewRecord>> byMonth;
    for (const ReviewRecord& r : m_reviews) byMonth[reviewlog::monthOf(r.utcMs)].push_back(r);
    // Months already on disk take part even when empty in memory, so every file ends canonical.
    std::error_code ec;
    for (fs::directory_iterator it(m_dir / "log", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (isMonthFileName(name)) byMonth[it->path().stem().string()];
    }
    std::size_t ownCount = 0;
    for (const ReviewRecord& r : others) byMonth[reviewlog::monthOf(r.utcMs)].push_back(r);

    std::vector<ReviewRecord> all;
    all.reserve(m_reviews.size() + others.size());
    for (auto& [month, records] : byMonth) {
        std::sort(records.begin(), records.end(), reviewlog::canonicalLess);
        // Equal answers sit next to each other in canonical order: keep the first of each run.
        std::vector<ReviewRecord> unique;
        unique.reserve(records.size());
        for (ReviewRecord& r : records) {
            if (!unique.empty() && reviewlog::sameAnswer(unique.back(), r)) continue;
            unique.push_back(std::move(r));
        }
        const std::string content = reviewlog::formatMonthFile(unique);
        const fs::path file = monthFilePath(m_dir, month);
        std::string current;
        std::string ignored;
        const bool exists = savefile::readWhole(file, current, ignored);
        if (!(exists && current == content) && !(unique.empty() && !exists)) {
            if (report.monthFilesWritten.empty() && beforeFirstWrite) {
                if (SaveResult ready = beforeFirstWrite(); !ready.ok) {
                    report.ok = false;
                    report.message = ready.message + "; nothing was written";
                    break;
                }
            }
            fs::create_directories(m_dir / "log", ec);
            if (SaveResult written = savefile::writeAtomically(file, content); !written.ok) {
                report.ok = false;
                report.message = written.message + " (files written before this one are complete; run the merge again)";
                break;
            }
            report.monthFilesWritten.push_back("log/" + month + ".toml");
        }
        m_nextIndex[month] = unique.size() + 1;
        all.insert(all.end(), std::make_move_iterator(unique.begin()), std::make_move_iterator(unique.end()));
    }
    if (!report.ok) {
        // Keep memory equal to what is on disk: reload the months is overkill here; the union is
        // only adopted when every file was written.
        return report;
    }
    ownCount = m_reviews.size();
    std::stable_sort(all.begin(), all.end(), timeLess);
    report.added = all.size() >= ownCount ? all.size() - ownCount : 0;
    report.duplicates = others.size() - std::min(others.size(), report.added);
    m_reviews = std::move(all);
    return report;
}

SaveResult Profile::writeProfileFile() {
    profilefile::ProfileData data;
    data.schemaVersion = kProfileSchemaVersion;
    data.settings = m_settings;
    data.freezes = m_freezes;
    data.optimizerParameters = m_parameters;
    SaveResult written = savefile::writeAtomically(m_dir / "profile.toml", profilefile::formatProfileFile(data));
    m_profileFileDirty = !written.ok;
    return written;
}

SaveResult Profile::saveSettings(const Settings& settings) {
    m_settings = settings;
    if (m_readOnly) return {false, "not saved: this profile " + m_readOnlyReason};
    return writeProfileFile();
}

SaveResult Profile::saveFreezes(int freezes) {
    m_freezes = std::max(0, freezes);
    if (m_readOnly) return {false, "not saved: this profile " + m_readOnlyReason};
    return writeProfileFile();
}

void Profile::mirrorFreezes(int earned) {
    if (m_readOnly || m_closed || earned == m_freezes) return;
    (void)saveFreezes(earned);  // a file that cannot be written only keeps an old mirror
}

SaveResult Profile::saveOptimizerParameters(std::optional<std::vector<double>> parameters) {
    m_parameters = std::move(parameters);
    if (m_readOnly) return {false, "not saved: this profile " + m_readOnlyReason};
    return writeProfileFile();
}

std::vector<BackupInfo> Profile::backups() const { return backup::list(m_dir); }

SaveResult Profile::backupIfNewStudyDay(scheduler::Moment at) {
    if (m_readOnly) return {false, "no backup: this profile " + m_readOnlyReason};
    const std::string today = backup::studyDayName(at, m_settings.dayStartHour);
    std::error_code ec;
    if (fs::exists(m_dir / "backups" / today, ec)) return SaveResult::done();
    SaveResult made = backup::create(m_dir, today);
    if (made.ok) backup::prune(m_dir);
    return made;
}

SaveResult Profile::backupNow(const std::string& label) {
    if (SaveResult flushed = flush(); !flushed.ok) return flushed;
    auto made = backup::create(m_dir, backup::stampName(now()) + (label.empty() ? "" : "-" + label));
    if (made.ok) backup::prune(m_dir);
    return made;
}

}  // namespace attune::model
