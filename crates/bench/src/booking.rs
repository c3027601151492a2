//! `booking`: sustained booking throughput through `Mentordesk::sessions_request` on a
//! generated workspace, with contested slots mixed in, then a whole-table check that
//! nobody holds two overlapping sessions.
//!
//! Each mentee is signed in on its own `Mentordesk` instance (an instance holds one
//! backend session), all on the same workspace file. Free slots are taken up front from
//! `slots_find` (as the mentee, so their own sessions are excluded): each mentee gets
//! its own mentors, and its slots are chosen not to overlap each other. Contested slots
//! are free for the mentor and for every contender, and are requested by all the
//! contenders at once: exactly one may win.

use crate::util::{
    api_err, ms, secs, sql_err, sql_pool, thousands, Args, BenchResult, Stats, PASSWORD,
};
use chrono::{DateTime, Duration as Span, Utc};
use mentordesk_api::Mentordesk;
use mentordesk_shared::accounts::SignIn;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::scheduling::SlotQuery;
use mentordesk_shared::sessions::{SessionRef, SessionRequest};
use mentordesk_shared::ErrorCode;
use sqlx::SqlitePool;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// The title of every session this bench books: its leftovers are found and removed by it.
const TITLE: &str = "Benchmark booking";

/// Time-holding sessions that overlap another time-holding session of the same person,
/// on either side. Counts pairs; must be 0.
const DOUBLE_BOOKINGS: &str = "\
WITH held AS MATERIALIZED (
    SELECT id, mentor_id AS person, starts_at, ends_at FROM sessions
     WHERE status IN ('requested', 'proposed', 'confirmed')
    UNION ALL
    SELECT id, mentee_id, starts_at, ends_at FROM sessions
     WHERE status IN ('requested', 'proposed', 'confirmed')
)
SELECT COUNT(*) FROM held a JOIN held b
  ON b.person = a.person AND b.id > a.id
 AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at";

#[derive(Clone, Copy)]
struct Slot {
    mentor: UserId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    minutes: u16,
}

struct Person {
    app: Arc<Mentordesk>,
}

#[derive(Default)]
struct Tally {
    booked: usize,
    conflicts: usize,
    errors: usize,
    races: usize,
    race_winners: usize,
    race_losers: usize,
    /// Contested slots that did not end with exactly one winner.
    bad_races: usize,
    latencies: Vec<Duration>,
    messages: BTreeMap<String, usize>,
}

impl Tally {
    fn absorb(&mut self, other: Tally) {
        self.booked += other.booked;
        self.conflicts += other.conflicts;
        self.errors += other.errors;
        self.races += other.races;
        self.race_winners += other.race_winners;
        self.race_losers += other.race_losers;
        self.bad_races += other.bad_races;
        self.latencies.extend(other.latencies);
        for (m, n) in other.messages {
            *self.messages.entry(m).or_default() += n;
        }
    }
}

