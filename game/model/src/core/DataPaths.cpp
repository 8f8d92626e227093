#include <attune/model/core/DataPaths.hpp>

#include <cstdlib>
#include <system_error>

namespace attune::model {
namespace fs = std::filesystem;
namespace {

bool holdsData(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir / "assets", ec) && fs::is_directory(dir / "decks", ec);
}

fs::path executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path{} : exe.parent_path();
}

}  // namespace

fs::path dataDir() {
    if (const char* env = std::getenv("ATTUNE_DATA_DIR"); env != nullptr && *env != '\0') return env;
    const fs::path exeDir = executableDir();
    if (!exeDir.empty()) {
        // Installed layout first (bin/ next to share/attune), then any parent holding the data
        // (a build tree inside the source tree finds the source's assets and decks).
        if (holdsData(exeDir.parent_path() / "share" / "attune")) return exeDir.parent_path() / "share" / "attune";
        for (fs::path dir = exeDir; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
            if (holdsData(dir)) return dir;
        }
    }
    if (holdsData(ATTUNE_INSTALL_DATADIR)) return ATTUNE_INSTALL_DATADIR;
    return ATTUNE_SOURCE_DIR;
}

fs::path bundledDecksDir() { return dataDir() / "decks"; }
fs::path assetsDir() { return dataDir() / "assets"; }

fs::path userDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') return fs::path(xdg) / "attune";
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && *home != '\0' ? home : ".") / ".local" / "share" / "attune";
}

fs::path defaultProfileDir() { return userDataDir() / "profiles" / "default"; }
fs::path userDecksDir() { return userDataDir() / "decks"; }

fs::path localStateDir() {
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg != nullptr && *xdg == '/') return fs::path(xdg) / "attune";
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && *home != '\0' ? home : ".") / ".local" / "state" / "attune";
}

fs::path cacheDir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') return fs::path(xdg) / "attune";
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && *home != '\0' ? home : ".") / ".cache" / "attune";
}

}  // namespace attune::model
