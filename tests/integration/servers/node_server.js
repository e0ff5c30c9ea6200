// SPDX-License-Identifier: Apache-2.0
// A Node.js https server for tests/integration/server_software_test.py.
// Usage: node node_server.js PORT CERT KEY CLIENT_CA MODE
//   MODE "app-checks": requestCert: true, rejectUnauthorized: false, and the handler answers 403
//     with the socket's authorizationError (Node's err.code words) when the certificate did not
//     verify: the server lets TLS accept any certificate and refuses in the application.
//   MODE "require": requestCert: true, rejectUnauthorized: true: TLS refuses what does not verify.
'use strict';
const fs = require('fs');
const https = require('https');

const [port, cert, key, ca, mode] = process.argv.slice(2);
const options = {
  cert: fs.readFileSync(cert),
  key: fs.readFileSync(key),
  ca: fs.readFileSync(ca),
  requestCert: true,
  rejectUnauthorized: mode === 'require',
};
https.createServer(options, (req, res) => {
  if (!req.socket.authorized) {
    res.writeHead(403, {'Content-Type': 'text/plain'});
    res.end(`client certificate refused: ${req.socket.authorizationError}\n`);
    return;
  }
  res.writeHead(200, {'Content-Type': 'text/plain'});
  res.end('hello\n');
}).listen(Number(port), '127.0.0.1');
