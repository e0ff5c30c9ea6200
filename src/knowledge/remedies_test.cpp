// SPDX-License-Identifier: Apache-2.0
// Each command builder: the exact command for given values, the placeholders when a value is
// unknown, and quoting for the shell the command is typed into.
#include "knowledge/remedies.h"

#include <gtest/gtest.h>

namespace mtls::knowledge::remedies {
namespace {

/// A binding as `netsh http show sslcert` lists one that IIS created, with a CTL store and the
/// settings Windows Server 2022 shows.
HttpSysBinding iis_binding() {
  HttpSysBinding b;
  b.kind = HttpSysBindingKind::ip_port;
  b.endpoint = "0.0.0.0:443";
  b.certificate_hash = "75d0fed71881f2141b5b6cb24801dfa554439b1c";
  b.application_id = "{4dc3e181-e14b-4a21-b022-59fc669b0914}";
  b.certificate_store_name = "My";
  b.verify_client_certificate_revocation = true;
  b.verify_revocation_using_cached_client_certificate_only = false;
  b.usage_check = true;
  b.revocation_freshness_time = 0;
  b.url_retrieval_timeout = 0;
  b.ctl_store_name = "ClientAuthIssuer";
  b.ds_mapper_usage = false;
  b.negotiate_client_certificate = false;
  b.disable_http2 = false;
  return b;
}

TEST(Remedies, UpdateRestatesEveryFieldOfTheBinding) {
  const RemedyCommand c = netsh_update_sslcert(iis_binding(), {.clientcertnegotiation = true});
  EXPECT_EQ(c.command,
            "netsh http update sslcert ipport=0.0.0.0:443 certhash=75d0fed71881f2141b5b6cb24801dfa554439b1c "
            "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=My sslctlstorename=ClientAuthIssuer "
            "clientcertnegotiation=enable");
  EXPECT_EQ(c.shell, Shell::powershell);
  EXPECT_EQ(c.label, "IIS");
}

TEST(Remedies, UpdateKeepsNonDefaultSettings) {
  HttpSysBinding b = iis_binding();
  b.verify_client_certificate_revocation = false;
  b.usage_check = false;
  b.revocation_freshness_time = 3600;
  b.url_retrieval_timeout = 15000;
  b.ctl_identifier = "Contoso CTL";
  b.ds_mapper_usage = true;
  b.negotiate_client_certificate = true;
  b.reject_connections = true;
  b.disable_http2 = true;
  b.disable_quic = true;
  b.disable_legacy_tls = true;
  b.disable_tls12 = true;
  b.disable_tls13 = true;
  b.disable_ocsp_stapling = true;
  b.enable_token_binding = true;
  b.log_extended_events = true;
  b.enable_session_ticket = true;
  EXPECT_EQ(netsh_update_sslcert(b, {.sslctlstorename = "MutualTls"}).command,
            "netsh http update sslcert ipport=0.0.0.0:443 certhash=75d0fed71881f2141b5b6cb24801dfa554439b1c "
            "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=My verifyclientcertrevocation=disable "
            "usagecheck=disable revocationfreshnesstime=3600 urlretrievaltimeout=15000 "
            "sslctlidentifier='Contoso CTL' sslctlstorename=MutualTls dsmapperusage=enable "
            "clientcertnegotiation=enable reject=enable disablehttp2=enable disablequic=enable "
            "disablelegacytls=enable disabletls12=enable disabletls13=enable disableocspstapling=enable "
            "enabletokenbinding=enable logextendedevents=enable enablesessionticket=enable");
}

TEST(Remedies, UpdateOfACentralCertificateStoreBindingHasNoCerthash) {
  HttpSysBinding b = iis_binding();
  b.kind = HttpSysBindingKind::central_certificate_store;
  b.endpoint = "443";
  EXPECT_EQ(netsh_update_sslcert(b, {}).command.rfind(
                "netsh http update sslcert ccs=443 appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=My", 0),
            0u);
  b.kind = HttpSysBindingKind::hostname_port;
  b.endpoint = "www.example.test:443";
  EXPECT_EQ(netsh_key(b), "hostnameport=www.example.test:443");
}

TEST(Remedies, UpdateNamesFieldsItCannotRestate) {
  HttpSysBinding b = iis_binding();
  b.other_fields = {{"Future Setting", "Enabled"}};
  EXPECT_NE(netsh_update_sslcert(b, {}).note.find("Future Setting"), std::string::npos);
}

TEST(Remedies, UnreadBindingGetsPlaceholdersAndSaysWhatFillsThem) {
  const RemedyCommand c =
      netsh_update_sslcert(UnreadBinding{.key = "ipport=0.0.0.0:8443", .certhash = {}}, {.clientcertnegotiation = true});
  EXPECT_EQ(c.command,
            "netsh http update sslcert ipport=0.0.0.0:8443 certhash=<certhash> appid='<appid>' clientcertnegotiation=enable");
  EXPECT_NE(c.note.find("<certhash> and <appid>"), std::string::npos) << c.note;
  EXPECT_NE(c.note.find("netsh http show sslcert ipport=0.0.0.0:8443"), std::string::npos) << c.note;
  EXPECT_NE(c.note.find("--sslcert"), std::string::npos) << c.note;

  // The server certificate seen on the wire fills certhash; only the appid is left.
  const RemedyCommand seen = netsh_update_sslcert(binding_seen("www.example.test", "443", "AABBCC"), {.disabletls13 = true});
  EXPECT_EQ(seen.command,
            "netsh http update sslcert hostnameport=www.example.test:443 certhash=AABBCC appid='<appid>' disabletls13=enable");
  EXPECT_NE(seen.note.find("<appid>"), std::string::npos);
  EXPECT_EQ(seen.note.find("<certhash>"), std::string::npos);

  // Nothing known of the binding, not even its address.
  const RemedyCommand unknown = netsh_update_sslcert(UnreadBinding{.key = "ipport=<ip:port>", .certhash = {}},
                                                     {.sslctlstorename = "ClientAuthIssuer"});
  EXPECT_EQ(unknown.command, "netsh http update sslcert ipport=<ip:port> certhash=<certhash> appid='<appid>' "
                             "sslctlstorename=ClientAuthIssuer");
  EXPECT_NE(unknown.note.find("the binding (<ip:port>)"), std::string::npos) << unknown.note;
}

TEST(Remedies, BindingSeenFromAnAddressIsTheWildcard) {
  EXPECT_EQ(binding_seen("10.0.0.5", "443", "").key, "ipport=0.0.0.0:443");
  EXPECT_EQ(binding_seen("[::1]", "443", "").key, "ipport=0.0.0.0:443");
  EXPECT_EQ(binding_seen("fe80::1", "443", "").key, "ipport=0.0.0.0:443");
  EXPECT_EQ(binding_seen("app.example.test", "8443", "").key, "hostnameport=app.example.test:8443");
}

TEST(Remedies, RequestInHandshakeShowsThenUpdates) {
  const std::vector<RemedyCommand> c = iis_request_in_handshake(binding_seen("www.example.test", "443", "AABB"));
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].command, "netsh http show sslcert hostnameport=www.example.test:443");
  EXPECT_NE(c[0].note.find("ipport=0.0.0.0:443"), std::string::npos) << "the fallback when there is no SNI binding";
  EXPECT_EQ(c[1].command,
            "netsh http update sslcert hostnameport=www.example.test:443 certhash=AABB appid='<appid>' "
            "clientcertnegotiation=enable");
}

