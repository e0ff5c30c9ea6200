// SPDX-License-Identifier: Apache-2.0
#include "cli/manual.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "core/version.h"

namespace mtls::cli {
namespace {

using Options = std::vector<const CLI::Option*>;

std::vector<const CLI::App*> subcommands(const CLI::App& app) {
  return app.get_subcommands(std::function<bool(const CLI::App*)>{});
}

/// The options a user sees: not hidden (an empty group), not the positionals.
Options named_options(const CLI::App& app) {
  Options out;
  for (const CLI::Option* o : app.get_options()) {
    if (!o->get_group().empty() && !o->get_positional()) out.push_back(o);
  }
  return out;
}

Options positionals(const CLI::App& app) {
  Options out;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_positional()) out.push_back(o);
  }
  return out;
}

std::vector<std::string> names(const CLI::Option& o) {
  std::vector<std::string> out;
  for (const std::string& s : o.get_snames()) out.push_back("-" + s);
  for (const std::string& l : o.get_lnames()) out.push_back("--" + l);
  return out;
}

std::string key(const CLI::Option& o) {
  return o.get_positional()       ? o.get_name()
         : o.get_lnames().empty() ? std::string()
                                  : "--" + o.get_lnames().front();
}

bool takes_value(const CLI::Option& o) { return o.get_type_size() != 0; }
bool repeatable(const CLI::Option& o) { return o.get_items_expected_max() > 1; }

std::string type_of(const CLI::Option& o) {
  const std::string_view named = option_type_name(key(o));
  if (!named.empty()) return std::string(named);
  std::string type = o.get_type_name();
  return type.empty() ? "VALUE" : type;
}

/// Fixed choices for a value, where there are any.
std::vector<std::string_view> choices(std::string_view type) {
  if (type == "FORMAT") return {"text", "json", "markdown", "html", "sarif"};
  if (type == "VERSION") return {"1.2", "1.3"};
  if (type == "ROLE") return {"root", "intermediate", "ctl"};
  return {};
}

// --- man(7) ---

/// Text for a roff line: backslashes and hyphens escaped, a leading dot or quote neutralised.
std::string roff(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

std::string man_option(const CLI::Option& o) {
  std::string head;
  for (const std::string& n : names(o)) {
    if (!head.empty()) head += ", ";
    head += "\\fB" + roff(n) + "\\fR";
  }
  if (takes_value(o)) head += " \\fI" + roff(type_of(o)) + "\\fR";
  std::string text = o.get_description();
  if (!o.get_default_str().empty()) text += fmt::format(" (default: {})", o.get_default_str());
  return fmt::format(".TP\n{}\n{}\n", head, roff(text));
}

std::string man_examples(const std::string& footer) {
  std::string out;
  std::string_view rest = footer;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (line == "Examples:") {
      out += ".PP\nExamples:\n.RS\n.nf\n";
      while (!rest.empty() && rest.starts_with("  ")) {
        const std::size_t e = rest.find('\n');
        out += roff(rest.substr(2, e == std::string_view::npos ? e : e - 2)) + "\n";
        rest = e == std::string_view::npos ? std::string_view{} : rest.substr(e + 1);
      }
      out += ".fi\n.RE\n";
    } else if (!line.empty()) {
      out += ".PP\n" + roff(line) + "\n";
    }
  }
  return out;
}

// --- shells ---

/// `text` in single quotes for bash and zsh ('\'' for a quote inside).
std::string single_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string bash_words(const Options& options) {
  std::string out;
  for (const CLI::Option* o : options) {
    for (const std::string& n : names(*o)) out += (out.empty() ? "" : " ") + n;
  }
  return out;
}

/// The bash words that complete a value of `type`.
std::string bash_value(std::string_view type) {
  if (type == "FILE" || type == "FILE|DIR") return "COMPREPLY=($(compgen -f -- \"$cur\"))";
  if (type == "DIR") return "COMPREPLY=($(compgen -d -- \"$cur\"))";
  const auto fixed = choices(type);
  if (!fixed.empty()) {
    std::string words;
    for (std::string_view w : fixed) words += (words.empty() ? "" : " ") + std::string(w);
    return fmt::format("COMPREPLY=($(compgen -W '{}' -- \"$cur\"))", words);
  }
  return "COMPREPLY=()";
}

/// `case "$prev" in ... esac` lines for the options of `options` that take a value.
std::string bash_value_cases(const Options& options, std::string_view indent) {
  std::string out;
  for (const CLI::Option* o : options) {
    if (!takes_value(*o)) continue;
    std::string patterns;
    for (const std::string& n : names(*o)) patterns += (patterns.empty() ? "" : "|") + n;
    out += fmt::format("{}{}) {}; return ;;\n", indent, patterns, bash_value(type_of(*o)));
  }
  return out;
}

