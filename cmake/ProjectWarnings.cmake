# Warnings as an INTERFACE target linked PRIVATE by every project target, so
# they apply to our code only and never leak into consumers or dependencies.
# -Wnull-dereference is left out: with GCC 12 at -O2 it fires inside libstdc++'s <streambuf>.
add_library(attune_warnings INTERFACE)
add_library(attune::warnings ALIAS attune_warnings)
target_compile_options(attune_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
     -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
     -Wdouble-promotion -Wimplicit-fallthrough>
  # After -Wall, which turns it on: GCC 12 at -O3 reports impossible sizes inside
  # std::string's operator+ (GCC PR 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(ATTUNE_WARNINGS_AS_ERRORS)
  target_compile_options(attune_warnings INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang>:-Werror>)
endif()
