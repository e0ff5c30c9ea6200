// SPDX-License-Identifier: Apache-2.0
#include "tls/key_access.h"

#include <fmt/format.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace mtls::tls {
namespace {

constexpr int acl_user_obj = 0x01, acl_user = 0x02, acl_group_obj = 0x04, acl_group = 0x08, acl_mask = 0x10, acl_other = 0x20;

std::string group_name(unsigned gid) {
  if (const group* g = ::getgrgid(gid)) return g->gr_name;
  return std::to_string(gid);
}
std::string user_name(unsigned uid) {
  if (const passwd* p = ::getpwuid(uid)) return p->pw_name;
  return std::to_string(uid);
}

std::string quote(const std::string& path) {
  if (path.find_first_of(" '\"$`\\") == std::string::npos) return path;
  std::string out = "'";
  for (char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Expected<InodeMeta> inode_meta(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return unexpected(fmt::format("cannot inspect '{}': {}", path, std::strerror(errno)));
  InodeMeta meta{st.st_uid, st.st_gid, st.st_mode & 07777u, {}};
  char buffer[4096];
  const ssize_t n = ::getxattr(path.c_str(), "system.posix_acl_access", buffer, sizeof buffer);
  if (n > 0) meta.acl = parse_posix_acl_xattr(std::string_view(buffer, static_cast<std::size_t>(n)));
  return meta;
}

std::string describe(const std::string& path, const InodeMeta& meta) {
  return fmt::format("'{}' is owned by {}:{} with mode {:04o}{}", path, user_name(meta.uid), group_name(meta.gid), meta.mode,
                     meta.acl.empty() ? "" : " and an ACL");
}

}  // namespace

std::vector<AclEntry> parse_posix_acl_xattr(std::string_view bytes) {
  // struct posix_acl_xattr_header { __le32 a_version; } then entries { __le16 e_tag; __le16 e_perm; __le32 e_id; }
  std::vector<AclEntry> out;
  auto le16 = [&](std::size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[at]) | (static_cast<unsigned char>(bytes[at + 1]) << 8)); };
  auto le32 = [&](std::size_t at) { return le16(at) | (le16(at + 2) << 16); };
  if (bytes.size() < 4 || le32(0) != 2) return out;
  for (std::size_t at = 4; at + 8 <= bytes.size() && out.size() < 512; at += 8) {
    out.push_back({static_cast<int>(le16(at)), le16(at + 2) & 7u, le32(at + 4)});
  }
  return out;
}

bool permits(const InodeMeta& meta, const Account& account, unsigned want) {
  // root bypasses read and search checks (CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH).
  if (account.uid == 0) return true;
  const bool in_group = std::find(account.gids.begin(), account.gids.end(), meta.gid) != account.gids.end();
  if (meta.acl.empty()) {
    if (account.uid == meta.uid) return ((meta.mode >> 6) & want) == want;
    if (in_group) return ((meta.mode >> 3) & want) == want;
    return (meta.mode & want) == want;
  }
  unsigned mask = 7;
  for (const AclEntry& e : meta.acl) if (e.tag == acl_mask) mask = e.perm;
  if (account.uid == meta.uid) {
    for (const AclEntry& e : meta.acl) if (e.tag == acl_user_obj) return (e.perm & want) == want;
  }
  for (const AclEntry& e : meta.acl) {
    if (e.tag == acl_user && e.id == account.uid) return (e.perm & mask & want) == want;
  }
  bool group_matched = false;
  for (const AclEntry& e : meta.acl) {
    const bool match = (e.tag == acl_group_obj && in_group) ||
                       (e.tag == acl_group && std::find(account.gids.begin(), account.gids.end(), e.id) != account.gids.end());
    if (!match) continue;
    group_matched = true;
    if ((e.perm & mask & want) == want) return true;
  }
  if (group_matched) return false;
  for (const AclEntry& e : meta.acl) if (e.tag == acl_other) return (e.perm & want) == want;
  return false;
}

