// Files a file-sync tool leaves in a synced folder: copies still being written and copies it
// kept when two computers changed one file. Attune skips them with a notice; it never reads them
// as a damaged part of the profile.
#pragma once

#include <string_view>

namespace attune::model {

/// Syncthing (".syncthing.X.tmp", "~syncthing~X.tmp", "X.sync-conflict-DATE-ID.toml"), Dropbox
/// ("X (NAME's conflicted copy DATE).toml", ".dropbox*"), Nextcloud and ownCloud ("X.part",
/// "X (conflicted copy DATE).toml"), and any hidden or temporary name (".X", "X.tmp", "X~").
bool isSyncToolFile(std::string_view name);

/// A kept conflicting copy (its answers may be worth merging back by hand), not a partial one.
bool isConflictCopy(std::string_view name);

}  // namespace attune::model
