// SPDX-License-Identifier: Apache-2.0
#include "core/input_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace mtls {
namespace {

std::string temp_path(const std::string& name) { return ::testing::TempDir() + "input_file_" + name; }

void write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(InputFile, FileErrorIsFileLineWhatWhy) {
  EXPECT_EQ(file_error("a.log", "cannot read", "Permission denied").to_string(), "a.log: cannot read (Permission denied)");
  EXPECT_EQ(file_error("t.txt", "line too long", "more than 4096 characters", 3).to_string(),
            "t.txt:3: line too long (more than 4096 characters)");
  EXPECT_EQ(file_error("x", "holds no certificate").where, "x");
}

TEST(InputFile, MissingFolderEmptyAndTooLarge) {
  EXPECT_EQ(read_input_file(temp_path("nope"), 100).error().to_string(),
            temp_path("nope") + ": cannot read (No such file or directory)");
  EXPECT_EQ(read_input_file(::testing::TempDir(), 100, "dir").error().to_string(), "dir: cannot read (Is a directory)");
  const std::string empty = temp_path("empty");
  write(empty, "");
  EXPECT_EQ(read_input_file(empty, 100, "e").error().to_string(), "e: empty (0 bytes)");
  ASSERT_TRUE(read_input_file(empty, 100, "e", true));
  EXPECT_EQ(*read_input_head(empty, 10), "");
  const std::string big = temp_path("big");
  write(big, std::string(101, 'x'));
  EXPECT_EQ(read_input_file(big, 100, "b").error().message, "too large (more than 100 bytes, the most this input may hold)");
  ASSERT_TRUE(read_input_file(big, 101));
  EXPECT_EQ(*read_input_head(big, 4), "xxxx");
  std::remove(empty.c_str());
  std::remove(big.c_str());
}

TEST(InputFile, AFifoWithNoWriterIsRefusedAtOnce) {
  // open(2) of a FIFO for reading blocks until a writer comes: the check must not.
  const std::string fifo = temp_path("fifo");
  std::remove(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(check_input_file(fifo, "f").error().to_string(), "f: cannot read (a FIFO, not a regular file)");
  EXPECT_FALSE(read_input_file(fifo, 100));
  EXPECT_FALSE(read_input_head(fifo, 100));
  std::remove(fifo.c_str());
}

TEST(InputFile, UnderAFileIsNotADirectory) {
  const std::string plain = temp_path("plain");
  write(plain, "x");
  EXPECT_EQ(check_input_file(plain + "/x", "p/x").error().to_string(), "p/x: cannot read (Not a directory)");
  std::remove(plain.c_str());
}

}  // namespace
}  // namespace mtls