pub async fn run(args: &Args) -> BenchResult {
    let dir = args.dir()?;
    let seconds: f64 = args.number("seconds", 10.0)?;
    let tasks: usize = args.number("tasks", 2)?;
    let sweep = args.numbers("sweep", &[])?;
    let sweep_seconds: f64 = args.number("sweep-seconds", 3.0)?;
    let mentee_count: usize = args.number("mentees", 96)?;
    let per_mentee: usize = args.number("mentors-per-mentee", 16)?;
    let contested: usize = args.number("contested", 200)?;
    let contenders: usize = args.number("contenders", 4)?;
    if tasks == 0 || mentee_count == 0 || per_mentee == 0 || contenders < 2 {
        return Err(
            "--tasks, --mentees and --mentors-per-mentee must be ≥ 1, --contenders ≥ 2".into(),
        );
    }

    let pool = sql_pool(&dir).await?;
    let leftovers = remove_bench_sessions(&pool).await?;
    if leftovers > 0 {
        println!("booking: removed {leftovers} bookings left over by an earlier run");
    }
    let (users, sessions): (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM sessions)")
            .fetch_one(&pool)
            .await
            .map_err(sql_err)?;
    println!(
        "booking: workspace of {} users and {} sessions in {}",
        thousands(users as u64),
        thousands(sessions as u64),
        dir.display()
    );

    // --- Sign in the mentees and contenders, each on its own instance.
    let t = Instant::now();
    let emails = random_people(&pool, "mentee", mentee_count + contenders).await?;
    if emails.len() < mentee_count + contenders {
        return Err("the workspace has too few mentees for these options".into());
    }
    let mentors = random_mentors(&pool, (mentee_count + 2) * per_mentee).await?;
    if mentors.len() < (mentee_count + 2) * per_mentee {
        return Err("the workspace has too few mentors with availability for these options".into());
    }
    let signed = sign_in_all(&dir, &emails).await?;
    let (mentees, racers) = signed.split_at(mentee_count);
    println!(
        "  signed in {} mentees on {} instances in {}",
        emails.len(),
        emails.len(),
        secs(t.elapsed())
    );

    // --- Free slots, from slots_find, as each mentee sees them.
    let t = Instant::now();
    let earliest = Utc::now() + Span::minutes(10);
    let mut finds = JoinSet::new();
    for (i, who) in mentees.iter().enumerate() {
        let app = who.app.clone();
        let own: Vec<UserId> = mentors[i * per_mentee..(i + 1) * per_mentee].to_vec();
        finds.spawn(async move {
            let mut candidates = Vec::new();
            for (j, mentor) in own.into_iter().enumerate() {
                let minutes = if (i + j) % 2 == 0 { 30 } else { 60 };
                candidates.extend(free_slots(&app, mentor, minutes, earliest).await?);
            }
            Ok::<_, String>((i, not_overlapping(candidates)))
        });
    }
    let mut picks: Vec<Vec<Slot>> = vec![Vec::new(); mentees.len()];
    while let Some(done) = finds.join_next().await {
        let (i, slots) = done.map_err(|e| e.to_string())??;
        picks[i] = slots;
    }
    let mut singles = Vec::new();
    let longest = picks.iter().map(Vec::len).max().unwrap_or(0);
    for k in 0..longest {
        for (i, list) in picks.iter().enumerate() {
            if let Some(s) = list.get(k) {
                singles.push((i, *s));
            }
        }
    }
    // Contested slots: free for the mentor and for all the contenders.
    let race_mentors = &mentors[mentee_count * per_mentee..(mentee_count + 2) * per_mentee];
    let mut common: Vec<Slot> = Vec::new();
    for &mentor in race_mentors {
        let mut shared: Option<BTreeSet<i64>> = None;
        let mut by_start = BTreeMap::new();
        for racer in racers {
            let slots = free_slots(&racer.app, mentor, 30, earliest).await?;
            let starts: BTreeSet<i64> = slots.iter().map(|s| s.start.timestamp()).collect();
            for s in slots {
                by_start.insert(s.start.timestamp(), s);
            }
            shared = Some(match shared {
                None => starts,
                Some(prev) => prev.intersection(&starts).copied().collect(),
            });
        }
        common.extend(shared.unwrap_or_default().iter().map(|s| by_start[s]));
    }
    let common = not_overlapping(common);
    let step = (common.len() / contested.max(1)).max(1);
    let races: Vec<Slot> = common.into_iter().step_by(step).take(contested).collect();
    println!(
        "  prepared {} free slots of {} mentors for single bookings and {} contested slots \
         (× {contenders} mentees) from {} slots_find calls in {}",
        thousands(singles.len() as u64),
        thousands((mentee_count * per_mentee) as u64),
        races.len(),
        thousands((mentee_count * per_mentee + 2 * per_mentee * contenders) as u64),
        secs(t.elapsed())
    );

    // The answer of a booking is the session page: check it equals the page read back.
    let mut checked = false;
    if !singles.is_empty() {
        let (who, slot) = singles.remove(0);
        let app = &mentees[who].app;
        let booked = app.sessions_request(request(slot)).await.map_err(api_err)?;
        let read = app
            .sessions_get(SessionRef {
                session_id: booked.session_id,
            })
            .await
            .map_err(api_err)?;
        if booked != read {
            return Err(format!(
                "sessions_request answered\n{booked:#?}\nbut sessions_get reads\n{read:#?}"
            ));
        }
        println!("  checked: a booking's answer equals its session page read back");
        checked = true;
    }

    // --- The runs: an optional sweep of task counts, then the sustained run.
    let singles = Arc::new(singles);
    let next = Arc::new(AtomicUsize::new(0));
    let mentees: Arc<Vec<Arc<Mentordesk>>> =
        Arc::new(mentees.iter().map(|p| p.app.clone()).collect());
    let racers: Arc<Vec<Arc<Mentordesk>>> =
        Arc::new(racers.iter().map(|p| p.app.clone()).collect());
    let runs: Vec<(usize, f64, bool)> = sweep
        .iter()
        .map(|&n| (n.max(1), sweep_seconds, false))
        .chain([(tasks, seconds, true)])
        .collect();
    let race_share = races.len() / runs.len().max(1);
    let mut race_lists: Vec<Vec<Slot>> = races
        .chunks(race_share.max(1))
        .map(<[Slot]>::to_vec)
        .collect();
    race_lists.resize(runs.len(), Vec::new());
    let mut total = Tally::default();
    let mut main_rate = 0.0;
    for ((n, secs_each, main), race_list) in runs.into_iter().zip(race_lists) {
        let (tally, wall, ran_out) = run_once(
            n,
            Duration::from_secs_f64(secs_each),
            singles.clone(),
            next.clone(),
            mentees.clone(),
            racers.clone(),
            Arc::new(race_list),
        )
        .await;
        let rate = tally.booked as f64 / wall.as_secs_f64();
        let lat = Stats::new(tally.latencies.clone());
        println!(
            "  {} {n:>2} task{}: {} bookings in {} = {}/s; {} contested slots: {} won, {} lost, {} \
             not won exactly once; {} unexpected conflicts, {} errors; request latency median {}, \
             p99 {}{}",
            if main { "sustained" } else { "sweep    " },
            if n == 1 { " " } else { "s" },
            thousands(tally.booked as u64),
            secs(wall),
            thousands(rate as u64),
            tally.races,
            tally.race_winners,
            tally.race_losers,
            tally.bad_races,
            tally.conflicts,
            tally.errors,
            ms(lat.percentile(50.0)),
            ms(lat.percentile(99.0)),
            if ran_out {
                " (ran out of prepared slots: raise --mentees)"
            } else {
                ""
            }
        );
        if main {
            main_rate = rate;
        }
        total.absorb(tally);
    }
    for (message, n) in &total.messages {
        println!("    {n} × {message}");
    }

    // --- Verification over the whole table.
    let t = Instant::now();
    let doubles: i64 = sqlx::query_scalar(DOUBLE_BOOKINGS)
        .fetch_one(&pool)
        .await
        .map_err(sql_err)?;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE title = ?")
        .bind(TITLE)
        .fetch_one(&pool)
        .await
        .map_err(sql_err)?;
    let stored = stored - i64::from(checked);
    let all: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&pool)
        .await
        .map_err(sql_err)?;
    println!(
        "  verified in {}: {} double bookings over all {} sessions; {} bench bookings stored \
         ({} reported)",
        secs(t.elapsed()),
        doubles,
        thousands(all as u64),
        thousands(stored as u64),
        thousands(total.booked as u64)
    );
    let removed = remove_bench_sessions(&pool).await?;
    println!(
        "  removed the bench's {} bookings again",
        thousands(removed)
    );
    println!(
        "booking: {} bookings/s sustained ({} tasks, {} s); {} contested slots, {} not won \
         exactly once; {} double bookings — target ≥ 2,000/s and 0: {}",
        thousands(main_rate as u64),
        tasks,
        seconds,
        total.races,
        total.bad_races,
        doubles,
        if main_rate >= 2000.0 && doubles == 0 && total.bad_races == 0 {
            "met"
        } else {
            "MISSED"
        }
    );
    pool.close().await;
    if doubles != 0 {
        return Err(format!("{doubles} double bookings in the workspace"));
    }
    if total.bad_races != 0 {
        return Err(format!(
            "{} contested slots were not won exactly once",
            total.bad_races
        ));
    }
    if stored as usize != total.booked {
        return Err(format!(
            "{stored} bench bookings stored, but {} reported as booked",
            total.booked
        ));
    }
    Ok(())
}

