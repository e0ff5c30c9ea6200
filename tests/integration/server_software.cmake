# SPDX-License-Identifier: Apache-2.0
# `mtls-doctor probe` against real HAProxy, lighttpd (mod_openssl, mod_gnutls), Caddy, stunnel, a
# Go net/http and a Node https server, each failing and healthy: the software recognised and its
# own directive in the fix (server_software_test.py). Exits 77 (skipped) without openssl; a
# missing server is skipped with a message.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME integration.server_software
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/server_software_test.py
                 --binary $<TARGET_FILE:mtls-doctor> --build-dir ${CMAKE_BINARY_DIR}/server-software)
set_tests_properties(integration.server_software PROPERTIES LABELS integration SKIP_RETURN_CODE 77 TIMEOUT 300)
