// SPDX-License-Identifier: Apache-2.0
// HTTP/2 for the browser-like attempt, through libnghttp2 (no hand-made framing).
#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "tls/probe_channel.h"
#include "tls/probe_http.h"

namespace mtls::tls {
namespace {

struct State {
  H2Exchange* out = nullptr;
  int32_t stream = -1;
  bool closed = false;
  int headers = 0;
};

int on_header(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name, size_t namelen,
              const uint8_t* value, size_t valuelen, uint8_t, void* user) {
  auto* st = static_cast<State*>(user);
  if (frame->hd.stream_id != st->stream) return 0;
  if (++st->headers > 200) return NGHTTP2_ERR_CALLBACK_FAILURE;
  const std::string_view n(reinterpret_cast<const char*>(name), namelen);
  const std::string_view v(reinterpret_cast<const char*>(value), valuelen);
  if (n == ":status") {
    int code = 0;
    for (char c : v) code = std::isdigit(static_cast<unsigned char>(c)) ? code * 10 + (c - '0') : -1000;
    if (code >= 100 && code <= 999) st->out->status = code;
  } else if (n == "server") {
    st->out->server = std::string(v.substr(0, 200));
  }
  return 0;
}

int on_data(nghttp2_session*, uint8_t, int32_t stream, const uint8_t* data, size_t len, void* user) {
  auto* st = static_cast<State*>(user);
  if (stream != st->stream) return 0;
  const std::size_t room = kMaxResponseBody - std::min(st->out->body.size(), kMaxResponseBody);
  st->out->body.append(reinterpret_cast<const char*>(data), std::min(len, room));
  if (len > room) {
    st->out->body_truncated = true;
    st->closed = true;  // enough read: stop the exchange
  }
  return 0;
}

int on_close(nghttp2_session*, int32_t stream, uint32_t error_code, void* user) {
  auto* st = static_cast<State*>(user);
  if (stream != st->stream) return 0;
  if (error_code != NGHTTP2_NO_ERROR) st->out->error_code = error_code;
  st->closed = true;
  return 0;
}

int on_frame(nghttp2_session*, const nghttp2_frame* frame, void* user) {
  auto* st = static_cast<State*>(user);
  if (frame->hd.type == NGHTTP2_GOAWAY) {
    if (frame->goaway.error_code != NGHTTP2_NO_ERROR) st->out->error_code = frame->goaway.error_code;
    if (frame->goaway.last_stream_id < st->stream) st->closed = true;
  }
  return 0;
}

}  // namespace

H2Exchange h2_exchange(ByteChannel& channel, std::string_view method, std::string_view authority,
                       std::string_view path, const std::vector<std::string>& headers) {
  H2Exchange out;
  State st;
  st.out = &out;
  nghttp2_session_callbacks* raw_callbacks = nullptr;
  if (nghttp2_session_callbacks_new(&raw_callbacks) != 0) {
    out.error = "nghttp2: out of memory";
    return out;
  }
  std::unique_ptr<nghttp2_session_callbacks, void (*)(nghttp2_session_callbacks*)> callbacks(
      raw_callbacks, nghttp2_session_callbacks_del);
  nghttp2_session_callbacks_set_on_header_callback(callbacks.get(), on_header);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks.get(), on_data);
  nghttp2_session_callbacks_set_on_stream_close_callback(callbacks.get(), on_close);
  nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks.get(), on_frame);
  nghttp2_session* raw_session = nullptr;
  if (nghttp2_session_client_new(&raw_session, callbacks.get(), &st) != 0) {
    out.error = "nghttp2: cannot create a session";
    return out;
  }
  std::unique_ptr<nghttp2_session, void (*)(nghttp2_session*)> session(raw_session, nghttp2_session_del);
  nghttp2_submit_settings(session.get(), NGHTTP2_FLAG_NONE, nullptr, 0);

  // Pseudo-headers first (RFC 9113 §8.3); field names lower case; connection-specific fields and
  // Host (carried by :authority) are not allowed in HTTP/2.
  std::vector<std::pair<std::string, std::string>> fields{{":method", std::string(method)},
                                                          {":scheme", "https"},
                                                          {":authority", std::string(authority)},
                                                          {":path", std::string(path)},
                                                          {"user-agent", "mtls-doctor"}};
  for (const std::string& h : headers) {
    const std::size_t colon = h.find(':');
    if (colon == std::string::npos) continue;
    std::string name = h.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = h.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    if (name == "host" || name == "connection" || name == "keep-alive" || name == "transfer-encoding" ||
        name == "upgrade" || name == "proxy-connection") {
      continue;
    }
    if (name == "user-agent") {
      fields[4].second = value;
      continue;
    }
    fields.emplace_back(std::move(name), std::move(value));
  }
  std::vector<nghttp2_nv> nva;
  for (auto& [n, v] : fields) {
    nva.push_back(nghttp2_nv{reinterpret_cast<uint8_t*>(n.data()), reinterpret_cast<uint8_t*>(v.data()), n.size(),
                             v.size(), NGHTTP2_NV_FLAG_NONE});
  }
  st.stream = nghttp2_submit_request(session.get(), nullptr, nva.data(), nva.size(), nullptr, &st);
  if (st.stream < 0) {
    out.error = nghttp2_strerror(st.stream);
    return out;
  }
  char buffer[16384];
  while (true) {
    const uint8_t* data = nullptr;
    ssize_t n = 0;
    while ((n = nghttp2_session_mem_send(session.get(), &data)) > 0) {
      if (!channel.write_all(std::string_view(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n)))) {
        out.error = "the connection failed while sending the HTTP/2 request";
        return out;
      }
    }
    if (n < 0) {
      out.error = nghttp2_strerror(static_cast<int>(n));
      return out;
    }
    if (st.closed) return out;
    const long got = channel.read_some(buffer, sizeof buffer);
    if (got == 0) {
      out.error = "the server closed the connection before answering";
      return out;
    }
    if (got < 0) {
      out.error = "the connection failed before an HTTP/2 answer";
      return out;
    }
    const ssize_t used = nghttp2_session_mem_recv(session.get(), reinterpret_cast<const uint8_t*>(buffer),
                                                  static_cast<std::size_t>(got));
    if (used < 0) {
      out.error = nghttp2_strerror(static_cast<int>(used));
      return out;
    }
  }
}

}  // namespace mtls::tls