/// One timed run: `tasks` workers take prepared slots until the time is up; every 20th
/// piece of work of a worker is a contested slot while any are left.
async fn run_once(
    tasks: usize,
    duration: Duration,
    singles: Arc<Vec<(usize, Slot)>>,
    next: Arc<AtomicUsize>,
    mentees: Arc<Vec<Arc<Mentordesk>>>,
    racers: Arc<Vec<Arc<Mentordesk>>>,
    races: Arc<Vec<Slot>>,
) -> (Tally, Duration, bool) {
    let next_race = Arc::new(AtomicUsize::new(0));
    let ran_out = Arc::new(Mutex::new(false));
    let started = Instant::now();
    let mut workers = JoinSet::new();
    for _ in 0..tasks {
        let (singles, next, mentees, racers, races, next_race, ran_out) = (
            singles.clone(),
            next.clone(),
            mentees.clone(),
            racers.clone(),
            races.clone(),
            next_race.clone(),
            ran_out.clone(),
        );
        workers.spawn(async move {
            let mut tally = Tally::default();
            let mut done = 0usize;
            while started.elapsed() < duration {
                done += 1;
                if done % 20 == 0 {
                    let r = next_race.fetch_add(1, Ordering::Relaxed);
                    if let Some(slot) = races.get(r) {
                        race(&racers, *slot, &mut tally).await;
                        continue;
                    }
                }
                let k = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(who, slot)) = singles.get(k) else {
                    *ran_out.lock().expect("not poisoned") = true;
                    break;
                };
                let t = Instant::now();
                match mentees[who].sessions_request(request(slot)).await {
                    Ok(_) => {
                        tally.booked += 1;
                        tally.latencies.push(t.elapsed());
                    }
                    Err(e) => {
                        if e.code == ErrorCode::Conflict {
                            tally.conflicts += 1;
                        } else {
                            tally.errors += 1;
                        }
                        *tally
                            .messages
                            .entry(format!("{}: {}", e.code.as_str(), e.message))
                            .or_default() += 1;
                    }
                }
            }
            tally
        });
    }
    let mut tally = Tally::default();
    while let Some(t) = workers.join_next().await {
        tally.absorb(t.expect("a worker panicked"));
    }
    let ran_out = *ran_out.lock().expect("not poisoned");
    (tally, started.elapsed(), ran_out)
}

