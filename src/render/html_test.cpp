// SPDX-License-Identifier: Apache-2.0
// The HTML report: every section is there in the order a reader needs it, every piece of user
// text is escaped wherever it lands, the chain drawing states what the CA-list matcher finds, and
// the page stays self-contained. (tests/render/html_browser_test.py loads real reports in Chromium.)
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "checks/ca_list_match.h"
#include "render/render.h"
#include "support/sample_report.h"

namespace mtls {
namespace {

using namespace std::chrono;

DistinguishedName dn(std::string text, std::string canonical) {
  DistinguishedName d;
  d.text = std::move(text);
  d.der_hex = "30" + canonical;
  d.canonical = std::move(canonical);
  return d;
}

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

/// The sample report with the parts it lacks: a chain and CA list with comparable names, a probe
/// timeline, log triples and a per-minute histogram.
Report rich_report() {
  Report r = testing::sample_report();
  CertificateFacts& leaf = r.evidence.certificates->certificates.front();
  leaf.subject_name = dn("CN=alice,O=Example", "A1");
  leaf.issuer_name = dn("CN=Example Issuing CA,O=Example", "B2");
  CertificateFacts issuing = leaf;
  issuing.role = CertificateRole::intermediate;
  issuing.subject = "CN=Example Issuing CA,O=Example";
  issuing.issuer = "CN=Example Root CA,O=Example";
  issuing.subject_name = leaf.issuer_name;
  issuing.issuer_name = dn("CN=Example Root CA,O=Example", "C3");
  r.evidence.certificates->certificates.push_back(issuing);
  ProbeAttempt& a = r.evidence.probe->attempts[1];
  a.ca_names = {"CN=Other CA", "CN=Example Root CA,O=Example"};
  // Another DER encoding of the same name: equal in canonical form only.
  a.ca_list = {dn("CN=Other CA", "D4"), dn("CN=Example Root CA,O=Example", "C3")};
  a.ca_list[1].der_hex = "31C3";
  a.messages = {{true, "ClientHello", 512, 1.0}, {false, "ServerHello", 90, 3.5}, {false, "HelloRequest", 0, 9.0},
                {false, "CertificateRequest", 120, 11.0}, {true, "Certificate", 1400, 12.0}};
  LogEvidence& l = *r.evidence.logs;
  l.by_triple = {{.status = 200, .substatus = 0, .win32 = 0, .count = 96},
                 {.status = 403, .substatus = 7, .win32 = 0, .count = 13, .status_name = "Client certificate required"},
                 {.status = 500, .substatus = 0, .win32 = 64, .count = 3, .win32_name = "ERROR_NETNAME_DELETED"}};
  const std::int64_t t0 = 1795000000 - 1795000000 % 60;
  l.failures_per_minute = {{t0, 4}, {t0 + 60, 1}, {t0 + 600, 8}};
  l.failures = {{.kind = LogFailureKind::cert_required, .count = 13, .first_time = t0 + 5, .last_time = t0 + 610}};
  return r;
}

TEST(RenderHtml, SectionsComeInTheOrderAReaderNeedsThem) {
  const std::string html = render_html(rich_report());
  std::size_t last = 0;
  for (const char* marker :
       {"<meta name=\"viewport\"", "<header class=\"banner error\" id=\"verdict\">", "<section id=\"cause\"",
        "<section id=\"fix\">", "<section id=\"problems\">", "<section id=\"findings\">", "<section id=\"evidence\">",
        "<section id=\"chain-vs-ca-list\">", "<section id=\"certificates\">", "<section id=\"probe\">",
        "<ol class=\"timeline\">", "<section id=\"iis\">", "<table class=\"sites\">", "<table class=\"httpsys\">",
        "<section id=\"logs\">", "<figure class=\"histogram\"", "<table class=\"triples\">", "<section id=\"pcap\">",
        "<table class=\"connections\">", "<section id=\"checklist\">", "<script>"}) {
    const std::size_t at = html.find(marker, last);
    ASSERT_NE(at, std::string::npos) << "missing, or out of order: " << marker;
    last = at;
  }
  EXPECT_EQ(count(html, "<section id=\"cause\""), 1u);
  EXPECT_EQ(count(html, "<article class=\"finding "), rich_report().findings.size() - 1) << "the cause is not repeated";
}

TEST(RenderHtml, EveryCommandHasACopyButtonHiddenUntilTheScriptRuns) {
  const Report report = rich_report();
  const std::string html = render_html(report);
  std::size_t commands = 0;
  for (const Finding& f : report.findings) commands += f.remedy.commands.size();
  ASSERT_GT(commands, 0u);
  EXPECT_EQ(count(html, "<button type=\"button\" class=\"copy\" hidden"), commands);
  EXPECT_NE(html.find("navigator.clipboard"), std::string::npos);
  EXPECT_NE(html.find("execCommand('copy')"), std::string::npos) << "the fallback";
}

TEST(RenderHtml, PageLoadsNothingFromOutside) {
  const std::string html = render_html(rich_report());
  for (const char* outside : {" src=", "<link", "@import", "url(", "http://", "https://fonts"}) {
    // The only http:// is the SVG namespace, which names and never loads.
    const std::size_t allowed = std::string_view(outside) == "http://" ? count(html, "xmlns=\"http://www.w3.org/2000/svg\"") : 0;
    EXPECT_EQ(count(html, outside) - allowed, 0u) << outside;
  }
}

TEST(RenderHtml, ChainDrawingShowsWhatTheCaListMatcherFinds) {
  const Report report = rich_report();
  const std::string html = render_html(report);
  const auto& chain = report.evidence.certificates->certificates;
  const auto& list = report.evidence.probe->attempts[1].ca_list;
  const checks::CaListVerdict verdict = checks::match_ca_list(chain, list);
  ASSERT_TRUE(verdict.matched);
  EXPECT_EQ(count(html, "class=\"meet-line\""), verdict.matches.size());
  for (const checks::CaNameMatch& m : verdict.matches) {
    EXPECT_NE(html.find(fmt::format("the {} of certificate {} (", m.as_issuer ? "issuer" : "subject", m.chain_index + 1)),
              std::string::npos);
    EXPECT_NE(html.find(fmt::format("is CA name {} of {}", m.name_index + 1, list.size())), std::string::npos);
  }
  EXPECT_EQ(html.find("no certificate of the chain meets"), std::string::npos);

  Report miss = report;
  miss.evidence.probe->attempts[1].ca_list = {dn("CN=Other CA", "D4")};
  miss.evidence.probe->attempts[1].ca_names = {"CN=Other CA"};
  ASSERT_FALSE(checks::match_ca_list(chain, miss.evidence.probe->attempts[1].ca_list).matched);
  const std::string missed = render_html(miss);
  EXPECT_EQ(count(missed, "class=\"meet-line\""), 0u);
  EXPECT_NE(missed.find("no certificate of the chain meets a listed name"), std::string::npos);
  EXPECT_NE(missed.find("none of the chain's 2 certificates has its issuer"), std::string::npos);
}

TEST(RenderHtml, NoDrawingWithoutACaList) {
  Report report = rich_report();
  for (ProbeAttempt& a : report.evidence.probe->attempts) a.cert_request = CertRequestTiming::none;
  report.evidence.pcap->connections.clear();
  EXPECT_EQ(render_html(report).find("chain-vs-ca-list"), std::string::npos);
}

TEST(RenderHtml, HistogramBarsAreBoundedOverTwoWeeks) {
  Report report = rich_report();
  LogEvidence& l = *report.evidence.logs;
  l.failures_per_minute.clear();
  const std::int64_t t0 = 1795000020 - 1795000020 % 60;
  for (std::int64_t m = 0; m < 20160; m += 7) l.failures_per_minute[t0 + 60 * m] = 1 + m % 5;
  const std::string html = render_html(report);
  const std::size_t bars = count(html, "<rect class=\"bin\"");
  EXPECT_GT(bars, 0u);
  EXPECT_LE(bars, 60u);
  EXPECT_NE(html.find("Certificate failures per 336 minutes"), std::string::npos);
}

TEST(RenderHtml, UserTextIsEscapedInEverySection) {
  const std::string bad = "<i>\"'&";
  const std::string escaped = "&lt;i&gt;&quot;&#39;&amp;";
  Report r = rich_report();
  r.command = bad + "command";
  r.inputs.push_back(bad + "input");
  r.summary.verdict = bad + "verdict";
  r.findings[0].title = bad + "title";
  r.findings[1].remedy.commands.push_back({Shell::cmd, bad + "label", bad + "command-line", bad + "note"});
  r.findings[1].evidence.push_back(at_line(bad + "source", bad + "file", 3, bad + "quoted"));
  r.evidence.problems.push_back({bad + "problem-input", bad + "problem"});
  r.evidence.inputs.push_back({bad + "input-path", InputKind::w3c_log, false, bad + "input-note"});
  r.evidence.certificates->certificates[0].subject = bad + "subject";
  r.evidence.certificates->certificates[0].subject_alt_names = {bad + "san"};
  r.evidence.probe->target = bad + "target";
  r.evidence.probe->attempts[1].messages.push_back({false, bad + "message", 0, 20});
  r.evidence.probe->attempts[1].ca_names.push_back(bad + "ca-name");
  r.evidence.probe->attempts[1].ca_list.push_back(dn(bad + "ca-name", "E5"));
  r.evidence.iis->sites[0].name = bad + "site";
  r.evidence.iis->sites[0].bindings[0].binding_information = bad + "binding";
  r.evidence.iis->bindings[0].endpoint = bad + "endpoint";
  r.evidence.iis->bindings[0].ctl_store_name = bad + "ctl";
  r.evidence.logs->files.push_back(bad + "log");
  r.evidence.logs->by_triple[1].status_name = bad + "status-name";
  r.evidence.logs->failures[0].top_clients = {{bad + "client", 3, 0}};
  r.evidence.logs->failures[0].examples = {{bad + "log-file", 9, bad + "log-line"}};
  r.evidence.pcap->connections[0].sni = bad + "sni";
  r.evidence.pcap->connections[0].alerts.push_back(bad + "alert");
  const std::string html = render_html(r);
  EXPECT_EQ(html.find("<i>"), std::string::npos) << "unescaped user text";
  for (const char* what : {"command", "input", "verdict", "title", "label", "command-line", "note", "source", "file", "quoted",
                           "problem", "input-path", "input-note", "subject", "san", "target", "message", "ca-name", "site",
                           "binding", "endpoint", "ctl", "log", "status-name", "client", "log-file", "log-line", "sni",
                           "alert"}) {
    EXPECT_NE(html.find(escaped + what), std::string::npos) << what << " missing or escaped wrongly";
  }
}

}  // namespace
}  // namespace mtls
