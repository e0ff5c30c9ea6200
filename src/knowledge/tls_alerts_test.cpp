// SPDX-License-Identifier: Apache-2.0
// Every TLS alert of the IANA registry, walked through `explain` as "alert N", "tls alert N",
// "alert 0xNN", its name in any case, and "alert NAME".
#include "knowledge/tls_alerts.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "knowledge/explain.h"

namespace mtls::knowledge {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

TEST(KnowledgeTlsAlerts, EveryEntryExplainsInEverySpelling) {
  for (const TlsAlert& a : tls_alerts()) {
    SCOPED_TRACE(a.name);
    for (const std::string& query :
         {fmt::format("alert {}", a.code), fmt::format("tls alert {}", a.code),
          fmt::format("Alert 0x{:02x}", a.code), std::string(a.name), upper(a.name),
          fmt::format("alert {}", a.name)}) {
      auto result = explain(query);
      ASSERT_TRUE(result) << query << ": " << result.error().to_string();
      ASSERT_EQ(result->parts.size(), 1u) << query;
      const Explanation& e = result->parts.front();
      EXPECT_EQ(e.kind, "TLS alert") << query;
      EXPECT_EQ(e.code, fmt::format("alert {}", a.code)) << query;
      EXPECT_EQ(e.name, a.name) << query;
      EXPECT_EQ(e.client_cert, a.client_cert);
      EXPECT_EQ(e.meaning.find("not used by TLS 1.3") != std::string::npos, a.legacy) << query;
    }
  }
}

TEST(KnowledgeTlsAlerts, EveryIanaAlertIsPresentWithLegacyFlag) {
  // IANA "TLS Alerts" registry; RFC 8446 §6 marks 21, 30, 41, 60, 100, 111, 114 _RESERVED.
  const std::set<int> iana{0,  10, 20, 21, 22, 30, 40, 41,  42,  43,  44,  45,  46,  47,  48,  49,  50,  51,
                           52, 60, 70, 71, 80, 86, 90, 100, 109, 110, 111, 112, 113, 114, 115, 116, 120, 121};
  const std::set<int> reserved{21, 30, 41, 60, 100, 111, 114};
  std::set<int> codes;
  std::set<std::string> names;
  for (const TlsAlert& a : tls_alerts()) {
    EXPECT_TRUE(codes.insert(a.code).second) << "duplicate alert " << a.code;
    EXPECT_TRUE(names.insert(std::string(a.name)).second) << "duplicate name " << a.name;
    EXPECT_EQ(a.legacy, reserved.count(a.code) == 1) << a.name;
    EXPECT_TRUE(iana.count(a.code)) << "not an IANA alert: " << a.code;
    EXPECT_FALSE(a.meaning.empty());
    EXPECT_FALSE(a.client_cert.empty());
    EXPECT_FALSE(a.causes.empty());
    EXPECT_FALSE(a.next_step.empty());
    EXPECT_FALSE(a.defined_in.empty());
  }
  EXPECT_EQ(codes, iana);
}

TEST(KnowledgeTlsAlerts, WorkedExamples) {
  EXPECT_EQ(find_tls_alert(116)->name, "certificate_required");
  EXPECT_EQ(find_tls_alert(48)->name, "unknown_ca");
  EXPECT_EQ(find_tls_alert(42)->name, "bad_certificate");
  EXPECT_EQ(find_tls_alert("no_certificate_RESERVED")->code, 41);
  EXPECT_EQ(find_tls_alert("NO_RENEGOTIATION")->code, 100);
  EXPECT_EQ(find_tls_alert(255), nullptr);
  EXPECT_EQ(find_tls_alert("_reserved"), nullptr);
  EXPECT_FALSE(explain("alert 255"));
  EXPECT_FALSE(explain("alert"));
}

TEST(KnowledgeTlsAlerts, CertificateAlertsAndVerdicts) {
  // RFC 8446 §6.2: the alerts a peer sends about the certificate it received.
  const std::set<int> about{42, 43, 44, 45, 46, 48, 49, 116};
  for (const TlsAlert& a : tls_alerts()) {
    EXPECT_EQ(a.about_certificate, about.count(a.code) == 1) << a.name;
    if (a.about_certificate) {
      EXPECT_FALSE(a.verdict.empty()) << a.name;
    }
  }
  EXPECT_EQ(alert_verdict(48), "unknown_ca: the server could not build a chain to a CA it trusts "
                               "(missing intermediate or untrusted root)");
  EXPECT_EQ(alert_verdict(40).rfind("handshake_failure: ", 0), 0u);
  EXPECT_EQ(alert_verdict(10), "unexpected_message");
  EXPECT_EQ(alert_verdict(255), "alert 255");
}

}  // namespace
}  // namespace mtls::knowledge
