// SPDX-License-Identifier: Apache-2.0
// IIS HTTP status/substatus codes (KB943891; MD_ERROR_SUB40x_* in iiscnfg.h), with what each means
// for client-certificate authentication. Data with worked-example tests.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace mtls::knowledge {

struct IisStatus {
  int status;
  int substatus;
  std::string_view constant;     ///< SDK constant, e.g. "MD_ERROR_SUB403_CERT_REQUIRED"; may be empty
  std::string_view name;         ///< KB943891 wording, e.g. "Client certificate required"
  std::string_view client_cert;  ///< what it means for client-certificate authentication
  std::vector<std::string_view> causes;
  std::string_view next_step;
  bool client_cert_related;      ///< a failure of client-certificate authentication itself
};

std::span<const IisStatus> iis_statuses();
/// Exact status.substatus, or nullptr.
const IisStatus* find_iis_status(int status, int substatus);

}  // namespace mtls::knowledge
