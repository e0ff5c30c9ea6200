// SPDX-License-Identifier: Apache-2.0
// Helpers the probe checks share: which attempts speak for the user, how an attempt ended, and
// the fixes with the user's own host, port and names (IIS, nginx, Apache).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/evidence.h"
#include "core/finding.h"

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

/// Commands that make the server ask for the certificate in the initial handshake.
std::vector<RemedyCommand> request_in_handshake_commands(const ProbeEvidence& p);

}  // namespace mtls::checks::probe
