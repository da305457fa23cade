#!/usr/bin/env bash
# Independent check of a Ceremony audit log with bash, coreutils, jq and openssl only.
#   verify-audit-log-by-hand.sh LOG ROOT.pem [HEAD]
# HEAD is the head hash the witnesses wrote down. Exit 0: every record is sealed (or covered by HEAD);
# 3: the log checks out up to its last seal, but records after it are not authenticated (no HEAD);
# 1: it does not check out.
set -u
log=${1:?usage: verify-audit-log-by-hand.sh LOG ROOT.pem [HEAD]}; root=${2:?}; witnessed=${3:-}; witnessed=${witnessed,,}
# One small file per line below: in memory (/dev/shm) when there is one, it is many times faster.
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d); trap 'rm -rf "$work"' EXIT; bad=0
fail() { echo "$1"; bad=1; }

# 0. A last line without a newline is a torn tail (a crash cut it short), unless it is a whole JSON
#    object, {...} with nothing around it: then it is a record like any other (a crash never leaves one).
cp "$log" "$work/log"
if [ -s "$log" ] && [ -n "$(tail -c 1 "$log")" ]; then
  last=$(tail -n 1 "$log")
  if [[ $last == \{*\} ]] && jq -R -e 'fromjson? | type == "object"' <<<"$last" >/dev/null 2>&1; then echo >> "$work/log"
  else echo "torn tail: $(tail -n 1 "$log" | wc -c) bytes of a line cut short (not checked)"
       truncate -s "-$(tail -n 1 "$log" | wc -c)" "$work/log"; fi
fi

# 1. The chain. One file per line (split), each line's own bytes (truncate drops the newline), one
#    sha256sum for them all; one jq pass reads every record's seq, prev, type and whether it is signed.
split -l 1 -a 9 -d "$work/log" "$work/line."
if [ -e "$work/line.000000000" ]; then
  truncate -s -1 "$work"/line.*
  sha256sum "$work"/line.* | cut -d' ' -f1 > "$work/hashes"
else : > "$work/hashes"; fi
#    (A seal's line also gives its alg, key and sig.)
jq -R -r '(fromjson? // "not JSON") as $r
  | if ($r | type) != "object" then "-\t-\tnot-json\t-\t-\t-\t-\t-\t-"
    else [$r.seq, $r.prev, $r.type, ($r | has("sig")), $r.ceremony, ($r."previous-head" // "-"),
          ($r.alg // "-"), ($r.key // "-"), ($r.sig // "-")] | @tsv end' "$work/log" > "$work/fields"
prev=$(printf '0%.0s' {1..64}); n=0; last_seal=0; head_at=0; ceremony=; seals=()
while IFS=$'\t' read -r seq p type signed cer previous_head alg key sig <&3 && read -r hash <&4; do
  n=$((n+1))
  [ "$type" = not-json ] && fail "line $n: not a JSON record"
  [ "$p" = "$prev" ] || fail "line $n: does not chain"
  [ "$seq" = $((n-1)) ] || fail "line $n: wrong seq"
  case "$n:$type" in
    1:log-start) ceremony=$cer ;;
    1:*|*:log-start) fail "line $n: the log must start with its one log-start" ;;
    *:ceremony-start) ceremony=$cer; [ "$previous_head" = "$p" ] || fail "line $n: wrong previous head" ;;
    *) [ "$cer" = "$ceremony" ] || fail "line $n: a record of another ceremony" ;;
  esac
  [ "$type" = seal ] && { seals+=("$n $alg $key $sig"); last_seal=$n; }
  [ "$signed" = true ] && [ "$type" != seal ] && fail "line $n: only seals carry a signature"
  [ "$type" = seal ] && [ "$signed" != true ] && fail "line $n: a seal without a signature"
  [ -n "$witnessed" ] && [ "$head_at" = 0 ] && [ "$hash" = "$witnessed" ] && head_at=$n
  prev=$hash
done 3< "$work/fields" 4< "$work/hashes"
echo "records: $n   head: $prev"

