// SPDX-License-Identifier: Apache-2.0
#include "support/peer_servers.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace mtls::testing {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  return text.size() > 8000 ? text.substr(text.size() - 8000) : text;
}

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

bool port_open(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "mtls-probe-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

namespace {
bool on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  dirs += ":/usr/sbin:/sbin";
  std::stringstream s(dirs);
  std::string dir;
  while (std::getline(s, dir, ':')) {
    if (::access((dir + "/" + name).c_str(), X_OK) == 0) return true;
  }
  return false;
}
}  // namespace

bool have_program(const std::string& name) {
  if (on_path(name)) return true;
#ifdef MTLS_SOURCE_DIR
  // The harness installs the peers it needs when they are missing (once per run).
  static const bool installed = std::system(MTLS_SOURCE_DIR "/scripts/install-deps.sh") == 0;
  return installed && on_path(name);
#else
  return false;
#endif
}

PeerServer::PeerServer(std::vector<std::string> argv, const std::string& dir, int port, std::string log_file)
    : port_(port), output_(dir + "/server-output.log"), log_file_(std::move(log_file)) {
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::setpgid(0, 0);  // its own group, so stop() reaches nginx/apache workers too
    const int out = ::open(output_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = ::open("/dev/null", O_RDONLY);
    if (out >= 0) {
      ::dup2(out, 1);
      ::dup2(out, 2);
    }
    if (in >= 0) ::dup2(in, 0);
    if (::chdir(dir.c_str()) != 0) ::_exit(126);
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  pid_ = pid;
  ::setpgid(pid, pid);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (port_open(port_)) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("server exited before listening:\n" + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string text = log();
  stop();
  throw std::runtime_error("server did not listen within 10 s:\n" + text);
}

PeerServer::~PeerServer() { stop(); }

void PeerServer::stop() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Workers that outlived their parent (same group) go too.
  ::kill(-pid_, SIGKILL);
  pid_ = -1;
}

std::string PeerServer::url(const std::string& path) const {
  return "https://localhost:" + std::to_string(port_) + path;
}

std::string PeerServer::log() const {
  std::string text = read_all(output_);
  if (!log_file_.empty()) text += "\n--- " + log_file_ + "\n" + read_all(log_file_);
  return text;
}

PeerServer start_nginx(const std::string& dir, const std::string& cert, const std::string& key, const NginxOptions& o) {
  const int port = free_loopback_port();
  std::filesystem::create_directories(dir + "/tmp");
  std::string server = "    listen 127.0.0.1:" + std::to_string(port) + " ssl" + (o.http2 ? " http2" : "") + ";\n" +
                       "    server_name localhost;\n"
                       "    ssl_certificate " + cert + ";\n    ssl_certificate_key " + key + ";\n";
  server += "    ssl_verify_client " + o.verify_client + ";\n    ssl_verify_depth 3;\n";
  if (!o.client_certificate.empty()) server += "    ssl_client_certificate " + o.client_certificate + ";\n";
  if (!o.trusted_certificate.empty()) server += "    ssl_trusted_certificate " + o.trusted_certificate + ";\n";
  server += "    location / { return 200 \"ok\\n\"; }\n";
  const std::string conf = "worker_processes 1;\n"
                           "error_log " + dir + "/error.log info;\n"
                           "pid " + dir + "/nginx.pid;\n"
                           "events { worker_connections 64; }\n"
                           "http {\n"
                           "  access_log " + dir + "/access.log;\n"
                           "  client_body_temp_path " + dir + "/tmp/body;\n  proxy_temp_path " + dir + "/tmp/proxy;\n"
                           "  fastcgi_temp_path " + dir + "/tmp/fastcgi;\n  uwsgi_temp_path " + dir + "/tmp/uwsgi;\n"
                           "  scgi_temp_path " + dir + "/tmp/scgi;\n"
                           "  server {\n" + server + "  }\n}\n";
  write(dir + "/nginx.conf", conf);
  return PeerServer({"nginx", "-p", dir, "-c", dir + "/nginx.conf", "-g", "daemon off;"}, dir, port, dir + "/error.log");
}

PeerServer start_apache(const std::string& dir, const std::string& cert, const std::string& key, const ApacheOptions& o) {
  const int port = free_loopback_port();
  const std::string modules = "/usr/lib/apache2/modules/";
  std::filesystem::create_directories(dir + "/htdocs/secure");
  write(dir + "/htdocs/index.html", "public\n");
  write(dir + "/htdocs/secure/index.html", "secret\n");
  std::string conf = "ServerRoot " + dir + "\n";
  for (const char* m : {"mpm_event", "authz_core", "ssl", "socache_shmcb"}) {
    conf += std::string("LoadModule ") + m + "_module " + modules + "mod_" + m + ".so\n";
  }
  if (o.http2) conf += "LoadModule http2_module " + modules + "mod_http2.so\n";
  const std::string p = std::to_string(port);
  conf += "Listen 127.0.0.1:" + p + "\n"
          "PidFile " + dir + "/httpd.pid\nErrorLog " + dir + "/error.log\nLogLevel info ssl:info\n"
          "Mutex file:" + dir + " default\nDefaultRuntimeDir " + dir + "\nServerName localhost\n"
          "User nobody\nGroup nogroup\nDocumentRoot " + dir + "/htdocs\n"
          "<Directory " + dir + "/htdocs>\n  Require all granted\n</Directory>\n"
          "SSLSessionCache shmcb:" + dir + "/ssl_scache(512000)\n";
  conf += "<VirtualHost 127.0.0.1:" + p + ">\n  ServerName localhost\n  SSLEngine on\n"
          "  SSLCertificateFile " + cert + "\n  SSLCertificateKeyFile " + key + "\n"
          "  SSLProtocol -all +" + o.protocol + "\n";
  if (o.http2) conf += "  Protocols h2 http/1.1\n";
  if (!o.ca_file.empty()) conf += "  SSLCACertificateFile " + o.ca_file + "\n  SSLVerifyDepth 3\n";
  if (!o.vhost_verify.empty()) conf += "  SSLVerifyClient " + o.vhost_verify + "\n";
  if (!o.location_verify.empty()) conf += "  <Location /secure>\n    SSLVerifyClient " + o.location_verify + "\n  </Location>\n";
  conf += "</VirtualHost>\n";
  write(dir + "/httpd.conf", conf);
  // Apache (as root) drops to `nobody` for workers; the document root must be readable.
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_exec |
                                        std::filesystem::perms::others_exec);
  return PeerServer({"apache2", "-f", dir + "/httpd.conf", "-DFOREGROUND"}, dir, port, dir + "/error.log");
}

PeerServer start_s_server(const std::string& dir, const std::string& cert, const std::string& key,
                          const std::vector<std::string>& extra) {
  const int port = free_loopback_port();
  std::vector<std::string> argv{"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port), "-cert", cert,
                                "-key", key, "-www", "-quiet"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return PeerServer(std::move(argv), dir, port);
}

}  // namespace mtls::testing
