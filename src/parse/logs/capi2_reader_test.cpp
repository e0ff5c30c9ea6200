// SPDX-License-Identifier: Apache-2.0
// CAPI2 Operational events. The shared corpus holds one real CAPI2 log (code-signing chains, every
// Result 0: no client-certificate failure in it), so the failures below are built from the
// event schema as Windows renders it: the element and attribute names of that sample's events 11,
// 30 and 90, with the SSL policy's <SSLAdditionalPolicyInfo authType=...> of
// CertVerifyCertificateChainPolicy (learn.microsoft.com/windows/win32/api/wincrypt, AUTHTYPE_CLIENT)
// and the HRESULTs of winerror.h. They are not captured from a real server.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "parse/logs/logs.h"
#include "support/corpus.h"

namespace mtls::logs {
namespace {

constexpr std::string_view kClientThumb = "3E1A9C0D6A5F3C2B1A09F8E7D6C5B4A392817060";

std::string system_part(int id, std::string_view time, int record) {
  return fmt::format(R"(<System><Provider Name="Microsoft-Windows-CAPI2" Guid="{{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}}"/>
<EventID>{}</EventID><Version>0</Version><Level>2</Level><Task>{}</Task><Opcode>0</Opcode>
<TimeCreated SystemTime="{}"/><EventRecordID>{}</EventRecordID>
<Channel>Microsoft-Windows-CAPI2/Operational</Channel><Computer>WEB01</Computer></System>)",
                     id, id, time, record);
}

std::string policy_event(std::string_view auth, std::string_view result, std::string_view text, int record,
                         std::string_view time = "2024-03-01T10:00:05.123Z") {
  return fmt::format(R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">{}
<UserData><CertVerifyCertificateChainPolicy>
<Policy type="CERT_CHAIN_POLICY_SSL" constant="4"/>
<Certificate fileRef="{}.cer" subjectName="alice@example.test"/>
<CertificateChain chainRef="{{8729A893-3D34-49D1-8030-8513DE8E8897}}"/>
<Flags value="0"/>
<SSLAdditionalPolicyInfo authType="{}"/>
<Status chainIndex="0" elementIndex="-1"/>
<EventAuxInfo ProcessName="lsass.exe"/>
<CorrelationAuxInfo TaskId="{{AD28C3AB-7CFE-4CF0-A623-F6CAC805A73C}}" SeqNumber="3"/>
<Result value="{}">{}</Result>
</CertVerifyCertificateChainPolicy></UserData></Event>
)",
                     system_part(30, time, record), kClientThumb, auth, result, text);
}

std::string chain_event(std::string_view eku, std::string_view error_status, int record) {
  return fmt::format(R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">{}
<UserData><CertGetCertificateChain>
<Certificate fileRef="{}.cer" subjectName="alice@example.test"/>
<ValidationTime>2024-03-01T10:00:05Z</ValidationTime>
<ExtendedKeyUsage><Usage oid="{}" name="usage"/></ExtendedKeyUsage>
<Flags value="40000000" CERT_CHAIN_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT="true"/>
<ChainEngineInfo context="machine"/>
<CertificateChain chainRef="{{8729A893-3D34-49D1-8030-8513DE8E8897}}">
<TrustStatus><ErrorStatus value="{}"/><InfoStatus value="0"/></TrustStatus>
</CertificateChain>
<EventAuxInfo ProcessName="lsass.exe"/>
<Result value="0"/>
</CertGetCertificateChain></UserData></Event>
)",
                     system_part(11, "2024-03-01T10:00:05.100Z", record), kClientThumb, eku, error_status);
}

std::string objects_event() {
  return fmt::format(R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">{}
<UserData><X509Objects>
<Certificate fileRef="{}.cer" subjectName="alice@example.test">
<Subject><CN>alice@example.test</CN></Subject>
<Issuer><CN>Contoso Issuing CA</CN><O>Contoso</O></Issuer>
<SerialNumber>01</SerialNumber>
<NotBefore>2024-01-01T00:00:00Z</NotBefore><NotAfter>2025-01-01T00:00:00Z</NotAfter>
</Certificate>
</X509Objects></UserData></Event>
)",
                     system_part(90, "2024-03-01T10:00:05.000Z", 1), kClientThumb);
}

const Capi2ChainError* group(const LogEvidence& e, std::uint32_t id, std::uint32_t result) {
  for (const Capi2ChainError& g : e.capi2_chain_errors) {
    if (g.event_id == id && g.result == result) return &g;
  }
  return nullptr;
}

