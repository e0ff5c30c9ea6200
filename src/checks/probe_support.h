// SPDX-License-Identifier: Apache-2.0
// Helpers the probe checks share: which attempts speak for the user, how an attempt ended, and
// the fixes with the user's own host, port and names, in the terms of the server software that answered.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/evidence.h"
#include "core/finding.h"
#include "knowledge/remedies.h"

namespace mtls::checks::probe {

/// Attempts that ran and represent the user's connection (the no-SNI twin excluded).
std::vector<const ProbeAttempt*> primary(const ProbeEvidence& p);

/// The attempts that speak about the user's certificate: those that presented the identity when
/// one was given, else every primary attempt.
std::vector<const ProbeAttempt*> presenting(const ProbeEvidence& p);

/// Alerts a server sends about the client's certificate (RFC 8446 §6.2).
bool is_certificate_alert(int code);
/// What the alert means for a client certificate, in plain words.
std::string alert_meaning(int code);

/// The server closed or reset the connection, during the handshake or before any HTTP answer,
/// with no alert the probe could read (not a timeout, not a malformed answer). After a
/// certificate went out, that is how many servers refuse it under TLS 1.3: the alert races the
/// request and the reset (RFC 8446 §4.4.2.4).
bool dropped_without_answer(const ProbeAttempt& a);

/// "closed" or "reset", for a connection that dropped_without_answer().
std::string_view drop_verb(const ProbeAttempt& a);

/// "attempt 2: GET /app/ -> 403" style reference for an attempt.
EvidenceRef attempt_ref(const ProbeAttempt& a, std::string what);

/// How the attempt ended, one phrase: "HTTP 403 (IIS 403.7)", "alert certificate_required (116) received".
std::string outcome(const ProbeAttempt& a);

/// The server software that answered and where its fix goes (host, port, certificate hash).
knowledge::remedies::ServerSite site(const ProbeEvidence& p);

/// Commands that make the server ask for the certificate in the initial handshake, in the
/// recognised software's own terms; none when it is unknown.
std::vector<RemedyCommand> request_in_handshake_commands(const ProbeEvidence& p);

/// The remedy of a finding whose fix is "ask in the initial handshake": the text in the
/// software's own terms (the generic rule when unknown) and its commands.
void require_in_handshake(Finding& f, const ProbeEvidence& p);

/// A remedy whose commands depend on the server software: `rule` (true on any server), then which
/// software the commands are for, or that it was not recognised.
void software_remedy(Finding& f, const ProbeEvidence& p, std::string_view rule, std::vector<RemedyCommand> commands);

}  // namespace mtls::checks::probe
