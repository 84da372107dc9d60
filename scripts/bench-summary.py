#!/usr/bin/env python3
"""Prints the medians criterion recorded (target/criterion) and the ratios of issue 6's budgets.
Run by scripts/bench.sh after the benches; the ratios compare benches of the same run."""
import json, os, sys
root = sys.argv[1] if len(sys.argv) > 1 else "target/criterion"
med = {}
for dirpath, dirs, files in os.walk(root):
    if dirpath.endswith("/new") and "estimates.json" in files:
        bench = os.path.relpath(os.path.dirname(dirpath), root)
        med[bench] = json.load(open(os.path.join(dirpath, "estimates.json")))["median"]["point_estimate"]
def fmt(ns):
    return f"{ns/1e6:.2f} ms" if ns >= 1e5 else f"{ns/1e3:.2f} µs"
for b in sorted(med):
    print(f"{b:55} {fmt(med[b])}")
pairs = [("create_agent/validate+to_vec", "create_agent/to_vec", 1.5),
         ("persona/decode_json", "persona/plain_derive", 1.3),
         ("persona/flatten_derive", "persona/plain_derive", None),
         ("persona_known_fields_only/decode_json", "persona_known_fields_only/plain_derive", None)]
for g in sorted({b.split("/")[0][len("large_"):] for b in med if b.startswith("large_")}):
    pairs.append((f"large_{g}/generate", f"large_{g}/parse", 3.0))
print()
for a, b, budget in pairs:
    if a in med and b in med:
        r = med[a] / med[b]
        verdict = "" if budget is None else (" ok" if r <= budget else " OVER") + f" (budget {budget}x)"
        print(f"{a} / {b} = {r:.2f}x{verdict}")
# The same budget from validate's own time: the two totals above are measured a few seconds
# apart, so on a shared machine their ratio swings more than validate's share does.
if "create_agent/validate" in med and "create_agent/to_vec" in med:
    r = (med["create_agent/to_vec"] + med["create_agent/validate"]) / med["create_agent/to_vec"]
    print(f"(create_agent/to_vec + create_agent/validate) / create_agent/to_vec = {r:.2f}x"
          + (" ok" if r <= 1.5 else " OVER") + " (budget 1.5x)")
for b in sorted(med):
    if b.endswith("/generate") and b.startswith("generate_"):
        print(f"{b} = {fmt(med[b])}" + (" ok" if med[b] < 50e6 else " OVER") + " (budget 50 ms)")
