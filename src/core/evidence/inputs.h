// SPDX-License-Identifier: Apache-2.0
// What the collection stage made of each input it was given: its kind, recognised from its
// content (never from its name), and whether it was read or skipped, and why.
#pragma once

#include <string>
#include <string_view>

namespace mtls {

/// Every kind of input mtls-doctor reads (mold's `FileType`: one enum for the whole tool).
enum class InputKind {
  application_host_config,  ///< %windir%\system32\inetsrv\config\applicationHost.config
  web_config,               ///< a site's or application's web.config
  netsh_sslcert,            ///< `netsh http show sslcert` output (UTF-16LE or ANSI)
  reg_export,               ///< a .reg file written by regedit or `reg export`
  registry_hive,            ///< a hive file written by `reg save` ("regf")
  evtx,                     ///< a Windows event log file ("ElfFile")
  event_xml,                ///< events exported as XML (wevtutil qe /f:xml, Event Viewer)
  freb,                     ///< a Failed Request Tracing file (<failedRequest>)
  w3c_log,                  ///< an IIS W3C extended log
  httperr_log,              ///< an http.sys HTTPERR log (W3C-shaped, "Microsoft HTTP API")
  iis_native_log,           ///< the IIS native comma-separated format (no substatus: unreadable)
  nginx_error_log,          ///< an nginx error log ("2024/11/28 18:04:05 [error] 1280#0: ...")
  apache_error_log,         ///< an Apache httpd 2.4 error log ("[Wed Oct 11 14:32:52.123456 2026] [ssl:error] ...")
  access_log,               ///< an NCSA common/combined access log (nginx, Apache httpd)
  gzip,                     ///< a gzip stream (read through: its content decides)
  pcap,                     ///< a libpcap capture
  pcapng,                   ///< a pcapng capture
  nss_keylog,               ///< an NSS key log (SSLKEYLOGFILE)
  pem,                      ///< PEM blocks: certificates, keys, PKCS#7, CRLs
  der_certificate,          ///< one DER X.509 certificate (.cer, .crt)
  pkcs7,                    ///< a DER PKCS#7 certificate bundle (.p7b)
  pkcs12,                   ///< a PKCS#12 file (.pfx, .p12)
  zip,                      ///< a zip archive (a bundle)
  empty,                    ///< no bytes
  unknown,                  ///< none of the above
};

std::string_view to_string(InputKind kind);

/// One input met while collecting, in the order met.
struct InputRecord {
  std::string path;      ///< as shown to the user ("bundle.zip/W3SVC1/u_ex240301.log")
  InputKind kind = InputKind::unknown;
  bool read = false;     ///< its facts are in the evidence
  std::string note;      ///< why it was skipped, or what it held ("3 bindings")
};

}  // namespace mtls
