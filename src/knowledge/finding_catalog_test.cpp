// SPDX-License-Identifier: Apache-2.0
#include "knowledge/finding_catalog.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "knowledge/explain.h"

namespace mtls::knowledge {
namespace {

/// The finding ids DESIGN §4 lists ("| cert.expired / cert.not-yet-valid | error | C7 | ...").
struct ContractRow {
  std::string id;
  std::string severity;
  std::string step;
};

std::vector<ContractRow> design_catalog() {
  std::ifstream in(std::string(MTLS_SHARED_DIR) + "/DESIGN.md");
  std::vector<ContractRow> rows;
  std::string line;
  bool in_catalog = false;
  const std::regex id_re(R"(([a-z]+\.[a-z0-9-]+))");
  while (std::getline(in, line)) {
    if (line.rfind("## 4.", 0) == 0) in_catalog = true;
    else if (line.rfind("## 5.", 0) == 0) break;
    if (!in_catalog || line.rfind("| ", 0) != 0 || line.rfind("| id", 0) == 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) {
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
    }
    if (cells.size() < 3) continue;
    for (auto it = std::sregex_iterator(cells[0].begin(), cells[0].end(), id_re); it != std::sregex_iterator(); ++it) {
      rows.push_back({(*it)[1], cells[1], cells[2]});
    }
  }
  return rows;
}

TEST(FindingCatalog, HoldsEveryIdOfTheDesignContractWithItsSeverityAndStep) {
  const std::vector<ContractRow> rows = design_catalog();
  ASSERT_GT(rows.size(), 50u) << "DESIGN.md not found or its §4 table changed shape";
  for (const ContractRow& row : rows) {
    const CatalogEntry* e = find_catalog_entry(row.id);
    ASSERT_NE(e, nullptr) << row.id;
    EXPECT_EQ(to_string(e->severity), row.severity) << row.id;
    // "C7/C8" lists two steps: ours must be one of them; "—" means outside the checklist.
    EXPECT_NE(row.step.find(std::string(to_string(e->step))), std::string::npos) << row.id << " " << row.step;
  }
}

TEST(FindingCatalog, IdsAreUniqueWellFormedAndWorded) {
  std::set<std::string_view> seen;
  const std::regex id_re(R"([a-z]+\.[a-z0-9]+(-[a-z0-9]+)*)");
  for (const CatalogEntry& e : finding_catalog()) {
    EXPECT_TRUE(seen.insert(e.id).second) << "duplicate " << e.id;
    EXPECT_TRUE(std::regex_match(std::string(e.id), id_re)) << e.id;
    EXPECT_FALSE(e.title.empty()) << e.id;
    EXPECT_NE(e.title.back(), '.') << e.id << ": titles are one line without a full stop";
    EXPECT_GT(e.explanation.size(), 40u) << e.id;
    EXPECT_GT(e.remedy.size(), 20u) << e.id;
  }
}

TEST(FindingCatalog, MakeFindingStartsFromTheCatalog) {
  Finding f = make_finding("httpsys.ctl-store-missing");
  EXPECT_EQ(f.severity, Severity::error);
  EXPECT_EQ(f.step, Step::C10);
  EXPECT_EQ(f.role, Role::cause);
  EXPECT_EQ(f.title, "A binding does not name the CTL store its trust mode needs");
  EXPECT_NE(f.remedy.text.find("sslctlstorename=ClientAuthIssuer"), std::string::npos);
  EXPECT_THROW(make_finding("no.such-id"), std::logic_error);
}

TEST(FindingCatalog, EveryIdIsExplained) {
  for (const CatalogEntry& e : finding_catalog()) {
    auto result = explain(e.id);
    ASSERT_TRUE(result) << e.id;
    ASSERT_EQ(result->parts.size(), 1u);
    EXPECT_EQ(result->parts[0].kind, "finding");
    EXPECT_EQ(result->parts[0].code, e.id);
    EXPECT_EQ(result->parts[0].name, e.title);
  }
}

/// docs/checklist.md lists every id under the heading of its step ("## C7 — ...").
TEST(FindingCatalog, DocsChecklistListsEveryIdUnderItsStep) {
  std::ifstream in(std::string(MTLS_SOURCE_DIR) + "/docs/checklist.md");
  ASSERT_TRUE(in);
  std::map<std::string, std::string> step_of;
  std::string line, heading;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) heading = line.substr(3, line.find(' ', 3) - 3);
    const auto open = line.find("- `");
    if (open == 0) step_of[line.substr(3, line.find('`', 3) - 3)] = heading;
  }
  for (const CatalogEntry& e : finding_catalog()) {
    const std::string want = e.step == Step::none ? "Outside" : std::string(to_string(e.step));
    EXPECT_EQ(step_of[std::string(e.id)], want) << e.id << " is missing from docs/checklist.md or under the wrong step";
  }
}

}  // namespace
}  // namespace mtls::knowledge
