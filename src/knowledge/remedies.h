// SPDX-License-Identifier: Apache-2.0
// The commands a remedy asks the user to run, one builder per command family, so every check
// writes `netsh http update sslcert`, appcmd, reg add or certutil the same way, filled from the
// binding's or the site's own values, quoted for the shell it is typed into.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/evidence/iis.h"
#include "core/evidence/probe.h"
#include "core/finding.h"

namespace mtls::knowledge::remedies {

// ---- any command ---------------------------------------------------------------------------

/// The commands alone, exactly as typed (what JSON's remedy.commands holds).
std::vector<std::string> command_lines(const Remedy& remedy);

RemedyCommand cmd(std::string command, std::string label = {}, std::string note = {});
RemedyCommand powershell(std::string command, std::string label = {}, std::string note = {});
RemedyCommand bash(std::string command, std::string label = {}, std::string note = {});
/// A configuration file line (nginx, Apache, OpenSSL): pasted into a file, not a shell.
RemedyCommand config(std::string line, std::string label, std::string note = {});

/// A value quoted for a POSIX shell when it needs it ('it'\''s').
std::string sh_quote(std::string_view value);
/// A PowerShell single-quoted string, always quoted ('it''s').
std::string ps_quote(std::string_view value);
/// A value double-quoted for cmd.exe when it holds a space or a character cmd treats specially.
std::string cmd_quote(std::string_view value);

// ---- netsh http ... sslcert (http.sys SSL bindings) -----------------------------------------
// Parameters as `netsh http add sslcert` lists them (learn.microsoft.com/windows-server/
// administration/windows-commands/netsh-http). `update sslcert` writes the whole record again:
// a parameter it is not given takes its default, so the update restates every field the binding
// has. The commands are written for PowerShell, where `{...}` is a script block and the appid
// must be quoted (appid='{...}'); cmd.exe would pass the quotes on to netsh.

/// The IIS application id (appcmd and IIS Manager create bindings with it).
inline constexpr std::string_view kIisAppId = "{4dc3e181-e14b-4a21-b022-59fc669b0914}";

/// "ipport=0.0.0.0:443", "hostnameport=h:443", "ccs=443", "scopedccs=h:443".
std::string netsh_key(const HttpSysBinding& b);

/// What an update or add changes; the other fields keep the binding's values.
struct SslcertChange {
  std::optional<bool> clientcertnegotiation;
  std::optional<std::string> sslctlstorename;
  std::optional<bool> disabletls13;
};

/// `netsh http show sslcert [KEY]`.
RemedyCommand netsh_show_sslcert(std::string_view key = {}, std::string note = {});

/// `netsh http update sslcert` for a binding that was read: every field it holds, restated, with
/// `change` applied.
RemedyCommand netsh_update_sslcert(const HttpSysBinding& b, const SslcertChange& change);

/// What is known of a binding that was not read (no netsh output or SYSTEM hive was given).
struct UnreadBinding {
  std::string key;       ///< "ipport=0.0.0.0:443", or "ipport=<ip:port>" when even that is unknown
  std::string certhash;  ///< the server certificate's SHA-1 when seen (probe, capture), else empty
};

/// The binding a connection to `host`:`port` reached, as far as the client can tell: a
/// Hostname:port (SNI) binding for a name, the 0.0.0.0 wildcard for an address.
UnreadBinding binding_seen(std::string_view host, std::string_view port, std::string_view certhash);

/// `netsh http update sslcert` for a binding that was not read: <certhash> / <appid> stand for
/// what is unknown, and the note names the input that would fill them and the fields to restate.
RemedyCommand netsh_update_sslcert(const UnreadBinding& b, const SslcertChange& change);

/// `netsh http add sslcert` for a binding that does not exist yet (IIS's application id, the MY
/// store; <certhash> unless `certhash` is given; none for a central certificate store binding).
RemedyCommand netsh_add_sslcert(std::string_view key, std::string_view certhash, const SslcertChange& change);

// ---- IIS configuration (appcmd and the WebAdministration module) ----------------------------

/// `%windir%\system32\inetsrv\appcmd.exe ARGS`.
RemedyCommand appcmd(std::string_view args, std::string note = {});
/// `appcmd.exe set config "PATH" -section:SECTION ARGS /commit:apphost`.
RemedyCommand appcmd_set_config(std::string_view path, std::string_view section, std::string_view args,
                                std::string note = {});
/// `Set-WebConfigurationProperty` of one attribute at a location path of applicationHost.config.
RemedyCommand set_web_configuration_property(std::string_view path, std::string_view filter,
                                             std::string_view name, std::string_view value);
/// The appcmd line and its PowerShell twin that set one attribute of a section at a location path.
std::vector<RemedyCommand> iis_set_config(std::string_view path, std::string_view section,
                                          std::string_view attribute, std::string_view appcmd_value,
                                          std::string_view powershell_value);

// ---- registry and certificate stores (Windows) ---------------------------------------------

inline constexpr std::string_view kSchannelKey =
    R"(HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL)";

/// `reg add "KEY" /v NAME /t REG_DWORD /d VALUE /f`.
RemedyCommand reg_add_dword(std::string_view key, std::string_view name, std::uint32_t value,
                            std::string note = {});
/// `reg query "KEY" [/v NAME]`.
RemedyCommand reg_query(std::string_view key, std::string_view name = {}, std::string note = {});

/// `certutil -addstore STORE FILE` (the local machine's store).
RemedyCommand certutil_addstore(std::string_view store, std::string_view file, std::string note = {});
/// `certutil -delstore STORE SHA1`.
RemedyCommand certutil_delstore(std::string_view store, std::string_view sha1, std::string note = {});

// ---- nginx and Apache httpd ------------------------------------------------------------------

/// The directives that make nginx and Apache ask for the client certificate in the handshake of
/// the server block / virtual host for `host`:`port` (ngx_http_ssl_module ssl_verify_client,
/// mod_ssl SSLVerifyClient at virtual-host level, which never renegotiates).
std::vector<RemedyCommand> web_servers_request_in_handshake(std::string_view host, std::string_view port);

// ---- each server software's own client-certificate settings ---------------------------------
// One builder per command family. `require` asks for the client certificate in the initial
// handshake and refuses a connection without a valid one; `trust` names the CAs that issue client
// certificates (what the server verifies with, and on most servers the CA list it sends). Sources:
// ngx_http_ssl_module; mod_ssl; HAProxy 2.6 configuration manual, bind options; Caddy 2.6 tls
// directive; lighttpd mod_openssl / mod_gnutls (1.4.69); Envoy DownstreamTlsContext; Tomcat 9
// SSLHostConfig; Node.js tls.createServer; Go crypto/tls Config; ingress-nginx annotations.

struct ClientAuthSettings {
  std::vector<RemedyCommand> require;
  std::vector<RemedyCommand> trust;
};

/// Where the fix goes, as far as the probe saw it.
struct ServerSite {
  ServerSoftware software = ServerSoftware::unknown;
  std::string basis;     ///< what showed the software (ProbeEvidence::server_software_basis)
  std::string host;
  std::string port;
  std::string certhash;  ///< the server certificate's SHA-1 (IIS's http.sys binding), or empty
};

ClientAuthSettings nginx_verify_client(std::string_view host, std::string_view port);
ClientAuthSettings ingress_nginx_auth_tls(std::string_view host);
ClientAuthSettings apache_verify_client(std::string_view host, std::string_view port);
ClientAuthSettings haproxy_bind_verify(std::string_view port);
ClientAuthSettings caddy_client_auth(std::string_view host);
ClientAuthSettings lighttpd_verify_client(std::string_view port);
ClientAuthSettings envoy_require_client_certificate();
ClientAuthSettings tomcat_certificate_verification(std::string_view port);
ClientAuthSettings node_request_cert();
ClientAuthSettings go_client_auth();

/// The settings of `site.software` (IIS: the http.sys binding update); none when unknown.
ClientAuthSettings client_auth_settings(const ServerSite& site);

/// Ask for and verify the client certificate in the initial handshake: require, then trust.
/// Empty when the software is unknown: require_rule() then says the generic rule.
std::vector<RemedyCommand> require_client_certificate(const ServerSite& site);

/// The remedy text for "make the server ask in the handshake", in the software's own terms and
/// saying what showed it; when unknown, says so and gives the rule for any server.
std::string require_rule(const ServerSite& site);

/// Which software the commands are for and what showed it, or that it was not recognised (then
/// no product's commands are given): the sentence that ends a remedy text.
std::string software_sentence(const ServerSite& site);

/// The lines that name the client CAs, each with `note` (what to add to the file); IIS's are
/// the CTL store and the Trusted Root store. Empty when unknown.
std::vector<RemedyCommand> trust_client_issuer(const ServerSite& site, std::string_view note);

/// Where the software logs why it refused a certificate, when we know the line to look for.
std::vector<RemedyCommand> refusal_log(ServerSoftware software);

// ---- one remedy, several sources --------------------------------------------------------------

/// Make IIS ask for the certificate in the initial handshake: `show` the binding, then `update`
/// it with clientcertnegotiation=enable (from the binding read, or with placeholders).
std::vector<RemedyCommand> iis_request_in_handshake(const UnreadBinding& b);

}  // namespace mtls::knowledge::remedies
