// SPDX-License-Identifier: Apache-2.0
// IIS, http.sys and Schannel configuration read from exported files (checklist C1, C2, C8–C11, C14).
// Filled by src/parse/iis readers; reported as `evidence.iis`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/certificates.h"
#include "core/evidence_ref.h"

namespace mtls {

/// Binding `sslFlags` bits of <site><bindings><binding> (IIS 8 added SNI and CCS; Windows Server
/// 2022 added the Disable* bits; WebAdministrationDsc issue 627 decodes 97 = SNI + 32 + 64).
namespace binding_ssl_flag {
inline constexpr unsigned sni = 1;
inline constexpr unsigned central_certificate_store = 2;
inline constexpr unsigned disable_http2 = 4;
inline constexpr unsigned disable_ocsp_stapling = 8;
inline constexpr unsigned disable_quic = 16;
inline constexpr unsigned disable_tls13 = 32;
inline constexpr unsigned disable_legacy_tls = 64;
}  // namespace binding_ssl_flag

struct IisBinding {
  std::string protocol;             ///< "https"
  std::string binding_information;  ///< "*:443:www.example.com"
  std::string ip;                   ///< "*", "10.0.0.5", "[::1]"
  std::string port;                 ///< "443"
  std::string host;                 ///< "www.example.com", empty when none
  unsigned ssl_flags = 0;           ///< binding sslFlags bitmask (binding_ssl_flag)
  std::vector<std::string> ssl_flag_names;  ///< decoded: "Sni", "CentralCertStore", "DisableTLS13"...
  EvidenceRef origin;
};

struct IisVirtualDirectory {
  std::string path;           ///< "/"
  std::string physical_path;  ///< "%SystemDrive%\inetpub\wwwroot"
  EvidenceRef origin;
};

struct IisApplication {
  std::string path;  ///< "/", "/app"
  std::string application_pool;
  std::vector<IisVirtualDirectory> virtual_directories;
  EvidenceRef origin;
};

struct IisSite {
  std::string name;
  std::string id;
  std::vector<IisBinding> bindings;
  std::vector<IisApplication> applications;
  EvidenceRef origin;
};

/// `<access sslFlags>`: "Ssl, SslNegotiateCert, SslRequireCert, Ssl128" (case-insensitive).
struct IisAccessSslFlags {
  std::string text;  ///< as written
  bool ssl = false;
  bool negotiate_cert = false;  ///< SslNegotiateCert: accept a client certificate
  bool require_cert = false;    ///< SslRequireCert: require one (403.7 without)
  bool ssl128 = false;
  EvidenceRef origin;
};

/// The two collections of iisClientCertificateMappingAuthentication (IIS configuration reference,
/// "iisClientCertificateMappingAuthentication"): their <add> element names are the words.
enum class IisMappingKind { one_to_one, many_to_one };
constexpr std::string_view to_string(IisMappingKind k) {
  return k == IisMappingKind::one_to_one ? "oneToOne" : "manyToOne";
}
/// The collection element: "oneToOneMappings" / "manyToOneMappings".
constexpr std::string_view collection_name(IisMappingKind k) {
  return k == IisMappingKind::one_to_one ? "oneToOneMappings" : "manyToOneMappings";
}

/// What a collection element other than <add> does (IIS configuration reference, "Collections").
enum class IisCollectionAction { clear, remove };
constexpr std::string_view to_string(IisCollectionAction a) { return a == IisCollectionAction::clear ? "clear" : "remove"; }

struct IisManyToOneRule {
  std::string certificate_field;      ///< "Subject", "Issuer"
  std::string certificate_sub_field;  ///< "O", "CN"
  std::string match_criteria;
  std::string compare_case_sensitive;  ///< as written ("true"), empty when absent
  EvidenceRef origin;
};

/// One mapping of iisClientCertificateMappingAuthentication. The password is never stored: only
/// whether one is set (encrypted values stay opaque and never reach any output).
struct IisCertificateMapping {
  IisMappingKind kind = IisMappingKind::one_to_one;
  std::string name;  ///< manyToOne name
  std::string enabled;          ///< as written, empty when absent (default true)
  std::string permission_mode;  ///< manyToOne "Allow"/"Deny"
  std::string user_name;
  bool has_password = false;
  std::string certificate;  ///< oneToOne: the base64 certificate, as written (public data)
  std::vector<IisManyToOneRule> rules;
  EvidenceRef origin;
};

/// A `<clear/>` or `<remove .../>` inside oneToOneMappings or manyToOneMappings. IIS builds a
/// collection at a path from the parent's items, then this level's clear/remove/add in document
/// order (learn.microsoft.com/iis/configuration, "Collections": clear removes every inherited
/// item, remove takes the item with the collection's unique key).
struct IisCollectionEdit {
  IisMappingKind collection = IisMappingKind::one_to_one;
  IisCollectionAction action = IisCollectionAction::clear;
  std::string key;         ///< remove: oneToOne `certificate`, manyToOne `name` (the unique keys)
  std::size_t before = 0;  ///< index in `mappings` of the first <add> after it (document order)
  EvidenceRef origin;
};

struct IisClientCertificateMappingAuthentication {
  std::optional<bool> enabled;
  std::optional<bool> one_to_one_enabled;   ///< oneToOneCertificateMappingsEnabled (default true)
  std::optional<bool> many_to_one_enabled;  ///< manyToOneCertificateMappingsEnabled (default true)
  std::vector<IisCertificateMapping> mappings;
  std::vector<IisCollectionEdit> edits;
  EvidenceRef origin;
};

/// A configuration section named inside a location (even empty): IIS answers 500.19 when a
/// web.config names a section that is locked at its level, whatever the section sets.
struct IisSectionUse {
  std::string section;  ///< "system.webServer/security/access"
  EvidenceRef origin;
};

/// `<configSections><sectionGroup name="system.webServer">...<section name="access"
/// overrideModeDefault="Deny"/>`: whether levels below applicationHost.config may set it.
struct IisSectionDeclaration {
  std::string section;                ///< full path, "system.webServer/security/access"
  std::string override_mode_default;  ///< "Allow" or "Deny" as written; empty when absent (Allow)
  EvidenceRef origin;
};

/// A `<location path>` (or the root of a file: path "" in applicationHost.config = the server
/// level) with the security sections that matter. Fields are absent when the section is not there,
/// so inheritance can be computed: the nearest ancestor that sets a value wins.
struct IisLocation {
  std::string path;           ///< "Default Web Site/app", "" for the server level
  std::string override_mode;  ///< "Allow", "Deny", "Inherit", empty when absent
  std::string config_file;    ///< the file it was read from
  bool from_web_config = false;
  std::optional<IisAccessSslFlags> access;
  std::optional<bool> anonymous_authentication;
  EvidenceRef anonymous_origin;
  std::optional<bool> windows_authentication;
  std::optional<bool> client_certificate_mapping_authentication;  ///< AD mapping (DS mapper)
  EvidenceRef client_certificate_mapping_origin;
  std::optional<IisClientCertificateMappingAuthentication> iis_mapping;
  /// WCF: a `*.svc` handler mapping, or a service binding with <security mode="Transport"> and
  /// <transport clientCredentialType="Certificate"> (C14).
  std::optional<EvidenceRef> wcf_svc_handler;
  std::optional<EvidenceRef> wcf_transport_certificate;
  std::vector<IisSectionUse> sections;  ///< the security sections this location names
  EvidenceRef origin;
};

/// One http.sys SSL binding: `netsh http show sslcert` (every field it prints) or its
/// registry form under HTTP\Parameters\Ssl*BindingInfo. Optional fields are absent when the Windows
/// build does not print them (older builds stop after Negotiate Client Certificate).
struct HttpSysExtendedProperty {
  std::string property_id;
  std::vector<std::pair<std::string, std::string>> fields;  ///< ("Receive Window", "1048576")
};

/// How http.sys keys an SSL binding (http.h: HTTP_SERVICE_CONFIG_SSL_KEY, _SNI_KEY, _CCS_KEY; the
/// registry's SslBindingInfo, SslSniBindingInfo, SslCcsBindingInfo, SslScopedCcsBindingInfo).
enum class HttpSysBindingKind { ip_port, hostname_port, central_certificate_store, scoped_ccs };
/// netsh's label ("IP:port", "Hostname:port", "Central Certificate Store"); "Scoped CCS" is ours:
/// a central certificate store binding for one host name and port.
constexpr std::string_view to_string(HttpSysBindingKind k) {
  switch (k) {
    case HttpSysBindingKind::ip_port: return "IP:port";
    case HttpSysBindingKind::hostname_port: return "Hostname:port";
    case HttpSysBindingKind::central_certificate_store: return "Central Certificate Store";
    case HttpSysBindingKind::scoped_ccs: return "Scoped CCS";
  }
  return "IP:port";
}

struct HttpSysBinding {
  HttpSysBindingKind kind = HttpSysBindingKind::ip_port;
  std::string endpoint;  ///< "0.0.0.0:443", "www.example.com:443", "443" (Scoped CCS: "host:443")
  std::string certificate_hash;
  std::string application_id;
  std::string certificate_store_name;  ///< empty when "(null)"
  std::optional<bool> verify_client_certificate_revocation;
  std::optional<bool> verify_revocation_using_cached_client_certificate_only;
  std::optional<bool> usage_check;
  std::optional<std::uint32_t> revocation_freshness_time;
  std::optional<std::uint32_t> url_retrieval_timeout;
  std::string ctl_identifier;  ///< empty when "(null)"
  std::string ctl_store_name;  ///< empty when "(null)"
  std::optional<bool> ds_mapper_usage;
  std::optional<bool> negotiate_client_certificate;
  std::optional<bool> reject_connections;
  std::optional<bool> disable_http2;
  std::optional<bool> disable_quic;
  std::optional<bool> disable_tls12;
  std::optional<bool> disable_tls13;
  std::optional<bool> disable_ocsp_stapling;
  std::optional<bool> enable_token_binding;
  std::optional<bool> log_extended_events;
  std::optional<bool> disable_legacy_tls;
  std::optional<bool> enable_session_ticket;
  std::optional<bool> enable_caching_client_hello;
  std::optional<std::uint32_t> default_flags;  ///< registry DefaultFlags, when read from a hive/.reg
  std::vector<HttpSysExtendedProperty> extended_properties;
  std::vector<std::pair<std::string, std::string>> other_fields;  ///< fields this version does not know
  EvidenceRef origin;
};

/// A registry value that was read, with where (for evidence and remedies).
struct RegistryDword {
  std::uint32_t value = 0;
  EvidenceRef origin;
};

/// SCHANNEL\Protocols\<protocol>\<side> switches.
struct SchannelProtocol {
  std::string protocol;  ///< "TLS 1.2"
  std::string side;      ///< "Server", "Client"
  std::optional<std::uint32_t> enabled;
  std::optional<std::uint32_t> disabled_by_default;
  EvidenceRef origin;
};

struct SchannelSettings {
  std::optional<unsigned> send_trusted_issuer_list;  ///< SendTrustedIssuerList, absent = default
  std::optional<unsigned> client_auth_trust_mode;    ///< ClientAuthTrustMode
  EvidenceRef send_trusted_issuer_list_origin;
  EvidenceRef client_auth_trust_mode_origin;
  std::optional<unsigned> event_logging;
  std::vector<SchannelProtocol> protocols;
  bool read = false;  ///< a registry input covering SCHANNEL was given (absent values = defaults)
  EvidenceRef origin;  ///< the input the settings were read from
};

/// Internet Settings\Zones\<zone>\1A04 on a client: 0 = "Don't prompt for client certificate
/// selection when only one certificate exists" enabled, 3 = disabled (prompt).
struct ZoneSetting {
  std::string hive;  ///< "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE"
  std::string key;   ///< the zone key as `reg add` takes it ("HKCU\Software\...\Zones\1")
  std::string zone;  ///< "0".."4"
  std::uint32_t value = 0;
  EvidenceRef origin;
};

/// A certificate of a machine store in a SOFTWARE hive (Microsoft\SystemCertificates\<store>
/// \Certificates\<thumbprint>\Blob): the DER from property CERT_CERT_PROP_ID (0x20), and the facts
/// src/tls decoded from it.
struct StoreCertificate {
  std::string store;       ///< "ROOT", "CA", "ClientAuthIssuer", "MY", as the key is spelled
  std::string thumbprint;  ///< the key name, upper case
  std::string der;         ///< raw DER bytes
  std::optional<CertificateFacts> facts;
  std::string decode_error;  ///< why facts are absent
  EvidenceRef origin;
};

/// A store key seen under SystemCertificates, with how many certificates it holds.
struct CertificateStoreSummary {
  std::string store;
  std::size_t certificates = 0;
  EvidenceRef origin;
};

struct IisEvidence {
  std::vector<IisSite> sites;
  std::vector<IisLocation> locations;
  std::vector<IisSectionDeclaration> section_declarations;
  bool config_read = false;  ///< an applicationHost.config or web.config was given
  std::vector<HttpSysBinding> bindings;
  bool bindings_read = false;  ///< an http.sys source (netsh output or SYSTEM registry) was given
  SchannelSettings schannel;
  std::vector<ZoneSetting> zones;
  std::vector<CertificateStoreSummary> stores;
  std::vector<StoreCertificate> store_certificates;
  bool stores_read = false;  ///< a SOFTWARE hive with SystemCertificates was given
  std::vector<std::string> inputs;
};

}  // namespace mtls
