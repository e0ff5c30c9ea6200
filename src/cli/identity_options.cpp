// SPDX-License-Identifier: Apache-2.0
#include "cli/identity_options.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/input_file.h"

namespace mtls::cli {
namespace {

Expected<Secret> read_password_file(const std::string& path) {
  // The checks every input has (a FIFO or a folder is refused before it is opened); the file is
  // then read by one getline, so no copy of the password is left in a grown buffer. An empty
  // file is an empty password.
  if (auto ok = check_input_file(path, {}, true); !ok) return unexpected(ok.error());
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(file_error(path, "cannot read", std::strerror(errno)));
  std::string line;
  std::getline(in, line);
  // One line; a trailing CR from a Windows editor is not part of the password.
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Secret(std::move(line));
}

Expected<Secret> prompt_password(const std::string& prompt) {
  if (::isatty(STDIN_FILENO) != 1) {
    return unexpected(
        "a password is needed and standard input is not a terminal; use --password-file FILE or --password-env VAR");
  }
  std::fputs(prompt.c_str(), stderr);
  std::fflush(stderr);
  termios old_mode{};
  const bool restore = ::tcgetattr(STDIN_FILENO, &old_mode) == 0;
  if (restore) {
    termios quiet = old_mode;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  int c = 0;
  while ((c = std::fgetc(stdin)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
  if (restore) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old_mode);
  std::fputs("\n", stderr);
  return Secret(std::move(line));
}

}  // namespace

std::string password_prompt(const tls::IdentitySpec& spec) {
  if (!spec.pfx_file.empty()) return fmt::format("Password for '{}': ", spec.pfx_file);
  if (!spec.key_file.empty()) return fmt::format("Password for '{}': ", spec.key_file);
  if (!spec.cert_file.empty()) return fmt::format("Password for '{}': ", spec.cert_file);
  return "Password for the PKCS#12 store: ";
}

void add_identity_options(CLI::App& app, IdentityOptions& options) {
  app.add_option("--cert", options.spec.cert_file, "client certificate (PEM or DER; PEM may hold chain and key)");
  app.add_option("--key", options.spec.key_file, "private key (PEM or DER, PKCS#1 or PKCS#8, encrypted or not)");
  app.add_option("--chain", options.spec.chain_file, "intermediate certificates the client sends");
  app.add_option("--pfx", options.spec.pfx_file, "PKCS#12 file (.pfx/.p12) with certificate, key and chain");
  app.add_option("--password-file", options.password_file, "read the key or PKCS#12 password from FILE");
  app.add_option("--password-env", options.password_env, "read the key or PKCS#12 password from environment variable VAR");
  // Accepted only to refuse with a reason: a password on the command line leaks into shell
  // history and the process list.
  app.add_option("--password,--pass", options.refused_password)->group("");
}

std::string identity_options_error(const IdentityOptions& options) {
  if (!options.refused_password.empty()) {
    return "a password is never accepted on the command line (it would show in shell history and ps); "
           "use --password-file FILE, --password-env VAR, or the prompt";
  }
  if (!options.spec.pfx_file.empty() && !options.spec.cert_file.empty()) {
    return "give either --pfx or --cert, not both";
  }
  if (options.spec.cert_file.empty() && options.spec.pfx_file.empty() &&
      (!options.spec.key_file.empty() || !options.spec.chain_file.empty())) {
    return "--key and --chain need --cert";
  }
  return {};
}

tls::PasswordProvider password_provider(const IdentityOptions& options) {
  const std::string file = options.password_file;
  const std::string env = options.password_env;
  const std::string prompt = password_prompt(options.spec);
  return [file, env, prompt]() -> Expected<Secret> {
    if (!file.empty()) return read_password_file(file);
    if (!env.empty()) {
      const char* value = std::getenv(env.c_str());
      if (!value) return unexpected(fmt::format("environment variable '{}' is not set", env));
      return Secret(value);
    }
    return prompt_password(prompt);
  };
}

}  // namespace mtls::cli
