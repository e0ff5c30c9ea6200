// SPDX-License-Identifier: Apache-2.0
// The stable finding ids of DESIGN §4. Ids never change meaning once released.
#include "knowledge/finding_catalog.h"

#include <stdexcept>
#include <string>

namespace mtls::knowledge {
namespace {

const std::vector<CatalogEntry> table{
    {"tls.certificate-request-late", Severity::error, Step::C11, Role::mechanism,
     "The server asks for the client certificate only by renegotiation, after the request",
     "The server completed the handshake without a CertificateRequest and asked for the "
     "certificate only after reading the HTTP request, by TLS 1.2 renegotiation. HTTP/2 forbids "
     "renegotiation (RFC 7540 §9.2.1) and TLS 1.3 has none, so browsers on h2 or TLS 1.3 are "
     "never asked and the server answers 403.7.",
     "Request the certificate in the initial handshake: on IIS enable Negotiate Client "
     "Certificate on the http.sys binding; on nginx and Apache require the certificate at the "
     "virtual-host level, not per location.",
     {"500 0 64", "403.7", "clientcertnegotiation"}},
};

}  // namespace

std::span<const CatalogEntry> finding_catalog() { return table; }

const CatalogEntry* find_catalog_entry(std::string_view id) {
  for (const CatalogEntry& e : table) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

Finding make_finding(std::string_view id) {
  const CatalogEntry* e = find_catalog_entry(id);
  if (!e) throw std::logic_error("finding id not in the catalog: " + std::string(id));
  Finding f;
  f.id = std::string(e->id);
  f.severity = e->severity;
  f.step = e->step;
  f.role = e->role;
  f.title = std::string(e->title);
  f.detail = std::string(e->explanation);
  f.remedy.text = std::string(e->remedy);
  return f;
}

}  // namespace mtls::knowledge
