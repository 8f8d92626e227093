// TOML++'s implementation compiled into each fuzzer, so the parser is instrumented for coverage
// and ASan/UBSan like our code. Its symbols take precedence over the uninstrumented shared
// library's (an executable's definitions interpose a shared library's).
//
// Built as Debian ships it: NDEBUG (TOML++'s internal debug asserts off) and, as under GCC,
// TOML_ASSUME as a no-op. Without this clang turns the asserts into __builtin_assume and a
// fuzzed input that breaks one (e.g. "[[ =", toml++ 3.3.0 parse_key) would be undefined
// behaviour here while the shipped library simply reports the syntax error.
#ifndef NDEBUG
#define NDEBUG 1
#endif
#define TOML_IMPLEMENTATION
#include <toml++/impl/preprocessor.h>
#undef TOML_ASSUME
#define TOML_ASSUME(...) static_assert(true)
#include <toml++/toml.h>
