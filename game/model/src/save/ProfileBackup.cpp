// Backups: whole-or-absent copies of profile.toml, settings/ and log/, and restoring one safely.
#include <attune/model/save/ProfileBackup.hpp>

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/save/SaveFile.hpp>

#include <algorithm>
#include <set>
#include <system_error>

namespace attune::model {
namespace fs = std::filesystem;

namespace backup {
namespace {

bool isMonthFile(const fs::path& file) {
    const std::string name = file.filename().string();
    return name.size() == 12 && name.compare(7, 5, ".toml") == 0 && name[4] == '-' &&
           std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}

bool isSettingsFile(const fs::path& file) {
    return file.extension() == ".toml" && isDeviceId(file.stem().string());
}

std::vector<fs::path> filesIn(const fs::path& folder, bool (*wanted)(const fs::path&)) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (wanted(it->path()) && it->is_regular_file(ec)) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<fs::path> monthFiles(const fs::path& logDir) { return filesIn(logDir, isMonthFile); }

// The profile's files a backup holds, relative to the profile folder: profile.toml, every
// settings file, the older versions' month files and every computer's.
std::vector<fs::path> profileFiles(const fs::path& profileDir) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_regular_file(profileDir / "profile.toml", ec)) files.emplace_back("profile.toml");
    for (const fs::path& file : filesIn(profileDir / "settings", isSettingsFile))
        files.push_back(fs::path("settings") / file.filename());
    for (const fs::path& file : monthFiles(profileDir / "log")) files.push_back(fs::path("log") / file.filename());
    for (fs::directory_iterator it(profileDir / "log", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string device = it->path().filename().string();
        std::error_code typeError;
        if (!isDeviceId(device) || !it->is_directory(typeError)) continue;
        for (const fs::path& file : monthFiles(it->path())) files.push_back(fs::path("log") / device / file.filename());
    }
    return files;
}

}  // namespace

std::string studyDayName(scheduler::Moment now, int dayStartHour) {
    // Shift back by the day-start hour: 02:00 with a 04:00 start still belongs to yesterday.
    const scheduler::Moment shifted{now.utcMs - std::int64_t{dayStartHour} * 3600000, now.utcOffsetSeconds};
    return formatIsoTime(shifted).substr(0, 10);
}

std::string stampName(scheduler::Moment now) {
    std::string out = formatIsoTime(now).substr(0, 19);  // 2026-11-27T23:15:00
    out.erase(16, 1);
    out.erase(13, 1);
    return out;  // 2026-11-27T231500
}

std::vector<BackupInfo> list(const fs::path& backupsDir) {
    std::vector<BackupInfo> out;
    std::error_code ec;
    for (fs::directory_iterator it(backupsDir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.' || !it->is_directory(ec)) continue;
        out.push_back({name, it->path()});
    }
    std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) { return a.name < b.name; });
    return out;
}

SaveResult create(const fs::path& profileDir, const fs::path& backupsDir, const std::string& name) {
    const fs::path target = backupsDir / name;
    std::error_code ec;
    if (fs::exists(target, ec)) return SaveResult::done();
    const fs::path partial = backupsDir / (".partial-" + name);
    fs::remove_all(partial, ec);
    fs::create_directories(partial / "log", ec);
    if (ec) return SaveResult::failed("cannot create " + partial.string() + ": " + ec.message());
    // Backups are never written to after they are made, so a file that has not changed since the
    // newest backup (same size and modification time: every append and every atomic rewrite
    // changes the time) is shared with it (a hard link) instead of copied: the daily backup of a
    // two-year log costs one month's copy, not the whole log's.
    const std::vector<BackupInfo> earlier = list(backupsDir);
    const fs::path previous = earlier.empty() ? fs::path{} : earlier.back().path;
    SaveResult copied = SaveResult::done();
    std::set<fs::path> folders{partial, partial / "log"};
    for (const fs::path& relative : profileFiles(profileDir)) {
        const fs::path copy = partial / relative;
        if (folders.insert(copy.parent_path()).second) fs::create_directories(copy.parent_path(), ec);
        if (!previous.empty() && savefile::sameSizeAndTime(profileDir / relative, previous / relative)) {
            fs::create_hard_link(previous / relative, copy, ec);
            if (!ec) continue;
        }
        copied = savefile::copyDurably(profileDir / relative, copy);
        if (!copied.ok) break;
    }
    for (auto folder = folders.rbegin(); copied.ok && folder != folders.rend(); ++folder)
        copied = savefile::syncFolder(*folder);
    if (copied.ok && ::rename(partial.c_str(), target.c_str()) != 0)
        copied = SaveResult::failed("cannot rename " + partial.string() + " to " + target.string());
    if (copied.ok) copied = savefile::syncFolder(backupsDir);
    if (!copied.ok) {
        fs::remove_all(partial, ec);
        return SaveResult::failed("backup not made: " + copied.message);
    }
    return SaveResult::done();
}

