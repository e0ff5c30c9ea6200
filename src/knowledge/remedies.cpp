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
  const std::string nginx_where = fmt::format("in the server block for {} (listen {} ssl;)", host, port);
  const std::string apache_where =
      fmt::format("in <VirtualHost *:{}> (ServerName {}), not inside <Location> or <Directory>", port, host);
  return {
      config("ssl_verify_client on;", "nginx", nginx_where),
      config("ssl_client_certificate /etc/nginx/client-ca.pem;", "nginx",
             "the CAs that issue the client certificates, in the same server block"),
      config("SSLVerifyClient require", "Apache", apache_where),
      config("SSLCACertificateFile /etc/apache2/client-ca.pem", "Apache",
             "the CAs that issue the client certificates, in the same virtual host"),
  };
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
