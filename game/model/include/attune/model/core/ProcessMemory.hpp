// How the process takes its memory from the C library (see ProcessMemory.cpp).
#pragma once

namespace attune::model {

/// One malloc arena for the whole process. Call first thing in main(), before any thread starts:
/// an arena made before the call is not undone.
void useOneMallocArena();

}  // namespace attune::model
