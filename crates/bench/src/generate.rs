//! `generate`: a workspace of realistic size, created with the app's own migrations and
//! then bulk-loaded with multi-row prepared inserts in large transactions.
//!
//! Sessions never overlap for anyone: each mentor's sessions sit in distinct local
//! hours of their weekday office hours (09:00–17:00 in their zone, 30 or 60 minutes
//! from the top or half of the hour, so two never share time), and each session goes
//! to a mentee from the mentor's pool whose own sessions (kept in memory) are all
//! clear of it. The schema's overlap triggers stay in place and check every
//! time-holding row as it is inserted.

use crate::util::{
    database_file, schema, secs, sql_err, thousands, Args, BenchResult, Rng, PASSWORD,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use mentordesk_api::Mentordesk;
use sqlx::query::Query;
use sqlx::sqlite::{SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, Sqlite, SqliteConnection};
use std::path::Path;
use std::time::Instant;

/// The setting that marks a finished load (written in the last transaction).
const MARKER_KEY: &str = "bench.generated";
/// Bump when the generated data changes shape, so `--reuse` regenerates.
const FORMAT: u32 = 1;
/// `--reuse` regenerates a workspace older than this: its future sessions drift into
/// the past while keeping their upcoming statuses.
const MAX_AGE_DAYS: i64 = 7;

const ROWS_PER_STATEMENT: usize = 100;
const ROWS_PER_TRANSACTION: usize = 10_000;

/// Days of history before today, and days ahead (the mentors' 56-day horizon).
pub(crate) const PAST_DAYS: i64 = 365;
pub(crate) const FUTURE_DAYS: i64 = 56;

/// IANA zones weighted roughly like a global company's staff.
const ZONES: &[(&str, u64)] = &[
    ("Europe/London", 12),
    ("Europe/Berlin", 7),
    ("Europe/Paris", 6),
    ("Europe/Madrid", 4),
    ("Europe/Amsterdam", 3),
    ("Europe/Stockholm", 2),
    ("Europe/Warsaw", 2),
    ("America/New_York", 12),
    ("America/Chicago", 6),
    ("America/Denver", 3),
    ("America/Los_Angeles", 8),
    ("America/Toronto", 3),
    ("America/Sao_Paulo", 4),
    ("America/Mexico_City", 2),
    ("America/Santiago", 1),
    ("Asia/Kolkata", 7),
    ("Asia/Singapore", 3),
    ("Asia/Tokyo", 3),
    ("Asia/Shanghai", 2),
    ("Asia/Dubai", 2),
    ("Africa/Lagos", 2),
    ("Africa/Nairobi", 2),
    ("Africa/Johannesburg", 1),
    ("Australia/Sydney", 3),
    ("Pacific/Auckland", 1),
];

const FIRST_NAMES: &[&str] = &[
    "Amara", "Ben", "Chen", "Dara", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Liam", "Maya", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Aisha", "Bruno", "Carmen", "Diego", "Emeka", "Fatima",
    "Gustav", "Hana", "Ivan", "Julia", "Kofi", "Lucia", "Mateo", "Nora",
];
const LAST_NAMES: &[&str] = &[
    "Adeyemi",
    "Bauer",
    "Costa",
    "Dubois",
    "Eriksson",
    "Fernandez",
    "Garcia",
    "Hughes",
    "Ibrahim",
    "Jensen",
    "Kowalski",
    "Lee",
    "Martin",
    "Nakamura",
    "Okafor",
    "Patel",
    "Quispe",
    "Rossi",
    "Singh",
    "Tanaka",
    "Urban",
    "Varga",
    "Wang",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Ahmed",
    "Brown",
    "Chowdhury",
    "Da Silva",
    "Evans",
    "Fischer",
    "Gomez",
    "Haddad",
    "Ito",
    "Jones",
    "Kim",
    "Lopez",
    "Mensah",
    "Novak",
];
const TITLES: &[&str] = &[
    "Career chat",
    "CV review",
    "Interview practice",
    "Goal setting",
    "Code review walkthrough",
    "Returning to work after leave",
    "Leadership check-in",
    "Promotion plan",
    "System design practice",
    "Monthly catch-up",
];
const AGENDAS: &[&str] = &[
    "",
    "",
    "",
    "Go through my CV and the roles I am applying for.",
    "Questions about the team lead role.",
    "Follow-up on last session's action items.",
];

struct Person {
    id: String,
    email: String,
    first: &'static str,
    last: &'static str,
    zone: &'static str,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Admin,
    Mentor,
    Mentee,
}

struct Planned {
    mentor: u32,
    mentee: u32,
    start: i64,
    end: i64,
    status: &'static str,
    by_mentor: bool,
    title: u8,
    agenda: u8,
    created_at: i64,
    updated_at: i64,
    sequence: i64,
}

struct SessionRow<'a> {
    id: String,
    mentor: &'a str,
    mentee: &'a str,
    plan: &'a Planned,
}

