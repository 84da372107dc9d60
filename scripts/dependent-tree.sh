#!/usr/bin/env bash
# Checks that an application depending on `api-clients` compiles no generator: resolves a
# throwaway app in a temporary directory (nothing is built) and fails if its dependency tree,
# build dependencies included, holds the generator or its own dependencies.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
app="$(mktemp -d)"
trap 'rm -rf "$app"' EXIT
mkdir "$app/src"
cat > "$app/Cargo.toml" <<TOML
[package]
name = "dependent-app"
version = "0.1.0"
edition = "2021"

[dependencies]
api-clients = { path = "$root/generated-client" }

[workspace]
TOML
echo 'fn main() {}' > "$app/src/main.rs"
cp "$root/Cargo.lock" "$app/"
tree="$(cd "$app" && cargo tree --offline -e build,normal --prefix none)"
if grep -E '^(generator|clap|mimalloc|openapiv3|serde_yaml) ' <<<"$tree"; then
  echo "a dependent of api-clients compiles the crates above" >&2
  exit 1
fi
echo "dependent: $(sort -u <<<"$tree" | wc -l) crates, no generator, clap, mimalloc, openapiv3 or serde_yaml"
