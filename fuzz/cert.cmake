# SPDX-License-Identifier: Apache-2.0
# Certificates, keys, CRLs and stores (PEM/DER/PKCS#7/PKCS#12 bytes), and the CA-list matcher.
mtls_fuzzer(fuzz_certificate_file fuzz_certificate_file.cpp mtls_tls)
mtls_fuzzer(fuzz_ca_list_match fuzz_ca_list_match.cpp mtls_tls mtls_checks)
