# SPDX-License-Identifier: Apache-2.0
# Captures: `cmake --build --preset bench --target bench_pcap` records a handshake, grows it
# to 1 GB under /tmp and compares mtls-doctor pcap with tshark (docs/PERFORMANCE.md, "Captures").
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_custom_target(bench_pcap
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/pcap_bench.py --binary $<TARGET_FILE:mtls-doctor>
  DEPENDS mtls-doctor USES_TERMINAL)
