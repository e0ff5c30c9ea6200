# SPDX-License-Identifier: Apache-2.0
# `mtls-doctor collect --print-script` prints scripts/collect.ps1. The file is embedded at
# configure time as one raw string (re-run when the script changes), so the printed script and the
# shipped file cannot drift; tests/bundles checks the two are byte-identical.
set(collect_script ${PROJECT_SOURCE_DIR}/scripts/collect.ps1)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${collect_script})
file(READ ${collect_script} MTLS_COLLECT_PS1)
if(MTLS_COLLECT_PS1 MATCHES "\\)mtls_ps1\"")
  message(FATAL_ERROR "scripts/collect.ps1 contains the raw-string delimiter )mtls_ps1\"")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/collect_script.cpp.in
               ${CMAKE_CURRENT_BINARY_DIR}/collect_script.cpp @ONLY)
target_sources(mtls_cli PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/collect_script.cpp)
# One string literal longer than the 4095 characters ISO C++ compilers must accept; GCC and clang
# take any length.
set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/collect_script.cpp PROPERTIES
                            COMPILE_OPTIONS -Wno-overlength-strings)
