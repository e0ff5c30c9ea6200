# SPDX-License-Identifier: Apache-2.0
# `mtls-doctor explain` takes whatever the user pastes; its query parser must never crash or hang.
mtls_fuzzer(fuzz_explain ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_explain.cpp mtls_knowledge)
