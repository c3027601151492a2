//! `oversight`: the dashboard figure of issue 5 ("Dashboard for a programme with 2,000
//! pairs and 200k sessions, and across all programmes with 1M sessions: ≤ 50 ms command
//! round trip"), on a workspace of its own (`target/bench-oversight` in `scripts/bench.sh`).
//!
//! The workspace is a standard `generate` workspace (100,000 users, 1,000,000 sessions)
//! plus, loaded once and reused while complete:
//!
//! - five programmes whose mentors split the generated mentors: the big one takes mentors
//!   (in a seeded random order) until it holds `--big-sessions` (200,000) dashboard
//!   sessions (confirmed, completed, cancelled, no-show), the other four share the rest
//!   40/30/20/10; every session is stamped with its mentor's programme by one plain
//!   `UPDATE sessions SET programme_id` per programme, so the schema's triggers fill
//!   `programme_session_days` exactly as the app does;
//! - matches from the pairs that meet: `--big-pairs` (2,000) approved ones in the big
//!   programme and as many per session in the others (1–5 per mentor, a mentee in one
//!   approved match per programme), plus ended, rejected and pending ones; the mentors
//!   and matched mentees as members; two managers (`manager.big@example.org` runs the
//!   big programme, `manager.three@example.org` runs it and two others);
//! - mentors' capacities: of the mentors with approved matches, 6% set exactly their
//!   number of mentees, 2% one fewer (over capacity), 4% none (the default 3 applies);
//!   the rest keep the generator's 8;
//! - mentees' ratings of 60% of the completed sessions and mentors' of 30%, inserted
//!   after the stamping so that `session_days_rating` counts them;
//! - action items for 40% of the completed sessions (one or two; 80% due 1–4 weeks after
//!   the session; of those already due, 15% still open, so overdue); tasks (a fifth
//!   overdue) and programme reports (half with blockers, 40% of those still open).
//!
//! Each run checks `programme_session_days` against a direct count of the sessions and
//! ratings, shows the query plans of the dashboard's statements (flagging a full scan of
//! `sessions`, `matches` or `action_items`), and measures `Mentordesk::dashboard_get` (the
//! method the Tauri command calls) plus `serde_json::to_vec` of the answer: the big
//! programme as its manager, every programme as the administrator (`Scope::All`) and three
//! programmes as their manager, each over a year, a quarter and 4 weeks at random places
//! in the data, and over the whole span.

use crate::generate::{self, insert_all, FUTURE_DAYS, PAST_DAYS};
use crate::util::{
    api_err, database_file, ms, schema, secs, sql_err, thousands, Args, BenchResult, Rng, Stats,
    PASSWORD,
};
use chrono::{Duration as Span, NaiveDate, Utc};
use mentordesk_api::Mentordesk;
use mentordesk_core::oversight::{day_number, Scope};
use mentordesk_db::oversight as repo;
use mentordesk_shared::accounts::SignIn;
use mentordesk_shared::ids::ProgrammeId;
use mentordesk_shared::oversight::DashboardQuery;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, SqliteConnection};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// The setting that marks a finished oversight load (written in its last transaction).
const MARKER_KEY: &str = "bench.oversight";
/// Bump when the loaded data changes shape, so the next run regenerates.
const FORMAT: u32 = 1;

/// The target: the command round trip, at p99.
const TARGET: Duration = Duration::from_millis(50);

/// The programmes, the big one first; the others take 40/30/20/10% of the remaining
/// mentors' sessions.
const PROGRAMMES: [&str; 5] = [
    "Women in Tech",
    "Returners",
    "Data Science Fellows",
    "New Managers",
    "Parents at Work",
];
const SHARES: [u64; 4] = [40, 30, 20, 10];
const ADMIN: &str = "admin@example.org";
/// Runs the big programme.
const MANAGER_BIG: &str = "manager.big@example.org";
/// Runs the big programme and two others (`MANAGED_BY_THREE`, indexes into `PROGRAMMES`).
const MANAGER_THREE: &str = "manager.three@example.org";
const MANAGED_BY_THREE: [usize; 3] = [0, 1, 3];

/// Statuses `programme_session_days` counts.
const COUNTED: &str = "('confirmed', 'completed', 'cancelled', 'no_show')";

const GOALS: &[&str] = &[
    "Back into engineering after leave",
    "Grow into a team lead role",
    "Prepare for senior interviews",
    "Move from support into data",
    "Build confidence presenting",
];
const ITEM_TITLES: &[&str] = &[
    "Update the CV",
    "Apply to two roles",
    "Read the chapter on delegation",
    "Draft the promotion case",
    "Book a mock interview",
    "Share the project write-up",
];
const TASK_TITLES: &[&str] = &[
    "Kick-off call",
    "Check in with new pairs",
    "Collect mid-point feedback",
    "Plan the workshop",
    "Send the newsletter",
];

/// The sizes of the data; all are part of the marker.
struct Config {
    users: usize,
    sessions: usize,
    big_sessions: u64,
    big_pairs: usize,
    seed: u64,
}

impl Config {
    fn marker(&self) -> String {
        format!(
            "format={FORMAT} schema={} users={} sessions={} big-sessions={} big-pairs={} seed={}",
            schema(),
            self.users,
            self.sessions,
            self.big_sessions,
            self.big_pairs,
            self.seed
        )
    }
}

pub async fn run(args: &Args) -> BenchResult {
    let dir = args.dir()?;
    let config = Config {
        users: args.number("users", 100_000)?,
        sessions: args.number("sessions", 1_000_000)?,
        big_sessions: args.number("big-sessions", 200_000)?,
        big_pairs: args.number("big-pairs", 2_000)?,
        seed: args.number("seed", 20_261_205)?,
    };
    let iterations: usize = args.number("iterations", 300)?;
    if iterations == 0 || config.big_pairs == 0 || config.big_sessions == 0 {
        return Err("--iterations, --big-pairs and --big-sessions must be ≥ 1".into());
    }
    prepare(&dir, &config, args.flag("force")).await?;
    if args.flag("generate-only") {
        return Ok(());
    }
    measure(&dir, iterations).await
}

// ---- The workspace ----

