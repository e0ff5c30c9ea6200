// SPDX-License-Identifier: Apache-2.0
// A farm's logs on an existing engine: `logs --partial` is the map step (each input's aggregate
// as one JSON line), `logs --merge` the reduce step (the lines merged in the order given, into the
// evidence `logs` gives on all the inputs at once). The aggregate is the reader's own bounded state
// (counts, first examples, top lists as Space-Saving sketches, the late-negotiation 500s still
// waiting and 403.7s not yet paired), so merging the lines is what read_logs does itself between
// inputs. docs/scale.md shows it under Hadoop Streaming and Spark.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/logs.h"
#include "core/expected.h"
#include "parse/logs/logs.h"

namespace mtls::logs {

/// The "mtls_doctor_partial" version of the lines written; merge refuses any other.
inline constexpr int kPartialVersion = 1;
/// The longest partial line merge reads (a line holds one input's bounded aggregate).
inline constexpr std::size_t kMaxPartialLineBytes = 64u << 20;

/// Read like read_logs and hand each input's aggregate to `write` as one JSON line (without its
/// newline), in input order. An input its reader refuses is named in its line ("error"), not fatal:
/// the merge decides, as `logs` does, whether anything usable is left.
Expected<Done> write_partials(const std::vector<std::string>& paths, const LogOptions& options,
                              const std::function<void(std::string_view line)>& write);

/// Merge partial files ("-": standard input) in the order given. Every line must come from the
/// same filters (--since, --until, --site, --window); an error names file:line of a bad line.
Expected<LogEvidence> merge_partials(const std::vector<std::string>& paths);
/// The same for the partial lines of one text (tests, fuzzing).
Expected<LogEvidence> merge_partial_text(std::string_view text, std::string_view name);

}  // namespace mtls::logs
