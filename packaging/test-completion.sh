#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The generated shell completions work: bash completes commands, a command's options, --format's
# values and file arguments; zsh (when installed) parses the completion function; groff formats
# the man page without a warning. Usage: packaging/test-completion.sh MANUAL_DIR
set -euo pipefail
dir=$1
fail() { echo "test-completion: $*" >&2; exit 1; }

complete_words() {  # complete_words WORD... : what bash offers for the last word
  bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    _mtls_doctor
    printf "%s\n" "${COMPREPLY[@]}"' _ "$dir/mtls-doctor.bash" "$@"
}
expect() {  # expect WORD "completion of..." WORD...
  local want=$1; shift
  complete_words "$@" | grep -qx -- "$want" || fail "completing '$*' does not offer '$want': $(complete_words "$@" | tr '\n' ' ')"
}
expect probe mtls-doctor pro
expect explain mtls-doctor ex
expect --targets mtls-doctor probe --tar
expect --format mtls-doctor logs --for
expect json mtls-doctor explain 403.7 --format js
expect intermediate mtls-doctor store --role inter
expect probe mtls-doctor help pr
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/client.pfx"
expect "$tmp/client.pfx" mtls-doctor probe --pfx "$tmp/cli"
[[ -z $(complete_words mtls-doctor explain --bog) ]] || fail "an unknown option completes"

if command -v zsh >/dev/null; then
  zsh -n "$dir/_mtls-doctor" || fail "zsh cannot parse _mtls-doctor"
fi
warnings=$(groff -man -ww -z "$dir/mtls-doctor.1" 2>&1 || true)
[[ -z $warnings ]] || fail "groff warns about the man page: $warnings"
echo "completions and man page: ok"