/// Makes sure `dir` holds a complete oversight workspace of this configuration: the base
/// from `generate` (reused while complete and fresh), then the oversight load.
async fn prepare(dir: &Path, config: &Config, force: bool) -> BenchResult {
    let base = |force: bool| {
        let list = vec![
            "--dir".to_string(),
            dir.display().to_string(),
            "--users".into(),
            config.users.to_string(),
            "--sessions".into(),
            config.sessions.to_string(),
            if force { "--force" } else { "--reuse" }.into(),
        ];
        Args::parse(&list, &["dir", "users", "sessions", "force", "reuse"])
    };
    let marker = config.marker();
    if force {
        generate::run(&base(true)?).await?;
    } else {
        // Wipes and regenerates a base that is incomplete, too old or made with other
        // migrations.
        generate::run(&base(false)?).await?;
        let (stored, loaded) = stored_state(dir).await;
        if stored.as_deref() == Some(marker.as_str()) {
            println!(
                "oversight: reusing the programmes in {} ({marker})",
                dir.display()
            );
            return Ok(());
        }
        if loaded {
            println!(
                "oversight: {} holds {}; regenerating it",
                dir.display(),
                match &stored {
                    Some(m) => format!("other programmes ({m})"),
                    None => "an unfinished oversight load".to_string(),
                }
            );
            generate::run(&base(true)?).await?;
        }
    }
    load(dir, config).await
}

/// The oversight marker, and whether any programme exists (a load started).
async fn stored_state(dir: &Path) -> (Option<String>, bool) {
    let Ok(mut conn) = SqliteConnectOptions::new()
        .filename(database_file(dir))
        .read_only(true)
        .connect()
        .await
    else {
        return (None, false);
    };
    let marker = sqlx::query_scalar("SELECT value FROM workspace_settings WHERE key = ?")
        .bind(MARKER_KEY)
        .fetch_optional(&mut conn)
        .await
        .ok()
        .flatten();
    let loaded = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM programmes)")
        .fetch_one(&mut conn)
        .await
        .unwrap_or(true);
    let _ = conn.close().await;
    (marker, loaded)
}

fn load_options(dir: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(database_file(dir))
        .journal_mode(SqliteJournalMode::Wal)
        // A failed load is wiped and redone, so durability is not needed while loading.
        .synchronous(SqliteSynchronous::Off)
        .foreign_keys(true)
        .pragma("cache_size", "-1048576")
        .pragma("temp_store", "memory")
}

fn report(table: &str, rows: usize, took: Duration) {
    println!(
        "  {table:<34} {:>10} rows in {:>7} = {:>9} rows/s",
        thousands(rows as u64),
        secs(took),
        thousands((rows as f64 / took.as_secs_f64().max(1e-9)) as u64)
    );
}

async fn exec(conn: &mut SqliteConnection, sql: &str) -> BenchResult<u64> {
    Ok(sqlx::query(sql)
        .execute(conn)
        .await
        .map_err(sql_err)?
        .rows_affected())
}

/// Shuffles `items` in place (Fisher–Yates), deterministically for a seed.
fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.index(i + 1);
        items.swap(i, j);
    }
}

struct MatchRow<'a> {
    id: String,
    programme: &'a str,
    mentor: &'a str,
    mentee: &'a str,
    goal: &'static str,
    status: &'static str,
    origin: &'static str,
    proposed_by: &'a str,
    decided_by: Option<&'a str>,
    decided_at: Option<i64>,
    ended_at: Option<i64>,
    created_at: i64,
}

struct MemberRow<'a> {
    programme: &'a str,
    user: &'a str,
    role: &'static str,
    added_by: &'a str,
    at: i64,
}

struct RatingRow<'a> {
    id: String,
    session: &'a str,
    rater: &'a str,
    rated: &'a str,
    role: &'static str,
    rating: i64,
    at: i64,
}

struct ItemRow<'a> {
    id: String,
    session: &'a str,
    assignee: &'a str,
    created_by: &'a str,
    title: &'static str,
    due: Option<String>,
    status: &'static str,
    created_at: i64,
    updated_at: i64,
}

struct TaskRow<'a> {
    id: String,
    programme: &'a str,
    title: String,
    status: &'static str,
    due: Option<String>,
    created_by: &'a str,
    created_at: i64,
    completed_at: Option<i64>,
}

struct ReportRow<'a> {
    id: String,
    programme: &'a str,
    title: String,
    blockers: &'static str,
    resolved_at: Option<i64>,
    resolved_by: Option<&'a str>,
    created_by: &'a str,
    created_at: i64,
}

/// A completed session, as ratings and action items need it.
struct Completed {
    id: String,
    mentor: String,
    mentee: String,
    ends_at: i64,
}

const DAY_MS: i64 = 86_400_000;

fn date_of(ms: i64) -> NaiveDate {
    mentordesk_core::oversight::date_of_day(ms.div_euclid(DAY_MS))
}