#[derive(Clone, Copy)]
struct UserRow<'a> {
    p: &'a Person,
    hash: &'a str,
    at: i64,
}

struct RoleRow<'a> {
    user: &'a str,
    role: &'a str,
    at: i64,
}

struct RangeRow<'a> {
    mentor: &'a str,
    weekday: i64,
}

pub(crate) type Q<'q> = Query<'q, Sqlite, SqliteArguments<'q>>;

pub async fn run(args: &Args) -> BenchResult {
    let dir = args.dir()?;
    let users: usize = args.number("users", 100_000)?;
    let sessions: usize = args.number("sessions", 1_000_000)?;
    let seed: u64 = args.number("seed", 20_261_123)?;
    if users < 3 {
        return Err("--users must be at least 3 (an admin, a mentor, a mentee)".into());
    }
    let marker = format!(
        "format={FORMAT} schema={} users={users} sessions={sessions} seed={seed}",
        schema()
    );

    if dir.exists() && dir.read_dir().map_err(io)?.next().is_some() {
        if args.flag("reuse") {
            let stored = stored_marker(&dir).await;
            let made = stored
                .as_deref()
                .and_then(|m| m.strip_prefix(&format!("{marker} at ")))
                .and_then(|at| at.parse::<DateTime<Utc>>().ok());
            match (stored, made) {
                (_, Some(at)) if Utc::now() - at < Duration::days(MAX_AGE_DAYS) => {
                    println!(
                        "generate: reusing the complete workspace in {} ({marker}, made {}); \
                         pass --force to regenerate",
                        dir.display(),
                        at.format("%Y-%m-%d %H:%M UTC")
                    );
                    return Ok(());
                }
                (_, Some(at)) => println!(
                    "generate: the workspace in {} was made {}: its \"upcoming\" sessions have \
                     aged; wiping it",
                    dir.display(),
                    at.format("%Y-%m-%d")
                ),
                (Some(m), None) => println!(
                    "generate: {} holds a different workspace ({m}); wiping it",
                    dir.display()
                ),
                (None, None) => println!(
                    "generate: {} holds no complete generated workspace; wiping it",
                    dir.display()
                ),
            }
        } else if args.flag("force") {
            println!("generate: wiping {} (--force)", dir.display());
        } else {
            return Err(format!(
                "{} already exists and is not empty; pass --force to wipe it, or --reuse to keep \
                 it when it is a complete workspace of the same size",
                dir.display()
            ));
        }
        std::fs::remove_dir_all(&dir).map_err(io)?;
    }

    let started = Instant::now();
    let now = Utc::now();
    println!(
        "generate: {} users and {} sessions into {}",
        thousands(users as u64),
        thousands(sessions as u64),
        dir.display()
    );

    // The real schema and roles, exactly as the app creates them.
    let app = Mentordesk::open(&dir)
        .await
        .map_err(|e| format!("opening the workspace: {}", e.message))?;
    app.db().close().await;
    drop(app);

    let t = Instant::now();
    let hash = mentordesk_core::passwords::hash(PASSWORD).map_err(|e| e.message)?;
    let mut rng = Rng::new(seed);
    let people = people(&mut rng, users);
    let mentors: Vec<u32> = (0..people.len() as u32)
        .filter(|&i| people[i as usize].kind == Kind::Mentor)
        .collect();
    let mentees: Vec<u32> = (0..people.len() as u32)
        .filter(|&i| people[i as usize].kind == Kind::Mentee)
        .collect();
    let plan = plan_sessions(&mut rng, &people, &mentors, &mentees, sessions, now)?;
    let session_rows: Vec<SessionRow> = plan
        .iter()
        .map(|p| SessionRow {
            id: rng.uuid().to_string(),
            mentor: &people[p.mentor as usize].id,
            mentee: &people[p.mentee as usize].id,
            plan: p,
        })
        .collect();
    println!(
        "  planned in {} (one argon2id hash shared by every account; password {PASSWORD:?})",
        secs(t.elapsed())
    );

    let options = SqliteConnectOptions::new()
        .filename(database_file(&dir))
        .journal_mode(SqliteJournalMode::Wal)
        // A failed load is wiped and redone, so durability is not needed while loading.
        .synchronous(SqliteSynchronous::Off)
        .foreign_keys(true)
        .pragma("cache_size", "-1048576")
        .pragma("temp_store", "memory");
    let mut conn = options.connect().await.map_err(sql_err)?;
    let roles: Vec<(String, String)> = sqlx::query_as("SELECT key, id FROM roles")
        .fetch_all(&mut conn)
        .await
        .map_err(sql_err)?;
    let role_id = |key: &str| -> BenchResult<String> {
        roles
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, id)| id.clone())
            .ok_or_else(|| format!("the workspace has no {key} role"))
    };
    let (admin_role, mentor_role, mentee_role) =
        (role_id("admin")?, role_id("mentor")?, role_id("mentee")?);
    let now_ms = now.timestamp_millis();

    let mut total_rows = 0usize;
    let mut report = |table: &str, rows: usize, took: std::time::Duration| {
        total_rows += rows;
        println!(
            "  {table:<20} {:>10} rows in {:>7} = {:>9} rows/s",
            thousands(rows as u64),
            secs(took),
            thousands((rows as f64 / took.as_secs_f64().max(1e-9)) as u64)
        );
    };

    let users_rows: Vec<UserRow> = people
        .iter()
        .map(|p| UserRow {
            p,
            hash: &hash,
            at: now_ms - 400 * 86_400_000,
        })
        .collect();
    let took = insert_all(
        &mut conn,
        "INSERT INTO users (id, email, email_key, password_hash, signup_intent, created_at, \
         updated_at) VALUES",
        7,
        &users_rows,
        |q, r| {
            q.bind(r.p.id.as_str())
                .bind(r.p.email.as_str())
                .bind(r.p.email.as_str())
                .bind(r.hash)
                .bind(match r.p.kind {
                    Kind::Mentor => "mentor_applicant",
                    _ => "mentee",
                })
                .bind(r.at)
                .bind(r.at)
        },
    )
    .await?;
    report("users", users_rows.len(), took);

    let took = insert_all(
        &mut conn,
        "INSERT INTO profiles (user_id, first_name, last_name, headline, time_zone, \
         accepting_mentees, mentee_capacity, onboarding_status, onboarding_step, \
         onboarding_completed_at, updated_at) VALUES",
        11,
        &users_rows,
        |q, r| {
            let mentor = r.p.kind == Kind::Mentor;
            q.bind(r.p.id.as_str())
                .bind(r.p.first)
                .bind(r.p.last)
                .bind(if mentor { "Engineer and mentor" } else { "" })
                .bind(r.p.zone)
                .bind(mentor)
                .bind(mentor.then_some(8i64))
                .bind("completed")
                .bind(4i64)
                .bind(r.at)
                .bind(r.at)
        },
    )
    .await?;
    report("profiles", users_rows.len(), took);

    let role_rows: Vec<RoleRow> = people
        .iter()
        .map(|p| RoleRow {
            user: &p.id,
            role: match p.kind {
                Kind::Admin => &admin_role,
                Kind::Mentor => &mentor_role,
                Kind::Mentee => &mentee_role,
            },
            at: now_ms - 400 * 86_400_000,
        })
        .collect();
    let took = insert_all(
        &mut conn,
        "INSERT INTO user_roles (user_id, role_id, granted_at) VALUES",
        3,
        &role_rows,
        |q, r| q.bind(r.user).bind(r.role).bind(r.at),
    )
    .await?;
    report("user_roles", role_rows.len(), took);

    let mentor_rows: Vec<UserRow> = users_rows
        .iter()
        .filter(|r| r.p.kind == Kind::Mentor)
        .map(|r| UserRow { at: now_ms, ..*r })
        .collect();
    let took = insert_all(
        &mut conn,
        "INSERT INTO availability (mentor_id, time_zone, durations, buffer_before_minutes, \
         buffer_after_minutes, min_notice_minutes, horizon_days, step_minutes, updated_at) VALUES",
        9,
        &mentor_rows,
        |q, r| {
            q.bind(r.p.id.as_str())
                .bind(r.p.zone)
                .bind("30,60")
                .bind(0i64)
                .bind(0i64)
                .bind(0i64)
                .bind(FUTURE_DAYS)
                .bind(30i64)
                .bind(r.at)
        },
    )
    .await?;
    report("availability", mentor_rows.len(), took);

    let range_rows: Vec<RangeRow> = mentor_rows
        .iter()
        .flat_map(|r| {
            (0..5).map(move |weekday| RangeRow {
                mentor: &r.p.id,
                weekday,
            })
        })
        .collect();
    let took = insert_all(
        &mut conn,
        "INSERT INTO availability_ranges (mentor_id, weekday, start_minute, end_minute) VALUES",
        4,
        &range_rows,
        |q, r| {
            q.bind(r.mentor)
                .bind(r.weekday)
                .bind(9 * 60i64)
                .bind(17 * 60i64)
        },
    )
    .await?;
    report("availability_ranges", range_rows.len(), took);

    let took = insert_all(
        &mut conn,
        "INSERT INTO sessions (id, mentor_id, mentee_id, title, agenda, starts_at, ends_at, \
         status, created_by, sequence, created_at, updated_at) VALUES",
        12,
        &session_rows,
        |q, r| {
            q.bind(r.id.as_str())
                .bind(r.mentor)
                .bind(r.mentee)
                .bind(TITLES[r.plan.title as usize])
                .bind(AGENDAS[r.plan.agenda as usize])
                .bind(r.plan.start)
                .bind(r.plan.end)
                .bind(r.plan.status)
                .bind(if r.plan.by_mentor { r.mentor } else { r.mentee })
                .bind(r.plan.sequence)
                .bind(r.plan.created_at)
                .bind(r.plan.updated_at)
        },
    )
    .await?;
    report("sessions", session_rows.len(), took);

    let t = Instant::now();
    sqlx::query("INSERT INTO workspace_settings (key, value) VALUES (?, ?)")
        .bind(MARKER_KEY)
        .bind(format!("{marker} at {}", now.to_rfc3339()))
        .execute(&mut conn)
        .await
        .map_err(sql_err)?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await
        .map_err(sql_err)?;
    conn.close().await.map_err(sql_err)?;
    println!("  checkpoint          {:>18}", secs(t.elapsed()));
    let size = std::fs::metadata(database_file(&dir)).map_err(io)?.len();
    let took = started.elapsed();
    println!(
        "generate: {} rows in {} = {} rows/s; database {} MB ({})",
        thousands(total_rows as u64),
        secs(took),
        thousands((total_rows as f64 / took.as_secs_f64()) as u64),
        thousands(size / 1_000_000),
        marker
    );
    Ok(())
}