TEST(Remedies, AddUsesIisApplicationIdAndThePlaceholderForTheCertificate) {
  const RemedyCommand c = netsh_add_sslcert("ipport=0.0.0.0:443", "", {.clientcertnegotiation = true});
  EXPECT_EQ(c.command, "netsh http add sslcert ipport=0.0.0.0:443 certhash=<certhash> "
                       "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=MY clientcertnegotiation=enable");
  EXPECT_NE(c.note.find("<certhash>"), std::string::npos);
  const RemedyCommand ccs = netsh_add_sslcert("ccs=443", "", {});
  EXPECT_EQ(ccs.command, "netsh http add sslcert ccs=443 appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=MY");
  EXPECT_TRUE(ccs.note.empty());
}

TEST(Remedies, IisSetConfigInCmdAndPowerShell) {
  const std::vector<RemedyCommand> c =
      iis_set_config("Default Web Site/app", "system.webServer/security/access", "sslFlags",
                     "Ssl, SslNegotiateCert", "Ssl,SslNegotiateCert");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].shell, Shell::cmd);
  EXPECT_EQ(c[0].command,
            R"(%windir%\system32\inetsrv\appcmd.exe set config "Default Web Site/app" )"
            R"(-section:system.webServer/security/access /sslFlags:"Ssl, SslNegotiateCert" /commit:apphost)");
  EXPECT_EQ(c[1].shell, Shell::powershell);
  EXPECT_EQ(c[1].command,
            "Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location 'Default Web Site/app' "
            "-Filter 'system.webServer/security/access' -Name 'sslFlags' -Value 'Ssl,SslNegotiateCert'");
}

