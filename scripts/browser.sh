#!/usr/bin/env bash
# Browser journeys: a resident, a counter clerk, a grid worker, workstation staff and the
# administrator doing their work through the pages in headless Chromium, at 390 px and 1280 px,
# in zh-Hans and English, with overflow, label, translation and error-page checks after every page
# load (scripts/browser/journeys.py says what each checks). Starts the debug build (`swift build`
# first; this script builds nothing) on a fresh SQLite file with the demo loaded, like
# scripts/schemathesis.sh. Screenshots of every step go to browser-shots/. Exits non-zero if any
# journey failed.
#
#   bash scripts/browser.sh                     # ZHANJU_BIN=path to run another copy of the binary
#   bash scripts/browser.sh --only resident     # extra arguments go to journeys.py
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bin=${ZHANJU_BIN:-.build/debug/zhanju}
[ -x "$bin" ] || { echo "no $bin: run swift build first" >&2; exit 2; }
shots=${BROWSER_SHOTS:-$root/browser-shots}

# Chromium and its driver from Debian, a CJK font so Chinese pages render as a person sees them
# (without one every Chinese character is an empty box), and Selenium from PyPI.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk' || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -c 'import selenium' 2>/dev/null || pip install -q 'selenium>=4,<5'

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
unset DATABASE_URL
"$bin" serve --demo --database "$work/zhanju.sqlite" --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# `serve --demo` loads the demo before it listens, so /readyz answering means the demo is in.
echo "waiting for the server and the demo (log: $work/server.log)"
for _ in $(seq 1 600); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; echo "server exited" >&2; exit 1; }
  sleep 1
done
curl -fsS "$base/readyz" >/dev/null || { tail -20 "$work/server.log" >&2; echo "server not ready after 10 minutes" >&2; exit 1; }

start=$(date +%s)
status=0
python3 "$root/scripts/browser/journeys.py" --base "$base" --shots "$shots" "$@" || status=$?
echo "browser journeys took $(( $(date +%s) - start )) s"
if ! kill -0 "$server" 2>/dev/null; then
  tail -20 "$work/server.log" >&2
  echo "the server stopped during the journeys" >&2
  status=1
fi
exit $status
