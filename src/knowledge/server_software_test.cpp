// SPDX-License-Identifier: Apache-2.0
// The server-software table on answers recorded from real servers (Debian bookworm packages
// unless said otherwise: nginx 1.22.1, Apache 2.4, HAProxy 2.6.12, lighttpd 1.4.69, Caddy 2.6.2,
// Go 1.19 net/http, Node.js 20) and on their near misses.
#include "knowledge/server_software.h"

#include <gtest/gtest.h>

namespace mtls::knowledge {
namespace {

ProbeAttempt answer(int status, std::string server, std::string body = {}) {
  ProbeAttempt a;
  a.number = 2;
  a.connected = true;
  a.handshake_completed = true;
  a.http_status = status;
  a.server_header = std::move(server);
  a.error_page = status >= 400 ? std::move(body) : std::string();
  return a;
}

ServerSoftware of(const ProbeAttempt& a) { return recognise_answer(a).software; }

TEST(ServerSoftware, ServerHeaders) {
  EXPECT_EQ(of(answer(200, "Microsoft-IIS/10.0")), ServerSoftware::iis);
  EXPECT_EQ(of(answer(503, "Microsoft-HTTPAPI/2.0")), ServerSoftware::iis);
  EXPECT_EQ(of(answer(200, "nginx/1.22.1")), ServerSoftware::nginx);
  EXPECT_EQ(of(answer(200, "nginx")), ServerSoftware::nginx);
  EXPECT_EQ(of(answer(200, "openresty/1.21.4.1")), ServerSoftware::nginx);
  EXPECT_EQ(of(answer(200, "Apache/2.4.62 (Debian)")), ServerSoftware::apache);
  EXPECT_EQ(of(answer(200, "Apache")), ServerSoftware::apache);
  EXPECT_EQ(of(answer(200, "Apache-Coyote/1.1")), ServerSoftware::tomcat);
  EXPECT_EQ(of(answer(200, "Caddy")), ServerSoftware::caddy);
  EXPECT_EQ(of(answer(200, "lighttpd/1.4.69")), ServerSoftware::lighttpd);
  EXPECT_EQ(of(answer(200, "envoy")), ServerSoftware::envoy);
  EXPECT_EQ(of(answer(200, "istio-envoy")), ServerSoftware::envoy);
  // Case as HTTP/2 lower-cases it.
  EXPECT_EQ(of(answer(200, "caddy")), ServerSoftware::caddy);
  const ServerRecognition r = recognise_answer(answer(200, "nginx/1.22.1"));
  EXPECT_EQ(r.basis, "attempt 2: Server: nginx/1.22.1");
}

TEST(ServerSoftware, ServersWeHaveNoFixesForStayUnknownAndAreNamed) {
  for (const char* server : {"SimpleHTTP/0.6 Python/3.11.7", "Kestrel", "gunicorn", "Jetty(9.4.z)", "cloudflare"}) {
    const ServerRecognition r = recognise_answer(answer(200, server));
    EXPECT_EQ(r.software, ServerSoftware::unknown) << server;
    EXPECT_EQ(r.basis, std::string("attempt 2: Server: ") + server);
  }
  EXPECT_EQ(recognise_answer(answer(200, "")).basis, "");
  // "nginx" inside another product's name is not nginx.
  EXPECT_EQ(of(answer(200, "my-nginx-clone")), ServerSoftware::unknown);
}

TEST(ServerSoftware, ErrorPages) {
  // nginx 1.22.1, ngx_http_special_response.c, with server_tokens on.
  EXPECT_EQ(of(answer(404, "", "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not "
                               "Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n")),
            ServerSoftware::nginx);
  // Apache 2.4 on Debian.
  EXPECT_EQ(of(answer(404, "", "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not "
                               "Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on "
                               "this server.</p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at localhost Port "
                               "443</address>\n</body></html>\n")),
            ServerSoftware::apache);
  // HAProxy 2.6.12, a backend without servers (recorded by server_software_test.py).
  const ProbeAttempt haproxy = answer(503, "", "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to "
                                               "handle this request.\n</body></html>\n");
  EXPECT_EQ(of(haproxy), ServerSoftware::haproxy);
  EXPECT_EQ(recognise_answer(haproxy).basis,
            "attempt 2: the error page says \"No server is available to handle this request.\" (HAProxy's 503 page)");
  // Tomcat 9's ErrorReportValve.
  EXPECT_EQ(of(answer(404, "", "<!doctype html><html lang=\"en\"><head><title>HTTP Status 404 – Not Found</title>"
                               "</head><body><h1>HTTP Status 404 – Not Found</h1><hr class=\"line\" /><h3>Apache "
                               "Tomcat/9.0.70</h3></body></html>")),
            ServerSoftware::tomcat);
  // Envoy without a healthy upstream.
  EXPECT_EQ(of(answer(503, "", "no healthy upstream")), ServerSoftware::envoy);
  // Go 1.19 net/http ServeMux for a path it does not serve (recorded over HTTP/2).
  EXPECT_EQ(of(answer(404, "", "404 page not found\n")), ServerSoftware::go);
  // Node.js 20: an application printing the socket's authorizationError (recorded).
  EXPECT_EQ(of(answer(403, "", "client certificate refused: UNABLE_TO_VERIFY_LEAF_SIGNATURE\n")), ServerSoftware::node);
}

TEST(ServerSoftware, WeakSignsYieldToAServerHeader) {
  // Go's words behind a proxy that names itself: the proxy answered.
  EXPECT_EQ(of(answer(404, "Caddy", "404 page not found\n")), ServerSoftware::caddy);
  // A longer page that merely contains Go's words is not Go's page.
  EXPECT_EQ(of(answer(404, "", "<p>404 page not found\n</p>")), ServerSoftware::unknown);
  // A 2xx body is the application's content and is never read.
  ProbeAttempt ok = answer(200, "");
  ok.error_page.clear();
  EXPECT_EQ(of(ok), ServerSoftware::unknown);
}

TEST(ServerSoftware, IdentifyingHeaders) {
  ProbeAttempt a = answer(200, "");
  a.software_headers = {{"X-Powered-By", "Express"}};
  EXPECT_EQ(of(a), ServerSoftware::node);
  a.software_headers = {{"x-envoy-upstream-service-time", "3"}};
  EXPECT_EQ(of(a), ServerSoftware::envoy);
  EXPECT_TRUE(names_server_software("X-Powered-By"));
  EXPECT_TRUE(names_server_software("X-ENVOY-UPSTREAM-SERVICE-TIME"));
  EXPECT_FALSE(names_server_software("Set-Cookie"));
  EXPECT_FALSE(names_server_software("Server"));  // kept in server_header
}

TEST(ServerSoftware, IisSubstatusPage) {
  ProbeAttempt a = answer(403, "");
  a.iis_substatus = "403.7";
  EXPECT_EQ(of(a), ServerSoftware::iis);
}

TEST(ServerSoftware, TheProbeAsAWhole) {
  ProbeEvidence p;
  ProbeAttempt refused;  // refused in the handshake: no answer to read
  refused.number = 1;
  refused.connected = true;
  p.attempts.push_back(refused);
  ProbeAttempt skipped = answer(200, "nginx");
  skipped.number = 3;
  skipped.skipped = true;
  p.attempts.push_back(skipped);
  EXPECT_EQ(recognise_server(p).software, ServerSoftware::unknown);
  EXPECT_EQ(recognise_server(p).basis, "");
  ProbeAttempt lighttpd = answer(200, "lighttpd/1.4.69");
  lighttpd.number = 4;
  p.attempts.push_back(lighttpd);
  EXPECT_EQ(recognise_server(p).software, ServerSoftware::lighttpd);
  EXPECT_EQ(recognise_server(p).basis, "attempt 4: Server: lighttpd/1.4.69");
  // ingress-nginx's default certificate says more than its Server header.
  CertificateFacts fake;
  fake.subject = "O=Acme Co,CN=Kubernetes Ingress Controller Fake Certificate";
  p.server_chain.push_back(fake);
  EXPECT_EQ(recognise_server(p).software, ServerSoftware::ingress_nginx);
}

}  // namespace
}  // namespace mtls::knowledge
