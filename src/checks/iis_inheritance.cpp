// SPDX-License-Identifier: Apache-2.0
#include "checks/iis_inheritance.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace mtls::checks::iis {

std::string site_of(std::string_view path) {
  const std::size_t slash = path.find('/');
  return std::string(path.substr(0, slash));
}

bool is_within(std::string_view path, std::string_view ancestor) {
  if (ancestor.empty()) return true;
  if (path.size() < ancestor.size() || !iequals(path.substr(0, ancestor.size()), ancestor)) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '/';
}

std::vector<const IisLocation*> locations_in_effect(const IisEvidence& e, std::string_view path) {
  std::vector<const IisLocation*> chain;
  for (const IisLocation& l : e.locations) {
    if (is_within(path, l.path)) chain.push_back(&l);
  }
  // Shallow first, so deeper locations override; input order breaks ties (apphost before web.config).
  std::stable_sort(chain.begin(), chain.end(),
                   [](const IisLocation* a, const IisLocation* b) { return a->path.size() < b->path.size(); });
  return chain;
}

std::vector<EffectiveMapping> effective_mappings(const IisEvidence& e, std::string_view path) {
  // Linear in the mappings and edits of the chain (a configuration may hold very many): items are
  // appended and marked dead, a <clear/> moves its collection's start past every item so far, and
  // keys are found through a map instead of a scan.
  struct Item {
    EffectiveMapping m;
    bool alive = true;
  };
  std::vector<Item> items;
  std::size_t start[2] = {0, 0};  // [oneToOne, manyToOne]: items before it were cleared
  std::unordered_map<std::string, std::size_t> by_key;  // "<kind>\n<key>" -> index in items
  const auto kind_of = [](IisMappingKind kind) { return kind == IisMappingKind::one_to_one ? 0 : 1; };
  const auto map_key = [](int kind, const std::string& key) {
    // manyToOne names compare case-insensitively; a certificate (base64) compares as written.
    std::string k = std::to_string(kind) + "\n" + key;
    if (kind == 1) {
      for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return k;
  };
  const auto erase_key = [&](int kind, const std::string& key) {
    const auto it = by_key.find(map_key(kind, key));
    if (it == by_key.end()) return;
    if (it->second >= start[kind]) items[it->second].alive = false;
    by_key.erase(it);
  };
  for (const IisLocation* l : locations_in_effect(e, path)) {
    if (!l->iis_mapping) continue;
    const IisClientCertificateMappingAuthentication& section = *l->iis_mapping;
    std::size_t next_edit = 0;  // edits are in document order per collection, `before` ascending
    const auto apply_edits_before = [&](std::size_t index) {
      for (; next_edit < section.edits.size() && section.edits[next_edit].before <= index; ++next_edit) {
        const IisCollectionEdit& edit = section.edits[next_edit];
        const int kind = kind_of(edit.collection);
        if (edit.action == IisCollectionAction::clear) {
          start[kind] = items.size();
        } else {
          erase_key(kind, edit.key);
        }
      }
    };
    for (std::size_t i = 0; i < section.mappings.size(); ++i) {
      apply_edits_before(i);
      const IisCertificateMapping& add = section.mappings[i];
      const int kind = kind_of(add.kind);
      const std::string& key = kind == 0 ? add.certificate : add.name;
      erase_key(kind, key);  // a later <add> of a key already there replaces it
      by_key[map_key(kind, key)] = items.size();
      items.push_back({{&add, l}, true});
    }
    apply_edits_before(section.mappings.size());
  }
  std::vector<EffectiveMapping> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].alive && i >= start[kind_of(items[i].m.mapping->kind)]) out.push_back(items[i].m);
  }
  return out;
}

std::optional<SectionLock> section_lock_at(const IisEvidence& e, std::string_view section, std::string_view path) {
  const IisSectionDeclaration* declaration = nullptr;
  for (const IisSectionDeclaration& d : e.section_declarations) {
    if (iequals(d.section, section)) declaration = &d;
  }
  if (!declaration) return std::nullopt;
  SectionLock lock;
  lock.locked = iequals(declaration->override_mode_default, "Deny");
  lock.because = declaration->origin;
  lock.decided_by = fmt::format("overrideModeDefault=\"{}\"", declaration->override_mode_default.empty()
                                                                    ? std::string("Allow")
                                                                    : declaration->override_mode_default);
  for (const IisLocation* l : locations_in_effect(e, path)) {
    if (l->from_web_config) continue;  // locks are set where the section is declared, in applicationHost.config
    const bool allow = iequals(l->override_mode, "Allow");
    if (!allow && !iequals(l->override_mode, "Deny")) continue;  // "Inherit" or absent: the parent decides
    const auto named = std::find_if(l->sections.begin(), l->sections.end(),
                                    [&](const IisSectionUse& u) { return iequals(u.section, section); });
    if (named == l->sections.end()) continue;
    lock.locked = !allow;
    lock.because = l->origin;
    lock.decided_by = fmt::format("overrideMode=\"{}\" at \"{}\"", l->override_mode, l->path);
  }
  return lock;
}

Effective effective_at(const IisEvidence& e, std::string_view path) {
  const std::vector<const IisLocation*> chain = locations_in_effect(e, path);
  Effective out;
  for (const IisLocation* l : chain) {
    if (l->access) out.access = l->access;
    if (l->anonymous_authentication) {
      out.anonymous = l->anonymous_authentication;
      out.anonymous_origin = l->anonymous_origin;
    }
    if (l->iis_mapping) {
      if (l->iis_mapping->enabled) {
        out.mapping_enabled = l->iis_mapping->enabled;
        out.mapping_origin = l->iis_mapping->origin;
      }
      if (l->iis_mapping->many_to_one_enabled) out.many_to_one_enabled = l->iis_mapping->many_to_one_enabled;
      if (l->iis_mapping->one_to_one_enabled) out.one_to_one_enabled = l->iis_mapping->one_to_one_enabled;
    }
    if (l->client_certificate_mapping_authentication) {
      out.ad_mapping_enabled = l->client_certificate_mapping_authentication;
      out.ad_mapping_origin = l->client_certificate_mapping_origin;
    }
  }
  return out;
}

}  // namespace mtls::checks::iis
