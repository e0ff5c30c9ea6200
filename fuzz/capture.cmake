# SPDX-License-Identifier: Apache-2.0
# Packet captures: the TLS handshake parser, and the whole capture path (pcap/pcapng
# reader, decoder, TCP reassembly, TLS parser, DER names).
mtls_fuzzer(fuzz_tls_handshake ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_tls_handshake.cpp mtls_capture)
mtls_fuzzer(fuzz_capture_reader ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_capture_reader.cpp mtls_capture)
# pcap --keylog: the key log reader, the decrypting capture path with fixed session secrets, and
# the record decryptor alone.
mtls_fuzzer(fuzz_keylog ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_keylog.cpp mtls_capture)
mtls_fuzzer(fuzz_keylog_capture ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_keylog_capture.cpp mtls_capture)
mtls_fuzzer(fuzz_record_decrypt ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_record_decrypt.cpp mtls_tls)
# One connection's TCP payloads, framed into a pcap by the target: the structure-aware entry point
# (fuzz_capture_reader mutates the pcap framing as much as the TLS bytes).
mtls_fuzzer(fuzz_capture_streams ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_capture_streams.cpp mtls_capture)
# The capture path's pieces alone, fast: the frame decoder, and TCP reassembly with an oracle
# (bytes delivered are a prefix of the stream the segments were cut from).
mtls_fuzzer(fuzz_packet_decoder ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_packet_decoder.cpp mtls_capture)
mtls_fuzzer(fuzz_tcp_reassembly ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_tcp_reassembly.cpp mtls_capture)