Expected<Account> lookup_account(const std::string& name) {
  errno = 0;
  const passwd* pw = ::getpwnam(name.c_str());
  if (!pw) return unexpected(fmt::format("no such account '{}' (--as-user)", name));
  Account account{name, pw->pw_uid, {}};
  int count = 64;
  std::vector<gid_t> groups(static_cast<std::size_t>(count));
  if (::getgrouplist(name.c_str(), pw->pw_gid, groups.data(), &count) < 0) {
    groups.resize(static_cast<std::size_t>(count));
    ::getgrouplist(name.c_str(), pw->pw_gid, groups.data(), &count);
  }
  groups.resize(static_cast<std::size_t>(std::max(count, 0)));
  account.gids.push_back(pw->pw_gid);
  for (gid_t g : groups) if (g != pw->pw_gid) account.gids.push_back(g);
  return account;
}

Expected<FileAccess> check_read_access(const std::string& path, const Account& account) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) return unexpected(fmt::format("cannot resolve '{}': {}", path, ec.message()));
  auto file_meta = inode_meta(absolute.string());
  if (!file_meta) return unexpected(file_meta.error());
  FileAccess access;
  // Every directory on the way needs search (x) permission (path_resolution(7)).
  std::vector<std::filesystem::path> dirs;
  for (auto p = absolute.parent_path(); ; p = p.parent_path()) {
    dirs.push_back(p);
    if (p == p.root_path() || p.empty()) break;
  }
  std::reverse(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) {
    auto meta = inode_meta(dir.string());
    if (!meta) return unexpected(meta.error());
    if (!permits(*meta, account, 1)) {
      access.reason = fmt::format("'{}' cannot enter the directory {}: search (x) permission is missing", account.name, describe(dir.string(), *meta));
      access.commands.push_back(fmt::format("sudo setfacl -m u:{}:x {}", account.name, quote(dir.string())));
      access.commands.push_back(fmt::format("sudo chmod o+x {}", quote(dir.string())));
      return access;
    }
  }
  if (permits(*file_meta, account, 4)) {
    access.readable = true;
    return access;
  }
  const InodeMeta& m = *file_meta;
  std::string why;
  if (account.uid == m.uid) {
    why = "it is the owner but the owner has no read (r) permission";
    access.commands.push_back(fmt::format("sudo chmod u+r {}", quote(absolute.string())));
  } else {
    const bool in_group = std::find(account.gids.begin(), account.gids.end(), m.gid) != account.gids.end();
    unsigned mask = 7;
    bool has_mask = false;
    for (const AclEntry& e : m.acl) if (e.tag == acl_mask) { mask = e.perm; has_mask = true; }
    bool named = false;
    for (const AclEntry& e : m.acl) if (e.tag == acl_user && e.id == account.uid && (e.perm & 4)) named = true;
    if (named && has_mask && !(mask & 4)) {
      why = "its ACL grants it read, but the ACL mask removes read (r)";
      access.commands.push_back(fmt::format("sudo setfacl -m m::r {}", quote(absolute.string())));
    } else if (in_group) {
      why = fmt::format("it is in group '{}' but the group has no read (r) permission", group_name(m.gid));
      access.commands.push_back(fmt::format("sudo chmod g+r {}", quote(absolute.string())));
    } else {
      why = fmt::format("it is neither the owner nor in group '{}', and others (or its ACL entries) have no read (r) permission",
                        group_name(m.gid));
      // A named ACL entry grants exactly this account without widening the mode bits.
      access.commands.push_back(fmt::format("sudo setfacl -m u:{}:r {}", account.name, quote(absolute.string())));
      access.commands.push_back(fmt::format("sudo chgrp {} {} && sudo chmod g+r {}", group_name(account.gids.front()),
                                            quote(absolute.string()), quote(absolute.string())));
    }
  }
  access.reason = fmt::format("'{}' cannot read the key: {}; {}", account.name, describe(absolute.string(), m), why);
  return access;
}

}  // namespace mtls::tls
