# SPDX-License-Identifier: Apache-2.0
# `cmake --build --preset bench --target bench_logs`: the same-run comparison of docs/PERFORMANCE.md
# "Logs" (generates a 1 GiB W3C log in /tmp, removes it afterwards).
add_custom_target(bench_logs
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/logs_compare.sh $<TARGET_FILE:mtls-doctor>
  DEPENDS mtls-doctor
  USES_TERMINAL)
