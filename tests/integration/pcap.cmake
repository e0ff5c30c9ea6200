# SPDX-License-Identifier: Apache-2.0
# `mtls-doctor pcap` against captures recorded at test time (tcpdump on loopback, openssl s_server,
# a TLS-terminating proxy for the two-capture case, and nginx). Needs tcpdump with capture rights (root or
# CAP_NET_RAW); exits 77 (skipped) otherwise.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME integration.pcap_live
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/pcap_live_test.py
                 --binary $<TARGET_FILE:mtls-doctor> --schema ${PROJECT_SOURCE_DIR}/docs/report.schema.json)
set_tests_properties(integration.pcap_live PROPERTIES LABELS integration SKIP_RETURN_CODE 77 TIMEOUT 300)
