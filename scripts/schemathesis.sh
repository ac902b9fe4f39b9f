#!/usr/bin/env bash
# Holds the server to its OpenAPI document: starts the debug build (`swift build` first; this
# script builds nothing) on a fresh SQLite file with the demo loaded, then runs schemathesis with
# every check, once with a resident's token and once with an administrator's. Exits non-zero on
# any failure.
#
#   bash scripts/schemathesis.sh            # MAX_EXAMPLES=N to change the bound (default 60: about 3 minutes here)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bin=.build/debug/zhanju
[ -x "$bin" ] || { echo "no $bin: run swift build first" >&2; exit 2; }
command -v st >/dev/null 2>&1 || pip install -q schemathesis==4.32.5
max_examples=${MAX_EXAMPLES:-60}

. "$root/scripts/demo-server.sh"

token() {
  curl -fsS -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"zhanju-$1\",\"name\":\"schemathesis\",\"expires_in_days\":1}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
resident=$(token resident)
admin=$(token admin)

run() {
  local who=$1 token=$2
  echo "== schemathesis as $who"
  # revokeToken is left out: revoking the token the run itself uses (listed by GET /tokens, which
  # schemathesis links to DELETE /tokens/{id}) is a legitimate request that would turn every later
  # request into a 401. The server's side of it is covered by AccessAPI tests.
  # From the temporary directory: schemathesis keeps its example database and crash files in the
  # working directory, which is not the repository's business. The seed makes a failure repeatable.
  (cd "$work" && st --config-file "$root/scripts/schemathesis.toml" run "$base/api/openapi.json" \
    --checks all \
    --header "Authorization: Bearer $token" \
    --exclude-operation-id revokeToken \
    --max-examples "$max_examples" \
    --request-timeout 20 \
    --seed 2010 \
    --no-color \
    --report junit --report-dir "${SCHEMATHESIS_REPORTS:-$work/reports}/$who")
}

# The resident first: the administrator's run may reset or disable demo accounts, the resident's too.
status=0
start=$(date +%s)
run resident "$resident" || status=1
run admin "$admin" || status=1
echo "schemathesis took $(( $(date +%s) - start )) s"
exit $status
