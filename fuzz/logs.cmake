# SPDX-License-Identifier: Apache-2.0
# Log readers: W3C/HTTPERR lines, FREB XML, event XML.
mtls_fuzzer(fuzz_logs_w3c fuzz_logs_w3c.cpp mtls_parse_logs)
mtls_fuzzer(fuzz_logs_freb fuzz_logs_freb.cpp mtls_parse_logs)
mtls_fuzzer(fuzz_logs_event_xml fuzz_logs_event_xml.cpp mtls_parse_logs)
# HTTPERR lines behind a fixed header; the .evtx wrapper (libevtx) through read_logs.
mtls_fuzzer(fuzz_logs_httperr fuzz_logs_httperr.cpp mtls_parse_logs)
mtls_fuzzer(fuzz_logs_evtx fuzz_logs_evtx.cpp mtls_parse_logs)
# nginx and Apache error logs, NCSA access logs.
mtls_fuzzer(fuzz_logs_web fuzz_logs_web.cpp mtls_parse_logs)
# The partial aggregates of logs --merge (CAPI2 events go through fuzz_logs_event_xml).
mtls_fuzzer(fuzz_logs_partial fuzz_logs_partial.cpp mtls_parse_logs)
