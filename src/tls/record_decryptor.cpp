// SPDX-License-Identifier: Apache-2.0
#include "tls/record_decryptor.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <fmt/format.h>

#include <cstring>
#include <memory>
#include <utility>

#include "tls/openssl_error.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {
namespace {

enum Cipher : int { aes128gcm = 1, aes256gcm = 2, chacha20poly1305 = 3 };

struct Suite {
  int cipher = 0;
  const char* digest = nullptr;  ///< the suite's hash: HKDF (TLS 1.3) or PRF (TLS 1.2)
};

/// TLS 1.3 suites, RFC 8446 §B.4.
Suite tls13_suite(std::uint16_t s) {
  switch (s) {
    case 0x1301: return {aes128gcm, "SHA256"};
    case 0x1302: return {aes256gcm, "SHA384"};
    case 0x1303: return {chacha20poly1305, "SHA256"};
    default: return {};
  }
}

/// TLS 1.2 AEAD suites: AES-GCM (RFC 5288, RFC 5289) and ChaCha20-Poly1305 (RFC 7905). The key
/// exchange does not matter here: the key log gives the master secret.
Suite tls12_suite(std::uint16_t s) {
  switch (s) {
    case 0x009C:  // RSA AES128-GCM-SHA256
    case 0x009E:  // DHE-RSA
    case 0xC02B:  // ECDHE-ECDSA
    case 0xC02F:  // ECDHE-RSA
      return {aes128gcm, "SHA256"};
    case 0x009D:
    case 0x009F:
    case 0xC02C:
    case 0xC030:
      return {aes256gcm, "SHA384"};
    case 0xCCA8:  // ECDHE-RSA-CHACHA20-POLY1305
    case 0xCCA9:  // ECDHE-ECDSA
    case 0xCCAA:  // DHE-RSA
      return {chacha20poly1305, "SHA256"};
    default: return {};
  }
}

std::size_t key_length(int cipher) { return cipher == aes128gcm ? 16 : 32; }

const EVP_CIPHER* evp_cipher(int cipher) {
  switch (cipher) {
    case aes128gcm: return EVP_aes_128_gcm();
    case aes256gcm: return EVP_aes_256_gcm();
    default: return EVP_chacha20_poly1305();
  }
}

using KdfPtr = std::unique_ptr<EVP_KDF, Deleter<EVP_KDF_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX_free>>;

void cleanse(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}

/// RFC 8446 §7.1: HKDF-Expand(Secret, HkdfLabel, Length) with
/// HkdfLabel = uint16 length || opaque label<7..255> = "tls13 " + Label || opaque context<0..255>.
Expected<std::string> expand_label(const char* digest, std::string_view secret, std::string_view label,
                                   std::size_t length) {
  std::string info;
  info += static_cast<char>(length >> 8);
  info += static_cast<char>(length & 0xFF);
  const std::string full = "tls13 " + std::string(label);
  info += static_cast<char>(full.size());
  info += full;
  info += '\0';  // empty context
  KdfPtr kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  if (!kdf) return unexpected("HKDF unavailable: " + take_openssl_error());
  KdfCtxPtr ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) return unexpected("HKDF context: " + take_openssl_error());
  int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(digest), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(secret.data()), secret.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
      OSSL_PARAM_construct_end(),
  };
  std::string out(length, '\0');
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), out.size(), params) <= 0) {
    cleanse(out);
    return unexpected("HKDF-Expand-Label failed: " + take_openssl_error());
  }
  return out;
}

/// RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random).
Expected<std::string> key_block(const char* digest, std::string_view master, std::string_view client_random,
                                std::string_view server_random, std::size_t length) {
  std::string seed = "key expansion";
  seed.append(server_random);
  seed.append(client_random);
  KdfPtr kdf(EVP_KDF_fetch(nullptr, "TLS1-PRF", nullptr));
  if (!kdf) return unexpected("TLS1-PRF unavailable: " + take_openssl_error());
  KdfCtxPtr ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) return unexpected("TLS1-PRF context: " + take_openssl_error());
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(digest), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, const_cast<char*>(master.data()), master.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, seed.data(), seed.size()),
      OSSL_PARAM_construct_end(),
  };
  std::string out(length, '\0');
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), out.size(), params) <= 0) {
    cleanse(out);
    return unexpected("TLS 1.2 PRF failed: " + take_openssl_error());
  }
  return out;
}

std::size_t digest_length(const char* digest) { return std::string_view(digest) == "SHA384" ? 48 : 32; }

}  // namespace

