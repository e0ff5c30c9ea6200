// SPDX-License-Identifier: Apache-2.0
#include "collect/collect.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <thread>

#include "capture/keylog.h"
#include "capture/pcap_analysis.h"
#include "collect/files.h"
#include "collect/iis_inputs.h"
#include "core/input_file.h"
#include "core/sniff.h"
#include "parse/iis/text_decoding.h"
#include "parse/logs/logs.h"
#include "tls/certificate_sources.h"
#include "core/ascii.h"

namespace mtls::collect {
namespace fs = std::filesystem;
namespace {

/// Which Windows certificate store a certificate file came from, told by the folder it sits in
/// (the collection script writes stores/<store name>/<thumbprint>.cer): content cannot say
/// whether a CA certificate sat in Root or in CA, and that is what C7 and C9 turn on.
enum class StoreFolder { none, root, intermediate, ctl, personal };

StoreFolder store_folder(const std::vector<std::string>& folders) {
  static constexpr std::pair<std::string_view, StoreFolder> names[] = {
      {"Root", StoreFolder::root},
      {"AuthRoot", StoreFolder::root},
      {"Trusted Root Certification Authorities", StoreFolder::root},
      {"CA", StoreFolder::intermediate},
      {"Intermediate", StoreFolder::intermediate},
      {"Intermediate Certification Authorities", StoreFolder::intermediate},
      {"ClientAuthIssuer", StoreFolder::ctl},
      {"MY", StoreFolder::personal},
      {"Personal", StoreFolder::personal},
  };
  for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
    for (const auto& [name, folder] : names) {
      if (parse::iequals(*it, name)) return folder;
    }
  }
  return StoreFolder::none;
}

/// A web.config's virtual path from where the bundle holds it: sites/<site name>/<path>/web.config
/// (the collection script's layout), e.g. "Default Web Site/app". Empty when it is not there.
std::string web_config_vpath(const std::vector<std::string>& folders) {
  for (std::size_t i = 0; i < folders.size(); ++i) {
    if (!parse::iequals(folders[i], "sites") || i + 1 >= folders.size()) continue;
    std::string vpath;
    for (std::size_t j = i + 1; j < folders.size(); ++j) {
      if (!vpath.empty()) vpath += '/';
      vpath += folders[j];
    }
    return vpath;
  }
  return {};
}

/// Whether registry keys hold what makes a server (Schannel settings, http.sys SSL bindings).
bool describes_a_server(const std::vector<parse::RegistryKey>& keys) {
  return std::any_of(keys.begin(), keys.end(), [](const parse::RegistryKey& k) {
    const std::string path = to_lower(k.path);
    return path.find("\\securityproviders\\schannel") != std::string::npos ||
           path.find("\\services\\http\\parameters\\ssl") != std::string::npos;
  });
}

/// Whether a PEM file holds a private key and a certificate: a client identity, not a store.
bool pem_identity(const FoundFile& f) {
  auto head = read_head(f.path, 1 << 20);
  return head && head->find("PRIVATE KEY-----") != std::string::npos &&
         head->find("-----BEGIN CERTIFICATE-----") != std::string::npos;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

struct Collector {
  const CollectInputs& in;
  Collection out;
  Evidence& ev = out.evidence;

  void record(const FoundFile& f, bool read, std::string note) {
    ev.inputs.push_back({f.display, f.kind, read, std::move(note)});
  }
  void skip(const FoundFile& f, std::string why, bool is_problem) {
    if (is_problem) ev.problems.push_back({f.display, why});
    record(f, false, std::move(why));
  }
  /// An input its reader refused: the problem is "FILE[:LINE]: what (why)" as the error names it
  /// (the same words `mtls-doctor` prints when that file alone is given).
  void skip(const FoundFile& f, const Error& e, bool is_problem) {
    if (is_problem) problem(e, f.display);
    record(f, false, e.where.empty() || e.where == f.display ? e.message : e.to_string());
  }
  void problem(const Error& e, const std::string& fallback) {
    ev.problems.push_back({e.where.empty() ? fallback : e.where, e.message});
  }

  // --- IIS, http.sys and Schannel -----------------------------------------------------------
  std::optional<IisEvidence> iis;
  std::size_t iis_files_read = 0;  ///< a part made for a file its reader then refused is no evidence
  std::string first_config;
  std::string first_system_hive;

  IisEvidence& iis_part() {
    if (!iis) iis.emplace();
    return *iis;
  }

  void read_config(const FoundFile& f, std::string_view vpath) {
    if (f.kind == InputKind::application_host_config) {
      if (!first_config.empty()) {
        skip(f, fmt::format("a second applicationHost.config (the first is {}): one bundle describes one server, so it "
                            "was not merged; diagnose the other server's files on their own", first_config),
             true);
        return;
      }
      first_config = f.display;
    }
    if (auto done = add_config(iis_part(), f.path, f.display, vpath); !done) {
      skip(f, done.error(), true);
      return;
    }
    ++iis_files_read;
    record(f, true, vpath.empty() ? std::string() : fmt::format("read at {}", vpath));
  }

  void read_registry(const FoundFile& f) {
    auto keys = read_registry_keys(f.path, f.display, f.kind);
    if (!keys) {
      skip(f, keys.error(), true);
      return;
    }
    if (f.kind == InputKind::registry_hive && describes_a_server(*keys)) {
      // A SYSTEM hive (Schannel, http.sys bindings) describes one server: a second one is
      // another server's (or another time's), and merging the two would invent a configuration.
      if (!first_system_hive.empty()) {
        skip(f, fmt::format("a second SYSTEM hive (the first is {}): one bundle describes one server, so it was not "
                            "merged",
                            first_system_hive),
             true);
        return;
      }
      first_system_hive = f.display;
    }
    add_registry_keys(iis_part(), *keys, f.display);
    ++iis_files_read;
    record(f, true, plural(keys->size(), "key", "keys"));
  }

  void read_sslcert(const FoundFile& f) {
    auto n = add_sslcert(iis_part(), f.path, f.display);
    if (!n) {
      skip(f, n.error(), true);
      return;
    }
    ++iis_files_read;
    record(f, true, plural(*n, "binding", "bindings"));
  }

  // --- logs ----------------------------------------------------------------------------------
  void read_logs(const std::vector<const FoundFile*>& files) {
    if (files.empty()) return;
    std::vector<std::string> paths;
    std::map<std::string, std::string> display;
    for (const FoundFile* f : files) {
      paths.push_back(f->path);
      display[f->path] = f->display;
    }
    logs::LogOptions options;
    options.filters = in.log_filters;
    options.jobs = in.jobs != 0 ? in.jobs : std::max(1u, std::thread::hardware_concurrency());
    options.progress = in.progress;
    options.display_name = [&display](const std::string& path) {
      auto it = display.find(path);
      return it == display.end() ? path : it->second;
    };
    auto read = logs::read_logs(paths, options);
    if (!read) {
      for (const FoundFile* f : files) skip(*f, read.error(), false);
      problem(read.error(), files.front()->display);
      return;
    }
    std::map<std::string, std::string> trouble;
    for (const LogFileProblem& p : read->problems) {
      trouble.emplace(p.file, p.message);
      ev.problems.push_back({p.file, p.message});
    }
    // A file read with a #Fields it does not declare says so in its collection note.
    std::map<std::string, std::string> assumed;
    for (const LogExample& a : read->assumed_fields) {
      assumed.emplace(a.file, fmt::format("no #Fields directive: read from line {} with the assumed field set \"{}\"",
                                          a.line, a.text));
    }
    for (const FoundFile* f : files) {
      auto it = trouble.find(f->display);
      if (it == trouble.end()) {
        auto note = assumed.find(f->display);
        record(*f, true, note == assumed.end() ? std::string() : note->second);
      } else {
        record(*f, false, it->second);
      }
    }
    ev.logs = std::move(*read);
  }

  // --- captures ------------------------------------------------------------------------------
  void read_captures(const std::vector<const FoundFile*>& files, const std::vector<const FoundFile*>& keylogs) {
    std::optional<capture::KeyLog> keylog;
    std::string keylog_name;
    auto load_keylog = [&](const std::string& path, const std::string& name) -> bool {
      auto log = capture::read_keylog_file(path);
      if (!log) {
        problem(log.error(), name);
        return false;
      }
      keylog = std::move(*log);
      keylog_name = name;
      for (std::string& note : capture::keylog_notes(*keylog)) ev.problems.push_back({name, std::move(note)});
      return true;
    };
    if (!in.keylog.empty()) load_keylog(in.keylog, in.keylog);
    for (const FoundFile* k : keylogs) {
      if (keylog) {
        skip(*k, fmt::format("a second key log (the first is {})", keylog_name), false);
        continue;
      }
      if (load_keylog(k->path, k->display)) {
        record(*k, true, plural(keylog->entries, "secret", "secrets"));
      } else {
        record(*k, false, "not a readable key log");
      }
    }
    if (files.empty()) return;
    PcapEvidence pcap;
    capture::AnalysisOptions options;
    if (keylog) {
      options.keylog = &*keylog;
      pcap.keylog = keylog_name;
    }
    bool any = false;
    for (const FoundFile* f : files) {
      const std::size_t notes_before = pcap.notes.size();
      auto done = capture::analyze_capture_file(f->path, options, pcap, f->display);
      if (!done) {
        skip(*f, done.error(), true);
        continue;
      }
      any = true;
      for (std::size_t n = notes_before; n < pcap.notes.size(); ++n) ev.problems.push_back({f->display, pcap.notes[n]});
      record(*f, true, {});
    }
    if (any) ev.pcap = std::move(pcap);
  }

  // --- certificates and stores ---------------------------------------------------------------
  void read_certificates(const std::vector<const FoundFile*>& files) {
    tls::IdentitySpec identity = in.identity;
    std::string identity_from = identity.empty() ? std::string() : "the command line";
    std::map<StoreFolder, std::vector<const FoundFile*>> stores;
    for (const FoundFile* f : files) {
      const StoreFolder folder = store_folder(f->folders);
      const bool is_identity = f->kind == InputKind::pkcs12 || (f->kind == InputKind::pem && pem_identity(*f));
      if (is_identity && folder == StoreFolder::none) {
        if (!identity.empty()) {
          skip(*f, fmt::format("a client identity, but one is already given ({})", identity_from), false);
          continue;
        }
        identity = tls::IdentitySpec{};
        (f->kind == InputKind::pkcs12 ? identity.pfx_file : identity.cert_file) = f->path;
        identity_from = f->display;
        record(*f, true, "client identity");
        continue;
      }
      switch (folder) {
        case StoreFolder::none:
          skip(*f, "a certificate outside a store folder (Root, CA, ClientAuthIssuer): give the client's with --cert, "
                   "or put the server's stores under stores/<store name>/",
               false);
          break;
        case StoreFolder::personal:
          skip(*f, "a certificate of the server's own (MY) store: client authentication does not use it", false);
          break;
        default: stores[folder].push_back(f);
      }
    }
    std::vector<std::string> root_dirs, intermediate_dirs;
    CertificateEvidence evidence;
    bool any = false;
    for (const auto& [folder, list] : stores) {
      // One store per folder on disk: the folder holds that store's certificates.
      std::vector<std::string> dirs;
      for (const FoundFile* f : list) {
        const std::string dir = fs::path(f->path).parent_path().string();
        if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
      }
      if (folder == StoreFolder::root) root_dirs = dirs;
      if (folder == StoreFolder::intermediate) intermediate_dirs = dirs;
      tls::StoreInputs store_inputs;
      store_inputs.stores = dirs;
      store_inputs.role = folder == StoreFolder::root ? StoreRole::root
                          : folder == StoreFolder::ctl ? StoreRole::ctl
                                                       : StoreRole::intermediate;
      store_inputs.at = in.now;
      auto audited = tls::collect_store_evidence(store_inputs, in.password);
      if (!audited) {
        for (const FoundFile* f : list) skip(*f, audited.error(), false);
        problem(audited.error(), list.front()->display);
        continue;
      }
      const std::string_view name = folder == StoreFolder::root ? "Root" : folder == StoreFolder::ctl ? "ClientAuthIssuer" : "CA";
      for (StoreFacts& s : audited->stores) {
        s.windows_store = name;  // exported from a Windows machine store: its remedies are certutil's
        evidence.stores.push_back(std::move(s));
      }
      any = true;
      for (const FoundFile* f : list) record(*f, true, fmt::format("{} store", name));
    }
    if (!identity.empty()) {
      tls::CertificateInputs ci;
      ci.identity = identity;
      ci.trust = root_dirs;          // the server's Root store judges the client's chain (C7)
      ci.untrusted = intermediate_dirs;
      ci.at = in.now;
      auto facts = tls::collect_certificate_evidence(ci, in.password);
      if (!facts) {
        problem(facts.error(), identity_from);
      } else {
        facts->stores = std::move(evidence.stores);
        evidence = std::move(*facts);
        any = true;
      }
    }
    identity_used = identity;
    if (any) ev.certificates = std::move(evidence);
  }
  tls::IdentitySpec identity_used;

  /// Nothing usable is left: the error names the first input that could not be used, in its
  /// reader's words ("FILE[:LINE]: what (why)"), and how many more were skipped.
  Unexpected<Error> nothing_usable() const {
    Error e;
    const auto first = std::find_if(ev.inputs.begin(), ev.inputs.end(), [](const InputRecord& r) { return !r.read; });
    if (!ev.problems.empty()) {
      // A reader's error (it may name a line) before a file merely skipped for its kind.
      e.where = ev.problems.front().input;
      e.message = ev.problems.front().message;
    } else if (first != ev.inputs.end()) {
      e.where = first->path;
      e.message = first->note;
    } else {
      const std::string path = in.paths.empty() ? std::string() : in.paths.front();
      return unexpected(file_error(path, "nothing to read", "no file in it"));
    }
    const std::size_t unread = static_cast<std::size_t>(
        std::count_if(ev.inputs.begin(), ev.inputs.end(), [](const InputRecord& r) { return !r.read; }));
    if (ev.inputs.size() > 1) {
      e.message += fmt::format("; nothing usable is left ({} of {} inputs not read)", unread, ev.inputs.size());
    }
    return unexpected(std::move(e));
  }

  Expected<Done> run() {
    BundleContents contents;
    if (in.probe) out.inputs.push_back(in.probe->url);
    for (const std::string& path : in.paths) {
      out.inputs.push_back(path);
      if (auto walked = walk_bundle(path, in.limits, contents); !walked) return unexpected(walked.error());
    }
    std::vector<const FoundFile*> log_files, captures, keylogs, certificates;
    for (const FoundFile& f : contents.files) {
      switch (f.kind) {
        case InputKind::application_host_config: read_config(f, {}); break;
        case InputKind::web_config: {
          const std::string vpath = web_config_vpath(f.folders);
          if (vpath.empty()) {
            skip(f, "a web.config, but not where its virtual path can be told: put it at sites/<site name>/<path>/"
                    "web.config, or give it to `mtls-doctor iis --web-config VPATH=FILE`",
                 false);
          } else {
            read_config(f, vpath);
          }
          break;
        }
        case InputKind::netsh_sslcert: read_sslcert(f); break;
        case InputKind::reg_export:
        case InputKind::registry_hive: read_registry(f); break;
        case InputKind::pcap:
        case InputKind::pcapng: captures.push_back(&f); break;
        case InputKind::nss_keylog: keylogs.push_back(&f); break;
        case InputKind::empty: skip(f, "empty (0 bytes)", false); break;
        case InputKind::unknown: skip(f, "not a kind of file mtls-doctor reads (its first bytes match no format it knows)", false); break;
        case InputKind::zip: break;  // unpacked by the walk
        default:
          if (is_log(f.kind)) log_files.push_back(&f);
          if (is_certificate(f.kind)) certificates.push_back(&f);
      }
    }
    if (iis && iis_files_read > 0) {
      finish_store_certificates(*iis);
      ev.iis = std::move(*iis);
    }
    read_logs(log_files);
    read_captures(captures, keylogs);
    read_certificates(certificates);
    for (InputRecord& r : contents.skipped) {
      ev.problems.push_back({r.path, r.note});
      ev.inputs.push_back(std::move(r));
    }
    if (in.probe) {
      tls::ProbeOptions options = *in.probe;
      if (options.identity.empty()) options.identity = identity_used;
      options.password = in.password;
      auto result = tls::run_probe(options);
      if (!result) return unexpected(result.error());
      ev.probe = std::move(result->probe);
      if (!ev.certificates && !result->identity.empty()) ev.certificates = CertificateEvidence{std::move(result->identity)};
    }
    const bool usable = ev.probe || ev.certificates || ev.iis || ev.logs || ev.pcap;
    if (!usable) return nothing_usable();
    return Done{};
  }
};

}  // namespace

Expected<Collection> collect(const CollectInputs& inputs) {
  Collector c{inputs, {}};
  if (auto done = c.run(); !done) return unexpected(done.error());
  return std::move(c.out);
}

}  // namespace mtls::collect
