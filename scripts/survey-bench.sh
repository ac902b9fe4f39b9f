#!/usr/bin/env bash
# Issue 14's speed check: Zhanju's cross-tabulation of two questions over N responses beside
# pandas doing the same on the exported CSV, in one run. Needs `pip install pandas`.
#   RESPONSES=1000000 HOUSEHOLDS=20000 scripts/survey-bench.sh [path/to/zhanju]
set -euo pipefail
ZHANJU=${1:-.build/release/zhanju}
[ -x "$ZHANJU" ] || ZHANJU=.build/debug/zhanju
DIR=${DIR:-$(mktemp -d)}
OUT=$("$ZHANJU" bench survey --responses "${RESPONSES:-1000000}" --households "${HOUSEHOLDS:-20000}" --directory "$DIR" 2>/dev/null | grep -v '^\[')
echo "$OUT"
read -r ROW COLUMN < <(echo "$OUT" | sed -n 's/^pandas columns: //p')
python3 "$(dirname "$0")/survey_crosstab.py" "$DIR/zhanju-survey-bench.csv" "$ROW" "$COLUMN"