fn io(e: std::io::Error) -> String {
    format!("file system: {e}")
}

async fn stored_marker(dir: &Path) -> Option<String> {
    let path = database_file(dir);
    if !path.exists() {
        return None;
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .ok()?;
    let value: Option<String> =
        sqlx::query_scalar("SELECT value FROM workspace_settings WHERE key = ?")
            .bind(MARKER_KEY)
            .fetch_optional(&mut conn)
            .await
            .ok()?;
    let _ = conn.close().await;
    value
}

fn people(rng: &mut Rng, users: usize) -> Vec<Person> {
    let mentors = (users / 10).max(1);
    let total_weight: u64 = ZONES.iter().map(|(_, w)| w).sum();
    (0..users)
        .map(|i| {
            let kind = match i {
                0 => Kind::Admin,
                i if i <= mentors => Kind::Mentor,
                _ => Kind::Mentee,
            };
            let mut pick = rng.below(total_weight);
            let zone = ZONES
                .iter()
                .find(|(_, w)| {
                    if pick < *w {
                        true
                    } else {
                        pick -= w;
                        false
                    }
                })
                .map(|(z, _)| *z)
                .unwrap_or("UTC");
            let email = match kind {
                Kind::Admin => "admin@example.org".to_string(),
                Kind::Mentor => format!("mentor{i}@example.org"),
                Kind::Mentee => format!("mentee{i}@example.org"),
            };
            Person {
                id: rng.uuid().to_string(),
                email,
                first: FIRST_NAMES[rng.index(FIRST_NAMES.len())],
                last: LAST_NAMES[rng.index(LAST_NAMES.len())],
                zone,
                kind,
            }
        })
        .collect()
}

/// Which statuses sessions have, by when they are.
fn status(rng: &mut Rng, start: i64, end: i64, now: i64) -> &'static str {
    let roll = rng.below(100);
    if end <= now {
        match roll {
            0..=81 => "completed",
            82..=89 => "cancelled",
            90..=95 => "declined",
            _ => "no_show",
        }
    } else if start >= now {
        match roll {
            0..=59 => "confirmed",
            60..=84 => "requested",
            85..=89 => "proposed",
            90..=96 => "cancelled",
            _ => "declined",
        }
    } else {
        "confirmed"
    }
}

