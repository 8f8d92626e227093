// The names sync tools give to partial and conflicting copies (see SyncToolFiles.hpp).
#include <attune/model/save/SyncToolFiles.hpp>

namespace attune::model {
namespace {

bool endsWith(std::string_view text, std::string_view tail) {
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

}  // namespace

bool isConflictCopy(std::string_view name) {
    return name.find(".sync-conflict-") != std::string_view::npos ||
           name.find("conflicted copy") != std::string_view::npos ||
           name.find("Conflicted copy") != std::string_view::npos ||
           name.find("conflicted-copy") != std::string_view::npos;
}

bool isSyncToolFile(std::string_view name) {
    if (name.empty()) return false;
    return name.front() == '.' || name.front() == '~' || name.back() == '~' || endsWith(name, ".tmp") ||
           endsWith(name, ".part") || endsWith(name, ".partial") || endsWith(name, ".crdownload") ||
           isConflictCopy(name);
}

}  // namespace attune::model
