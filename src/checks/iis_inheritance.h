// SPDX-License-Identifier: Apache-2.0
// The IIS configuration inheritance model: which <location> settings take effect at a virtual
// path (the nearest wins, server level first), how the certificate mapping collections combine
// (<clear/>, <remove>, <add> per level), and whether a section may be set in web.config at all
// (IIS configuration reference: "Configuration inheritance", "Collections", "overrideMode").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"
#include "core/evidence/iis.h"

namespace mtls::checks::iis {

/// The site a location path belongs to ("Default Web Site/app" -> "Default Web Site"); "" for the
/// server level.
std::string site_of(std::string_view path);

/// True when `path` is `ancestor` or below it (segment-wise, case-insensitive; "" is every path's).
bool is_within(std::string_view path, std::string_view ancestor);

/// The settings in effect at a virtual path, each with the location that set it.
struct Effective {
  std::optional<IisAccessSslFlags> access;
  std::optional<bool> anonymous;
  EvidenceRef anonymous_origin;
  std::optional<bool> mapping_enabled;  ///< iisClientCertificateMappingAuthentication enabled
  std::optional<bool> many_to_one_enabled;
  std::optional<bool> one_to_one_enabled;
  EvidenceRef mapping_origin;
  std::optional<bool> ad_mapping_enabled;  ///< clientCertificateMappingAuthentication enabled
  EvidenceRef ad_mapping_origin;
};
Effective effective_at(const IisEvidence& e, std::string_view path);

/// The locations whose settings reach `path`: every location at the path or an ancestor of it,
/// shallowest first (server level "" first), input order breaking ties (applicationHost.config
/// before web.config), as IIS inherits configuration.
std::vector<const IisLocation*> locations_in_effect(const IisEvidence& e, std::string_view path);

/// One mapping of the effective iisClientCertificateMappingAuthentication collection at a path,
/// with the location whose <add> put it there.
struct EffectiveMapping {
  const IisCertificateMapping* mapping = nullptr;
  const IisLocation* location = nullptr;
};
/// The oneToOneMappings and manyToOneMappings in effect at `path`: the parent's items, then each
/// level's <clear/>, <remove> and <add> in document order (IIS configuration reference,
/// "Collections"). A later <add> with the key of an item already there replaces it.
std::vector<EffectiveMapping> effective_mappings(const IisEvidence& e, std::string_view path);

/// Whether `section` is locked at `path` for web.config files: the declared overrideModeDefault
/// (configSections), overridden by applicationHost.config locations at the path or its ancestors
/// that name the section with overrideMode="Allow" or "Deny" (deepest wins). Empty when no
/// declaration of the section was read (then nothing can be said).
struct SectionLock {
  bool locked = false;
  EvidenceRef because;  ///< the declaration or the location that decided it
  std::string decided_by;  ///< e.g. overrideModeDefault="Deny", or overrideMode="Deny" at "PATH"
};
std::optional<SectionLock> section_lock_at(const IisEvidence& e, std::string_view section, std::string_view path);

}  // namespace mtls::checks::iis