bool record_decryption_supported(std::uint16_t cipher_suite, bool tls13) {
  return (tls13 ? tls13_suite(cipher_suite) : tls12_suite(cipher_suite)).cipher != 0;
}

Expected<std::string> hkdf_expand_label(std::uint16_t cipher_suite, std::string_view secret, std::string_view label,
                                        std::size_t length) {
  const Suite s = tls13_suite(cipher_suite);
  if (!s.cipher) return unexpected(fmt::format("cipher suite 0x{:04X} is not a TLS 1.3 suite", cipher_suite));
  return expand_label(s.digest, secret, label, length);
}

RecordDecryptor::RecordDecryptor(RecordDecryptor&& o) noexcept
    : tls13_(o.tls13_), cipher_(o.cipher_), suite_(o.suite_), secret_(std::move(o.secret_)), key_(std::move(o.key_)),
      iv_(std::move(o.iv_)), seq_(o.seq_) {
  o.wipe();
}

RecordDecryptor& RecordDecryptor::operator=(RecordDecryptor&& o) noexcept {
  if (this != &o) {
    wipe();
    tls13_ = o.tls13_;
    cipher_ = o.cipher_;
    suite_ = o.suite_;
    secret_ = std::move(o.secret_);
    key_ = std::move(o.key_);
    iv_ = std::move(o.iv_);
    seq_ = o.seq_;
    o.wipe();
  }
  return *this;
}

RecordDecryptor::~RecordDecryptor() { wipe(); }

void RecordDecryptor::wipe() {
  cleanse(secret_);
  cleanse(key_);
  cleanse(iv_);
}

Expected<RecordDecryptor> RecordDecryptor::tls13(std::uint16_t cipher_suite, std::string_view traffic_secret) {
  const Suite s = tls13_suite(cipher_suite);
  if (!s.cipher) return unexpected(fmt::format("cipher suite 0x{:04X} is not supported for decryption", cipher_suite));
  if (traffic_secret.size() != digest_length(s.digest)) {
    return unexpected(fmt::format("a {}-byte traffic secret does not fit cipher suite 0x{:04X}", traffic_secret.size(),
                                  cipher_suite));
  }
  RecordDecryptor d;
  d.tls13_ = true;
  d.cipher_ = s.cipher;
  d.suite_ = cipher_suite;
  d.secret_.assign(traffic_secret);
  // RFC 8446 §7.3: [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length),
  // [sender]_write_iv = HKDF-Expand-Label(Secret, "iv", "", iv_length).
  auto key = expand_label(s.digest, traffic_secret, "key", key_length(s.cipher));
  if (!key) return unexpected(key.error());
  auto iv = expand_label(s.digest, traffic_secret, "iv", 12);
  if (!iv) {
    cleanse(*key);
    return unexpected(iv.error());
  }
  d.key_ = std::move(*key);
  d.iv_ = std::move(*iv);
  return d;
}

Expected<RecordDecryptor> RecordDecryptor::tls12(std::uint16_t cipher_suite, std::string_view master_secret,
                                                 std::string_view client_random, std::string_view server_random,
                                                 bool client_write) {
  const Suite s = tls12_suite(cipher_suite);
  if (!s.cipher) return unexpected(fmt::format("cipher suite 0x{:04X} is not supported for decryption", cipher_suite));
  if (master_secret.size() != 48) return unexpected("a TLS 1.2 master secret has 48 bytes");
  if (client_random.size() != 32 || server_random.size() != 32) return unexpected("the hello randoms have 32 bytes");
  // AEAD suites have no MAC keys; the block is client key, server key, client IV, server IV
  // (RFC 5246 §6.3). The IV is the 4-byte salt for GCM (RFC 5288 §3), 12 bytes for ChaCha (RFC 7905 §2).
  const std::size_t k = key_length(s.cipher);
  const std::size_t ivl = s.cipher == chacha20poly1305 ? 12 : 4;
  auto block = key_block(s.digest, master_secret, client_random, server_random, 2 * k + 2 * ivl);
  if (!block) return unexpected(block.error());
  RecordDecryptor d;
  d.cipher_ = s.cipher;
  d.suite_ = cipher_suite;
  d.key_ = block->substr(client_write ? 0 : k, k);
  d.iv_ = block->substr(2 * k + (client_write ? 0 : ivl), ivl);
  cleanse(*block);
  return d;
}

