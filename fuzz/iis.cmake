# SPDX-License-Identifier: Apache-2.0
# iis: one fuzzer per reader of what admins export from an IIS server.
mtls_fuzzer(fuzz_iis_config fuzz_iis_config.cpp mtls_parse_iis)
mtls_fuzzer(fuzz_netsh_sslcert fuzz_netsh_sslcert.cpp mtls_parse_iis)
mtls_fuzzer(fuzz_reg_export fuzz_reg_export.cpp mtls_parse_iis)
mtls_fuzzer(fuzz_registry_hive fuzz_registry_hive.cpp mtls_parse_iis)
# Registry values (hive or .reg) straight into the facts, without libregf: fast.
mtls_fuzzer(fuzz_registry_values fuzz_registry_values.cpp mtls_parse_iis)
