// SPDX-License-Identifier: Apache-2.0
// Can a given account read a file (the private key a client program loads)? The Linux analogue of
// granting an IIS app-pool identity read access to a certificate's private key: mode bits, owner,
// group membership, POSIX ACLs (acl(5)) and search permission on every parent directory.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace mtls::tls {

struct Account {
  std::string name;
  unsigned uid = 0;
  std::vector<unsigned> gids;  ///< primary group first, then supplementary groups
};

struct FileAccess {
  bool readable = false;
  std::string reason;                  ///< when not: which permission is missing, in plain words
  std::vector<std::string> commands;   ///< commands that grant it (alternatives, first preferred)
};

/// The account's uid and groups (getpwnam, getgrouplist). Error when there is no such account.
Expected<Account> lookup_account(const std::string& name);

/// Whether `account` can open `path` for reading, judged from metadata (stat, ACL) without
/// switching identity. Error when the file does not exist.
Expected<FileAccess> check_read_access(const std::string& path, const Account& account);

// Exposed for tests: the decision for one inode.
struct AclEntry {
  int tag = 0;       ///< ACL_USER_OBJ 1, ACL_USER 2, ACL_GROUP_OBJ 4, ACL_GROUP 8, ACL_MASK 0x10, ACL_OTHER 0x20
  unsigned perm = 0; ///< r=4 w=2 x=1
  unsigned id = 0;
};
struct InodeMeta {
  unsigned uid = 0;
  unsigned gid = 0;
  unsigned mode = 0;
  std::vector<AclEntry> acl;  ///< empty when the file has no extended ACL
};
/// POSIX.1e access check (acl(5) "ACCESS CHECK ALGORITHM") for permission bits `want` (4 = read,
/// 1 = search).
bool permits(const InodeMeta& meta, const Account& account, unsigned want);
/// Parse the "system.posix_acl_access" extended attribute (linux/posix_acl_xattr.h layout).
std::vector<AclEntry> parse_posix_acl_xattr(std::string_view bytes);

}  // namespace mtls::tls
