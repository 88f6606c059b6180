#!/usr/bin/env bash
# Creates a local certificate authority and certificates for concordiad and for
# demo principals, for mutual TLS on one machine or a test network.
#
# Usage: deploy/certs.sh [DIR] [PRINCIPAL...]
#   DIR        where to write (default ./.data/tls); existing files are kept
#   PRINCIPAL  extra client principals (the certificate's common name)
#
# Writes ca.crt/ca.key, server.crt/server.key (CN localhost, SAN localhost and
# 127.0.0.1) and <principal>.crt/<principal>.key for each principal. The
# principal is the client certificate's common name; grant it roles with
# `concordia admin grant`.
set -euo pipefail
dir="${1:-.data/tls}"
shift || true
principals=(
  admin@concordia
  auditor@corte-dei-conti
  regione-lombardia
  segretario@sudestmilano
  ufficio-di-piano@sudestmilano
  sindaco@san-donato-milanese
  sindaco@melegnano
  "$@"
)
command -v openssl >/dev/null || { echo "certs.sh: openssl is required" >&2; exit 1; }
mkdir -p "$dir"
chmod 700 "$dir"
cd "$dir"

if [ ! -f ca.key ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt \
    -days 3650 -subj "/O=Concordia local CA/CN=Concordia local CA" 2>/dev/null
  echo "created the local CA: $dir/ca.crt"
fi

issue() {  # issue NAME CN [SAN]
  local name="$1" cn="$2" san="${3:-}"
  [ -f "$name.crt" ] && return 0
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$name.key" -out "$name.csr" \
    -subj "/O=Concordia/CN=$cn" 2>/dev/null
  local ext
  ext="$(mktemp)"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=digitalSignature"
    if [ -n "$san" ]; then
      echo "extendedKeyUsage=serverAuth"
      echo "subjectAltName=$san"
    else
      echo "extendedKeyUsage=clientAuth"
    fi
  } >"$ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial \
    -out "$name.crt" -days 825 -extfile "$ext" 2>/dev/null
  rm -f "$name.csr" "$ext"
  chmod 600 "$name.key"
  echo "issued $dir/$name.crt (CN=$cn)"
}

issue server localhost "DNS:localhost,IP:127.0.0.1"
for p in "${principals[@]}"; do
  issue "$p" "$p"
done
