#!/usr/bin/env bash
# Durable web ballots per second (issue 12, "Speed"), beside Vapor's hello-world in the same run.
# Opens elections for polling in committees of the generated city (scripts/bench.sh makes it),
# through the service, writes one ballot per printed code, sends them with wrk at 64 connections,
# then counts the ballots in the database: every 201 must be a stored ballot.
#   scripts/bench-ballots.sh [elections]      BIN=release binary, BENCH_DB=city database (a SQLite
#   file, or a postgres:// URL of a city copied there with `zhanju db copy --to`)
set -euo pipefail
cd "$(dirname "$0")/.."
ELECTIONS=${1:-25}
DB=${BENCH_DB:-/tmp/zhanju-bench.sqlite}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
BIN=${BIN:-.build/release/zhanju}
BALLOTS=${BALLOTS:-/tmp/zhanju-bench-ballots.jsonl}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
case "$DB" in
  postgres*) count() { psql -qtA "$DB" -c "SELECT COUNT(*) FROM election_ballots"; }
             export ZHANJU_SECRET_KEY_FILE=${ZHANJU_SECRET_KEY_FILE:?the key file of the city copied into PostgreSQL}
             export DATABASE_URL=$DB; DBARG=() ;;
  *) [ -f "$DB" ] || { echo "no city at $DB: run scripts/bench.sh first" >&2; exit 1; }
     count() { sqlite3 "$DB" "SELECT COUNT(*) FROM election_ballots"; }
     export ZHANJU_SECRET_KEY_FILE="$DB.key"; DBARG=(--database "$DB") ;;
esac
$BIN migrate "${DBARG[@]}" >/dev/null
$BIN bench ballots-setup "${DBARG[@]}" --elections "$ELECTIONS" --bodies "$BALLOTS"
before=$(count)

$BIN bench hello --port 8090 >/dev/null 2>&1 &
HELLO=$!
ZHANJU_ENV=production $BIN serve "${DBARG[@]}" --port 8091 >/dev/null 2>&1 &
SERVER=$!
trap 'kill $HELLO $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -sf localhost:8091/readyz >/dev/null && curl -sf localhost:8090/hello >/dev/null && break; sleep 0.2; done

# CPU seconds a process has used (user + system), from /proc: on a shared, loaded machine the
# rates drift with the neighbours, the CPU each request costs much less.
cpu() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
# wrk's own CPU (user + system, from /usr/bin/time) per request: it shares the two cores.
client() { echo "$1" | awk -v n="$2" '/^client / { printf "%.0f", (n > 0 ? ($2 + $3) * 1e6 / n : 0) }'; }
per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1e6 / n : 0) }'; }

echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== hello-world (text), $CONNS connections, $DURATION"
c0=$(cpu $HELLO)
hello=$(/usr/bin/time -f "client %U %S" wrk -t2 -c"$CONNS" -d"$DURATION" --latency http://127.0.0.1:8090/hello 2>&1)
c1=$(cpu $HELLO)
echo "$hello" | grep -E "Requests/sec|50%|99%"
requests=$(echo "$hello" | awk '/requests in/ { print $1 }')
echo "== hello-world: $(per "$c0" "$c1" "$requests") µs of server CPU per request, $(client "$hello" "$requests") µs of wrk's ($requests requests)"
echo "== web ballots (POST /api/v1/ballots, each acknowledged after its batch commits), $CONNS connections, $DURATION"
c0=$(cpu $SERVER)
ballots=$(BALLOTS=$BALLOTS WRK_THREADS=2 /usr/bin/time -f "client %U %S" wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s scripts/wrk/ballots.lua http://127.0.0.1:8091 2>&1)
c1=$(cpu $SERVER)
after=$(count)
echo "$ballots" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
requests=$(echo "$ballots" | awk '/requests in/ { print $1 }')
refused=$(echo "$ballots" | awk '/Non-2xx/ { print $NF }')
echo "== ballots acknowledged (201): $((requests - ${refused:-0})) of $requests; $(client "$ballots" "$requests") µs of wrk's CPU per request"
echo "== ballots stored during the run: $((after - before)); $(per "$c0" "$c1" $((after - before))) µs of server CPU per ballot"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
