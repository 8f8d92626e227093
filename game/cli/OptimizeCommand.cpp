// Placeholder until the owner of this command lands it.
#include "cli/Commands.hpp"

#include <ostream>

namespace attune::cli {

int runOptimize(const Invocation& call) {
    call.err << "attune: this command is not built yet\n";
    return 1;
}

}  // namespace attune::cli
