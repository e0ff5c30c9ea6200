# SPDX-License-Identifier: Apache-2.0
# Packet captures (issue 7): the TLS handshake parser, and the whole capture path (pcap/pcapng
# reader, decoder, TCP reassembly, TLS parser, DER names).
mtls_fuzzer(fuzz_tls_handshake ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_tls_handshake.cpp mtls_capture)
mtls_fuzzer(fuzz_capture_reader ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_capture_reader.cpp mtls_capture)
