// A player's profile: the folder holding everything Attune saves for them (docs/SAVES.md). It
// may be synced between computers: each computer (Device) writes only files of its own.
//   profile.toml                the settings as they were when the folder got this layout
//   settings/<device>.toml      each computer's settings changes, each with its time; the latest wins
//   log/<device>/YYYY-MM.toml   the review log, the one truth: one line per answer, append-only;
//                               every computer's files are read, as one log
//   log/YYYY-MM.toml            the log of older versions, still read, no longer written
// Backups are this computer's own, in localStateDir()/backups/ (never synced).
//
// How to use it:
//   auto opened = attune::model::Profile::open(dir);   // never throws; a missing folder is created
//   for (const auto& d : opened.diagnostics) std::cerr << d.format() << '\n';
//   attune::model::Profile& profile = opened.profile;  // always usable; maybe readOnly()
//   for (const ReviewRecord& r : profile.reviews()) ... // every answer, oldest first
//   auto saved = profile.append(record);               // on disk (fsync) before it returns
//   if (!saved.ok) tellPlayer(saved.message);          // kept in memory, retried on the next append
//   profile.saveSettings(settings);                    // recorded in settings/<device>.toml
//   auto report = profile.close();                     // report.message: what was not saved, where
// Card states, XP and streaks are not stored: replay reviews() through the scheduler.
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/save/SaveResult.hpp>
#include <attune/model/save/Device.hpp>
#include <attune/model/save/ProfileFile.hpp>
#include <attune/model/save/SaveFile.hpp>
#include <attune/model/save/Settings.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace attune::model {

/// The profile.toml schema this build writes. Older ones are migrated on open; newer ones are
/// opened read-only.
inline constexpr int kProfileSchemaVersion = 2;

struct ProfileOpenOptions {
    bool readOnly = false;        // never write anything (merge sources, inspecting a backup)
    bool dailyBackup = true;      // back the profile up on the first open of a study day
    std::optional<scheduler::Moment> now;  // default: model::now()
    std::optional<std::filesystem::path> localState;  // this computer's own files; default localStateDir()
};

/// What close() did with answers it could not put in the log: ok when every answer is on
/// disk; otherwise the message gives the player the exact words (where they went, or that they
/// are lost).
struct [[nodiscard]] CloseReport : SaveResult {
    std::size_t unsaved = 0;                // answers that never reached the log
    std::filesystem::path fallbackDir;      // a profile-shaped folder holding them (merge it back)
    bool lost = false;                      // true only when even the fallback could not be written
};

/// What mergeReviews() did; when not ok, nothing is half-written (each file is atomic).
struct [[nodiscard]] MergeReport : SaveResult {
    std::size_t added = 0;       // reviews new to this profile
    std::size_t duplicates = 0;  // already present (same deck, card, time and rating)
    std::vector<std::string> monthFilesWritten;  // "log/2026-11.toml", ...
};

struct BackupInfo {
    std::string name;              // "2026-11-27" (daily) or "2026-11-27T231500-before-restore"
    std::filesystem::path path;
};

class Profile;
struct ProfileOpenResult;

class Profile {
public:
    /// Opens (or creates) the profile in `dir`. Damaged files give Error diagnostics with
    /// file:line:col and the profile opens read-only, so they are never written over; a newer
    /// schema also opens read-only; a torn last review is moved to a `.torn` file (Warning).
    /// One writer at a time: while another Attune has the folder open for writing, this one
    /// opens it read-only (Warning). close() lets go of it.
    static ProfileOpenResult open(const std::filesystem::path& dir, const ProfileOpenOptions& options = {});

    Profile(Profile&& other) noexcept;
    Profile& operator=(Profile&& other) noexcept;
    Profile(const Profile&) = delete;
    Profile& operator=(const Profile&) = delete;
    ~Profile();  // close() if not closed yet; prints its message to stderr as a last resort

    const std::filesystem::path& dir() const { return m_dir; }
    /// This computer: the only writer of ownLogDir() and of settings/<id>.toml.
    const Device& device() const { return m_device; }
    std::filesystem::path ownLogDir() const { return m_dir / "log" / m_device.id; }
    /// Where this computer keeps its backups of this profile (never inside the synced folder).
    std::filesystem::path backupsDir() const { return m_backupsDir; }

    // --- the review log -----------------------------------------------------------------
    /// Every answer, oldest first (by UTC time; equal times keep their order), pending ones included.
    const std::vector<ReviewRecord>& reviews() const { return m_reviews; }
    /// Appends one answer with one write() and an fsync. On failure the answer is kept in memory
    /// (pendingCount()) and retried first on the next append() or flush(). ok: the answer (and
    /// every pending one) is on disk, fsynced; else the message says why in the player's words.
    SaveResult append(const ReviewRecord& record);
    std::size_t pendingCount() const { return m_pending.size(); }
    SaveResult flush();
    /// Flushes; answers that still cannot be saved are written to a fallback folder (in the
    /// profile's parent folder, else $TMPDIR) that `attune profile merge` takes back.
    CloseReport close();

