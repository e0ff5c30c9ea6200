// SPDX-License-Identifier: Apache-2.0
// The man page and the bash and zsh completions, written from the same CLI11 tree the binary
// parses with (make_app), so that they list exactly the commands and options it accepts. The
// build runs mtls-doctor-manual (manual_main.cpp) to write them; `cmake --install` installs them.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace mtls::cli {

/// mtls-doctor(1), in man(7) roff.
std::string man_page(const CLI::App& app);

/// A bash completion script (complete -F), for /usr/share/bash-completion/completions/.
std::string bash_completion(const CLI::App& app);

/// A zsh completion function (#compdef), for a directory on $fpath.
std::string zsh_completion(const CLI::App& app);

}  // namespace mtls::cli
