# SPDX-License-Identifier: Apache-2.0
# The probe's own parsing of server bytes outside OpenSSL: the HTTP/1.1 response reader and the
# URL / HOST:PORT parsers.
mtls_fuzzer(fuzz_probe_http fuzz_probe_http.cpp mtls_tls)
# The `probe --targets FILE` reader (cli::parse_targets): its one source file, not all of mtls_cli.
mtls_fuzzer(fuzz_probe_targets fuzz_probe_targets.cpp mtls_tls)
target_sources(fuzz_probe_targets PRIVATE ${PROJECT_SOURCE_DIR}/src/cli/probe_targets.cpp)
