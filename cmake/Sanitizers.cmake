# Address + undefined behaviour sanitizers, no recovery: the first report fails the test.
add_library(attune_sanitizers INTERFACE)
add_library(attune::sanitizers ALIAS attune_sanitizers)
if(ATTUNE_SANITIZE)
  target_compile_options(attune_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(attune_sanitizers INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