async fn load(dir: &Path, config: &Config) -> BenchResult {
    let started = Instant::now();
    let now = Utc::now();
    let now_ms = now.timestamp_millis();
    let today = now.date_naive();
    let mut rng = Rng::new(config.seed);
    println!("oversight: loading programmes into {}", dir.display());
    let mut conn = load_options(dir).connect().await.map_err(sql_err)?;

    // People and their dashboard sessions.
    let t = Instant::now();
    let people: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.email, r.key FROM users u JOIN user_roles ur ON ur.user_id = u.id \
         JOIN roles r ON r.id = ur.role_id ORDER BY u.rowid",
    )
    .fetch_all(&mut conn)
    .await
    .map_err(sql_err)?;
    let admin = people
        .iter()
        .find(|p| p.1 == ADMIN)
        .map(|p| p.0.clone())
        .ok_or("the base workspace has no admin@example.org")?;
    let mut mentors: Vec<&str> = people
        .iter()
        .filter(|p| p.2 == "mentor")
        .map(|p| p.0.as_str())
        .collect();
    let counted: HashMap<String, i64> = sqlx::query_as(&format!(
        "SELECT mentor_id, count(*) FROM sessions WHERE status IN {COUNTED} GROUP BY mentor_id"
    ))
    .fetch_all(&mut conn)
    .await
    .map_err(sql_err)?
    .into_iter()
    .collect();
    let sessions_of = |m: &str| counted.get(m).copied().unwrap_or(0) as u64;
    let total: u64 = mentors.iter().map(|m| sessions_of(m)).sum();
    if total < config.big_sessions * 2 {
        return Err(format!(
            "the base workspace has {} dashboard sessions: too few for a big programme of {}",
            thousands(total),
            thousands(config.big_sessions)
        ));
    }

    // Mentors to programmes: the big one up to its sessions, the others by shares.
    shuffle(&mut rng, &mut mentors);
    let mut programme_of: HashMap<&str, usize> = HashMap::new();
    let mut held = [0u64; 5];
    let rest = total - {
        let mut big = 0;
        for &m in &mentors {
            if big >= config.big_sessions {
                break;
            }
            big += sessions_of(m);
        }
        big
    };
    let mut bounds = [0u64; 4];
    let mut cumulative = 0;
    for (k, share) in SHARES.iter().enumerate() {
        cumulative += rest * share / 100;
        bounds[k] = cumulative;
    }
    let mut rest_so_far = 0;
    for &m in &mentors {
        let p = if held[0] < config.big_sessions {
            0
        } else {
            1 + bounds.iter().position(|&b| rest_so_far < b).unwrap_or(3)
        };
        if p > 0 {
            rest_so_far += sessions_of(m);
        }
        held[p] += sessions_of(m);
        programme_of.insert(m, p);
    }
    let programme_ids: Vec<String> = (0..PROGRAMMES.len())
        .map(|_| rng.uuid().to_string())
        .collect();
    println!(
        "  planned: {} mentors into {} programmes holding {} dashboard sessions ({})",
        thousands(mentors.len() as u64),
        PROGRAMMES.len(),
        held.iter()
            .map(|h| thousands(*h))
            .collect::<Vec<_>>()
            .join(" / "),
        secs(t.elapsed())
    );

    // Programmes and their managers.
    let t = Instant::now();
    let mut tx = conn.begin().await.map_err(sql_err)?;
    let created = now_ms - (PAST_DAYS + 30) * DAY_MS;
    for (name, id) in PROGRAMMES.iter().zip(&programme_ids) {
        sqlx::query(
            "INSERT INTO programmes (id, name, name_key, description, status, created_by, \
             created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?, ?)",
        )
        .bind(id)
        .bind(name)
        .bind(mentordesk_core::programmes::name_key(name))
        .bind(format!("{name}: pairs meeting every couple of weeks."))
        .bind(&admin)
        .bind(created)
        .bind(created)
        .execute(&mut *tx)
        .await
        .map_err(sql_err)?;
    }
    let role: String = sqlx::query_scalar("SELECT id FROM roles WHERE key = 'programme_manager'")
        .fetch_one(&mut *tx)
        .await
        .map_err(sql_err)?;
    let mut managers = Vec::new();
    for (email, first) in [(MANAGER_BIG, "Priya"), (MANAGER_THREE, "Tomas")] {
        let id = rng.uuid().to_string();
        sqlx::query(
            "INSERT INTO users (id, email, email_key, password_hash, signup_intent, created_at, \
             updated_at) SELECT ?1, ?2, ?2, password_hash, 'manager_applicant', ?3, ?3 \
             FROM users WHERE id = ?4",
        )
        .bind(&id)
        .bind(email)
        .bind(created)
        .bind(&admin)
        .execute(&mut *tx)
        .await
        .map_err(sql_err)?;
        sqlx::query(
            "INSERT INTO profiles (user_id, first_name, last_name, time_zone, \
             onboarding_status, onboarding_step, onboarding_completed_at, updated_at) \
             VALUES (?, ?, 'Manager', 'Europe/London', 'completed', 4, ?, ?)",
        )
        .bind(&id)
        .bind(first)
        .bind(created)
        .bind(created)
        .execute(&mut *tx)
        .await
        .map_err(sql_err)?;
        sqlx::query("INSERT INTO user_roles (user_id, role_id, granted_at) VALUES (?, ?, ?)")
            .bind(&id)
            .bind(&role)
            .bind(created)
            .execute(&mut *tx)
            .await
            .map_err(sql_err)?;
        managers.push(id);
    }
    tx.commit().await.map_err(sql_err)?;
    // Who runs each programme (proposes its matches, writes its tasks and reports).
    let runner: Vec<&str> = (0..PROGRAMMES.len())
        .map(|p| {
            if p == 0 {
                managers[0].as_str()
            } else if MANAGED_BY_THREE.contains(&p) {
                managers[1].as_str()
            } else {
                admin.as_str()
            }
        })
        .collect();
    let manager_of = |p: usize| runner[p];
    report("programmes + managers", PROGRAMMES.len() + 2, t.elapsed());

    // Every session goes to its mentor's programme, through the schema's triggers.
    let t = Instant::now();
    exec(
        &mut conn,
        "CREATE TEMP TABLE bench_mentors (mentor_id TEXT PRIMARY KEY NOT NULL, \
         programme_id TEXT NOT NULL) WITHOUT ROWID",
    )
    .await?;
    let mut tx = conn.begin().await.map_err(sql_err)?;
    for chunk in mentors.chunks(100) {
        let sql = format!(
            "INSERT INTO temp.bench_mentors (mentor_id, programme_id) VALUES {}",
            vec!["(?, ?)"; chunk.len()].join(", ")
        );
        let mut q = sqlx::query(&sql);
        for m in chunk {
            q = q.bind(*m).bind(&programme_ids[programme_of[m]]);
        }
        q.execute(&mut *tx).await.map_err(sql_err)?;
    }
    tx.commit().await.map_err(sql_err)?;
    let mut stamped = 0;
    for (p, id) in programme_ids.iter().enumerate() {
        let t = Instant::now();
        let mut tx = conn.begin().await.map_err(sql_err)?;
        let n = sqlx::query(
            "UPDATE sessions SET programme_id = ?1 WHERE mentor_id IN \
             (SELECT mentor_id FROM temp.bench_mentors WHERE programme_id = ?1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(sql_err)?
        .rows_affected();
        tx.commit().await.map_err(sql_err)?;
        stamped += n as usize;
        report(
            &format!("sessions → {}", PROGRAMMES[p]),
            n as usize,
            t.elapsed(),
        );
    }
    exec(&mut conn, "DROP TABLE temp.bench_mentors").await?;
    report("sessions stamped (+ days)", stamped, t.elapsed());

    // Matches, from the pairs that meet.
    let t = Instant::now();
    let pair_ids: Vec<(String, String)> =
        sqlx::query_as("SELECT DISTINCT mentor_id, mentee_id FROM sessions ORDER BY 1, 2")
            .fetch_all(&mut conn)
            .await
            .map_err(sql_err)?;
    let mut by_programme: Vec<Vec<(&str, &str)>> = vec![Vec::new(); PROGRAMMES.len()];
    for (mentor, mentee) in &pair_ids {
        if let Some(&p) = programme_of.get(mentor.as_str()) {
            by_programme[p].push((mentor.as_str(), mentee.as_str()));
        }
    }
    // How many approved matches each mentor takes at most: mostly one or two.
    let most: HashMap<&str, usize> = mentors
        .iter()
        .map(|&m| {
            let n = match rng.below(100) {
                0..=49 => 1,
                50..=74 => 2,
                75..=87 => 3,
                88..=95 => 4,
                _ => 5,
            };
            (m, n)
        })
        .collect();
    let mut matches: Vec<MatchRow> = Vec::new();
    let mut approved_of: HashMap<&str, u32> = HashMap::new();
    let mut matched_mentees: Vec<HashSet<&str>> = vec![HashSet::new(); PROGRAMMES.len()];
    for (p, pairs) in by_programme.iter_mut().enumerate() {
        shuffle(&mut rng, pairs);
        let wanted = if p == 0 {
            config.big_pairs
        } else {
            (held[p] as f64 * config.big_pairs as f64 / held[0] as f64).round() as usize
        };
        let mut in_programme: HashMap<&str, usize> = HashMap::new();
        let mut approved = 0;
        let mut others = Vec::new();
        for &(mentor, mentee) in pairs.iter() {
            let taken = in_programme.entry(mentor).or_default();
            if approved < wanted && *taken < most[mentor] && !matched_mentees[p].contains(mentee) {
                *taken += 1;
                approved += 1;
                *approved_of.entry(mentor).or_default() += 1;
                matched_mentees[p].insert(mentee);
                let asked = now_ms - (30 + rng.below(PAST_DAYS as u64 + 20) as i64) * DAY_MS;
                matches.push(MatchRow {
                    id: rng.uuid().to_string(),
                    programme: &programme_ids[p],
                    mentor,
                    mentee,
                    goal: GOALS[rng.index(GOALS.len())],
                    status: "approved",
                    origin: "manager",
                    proposed_by: manager_of(p),
                    decided_by: Some(manager_of(p)),
                    decided_at: Some(asked + (1 + rng.below(3) as i64) * DAY_MS),
                    ended_at: None,
                    created_at: asked,
                });
            } else {
                others.push((mentor, mentee));
            }
        }
        if approved < wanted {
            return Err(format!(
                "{} has room for {approved} approved pairs, not {wanted}",
                PROGRAMMES[p]
            ));
        }
        // Ended, rejected and waiting matches of other pairs: 10%, 5%, 5% as many.
        let (ended, rejected, pending) = (wanted / 10, wanted / 20, wanted / 20);
        for (k, &(mentor, mentee)) in others.iter().take(ended + rejected + pending).enumerate() {
            let status = if k < ended {
                "ended"
            } else if k < ended + rejected {
                "rejected"
            } else {
                "pending"
            };
            let asked = now_ms - (1 + rng.below(PAST_DAYS as u64) as i64) * DAY_MS;
            let decided = (status != "pending").then(|| asked + DAY_MS);
            if status == "ended" {
                matched_mentees[p].insert(mentee);
            }
            matches.push(MatchRow {
                id: rng.uuid().to_string(),
                programme: &programme_ids[p],
                mentor,
                mentee,
                goal: GOALS[rng.index(GOALS.len())],
                status,
                origin: if rng.chance(30) { "mentee" } else { "manager" },
                proposed_by: manager_of(p),
                decided_by: decided.map(|_| manager_of(p)),
                decided_at: decided,
                ended_at: (status == "ended")
                    .then(|| (asked + (30 + rng.below(120) as i64) * DAY_MS).min(now_ms)),
                created_at: asked,
            });
        }
    }
    insert_all(
        &mut conn,
        "INSERT INTO matches (id, programme_id, mentor_id, mentee_id, goal, status, origin, \
         proposed_by, decided_by, decided_at, ended_by, ended_at, created_at) VALUES",
        13,
        &matches,
        |q, r| {
            q.bind(r.id.as_str())
                .bind(r.programme)
                .bind(r.mentor)
                .bind(r.mentee)
                .bind(r.goal)
                .bind(r.status)
                .bind(r.origin)
                .bind(r.proposed_by)
                .bind(r.decided_by)
                .bind(r.decided_at)
                .bind(r.ended_at.map(|_| r.proposed_by))
                .bind(r.ended_at)
                .bind(r.created_at)
        },
    )
    .await?;
    report("matches", matches.len(), t.elapsed());

    // Members: managers, every mentor, the matched mentees.
    let mut members: Vec<MemberRow> = Vec::new();
    for (p, id) in programme_ids.iter().enumerate() {
        let by = manager_of(p);
        if p == 0 {
            members.push(MemberRow {
                programme: id,
                user: &managers[0],
                role: "manager",
                added_by: &admin,
                at: created,
            });
        }
        if MANAGED_BY_THREE.contains(&p) {
            members.push(MemberRow {
                programme: id,
                user: &managers[1],
                role: "manager",
                added_by: &admin,
                at: created,
            });
        }
        for m in mentors.iter().filter(|m| programme_of[**m] == p) {
            members.push(MemberRow {
                programme: id,
                user: m,
                role: "mentor",
                added_by: by,
                at: created + DAY_MS,
            });
        }
        let mut mentees: Vec<&str> = matched_mentees[p].iter().copied().collect();
        mentees.sort_unstable();
        for m in mentees {
            members.push(MemberRow {
                programme: id,
                user: m,
                role: "mentee",
                added_by: by,
                at: created + DAY_MS,
            });
        }
    }
    let took = insert_all(
        &mut conn,
        "INSERT INTO programme_members (programme_id, user_id, role, added_by, added_at) VALUES",
        5,
        &members,
        |q, r| {
            q.bind(r.programme)
                .bind(r.user)
                .bind(r.role)
                .bind(r.added_by)
                .bind(r.at)
        },
    )
    .await?;
    report("programme_members", members.len(), took);

    // Capacities: some mentors are full, a few over.
    let t = Instant::now();
    let mut full: Vec<(&str, Option<i64>)> = Vec::new();
    let mut with_matches: Vec<(&str, u32)> = approved_of.iter().map(|(m, n)| (*m, *n)).collect();
    with_matches.sort_unstable();
    for (mentor, n) in with_matches {
        match rng.below(100) {
            0..=5 => full.push((mentor, Some(i64::from(n)))),
            6..=7 => full.push((mentor, Some(i64::from(n) - 1))),
            8..=11 => full.push((mentor, None)),
            _ => {}
        }
    }
    let mut tx = conn.begin().await.map_err(sql_err)?;
    for (mentor, capacity) in &full {
        sqlx::query("UPDATE profiles SET mentee_capacity = ? WHERE user_id = ?")
            .bind(capacity)
            .bind(mentor)
            .execute(&mut *tx)
            .await
            .map_err(sql_err)?;
    }
    tx.commit().await.map_err(sql_err)?;
    report("mentors' capacities set", full.len(), t.elapsed());

    // Ratings and action items of completed sessions.
    let t = Instant::now();
    let completed: Vec<Completed> = sqlx::query_as::<_, (String, String, String, i64)>(
        "SELECT id, mentor_id, mentee_id, ends_at FROM sessions WHERE status = 'completed' \
         ORDER BY id",
    )
    .fetch_all(&mut conn)
    .await
    .map_err(sql_err)?
    .into_iter()
    .map(|(id, mentor, mentee, ends_at)| Completed {
        id,
        mentor,
        mentee,
        ends_at,
    })
    .collect();
    println!(
        "  read {} completed sessions in {}",
        thousands(completed.len() as u64),
        secs(t.elapsed())
    );
    let mut ratings: Vec<RatingRow> = Vec::new();
    let mut items: Vec<ItemRow> = Vec::new();
    for s in &completed {
        let at = (s.ends_at + rng.below(3 * DAY_MS as u64) as i64).min(now_ms);
        if rng.chance(60) {
            ratings.push(RatingRow {
                id: rng.uuid().to_string(),
                session: &s.id,
                rater: &s.mentee,
                rated: &s.mentor,
                role: "mentee",
                rating: match rng.below(100) {
                    0..=44 => 5,
                    45..=79 => 4,
                    80..=91 => 3,
                    92..=96 => 2,
                    _ => 1,
                },
                at,
            });
        }
        if rng.chance(30) {
            ratings.push(RatingRow {
                id: rng.uuid().to_string(),
                session: &s.id,
                rater: &s.mentor,
                rated: &s.mentee,
                role: "mentor",
                rating: 3 + rng.below(3) as i64,
                at,
            });
        }
        if rng.chance(40) {
            for _ in 0..if rng.chance(30) { 2 } else { 1 } {
                let due = rng
                    .chance(80)
                    .then(|| date_of(s.ends_at) + Span::days(7 + rng.below(22) as i64));
                let status = match (due, rng.below(100)) {
                    (Some(d), roll) if d < today => match roll {
                        0..=84 => "completed",
                        85..=89 => "in_progress",
                        _ => "pending",
                    },
                    (Some(_), roll) => match roll {
                        0..=29 => "completed",
                        30..=49 => "in_progress",
                        _ => "pending",
                    },
                    (None, roll) => {
                        if roll < 70 {
                            "completed"
                        } else {
                            "pending"
                        }
                    }
                };
                items.push(ItemRow {
                    id: rng.uuid().to_string(),
                    session: &s.id,
                    assignee: if rng.chance(80) { &s.mentee } else { &s.mentor },
                    created_by: &s.mentor,
                    title: ITEM_TITLES[rng.index(ITEM_TITLES.len())],
                    due: due.map(|d| d.to_string()),
                    status,
                    created_at: s.ends_at,
                    updated_at: if status == "pending" {
                        s.ends_at
                    } else {
                        (s.ends_at + 7 * DAY_MS).min(now_ms)
                    },
                });
            }
        }
    }
    let took = insert_all(
        &mut conn,
        "INSERT INTO ratings (id, session_id, rater_id, rated_id, rater_role, rating, \
         created_at) VALUES",
        7,
        &ratings,
        |q, r| {
            q.bind(r.id.as_str())
                .bind(r.session)
                .bind(r.rater)
                .bind(r.rated)
                .bind(r.role)
                .bind(r.rating)
                .bind(r.at)
        },
    )
    .await?;
    report("ratings (+ days)", ratings.len(), took);
    let took = insert_all(
        &mut conn,
        "INSERT INTO action_items (id, session_id, assignee_id, created_by, title, due_date, \
         status, created_at, updated_at) VALUES",
        9,
        &items,
        |q, r| {
            q.bind(r.id.as_str())
                .bind(r.session)
                .bind(r.assignee)
                .bind(r.created_by)
                .bind(r.title)
                .bind(r.due.as_deref())
                .bind(r.status)
                .bind(r.created_at)
                .bind(r.updated_at)
        },
    )
    .await?;
    report("action_items", items.len(), took);
    drop(ratings);
    drop(items);
    drop(completed);

    // Tasks and programme reports.
    let mut tasks: Vec<TaskRow> = Vec::new();
    let mut reports: Vec<ReportRow> = Vec::new();
    for (p, id) in programme_ids.iter().enumerate() {
        let by = manager_of(p);
        let (task_count, report_count) = if p == 0 { (400, 150) } else { (200, 80) };
        for k in 0..task_count {
            let due = rng
                .chance(90)
                .then(|| today + Span::days(rng.below(211) as i64 - 150));
            let roll = rng.below(100);
            let status = match due {
                Some(d) if d < today => match roll {
                    0..=69 => "completed",
                    70..=79 => "pending",
                    80..=94 => "in_progress",
                    _ => "unassigned",
                },
                _ => match roll {
                    0..=19 => "completed",
                    20..=54 => "pending",
                    55..=89 => "in_progress",
                    _ => "unassigned",
                },
            };
            let created_at = now_ms - (160 + rng.below(60) as i64) * DAY_MS;
            tasks.push(TaskRow {
                id: rng.uuid().to_string(),
                programme: id,
                title: format!("{} {}", TASK_TITLES[k % TASK_TITLES.len()], k / 5 + 1),
                status,
                due: due.map(|d| d.to_string()),
                created_by: by,
                created_at,
                completed_at: (status == "completed")
                    .then(|| (created_at + rng.below(150) as i64 * DAY_MS).min(now_ms)),
            });
        }
        for k in 0..report_count {
            let created_at = now_ms - rng.below(PAST_DAYS as u64) as i64 * DAY_MS;
            let blocked = rng.chance(50);
            let resolved = blocked && rng.chance(60);
            reports.push(ReportRow {
                id: rng.uuid().to_string(),
                programme: id,
                title: format!("Progress report {}", k + 1),
                blockers: if blocked {
                    "Several mentors have not logged their sessions."
                } else {
                    ""
                },
                resolved_at: resolved.then(|| (created_at + 7 * DAY_MS).min(now_ms)),
                resolved_by: resolved.then_some(by),
                created_by: by,
                created_at,
            });
        }
    }
    let took = insert_all(
        &mut conn,
        "INSERT INTO programme_tasks (id, programme_id, title, status, due_on, created_by, \
         created_at, updated_at, completed_at) VALUES",
        9,
        &tasks,
        |q, r| {
            q.bind(r.id.as_str())
                .bind(r.programme)
                .bind(r.title.as_str())
                .bind(r.status)
                .bind(r.due.as_deref())
                .bind(r.created_by)
                .bind(r.created_at)
                .bind(r.completed_at.unwrap_or(r.created_at))
                .bind(r.completed_at)
        },
    )
    .await?;
    report("programme_tasks", tasks.len(), took);
    let took = insert_all(
        &mut conn,
        "INSERT INTO programme_reports (id, programme_id, kind, title, achievements, blockers, \
         blockers_resolved_at, blockers_resolved_by, created_by, created_at) VALUES",
        10,
        &reports,
        |q, r| {
            q.bind(r.id.as_str())
                .bind(r.programme)
                .bind("programme")
                .bind(r.title.as_str())
                .bind("Pairs are meeting regularly.")
                .bind(r.blockers)
                .bind(r.resolved_at)
                .bind(r.resolved_by)
                .bind(r.created_by)
                .bind(r.created_at)
        },
    )
    .await?;
    report("programme_reports", reports.len(), took);

    sqlx::query("INSERT INTO workspace_settings (key, value) VALUES (?, ?)")
        .bind(MARKER_KEY)
        .bind(config.marker())
        .execute(&mut conn)
        .await
        .map_err(sql_err)?;
    let t = Instant::now();
    exec(&mut conn, "PRAGMA wal_checkpoint(TRUNCATE)").await?;
    conn.close().await.map_err(sql_err)?;
    println!("  checkpoint {:>39}", secs(t.elapsed()));
    println!(
        "oversight: loaded in {}; database {} MB",
        secs(started.elapsed()),
        thousands(disk_size(dir) / 1_000_000)
    );
    Ok(())
}

