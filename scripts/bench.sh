#!/usr/bin/env bash
# The scheduling issue's speed figures, each measured by a benchmark binary built in
# release mode (never by timed unit tests):
#
#   1. Slot finder: one mentor, 8 weeks, 1,000 sessions and 500 busy blocks
#      (cargo bench -p mentordesk-core --bench slots).        Target: median ≤ 1 ms.
#   2. Booking on a workspace file holding 100,000 users and 1,000,000 sessions, through
#      Mentordesk::sessions_request from concurrent tasks, with contested slots mixed in;
#      then one SQL query over the whole table counts double bookings.
#                                              Target: ≥ 2,000 bookings/s, 0 double bookings.
#      A short sweep over task counts comes first, then 20 s with 4 tasks (bookings that
#      arrive together share a transaction; one task alone waits for each of its
#      answers, ~0.6 ms, so it measures latency more than throughput). Then the cost of one SQL statement
#      through sqlx, back to back and after its worker thread has gone idle; with
#      --pinned, the booking run is repeated with the process pinned to one CPU.
#   3. "My upcoming sessions" (sessions_list) and "available slots" (slots_find) through
#      the command layer: the Mentordesk methods the Tauri commands call one-to-one,
#      plus serde_json of the answer, for random users and mentors.  Target: p99 ≤ 5 ms.
#   4. Messaging and reminders (issue 4), on a workspace of its own: 20,000 users, 200,000
#      sessions, 5,000,000 messages in ~42,000 conversations (one of 100,000 messages),
#      through the command layer as in 3:
#        opening the 100,000-message conversation (messages_page, newest 50)  p99 ≤ 5 ms;
#        search (messages_search) for a member of 500 conversations, common, rare and
#        prefix terms (and for a mentee in 4)                                  p99 ≤ 50 ms;
#        unread counts of those 500 conversations (conversations_list)         p99 ≤ 5 ms;
#        reminders of 10,000 upcoming sessions: the query plans of next_due and due (the
#        partial index reminders_due, no full scan), their times, the scheduler's sleep
#        (sleep_for, at most 60 s) and a simulated day of its wake-ups.
#   5. The admin's CSV import of people (seed 002 BulkUploads): a generated 50,000-row file
#      (names in many scripts, quoted names with commas and quotes, roles, programmes,
#      interests, time zones, ~1% bad rows of every kind) into a fresh workspace in
#      target/bench-import (an admin and three programmes), through the command layer as in
#      3: imports_preview, then imports_run (decoding, parsing, validation, the accounts
#      with their profiles, roles, memberships, interests and set-password codes, the codes
#      file, one transaction), then the same file again, which must create nobody.
#                                                  Target: import ≥ 5,000 rows/s.
#   6. Programme dashboards (issue 5), on a workspace of its own: the standard 100,000 users
#      and 1,000,000 sessions split over 5 programmes by mentor (the big one 200,000
#      sessions and 2,000 approved pairs), with matches, ratings, action items, tasks,
#      reports and mentors at capacity. It checks the trigger-kept day counts against
#      count(*) over the sessions, prints the query plans of the dashboard's statements
#      (flagging full scans of sessions, matches, action_items), then measures
#      dashboard_get + serde_json, 300 times per range (a year, a quarter, 4 weeks at random
#      places, the whole span): the big programme as its manager, all programmes as the
#      admin, 3 of the 5 as their manager.                                 Target: p99 ≤ 50 ms.
#
# The workspaces are generated once into target/bench-workspace (about 1 minute, ~600 MB),
# target/bench-messaging (about 10 minutes, ~3 GB: the messages go through the full-text
# index's triggers) and target/bench-oversight (about 2.5 minutes, ~1.2 GB) and reused while
# complete and made with the same migrations (the first and the last also while under a
# week old); --fresh regenerates them. The booking bench removes its own bookings
# afterwards, so every run measures the same data; the messaging bench plans its reminders
# afresh on each run.
#
# The import bench makes its workspace afresh on every run (target/bench-import, ~75 MB,
# a few seconds); the dashboard bench's (target/bench-oversight, ~1.2 GB, ~2 minutes) is
# made once and reused while made with the same migrations.
#
# Time: about 5 minutes with generated workspaces and built binaries (slot finder
# ~20 s, booking ~45 s, commands ~10 s, messaging ~1–2 min, import ~5 s, dashboards
# ~1 min; --pinned adds ~20 s); the first run adds the generation (~14 minutes) and the
# release builds (~5–10 minutes on 2 busy cores).
#
# Usage: bash scripts/bench.sh [--fresh] [--pinned]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

fresh=""
pinned=""
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    --pinned) pinned=1 ;;
    -h | --help) sed -n '2,64p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

step() { printf '\n\033[1;36m==> %s\033[0m\n' "$*"; }
phase_started=0
phase() { phase_started=$(date +%s); step "$*"; }
phase_done() { echo "($(( $(date +%s) - phase_started )) s)"; }
started=$(date +%s)

bin=target/release/mentordesk-bench
dir=target/bench-workspace
messaging=target/bench-messaging
imports=target/bench-import
oversight=target/bench-oversight

phase "Building (release)"
cargo build --release -p mentordesk-bench
phase_done

phase "1. Slot finder (cargo bench -p mentordesk-core --bench slots)"
cargo bench -p mentordesk-core --bench slots
phase_done

phase "Workspace: 100,000 users, 1,000,000 sessions in $dir"
if [ -n "$fresh" ]; then
  "$bin" generate --dir "$dir" --users 100000 --sessions 1000000 --force
else
  "$bin" generate --dir "$dir" --users 100000 --sessions 1000000 --reuse
fi
phase_done

phase "2. Booking through Mentordesk::sessions_request"
"$bin" booking --dir "$dir" --seconds 20 --tasks 4 --sweep 1,2,4,8 --sweep-seconds 3
echo
echo "What one SQL statement costs through sqlx (a hand-off to the connection's thread):"
"$bin" roundtrip --dir "$dir"
if [ -n "$pinned" ] && command -v taskset >/dev/null; then
  echo
  echo "Again with the process pinned to one CPU: each SQL statement is a hand-off to the"
  echo "connection's worker thread, and waking a thread on the other CPU of a VM is slow."
  taskset -c 0 "$bin" booking --dir "$dir" --seconds 10 --tasks 4
fi
phase_done

phase "3. Command layer: sessions_list and slots_find (+ serde_json)"
"$bin" commands --dir "$dir" --iterations 2000
phase_done

phase "4. Messaging and reminders (5,000,000 messages in $messaging)"
if [ -n "$fresh" ]; then
  "$bin" messaging --dir "$messaging" --force
else
  "$bin" messaging --dir "$messaging"
fi
phase_done

phase "5. CSV import of 50,000 people (imports_preview, imports_run, and the same file again)"
"$bin" import --dir "$imports" --rows 50000
phase "6. Programme dashboards (dashboard_get + serde_json, 1,000,000 sessions in $oversight)"
if [ -n "$fresh" ]; then
  "$bin" oversight --dir "$oversight" --iterations 300 --force
else
  "$bin" oversight --dir "$oversight" --iterations 300
fi
phase_done

step "Benchmarks done in $(( $(date +%s) - started )) s"