/// A zsh _arguments description: no brackets or colons, which _arguments reads as syntax.
std::string zsh_description(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string zsh_action(std::string_view type) {
  if (type == "FILE" || type == "FILE|DIR") return "_files";
  if (type == "DIR") return "_files -/";
  const auto fixed = choices(type);
  if (!fixed.empty()) {
    std::string words;
    for (std::string_view w : fixed) words += (words.empty() ? "" : " ") + std::string(w);
    return "(" + words + ")";
  }
  return " ";
}

std::string zsh_specs(const CLI::App& app, std::string_view indent) {
  std::string out;
  for (const CLI::Option* o : named_options(app)) {
    const std::string description = zsh_description(o->get_description());
    for (const std::string& n : names(*o)) {
      std::string spec = (repeatable(*o) ? "*" : "") + n + "[" + description + "]";
      if (takes_value(*o)) {
        const std::string type = type_of(*o);
        spec += ":" + zsh_description(type) + ":" + zsh_action(type);
      }
      out += fmt::format("{}{} \\\n", indent, single_quoted(spec));
    }
  }
  for (const CLI::Option* o : positionals(app)) {
    const std::string type = type_of(*o);
    const std::string action = o->get_name() == "command" ? "->commands" : zsh_action(type);
    const std::string spec =
        (repeatable(*o) ? "*" : "") + std::string(":") + zsh_description(type) + ":" + action;
    out += fmt::format("{}{} \\\n", indent, single_quoted(spec));
  }
  return out;
}

}  // namespace

std::string man_page(const CLI::App& app) {
  std::string out = fmt::format(
      ".\\\" SPDX-License-Identifier: Apache-2.0\n"
      ".\\\" Generated by mtls-doctor-manual from the command table: do not edit.\n"
      ".TH MTLS\\-DOCTOR 1 \"\" \"mtls-doctor {}\" \"User Commands\"\n"
      ".SH NAME\nmtls\\-doctor \\- find out why TLS client\\-certificate authentication fails\n"
      ".SH SYNOPSIS\n.B mtls\\-doctor\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n.br\n"
      ".B mtls\\-doctor help\n[\\fICOMMAND\\fR]\n.br\n.B mtls\\-doctor \\-\\-version\n"
      ".SH DESCRIPTION\n{}\n"
      ".PP\nEach command reads one kind of evidence (a live server, a certificate, a trust store, "
      "IIS "
      "configuration, IIS logs, a packet capture), runs the checks that evidence allows, and "
      "reports "
      "findings ranked by how surely they explain the failure, each with the commands that fix "
      "it.\n",
      roff(version()), roff(app.get_description()));
  out += ".SH GLOBAL OPTIONS\nEvery command takes these, before or after its name.\n";
  for (const CLI::Option* o : named_options(app)) out += man_option(*o);
  out += ".SH COMMANDS\n";
  for (const CLI::App* sub : subcommands(app)) {
    std::string usage = "mtls-doctor " + sub->get_name();
    for (const CLI::Option* p : positionals(*sub)) {
      const std::string word = type_of(*p) + (repeatable(*p) ? "..." : "");
      usage += p->get_required() ? " " + word : " [" + word + "]";
    }
    out += fmt::format(".SS \"{}\"\n{}\n", roff(usage), roff(sub->get_description()));
    for (const CLI::Option* p : positionals(*sub)) {
      out += fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(type_of(*p)), roff(p->get_description()));
    }
    for (const CLI::Option* o : named_options(*sub)) {
      if (o->get_group() == "Global options" || o->get_lnames() == std::vector<std::string>{"help"})
        continue;
      out += man_option(*o);
    }
    out += man_examples(sub->get_footer());
  }
  out += man_examples(app.get_footer());
  out +=
      ".SH EXIT STATUS\n.TP\n0\nno error finding\n.TP\n1\nat least one error finding\n.TP\n2\n"
      "the input could not be used (bad usage, an unreadable or malformed file, an unwritable "
      "\\-\\-output); with \\-\\-format json a JSON object with the error is printed on standard "
      "output as well\n"
      ".SH ENVIRONMENT\n.TP\nNO_COLOR\nwhen set and not empty, no colour (https://no\\-color.org)\n"
      ".TP\nSOURCE_DATE_EPOCH\nfixes the report time and the clock every check judges validity by "
      "(reproducible runs)\n"
      ".SH SEE ALSO\n\\fBopenssl\\fR(1), \\fBcurl\\fR(1)\n";
  return out;
}

