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
                 .context = CheckContext{now_for_report()},
                 .scope = spec.scope,
                 .links = knowledge::finding_links()};
  return emit_report(options, run_checks(all_checks(), std::move(collection->evidence), run));
}

}  // namespace mtls::cli
