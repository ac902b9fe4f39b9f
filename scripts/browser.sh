#!/usr/bin/env bash
# Browser journeys: a resident, a counter clerk, a grid worker, workstation staff, the
# administrator and the council's roles (a resident, a council member, a supervisor) doing their
# work through the pages in headless Chromium, at 390 px and 1280 px,
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

. "$root/scripts/demo-server.sh"

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