void prune(const fs::path& backupsDir, std::size_t keep) {
    const std::vector<BackupInfo> all = list(backupsDir);
    std::error_code ec;
    for (std::size_t i = 0; i + keep < all.size(); ++i) fs::remove_all(all[i].path, ec);
}

}  // namespace backup

SaveResult restoreBackup(const fs::path& profileDir, const std::string& backupName,
                         const std::optional<fs::path>& localState) {
    std::error_code ec;
    // Reading the profile as it is gives this computer's device and backups folder.
    ProfileOpenOptions inspect;
    inspect.readOnly = true;
    inspect.dailyBackup = false;
    inspect.localState = localState;
    const fs::path backupsDir = Profile::open(profileDir, inspect).profile.backupsDir();
    const Device device = [&] {
        std::string ignored;
        return thisDevice(localState.value_or(localStateDir()), ignored);
    }();
    fs::path source = backupsDir / backupName;
    if (!fs::is_directory(source, ec)) source = profileDir / "backups" / backupName;  // kept by older versions
    if (!fs::is_directory(source, ec)) source = backupName;
    if (!fs::is_directory(source, ec))
        return {false, "no backup named '" + backupName + "' in " + backupsDir.string() + " (and no such folder)"};
    // A backup that does not load is not restored.
    auto opened = Profile::open(source, inspect);
    if (hasErrors(opened.diagnostics)) {
        std::string message = "the backup " + source.string() + " cannot be read, nothing was changed:";
        for (const auto& d : opened.diagnostics)
            if (d.severity == Diagnostic::Severity::Error) message.append(1, '\n').append(d.format());
        return {false, message};
    }
    if (opened.profile.newerSchema())
        return {false, "the backup " + source.string() + " was written by a newer version of Attune; nothing was changed"};
    const fs::path ownLog = profileDir / "log" / device.id;
    savefile::FolderLock lock;
    if (lock.acquire(profileDir, savefile::FolderLock::Mode::Exclusive, deviceLockName(device)) ==
        savefile::FolderLock::Outcome::HeldElsewhere)
        return {false, profileDir.string() + " is open in another Attune; close it first. Nothing was changed"};
    const std::string beforeName = backup::stampName(now()) + "-before-restore";
    if (auto made = backup::create(profileDir, backupsDir, beforeName); !made.ok)
        return {false, "the current state could not be backed up first, nothing was changed: " + made.message};
    const std::string where = (backupsDir / beforeName).string();

    const auto copyBack = [&](const fs::path& from, const fs::path& to) {
        std::string content;
        std::string error;
        SaveResult copied = savefile::readWhole(from, content, error) ? savefile::writeAtomically(to, content)
                                                                     : SaveResult::failed(std::move(error));
        if (!copied.ok) copied.message += " (the state before the restore is in " + where + ")";
        return copied;
    };
    // Puts `from`'s month files in `to`, and removes those of `to` the backup does not have.
    const auto restoreMonths = [&](const fs::path& from, const fs::path& to) {
        std::set<std::string> restored;
        for (const fs::path& file : backup::monthFiles(from)) {
            if (SaveResult copied = copyBack(file, to / file.filename()); !copied.ok) return copied;
            restored.insert(file.filename().string());
        }
        for (const fs::path& file : backup::monthFiles(to)) {
            if (restored.count(file.filename().string()) == 0) fs::remove(file, ec);
        }
        // Every restored file is already synced with its folder (writeAtomically); this only
        // makes the removals durable sooner.
        (void)savefile::syncFolder(to);
        return SaveResult::done();
    };
    if (fs::exists(source / "profile.toml", ec)) {
        if (SaveResult copied = copyBack(source / "profile.toml", profileDir / "profile.toml"); !copied.ok) return copied;
    }
    const fs::path ownSettings = fs::path("settings") / (device.id + ".toml");
    if (fs::exists(source / ownSettings, ec)) {
        fs::create_directories(profileDir / "settings", ec);
        if (SaveResult copied = copyBack(source / ownSettings, profileDir / ownSettings); !copied.ok) return copied;
    } else {
        fs::remove(profileDir / ownSettings, ec);
    }
    if (SaveResult months = restoreMonths(source / "log", profileDir / "log"); !months.ok) return months;
    fs::create_directories(ownLog, ec);
    if (SaveResult months = restoreMonths(source / "log" / device.id, ownLog); !months.ok) return months;
    backup::prune(backupsDir);
    return {true, "restored " + source.string() + "; the state before it is in " + where};
}

}  // namespace attune::model
