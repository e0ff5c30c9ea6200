// SPDX-License-Identifier: Apache-2.0
// Every command is one pipeline: collect -> run every check -> correlate and rank -> render ->
// exit status. A command file holds its options and one call of run_pipeline.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "collect/collect.h"
#include "core/checklist.h"
#include "core/expected.h"

namespace mtls::cli {

struct PipelineSpec {
  std::string command;
  std::vector<Step> scope;  ///< the checklist steps the command looks at; empty = C1-C14
};

/// The --format is checked before anything is collected (no probe runs for a typo), then the
/// collection runs; an unusable collection exits 2 with its one-line reason.
int run_pipeline(const GlobalOptions& options, const PipelineSpec& spec,
                 const std::function<Expected<collect::Collection>()>& collect);

}  // namespace mtls::cli