fn plan_sessions(
    rng: &mut Rng,
    people: &[Person],
    mentors: &[u32],
    mentees: &[u32],
    total: usize,
    now: DateTime<Utc>,
) -> BenchResult<Vec<Planned>> {
    const HOURS: i64 = 8; // 09:00–17:00
    let days = PAST_DAYS + FUTURE_DAYS;
    // Distribute the sessions over mentors unevenly (weights 1–3), summing exactly to `total`.
    let weights: Vec<u64> = mentors.iter().map(|_| 1 + rng.below(3)).collect();
    let weight_sum: u64 = weights.iter().sum();
    let mut counts: Vec<usize> = weights
        .iter()
        .map(|w| (total as u64 * w / weight_sum) as usize)
        .collect();
    let mut short = total - counts.iter().sum::<usize>();
    while short > 0 {
        let i = rng.index(counts.len());
        counts[i] += 1;
        short -= 1;
    }
    let capacity = (days * 5 / 7 * HOURS) as usize * 3 / 4;
    if let Some(max) = counts.iter().max().filter(|&&m| m > capacity) {
        return Err(format!(
            "{} sessions for {} mentors is too many: a mentor would need {max} sessions, but \
             holds at most {capacity} in a year of office hours; add users or lower --sessions",
            thousands(total as u64),
            thousands(mentors.len() as u64)
        ));
    }
    let now_ms = now.timestamp_millis();
    // Each mentor works with a pool of mentees that overlaps a little with the next mentor's.
    let stride = mentees.len().div_ceil(mentors.len()).max(1);
    let pool = (stride + stride / 3 + 1).min(mentees.len());
    let mut busy: Vec<Vec<(i64, i64)>> = vec![Vec::new(); mentees.len()];
    let mut plan = Vec::with_capacity(total);
    let mut used = vec![false; (days * HOURS) as usize];
    for (m, &mentor) in mentors.iter().enumerate() {
        let tz: Tz = people[mentor as usize].zone.parse().expect("a listed zone");
        let today = now.with_timezone(&tz).date_naive();
        used.iter_mut().for_each(|u| *u = false);
        let mut made = 0;
        while made < counts[m] {
            let day = rng.below(days as u64) as i64;
            let hour = rng.below(HOURS as u64) as i64;
            let cell = (day * HOURS + hour) as usize;
            let date: NaiveDate = today + Duration::days(day - PAST_DAYS);
            if used[cell] || date.weekday().num_days_from_monday() >= 5 {
                continue;
            }
            let minutes = if rng.chance(30) { 30 } else { 60 };
            let offset = if minutes == 30 && rng.chance(50) {
                30
            } else {
                0
            };
            let Some(local) = date.and_hms_opt(9 + hour as u32, offset, 0) else {
                continue;
            };
            let Some(start) = tz.from_local_datetime(&local).earliest() else {
                continue;
            };
            let start = start.timestamp_millis();
            let end = start + minutes * 60_000;
            let base = m * mentees.len() / mentors.len();
            let first = rng.index(pool);
            let mut mentee = (0..pool)
                .map(|k| (base + (first + k) % pool) % mentees.len())
                .find(|&e| busy[e].iter().all(|&(s, x)| x <= start || s >= end));
            if mentee.is_none() {
                mentee = (0..50)
                    .map(|_| rng.index(mentees.len()))
                    .find(|&e| busy[e].iter().all(|&(s, x)| x <= start || s >= end));
            }
            let Some(e) = mentee else { continue };
            used[cell] = true;
            busy[e].push((start, end));
            made += 1;
            let status = status(rng, start, end, now_ms);
            let lead = (1 + rng.below(21) as i64) * 86_400_000 + rng.below(86_400_000) as i64;
            let created_at = (start - lead).min(now_ms - 60_000);
            let (updated_at, sequence) = match status {
                "completed" | "no_show" => (end.min(now_ms), 1),
                "confirmed" => ((created_at + 86_400_000).min(now_ms), 1),
                "cancelled" | "declined" => ((created_at + 3_600_000).min(now_ms), 1),
                _ => (created_at, 0),
            };
            plan.push(Planned {
                mentor,
                mentee: mentees[e],
                start,
                end,
                status,
                by_mentor: status == "proposed",
                title: rng.index(TITLES.len()) as u8,
                agenda: rng.index(AGENDAS.len()) as u8,
                created_at,
                updated_at,
                sequence,
            });
        }
    }
    // Rows go in roughly the order the app would have created them.
    plan.sort_by_key(|p| p.created_at);
    Ok(plan)
}

