// SPDX-License-Identifier: Apache-2.0
#include "lab/iis_files.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/input_file.h"

namespace mtls::lab {
namespace {

const IisShape& shape_of(const Scenario& s) { return *s.iis; }

/// One binding as `netsh http show sslcert` prints it on Windows Server 2022 (the labels padded
/// to one column; the long ones are not).
std::string netsh_binding(std::string_view key_label, const std::string& endpoint,
                          const std::string& hash, std::string_view ctl_store,
                          const IisShape& shape) {
  auto line = [](std::string_view label, std::string_view value) {
    return fmt::format("    {:<29}: {}\n", label, value);
  };
  std::string out;
  out += line(key_label, endpoint);
  out += line("Certificate Hash", hash);
  out += line("Application ID", kIisAppId);
  out += line("Certificate Store Name", "My");
  out += "    Verify Client Certificate Revocation : Enabled\n";
  out += "    Verify Revocation Using Cached Client Certificate Only : Disabled\n";
  out += line("Usage Check", "Enabled");
  out += line("Revocation Freshness Time", "0");
  out += line("URL Retrieval Timeout", "0");
  out += line("Ctl Identifier", "(null)");
  out += line("Ctl Store Name", ctl_store.empty() ? "(null)" : ctl_store);
  out += line("DS Mapper Usage", "Disabled");
  out += line("Negotiate Client Certificate",
              shape.negotiate_client_certificate ? "Enabled" : "Disabled");
  out += line("Reject Connections", "Disabled");
  out += line("Disable HTTP2", "Not Set");
  out += line("Disable QUIC", "Not Set");
  out += line("Disable TLS1.2", "Not Set");
  out += line("Disable TLS1.3", shape.disable_tls13 ? "Set" : "Not Set");
  out += line("Disable OCSP Stapling", "Not Set");
  out += line("Enable Token Binding", "Not Set");
  out += line("Log Extended Events", "Not Set");
  out += line("Disable Legacy TLS Versions", "Not Set");
  out += line("Enable Session Ticket", "Not Set");
  return out + "\n";
}

Expected<Done> write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return unexpected(file_error(path, "cannot write", std::strerror(errno)));
  return Done{};
}

}  // namespace

std::string application_host_config(const Scenario& scenario, int port) {
  const IisShape& shape = shape_of(scenario);
  std::string bindings = fmt::format(
      "                    <binding protocol=\"https\" bindingInformation=\"*:{}:\" "
      "sslFlags=\"0\" />\n",
      port);
  if (shape.hostname_binding) {
    // sslFlags 1 = SNI (IIS 8+): the hostname:port http.sys binding.
    bindings += fmt::format(
        "                    <binding protocol=\"https\" bindingInformation=\"*:{}:{}\" "
        "sslFlags=\"1\" />\n",
        port, kSniHost);
  }
  std::string authentication;
  if (shape.mapping_authentication) {
    authentication =
        "                <authentication>\n"
        "                    <anonymousAuthentication enabled=\"false\" />\n"
        "                    <iisClientCertificateMappingAuthentication enabled=\"true\" "
        "manyToOneCertificateMappingsEnabled=\"true\" />\n"
        "                </authentication>\n";
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- mtls-doctor lab, scenario {0}: the IIS configuration the lab imitates. -->\n"
      "<configuration>\n"
      "    <system.applicationHost>\n"
      "        <applicationPools>\n"
      "            <add name=\"DefaultAppPool\" />\n"
      "        </applicationPools>\n"
      "        <sites>\n"
      "            <site name=\"Default Web Site\" id=\"1\">\n"
      "                <application path=\"/\" applicationPool=\"DefaultAppPool\">\n"
      "                    <virtualDirectory path=\"/\" "
      "physicalPath=\"%SystemDrive%\\inetpub\\wwwroot\" />\n"
      "                </application>\n"
      "                <bindings>\n"
      "{1}"
      "                </bindings>\n"
      "            </site>\n"
      "            <siteDefaults>\n"
      "                <logFile logFormat=\"W3C\" "
      "directory=\"%SystemDrive%\\inetpub\\logs\\LogFiles\" />\n"
      "            </siteDefaults>\n"
      "        </sites>\n"
      "    </system.applicationHost>\n"
      "    <location path=\"Default Web Site\">\n"
      "        <system.webServer>\n"
      "            <security>\n"
      "                <access sslFlags=\"{2}\" />\n"
      "{3}"
      "            </security>\n"
      "        </system.webServer>\n"
      "    </location>\n"
      "</configuration>\n",
      scenario.name, bindings, shape.ssl_flags, authentication);
}

