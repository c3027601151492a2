#!/usr/bin/env bash
# Sets up, builds and launches Mentordesk on the local workspace
# (~/.local/share/mentordesk). Pass --demo to load the demo organisation
# into an empty workspace; any other flags go to the app (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/build-ui.sh
echo "==> Building Mentordesk (release)"
cargo build --release --features custom-protocol
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "No display found. On a headless machine run: xvfb-run -a target/release/mentordesk $*" >&2
  exit 1
fi
exec target/release/mentordesk "$@"
