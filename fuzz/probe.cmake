# SPDX-License-Identifier: Apache-2.0
# The probe's own parsing of server bytes outside OpenSSL: the HTTP/1.1 response reader and the
# URL / HOST:PORT parsers.
mtls_fuzzer(fuzz_probe_http fuzz_probe_http.cpp mtls_tls)
