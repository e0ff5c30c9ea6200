# SPDX-License-Identifier: Apache-2.0
# Probe figures (docs/PERFORMANCE.md "Probe"): a same-run comparison against curl and
# `openssl s_time` on a loopback nginx, driven by bench/probe_bench.sh.
add_custom_target(bench_probe
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/probe_bench.sh $<TARGET_FILE:mtls-doctor>
  DEPENDS mtls-doctor
  USES_TERMINAL
  COMMENT "probe vs curl --cert vs openssl s_time on a loopback nginx")