TEST(Remedies, PowerShellQuotingDoublesSingleQuotes) {
  EXPECT_EQ(ps_quote("Bob's Site"), "'Bob''s Site'");
  EXPECT_EQ(set_web_configuration_property("Bob's Site", "s", "n", "v").command,
            "Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location 'Bob''s Site' -Filter 's' "
            "-Name 'n' -Value 'v'");
  // netsh values that PowerShell would read as code are quoted; plain ones are not.
  HttpSysBinding b = iis_binding();
  b.ctl_store_name = "Client$Auth";
  EXPECT_NE(netsh_update_sslcert(b, {}).command.find("sslctlstorename='Client$Auth'"), std::string::npos);
}

TEST(Remedies, ShellQuoting) {
  EXPECT_EQ(sh_quote("client.pem"), "client.pem");
  EXPECT_EQ(sh_quote("my cert's.pem"), "'my cert'\\''s.pem'");
  EXPECT_EQ(cmd_quote("issuer.crt"), "issuer.crt");
  EXPECT_EQ(cmd_quote(R"(C:\certs\my ca.cer)"), R"("C:\certs\my ca.cer")");
}

TEST(Remedies, RegistryAndCertificateStores) {
  const RemedyCommand reg = reg_add_dword(kSchannelKey, "SendTrustedIssuerList", 0);
  EXPECT_EQ(reg.command, R"(reg add "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" )"
                         R"(/v SendTrustedIssuerList /t REG_DWORD /d 0 /f)");
  EXPECT_EQ(reg.shell, Shell::cmd);
  EXPECT_EQ(reg_query(kSchannelKey, "ClientAuthTrustMode").command,
            R"(reg query "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" /v ClientAuthTrustMode)");
  EXPECT_EQ(certutil_addstore("ClientAuthIssuer", "issuing ca.cer").command,
            R"(certutil -addstore ClientAuthIssuer "issuing ca.cer")");
  EXPECT_EQ(certutil_delstore("Root", "AB12").command, "certutil -delstore Root AB12");
}

TEST(Remedies, WebServerDirectivesAreConfigLinesWithTheirPlace) {
  const std::vector<RemedyCommand> c = web_servers_request_in_handshake("www.example.test", "8443");
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].command, "ssl_verify_client on;");
  EXPECT_EQ(c[0].label, "nginx");
  EXPECT_EQ(c[0].shell, Shell::config);
  EXPECT_NE(c[0].note.find("www.example.test"), std::string::npos);
  EXPECT_EQ(c[2].command, "SSLVerifyClient require");
  EXPECT_EQ(c[2].label, "Apache");
  EXPECT_NE(c[2].note.find("<VirtualHost *:8443>"), std::string::npos);
}

TEST(Remedies, EveryCommandIsOneLineWithoutALabel) {
  std::vector<RemedyCommand> all = web_servers_request_in_handshake("h", "443");
  for (RemedyCommand& c : iis_request_in_handshake(binding_seen("h", "443", ""))) all.push_back(std::move(c));
  for (RemedyCommand& c : iis_set_config("S", "sec", "a", "v", "v")) all.push_back(std::move(c));
  all.push_back(netsh_update_sslcert(iis_binding(), {}));
  for (const RemedyCommand& c : all) {
    EXPECT_EQ(c.command.find('\n'), std::string::npos) << c.command;
    for (std::string_view prefix : {"IIS:", "nginx:", "Apache:", "Windows:"}) {
      EXPECT_FALSE(c.command.starts_with(prefix)) << c.command;
    }
  }
}

ServerSite site_of(ServerSoftware software) {
  return {.software = software, .basis = "attempt 1: Server: x", .host = "www.example.test", .port = "8443", .certhash = "AABB"};
}

