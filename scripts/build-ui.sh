#!/usr/bin/env bash
# Builds the Leptos UI to ui/dist (wasm32 + wasm-bindgen, no trunk).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash ui/build.sh "$@"
