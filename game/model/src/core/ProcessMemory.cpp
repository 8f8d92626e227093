// One malloc arena (see ProcessMemory.hpp).
#include <attune/model/core/ProcessMemory.hpp>

#include <cstdlib>  // defines __GLIBC__ on glibc, which the test below needs

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace attune::model {

// The log's month files are parsed on helper threads, and glibc gives each thread an arena of
// its own that keeps what the thread freed resident, out of reach of the window's allocations on
// the main thread. With one arena a heavy player's first screen peaks at 141-144 MB instead of
// 150 (145 instead of 163 with two computers' log folders), in the same start-up time
// (bench_heavy_start): Attune's threads are few and short, so they hardly wait on the arena.
void useOneMallocArena() {
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, 1);
#endif
}

}  // namespace attune::model
