// Where Attune's files are: its bundled data (decks, assets) and the player's folders (XDG).
#pragma once

#include <filesystem>

namespace attune::model {

/// The folder holding `assets/` and `decks/`: $ATTUNE_DATA_DIR, else next to the executable
/// (a build tree or a relocated install), else <prefix>/share/attune, else the source tree.
std::filesystem::path dataDir();
std::filesystem::path bundledDecksDir();  // dataDir()/decks
std::filesystem::path assetsDir();        // dataDir()/assets

/// $XDG_DATA_HOME/attune (default ~/.local/share/attune).
std::filesystem::path userDataDir();
std::filesystem::path defaultProfileDir();  // userDataDir()/profiles/default
std::filesystem::path userDecksDir();       // userDataDir()/decks

/// $XDG_STATE_HOME/attune (default ~/.local/state/attune): this computer's own files, never
/// synced (its device id, its backups of each profile).
std::filesystem::path localStateDir();

/// $XDG_CACHE_HOME/attune (default ~/.cache/attune): files that can always be rebuilt.
std::filesystem::path cacheDir();

}  // namespace attune::model
