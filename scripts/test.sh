#!/usr/bin/env bash
# The whole test suite, runnable on a fresh machine: installs what the tests need (Prism from
# npm, openapi-spec-validator from PyPI) when it is missing, then checks, in order:
#   1. every spec (and every OpenAPI 3.1 fixture) passes an independent OpenAPI validator;
#   2. the checked-in generated code is what the specs generate (before anything rebuilds it);
#   3. formatting of the hand-written code;
#   4. clippy, warnings denied, on the generated crate (generated code included) and its tests;
#   5. cargo test for the whole workspace (snapshots, trybuild, diagnostics, Prism contract tests);
#   6. rustdoc builds without warnings.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "test tools"
if [ ! -x node_modules/.bin/prism ]; then
  npm ci --no-audit --no-fund
fi
node_modules/.bin/prism --version
if ! command -v openapi-spec-validator >/dev/null 2>&1; then
  python3 -m pip install --quiet -r requirements-test.txt
fi

step "specs pass openapi-spec-validator"
openapi-spec-validator spec/*.yaml spec/history/*.yaml tests/fixtures/oas31_*.yaml tests/fixtures/oas31/*.yaml

step "checked-in generated code is current"
cargo run --quiet -p generator -- generate --check

step "formatting"
cargo fmt --all -- --check

step "clippy on the generated crate, warnings denied"
cargo clippy --quiet -p api-clients --all-targets -- -D warnings

step "cargo test"
cargo test --workspace

step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
echo "docs: ok"
