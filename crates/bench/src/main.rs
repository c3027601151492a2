//! `mentordesk-bench`: the scale figures of the scheduling issue, measured on a real
//! workspace file through the same `Mentordesk` API the Tauri commands call.
//!
//! ```text
//! mentordesk-bench generate --dir DIR [--users 100000] [--sessions 1000000] [--force | --reuse]
//! mentordesk-bench booking  --dir DIR [--seconds 10] [--tasks 2] [--sweep 1,2,4,8]
//! mentordesk-bench commands --dir DIR [--iterations 2000]
//! mentordesk-bench roundtrip --dir DIR
//! mentordesk-bench messaging --dir DIR [--messages 5000000] [--iterations 300] [--force]
//! mentordesk-bench import   --dir DIR [--rows 50000]
//! mentordesk-bench oversight --dir DIR [--iterations 300] [--force]
//! ```
//!
//! `scripts/bench.sh` runs all of them (plus the core's slot-finder bench) in release mode.

mod booking;
mod commands;
mod generate;
mod import;
mod messaging;
mod oversight;
mod roundtrip;
mod util;

use util::Args;

const USAGE: &str = "\
usage:
  mentordesk-bench generate --dir DIR [--users 100000] [--sessions 1000000] [--seed N] [--force | --reuse]
      Creates a workspace in DIR (real migrations) and bulk-loads users, profiles, roles,
      mentors' availability and sessions. DIR must not exist, unless --force (wipe it) or
      --reuse (keep it if it is a complete workspace of the same size made with the same
      migrations in the last week, else wipe it).
  mentordesk-bench booking --dir DIR [--seconds 10] [--tasks 2] [--sweep 1,2,4,8] [--sweep-seconds 3]
                           [--mentees 96] [--mentors-per-mentee 16] [--contested 200] [--contenders 4]
      Books free future slots through Mentordesk::sessions_request from concurrent tasks,
      with contested slots mixed in; verifies there is no double booking; then removes
      the bench's bookings again.
  mentordesk-bench commands --dir DIR [--iterations 2000] [--instances 4] [--per-user 10]
      Latency of sessions_list (upcoming) and slots_find (60 min, whole horizon) for
      random users and mentors, each answer serialised with serde_json.
  mentordesk-bench roundtrip --dir DIR
      What one indexed SQL lookup costs through sqlx (each SQLite connection runs on its
      own worker thread): back to back, and after the worker has gone idle.
  mentordesk-bench messaging --dir DIR [--users 20000] [--sessions 200000] [--messages 5000000]
                             [--big 100000] [--hubs 10] [--member-of 500] [--seed N]
                             [--reminder-sessions 10000] [--iterations 300]
                             [--force] [--generate-only] [--reader-cache-mb N]
      A workspace of its own (a generated one plus conversations, messages through the
      FTS trigger, read state and past reminders), made once and reused while complete
      (--force remakes it); then opening the big conversation (messages_page), search
      (messages_search), unread counts (conversations_list) and the reminder queries
      with their query plans and a simulated day of the scheduler. --reader-cache-mb N is an
      experiment: the app's reader connections get N MB of page cache each instead of 2.
  mentordesk-bench import --dir DIR [--rows 50000] [--seed N]
      The admin's CSV import of people: writes a realistic file (names in many scripts,
      quotes, programmes, interests, ~1% bad rows), creates a fresh workspace in DIR (a
      previous one there is wiped) with an admin and three programmes, then times
      imports_preview and imports_run (+ serde_json) in rows/s and imports the same file
      again, which must create nobody.
  mentordesk-bench oversight --dir DIR [--users 100000] [--sessions 1000000] [--big-sessions 200000]
                             [--big-pairs 2000] [--seed N] [--iterations 300] [--force] [--generate-only]
      A workspace of its own (a generated one plus five programmes splitting the mentors and
      their sessions, the big one with 200,000 sessions and 2,000 approved pairs; matches,
      ratings, action items, tasks, reports, capacities), made once and reused while complete
      (--force remakes it); then checks the trigger-kept day counts against the sessions,
      shows the dashboard's query plans and measures dashboard_get (+ serde_json) for the big
      programme as its manager, every programme as the admin and three as their manager,
      over a year, a quarter, 4 weeks and the whole span. Target: p99 ≤ 50 ms.";

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("generate") => match Args::parse(
            &args[1..],
            &["dir", "users", "sessions", "force", "reuse", "seed"],
        ) {
            Ok(a) => generate::run(&a).await,
            Err(e) => Err(e),
        },
        Some("booking") => match Args::parse(
            &args[1..],
            &[
                "dir",
                "seconds",
                "tasks",
                "sweep",
                "sweep-seconds",
                "mentees",
                "mentors-per-mentee",
                "contested",
                "contenders",
            ],
        ) {
            Ok(a) => booking::run(&a).await,
            Err(e) => Err(e),
        },
        Some("commands") => {
            match Args::parse(&args[1..], &["dir", "iterations", "instances", "per-user"]) {
                Ok(a) => commands::run(&a).await,
                Err(e) => Err(e),
            }
        }
        Some("messaging") => match Args::parse(
            &args[1..],
            &[
                "dir",
                "users",
                "sessions",
                "messages",
                "big",
                "hubs",
                "member-of",
                "seed",
                "reminder-sessions",
                "iterations",
                "force",
                "generate-only",
                "reader-cache-mb",
            ],
        ) {
            Ok(a) => messaging::run(&a).await,
            Err(e) => Err(e),
        },
        Some("import") => match Args::parse(&args[1..], &["dir", "rows", "seed"]) {
            Ok(a) => import::run(&a).await,
            Err(e) => Err(e),
        },
        Some("oversight") => match Args::parse(
            &args[1..],
            &[
                "dir",
                "users",
                "sessions",
                "big-sessions",
                "big-pairs",
                "seed",
                "iterations",
                "force",
                "generate-only",
            ],
        ) {
            Ok(a) => oversight::run(&a).await,
            Err(e) => Err(e),
        },
        Some("roundtrip") => match Args::parse(&args[1..], &["dir"]) {
            Ok(a) => roundtrip::run(&a).await,
            Err(e) => Err(e),
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("expected a subcommand\n{USAGE}")),
    };
    if let Err(e) = outcome {
        eprintln!("mentordesk-bench: {e}");
        std::process::exit(1);
    }
}