/// The database file and its WAL, in bytes.
fn disk_size(dir: &Path) -> u64 {
    let file = database_file(dir);
    let wal = file.with_extension("sqlite-wal");
    [file, wal]
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

// ---- The figures ----

/// `programme_session_days` against a direct count of the sessions and the mentees'
/// ratings, per programme and status; both printed.
async fn check_counts(conn: &mut SqliteConnection) -> BenchResult {
    let t = Instant::now();
    let kept: Vec<(String, String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT p.name, d.programme_id, d.status, sum(d.sessions), sum(d.rating_sum), \
         sum(d.ratings) FROM programme_session_days d JOIN programmes p ON p.id = d.programme_id \
         GROUP BY d.programme_id, d.status ORDER BY p.name, d.status",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(sql_err)?;
    let direct: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT s.programme_id, s.status, count(*), coalesce(sum(r.rating), 0), count(r.rating) \
         FROM sessions s LEFT JOIN ratings r ON r.session_id = s.id AND r.rater_role = 'mentee' \
         WHERE s.programme_id IS NOT NULL AND s.status IN {COUNTED} \
         GROUP BY s.programme_id, s.status"
    ))
    .fetch_all(&mut *conn)
    .await
    .map_err(sql_err)?;
    let direct: HashMap<(String, String), (i64, i64, i64)> = direct
        .into_iter()
        .map(|(p, s, n, sum, r)| ((p, s), (n, sum, r)))
        .collect();
    let (stamped, all): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM sessions WHERE programme_id IS NOT NULL), \
         (SELECT count(*) FROM sessions)",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(sql_err)?;
    println!(
        "oversight: programme_session_days (kept by triggers) against count(*) over sessions \
         and ratings ({} of {} sessions carry a programme; counted in {}):",
        thousands(stamped as u64),
        thousands(all as u64),
        secs(t.elapsed())
    );
    println!(
        "  {:<22} {:<10} {:>9} {:>9}   {:>8} {:>8}   {:>9} {:>9}",
        "programme", "status", "kept", "count(*)", "ratings", "direct", "sum", "direct"
    );
    let mut mismatches = 0;
    let mut seen = 0;
    for (name, id, status, n, sum, ratings) in &kept {
        let d = direct
            .get(&(id.clone(), status.clone()))
            .copied()
            .unwrap_or_default();
        seen += usize::from(d.0 > 0);
        let same = (*n, *sum, *ratings) == d;
        mismatches += usize::from(!same);
        println!(
            "  {name:<22} {status:<10} {:>9} {:>9}   {:>8} {:>8}   {:>9} {:>9}{}",
            thousands(*n as u64),
            thousands(d.0 as u64),
            thousands(*ratings as u64),
            thousands(d.2 as u64),
            thousands(*sum as u64),
            thousands(d.1 as u64),
            if same { "" } else { "  MISMATCH" }
        );
    }
    mismatches += direct.len() - seen;
    let total_kept: i64 = kept.iter().map(|k| k.3).sum();
    let total_direct: i64 = direct.values().map(|d| d.0).sum();
    println!(
        "  all: kept {} sessions, count(*) {}: {}",
        thousands(total_kept as u64),
        thousands(total_direct as u64),
        if mismatches == 0 {
            "they agree".to_string()
        } else {
            format!("{mismatches} MISMATCHES")
        }
    );
    if mismatches > 0 {
        return Err("programme_session_days disagrees with the sessions".into());
    }
    Ok(())
}

