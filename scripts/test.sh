#!/usr/bin/env bash
# The whole test suite, runnable on a fresh machine: installs what the tests need (Prism from
# npm; openapi-spec-validator, FastAPI and uvicorn from PyPI) when it is missing, then checks, in
# order:
#   1. every spec (and every OpenAPI 3.1 fixture) passes an independent OpenAPI validator;
#   2. the checked-in generated code is what the specs generate (before anything rebuilds it);
#   2b. docs-check: every fact on the vendor pages (../shared/docs, beside the checkout) holds in
#       the spec that transcribes it, or the spec explains the deviation (x-docs-deviation);
#   3. formatting of the hand-written code;
#   4. clippy, warnings denied, on the generated crate (generated code included) and its tests;
#   5. cargo test for the whole workspace (snapshots, trybuild, diagnostics, Prism contract tests);
#   6. rustdoc builds without warnings;
#   7. the runtime with native-tls instead of rustls (installs libssl-dev and pkg-config when
#      missing), rust-version against the locked crates' own, and that an application depending
#      on api-clients compiles no generator.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "test tools"
if [ ! -x node_modules/.bin/prism ]; then
  npm ci --no-audit --no-fund
fi
node_modules/.bin/prism --version
if ! command -v openapi-spec-validator >/dev/null 2>&1 \
  || ! python3 -c 'import fastapi, uvicorn' >/dev/null 2>&1; then
  python3 -m pip install --quiet -r requirements-test.txt
fi

if ! pkg-config --exists openssl 2>/dev/null; then
  # native-tls builds against the system's OpenSSL (step 7).
  apt-get update -qq && apt-get install -y -qq libssl-dev pkg-config
fi

step "specs pass openapi-spec-validator"
openapi-spec-validator spec/*.yaml spec/history/*.yaml tests/fixtures/oas31_*.yaml tests/fixtures/oas32_*.yaml \
  tests/fixtures/oas31/*.yaml tests/fixtures/tools/*.json

step "checked-in generated code is current"
cargo run --quiet -p generator -- generate --check

step "docs-check: the specs against the vendor pages in ../shared/docs"
docs=../shared/docs
cargo run --quiet -p generator -- docs-check spec/coval.yaml \
  "$docs/coval-create-persona.txt" "$docs/coval-update-persona.txt" "$docs/coval-create-agent.txt"
cargo run --quiet -p generator -- docs-check spec/anam.yaml "$docs/anam-create-persona-newer.txt"
cargo run --quiet -p generator -- docs-check spec/history/anam-2026-older.yaml \
  "$docs/anam-create-persona-older.txt"

step "formatting"
cargo fmt --all -- --check

step "clippy on the generated crate, warnings denied"
cargo clippy --quiet -p api-clients --all-targets --features tracing -- -D warnings

step "cargo test"
cargo test --workspace

step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
echo "docs: ok"

step "native-tls build"
# The runtime's unit tests (TLS client construction included) with native-tls instead of
# rustls; the generated modules are TLS-agnostic, so they are left out to keep this cheap.
cargo test --quiet -p api-clients --lib --no-default-features --features native-tls

step "rust-version"
python3 scripts/msrv.py

step "dependents build no generator"
scripts/dependent-tree.sh
