# SPDX-License-Identifier: Apache-2.0
# Warnings for our own targets only (third-party headers come in as SYSTEM includes).
add_library(mtls_warnings INTERFACE)
target_compile_options(mtls_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                               -Wnon-virtual-dtor -Wimplicit-fallthrough
                                               # designated initializers leave members defaulted on purpose
                                               -Wno-missing-field-initializers)
if(MTLS_WERROR)
  target_compile_options(mtls_warnings INTERFACE -Werror)
endif()
if(MTLS_SANITIZE)
  # GCC 12 reports false -Wmaybe-uninitialized inside libstdc++'s <regex> and <functional> when
  # ASan instrumentation is on (GCC bug 105562 and relatives); the same code is clean without it.
  target_compile_options(mtls_warnings INTERFACE -Wno-maybe-uninitialized)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# mtls_module(NAME folder [DEPS ...] [PRIVATE_DEPS ...]): a static library from the folder's
# non-test sources; its *_test.cpp files join the unit-test binary.
function(mtls_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp)
  if(tests)
    list(REMOVE_ITEM sources ${tests})
  endif()
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE mtls_warnings ${ARG_PRIVATE_DEPS})
  set_property(GLOBAL APPEND PROPERTY MTLS_UNIT_TEST_SOURCES ${tests})
endfunction()