# 2. The audit key from the first record, and its hash.
head -n 1 "$work/log" | jq -r '."audit-key"' | base64 -d > "$work/audit-key.der" 2>/dev/null
key_sha=$(head -n 1 "$work/log" | jq -r '."audit-key-sha256"' 2>/dev/null)
[ "$(sha256sum < "$work/audit-key.der" | cut -d' ' -f1)" = "$key_sha" ] || fail "audit key hash mismatch"
openssl pkey -pubin -inform DER -in "$work/audit-key.der" -out "$work/audit-key.pem" 2>/dev/null \
  || fail "the audit key cannot be read"

# 3. Every seal: the signature covers the seal's own line without its ,"sig":"..." field. The
#    Base64 must be canonical (unused bits zero): base64 -d would ignore a changed last character.
#    Two processes a seal (base64, openssl): the rest is bash.
for seal in "${seals[@]}"; do
  read -r number alg key sig <<<"$seal"
  printf -v file "%s/line.%09d" "$work" $((number-1)); line=$(<"$file")
  printf '%s}' "${line%,\"sig\":\"*}" > "$work/seal.txt"     # the line without ,"sig":"..."
  [ "$key" = "$key_sha" ] || fail "seal on line $number: another key than the audit key"
  [[ $sig =~ ([AQgw]==|[AEIMQUYcgkosw048]=|[^=])$ ]] || { fail "seal on line $number: sig is not canonical Base64"; continue; }
  base64 -d <<<"$sig" > "$work/seal.sig" 2>/dev/null
  case "$alg" in
    ECDSA_SHA*|RSA_PKCS1_SHA*) scheme=(-sha"${alg##*_SHA}") ;;
    RSA_PSS_SHA256) scheme=(-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256) ;;
    *) scheme=(-unknown-alg) ;;
  esac
  openssl dgst "${scheme[@]}" -verify "$work/audit-key.pem" -signature "$work/seal.sig" "$work/seal.txt" >/dev/null 2>&1 \
    && echo "seal on line $number: signature OK" || fail "seal on line $number: BAD signature"
done

# 4. The audit certificate: issued by the root, for the same key.
jq -R -r 'fromjson? | select(.type? == "audit-certificate") | .certificate' "$work/log" | head -n 1 \
  | base64 -d > "$work/audit.der" 2>/dev/null
openssl x509 -inform DER -in "$work/audit.der" -out "$work/audit.pem" 2>/dev/null || fail "no readable audit certificate"
openssl verify -x509_strict -CAfile "$root" "$work/audit.pem" || fail "the audit certificate does not chain to the root"
[ "$(openssl x509 -in "$work/audit.pem" -pubkey -noout 2>/dev/null | openssl pkey -pubin -outform DER 2>/dev/null \
  | sha256sum | cut -d' ' -f1)" = "$key_sha" ] && echo "audit certificate is for the log's audit key" \
  || fail "audit certificate is for another key"

# 5. The verdict. A seal vouches for every line up to it, the witnessed head for every line up to it;
#    a line after both is not authenticated: anyone who can append to the file could have written it.
[ $n -gt 0 ] || fail "the log holds no complete record"
[ $bad = 0 ] || { echo "RESULT: the log does NOT check out"; exit 1; }
covered=$(( last_seal > head_at ? last_seal : head_at ))
if [ -n "$witnessed" ]; then
  [ "$head_at" -gt 0 ] || { echo "the witnessed head is not in the log"; echo "RESULT: the log does NOT check out"; exit 1; }
  echo "witnessed head: record $head_at of $n; $((n-head_at)) follow it:" \
    "$(( last_seal > head_at ? last_seal - head_at : 0 )) sealed, $((n-covered)) unsealed"
  [ $covered = $n ] || { echo "line $((covered+1)): after the witnessed head, and no seal covers it"
                         echo "RESULT: the log does NOT check out"; exit 1; }
elif [ $covered != $n ]; then
  echo "RESULT: the log checks out up to record $covered; $((n-covered)) record(s) after the last seal are NOT authenticated"
  exit 3
fi
echo "RESULT: the log checks out"
