// SPDX-License-Identifier: Apache-2.0
#include "knowledge/remedies.h"

#include <fmt/format.h>

namespace mtls::knowledge::remedies {
namespace {

RemedyCommand make(Shell shell, std::string command, std::string label, std::string note) {
  return {shell, std::move(label), std::move(command), std::move(note)};
}

/// `name=value` for netsh typed into PowerShell: quoted when PowerShell would read the value
/// as something else (a script block, a variable, a statement end, a redirection).
std::string netsh_arg(std::string_view name, std::string_view value) {
  if (value.find_first_of(" {}()$@;,'\"`&|<>#") == std::string_view::npos) {
    return fmt::format(" {}={}", name, value);
  }
  return fmt::format(" {}={}", name, ps_quote(value));
}

std::string on_off(std::string_view name, bool enable) {
  return fmt::format(" {}={}", name, enable ? "enable" : "disable");
}

}  // namespace

std::vector<std::string> command_lines(const Remedy& remedy) {
  std::vector<std::string> out;
  for (const RemedyCommand& c : remedy.commands) out.push_back(c.command);
  return out;
}

RemedyCommand cmd(std::string command, std::string label, std::string note) {
  return make(Shell::cmd, std::move(command), std::move(label), std::move(note));
}

RemedyCommand powershell(std::string command, std::string label, std::string note) {
  return make(Shell::powershell, std::move(command), std::move(label), std::move(note));
}

RemedyCommand bash(std::string command, std::string label, std::string note) {
  return make(Shell::bash, std::move(command), std::move(label), std::move(note));
}

RemedyCommand config(std::string line, std::string label, std::string note) {
  return make(Shell::config, std::move(line), std::move(label), std::move(note));
}

std::string sh_quote(std::string_view value) {
  if (!value.empty() && value.find_first_of(" '\"$`\\;&|<>()*?!#{}[]~\t") == std::string_view::npos) {
    return std::string(value);
  }
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string ps_quote(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string cmd_quote(std::string_view value) {
  if (!value.empty() && value.find_first_of(" \t&|<>^()%!,;=\"") == std::string_view::npos) {
    return std::string(value);
  }
  std::string out = "\"";
  for (char c : value) {
    if (c != '"') out += c;  // cmd.exe has no escape for '"' inside quotes; none of our values hold one
  }
  return out + "\"";
}

// ---- netsh ----------------------------------------------------------------------------------

std::string netsh_key(const HttpSysBinding& b) {
  if (b.kind == HttpSysBindingKind::hostname_port) return "hostnameport=" + b.endpoint;
  if (b.kind == HttpSysBindingKind::central_certificate_store) return "ccs=" + b.endpoint;
  // Not verified against a netsh build that lists scoped CCS bindings (see docs/iis.md, Limits).
  if (b.kind == HttpSysBindingKind::scoped_ccs) return "scopedccs=" + b.endpoint;
  return "ipport=" + b.endpoint;
}

RemedyCommand netsh_show_sslcert(std::string_view key, std::string note) {
  std::string command = "netsh http show sslcert";
  if (!key.empty()) command += fmt::format(" {}", key);
  return powershell(std::move(command), "IIS", std::move(note));
}

RemedyCommand netsh_update_sslcert(const HttpSysBinding& b, const SslcertChange& change) {
  // A field left out takes its default (no flag set, DefaultCertCheckMode 0, MY store): writing
  // every value that differs from the default keeps the record as it was. Order as netsh lists
  // the parameters.
  std::string c = "netsh http update sslcert " + netsh_key(b);
  const bool ccs = b.kind == HttpSysBindingKind::central_certificate_store || b.kind == HttpSysBindingKind::scoped_ccs;
  if (!b.certificate_hash.empty() && !ccs) c += netsh_arg("certhash", b.certificate_hash);
  if (!b.application_id.empty()) c += fmt::format(" appid={}", ps_quote(b.application_id));
  if (!b.certificate_store_name.empty()) c += netsh_arg("certstorename", b.certificate_store_name);
  if (b.verify_client_certificate_revocation == false) c += on_off("verifyclientcertrevocation", false);
  if (b.verify_revocation_using_cached_client_certificate_only == true) {
    c += on_off("verifyrevocationwithcachedclientcertonly", true);
  }
  if (b.usage_check == false) c += on_off("usagecheck", false);
  if (b.revocation_freshness_time.value_or(0) != 0) {
    c += fmt::format(" revocationfreshnesstime={}", *b.revocation_freshness_time);
  }
  if (b.url_retrieval_timeout.value_or(0) != 0) c += fmt::format(" urlretrievaltimeout={}", *b.url_retrieval_timeout);
  if (!b.ctl_identifier.empty()) c += netsh_arg("sslctlidentifier", b.ctl_identifier);
  const std::string ctl = change.sslctlstorename.value_or(b.ctl_store_name);
  if (!ctl.empty()) c += netsh_arg("sslctlstorename", ctl);
  if (b.ds_mapper_usage == true) c += on_off("dsmapperusage", true);
  if (change.clientcertnegotiation.value_or(b.negotiate_client_certificate.value_or(false))) {
    c += on_off("clientcertnegotiation", true);
  }
  if (b.reject_connections == true) c += on_off("reject", true);
  if (b.disable_http2 == true) c += on_off("disablehttp2", true);
  if (b.disable_quic == true) c += on_off("disablequic", true);
  if (b.disable_legacy_tls == true) c += on_off("disablelegacytls", true);
  if (b.disable_tls12 == true) c += on_off("disabletls12", true);
  if (change.disabletls13.value_or(b.disable_tls13.value_or(false))) c += on_off("disabletls13", true);
  if (b.disable_ocsp_stapling == true) c += on_off("disableocspstapling", true);
  if (b.enable_token_binding == true) c += on_off("enabletokenbinding", true);
  if (b.log_extended_events == true) c += on_off("logextendedevents", true);
  if (b.enable_session_ticket == true) c += on_off("enablesessionticket", true);
  std::string note = "restates every setting the binding has (update resets what it is not given)";
  if (!b.other_fields.empty()) {
    std::string names;
    for (const auto& [name, value] : b.other_fields) names += (names.empty() ? "" : ", ") + name;
    note += fmt::format("; check these after, it cannot restate them: {}", names);
  }
  return powershell(std::move(c), "IIS", std::move(note));
}

UnreadBinding binding_seen(std::string_view host, std::string_view port, std::string_view certhash) {
  // An IPv6 address holds ':', an IPv4 one only digits and dots; anything else is a name.
  const bool name = !host.empty() && host.find(':') == std::string_view::npos &&
                    host.find_first_not_of("0123456789.") != std::string_view::npos;
  return {.key = name ? fmt::format("hostnameport={}:{}", host, port) : fmt::format("ipport=0.0.0.0:{}", port),
          .certhash = std::string(certhash)};
}

RemedyCommand netsh_update_sslcert(const UnreadBinding& b, const SslcertChange& change) {
  std::string c = "netsh http update sslcert " + b.key;
  c += " certhash=" + (b.certhash.empty() ? std::string("<certhash>") : b.certhash);
  c += " appid='<appid>'";
  if (change.sslctlstorename) c += netsh_arg("sslctlstorename", *change.sslctlstorename);
  if (change.clientcertnegotiation) c += on_off("clientcertnegotiation", *change.clientcertnegotiation);
  if (change.disabletls13) c += on_off("disabletls13", *change.disabletls13);
  const bool key_known = b.key.find('<') == std::string::npos;
  std::string unknown = key_known ? "" : "the binding (" + b.key.substr(b.key.find('=') + 1) + "), ";
  unknown += b.certhash.empty() ? "<certhash> and <appid>" : "<appid>";
  std::string note = fmt::format(
      "fill in {} from `netsh http show sslcert{}`, and add every other setting it shows that is not the default, "
      "or update resets it (give that output with --sslcert and mtls-doctor writes the whole command)",
      unknown, key_known ? " " + b.key : "");
  return powershell(std::move(c), "IIS", std::move(note));
}

RemedyCommand netsh_add_sslcert(std::string_view key, std::string_view certhash, const SslcertChange& change) {
  std::string c = fmt::format("netsh http add sslcert {}", key);
  const bool ccs = key.starts_with("ccs=") || key.starts_with("scopedccs=");
  if (!ccs) c += " certhash=" + (certhash.empty() ? std::string("<certhash>") : std::string(certhash));
  c += fmt::format(" appid={} certstorename=MY", ps_quote(kIisAppId));
  if (change.sslctlstorename) c += netsh_arg("sslctlstorename", *change.sslctlstorename);
  if (change.clientcertnegotiation == true) c += on_off("clientcertnegotiation", true);
  if (change.disabletls13 == true) c += on_off("disabletls13", true);
  std::string note;
  if (!ccs && certhash.empty()) {
    note = "<certhash> is the SHA-1 thumbprint of the server certificate in the local machine's MY store "
           "(certutil -store MY lists them)";
  }
  return powershell(std::move(c), "IIS", std::move(note));
}

// ---- IIS configuration ----------------------------------------------------------------------

RemedyCommand appcmd(std::string_view args, std::string note) {
  return cmd(fmt::format(R"(%windir%\system32\inetsrv\appcmd.exe {})", args), "IIS", std::move(note));
}

RemedyCommand appcmd_set_config(std::string_view path, std::string_view section, std::string_view args,
                                std::string note) {
  return appcmd(fmt::format("set config \"{}\" -section:{} {} /commit:apphost", path, section, args), std::move(note));
}

RemedyCommand set_web_configuration_property(std::string_view path, std::string_view filter,
                                             std::string_view name, std::string_view value) {
  return powershell(fmt::format("Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location {} "
                                "-Filter {} -Name {} -Value {}",
                                ps_quote(path), ps_quote(filter), ps_quote(name), ps_quote(value)),
                    "IIS");
}

std::vector<RemedyCommand> iis_set_config(std::string_view path, std::string_view section,
                                          std::string_view attribute, std::string_view appcmd_value,
                                          std::string_view powershell_value) {
  RemedyCommand ps = set_web_configuration_property(path, section, attribute, powershell_value);
  ps.note = "the same in PowerShell";
  return {appcmd_set_config(path, section, fmt::format("/{}:\"{}\"", attribute, appcmd_value)), std::move(ps)};
}

// ---- registry and certificate stores --------------------------------------------------------

RemedyCommand reg_add_dword(std::string_view key, std::string_view name, std::uint32_t value, std::string note) {
  return cmd(fmt::format("reg add \"{}\" /v {} /t REG_DWORD /d {} /f", key, name, value), "Windows", std::move(note));
}

RemedyCommand reg_query(std::string_view key, std::string_view name, std::string note) {
  std::string c = fmt::format("reg query \"{}\"", key);
  if (!name.empty()) c += fmt::format(" /v {}", name);
  return cmd(std::move(c), "Windows", std::move(note));
}

RemedyCommand certutil_addstore(std::string_view store, std::string_view file, std::string note) {
  return cmd(fmt::format("certutil -addstore {} {}", store, cmd_quote(file)), "Windows", std::move(note));
}

RemedyCommand certutil_delstore(std::string_view store, std::string_view sha1, std::string note) {
  return cmd(fmt::format("certutil -delstore {} {}", store, sha1), "Windows", std::move(note));
}

// ---- nginx and Apache -----------------------------------------------------------------------

std::vector<RemedyCommand> web_servers_request_in_handshake(std::string_view host, std::string_view port) {
  std::vector<RemedyCommand> out;
  for (ClientAuthSettings s : {nginx_verify_client(host, port), apache_verify_client(host, port)}) {
    for (RemedyCommand& c : s.require) out.push_back(std::move(c));
    for (RemedyCommand& c : s.trust) out.push_back(std::move(c));
  }
  return out;
}

// ---- each server software's own client-certificate settings ---------------------------------

ClientAuthSettings nginx_verify_client(std::string_view host, std::string_view port) {
  return {{config("ssl_verify_client on;", "nginx",
                  fmt::format("in the server block for {} (listen {} ssl;), not per location", host, port))},
          {config("ssl_client_certificate /etc/nginx/client-ca.pem;", "nginx",
                  "the CAs that issue the client certificates, in the same server block (also the CA list sent)")}};
}

ClientAuthSettings ingress_nginx_auth_tls(std::string_view host) {
  return {{bash(fmt::format("kubectl annotate ingress <ingress> --overwrite "
                            "nginx.ingress.kubernetes.io/auth-tls-verify-client=on "
                            "nginx.ingress.kubernetes.io/auth-tls-secret=<namespace>/client-ca"),
                "ingress-nginx", fmt::format("<ingress> is the Ingress whose rules name host {}", host))},
          {bash("kubectl create secret generic client-ca -n <namespace> --from-file=ca.crt=client-ca.pem",
                "ingress-nginx", "the Secret auth-tls-secret names: ca.crt holds the CAs that issue the client certificates")}};
}

ClientAuthSettings apache_verify_client(std::string_view host, std::string_view port) {
  return {{config("SSLVerifyClient require", "Apache",
                  fmt::format("in <VirtualHost *:{}> (ServerName {}), not inside <Location> or <Directory>, "
                              "which asks only by renegotiation",
                              port, host))},
          {config("SSLCACertificateFile /etc/apache2/client-ca.pem", "Apache",
                  "the CAs that issue the client certificates, in the same virtual host")}};
}

ClientAuthSettings haproxy_bind_verify(std::string_view port) {
  return {{config(fmt::format("bind :{} ssl crt /etc/haproxy/site.pem ca-file /etc/haproxy/client-ca.pem verify required", port),
                  "HAProxy",
                  "the frontend's bind line: crt is the server's certificate and key; keep the bind's address and "
                  "other options")},
          {config("ca-file /etc/haproxy/client-ca.pem", "HAProxy",
                  "on that bind line: the CAs that issue the client certificates (also the CA list sent)")}};
}

ClientAuthSettings caddy_client_auth(std::string_view host) {
  return {{config("mode require_and_verify", "Caddy",
                  fmt::format("in the site block {}: tls {{ client_auth {{ ... }} }}", host))},
          {config("trusted_ca_cert_file /etc/caddy/client-ca.pem", "Caddy",
                  "in the same client_auth block: the CAs that issue the client certificates")}};
}

ClientAuthSettings lighttpd_verify_client(std::string_view port) {
  const std::string where = fmt::format("in $SERVER[\"socket\"] == \":{}\" {{ ... }}", port);
  return {{config("ssl.verifyclient.activate = \"enable\"", "lighttpd", where),
           config("ssl.verifyclient.enforce = \"enable\"", "lighttpd", "in the same block: refuse without a valid certificate")},
          {config("ssl.ca-file = \"/etc/lighttpd/client-ca.pem\"", "lighttpd",
                  "in the same block: the CAs that issue the client certificates (also the CA list sent)")}};
}

ClientAuthSettings envoy_require_client_certificate() {
  return {{config("require_client_certificate: true", "Envoy",
                  "in the listener's DownstreamTlsContext (transport_socket envoy.transport_sockets.tls)")},
          {config("validation_context: { trusted_ca: { filename: /etc/envoy/client-ca.pem } }", "Envoy",
                  "in common_tls_context of the same DownstreamTlsContext: the CAs that issue the client certificates")}};
}

ClientAuthSettings tomcat_certificate_verification(std::string_view port) {
  return {{config("certificateVerification=\"required\"", "Tomcat",
                  fmt::format("an attribute of <SSLHostConfig> in the <Connector port=\"{}\"> of conf/server.xml", port))},
          {config("caCertificateFile=\"conf/client-ca.pem\"", "Tomcat",
                  "on the same <SSLHostConfig>: the CAs that issue the client certificates (PEM; or truststoreFile)")}};
}

ClientAuthSettings node_request_cert() {
  return {{config("requestCert: true, rejectUnauthorized: true,", "Node.js",
                  "in the options of https.createServer / tls.createServer")},
          {config("ca: fs.readFileSync('client-ca.pem'),", "Node.js",
                  "in the same options: the CAs that issue the client certificates (also the CA list sent)")}};
}

ClientAuthSettings go_client_auth() {
  return {{config("ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool,", "Go",
                  "in the server's tls.Config (http.Server.TLSConfig)")},
          {config("pool := x509.NewCertPool(); pool.AppendCertsFromPEM(clientCAPEM)", "Go",
                  "the pool ClientCAs names: the CAs that issue the client certificates (also the CA list sent)")}};
}

ClientAuthSettings client_auth_settings(const ServerSite& site) {
  switch (site.software) {
    case ServerSoftware::iis:
      return {iis_request_in_handshake(binding_seen(site.host, site.port, site.certhash)),
              {certutil_addstore("ClientAuthIssuer", "issuer.cer",
                                 "the binding's CTL store (sslctlstorename): the CAs listed and trusted for clients"),
               certutil_addstore("Root", "root.cer", "the client certificates' root, trusted by http.sys")}};
    case ServerSoftware::nginx: return nginx_verify_client(site.host, site.port);
    case ServerSoftware::ingress_nginx: return ingress_nginx_auth_tls(site.host);
    case ServerSoftware::apache: return apache_verify_client(site.host, site.port);
    case ServerSoftware::haproxy: return haproxy_bind_verify(site.port);
    case ServerSoftware::caddy: return caddy_client_auth(site.host);
    case ServerSoftware::lighttpd: return lighttpd_verify_client(site.port);
    case ServerSoftware::envoy: return envoy_require_client_certificate();
    case ServerSoftware::tomcat: return tomcat_certificate_verification(site.port);
    case ServerSoftware::node: return node_request_cert();
    case ServerSoftware::go: return go_client_auth();
    case ServerSoftware::unknown: break;
  }
  return {};
}

std::vector<RemedyCommand> require_client_certificate(const ServerSite& site) {
  ClientAuthSettings s = client_auth_settings(site);
  if (site.software == ServerSoftware::iis) return std::move(s.require);  // the CTL store is a separate fix
  for (RemedyCommand& c : s.trust) s.require.push_back(std::move(c));
  return std::move(s.require);
}

namespace {

std::string_view require_words(ServerSoftware software) {
  switch (software) {
    case ServerSoftware::iis:
      return "Make http.sys ask for the certificate in the initial handshake: Negotiate Client Certificate on the "
             "binding (clientcertnegotiation=enable), with IIS SSL Settings > Client certificates: Require (sslFlags "
             "SslNegotiateCert,SslRequireCert).";
    case ServerSoftware::nginx:
      return "Require the certificate in the server block, not per location: ssl_verify_client on, with "
             "ssl_client_certificate naming the CAs that issue the client certificates.";
    case ServerSoftware::ingress_nginx:
      return "Require the certificate on the Ingress: the annotations nginx.ingress.kubernetes.io/auth-tls-verify-client "
             "(on) and nginx.ingress.kubernetes.io/auth-tls-secret (a Secret whose ca.crt holds the client CAs).";
    case ServerSoftware::apache:
      return "Require the certificate at virtual-host level (inside <Location> or <Directory> Apache asks only by "
             "renegotiation): SSLVerifyClient require, with SSLCACertificateFile naming the client CAs.";
    case ServerSoftware::haproxy:
      return "Require the certificate on the frontend's bind line: verify required, with ca-file naming the client CAs "
             "(beside crt, the server's certificate).";
    case ServerSoftware::caddy:
      return "Require the certificate in the site's tls block: client_auth { mode require_and_verify, "
             "trusted_ca_cert_file naming the client CAs }.";
    case ServerSoftware::lighttpd:
      return "Require the certificate on the TLS socket: ssl.verifyclient.activate and ssl.verifyclient.enforce "
             "\"enable\", with ssl.ca-file naming the client CAs.";
    case ServerSoftware::envoy:
      return "Require the certificate in the listener's DownstreamTlsContext: require_client_certificate: true, with a "
             "validation_context whose trusted_ca holds the client CAs.";
    case ServerSoftware::tomcat:
      return "Require the certificate on the connector's SSLHostConfig: certificateVerification=\"required\", with "
             "caCertificateFile (or truststoreFile) holding the client CAs.";
    case ServerSoftware::node:
      return "Require the certificate in the TLS server's options: requestCert: true and rejectUnauthorized: true, "
             "with ca holding the client CAs.";
    case ServerSoftware::go:
      return "Require the certificate in the server's tls.Config: ClientAuth: tls.RequireAndVerifyClientCert, with "
             "ClientCAs holding the client CAs.";
    case ServerSoftware::unknown: break;
  }
  return "";
}

}  // namespace

std::string software_sentence(const ServerSite& site) {
  if (site.software == ServerSoftware::unknown) {
    return fmt::format("The server software was not recognised from its answers{}, so no product's settings are "
                       "given.",
                       site.basis.empty() ? "" : " (" + site.basis + ")");
  }
  return fmt::format("The server settings below are {}'s, recognised from {}; if a proxy or load balancer terminates TLS in front "
                     "of it, the setting belongs there.",
                     display_name(site.software), site.basis);
}

std::string require_rule(const ServerSite& site) {
  if (site.software == ServerSoftware::unknown) {
    return "Request the client certificate in the initial TLS handshake (not by renegotiation or only after the "
           "request), refuse the connection without a valid one, and verify it against the CAs that issue the client "
           "certificates, on every name and address the site answers on. " +
           software_sentence(site);
  }
  return fmt::format("{} {}", require_words(site.software), software_sentence(site));
}

std::vector<RemedyCommand> trust_client_issuer(const ServerSite& site, std::string_view note) {
  std::vector<RemedyCommand> out = client_auth_settings(site).trust;
  for (RemedyCommand& c : out) c.note = c.note.empty() ? std::string(note) : fmt::format("{}: {}", note, c.note);
  return out;
}

std::vector<RemedyCommand> refusal_log(ServerSoftware software) {
  switch (software) {
    case ServerSoftware::nginx:
    case ServerSoftware::ingress_nginx:
      return {bash("grep 'client SSL certificate verify error' error.log", "nginx")};
    case ServerSoftware::apache: return {bash("grep 'Certificate Verification' error.log", "Apache")};
    case ServerSoftware::iis:
      return {bash("mtls-doctor logs C:\\inetpub\\logs\\LogFiles", "IIS",
                   "the logs copied from the server; sc-win32-status says why")};
    default: return {};
  }
}

std::vector<RemedyCommand> iis_request_in_handshake(const UnreadBinding& b) {
  const bool key_known = b.key.find('<') == std::string::npos;
  std::string note = "lists the binding's Certificate Hash, Application ID and other settings";
  if (b.key.starts_with("hostnameport=")) {
    const std::string port = b.key.substr(b.key.rfind(':') + 1);
    note += fmt::format("; none for this name: the site has no SNI binding, use ipport=0.0.0.0:{} below", port);
  }
  return {
      netsh_show_sslcert(key_known ? std::string_view(b.key) : std::string_view(), std::move(note)),
      netsh_update_sslcert(b, SslcertChange{.clientcertnegotiation = true}),
  };
}

}  // namespace mtls::knowledge::remedies
