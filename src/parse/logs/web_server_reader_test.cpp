// SPDX-License-Identifier: Apache-2.0
#include "parse/logs/web_server_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "core/sniff.h"
#include "parse/logs/logs.h"
#include "support/corpus.h"

namespace mtls::logs {
namespace {

const WebServerMessage* message(const LogEvidence& e, std::string_view code) {
  for (const WebServerMessage& m : e.web_server_messages) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

// Lines as nginx 1.24 writes them (ngx_http_request.c, ngx_event_openssl.c).
constexpr std::string_view kNginxError =
    "2026/10/11 14:32:52 [info] 1234#0: *5 client sent no required SSL certificate while reading client request "
    "headers, client: 192.0.2.7, server: api.example.test, request: \"GET /orders HTTP/1.1\", host: "
    "\"api.example.test\"\n"
    "2026/10/11 14:33:10 [info] 1234#0: *6 client SSL certificate verify error: (20:unable to get local issuer "
    "certificate) while reading client request headers, client: 192.0.2.8, server: api.example.test, request: "
    "\"GET / HTTP/1.1\", host: \"api.example.test\"\n"
    "2026/10/11 14:34:00 [info] 1234#0: *7 client SSL certificate verify error: (10:certificate has expired) "
    "while reading client request headers, client: 192.0.2.9, server: api.example.test, request: \"GET / HTTP/1.1\"\n"
    "2026/10/11 14:35:00 [info] 1234#0: *8 SSL_do_handshake() failed (SSL: error:0A000412:SSL routines::sslv3 "
    "alert bad certificate:SSL alert number 42) while SSL handshaking, client: 192.0.2.10, server: 0.0.0.0:443\n"
    "2026/10/11 14:36:00 [info] 1234#0: *9 peer closed connection in SSL handshake while SSL handshaking, client: "
    "192.0.2.11, server: 0.0.0.0:443\n"
    "2026/10/11 14:37:00 [notice] 1234#0: signal process started\n";

TEST(LogsWebServer, SniffsEachFormat) {
  EXPECT_EQ(sniff(kNginxError), InputKind::nginx_error_log);
  EXPECT_EQ(sniff("[Wed Oct 11 14:32:52.123456 2026] [ssl:error] [pid 1:tid 2] [client 1.2.3.4:5678] AH02261: "
                  "Re-negotiation handshake failed\n"),
            InputKind::apache_error_log);
  EXPECT_EQ(sniff("[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server configuration\n"),
            InputKind::apache_error_log);
  EXPECT_EQ(sniff("192.0.2.1 - - [11/Oct/2026:14:32:52 +0200] \"GET / HTTP/1.1\" 496 246 \"-\" \"curl/8.5.0\"\n"),
            InputKind::access_log);
  EXPECT_EQ(sniff("::1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326\n"),
            InputKind::access_log);
  // A client's own output before the server's lines (a pasted ticket) does not hide them.
  EXPECT_EQ(sniff("2015/01/15 19:48:06 FATAL: Get https://localhost/: local error\n"
                  "[Thu Jan 15 19:48:06.688010 2015] [ssl:error] [pid 13] AH02261: Re-negotiation handshake failed\n"),
            InputKind::apache_error_log);
  // Near misses stay unknown.
  EXPECT_EQ(sniff("2026/10/11 14:32:52 something else\n"), InputKind::unknown);
  EXPECT_EQ(sniff("[not a date] [x] y\n"), InputKind::unknown);
  EXPECT_EQ(sniff("host - - [11/Oct/2026:14:32:52 +0200] GET / 200\n"), InputKind::unknown);
}

TEST(LogsWebServer, NginxErrorLogMessages) {
  auto e = parse_log_text(kNginxError, "error.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->lines, 6u);
  EXPECT_EQ(e->web_server_lines, 6u);
  EXPECT_EQ(e->unparsed, 0u);
  EXPECT_EQ(e->entries, 0u);
  EXPECT_TRUE(e->failures.empty()) << "nginx messages are not IIS failures";

  const WebServerMessage* none = message(*e, "no required SSL certificate");
  ASSERT_NE(none, nullptr);
  EXPECT_EQ(none->server, WebServer::nginx);
  EXPECT_EQ(none->source, "error log");
  EXPECT_EQ(none->kind, LogFailureKind::cert_required);
  EXPECT_EQ(none->count, 1u);
  EXPECT_TRUE(none->local_time);
  EXPECT_EQ(none->first_time, parse_date_time("2026-10-11", "14:32:52"));
  ASSERT_EQ(none->top_clients.size(), 1u);
  EXPECT_EQ(none->top_clients[0].value, "192.0.2.7");
  ASSERT_EQ(none->top_servers.size(), 1u);
  EXPECT_EQ(none->top_servers[0].value, "api.example.test");
  ASSERT_EQ(none->examples.size(), 1u);
  EXPECT_EQ(none->examples[0].file, "error.log");
  EXPECT_EQ(none->examples[0].line, 1u);

  // Two verify errors with different codes are two groups, each with its failure kind.
  std::size_t verify = 0;
  for (const WebServerMessage& m : e->web_server_messages) {
    if (m.code != "client SSL certificate verify error") continue;
    ++verify;
    ASSERT_TRUE(m.verify_error);
    if (*m.verify_error == 20) {
      EXPECT_EQ(m.kind, LogFailureKind::cert_untrusted);
      EXPECT_EQ(m.reason, "unable to get local issuer certificate");
    } else {
      EXPECT_EQ(*m.verify_error, 10);
      EXPECT_EQ(m.kind, LogFailureKind::cert_expired);
      EXPECT_EQ(m.reason, "certificate has expired");
    }
  }
  EXPECT_EQ(verify, 2u);

  const WebServerMessage* handshake = message(*e, "SSL_do_handshake() failed");
  ASSERT_NE(handshake, nullptr);
  EXPECT_EQ(handshake->alert, 42);
  EXPECT_EQ(handshake->reason, "sslv3 alert bad certificate");
  EXPECT_FALSE(handshake->kind);
  const WebServerMessage* closed = message(*e, "peer closed connection in SSL handshake");
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(closed->top_clients[0].value, "192.0.2.11");
  EXPECT_EQ(e->web_server_messages.size(), 5u) << "the notice line is read, not kept";
}

TEST(LogsWebServer, ApacheErrorLog) {
  const std::string text =
      "[Wed Oct 11 14:32:52.123456 2026] [ssl:error] [pid 1:tid 2] [client 1.2.3.4:5678] AH02261: Re-negotiation "
      "handshake failed\n"
      "[Wed Oct 11 14:32:53.000001 2026] [ssl:error] [pid 1:tid 2] [client 1.2.3.5:5679] AH02039: Certificate "
      "Verification: Error (20): unable to get local issuer certificate\n"
      "[Wed Oct 11 14:32:54.5 2026] [ssl:info] [pid 1:tid 2] [client 2001:db8::1:443] AH02008: SSL library error 1 in "
      "handshake (server www.example.test:443)\n"
      "[Wed Oct 11 14:32:54.6 2026] [ssl:info] [pid 1:tid 2] SSL Library Error: error:0A0000C7:SSL routines::peer did "
      "not return a certificate -- No CAs known to server for verification?\n"
      "[Wed Oct 11 14:32:55 2026] [ssl:error] [pid 1] [client 1.2.3.6:1] AH02040: Certificate Verification: "
      "Certificate Chain too long (chain has 3 certificates, but maximum allowed are only 1)\n"
      "[Wed Oct 11 14:32:56 2026] [core:notice] [pid 1] AH00094: Command line: 'httpd'\n"
      "not an apache line\n";
  auto e = parse_log_text(text, "ssl_error_log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->web_server_lines, 6u);
  EXPECT_EQ(e->unparsed, 1u);
  ASSERT_EQ(e->unparsed_examples.size(), 1u);
  EXPECT_EQ(e->unparsed_examples[0].line, 7u);

  const WebServerMessage* reneg = message(*e, "AH02261");
  ASSERT_NE(reneg, nullptr);
  EXPECT_EQ(reneg->server, WebServer::apache);
  EXPECT_FALSE(reneg->kind);
  EXPECT_EQ(reneg->top_clients[0].value, "1.2.3.4") << "the port is not part of the client";
  EXPECT_EQ(reneg->first_time, parse_date_time("2026-10-11", "14:32:52"));

  const WebServerMessage* verify = message(*e, "AH02039");
  ASSERT_NE(verify, nullptr);
  EXPECT_EQ(verify->verify_error, 20);
  EXPECT_EQ(verify->kind, LogFailureKind::cert_untrusted);
  EXPECT_EQ(verify->reason, "unable to get local issuer certificate");

  const WebServerMessage* lib = message(*e, "AH02008");
  ASSERT_NE(lib, nullptr);
  EXPECT_EQ(lib->top_clients[0].value, "2001:db8::1");
  EXPECT_EQ(lib->top_servers[0].value, "www.example.test:443");
  const WebServerMessage* missing = message(*e, "SSL Library Error");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->kind, LogFailureKind::cert_required);
  EXPECT_EQ(missing->reason, "peer did not return a certificate -- No CAs known to server for verification?");
  const WebServerMessage* chain = message(*e, "AH02040");
  ASSERT_NE(chain, nullptr);
  EXPECT_EQ(chain->verify_error, 22);
  EXPECT_EQ(message(*e, "AH00094"), nullptr);
}

TEST(LogsWebServer, AccessLogStatuses) {
  std::string text;
  for (int i = 0; i < 5; ++i) {
    text += fmt::format("192.0.2.{} - - [11/Oct/2026:14:3{}:00 +0200] \"GET /api HTTP/1.1\" 496 246 \"-\" \"curl/8.5.0\"\n", i, i);
  }
  text += "192.0.2.9 - - [11/Oct/2026:14:40:00 +0200] \"GET /api HTTP/2.0\" 495 246 \"-\" \"Mozilla/5.0 (X11)\"\n";
  text += "192.0.2.9 - - [11/Oct/2026:14:41:00 +0200] \"GET / HTTP/1.1\" 200 612 \"-\" \"Mozilla/5.0 (X11)\"\n";
  text += "192.0.2.9 - bob [11/Oct/2026:14:42:00 +0200] \"GET /admin HTTP/1.1\" 403 10\n";  // common format
  text += "192.0.2.9 - - [11/Oct/2026:14:43:00 +0200] \"\\x16\\x03\\x01\" 400 157 \"-\" \"-\"\n";
  text += "192.0.2.9 - - [11/Oct/2026:14:44:00 +0200] \"GET / HTTP/1.1\" abc 1\n";
  auto e = parse_log_text(text, "access.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->entries, 9u);
  EXPECT_EQ(e->unparsed, 1u);
  // Access logs have no substatus: the status alone, never "496.0".
  EXPECT_EQ(e->by_status.at("496"), 5u);
  EXPECT_EQ(e->by_status.at("200"), 1u);
  EXPECT_FALSE(e->by_status.contains("496.0"));
  for (const LogTriple& t : e->by_triple) {
    EXPECT_FALSE(t.substatus);
    EXPECT_FALSE(t.win32);
  }
  const WebServerMessage* no_cert = message(*e, "status 496");
  ASSERT_NE(no_cert, nullptr);
  EXPECT_EQ(no_cert->server, WebServer::nginx);
  EXPECT_EQ(no_cert->source, "access log");
  EXPECT_EQ(no_cert->kind, LogFailureKind::cert_required);
  EXPECT_EQ(no_cert->count, 5u);
  EXPECT_FALSE(no_cert->local_time);
  // +0200: 14:30 local is 12:30 UTC.
  EXPECT_EQ(no_cert->first_time, parse_date_time("2026-10-11", "12:30:00"));
  EXPECT_EQ(no_cert->last_time, parse_date_time("2026-10-11", "12:34:00"));
  EXPECT_EQ(no_cert->top_clients.size(), 5u);
  EXPECT_EQ(no_cert->examples.size(), 3u);
  const WebServerMessage* verify = message(*e, "status 495");
  ASSERT_NE(verify, nullptr);
  EXPECT_EQ(verify->kind, LogFailureKind::cert_untrusted);
  const WebServerMessage* forbidden = message(*e, "status 403");
  ASSERT_NE(forbidden, nullptr);
  EXPECT_EQ(forbidden->server, WebServer::nginx_or_apache);
  EXPECT_FALSE(forbidden->kind);
  ASSERT_NE(message(*e, "status 400"), nullptr);
  // 495 and 496 are certificate failures counted per minute (UTC); 400 and 403 are not.
  std::uint64_t per_minute = 0;
  for (const auto& [minute, n] : e->failures_per_minute) per_minute += n;
  EXPECT_EQ(per_minute, 6u);
}

TEST(LogsWebServer, FiltersByTime) {
  const std::string text =
      "192.0.2.1 - - [11/Oct/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 496 1\n"
      "192.0.2.1 - - [12/Oct/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 496 1\n";
  Filters filters;
  filters.since = parse_date_time("2026-10-12", "00:00:00");
  auto e = parse_log_text(text, "access.log", filters);
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->entries, 1u);
  EXPECT_EQ(e->filtered_out, 1u);
}

TEST(LogsWebServer, Times) {
  EXPECT_EQ(parse_apache_time("Thu Jan 15 19:48:06.686639 2015"), parse_date_time("2015-01-15", "19:48:06"));
  EXPECT_EQ(parse_apache_time("Thu Jan 15 19:48:06 2015"), parse_date_time("2015-01-15", "19:48:06"));
  EXPECT_FALSE(parse_apache_time("Thu Foo 15 19:48:06 2015"));
  EXPECT_EQ(parse_ncsa_time("10/Oct/2000:13:55:36 -0700"), parse_date_time("2000-10-10", "20:55:36"));
  EXPECT_FALSE(parse_ncsa_time("10/Oct/2000:13:55:36 X0700"));
  EXPECT_EQ(kind_of_verify_error(9), LogFailureKind::cert_expired);
  EXPECT_EQ(kind_of_verify_error(23), LogFailureKind::cert_revoked);
  EXPECT_EQ(kind_of_verify_error(19), LogFailureKind::cert_untrusted);
}

TEST(LogsWebServer, BoundedGroups) {
  // Distinct verify codes beyond the group cap are counted, not kept.
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += fmt::format("2026/10/11 14:32:52 [info] 1#0: *1 client SSL certificate verify error: ({}:x) while "
                        "reading client request headers, client: 192.0.2.1\n", i);
  }
  auto e = parse_log_text(text, "error.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->web_server_messages.size(), kWebMessageKinds);
  ASSERT_FALSE(e->problems.empty());
  EXPECT_NE(e->problems.back().message.find("beyond 64 kinds"), std::string::npos);
}

TEST(LogsWebServer, CorpusApacheAH02039) {
  MTLS_CORPUS_FILE(path, "text/nginx-apache-errors/munki-wiki-apache-AH02039-ee-key-too-weak.log");
  auto e = read_logs({path.string()}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  const WebServerMessage* m = message(*e, "AH02039");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->verify_error, 66);
  EXPECT_EQ(m->reason, "EE certificate key too weak");
  EXPECT_EQ(m->top_clients[0].value, "129.240.203.197");
  EXPECT_EQ(m->first_time, parse_date_time("2020-10-30", "19:22:42"));
}

TEST(LogsWebServer, CorpusApacheRenegotiationPastedWithClientOutput) {
  MTLS_CORPUS_FILE(path, "text/nginx-apache-errors/apache-per-location-sslverifyclient-renegotiation-AH02261-golang.log");
  auto e = read_logs({path.string()}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  const WebServerMessage* failed = message(*e, "AH02261");
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->reason, "Not accepted by client!?");
  EXPECT_EQ(failed->examples[0].line, 8u);
  ASSERT_NE(message(*e, "AH02255"), nullptr);
  ASSERT_NE(message(*e, "AH02221"), nullptr);
  ASSERT_NE(message(*e, "AH02006"), nullptr);
  // The Go client's two lines are not Apache's: counted as unreadable, not guessed at.
  EXPECT_EQ(e->unparsed, 2u);
}

TEST(LogsWebServer, CorpusApacheUnknownCaAlert) {
  MTLS_CORPUS_FILE(path, "text/nginx-apache-errors/apache-debug-selfsigned-unknown-ca-AH02008-AH02044-excerpt.log");
  auto e = read_logs({path.string()}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  const WebServerMessage* lib = message(*e, "SSL Library Error");
  ASSERT_NE(lib, nullptr);
  EXPECT_EQ(lib->alert, 48);
  EXPECT_EQ(lib->reason, "tlsv1 alert unknown ca");
  EXPECT_FALSE(lib->kind) << "the client refused the server's certificate, not the other way round";
  ASSERT_NE(message(*e, "AH02008"), nullptr);
}

TEST(LogsWebServer, CorpusNginxUpstreamVerify) {
  MTLS_CORPUS_FILE(path, "text/nginx-apache-errors/kong-docs-upstream-verify-20-unable-local-issuer.log");
  auto e = read_logs({path.string()}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  const WebServerMessage* up = message(*e, "upstream SSL certificate verify error");
  ASSERT_NE(up, nullptr);
  EXPECT_EQ(up->verify_error, 20);
  EXPECT_FALSE(up->kind) << "nginx as a client of its upstream: no client certificate involved";
  EXPECT_EQ(up->top_servers[0].value, "kong");
  EXPECT_EQ(e->unparsed, 1u) << "the access line inside the error log";
}

}  // namespace
}  // namespace mtls::logs
