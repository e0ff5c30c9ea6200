# SPDX-License-Identifier: Apache-2.0
# The collection stage: the one file sniffer, and zip bundles (libzip, entry names, bounds).
mtls_fuzzer(fuzz_sniff ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_sniff.cpp mtls_core)
mtls_fuzzer(fuzz_bundle_zip ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_bundle_zip.cpp mtls_collect)
