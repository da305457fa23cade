#!/usr/bin/env bash
# Independent check of a Ceremony audit log with sha256sum, jq, base64 and openssl.
set -u
log=${1:?usage: verify-audit-log-by-hand.sh audit.jsonl root.pem}; root=${2:?}
work=$(mktemp -d); bad=0
# 1. The chain: every record's prev is the SHA-256 of the previous line's bytes; seq counts from 0.
prev=$(printf '0%.0s' {1..64}); n=0
while IFS= read -r line; do
  [ "$(jq -r .prev <<<"$line")" = "$prev" ] || { echo "line $((n+1)): does not chain"; bad=1; }
  [ "$(jq -r .seq <<<"$line")" = "$n" ] || { echo "line $((n+1)): wrong seq"; bad=1; }
  prev=$(printf '%s' "$line" | sha256sum | cut -d' ' -f1); n=$((n+1))
done < "$log"
echo "records: $n   head: $prev"
# 2. The audit key from the first record, and its hash.
head -n 1 "$log" | jq -r '."audit-key"' | base64 -d > "$work/audit-key.der"
[ "$(sha256sum < "$work/audit-key.der" | cut -d' ' -f1)" = "$(head -n 1 "$log" | jq -r '."audit-key-sha256"')" ] \
  || { echo "audit key hash mismatch"; bad=1; }
openssl pkey -pubin -inform DER -in "$work/audit-key.der" -out "$work/audit-key.pem"
# 3. Every seal: the signature covers the seal's own line without its ,"sig":"..." field.
grep -n '"type":"seal"' "$log" | while IFS=: read -r number line; do
  printf '%s' "$line" | sed 's/,"sig":"[^"]*"}$/}/' | tr -d '\n' > "$work/seal.txt"
  jq -r .sig <<<"$line" | base64 -d > "$work/seal.sig"
  digest=$(jq -r .alg <<<"$line" | sed 's/ECDSA_SHA/-sha/; s/RSA_PKCS1_SHA/-sha/')
  openssl dgst "$digest" -verify "$work/audit-key.pem" -signature "$work/seal.sig" "$work/seal.txt" >/dev/null \
    && echo "seal on line $number: signature OK" || { echo "seal on line $number: BAD signature"; exit 1; }
done || bad=1
# 4. The audit certificate: issued by the root, for the same key.
jq -r 'select(.type=="audit-certificate") | .certificate' "$log" | base64 -d > "$work/audit.der"
openssl x509 -inform DER -in "$work/audit.der" -out "$work/audit.pem"
openssl verify -x509_strict -CAfile "$root" "$work/audit.pem" || bad=1
[ "$(openssl x509 -in "$work/audit.pem" -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)" \
  = "$(head -n 1 "$log" | jq -r '."audit-key-sha256"')" ] && echo "audit certificate is for the log's audit key" \
  || { echo "audit certificate is for another key"; bad=1; }
rm -rf "$work"
[ $bad = 0 ] && echo "RESULT: the log checks out" || { echo "RESULT: the log does NOT check out"; exit 1; }
