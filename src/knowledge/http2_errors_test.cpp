// SPDX-License-Identifier: Apache-2.0
// The HTTP/2 error code table against RFC 9113 §7.
#include "knowledge/http2_errors.h"

#include <gtest/gtest.h>

namespace mtls::knowledge {
namespace {

TEST(KnowledgeHttp2Errors, EveryRfc9113CodeInOrder) {
  const char* names[] = {"NO_ERROR",          "PROTOCOL_ERROR",    "INTERNAL_ERROR",
                         "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED",
                         "FRAME_SIZE_ERROR",  "REFUSED_STREAM",    "CANCEL",
                         "COMPRESSION_ERROR", "CONNECT_ERROR",     "ENHANCE_YOUR_CALM",
                         "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"};
  ASSERT_EQ(http2_error_codes().size(), std::size(names));
  for (std::uint32_t i = 0; i < std::size(names); ++i) {
    EXPECT_EQ(http2_error_codes()[i].code, i);
    EXPECT_EQ(http2_error_codes()[i].name, names[i]);
    EXPECT_FALSE(http2_error_codes()[i].meaning.empty());
    EXPECT_FALSE(http2_error_codes()[i].client_cert.empty());
  }
}

TEST(KnowledgeHttp2Errors, NamesAndLookups) {
  EXPECT_EQ(http2_error_name(kHttp2Http11Required), "HTTP_1_1_REQUIRED");
  EXPECT_EQ(http2_error_name(12), "INADEQUATE_SECURITY");
  EXPECT_EQ(http2_error_name(0x1f), "0x1f");
  EXPECT_EQ(find_http2_error("http_1_1_required")->code, 13u);
  EXPECT_EQ(find_http2_error(14), nullptr);
  EXPECT_EQ(find_http2_error("HTTP_2_REQUIRED"), nullptr);
}

}  // namespace
}  // namespace mtls::knowledge
