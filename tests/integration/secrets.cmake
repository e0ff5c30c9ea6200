# SPDX-License-Identifier: Apache-2.0
# No password or key material in any output of `cert` and `probe` (every format, --output files,
# error paths), with a password-protected identity and an openssl s_server generated at test time.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME integration.secrets
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/secrets_test.py --binary $<TARGET_FILE:mtls-doctor>)
set_tests_properties(integration.secrets PROPERTIES LABELS integration SKIP_RETURN_CODE 77 TIMEOUT 900)
