// Backups: whole-or-absent copies of profile.toml and log/, and restoring one safely.
#include <attune/model/save/ProfileBackup.hpp>

#include <attune/model/core/Clock.hpp>
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

std::vector<fs::path> monthFiles(const fs::path& logDir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(logDir, ec), end; !ec && it != end; it.increment(ec)) {
        if (isMonthFile(it->path()) && it->is_regular_file(ec)) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
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

std::vector<BackupInfo> list(const fs::path& profileDir) {
    std::vector<BackupInfo> out;
    std::error_code ec;
    for (fs::directory_iterator it(profileDir / "backups", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.' || !it->is_directory(ec)) continue;
        out.push_back({name, it->path()});
    }
    std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) { return a.name < b.name; });
    return out;
}

SaveResult create(const fs::path& profileDir, const std::string& name) {
    const fs::path backups = profileDir / "backups";
    const fs::path target = backups / name;
    std::error_code ec;
    if (fs::exists(target, ec)) return SaveResult::done();
    const fs::path partial = backups / (".partial-" + name);
    fs::remove_all(partial, ec);
    fs::create_directories(partial / "log", ec);
    if (ec) return SaveResult::failed("cannot create " + partial.string() + ": " + ec.message());
    SaveResult copied = SaveResult::done();
    if (fs::exists(profileDir / "profile.toml", ec))
        copied = savefile::copyDurably(profileDir / "profile.toml", partial / "profile.toml");
    // Backups are never written to after they are made, so a month file that has not changed
    // since the newest backup (same size and modification time: every append and every atomic
    // rewrite changes the time) is shared with it (a hard link) instead of copied: the daily
    // backup of a two-year log costs one month's copy, not the whole log's.
    const std::vector<BackupInfo> earlier = list(profileDir);
    const fs::path previous = earlier.empty() ? fs::path{} : earlier.back().path / "log";
    for (const fs::path& file : monthFiles(profileDir / "log")) {
        if (!copied.ok) break;
        const fs::path copy = partial / "log" / file.filename();
        if (!previous.empty() && savefile::sameSizeAndTime(file, previous / file.filename())) {
            fs::create_hard_link(previous / file.filename(), copy, ec);
            if (!ec) continue;
        }
        copied = savefile::copyDurably(file, copy);
    }
    if (copied.ok) copied = savefile::syncFolder(partial / "log");
    if (copied.ok) copied = savefile::syncFolder(partial);
    if (copied.ok && ::rename(partial.c_str(), target.c_str()) != 0)
        copied = SaveResult::failed("cannot rename " + partial.string() + " to " + target.string());
    if (copied.ok) copied = savefile::syncFolder(backups);
    if (!copied.ok) {
        fs::remove_all(partial, ec);
        return SaveResult::failed("backup not made: " + copied.message);
    }
    return SaveResult::done();
}

void prune(const fs::path& profileDir, std::size_t keep) {
    const std::vector<BackupInfo> all = list(profileDir);
    std::error_code ec;
    for (std::size_t i = 0; i + keep < all.size(); ++i) fs::remove_all(all[i].path, ec);
}

}  // namespace backup

SaveResult restoreBackup(const fs::path& profileDir, const std::string& backupName) {
    std::error_code ec;
    fs::path source = profileDir / "backups" / backupName;
    if (!fs::is_directory(source, ec)) source = backupName;
    if (!fs::is_directory(source, ec))
        return {false, "no backup named '" + backupName + "' in " + (profileDir / "backups").string() +
                           " (and no such folder)"};
    // A backup that does not load is not restored.
    ProfileOpenOptions inspect;
    inspect.readOnly = true;
    inspect.dailyBackup = false;
    auto opened = Profile::open(source, inspect);
    if (hasErrors(opened.diagnostics)) {
        std::string message = "the backup " + source.string() + " cannot be read, nothing was changed:";
        for (const auto& d : opened.diagnostics)
            if (d.severity == Diagnostic::Severity::Error) message.append(1, '\n').append(d.format());
        return {false, message};
    }
    if (opened.profile.newerSchema())
        return {false, "the backup " + source.string() + " was written by a newer version of Attune; nothing was changed"};
    savefile::FolderLock lock;
    if (lock.acquire(profileDir) == savefile::FolderLock::Outcome::HeldElsewhere)
        return {false, profileDir.string() + " is open in another Attune; close it first. Nothing was changed"};
    const std::string beforeName = backup::stampName(now()) + "-before-restore";
    if (auto made = backup::create(profileDir, beforeName); !made.ok)
        return {false, "the current state could not be backed up first, nothing was changed: " + made.message};

    const auto copyBack = [&](const fs::path& from, const fs::path& to) {
        std::string content;
        std::string error;
        SaveResult copied = savefile::readWhole(from, content, error) ? savefile::writeAtomically(to, content)
                                                                     : SaveResult::failed(std::move(error));
        if (!copied.ok) copied.message += " (the state before the restore is in backups/" + beforeName + ")";
        return copied;
    };
    if (fs::exists(source / "profile.toml", ec)) {
        if (SaveResult copied = copyBack(source / "profile.toml", profileDir / "profile.toml"); !copied.ok) return copied;
    }
    fs::create_directories(profileDir / "log", ec);
    std::set<std::string> restored;
    for (const fs::path& file : backup::monthFiles(source / "log")) {
        if (SaveResult copied = copyBack(file, profileDir / "log" / file.filename()); !copied.ok) return copied;
        restored.insert(file.filename().string());
    }
    for (const fs::path& file : backup::monthFiles(profileDir / "log")) {
        if (restored.count(file.filename().string()) == 0) fs::remove(file, ec);
    }
    // Every restored file is already synced with its folder (writeAtomically); this only makes
    // the removals durable sooner.
    (void)savefile::syncFolder(profileDir / "log");
    backup::prune(profileDir);
    return {true, "restored " + source.string() + "; the state before it is in backups/" + beforeName};
}

}  // namespace attune::model