std::string bash_completion(const CLI::App& app) {
  std::string commands;
  for (const CLI::App* sub : subcommands(app))
    commands += (commands.empty() ? "" : " ") + sub->get_name();
  std::string out = fmt::format(
      "# SPDX-License-Identifier: Apache-2.0\n"
      "# bash completion for mtls-doctor {}, generated by mtls-doctor-manual from the command "
      "table.\n"
      "_mtls_doctor() {{\n"
      "  local cur=\"${{COMP_WORDS[COMP_CWORD]}}\" prev=\"\" command=\"\" i\n"
      "  (( COMP_CWORD > 0 )) && prev=\"${{COMP_WORDS[COMP_CWORD-1]}}\"\n"
      "  for (( i = 1; i < COMP_CWORD; i++ )); do\n"
      "    case \"${{COMP_WORDS[i]}}\" in\n"
      "      {}) command=\"${{COMP_WORDS[i]}}\"; break ;;\n"
      "    esac\n"
      "  done\n"
      "  case \"$prev\" in\n{}"
      "  esac\n"
      "  case \"$command\" in\n",
      version(),
      [&] {
        std::string alternatives = commands;
        for (char& c : alternatives) {
          if (c == ' ') c = '|';
        }
        return alternatives;
      }(),
      bash_value_cases(named_options(app), "    "));
  out += fmt::format(
      "    \"\")\n"
      "      if [[ \"$cur\" == -* ]]; then\n"
      "        COMPREPLY=($(compgen -W '{}' -- \"$cur\"))\n"
      "      else\n"
      "        COMPREPLY=($(compgen -W '{}' -- \"$cur\"))\n"
      "      fi ;;\n",
      bash_words(named_options(app)), commands);
  for (const CLI::App* sub : subcommands(app)) {
    const Options options = named_options(*sub);
    const Options args = positionals(*sub);
    std::string positional = "COMPREPLY=()";
    if (!args.empty()) {
      positional = args.front()->get_name() == "command"
                       ? fmt::format("COMPREPLY=($(compgen -W '{}' -- \"$cur\"))", commands)
                       : bash_value(type_of(*args.front()));
    }
    out += fmt::format(
        "    {})\n"
        "      case \"$prev\" in\n{}"
        "      esac\n"
        "      if [[ \"$cur\" == -* ]]; then\n"
        "        COMPREPLY=($(compgen -W '{}' -- \"$cur\"))\n"
        "      else\n"
        "        {}\n"
        "      fi ;;\n",
        sub->get_name(), bash_value_cases(options, "        "), bash_words(options), positional);
  }
  out +=
      "  esac\n"
      "}\n"
      "complete -o filenames -o bashdefault -F _mtls_doctor mtls-doctor\n";
  return out;
}

std::string zsh_completion(const CLI::App& app) {
  std::string out = fmt::format(
      "#compdef mtls-doctor\n"
      "# SPDX-License-Identifier: Apache-2.0\n"
      "# zsh completion for mtls-doctor {}, generated by mtls-doctor-manual from the command "
      "table.\n"
      "_mtls-doctor() {{\n"
      "  local curcontext=\"$curcontext\" state line ret=1\n"
      "  typeset -A opt_args\n"
      "  _arguments -C \\\n{}"
      "    '1:command:->commands' \\\n"
      "    '*::argument:->arguments' && ret=0\n"
      "  case $state in\n"
      "    commands)\n"
      "      local -a commands\n"
      "      commands=(\n",
      version(), zsh_specs(app, "    "));
  for (const CLI::App* sub : subcommands(app)) {
    out += fmt::format("        {}\n", single_quoted(sub->get_name() + ":" +
                                                     zsh_description(sub->get_description())));
  }
  out +=
      "      )\n"
      "      _describe -t commands 'mtls-doctor command' commands && ret=0 ;;\n"
      "    arguments)\n"
      "      curcontext=\"${curcontext%:*:*}:mtls-doctor-$line[1]:\"\n"
      "      case $line[1] in\n";
  for (const CLI::App* sub : subcommands(app)) {
    out += fmt::format("        {})\n          _arguments \\\n{}            && ret=0 ;;\n",
                       sub->get_name(), zsh_specs(*sub, "            "));
  }
  out +=
      "      esac\n"
      "      if [[ $state == commands ]]; then\n"
      "        local -a names\n"
      "        names=(";
  for (const CLI::App* sub : subcommands(app)) out += " " + sub->get_name();
  out +=
      " )\n"
      "        _describe -t commands 'mtls-doctor command' names && ret=0\n"
      "      fi ;;\n"
      "  esac\n"
      "  return ret\n"
      "}\n"
      "_mtls-doctor \"$@\"\n";
  return out;
}

}  // namespace mtls::cli