bool names(const std::vector<RemedyCommand>& commands, std::string_view text) {
  for (const RemedyCommand& c : commands) {
    if (c.command.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Remedies, EachServerSoftwareInItsOwnTerms) {
  const std::vector<std::pair<ServerSoftware, std::vector<std::string_view>>> expected = {
      {ServerSoftware::iis, {"netsh http update sslcert hostnameport=www.example.test:8443 certhash=AABB", "clientcertnegotiation=enable"}},
      {ServerSoftware::nginx, {"ssl_verify_client on;", "ssl_client_certificate "}},
      {ServerSoftware::ingress_nginx, {"nginx.ingress.kubernetes.io/auth-tls-verify-client=on", "nginx.ingress.kubernetes.io/auth-tls-secret=", "--from-file=ca.crt="}},
      {ServerSoftware::apache, {"SSLVerifyClient require", "SSLCACertificateFile "}},
      {ServerSoftware::haproxy, {"bind :8443 ssl crt ", " ca-file ", " verify required"}},
      {ServerSoftware::caddy, {"mode require_and_verify", "trusted_ca_cert_file "}},
      {ServerSoftware::lighttpd, {"ssl.verifyclient.activate = \"enable\"", "ssl.verifyclient.enforce = \"enable\"", "ssl.ca-file = "}},
      {ServerSoftware::envoy, {"require_client_certificate: true", "validation_context: { trusted_ca: "}},
      {ServerSoftware::tomcat, {"certificateVerification=\"required\"", "caCertificateFile="}},
      {ServerSoftware::node, {"requestCert: true, rejectUnauthorized: true", "ca: fs.readFileSync("}},
      {ServerSoftware::go, {"ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool", "x509.NewCertPool()"}},
  };
  for (const auto& [software, texts] : expected) {
    const ServerSite site = site_of(software);
    const std::vector<RemedyCommand> commands = require_client_certificate(site);
    for (std::string_view text : texts) EXPECT_TRUE(names(commands, text)) << to_string(software) << ": " << text;
    for (const RemedyCommand& c : commands) {
      EXPECT_EQ(c.command.find('\n'), std::string::npos) << c.command;
      EXPECT_FALSE(c.label.empty()) << c.command;
      if (software != ServerSoftware::iis) {
        EXPECT_NE(c.label, "IIS") << to_string(software);
        EXPECT_NE(c.label, "Windows") << to_string(software);
      }
      EXPECT_FALSE(c.command.starts_with(c.label + ":")) << c.command;
    }
    const std::string rule = require_rule(site);
    EXPECT_NE(rule.find(std::string("recognised from attempt 1: Server: x")), std::string::npos) << rule;
    EXPECT_NE(rule.find(display_name(software)), std::string::npos) << rule;
    EXPECT_FALSE(trust_client_issuer(site, "add it").empty()) << to_string(software);
  }
}

TEST(Remedies, UnknownSoftwareGetsTheGenericRuleAndNoProductsCommands) {
  ServerSite site = site_of(ServerSoftware::unknown);
  site.basis = "attempt 1: Server: Kestrel";
  EXPECT_TRUE(require_client_certificate(site).empty());
  EXPECT_TRUE(trust_client_issuer(site, "add it").empty());
  EXPECT_TRUE(refusal_log(ServerSoftware::unknown).empty());
  const std::string rule = require_rule(site);
  EXPECT_NE(rule.find("not recognised from its answers (attempt 1: Server: Kestrel)"), std::string::npos) << rule;
  EXPECT_NE(rule.find("initial TLS handshake"), std::string::npos) << rule;
  for (std::string_view product : {"IIS", "netsh", "nginx", "Apache"}) EXPECT_EQ(rule.find(product), std::string::npos) << rule;
}

TEST(Remedies, TrustLinesCarryTheNote) {
  const std::vector<RemedyCommand> c = trust_client_issuer(site_of(ServerSoftware::haproxy), "add the issuer of CN=client to it");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].command, "ca-file /etc/haproxy/client-ca.pem");
  EXPECT_TRUE(c[0].note.starts_with("add the issuer of CN=client to it: "));
}

}  // namespace
}  // namespace mtls::knowledge::remedies
