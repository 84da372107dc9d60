#!/usr/bin/env bash
# Speed budgets of issue 6: generation (stage by stage, for our specs and for GitHub's REST
# spec) and the runtime's validate+serialize and decode paths. Not part of the test suite:
# timings are noisy on a shared machine, so the ratio budgets are judged by the benches'
# `… interleaved` lines (both sides timed in alternating rounds of one run).
#
#   scripts/bench.sh [extra criterion args]      e.g. scripts/bench.sh --measurement-time 2
#
# GitHub's spec comes from the npm package @octokit/openapi (api.github.com.json, OpenAPI
# 3.0.3, ~13 MB), fetched with `npm pack` into $BENCH_DIR (default /tmp/api-clients-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-/tmp/api-clients-bench}
version=${OCTOKIT_OPENAPI_VERSION:-23.0.2}
mkdir -p "$work/specs"

if [ ! -f "$work/specs/api.github.com.json" ]; then
  echo "==> fetching @octokit/openapi@$version from npm into $work"
  (cd "$work" && npm pack --silent "@octokit/openapi@$version" >/dev/null \
     && tar xzf "octokit-openapi-$version.tgz")
  spec=$(find "$work/package" -name api.github.com.json -not -name '*deref*' | head -n 1)
  if [ -z "$spec" ]; then
    echo "api.github.com.json not found in @octokit/openapi@$version" >&2
    exit 1
  fi
  grep -q '"openapi": *"3\.0\.' "$spec" || { echo "$spec is not OpenAPI 3.0.x" >&2; exit 1; }
  cp "$spec" "$work/specs/"
fi

echo "==> cargo bench --bench generate (with $work/specs)"
API_CLIENTS_BENCH_SPECS="$work/specs" cargo bench --bench generate -- "$@"

echo "==> cargo bench --bench runtime"
cargo bench --bench runtime -- "$@"

echo "==> medians and budget ratios"
python3 scripts/bench-summary.py target/criterion
