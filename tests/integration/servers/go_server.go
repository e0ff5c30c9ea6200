// SPDX-License-Identifier: Apache-2.0
// A Go net/http TLS server for tests/integration/server_software_test.py: a ServeMux that serves
// /app/ only (so / gets Go's own "404 page not found"), with or without client authentication.
// Usage: go_server PORT CERT KEY [CLIENT_CA]: with CLIENT_CA it requires and verifies a client
// certificate (tls.RequireAndVerifyClientCert), without it it never asks.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"time"
)

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: go_server PORT CERT KEY [CLIENT_CA]")
		os.Exit(2)
	}
	config := &tls.Config{}
	if len(os.Args) > 4 {
		pem, err := os.ReadFile(os.Args[4])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(pem)
		config.ClientAuth = tls.RequireAndVerifyClientCert
		config.ClientCAs = pool
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/app/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello") })
	server := &http.Server{Addr: "127.0.0.1:" + os.Args[1], Handler: mux, TLSConfig: config,
		ReadHeaderTimeout: 10 * time.Second}
	if err := server.ListenAndServeTLS(os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
