# SPDX-License-Identifier: Apache-2.0
# `cpack -G DEB` in a build tree: a Debian package of what `cmake --install` puts in place (the
# binary, its man page, its bash and zsh completions). dpkg-shlibdeps, when present (dpkg-dev),
# reads the binary and declares the libraries it links; without it the list below is used, which
# names the packages of the libraries src/ links (OpenSSL 3, nghttp2, pugixml, zlib, libregf,
# libevtx, fmt and the C++ runtime).
set(CPACK_PACKAGE_NAME "mtls-doctor")
set(CPACK_PACKAGE_VENDOR "mtls-doctor")
set(CPACK_PACKAGE_CONTACT "mtls-doctor maintainers <mtls-doctor@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "find out why TLS client-certificate (mutual TLS) authentication fails")
set(CPACK_PACKAGE_DESCRIPTION
    "mtls-doctor reads what a failing client-certificate setup leaves behind (a live server, the
certificate and key, trust stores, IIS and Schannel configuration, IIS logs, packet captures),
says which step of the handshake fails and why, and prints the commands that fix it.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_FILE_NAME "${CPACK_PACKAGE_NAME}_${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
find_program(MTLS_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(MTLS_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "libc6, libstdc++6, libgcc-s1, libssl3, libnghttp2-14, libpugixml1v5, zlib1g, libregf1, libevtx1, libfmt9")
endif()
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")

set(CPACK_GENERATOR "DEB")
include(CPack)

if(MTLS_TESTS)
  # Reuses this build tree (under scripts/test.sh, the ci one) rather than building a Release tree
  # of its own: packaging and unpacking take seconds, a second full build minutes.
  add_test(NAME install.deb COMMAND ${PROJECT_SOURCE_DIR}/packaging/test-install.sh ${PROJECT_BINARY_DIR})
  set_tests_properties(install.deb PROPERTIES LABELS install TIMEOUT 180)
endif()

if(MTLS_TESTS)
  add_test(NAME manual.completion
           COMMAND ${PROJECT_SOURCE_DIR}/packaging/test-completion.sh ${PROJECT_BINARY_DIR}/manual)
  set_tests_properties(manual.completion PROPERTIES LABELS install TIMEOUT 60)
endif()
