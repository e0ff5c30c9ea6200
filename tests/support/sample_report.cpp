// SPDX-License-Identifier: Apache-2.0
#include "support/sample_report.h"

#include "core/runner.h"
#include "knowledge/finding_catalog.h"

namespace mtls::testing {
namespace {

using namespace std::chrono;

CertificateFacts client_certificate() {
  CertificateFacts c;
  c.role = CertificateRole::client;
  c.subject = "CN=alice,O=Example";
  c.issuer = "CN=Example Issuing CA,O=Example";
  c.serial = "1A2B";
  c.sha1 = "0123456789ABCDEF0123456789ABCDEF01234567";
  c.sha256 = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";
  c.not_before = sys_days{year{2026} / 1 / 1};
  c.not_after = sys_days{year{2027} / 1 / 1};
  c.has_eku = true;
  c.eku = {"clientAuth"};
  c.has_key_usage = true;
  c.key_usage = {"digitalSignature"};
  c.public_key = "EC P-256";
  c.signature_algorithm = "ecdsa-with-SHA256";
  c.origin = at_input("certificate", "alice.pem", "certificate 1 of 1");
  return c;
}

CheckResult late_request(const Evidence&, const CheckContext&) {
  Finding f = knowledge::make_finding("tls.certificate-request-late");
  f.detail = "GET /app/ over HTTP/1.1 completed the handshake without a CertificateRequest; the "
             "server sent HelloRequest after the request <script>alert(1)</script> & renegotiated.";
  f.evidence = {at_attempt(2, "GET /app/ -> HelloRequest", "renegotiation 1 carried the CertificateRequest")};
  f.remedy.commands = {
      {Shell::powershell, "IIS",
       "netsh http update sslcert ipport=0.0.0.0:443 certhash=0123456789ABCDEF0123456789ABCDEF01234567 "
       "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' clientcertnegotiation=enable",
       "restates every setting the binding has (update resets what it is not given)"},
      {Shell::config, "nginx", "ssl_verify_client on;", "in the server block for www.example.test"}};
  return CheckResult::found({f});
}

CheckResult log_symptom(const Evidence&, const CheckContext&) {
  Finding f = knowledge::make_finding("log.client-cert-required");
  f.detail = "13 requests got 403.7 between 09:15 and 09:40 from 2 clients.";
  f.evidence = {at_line("log", "u_ex261122.log", 42,
                        "2026-11-22 09:15:24 10.0.0.5 GET /app/ - 443 - 10.0.0.9 Mozilla/5.0 - 403 7 0 19")};
  return CheckResult::found({f});
}

CheckResult empty_list(const Evidence&, const CheckContext&) {
  Finding f = knowledge::make_finding("tls.ca-list-empty");
  f.evidence = {at_frame("client.pcapng", 14, "CertificateRequest with 0 CA names")};
  return CheckResult::found({f});
}

CheckResult passes(const Evidence&, const CheckContext&) { return CheckResult::passed(); }

}  // namespace

Report sample_report() {
  Evidence evidence;
  evidence.certificates = CertificateEvidence{{client_certificate()}};

  ProbeEvidence probe;
  probe.target = "https://www.example.test/app/";
  probe.address = "127.0.0.1:8443";
  ProbeAttempt browser{.number = 1,
                       .purpose = "as a browser would: no client certificate, ALPN h2,http/1.1",
                       .connected = true,
                       .handshake_completed = true,
                       .tls_version = "TLSv1.3",
                       .cipher = "TLS_AES_128_GCM_SHA256",
                       .alpn = "h2",
                       .sni = "www.example.test",
                       .request_sent = true,
                       .request_line = "h2 GET /app/",
                       .http_status = 403};
  ProbeAttempt identity{.number = 2,
                        .purpose = "with the client certificate, HTTP/1.1, following renegotiation",
                        .with_identity = true,
                        .connected = true,
                        .handshake_completed = true,
                        .tls_version = "TLSv1.2",
                        .cipher = "ECDHE-RSA-AES128-GCM-SHA256",
                        .alpn = "http/1.1",
                        .sni = "www.example.test",
                        .client_cert_sent = true,
                        .cert_request = CertRequestTiming::renegotiation,
                        .ca_names = {"CN=Example Root CA,O=Example"},
                        .request_sent = true,
                        .request_line = "GET /app/ HTTP/1.1",
                        .http_status = 200};
  probe.attempts = {browser, identity};
  evidence.probe = probe;

  IisEvidence iis;
  iis.sites.push_back(IisSite{.name = "Default Web Site",
                              .id = "1",
                              .bindings = {IisBinding{.protocol = "https", .binding_information = "*:443:", .ssl_flags = 0}},
                              .origin = at_line("iis", "applicationHost.config", 160, "<site name=\"Default Web Site\" id=\"1\">")});
  iis.bindings.push_back(HttpSysBinding{.kind = HttpSysBindingKind::ip_port,
                                        .endpoint = "0.0.0.0:443",
                                        .certificate_hash = "0123456789abcdef0123456789abcdef01234567",
                                        .application_id = "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
                                        .certificate_store_name = "MY",
                                        .negotiate_client_certificate = false,
                                        .origin = at_line("netsh", "sslcert.txt", 4, "IP:port : 0.0.0.0:443")});
  iis.schannel.send_trusted_issuer_list = 0;
  evidence.iis = iis;

  LogEvidence logs;
  logs.files = {"u_ex261122.log"};
  logs.lines = 120;
  logs.entries = 112;
  logs.unparsed = 1;
  logs.by_status = {{"200.0", 96}, {"403.7", 13}, {"500.0", 3}};
  logs.by_win32 = {{"0", 109}, {"64", 3}};
  evidence.logs = logs;

  PcapEvidence pcap;
  pcap.files = {"client.pcapng"};
  pcap.connections.push_back(PcapConnection{.client = "10.0.0.9:50123",
                                            .server = "10.0.0.5:443",
                                            .tls_version = "TLSv1.2",
                                            .cert_request = CertRequestTiming::handshake,
                                            .client_cert = "empty",
                                            .alerts = {"handshake_failure (40) from server"}});
  evidence.pcap = pcap;
  evidence.problems.push_back({"HTTPERR/httperr1.log", "line 7: 3 fields where #Fields names 15"});

  static const std::vector<Check> checks{
      {"log_symptom", Step::C13, {"log.client-cert-required"}, {EvidencePart::logs}, log_symptom},
      {"late_request", Step::C11, {"tls.certificate-request-late"}, {EvidencePart::probe}, late_request},
      {"empty_list", Step::C8, {"tls.ca-list-empty"}, {EvidencePart::pcap}, empty_list},
      {"eku", Step::C5, {}, {EvidencePart::certificates}, passes},
  };
  RunOptions options{.command = "diagnose",
                     .inputs = {"https://www.example.test/app/", "bundle/"},
                     .version = "0.1.0",
                     .context = {.now = sys_days{year{2026} / 11 / 22} + hours{9} + minutes{41}}};
  return run_checks(checks, evidence, options);
}

}  // namespace mtls::testing
