// SPDX-License-Identifier: Apache-2.0
// mtls-doctor diagnose [URL] [client identity] [--bundle DIR|ZIP]... [FILE...]
// Everything the user has, in one collection: a probe of the URL (with every option of `probe`),
// the client identity, and every file of the bundles (recognised by content); every check runs
// once on the one Evidence, and one ranked, correlated report comes out.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <memory>

#include "cli/clock.h"
#include "cli/command.h"
#include "cli/output.h"
#include "cli/pipeline.h"
#include "cli/probe_options.h"
#include "collect/collect.h"

namespace mtls::cli {
namespace {

struct DiagnoseArgs {
  ProbeArgs probe;
  std::vector<std::string> positional;  ///< a URL and/or files and folders, in any order
  std::vector<std::string> bundles;
  std::string keylog;
  unsigned jobs = 0;
};

bool is_url(const std::string& s) { return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0; }

int run_diagnose(const DiagnoseArgs& a, const GlobalOptions& global) {
  if (const std::string bad = probe_options_error(a.probe); !bad.empty()) return fail(bad);
  collect::CollectInputs in;
  std::string url;
  for (const std::string& p : a.positional) {
    if (is_url(p)) {
      if (!url.empty()) return fail("give one URL (for many, use mtls-doctor probe --targets FILE)");
      url = p;
    } else {
      in.paths.push_back(p);
    }
  }
  for (const std::string& b : a.bundles) in.paths.push_back(b);
  if (url.empty() && in.paths.empty()) {
    return fail("nothing to diagnose: give a URL, a --bundle DIR|ZIP, or files (mtls-doctor help diagnose)");
  }
  in.password = cached(password_provider(a.probe.identity));
  in.identity = a.probe.identity.spec;
  if (!url.empty()) in.probe = probe_options(a.probe, url, in.password);
  in.keylog = a.keylog;
  in.jobs = a.jobs;
  in.progress = ::isatty(STDERR_FILENO) == 1 && global.verbosity >= 0;
  in.now = now_for_report();
  return run_pipeline(global, PipelineSpec{.command = "diagnose", .scope = {}},
                      [&in] { return collect::collect(in); });
}

}  // namespace

CommandSpec diagnose_command() {
  return {"diagnose", "Everything at once: probe the URL, read every file of the bundles, one correlated report",
          [](CLI::App& app) -> CommandRun {
            auto a = std::make_shared<DiagnoseArgs>();
            app.add_option("target", a->positional,
                           "https://host[:port]/path to probe, and FILE or DIR inputs (any order)");
            app.add_option("--bundle", a->bundles,
                           "DIR or ZIP of what was collected from the server (mtls-doctor collect --print-script); "
                           "every file is recognised by its content")
                ->type_name("DIR|ZIP");
            app.add_option("--keylog", a->keylog, "NSS key log for the captures in the bundle")->type_name("FILE");
            app.add_option("-j,--jobs", a->jobs, "log reader threads (default: every core)");
            add_probe_options(app, a->probe);
            app.footer("Example:\n  mtls-doctor diagnose https://www.example.test/app/ --pfx client.pfx --bundle server-bundle.zip");
            return [a](const GlobalOptions& global) { return run_diagnose(*a, global); };
          }};
}

}  // namespace mtls::cli
