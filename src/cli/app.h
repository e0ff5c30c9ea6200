// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace mtls::cli {

/// Parse the command line and run the chosen command; returns the process exit status.
int run(int argc, char** argv);

}  // namespace mtls::cli