std::string netsh_show_sslcert(const Scenario& scenario, int port,
                               const std::string& certificate_hash) {
  const IisShape& shape = shape_of(scenario);
  // netsh lists the IP:port bindings first, then the hostname:port (SNI) ones.
  std::string out = "\nSSL Certificate bindings:\n-------------------------\n\n";
  out += netsh_binding("IP:port", fmt::format("0.0.0.0:{}", port), certificate_hash,
                       shape.ctl_store_name, shape);
  if (shape.hostname_binding) {
    out += netsh_binding("Hostname:port", fmt::format("{}:{}", kSniHost, port), certificate_hash,
                         "ClientAuthIssuer", shape);
  }
  return out;
}

std::string schannel_reg_export(const Scenario& scenario) {
  const IisShape& shape = shape_of(scenario);
  const std::string key =
      "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL";
  // `reg export` of the whole key: its values, then every subkey, as on a fresh Windows Server
  // (Ciphers, CipherSuites, Hashes, KeyExchangeAlgorithms empty; SSL 2.0 client off by default).
  std::string out =
      "Windows Registry Editor Version 5.00\n\n[" + key + "]\n\"EventLogging\"=dword:00000001\n";
  if (shape.send_trusted_issuer_list)
    out += fmt::format("\"SendTrustedIssuerList\"=dword:{:08x}\n", *shape.send_trusted_issuer_list);
  if (shape.client_auth_trust_mode)
    out += fmt::format("\"ClientAuthTrustMode\"=dword:{:08x}\n", *shape.client_auth_trust_mode);
  for (const char* sub : {"Ciphers", "CipherSuites", "Hashes", "KeyExchangeAlgorithms", "Protocols",
                          "Protocols\\SSL 2.0"}) {
    out += fmt::format("\n[{}\\{}]\n", key, sub);
  }
  out += fmt::format("\n[{}\\Protocols\\SSL 2.0\\Client]\n\"DisabledByDefault\"=dword:00000001\n\n",
                     key);
  return out;
}

std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::string utf16le_with_bom(std::string_view text) {
  std::string out = "\xff\xfe";
  auto unit = [&](char32_t u) {
    out += static_cast<char>(u & 0xff);
    out += static_cast<char>((u >> 8) & 0xff);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') unit(u'\r');
    // The lab's texts are ASCII (names, numbers, hex): one unit per byte.
    unit(c);
  }
  return out;
}

Expected<IisFiles> write_iis_files(const Scenario& scenario, int port,
                                   const std::string& certificate_hash, const std::string& dir) {
  if (!scenario.iis) {
    return unexpected(
        fmt::format("scenario '{}' imitates no IIS server: there is no IIS configuration to write",
                    scenario.name));
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return unexpected(file_error(dir, "cannot create the folder", ec.message()));
  const std::filesystem::path d(dir);
  IisFiles files{(d / "applicationHost.config").string(), (d / "sslcert.txt").string(),
                 (d / "schannel.reg").string()};
  if (auto w = write_bytes(files.application_host, crlf(application_host_config(scenario, port)));
      !w)
    return unexpected(w.error());
  if (auto w = write_bytes(files.sslcert,
                           utf16le_with_bom(netsh_show_sslcert(scenario, port, certificate_hash)));
      !w)
    return unexpected(w.error());
  if (auto w = write_bytes(files.schannel, utf16le_with_bom(schannel_reg_export(scenario))); !w)
    return unexpected(w.error());
  return files;
}

}  // namespace mtls::lab