TEST(LogsCapi2, PolicyFailureForAClientCertificate) {
  const std::string xml = "<Events>\n" + objects_event() +
                          policy_event("client", "800B0109",
                                       "A certificate chain processed, but terminated in a root certificate which is "
                                       "not trusted by the trust provider.",
                                       2) +
                          policy_event("client", "800B0109", "", 3, "2024-03-01T10:07:00Z") +
                          policy_event("client", "80092013", "The revocation function was unable to check revocation "
                                                             "because the revocation server was offline.", 4) +
                          "</Events>\n";
  auto e = parse_log_text(xml, "capi2.xml");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->capi2_events, 4u);
  EXPECT_EQ(e->capi2_chains_ok, 0u);
  const Capi2ChainError* untrusted = group(*e, 30, 0x800B0109);
  ASSERT_NE(untrusted, nullptr);
  EXPECT_TRUE(untrusted->client_auth);
  EXPECT_EQ(untrusted->kind, LogFailureKind::cert_untrusted);
  EXPECT_EQ(untrusted->count, 2u);
  EXPECT_EQ(untrusted->policy, "CERT_CHAIN_POLICY_SSL");
  EXPECT_EQ(untrusted->certificate.thumbprint, kClientThumb);
  EXPECT_EQ(untrusted->certificate.subject, "alice@example.test");
  EXPECT_EQ(untrusted->certificate.issuer, "Contoso Issuing CA");  // from event 90
  EXPECT_EQ(untrusted->certificate.not_after, parse_date_time("2025-01-01", "00:00:00"));
  EXPECT_EQ(untrusted->process, "lsass.exe");
  EXPECT_EQ(untrusted->first_time, parse_date_time("2024-03-01", "10:00:05"));
  EXPECT_EQ(untrusted->last_time, parse_date_time("2024-03-01", "10:07:00"));
  ASSERT_EQ(untrusted->examples.size(), 2u);
  EXPECT_NE(untrusted->examples[0].text.find("CERT_E_UNTRUSTEDROOT 0x800B0109"), std::string::npos)
      << untrusted->examples[0].text;
  const Capi2ChainError* offline = group(*e, 30, 0x80092013);
  ASSERT_NE(offline, nullptr);
  EXPECT_EQ(offline->kind, LogFailureKind::cert_revoked);
}

TEST(LogsCapi2, ServerSideChainsAreNotClientCertificateFailures) {
  // authType="server": this machine checked a server's certificate (as a TLS client).
  auto e = parse_log_text("<Events>" + policy_event("server", "800B0109", "", 1) + "</Events>", "capi2.xml");
  ASSERT_TRUE(e) << e.error().to_string();
  ASSERT_EQ(e->capi2_chain_errors.size(), 1u);
  EXPECT_FALSE(e->capi2_chain_errors[0].client_auth);
}

TEST(LogsCapi2, ChainBuildingTrustErrors) {
  const std::string xml = "<Events>" + chain_event("1.3.6.1.5.5.7.3.2", "10020", 1) +  // untrusted root, partial
                          chain_event("1.3.6.1.5.5.7.3.2", "40", 2) +  // revocation unknown only
                          chain_event("1.3.6.1.5.5.7.3.3", "20", 3) +  // code signing
                          chain_event("1.3.6.1.5.5.7.3.2", "0", 4) + "</Events>";
  auto e = parse_log_text(xml, "capi2.xml");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->capi2_chains_ok, 1u);
  ASSERT_EQ(e->capi2_chain_errors.size(), 3u);
  for (const Capi2ChainError& g : e->capi2_chain_errors) {
    if (g.trust_errors == 0x10020) {
      EXPECT_TRUE(g.client_auth);
      EXPECT_EQ(g.kind, LogFailureKind::cert_untrusted);
    } else if (g.trust_errors == 0x40) {
      EXPECT_TRUE(g.client_auth);
      EXPECT_EQ(g.kind, std::nullopt);  // the policy decides whether revocation matters
    } else {
      EXPECT_EQ(g.trust_errors, 0x20u);
      EXPECT_FALSE(g.client_auth);
    }
  }
}

TEST(LogsCapi2, FiltersAndOtherProviders) {
  Filters f;
  f.since = parse_date_time("2024-03-02", "00:00:00");
  auto e = parse_log_text("<Events>" + policy_event("client", "800B0109", "", 1) + "</Events>", "capi2.xml", f);
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->filtered_out, 1u);
  EXPECT_TRUE(e->capi2_chain_errors.empty());
  // Event 11 of another provider is not a chain event.
  std::string other = chain_event("1.3.6.1.5.5.7.3.2", "20", 1);
  other.replace(other.find("Microsoft-Windows-CAPI2"), 23, "Microsoft-Windows-Other");
  auto o = parse_log_text("<Events>" + other + "</Events>", "other.xml");
  ASSERT_TRUE(o) << o.error().to_string();
  EXPECT_EQ(o->capi2_events, 0u);
}

TEST(LogsCapi2, CorpusCodeSigningChainsAreReadAndPass) {
  MTLS_CORPUS_FILE(xz, "binary/evtx/omerbenamram-evtx_Microsoft-Windows-CAPI2_Operational.evtx.xz");
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / fmt::format("mtls-capi2-{}.evtx", ::testing::UnitTest::GetInstance()->random_seed());
  ASSERT_EQ(std::system(fmt::format("xz -dc '{}' > '{}'", xz.string(), out.string()).c_str()), 0);
  auto e = read_logs({out.string()}, {});
  std::filesystem::remove(out);
  ASSERT_TRUE(e) << e.error().to_string();
  // The sample's chains (Setup.exe, code signing) all end in Result 0; some elements carry
  // CERT_TRUST_REVOCATION_STATUS_UNKNOWN, which no policy here asked to fail on.
  EXPECT_GT(e->capi2_events, 0u);
  for (const Capi2ChainError& g : e->capi2_chain_errors) {
    EXPECT_FALSE(g.client_auth) << g.certificate.subject;
    EXPECT_EQ(g.result, 0u);
  }
}

}  // namespace
}  // namespace mtls::logs