async fn sign_in(app: &Mentordesk, email: &str) -> BenchResult {
    let _ = app.accounts_sign_out().await;
    app.accounts_sign_in(SignIn {
        email: email.into(),
        password: PASSWORD.into(),
    })
    .await
    .map_err(api_err)?;
    Ok(())
}

/// A kind of range a manager picks.
struct RangeKind {
    name: &'static str,
    /// Days in the range; `None`: the whole span of the data.
    days: Option<i64>,
}

const RANGES: [RangeKind; 4] = [
    RangeKind {
        name: "a year",
        days: Some(365),
    },
    RangeKind {
        name: "a quarter",
        days: Some(91),
    },
    RangeKind {
        name: "4 weeks",
        days: Some(28),
    },
    RangeKind {
        name: "the whole span",
        days: None,
    },
];

/// One measured case: who asks for which dashboard.
struct Case {
    name: &'static str,
    email: &'static str,
    programme: Option<ProgrammeId>,
    scope: Scope,
}

/// A plan line that reads all of `sessions`, `matches` or `action_items` (named or by
/// the alias the dashboard's statements give it): the table itself, or every entry of
/// one of its indexes ("SCAN m USING COVERING INDEX …").
fn full_scan(detail: &str) -> Option<String> {
    let rest = detail.strip_prefix("SCAN ")?;
    let mut words = rest.split_whitespace();
    let table = match words.next()? {
        "sessions" | "s" => "sessions",
        "matches" | "m" => "matches",
        "action_items" | "a" => "action_items",
        _ => return None,
    };
    Some(match rest.split_once(" USING ") {
        Some((_, index)) => format!("FULL SCAN of {table} ({index}, every entry)"),
        None => format!("FULL TABLE SCAN of {table}"),
    })
}

