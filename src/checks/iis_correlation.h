// SPDX-License-Identifier: Apache-2.0
// What the IIS checks share about bindings: which http.sys binding serves a site's https binding,
// whether a site asks for a client certificate, and the bindings that serve a site (the settings
// in effect at a path are iis_inheritance.h; the commands that fix them are knowledge/remedies.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/iis_inheritance.h"
#include "core/evidence/iis.h"
#include "core/ascii.h"

namespace mtls::checks::iis {

/// The http.sys binding that serves `binding` (https only): SNI bindings by Hostname:port, central
/// certificate store bindings by port, others by IP:port, falling back to the 0.0.0.0 / [::]
/// wildcard as http.sys does. nullptr when none does.
const HttpSysBinding* serving_binding(const IisEvidence& e, const IisBinding& binding);

/// True when content at or below the site asks for a client certificate (SslNegotiateCert or
/// SslRequireCert in effect at the site or at one of its locations).
bool site_wants_client_certificate(const IisEvidence& e, std::string_view site);
/// Whether any site (or, in a fragment without sites, any location) requires or accepts a client
/// certificate: without one, the binding and mapping steps have nothing to hold for.
bool any_site_wants_client_certificate(const IisEvidence& e);
/// The not-checked reason of the steps that only matter where a site asks for a certificate.
inline constexpr std::string_view kNoSiteWantsCertificate =
    "no <access sslFlags> in the configuration requires or accepts a client certificate";

/// The distinct http.sys bindings serving the site's https bindings.
std::vector<const HttpSysBinding*> bindings_serving_site(const IisEvidence& e, const IisSite& site);

}  // namespace mtls::checks::iis