    /// Adds reviews from elsewhere (another computer's profile, an imported history): the union,
    /// each (deck, card, time, rating) once. The new ones go to this computer's month files, each
    /// rewritten atomically in one canonical order; merging again changes nothing.
    /// `beforeFirstWrite` (e.g. making a backup) runs once, only if a file is about to change;
    /// when it returns false nothing is written.
    MergeReport mergeReviews(std::span<const ReviewRecord> others,
                             const std::function<SaveResult()>& beforeFirstWrite = {});

    // --- profile.toml -------------------------------------------------------------------
    const Settings& settings() const { return m_settings; }
    int freezes() const { return m_freezes; }  // streak freezes held
    /// FSRS parameters fitted by `attune optimize` (21 values), empty when never fitted.
    const std::optional<std::vector<double>>& optimizerParameters() const { return m_parameters; }
    /// Each updates memory first (the game goes on with the new values), then rewrites this
    /// computer's settings file (each changed setting with the time of its change).
    SaveResult saveSettings(const Settings& settings);
    SaveResult saveFreezes(int freezes);
    /// profile.toml mirrors the streak freezes the log has earned (the log decides; the number
    /// is for people and tools reading the file): written when the file says otherwise.
    void mirrorFreezes(int earned);
    SaveResult saveOptimizerParameters(std::optional<std::vector<double>> parameters);

    // --- state --------------------------------------------------------------------------
    bool readOnly() const { return m_readOnly; }
    const std::string& readOnlyReason() const { return m_readOnlyReason; }
    /// A file says it was written by a newer Attune (the profile is then read-only).
    bool newerSchema() const { return m_newerSchema; }

    // --- backups ------------------------------------------------------------------------
    /// This computer's backups, and those older versions kept in the folder's backups/; oldest first.
    std::vector<BackupInfo> backups() const;
    /// The daily backup: backupsDir()/<study day> unless it exists (open() does this unless
    /// options.dailyBackup is false, e.g. to do it after the first frame is drawn).
    SaveResult backupIfNewStudyDay(scheduler::Moment now);
    /// Copies the profile to backupsDir()/<now>-<label> and keeps the newest 14 backups.
    SaveResult backupNow(const std::string& label);

private:
    struct Opening;  // the stages of open(), which fill a new Profile in

    Profile() = default;
    void moveFrom(Profile& other) noexcept;
    SaveResult writePending();
    SaveResult writeProfileFile(const profilefile::ProfileData& data);
    SaveResult writeSettingsLog();

    std::filesystem::path m_dir;
    std::filesystem::path m_backupsDir;
    Device m_device;
    std::vector<ReviewRecord> m_reviews;
    std::vector<ReviewRecord> m_pending;
    std::map<std::string, std::uint64_t> m_nextIndex;  // own month -> key number of its next line
    Settings m_settings;
    int m_freezes = 0;
    std::optional<std::vector<double>> m_parameters;
    bool m_readOnly = false;
    bool m_newerSchema = false;
    bool m_closed = false;
    bool m_settingsLogDirty = false;  // settings changed but settings/<device>.toml could not be written
    std::string m_readOnlyReason;
    std::string m_lastError;
    savefile::FolderLock m_lock;  // this computer's (deviceLockName), held while open for writing
    savefile::FolderLock m_olderVersionsLock;  // shared, on the folder: keeps out versions before devices
    profilefile::SettingsLog m_settingsLog;    // this computer's settings changes, with their times
};

struct ProfileOpenResult {
    Profile profile;
    std::vector<Diagnostic> diagnostics;  // errors (file:line:col, what to do) and warnings
};

/// Restores a backup into `profileDir` (a name from backups() or a path). The current state is
/// backed up first ("...-before-restore"); each file is replaced atomically. Only this computer's
/// files (and the shared ones from before computers had their own) are put back: another
/// computer's files are its own, and the sync tool would carry a change to them everywhere.
SaveResult restoreBackup(const std::filesystem::path& profileDir, const std::string& backup,
                         const std::optional<std::filesystem::path>& localState = std::nullopt);

/// The settings of the profile in `dir` without reading its log (profile.toml with every
/// computer's latest changes), for a window to open in the right theme before the course has
/// loaded. Files that cannot be read, or are larger than a settings file can be, count as absent.
Settings peekSettings(const std::filesystem::path& dir);

/// ".lock-<device id>": the lock file of one computer in the profile folder.
std::string deviceLockName(const Device& device);

/// The newest `keep` backups stay; older ones are removed.
inline constexpr std::size_t kBackupsKept = 14;

}  // namespace attune::model