async fn plans(conn: &mut SqliteConnection, cases: &[Case]) -> BenchResult<Vec<String>> {
    let mut flagged = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    for case in cases {
        let kind = match &case.scope {
            Scope::All => "every programme (Scope::All)",
            Scope::Programmes(ids) if ids.len() == 1 => "one programme",
            Scope::Programmes(_) => "several programmes",
        };
        if shown.contains(&kind) {
            continue;
        }
        shown.push(kind);
        println!("oversight: EXPLAIN QUERY PLAN of the dashboard's statements, {kind}:");
        for (name, sql) in repo::dashboard_statements(&case.scope) {
            let plan: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(sql_err)?;
            println!("  db::oversight::{name}:");
            let mut depth: HashMap<i64, usize> = HashMap::new();
            for (id, parent, _, detail) in &plan {
                let indent = depth.get(parent).map_or(0, |d| d + 1);
                depth.insert(*id, indent);
                let flag = match full_scan(detail) {
                    Some(what) => {
                        flagged.push(format!("{kind}: {name}: {detail}"));
                        format!("   <-- {what}")
                    }
                    None => String::new(),
                };
                println!("    {}{detail}{flag}", "  ".repeat(indent));
            }
        }
    }
    Ok(flagged)
}

/// Where a dashboard's time goes: each of its statements on one of the app's readers.
async fn breakdown(
    app: &Mentordesk,
    scope: &Scope,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> BenchResult<String> {
    let mut conn = app.db().read().await.map_err(api_err)?;
    let (from_day, to_day) = (day_number(from), day_number(to));
    let mut parts: [Vec<Duration>; 8] = Default::default();
    for _ in 0..30 {
        let t = Instant::now();
        repo::programmes(&mut conn, scope).await.map_err(api_err)?;
        parts[0].push(t.elapsed());
        let t = Instant::now();
        repo::week_counts(&mut conn, scope, from_day, to_day)
            .await
            .map_err(api_err)?;
        parts[1].push(t.elapsed());
        let t = Instant::now();
        repo::programme_counts(&mut conn, scope, from_day, to_day)
            .await
            .map_err(api_err)?;
        parts[2].push(t.elapsed());
        let t = Instant::now();
        repo::active_pairs(&mut conn, scope)
            .await
            .map_err(api_err)?;
        parts[3].push(t.elapsed());
        let t = Instant::now();
        repo::overdue_tasks(&mut conn, scope, today)
            .await
            .map_err(api_err)?;
        parts[4].push(t.elapsed());
        let t = Instant::now();
        repo::overdue_action_items(&mut conn, scope, today)
            .await
            .map_err(api_err)?;
        parts[5].push(t.elapsed());
        let t = Instant::now();
        repo::open_blockers(&mut conn, scope)
            .await
            .map_err(api_err)?;
        parts[6].push(t.elapsed());
        let t = Instant::now();
        repo::mentors_at_capacity(&mut conn, scope)
            .await
            .map_err(api_err)?;
        parts[7].push(t.elapsed());
    }
    let names = [
        "programmes",
        "week_counts",
        "programme_counts",
        "active_pairs",
        "overdue_tasks",
        "overdue_action_items",
        "open_blockers",
        "mentors_at_capacity",
    ];
    Ok(names
        .iter()
        .zip(parts)
        .map(|(n, p)| format!("{n} {}", ms(Stats::new(p).percentile(50.0))))
        .collect::<Vec<_>>()
        .join(", "))
}

async fn measure(dir: &Path, iterations: usize) -> BenchResult {
    let started = Instant::now();
    let mut conn = load_options(dir)
        .synchronous(SqliteSynchronous::Normal)
        .connect()
        .await
        .map_err(sql_err)?;
    check_counts(&mut conn).await?;
    let programmes: Vec<(String, String)> = sqlx::query_as("SELECT id, name FROM programmes")
        .fetch_all(&mut conn)
        .await
        .map_err(sql_err)?;
    let id_of = |name: &str| -> BenchResult<ProgrammeId> {
        programmes
            .iter()
            .find(|p| p.1 == name)
            .and_then(|p| p.0.parse().ok())
            .map(ProgrammeId)
            .ok_or_else(|| format!("no programme {name:?}"))
    };
    let big = id_of(PROGRAMMES[0])?;
    let three = MANAGED_BY_THREE
        .iter()
        .map(|&p| id_of(PROGRAMMES[p]))
        .collect::<BenchResult<Vec<_>>>()?;
    let facts: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT p.name, \
           (SELECT count(*) FROM sessions s WHERE s.programme_id = p.id), \
           (SELECT count(*) FROM sessions s WHERE s.programme_id = p.id AND s.status IN {COUNTED}), \
           (SELECT count(*) FROM matches m WHERE m.programme_id = p.id AND m.status = 'approved'), \
           (SELECT count(*) FROM programme_members pm WHERE pm.programme_id = p.id) \
         FROM programmes p ORDER BY p.name"
    ))
    .fetch_all(&mut conn)
    .await
    .map_err(sql_err)?;
    println!("oversight: the programmes");
    for (name, sessions, counted, pairs, members) in &facts {
        println!(
            "  {name:<22} {:>9} sessions ({:>9} on dashboards), {:>6} approved pairs, {:>6} members",
            thousands(*sessions as u64),
            thousands(*counted as u64),
            thousands(*pairs as u64),
            thousands(*members as u64)
        );
    }
    let (items, open_items, tasks, reports, ratings): (i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM action_items), \
         (SELECT count(*) FROM action_items WHERE due_date IS NOT NULL AND status <> 'completed'), \
         (SELECT count(*) FROM programme_tasks), (SELECT count(*) FROM programme_reports), \
         (SELECT count(*) FROM ratings)",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(sql_err)?;
    println!(
        "  and {} action items ({} open with a due date), {} ratings, {} tasks, {} reports; \
         database {} MB",
        thousands(items as u64),
        thousands(open_items as u64),
        thousands(ratings as u64),
        thousands(tasks as u64),
        thousands(reports as u64),
        thousands(disk_size(dir) / 1_000_000)
    );

    let cases = [
        Case {
            name: "big programme, its manager",
            email: MANAGER_BIG,
            programme: Some(big),
            scope: Scope::Programmes(vec![big]),
        },
        Case {
            name: "all programmes, the admin",
            email: ADMIN,
            programme: None,
            scope: Scope::All,
        },
        Case {
            name: "3 programmes, their manager",
            email: MANAGER_THREE,
            programme: None,
            scope: Scope::Programmes(three),
        },
    ];
    let flagged = plans(&mut conn, &cases).await?;
    conn.close().await.map_err(sql_err)?;

    let app = Mentordesk::open(dir)
        .await
        .map_err(api_err)?
        .with_inactivity(24 * 60);
    let today = app.now().date_naive();
    let first = today - Span::days(PAST_DAYS);
    let last = today + Span::days(FUTURE_DAYS);
    let span = (last - first).num_days() + 1;
    let mut rng = Rng::new(5);
    let mut rows: Vec<(String, Stats, (usize, usize))> = Vec::new();
    for case in &cases {
        sign_in(&app, case.email).await?;
        let whole = DashboardQuery {
            programme_id: case.programme,
            from: first,
            to: last,
        };
        let d = app.dashboard_get(whole.clone()).await.map_err(api_err)?;
        println!(
            "oversight: {} ({}), {first} to {last}: \"{}\", {} programmes, {} active pairs, \
             {} scheduled / {} attended / {} cancelled / {} no-show / {} upcoming, rating {}, \
             {} weeks, {} mentors at capacity, {} overdue tasks, {} overdue action items, \
             {} open blockers",
            case.name,
            case.email,
            d.title,
            d.programmes.len(),
            thousands(u64::from(d.active_pairs)),
            thousands(u64::from(d.counts.scheduled)),
            thousands(u64::from(d.counts.attended)),
            thousands(u64::from(d.counts.cancelled)),
            thousands(u64::from(d.counts.no_show)),
            thousands(u64::from(d.counts.upcoming)),
            d.rating.map_or("none".to_string(), |r| format!(
                "{} of {}",
                r.label(),
                thousands(u64::from(r.ratings))
            )),
            d.weeks.len(),
            d.mentors_at_capacity.len(),
            d.overdue_tasks,
            thousands(u64::from(d.overdue_action_items)),
            d.open_blockers
        );
        let mut all = Vec::new();
        let mut all_sizes = (usize::MAX, 0);
        for range in &RANGES {
            let mut times = Vec::with_capacity(iterations);
            let mut sizes = (usize::MAX, 0);
            for _ in 0..iterations {
                let (from, to) = match range.days {
                    Some(days) => {
                        let from = first + Span::days(rng.below((span - days + 1) as u64) as i64);
                        (from, from + Span::days(days - 1))
                    }
                    None => (first, last),
                };
                let query = DashboardQuery {
                    programme_id: case.programme,
                    from,
                    to,
                };
                let t = Instant::now();
                let dashboard = app.dashboard_get(query).await.map_err(api_err)?;
                let bytes = serde_json::to_vec(&dashboard)
                    .map_err(|e| e.to_string())?
                    .len();
                times.push(t.elapsed());
                sizes = (sizes.0.min(bytes), sizes.1.max(bytes));
            }
            all.extend_from_slice(&times);
            all_sizes = (all_sizes.0.min(sizes.0), all_sizes.1.max(sizes.1));
            let stats = Stats::new(times);
            println!(
                "  {:<15} {}; {} JSON",
                range.name,
                stats.line(),
                size_range(sizes)
            );
            rows.push((format!("{}: {}", case.name, range.name), stats, sizes));
        }
        rows.push((
            format!("{}: all ranges", case.name),
            Stats::new(all),
            all_sizes,
        ));
        let parts = breakdown(&app, &case.scope, first, last, today).await?;
        println!("    its statements over the whole span (medians): {parts}");
    }
    app.db().close().await;

    println!();
    println!(
        "oversight: summary (command layer = Mentordesk::dashboard_get + serde_json), \
         {iterations} calls per range at random places in {first}..{last}"
    );
    println!(
        "  {:<46} {:>9} {:>10} {:>10} {:>10} {:>14}  result",
        "dashboard: range", "target", "median", "p99", "max", "JSON"
    );
    let mut missed = 0;
    for (name, stats, sizes) in &rows {
        let met = stats.percentile(99.0) <= TARGET;
        missed += usize::from(!met);
        println!(
            "  {name:<46} {:>9} {:>10} {:>10} {:>10} {:>14}  {}",
            format!("≤ {} ms", TARGET.as_millis()),
            ms(stats.percentile(50.0)),
            ms(stats.percentile(99.0)),
            ms(stats.max()),
            size_range(*sizes),
            if met { "met" } else { "MISSED" }
        );
    }
    if flagged.is_empty() {
        println!("  query plans: no full scan of sessions, matches or action_items");
    } else {
        println!("  query plans: FULL SCANS:");
        for f in &flagged {
            println!("    {f}");
        }
    }
    println!(
        "  the ≤ {} ms target (p99 of every case and range): {}",
        TARGET.as_millis(),
        if missed == 0 {
            "MET".to_string()
        } else {
            format!("MISSED in {missed} of {} rows", rows.len())
        }
    );
    println!("oversight: measured in {}", secs(started.elapsed()));
    Ok(())
}

fn size_range((min, max): (usize, usize)) -> String {
    if min == max {
        format!("{:.1} KB", max as f64 / 1000.0)
    } else {
        format!("{:.1}–{:.1} KB", min as f64 / 1000.0, max as f64 / 1000.0)
    }
}
