// SPDX-License-Identifier: Apache-2.0
#include "cli/pipeline.h"

#include "checks/all_checks.h"
#include "cli/clock.h"
#include "cli/output.h"
#include "core/runner.h"
#include "core/version.h"
#include "knowledge/finding_links.h"

namespace mtls::cli {

int run_pipeline(const GlobalOptions& options, const PipelineSpec& spec,
                 const std::function<Expected<collect::Collection>()>& collect) {
  if (auto format = output_format(options); !format) return fail(format.error());
  auto collection = collect();
  if (!collection) return fail(collection.error());
  RunOptions run{.command = spec.command,
                 .inputs = std::move(collection->inputs),
                 .version = std::string(version()),
                 .context = CheckContext{collection->judged_at.value_or(now_for_report())},
                 .scope = spec.scope,
                 .links = knowledge::finding_links()};
  Report report = run_checks(all_checks(), std::move(collection->evidence), run);
  report.generated_at = now_for_report();  // the report's time, also when validity is judged at --at
  return emit_report(options, report);
}

}  // namespace mtls::cli
