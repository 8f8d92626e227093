# `cpack -G DEB` from a build folder makes a .deb that depends on Debian's runtime packages.
set(CPACK_PACKAGE_NAME attune)
set(CPACK_PACKAGE_CONTACT "Attune developers <attune@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Spaced-repetition study game about supporting a partner with attachment struggles")
set(CPACK_DEBIAN_PACKAGE_SECTION games)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsfml-graphics2.5, libsfml-audio2.5, libsfml-window2.5, libsfml-system2.5, libtomlplusplus3, libsqlite3-0, libzip4, libzstd1, libharfbuzz0b, libfreetype6, libicu72, libfontconfig1, libstdc++6, libc6")
# DejaVu is bundled; these draw the scripts it lacks (Chinese, Japanese, Korean, Devanagari, ...).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-core, fonts-noto-cjk")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
