// SPDX-License-Identifier: Apache-2.0
// `explain` on what users paste: OpenSSL verify codes, nginx and Apache log lines, browser,
// curl, Java and .NET errors, Schannel events, HTTP/2 codes, checklist steps, and --list. The
// lines are real shapes (../shared/corpus/text/nginx-apache-errors and the products' sources).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/checklist.h"
#include "knowledge/explain.h"
#include "knowledge/explain_test_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/openssl_verify.h"
#include "knowledge/pasted_codes.h"

namespace mtls::knowledge {
namespace {

using explain_testing::ok;

/// "kind|code" of every part, to compare whole answers at a glance.
std::vector<std::string> shape(const ExplainResult& r) {
  std::vector<std::string> out;
  for (const Explanation& e : r.parts) out.push_back(e.kind + "|" + e.code);
  return out;
}

using V = std::vector<std::string>;

TEST(KnowledgeExplainPasted, OpensslVerifyTableIsOpenssl3) {
  // x509_vfy.h of OpenSSL 3.0: X509_V_OK 0 to X509_V_ERR_EC_KEY_EXPLICIT_PARAMS 94, no gaps.
  ASSERT_EQ(x509_verify_codes().size(), 95u);
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < x509_verify_codes().size(); ++i) {
    const X509VerifyCode& c = x509_verify_codes()[i];
    EXPECT_EQ(c.code, static_cast<int>(i));
    EXPECT_TRUE(names.insert(c.name).second) << c.name;
    EXPECT_FALSE(c.message.empty()) << c.name;
    EXPECT_FALSE(verify_topic_advice(c.topic).client_cert.empty()) << c.name;
    // Every code by number, by name and by message.
    for (const std::string& q : {fmt::format("verify {}", c.code), std::string(c.name),
                                 std::string(c.message)}) {
      const ExplainResult r = ok(q);
      ASSERT_FALSE(r.parts.empty()) << q;
      EXPECT_EQ(r.parts[0].code, fmt::format("verify {}", c.code)) << q;
    }
  }
  EXPECT_EQ(find_x509_verify_code(20)->message, "unable to get local issuer certificate");
  EXPECT_EQ(find_x509_verify_code("UNABLE_TO_GET_ISSUER_CERT_LOCALLY")->code, 20);
  EXPECT_EQ(find_x509_verify_code(95), nullptr);
  EXPECT_EQ(find_x509_verify_code(-1), nullptr);
}

TEST(KnowledgeExplainPasted, OpensslVerifyWorkedExamples) {
  const ExplainResult r = ok("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].kind, "OpenSSL verify code");
  EXPECT_NE(r.parts[0].client_cert.find("client-CA file"), std::string::npos);
  EXPECT_EQ(shape(ok("unable to get local issuer certificate")),
            V{"OpenSSL verify code|verify 20"});
  EXPECT_EQ(shape(ok("verify error:num=20:unable to get local issuer certificate")),
            V{"OpenSSL verify code|verify 20"});
  EXPECT_EQ(shape(ok("Verify return code: 19 (self-signed certificate in certificate chain)")),
            V{"OpenSSL verify code|verify 19"});
  EXPECT_EQ(ok("self signed certificate").parts[0].code, "verify 18");  // OpenSSL 1.1 spelling
  EXPECT_EQ(ok("verify 26").parts[0].name, "X509_V_ERR_INVALID_PURPOSE");
  EXPECT_NE(ok("verify 26").parts[0].client_cert.find("clientAuth"), std::string::npos);
}

TEST(KnowledgeExplainPasted, NginxLines) {
  EXPECT_EQ(shape(ok("2024/01/15 10:00:00 [info] 1234#0: *5 client sent no required SSL "
                     "certificate while reading client request headers, client: 10.0.0.5, "
                     "server: app.example.com, request: \"GET / HTTP/1.1\"")),
            V{"nginx message|client sent no required SSL certificate"});
  EXPECT_EQ(shape(ok("2024/01/15 10:00:00 [info] 1234#0: *7 client SSL certificate verify error: "
                     "(20:unable to get local issuer certificate) while reading client request "
                     "headers")),
            (V{"nginx message|client SSL certificate verify error",
               "OpenSSL verify code|verify 20"}));
  EXPECT_EQ(shape(ok("[crit] 12#0: *3 SSL_do_handshake() failed (SSL: error:0A000412:SSL "
                     "routines::sslv3 alert bad certificate:SSL alert number 42) while SSL "
                     "handshaking")),
            (V{"nginx message|SSL_do_handshake() failed", "TLS alert|alert 42"}));
  // The corpus' kong line: nginx as a client of its upstream.
  EXPECT_EQ(shape(ok("2024/11/29 11:41:46 [error] 1280#0: *45531 upstream SSL certificate verify "
                     "error: (22:certificate chain too long) while SSL handshaking to upstream")),
            (V{"nginx message|upstream SSL certificate verify error",
               "OpenSSL verify code|verify 22"}));
  EXPECT_EQ(shape(ok("<title>400 No required SSL certificate was sent</title>")),
            V{"nginx message|496"});
  EXPECT_EQ(shape(ok("400 The SSL certificate error")), V{"nginx message|495"});
  EXPECT_EQ(shape(ok("495")), V{"nginx message|495"});
  EXPECT_EQ(shape(ok("nginx 496")), V{"nginx message|496"});
}

TEST(KnowledgeExplainPasted, ApacheLines) {
  // From the corpus: a per-location SSLVerifyClient refused by a Go client.
  const ExplainResult reneg = ok("[Thu Jan 15 19:48:06.688010 2015] [ssl:error] [pid 13] [client "
                                 "127.0.0.1:56715] AH02261: Re-negotiation handshake failed: Not "
                                 "accepted by client!?");
  EXPECT_EQ(shape(reneg), V{"Apache message|AH02261"});
  EXPECT_NE(reneg.parts[0].next_steps[0].find("<VirtualHost>"), std::string::npos);
  EXPECT_EQ(shape(ok("AH02262: Re-negotiation handshake failed: Client verification failed")),
            V{"Apache message|AH02262"});
  EXPECT_EQ(shape(ok("[ssl:error] [pid 2531017] [client 129.240.203.197:54770] AH02039: "
                     "Certificate Verification: Error (66): EE certificate key too weak")),
            (V{"Apache message|AH02039", "OpenSSL verify code|verify 66"}));
  EXPECT_EQ(shape(ok("AH02039: Certificate Verification: Error (20): unable to get local issuer "
                     "certificate")),
            (V{"Apache message|AH02039", "OpenSSL verify code|verify 20"}));
  EXPECT_EQ(shape(ok("[ssl:info] AH02008: SSL library error 1 in handshake (server "
                     "www.example.com:443)")),
            V{"Apache message|AH02008"});
  EXPECT_EQ(shape(ok("SSL Library Error: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert "
                     "unknown ca (SSL alert number 48)")),
            (V{"Apache message|AH02008", "TLS alert|alert 48"}));
  EXPECT_EQ(shape(ok("ssl_engine_kernel.c(591): AH02255: Changed client verification type will "
                     "force renegotiation")),
            V{"Apache message|AH02255"});
  EXPECT_EQ(shape(ok("AH02042: rejecting client initiated renegotiation")),
            V{"Apache message|AH02042"});
  EXPECT_EQ(shape(ok("ah02261")), V{"Apache message|AH02261"});
}

TEST(KnowledgeExplainPasted, BrowserErrors) {
  EXPECT_EQ(shape(ok("ERR_BAD_SSL_CLIENT_AUTH_CERT")),
            V{"browser error|ERR_BAD_SSL_CLIENT_AUTH_CERT"});
  EXPECT_EQ(shape(ok("net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED")),
            V{"browser error|ERR_SSL_CLIENT_AUTH_CERT_NEEDED"});
  const ExplainResult ff = ok("SSL_ERROR_HANDSHAKE_FAILURE_ALERT");
  EXPECT_EQ(shape(ff), V{"browser error|SSL_ERROR_HANDSHAKE_FAILURE_ALERT"});
  EXPECT_EQ(ff.parts[0].see_also, V{"alert 40"});
  EXPECT_NE(ok("NS_ERROR_NET_INTERRUPT").parts[0].client_cert.find("TLS 1.3"), std::string::npos);
  EXPECT_EQ(shape(ok("Error code: SSL_ERROR_UNKNOWN_CA_ALERT")),
            V{"browser error|SSL_ERROR_UNKNOWN_CA_ALERT"});
  EXPECT_EQ(shape(ok("This site can't provide a secure connection ERR_BAD_SSL_CLIENT_AUTH_CERT")),
            V{"browser error|ERR_BAD_SSL_CLIENT_AUTH_CERT"});
}

TEST(KnowledgeExplainPasted, CurlExitCodes) {
  for (std::string_view q :
       {"curl 35", "curl exit code 35", "curl: (35)", "CURLE_SSL_CONNECT_ERROR"}) {
    EXPECT_EQ(shape(ok(q)), V{"curl exit code|curl 35"}) << q;
  }
  EXPECT_EQ(shape(ok("curl: (56) OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert "
                     "certificate required, errno 0")),
            (V{"curl exit code|curl 56", "TLS alert|alert 116"}));
  EXPECT_EQ(shape(ok("curl: (58) could not load PEM client certificate from client.pem")),
            V{"curl exit code|curl 58"});
  EXPECT_EQ(shape(ok("curl: (92) HTTP/2 stream 1 was not closed cleanly: HTTP_1_1_REQUIRED (err "
                     "13)")),
            (V{"curl exit code|curl 92", "HTTP/2 error|HTTP/2 error 13"}));
  // A bare 35 is not read as curl's: explain says nothing it cannot back.
  for (const Explanation& e : ok("35").parts) EXPECT_NE(e.kind, "curl exit code");
}

TEST(KnowledgeExplainPasted, JavaAndDotnet) {
  EXPECT_EQ(shape(ok("javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate")),
            (V{"Java message|Received fatal alert", "TLS alert|alert 42"}));
  EXPECT_EQ(shape(ok("javax.net.ssl.SSLHandshakeException: Empty client certificate chain")),
            V{"Java message|Empty client certificate chain"});
  EXPECT_EQ(shape(ok("sun.security.validator.ValidatorException: PKIX path building failed: "
                     "unable to find valid certification path to requested target")),
            V{"Java message|PKIX path building failed"});
  EXPECT_EQ(shape(ok("Authentication failed because the remote party sent a TLS alert: "
                     "'CertificateRequired'")),
            (V{".NET message|Authentication failed because the remote party sent a TLS alert",
               "TLS alert|alert 116"}));
  EXPECT_EQ(shape(ok("The remote certificate is invalid because of errors in the certificate "
                     "chain: UntrustedRoot")),
            V{".NET message|The remote certificate is invalid because of errors in the certificate "
              "chain"});
  // The inner Win32Exception's text is the SEC_E_* message: decoded from the Win32 table.
  EXPECT_EQ(shape(ok("A call to SSPI failed, see inner exception. ---> "
                     "System.ComponentModel.Win32Exception (0x80004005): The credentials supplied "
                     "to the package were not recognized")),
            (V{".NET message|A call to SSPI failed, see inner exception",
               "HRESULT|0x8009030D (2148074253)"}));
}

TEST(KnowledgeExplainPasted, SchannelEvents) {
  for (int id = 36870; id <= 36888; ++id) {
    const ExplainResult r = ok(fmt::format("event {}", id));
    ASSERT_EQ(r.parts.size(), 1u) << id;
    EXPECT_EQ(r.parts[0].code, fmt::format("event {}", id));
    EXPECT_EQ(shape(ok(fmt::format("{}", id))), shape(r)) << id;
  }
  EXPECT_NE(ok("Schannel 36885").parts[0].client_cert.find("403.7"), std::string::npos);
  // The corpus' real 36888 text, with the alert it names.
  EXPECT_EQ(shape(ok("A fatal alert was generated and sent to the remote endpoint. This may "
                     "result in termination of the connection. The TLS protocol defined fatal "
                     "error code is 40. The Windows SChannel error state is 1205.")),
            (V{"Schannel event|event 36888", "TLS alert|alert 40"}));
  EXPECT_EQ(shape(ok("A fatal alert was received from the remote endpoint. The TLS protocol "
                     "defined fatal alert code is 46.")),
            (V{"Schannel event|event 36887", "TLS alert|alert 46"}));
}

TEST(KnowledgeExplainPasted, Http2AndChecklist) {
  EXPECT_EQ(shape(ok("HTTP_1_1_REQUIRED")), V{"HTTP/2 error|HTTP/2 error 13"});
  EXPECT_EQ(shape(ok("http2 error 12")), V{"HTTP/2 error|HTTP/2 error 12"});
  for (const StepInfo& s : checklist_steps()) {
    const ExplainResult r = ok(s.name);
    ASSERT_EQ(r.parts.size(), 1u) << s.name;
    EXPECT_EQ(r.parts[0].kind, "checklist step");
    EXPECT_EQ(r.parts[0].name, s.title);
    for (const std::string& id : r.parts[0].see_also) {
      EXPECT_EQ(to_string(find_catalog_entry(id)->step), s.name) << id;
    }
  }
  EXPECT_EQ(ok("c11").parts[0].code, "C11");
  EXPECT_FALSE(explain("C15"));
}

TEST(KnowledgeExplainPasted, EveryPastedCodeExplainsByItsCode) {
  for (const PastedFamily& f : pasted_families()) {
    EXPECT_FALSE(f.source.empty()) << f.id;
    ASSERT_FALSE(f.codes.empty()) << f.id;
    for (const PastedCode& c : f.codes) {
      const std::string q = fmt::format("{}{}", f.code_prefix, c.code);
      const ExplainResult r = ok(q);
      ASSERT_FALSE(r.parts.empty()) << q;
      bool found = false;
      for (const Explanation& e : r.parts) found |= e.kind == f.kind && e.code == q;
      EXPECT_TRUE(found) << q;
      EXPECT_FALSE(c.meaning.empty() || c.client_cert.empty() || c.causes.empty() ||
                   c.next_step.empty())
          << q;
      for (std::string_view also : c.see_also) EXPECT_TRUE(explain(also)) << q << " -> " << also;
    }
  }
}

TEST(KnowledgeExplainPasted, ListFamiliesAndTheirCodes) {
  const ExplainResult all = list_families();
  std::set<std::string> ids;
  for (const Explanation& e : all.parts) {
    EXPECT_EQ(e.kind, "code family");
    ids.insert(e.code);
    auto codes = list_family(e.code);
    ASSERT_TRUE(codes) << e.code;
    EXPECT_EQ(e.meaning.rfind(fmt::format("{} codes; source: ", codes->parts.size()), 0), 0u)
        << e.meaning;
    EXPECT_FALSE(codes->parts.empty()) << e.code;
  }
  for (const char* id : {"iis-status", "win32", "tls-alert", "http2-error", "openssl-verify",
                         "nginx", "apache", "browser", "curl", "java", "dotnet", "schannel-event",
                         "checklist", "finding", "setting"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
  EXPECT_EQ(list_family("openssl-verify")->parts.size(), 95u);
  EXPECT_EQ(list_family("checklist")->parts.size(), 14u);
  EXPECT_EQ(list_family("CURL")->parts.front().code, "curl 35");
  auto bad = list_family("nope");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("families: iis-status"), std::string::npos);
}

TEST(KnowledgeExplainPasted, LongPastesAreBoundedAndUnknownLinesSuggest) {
  std::string line = "2024/01/15 [info] client sent no required SSL certificate ";
  line += std::string(3000, 'x');
  EXPECT_EQ(shape(ok(line)), V{"nginx message|client sent no required SSL certificate"});
  auto unknown = explain("[notice] everything is fine " + std::string(300, 'y'));
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("closest known"), std::string::npos);
  EXPECT_FALSE(explain(std::string(4001, 'a')));
}

}  // namespace
}  // namespace mtls::knowledge
