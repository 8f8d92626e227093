// What a write to the save came to: done, or why not in the player's words. Every write of the
// profile, the log, a backup or a deck answers with one; [[nodiscard]] makes each caller look,
// so a failed save always reaches the player instead of passing in silence.
#pragma once

#include <string>
#include <utility>

namespace attune::model {

struct [[nodiscard]] SaveResult {
    bool ok = false;
    std::string message;  // when not ok: why; when ok, usually empty (a restore says what it did)

    static SaveResult done() { return {true, {}}; }
    static SaveResult failed(std::string why) { return {false, std::move(why)}; }
};

}  // namespace attune::model