/// Inserts `rows` with `INSERT … VALUES (…), (…)` statements of `ROWS_PER_STATEMENT` rows
/// (prepared once and cached), `ROWS_PER_TRANSACTION` rows per transaction.
pub(crate) async fn insert_all<T>(
    conn: &mut SqliteConnection,
    head: &str,
    columns: usize,
    rows: &[T],
    bind: for<'q> fn(Q<'q>, &'q T) -> Q<'q>,
) -> BenchResult<std::time::Duration> {
    let started = Instant::now();
    let tuple = format!("({})", vec!["?"; columns].join(", "));
    let values = |n: usize| vec![tuple.as_str(); n].join(", ");
    let full = format!("{head} {}", values(ROWS_PER_STATEMENT));
    for batch in rows.chunks(ROWS_PER_TRANSACTION) {
        let mut tx = conn.begin().await.map_err(sql_err)?;
        for chunk in batch.chunks(ROWS_PER_STATEMENT) {
            let partial;
            let sql = if chunk.len() == ROWS_PER_STATEMENT {
                full.as_str()
            } else {
                partial = format!("{head} {}", values(chunk.len()));
                partial.as_str()
            };
            let mut q = sqlx::query(sql);
            for row in chunk {
                q = bind(q, row);
            }
            q.execute(&mut *tx).await.map_err(sql_err)?;
        }
        tx.commit().await.map_err(sql_err)?;
    }
    Ok(started.elapsed())
}