/// All the contenders request the same slot at once; exactly one may win.
async fn race(racers: &[Arc<Mentordesk>], slot: Slot, tally: &mut Tally) {
    let mut attempts = JoinSet::new();
    for app in racers {
        let app = app.clone();
        attempts.spawn(async move { app.sessions_request(request(slot)).await });
    }
    let mut winners = 0;
    while let Some(outcome) = attempts.join_next().await {
        match outcome.expect("a request panicked") {
            Ok(_) => winners += 1,
            Err(e) if e.code == ErrorCode::Conflict => tally.race_losers += 1,
            Err(e) => {
                tally.errors += 1;
                *tally
                    .messages
                    .entry(format!("{}: {}", e.code.as_str(), e.message))
                    .or_default() += 1;
            }
        }
    }
    tally.races += 1;
    tally.race_winners += winners;
    tally.booked += winners;
    if winners != 1 {
        tally.bad_races += 1;
    }
}

fn request(slot: Slot) -> SessionRequest {
    SessionRequest {
        mentor_id: slot.mentor,
        starts_at: slot.start,
        duration_minutes: slot.minutes,
        title: TITLE.into(),
        agenda: "Measured by mentordesk-bench.".into(),
    }
}

/// The mentor's free slots over their whole horizon as `app`'s user sees them.
async fn free_slots(
    app: &Mentordesk,
    mentor: UserId,
    minutes: u16,
    earliest: DateTime<Utc>,
) -> BenchResult<Vec<Slot>> {
    let list = app
        .slots_find(SlotQuery {
            mentor_id: mentor,
            duration_minutes: Some(minutes),
            from: None,
            days: None,
            for_session: None,
        })
        .await
        .map_err(api_err)?;
    Ok(list
        .slots
        .into_iter()
        .filter(|s| s.starts_at >= earliest)
        .map(|s| Slot {
            mentor,
            start: s.starts_at,
            end: s.ends_at,
            minutes,
        })
        .collect())
}

