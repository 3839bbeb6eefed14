#!/usr/bin/env bash
# The API fuzzed from its own OpenAPI document (schemathesis, from PyPI) against a real
# server, once anonymously and once as each demo role with its bearer token: no 5xx, no
# dropped connection, and every status returned is one the document lists. A bounded
# number of examples per operation (SIJILL_FUZZ_EXAMPLES, default 4) keeps it to minutes.
# Extra arguments go to `st run` (e.g. `--include-path-regex /parapheur`).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v st >/dev/null || { echo "test-api-fuzz: schemathesis missing; run scripts/install-deps.sh" >&2; exit 1; }
cargo build --locked -p sijill-backend --bin sijill

# shellcheck source=scripts/test-server.sh
. scripts/test-server.sh
start_test_server test-api-fuzz

EXAMPLES=${SIJILL_FUZZ_EXAMPLES:-4}
LOGS=var/test-api-fuzz
rm -rf "$LOGS" && mkdir -p "$LOGS"
read -r -a ROLES <<<"${SIJILL_FUZZ_ROLES:-citizen clerk agent head official admin}"

token_of() {
  curl -fsS -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1@demo.test\",\"password\":\"demo-password\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

fuzz() {
  local who=$1; shift
  echo "test-api-fuzz: as $who"
  # --seed: the same cases every run, so a failure reproduces; SIJILL_FUZZ_SEED varies it.
  if ! st run "$BASE/api/v1/openapi.json" --no-color \
      --checks not_a_server_error,status_code_conformance \
      --phases examples,coverage,fuzzing --max-examples "$EXAMPLES" --workers 2 \
      --seed "${SIJILL_FUZZ_SEED:-20261203}" --suppress-health-check all --warnings off --generation-database none \
      "$@" >"$LOGS/$who.log" 2>&1; then
    sed -n '/^___/,/SUMMARY/p' "$LOGS/$who.log" | head -n 150
    echo "test-api-fuzz: FAILED as $who (whole report: $LOGS/$who.log)" >&2
    return 1
  fi
  grep -E 'generated|passed' "$LOGS/$who.log" | tail -n 1 | sed "s/^/test-api-fuzz: $who: /"
}

# Tokens first: fuzzing sign-in from this address may lock it out afterwards (429).
declare -A TOKENS
for role in "${ROLES[@]}"; do TOKENS[$role]=$(token_of "$role"); done

failed=0
[ -n "${SIJILL_FUZZ_ROLES:-}" ] || fuzz anonymous "$@" || failed=1
for role in "${ROLES[@]}"; do
  # Signing out would end the token the rest of the run uses.
  fuzz "$role" -H "Authorization: Bearer ${TOKENS[$role]}" \
    --exclude-path-regex '^/api/v1/auth/logout' "$@" || failed=1
done
# The server must still answer after all of it.
curl -fsS "$BASE/healthz" >/dev/null || { echo "test-api-fuzz: server no longer healthy" >&2; exit 1; }
[ "$failed" = 0 ] || exit 1
echo "test-api-fuzz: ok"
