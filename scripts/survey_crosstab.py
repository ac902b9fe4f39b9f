"""pandas' side of `zhanju bench survey`: the same cross-tabulation from the exported CSV.

Reads the responses CSV the bench wrote (the export's columns and cells), keeps the two
question columns, and counts them with pd.crosstab; prints the time of each part, best of three.
"""
import sys
import time

import pandas as pd

path, row, column = sys.argv[1], sys.argv[2], sys.argv[3]
best = None
for attempt in range(3):
    started = time.perf_counter()
    frame = pd.read_csv(path, usecols=[row, column], encoding="utf-8-sig")
    read = time.perf_counter() - started
    table = pd.crosstab(frame[row], frame[column])
    total = time.perf_counter() - started
    print(f"pandas {pd.__version__} run {attempt + 1}: read_csv (2 columns) {read:.3f} s, crosstab {total - read:.3f} s, total {total:.3f} s")
    best = total if best is None else min(best, total)
print(f"pandas best {best:.3f} s over {int(table.values.sum())} responses")
print(table.to_string())
started = time.perf_counter()
whole = pd.read_csv(path, encoding="utf-8-sig")
print(f"(for reference: read_csv of every column {time.perf_counter() - started:.3f} s, {len(whole.columns)} columns)")
