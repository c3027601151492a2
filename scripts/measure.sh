#!/usr/bin/env bash
# Measures the release build: UI wasm size (raw and gzip), cold start (process
# start → the UI's first request, i.e. interactive) and idle memory (PSS of the
# app plus its WebKit processes, 10 s after start). Runs under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for-tests >/dev/null
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/build-ui.sh >/dev/null
cargo build --release --features custom-protocol 2>&1 | tail -1

wasm=ui/dist/mentordesk_ui_bg.wasm
echo "wasm: $(stat -c %s "$wasm") bytes raw, $(gzip -9 -c "$wasm" | wc -c) bytes gzip -9"
echo "binary: $(stat -c %s target/release/mentordesk) bytes"

descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }
pss_kib() { awk '/^Pss:/ {s += $2} END {print s + 0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
for run in 1 2 3 4 5; do
  dir=$(mktemp -d)
  DISPLAY=:77 MENTORDESK_LOG=info target/release/mentordesk --data-dir "$dir" >"$dir/log" 2>&1 &
  app=$!
  for _ in $(seq 1 300); do grep -q "UI interactive" "$dir/log" && break; sleep 0.05; done
  ms=$(grep -o 'startup_ms=[0-9]*' "$dir/log" | cut -d= -f2 || true)
  sleep 10
  total=0
  for p in $app $(descendants $app); do total=$(( total + $(pss_kib "$p") )); done
  echo "run $run: cold start ${ms:-?} ms, idle memory $(( total / 1024 )) MiB PSS ($(( 1 + $(descendants $app | wc -l) )) processes)"
  kill $app; wait $app 2>/dev/null || true
  rm -rf "$dir"
done