/// A set of slots one person can hold together: sorted by start, none overlapping.
fn not_overlapping(mut slots: Vec<Slot>) -> Vec<Slot> {
    slots.sort_by_key(|s| s.start);
    let mut kept: Vec<Slot> = Vec::new();
    for s in slots {
        if kept.last().is_none_or(|last| last.end <= s.start) {
            kept.push(s);
        }
    }
    kept
}

async fn random_people(pool: &SqlitePool, role: &str, n: usize) -> BenchResult<Vec<String>> {
    sqlx::query_scalar(
        "SELECT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id \
         JOIN roles r ON r.id = ur.role_id WHERE r.key = ? AND u.is_active = 1 \
         ORDER BY random() LIMIT ?",
    )
    .bind(role)
    .bind(n as i64)
    .fetch_all(pool)
    .await
    .map_err(sql_err)
}

async fn random_mentors(pool: &SqlitePool, n: usize) -> BenchResult<Vec<UserId>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT a.mentor_id FROM availability a JOIN users u ON u.id = a.mentor_id \
         WHERE u.is_active = 1 ORDER BY random() LIMIT ?",
    )
    .bind(n as i64)
    .fetch_all(pool)
    .await
    .map_err(sql_err)?;
    ids.iter()
        .map(|i| i.parse().map_err(|e| format!("bad id {i}: {e}")))
        .collect()
}

/// Opens one instance per person (one after the other: opening writes the role table)
/// and signs them all in (in parallel: argon2id dominates).
async fn sign_in_all(dir: &Path, emails: &[String]) -> BenchResult<Vec<Person>> {
    let mut apps = Vec::new();
    for _ in emails {
        apps.push(Arc::new(
            Mentordesk::open(dir)
                .await
                .map_err(api_err)?
                .with_inactivity(24 * 60),
        ));
    }
    let mut sign_ins = JoinSet::new();
    for (app, email) in apps.iter().zip(emails) {
        let (app, email) = (app.clone(), email.clone());
        sign_ins.spawn(async move {
            app.accounts_sign_in(SignIn {
                email,
                password: PASSWORD.into(),
            })
            .await
        });
    }
    while let Some(done) = sign_ins.join_next().await {
        done.map_err(|e| e.to_string())?.map_err(api_err)?;
    }
    Ok(apps.into_iter().map(|app| Person { app }).collect())
}

async fn remove_bench_sessions(pool: &SqlitePool) -> BenchResult<u64> {
    // The notifications the bookings left for their mentors first, then the bookings.
    sqlx::query(
        "DELETE FROM notifications WHERE subject_kind = 'session' AND subject_id IN \
         (SELECT id FROM sessions WHERE title = ?)",
    )
    .bind(TITLE)
    .execute(pool)
    .await
    .map_err(sql_err)?;
    let done = sqlx::query("DELETE FROM sessions WHERE title = ?")
        .bind(TITLE)
        .execute(pool)
        .await
        .map_err(sql_err)?;
    Ok(done.rows_affected())
}
