#!/usr/bin/env bash
# Measures the registry's read routes against Vapor's hello-world in one run on one machine.
# Usage: scripts/bench.sh [households]   (default 1000000; needs wrk: apt-get install wrk)
# Builds release, generates the city into a fresh SQLite file, serves it, and runs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
DB=${BENCH_DB:-/tmp/zhanju-bench.sqlite}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

# BUILD_DIR: a scratch path of its own lets a release build run beside debug builds in .build.
BUILD_DIR=${BUILD_DIR:-.build}
# BIN: a release binary built elsewhere (a worktree of the same commit), used as it is.
if [ -z "${BIN:-}" ]; then
  swift build -c release --product zhanju --scratch-path "$BUILD_DIR" >/dev/null
  BIN=$BUILD_DIR/release/zhanju
fi
# Every command reads the personal-data key the first one generated beside the database.
export ZHANJU_SECRET_KEY_FILE="$DB.key"
if [ ! -f "$DB" ] || [ -n "${FRESH:-}" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.key"
  /usr/bin/time -f "city generation: %e s wall, %M KiB peak" $BIN demo --city --households "$N" --database "$DB"
fi

# An administrator to read with, and a bearer token for wrk (every route needs one now).
if [ "$(sqlite3 "$DB" "SELECT COUNT(*) FROM accounts WHERE username='bench'")" = "0" ]; then
  ZHANJU_ADMIN_PASSWORD=bench-password $BIN admin create --username bench --database "$DB" >/dev/null
fi

$BIN bench hello --port 8090 >/dev/null 2>&1 &
HELLO=$!
ZHANJU_ENV=production $BIN serve --database "$DB" --port 8091 >/dev/null 2>&1 &
SERVER=$!
trap 'kill $HELLO $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -sf localhost:8091/readyz >/dev/null && curl -sf localhost:8090/hello >/dev/null && break; sleep 0.2; done

TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password","name":"bench"}' \
  localhost:8091/api/v1/auth/token | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
AUTH="Authorization: Bearer $TOKEN"

# A random sample of household ids and one committee, read once from the database.
IDS=/tmp/zhanju-bench-ids.txt
sqlite3 "$DB" "SELECT id FROM households ORDER BY random() LIMIT 10000" > "$IDS"
RC=$(sqlite3 "$DB" "SELECT id FROM residents_committees LIMIT 1")
SD=$(sqlite3 "$DB" "SELECT w.sub_district_id FROM residents_committees c JOIN workstations w ON w.id = c.workstation_id WHERE c.id = '$RC'")
WS=$(sqlite3 "$DB" "SELECT workstation_id FROM residents_committees WHERE id = '$RC'")
GRID=$(sqlite3 "$DB" "SELECT grid_id FROM households WHERE grid_id IS NOT NULL LIMIT 1")
COMPOUND=$(sqlite3 "$DB" "SELECT compound_id FROM households WHERE id = '$(head -1 "$IDS")'")
# A cold run: 200,000 random households, ten times what the household cache holds.
COLD=/tmp/zhanju-bench-cold-ids.txt
sqlite3 "$DB" "SELECT id FROM households ORDER BY random() LIMIT 200000" > "$COLD"
# Requests are formatted once, when wrk starts: per request the client only picks one at random,
# so wrk (which shares the two cores with the server) takes as little CPU as for hello-world.
households_script() { # ids file -> Lua script
  cat <<LUA
local reqs = {}
local headers = { ["Authorization"] = "Bearer $TOKEN" }
for line in io.lines("$1") do reqs[#reqs + 1] = wrk.format("GET", "/api/v1/households/" .. line, headers) end
request = function() return reqs[math.random(#reqs)] end
LUA
}
households_script "$COLD" > /tmp/zhanju-households-cold.lua
households_script "$IDS" > /tmp/zhanju-households.lua
# Case creation: a resident-style report on a random household, through the whole service
# (routing, SLA on the holiday calendar, timeline entry, audit link, one transaction).
cat > /tmp/zhanju-cases.lua <<LUA
local ids = {}
for line in io.lines("$IDS") do ids[#ids + 1] = line end
local headers = { ["Authorization"] = "Bearer $TOKEN", ["Content-Type"] = "application/json" }
request = function()
  local body = '{"service_code":"SAF-ORDER","description":"bench: noise at night","household_id":"' .. ids[math.random(#ids)] .. '"}'
  return wrk.format("POST", "/api/v1/cases", headers, body)
end
LUA
# The same client work against hello-world with a household-sized body: a request picked at
# random from a table formatted at start.
cat > /tmp/zhanju-hello-lua.lua <<LUA
local reqs = {}
for line in io.lines("$IDS") do reqs[#reqs + 1] = wrk.format("GET", "/hello.big?id=" .. line) end
request = function() return reqs[math.random(#reqs)] end
LUA

run() { # name, url, [script]
  local out
  if [ -n "${3:-}" ]; then out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$3" "$2"); else out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "$AUTH" "$2"); fi
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local errors
  errors=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  printf '%-34s %10s req/s  p99 %8s  non-2xx %s\n' "$1" "$rps" "$p99" "${errors:-0}"
  echo "$rps" > "/tmp/zhanju-bench-$1.rps"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; wrk -t2 -c$CONNS -d$DURATION"
run hello "http://127.0.0.1:8090/hello"
run hello-json "http://127.0.0.1:8090/hello.json"
# PAGES_ONLY=1: hello-world and the pages' rows only (a quick check of page latency).
if [ -z "${PAGES_ONLY:-}" ]; then
run hello-1k "http://127.0.0.1:8090/hello.big"
run hello-1k-lua "http://127.0.0.1:8090/" /tmp/zhanju-hello-lua.lua
run household-cold "http://127.0.0.1:8091/api/v1/households/" /tmp/zhanju-households-cold.lua
# The working set of 10,000 households (a few committees' clerks and grid workers at work): one
# pass to bring it into the household cache, then the measured run, right after hello-world again.
wrk -t2 -c"$CONNS" -d10s -s /tmp/zhanju-households.lua "http://127.0.0.1:8091/" >/dev/null
run hello-again "http://127.0.0.1:8090/hello"
run household "http://127.0.0.1:8091/api/v1/households/" /tmp/zhanju-households.lua
run committee-page "http://127.0.0.1:8091/committees/$RC"
run committee-api "http://127.0.0.1:8091/api/v1/committees/$RC"
run case-create "http://127.0.0.1:8091/api/v1/cases" /tmp/zhanju-cases.lua
# Writes while the household route is under load: cases filed by 8 clients while 56 read.
wrk -t1 -c8 -d"$DURATION" --latency -s /tmp/zhanju-cases.lua "http://127.0.0.1:8091/" > /tmp/zhanju-mixed-writes.txt &
MIXED=$!
CONNS=56 run mixed-household-reads "http://127.0.0.1:8091/api/v1/households/" /tmp/zhanju-households-cold.lua
wait $MIXED
printf '%-34s %10s req/s  p99 %8s  non-2xx %s\n' mixed-case-writes "$(awk '/Requests\/sec/ {print $2}' /tmp/zhanju-mixed-writes.txt)" \
  "$(awk '$1=="99%" {print $2}' /tmp/zhanju-mixed-writes.txt)" "$(awk '/Non-2xx/ {print $4}' /tmp/zhanju-mixed-writes.txt)"
echo "cases in the database: $(sqlite3 "$DB" "SELECT COUNT(*) FROM cases")"
run queue-body "http://127.0.0.1:8091/api/v1/cases?view=body&per=50"
run queue-compound "http://127.0.0.1:8091/api/v1/cases?view=body&compound_id=$COMPOUND&per=50"
run queue-overdue "http://127.0.0.1:8091/api/v1/cases?view=overdue&per=50"
fi
# The pages each role opens daily, as the administrator (the widest view) sees them.
run page-committee "http://127.0.0.1:8091/committees/$RC"
run page-structure "http://127.0.0.1:8091/structure/$SD"
run page-compound "http://127.0.0.1:8091/compounds/$COMPOUND"
run page-grid "http://127.0.0.1:8091/grid/$GRID"
run page-queue "http://127.0.0.1:8091/cases?view=body"
run page-dashboard-committee "http://127.0.0.1:8091/dashboards/committee/$RC"
run page-dashboard-workstation "http://127.0.0.1:8091/dashboards/workstation/$WS"
python3 - <<PY
h = float(open("/tmp/zhanju-bench-hello.rps").read())
import os
for name in ["hello-json", "hello-1k", "hello-1k-lua", "household-cold", "hello-again", "household", "mixed-household-reads", "committee-page", "committee-api", "case-create", "queue-body", "queue-compound", "queue-overdue",
             "page-committee", "page-structure", "page-compound", "page-grid", "page-queue", "page-dashboard-committee", "page-dashboard-workstation"]:
    path = f'/tmp/zhanju-bench-{name}.rps'
    if "${PAGES_ONLY:-}" and not name.startswith(("page-", "hello-json")): continue
    print(f"ratio {name}/hello: {float(open(path).read()) / h:.2f}")
if "${PAGES_ONLY:-}": raise SystemExit
lua = float(open("/tmp/zhanju-bench-hello-1k-lua.rps").read())
print(f"ratio household/hello-1k-lua (same client script): {float(open('/tmp/zhanju-bench-household.rps').read()) / lua:.2f}")
again = float(open("/tmp/zhanju-bench-hello-again.rps").read())
print(f"ratio household/hello-again (hello measured just before): {float(open('/tmp/zhanju-bench-household.rps').read()) / again:.2f}")
PY
echo "server RSS after the runs: $(ps -o rss= -p $SERVER) KiB"
