// SPDX-License-Identifier: Apache-2.0
#include "tls/probe_http.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace mtls::tls {
namespace {

TEST(ProbeHttp, ParsesHttpsUrls) {
  auto u = parse_https_url("https://www.example.test:8443/app/?x=1#frag");
  ASSERT_TRUE(u) << u.error().to_string();
  EXPECT_EQ(u->host, "www.example.test");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->path, "/app/?x=1");
  EXPECT_FALSE(u->host_is_ip);
  auto d = parse_https_url("https://127.0.0.1");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->port, 443);
  EXPECT_EQ(d->path, "/");
  EXPECT_TRUE(d->host_is_ip);
  auto v6 = parse_https_url("https://[::1]:9443/x");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 9443);
  EXPECT_TRUE(v6->host_is_ip);
}

TEST(ProbeHttp, RefusesWhatIsNotAnHttpsUrl) {
  EXPECT_FALSE(parse_https_url("http://example.test/"));
  EXPECT_FALSE(parse_https_url("https://"));
  EXPECT_FALSE(parse_https_url("https://user:pw@example.test/"));
  EXPECT_FALSE(parse_https_url("https://example.test:0/"));
  EXPECT_FALSE(parse_https_url("https://example.test:99999/"));
  EXPECT_FALSE(parse_https_url("https://example.test/a b"));
  EXPECT_FALSE(parse_host_port("example.test"));
  auto hp = parse_host_port("[::1]:443");
  ASSERT_TRUE(hp);
  EXPECT_EQ(hp->first, "::1");
}

TEST(ProbeHttp, RequestHasHostAndUserHeaders) {
  const std::string r = http1_request("GET", "example.test:8443", "/app/", {"X-Test: 1"});
  EXPECT_EQ(r.rfind("GET /app/ HTTP/1.1\r\nHost: example.test:8443\r\n", 0), 0u);
  EXPECT_NE(r.find("X-Test: 1\r\n"), std::string::npos);
  EXPECT_NE(r.find("Connection: close\r\n\r\n"), std::string::npos);
}

TEST(ProbeHttp, ContentLengthResponse) {
  const std::string bytes = "HTTP/1.1 403 Forbidden\r\nServer: Microsoft-IIS/10.0\r\nContent-Length: 5\r\n\r\nhello";
  EXPECT_EQ(response_state(bytes.substr(0, 20), false), ResponseState::incomplete);
  EXPECT_EQ(response_state(bytes.substr(0, bytes.size() - 1), false), ResponseState::incomplete);
  EXPECT_EQ(response_state(bytes, false), ResponseState::complete);
  auto r = parse_http_response(bytes);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(r->reason, "Forbidden");
  EXPECT_EQ(r->body, "hello");
  EXPECT_EQ(header_value(*r, "server"), "Microsoft-IIS/10.0");
}

TEST(ProbeHttp, ChunkedResponse) {
  const std::string bytes = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n";
  EXPECT_EQ(response_state(bytes, false), ResponseState::complete);
  EXPECT_EQ(response_state(bytes.substr(0, 60), false), ResponseState::incomplete);
  auto r = parse_http_response(bytes);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "hello world");
}

TEST(ProbeHttp, BodyWithoutLengthEndsAtClose) {
  const std::string bytes = "HTTP/1.0 200 OK\r\n\r\nabc";
  EXPECT_EQ(response_state(bytes, false), ResponseState::incomplete);
  EXPECT_EQ(response_state(bytes, true), ResponseState::complete);
}

TEST(ProbeHttp, BodyIsCutAt64KiB) {
  std::string bytes = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n";
  bytes += std::string(70000, 'x');
  EXPECT_EQ(response_state(bytes, false), ResponseState::complete);
  auto r = parse_http_response(bytes);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.size(), kMaxResponseBody);
  EXPECT_TRUE(r->body_truncated);
  // A body without a length read up to exactly the limit: its end was not seen.
  std::string endless = "HTTP/1.1 200 OK\r\n\r\n" + std::string(kMaxResponseBody, 'y');
  EXPECT_EQ(response_state(endless, false), ResponseState::complete);
  auto e = parse_http_response(endless);
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->body_truncated);
  // A length of exactly the limit is a whole body.
  auto whole = parse_http_response(fmt::format("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", kMaxResponseBody) +
                                   std::string(kMaxResponseBody, 'z'));
  ASSERT_TRUE(whole);
  EXPECT_FALSE(whole->body_truncated);
}

TEST(ProbeHttp, MalformedResponses) {
  EXPECT_EQ(response_state("SSH-2.0-OpenSSH\r\n\r\n", false), ResponseState::malformed);
  EXPECT_FALSE(parse_http_response("HTTP/1.1 abc\r\n\r\n"));
  EXPECT_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nno colon\r\n\r\n"));
  EXPECT_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"));
  EXPECT_FALSE(parse_http_response(""));
  EXPECT_EQ(response_state(std::string(kMaxResponseHead + 10, 'a'), false), ResponseState::malformed);
}

TEST(ProbeHttp, IisSubstatusFromErrorPage) {
  EXPECT_EQ(iis_substatus_from_body("<h3>HTTP Error 403.7 - Forbidden</h3><h4>The page requires a client certificate.</h4>"), "403.7");
  EXPECT_EQ(iis_substatus_from_body("<h2>403.16 - Forbidden: Client certificate is untrusted or invalid.</h2>"), "403.16");
  EXPECT_EQ(iis_substatus_from_body("HTTP Error 404 not found"), "");
  EXPECT_EQ(iis_substatus_from_body("HTTP Error 40"), "");
}

TEST(ProbeHttp, NginxReasonFromErrorPage) {
  EXPECT_EQ(nginx_reason_from_body("<center>No required SSL certificate was sent</center>"), "No required SSL certificate was sent");
  EXPECT_EQ(nginx_reason_from_body("<center>The SSL certificate error</center>"), "The SSL certificate error");
  EXPECT_EQ(nginx_reason_from_body("<center>Bad Request</center>"), "");
}

}  // namespace
TEST(ProbeHttp, CertificateErrorFromBody) {
  EXPECT_EQ(certificate_error_from_body("Error: UNABLE_TO_VERIFY_LEAF_SIGNATURE\n"), "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
  EXPECT_EQ(certificate_error_from_body("<p>unable to get local issuer certificate</p>"),
            "unable to get local issuer certificate");
  EXPECT_EQ(certificate_error_from_body("<h1>Forbidden</h1>"), "");
}

}  // namespace mtls::tls
