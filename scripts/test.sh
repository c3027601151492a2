#!/usr/bin/env bash
# Runs every Mentordesk test: formatting and lints; unit, repository, API and
# command tests; native notifications against a real notification server (dunst);
# then end-to-end tests of the real app in a real webview under Xvfb, driven over
# WebDriver. Screenshots land in target/e2e/. Safe to run again.
#
# scripts/test.sh --deep runs only the property tests, with many more cases (the slot
# finder 50,000, booking through the API 500) from fresh random seeds, each printed
# so a failure can be replayed: PROPTEST_RNG_SEED=<seed> PROPTEST_CASES=<n> cargo test …
set -euo pipefail
DEEP=0
[[ "${1:-}" == "--deep" ]] && DEEP=1
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for-tests
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

step() { printf '\n\033[1;36m==> %s\033[0m\n' "$*"; }
started=$(date +%s)

if [[ $DEEP -eq 1 ]]; then
  step "Deep property tests: the slot finder, 50,000 cases"
  PROPTEST_CASES=50000 cargo test --release -p mentordesk-core --lib -- properties --nocapture
  step "Deep property tests: booking through the API, 500 cases"
  PROPTEST_CASES=500 cargo test --release -p mentordesk-api --test booking_property -- --nocapture
  step "Deep property tests passed in $(( $(date +%s) - started )) s"
  exit 0
fi

step "Formatting"
cargo fmt --all -- --check

step "Building the UI (wasm32)"
bash scripts/build-ui.sh

step "Lints (clippy, warnings are errors)"
cargo clippy --all-targets --features custom-protocol,e2e -- -D warnings
cargo clippy -p mentordesk-bench --all-targets -- -D warnings
cargo clippy -p mentordesk-ui --target wasm32-unknown-unknown -- -D warnings

step "Unit, repository, API and command tests"
cargo test -p mentordesk-shared -p mentordesk-core -p mentordesk-db -p mentordesk-api
cargo test -p mentordesk-ui --lib
cargo test --features custom-protocol,e2e -p mentordesk --lib --test commands --test ipc_garbage

step "Native notifications against a real notification server (dunst, own D-Bus session)"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test --features custom-protocol,e2e -p mentordesk --test notifications -- --test-threads=1

step "End-to-end tests (real app, WebKitWebDriver, Xvfb)"
mkdir -p target/e2e
# Xvfb outside the D-Bus session, so services the bus starts (keyring, portals) see the display.
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test --features custom-protocol,e2e -p mentordesk --test e2e -- --test-threads=1

step "All tests passed in $(( $(date +%s) - started )) s; screenshots in target/e2e/"
