# SPDX-License-Identifier: Apache-2.0
# `mtls-doctor probe` against hostile and refusing servers on loopback: the same verdict on every
# run of a refusing server (probe_determinism_test.py, on `mtls-doctor lab`), and bounded time,
# memory and a finding for every hostile server (hostile_servers_test.py). Both need openssl;
# they exit 77 (skipped) without it.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME integration.probe_determinism
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/probe_determinism_test.py
                 --binary $<TARGET_FILE:mtls-doctor>)
set_tests_properties(integration.probe_determinism PROPERTIES LABELS integration SKIP_RETURN_CODE 77 TIMEOUT 600)
add_test(NAME integration.probe_hostile_servers
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/hostile_servers_test.py
                 --binary $<TARGET_FILE:mtls-doctor>)
set_tests_properties(integration.probe_hostile_servers PROPERTIES LABELS integration SKIP_RETURN_CODE 77 TIMEOUT 600)