DecryptStatus RecordDecryptor::decrypt(std::uint8_t outer_type, std::string_view body, DecryptedRecord& out) {
  constexpr std::size_t tag = 16;
  if (key_.empty()) return DecryptStatus::malformed;
  const bool explicit_nonce = !tls13_ && cipher_ != chacha20poly1305;  // RFC 5288 §3
  const std::size_t overhead = tag + (explicit_nonce ? 8 : 0);
  if (body.size() < overhead + (tls13_ ? 1 : 0)) return DecryptStatus::malformed;
  unsigned char nonce[12];
  if (explicit_nonce) {
    // GCMNonce = salt (4, from the key block) || nonce_explicit (8, first in the record).
    std::memcpy(nonce, iv_.data(), 4);
    std::memcpy(nonce + 4, body.data(), 8);
  } else {
    // RFC 8446 §5.3 and RFC 7905 §2: the 64-bit sequence number, left-padded, XOR the IV.
    std::memcpy(nonce, iv_.data(), 12);
    for (int i = 0; i < 8; ++i) nonce[4 + i] ^= static_cast<unsigned char>(seq_ >> (56 - 8 * i));
  }
  const std::string_view ciphertext = body.substr(explicit_nonce ? 8 : 0, body.size() - overhead);
  const std::string_view tag_bytes = body.substr(body.size() - tag);
  unsigned char aad[13];
  std::size_t aad_len = 0;
  if (tls13_) {
    // RFC 8446 §5.2: additional_data = the record header (opaque_type, legacy_record_version, length).
    aad[0] = outer_type;
    aad[1] = 3;
    aad[2] = 3;
    aad[3] = static_cast<unsigned char>(body.size() >> 8);
    aad[4] = static_cast<unsigned char>(body.size() & 0xFF);
    aad_len = 5;
  } else {
    // RFC 5246 §6.2.3.3: seq_num + type + version + length (of the plaintext).
    for (int i = 0; i < 8; ++i) aad[i] = static_cast<unsigned char>(seq_ >> (56 - 8 * i));
    aad[8] = outer_type;
    aad[9] = 3;
    aad[10] = 3;
    aad[11] = static_cast<unsigned char>(ciphertext.size() >> 8);
    aad[12] = static_cast<unsigned char>(ciphertext.size() & 0xFF);
    aad_len = 13;
  }
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return DecryptStatus::malformed;
  const auto* key = reinterpret_cast<const unsigned char*>(key_.data());
  int len = 0;
  if (EVP_DecryptInit_ex(ctx.get(), evp_cipher(cipher_), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_IVLEN, 12, nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key, nonce) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, aad, static_cast<int>(aad_len)) != 1) {
    take_openssl_error();
    return DecryptStatus::malformed;
  }
  out.plaintext.resize(ciphertext.size());
  auto* p = reinterpret_cast<unsigned char*>(out.plaintext.data());
  if (!ciphertext.empty() &&
      EVP_DecryptUpdate(ctx.get(), p, &len, reinterpret_cast<const unsigned char*>(ciphertext.data()),
                        static_cast<int>(ciphertext.size())) != 1) {
    take_openssl_error();
    return DecryptStatus::malformed;
  }
  unsigned char tag_copy[tag];
  std::memcpy(tag_copy, tag_bytes.data(), tag);
  int final_len = 0;
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag), tag_copy) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), p + ciphertext.size(), &final_len) != 1) {
    take_openssl_error();
    OPENSSL_cleanse(out.plaintext.data(), out.plaintext.size());
    out.plaintext.clear();
    return DecryptStatus::bad_tag;
  }
  ++seq_;
  if (!tls13_) {
    out.content_type = outer_type;
    return DecryptStatus::ok;
  }
  // RFC 8446 §5.4: TLSInnerPlaintext = content || ContentType type || zeros.
  std::size_t end = out.plaintext.size();
  while (end > 0 && out.plaintext[end - 1] == '\0') --end;
  if (end == 0) return DecryptStatus::malformed;  // "MUST terminate the connection with unexpected_message"
  out.content_type = static_cast<std::uint8_t>(out.plaintext[end - 1]);
  out.plaintext.resize(end - 1);
  return DecryptStatus::ok;
}

Expected<Done> RecordDecryptor::key_update() {
  if (!tls13_) return unexpected("KeyUpdate exists only in TLS 1.3");
  const char* digest = tls13_suite(suite_).digest;
  auto next = expand_label(digest, secret_, "traffic upd", secret_.size());
  if (!next) return unexpected(next.error());
  auto fresh = tls13(suite_, *next);
  cleanse(*next);
  if (!fresh) return unexpected(fresh.error());
  *this = std::move(*fresh);
  return Done{};
}

}  // namespace mtls::tls
