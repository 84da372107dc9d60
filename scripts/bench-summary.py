#!/usr/bin/env python3
"""Prints the medians criterion recorded (target/criterion), the ratios between them, and the
absolute budgets (our specs under 50 ms). Run by scripts/bench.sh after the benches.

The ratio budgets are judged by the benches' own `… interleaved` lines, which time both sides
in alternating rounds: criterion's medians come from windows seconds apart, and on a shared
machine their ratios are shown here for reference only."""
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
pairs = [("create_agent/validate+to_vec", "create_agent/to_vec"),
         ("persona/decode_json", "persona/plain_derive"),
         ("persona/flatten_derive", "persona/plain_derive"),
         ("persona_known_fields_only/decode_json", "persona_known_fields_only/plain_derive")]
print()
print("criterion ratios, for reference (the budgets: the `interleaved` lines above):")
for a, b in pairs:
    if a in med and b in med:
        print(f"  {a} / {b} = {med[a] / med[b]:.2f}x")
for b in sorted(med):
    if b.endswith("/generate") and b.startswith("generate_"):
        print(f"{b} = {fmt(med[b])}" + (" ok" if med[b] < 50e6 else " OVER") + " (budget 50 ms)")
    elif b == "large_api.github.com/generate":
        print(f"{b} = {fmt(med[b])}" + (" ok" if med[b] <= 1.5e9 else " OVER") + " (budget 1.5 s)")
