// SPDX-License-Identifier: Apache-2.0
// A Finding: one thing that is wrong (or worth knowing), why, what it rests on, and how to fix it.
#pragma once

#include <string>
#include <vector>

#include "core/checklist.h"
#include "core/evidence_ref.h"
#include "core/severity.h"

namespace mtls {

/// How a finding relates to the failure the user sees; ranking puts causes first (docs/report.schema.json:
/// "Findings are ordered most-likely-root-cause first").
enum class Role {
  cause,      ///< a configuration or certificate defect that by itself makes authentication fail
  mechanism,  ///< how the failure shows on the wire (no request, late request, empty Certificate)
  symptom,    ///< what the user sees (403.7 in a log, an HTTP status)
  context,    ///< a fact that explains the others (the CA list the registry makes the server send)
};

std::string_view to_string(Role role);

/// Where a remedy command is typed: the quoting of its values follows it.
enum class Shell {
  cmd,         ///< Windows Command Prompt (appcmd's %windir%, reg, certutil)
  powershell,  ///< Windows PowerShell (netsh with appid='{...}', Set-WebConfigurationProperty)
  bash,        ///< a POSIX shell (openssl, curl, mtls-doctor)
  config,      ///< a line of a configuration file (nginx, Apache, OpenSSL), not a shell command
};

std::string_view to_string(Shell shell);

/// One step of a remedy: the exact text the user types or pastes, on one line, with what it is
/// for beside it (never inside it).
struct RemedyCommand {
  Shell shell = Shell::cmd;
  std::string label;    ///< the product it applies to: "IIS", "nginx", "Apache", "Windows"
  std::string command;  ///< exactly what is typed, one line, with the user's values
  std::string note;     ///< what to look for, or which input fills a <placeholder>

  bool operator==(const RemedyCommand&) const = default;
};

struct Remedy {
  std::string text;
  std::vector<RemedyCommand> commands;  ///< in the order to run them; alternatives say so in the note

  bool operator==(const Remedy&) const = default;
};

struct Finding {
  std::string id;  ///< stable id from the catalog (docs/checklist.md), e.g. "tls.certificate-request-late"
  Severity severity = Severity::error;
  Step step = Step::none;
  Role role = Role::cause;
  std::string title;   ///< one line
  std::string detail;  ///< plain words, with the user's values
  std::vector<EvidenceRef> evidence;
  Remedy remedy;
  /// Findings of other ids this one explains and absorbed (their evidence is in `evidence`):
  /// the 403.7 entries a late certificate request produces, folded into that cause.
  std::vector<std::string> related;

  bool operator==(const Finding&) const = default;
};

}  // namespace mtls
