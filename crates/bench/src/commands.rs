//! `commands`: latency of the two busiest reads through the command layer, i.e. the
//! `Mentordesk` method a Tauri command calls plus `serde_json` serialisation of its
//! answer (what IPC does with it).
//!
//! A few instances sign in as random users in turn (sign-in is not timed); each signed-in
//! user then lists their upcoming sessions and looks up a random mentor's slots
//! (60 minutes, the whole booking horizon), one call at a time.

use crate::util::{
    api_err, secs, sql_err, sql_pool, thousands, Args, BenchResult, Rng, Stats, PASSWORD,
};
use mentordesk_api::Mentordesk;
use mentordesk_shared::accounts::SignIn;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::scheduling::SlotQuery;
use mentordesk_shared::sessions::SessionFilter;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// The target for both commands.
const TARGET_P99: Duration = Duration::from_millis(5);

pub async fn run(args: &Args) -> BenchResult {
    let dir = args.dir()?;
    let iterations: usize = args.number("iterations", 2000)?;
    let instances: usize = args.number("instances", 4)?;
    let per_user: usize = args.number("per-user", 10)?;
    if iterations == 0 || instances == 0 || per_user == 0 {
        return Err("--iterations, --instances and --per-user must be ≥ 1".into());
    }
    let started = Instant::now();
    let pool = sql_pool(&dir).await?;
    let user_count = iterations.div_ceil(per_user);
    let users: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.email, r.key FROM users u JOIN user_roles ur ON ur.user_id = u.id \
         JOIN roles r ON r.id = ur.role_id WHERE r.key IN ('mentor', 'mentee') \
         AND u.is_active = 1 ORDER BY random() LIMIT ?",
    )
    .bind(user_count as i64)
    .fetch_all(&pool)
    .await
    .map_err(sql_err)?;
    let mentors: Vec<String> =
        sqlx::query_scalar("SELECT mentor_id FROM availability ORDER BY random() LIMIT ?")
            .bind(iterations as i64)
            .fetch_all(&pool)
            .await
            .map_err(sql_err)?;
    let mentors: Vec<UserId> = mentors
        .iter()
        .map(|m| m.parse().map_err(|e| format!("bad id {m}: {e}")))
        .collect::<BenchResult<_>>()?;
    pool.close().await;
    if users.is_empty() || mentors.is_empty() {
        return Err("the workspace has no mentors or mentees: run generate first".into());
    }

    let mut apps = Vec::new();
    for _ in 0..instances {
        apps.push(Arc::new(Mentordesk::open(&dir).await.map_err(api_err)?));
    }
    let mut rng = Rng::new(7);
    let mut list_times = Vec::new();
    let mut list_by_role: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    let mut slot_times = Vec::new();
    let (mut listed, mut list_bytes, mut found, mut slot_bytes) = (0usize, 0usize, 0usize, 0usize);
    let mut signing_in = Duration::ZERO;
    let mut first_round = true;
    for round in users.chunks(instances) {
        // Sign the next users in, in parallel (argon2id; not part of the figures).
        let t = Instant::now();
        let mut sign_ins = JoinSet::new();
        for (app, (email, _)) in apps.iter().zip(round) {
            let (app, email) = (app.clone(), email.clone());
            sign_ins.spawn(async move {
                let _ = app.accounts_sign_out().await;
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
        signing_in += t.elapsed();
        if first_round {
            // Warm each instance's connections once, as a running app would have them.
            for app in &apps {
                let _ = app.sessions_list(SessionFilter::default()).await;
            }
            first_round = false;
        }
        for (app, (_, role)) in apps.iter().zip(round) {
            for _ in 0..per_user {
                if list_times.len() >= iterations {
                    break;
                }
                let t = Instant::now();
                let answer = app
                    .sessions_list(SessionFilter::default())
                    .await
                    .map_err(api_err)?;
                let json = serde_json::to_vec(&answer).map_err(|e| e.to_string())?;
                let took = t.elapsed();
                list_times.push(took);
                list_by_role[usize::from(role == "mentee")].push(took);
                listed += answer.sessions.len();
                list_bytes += json.len();

                let mentor = mentors[rng.index(mentors.len())];
                let t = Instant::now();
                let answer = app
                    .slots_find(SlotQuery {
                        mentor_id: mentor,
                        duration_minutes: Some(60),
                        from: None,
                        days: None,
                        for_session: None,
                    })
                    .await
                    .map_err(api_err)?;
                let json = serde_json::to_vec(&answer).map_err(|e| e.to_string())?;
                slot_times.push(t.elapsed());
                found += answer.slots.len();
                slot_bytes += json.len();
            }
        }
    }

    let n = list_times.len().max(1);
    let lists = Stats::new(list_times);
    let slots = Stats::new(slot_times);
    let [as_mentor, as_mentee] = list_by_role.map(Stats::new);
    println!(
        "commands: {} random users ({} mentors) on {instances} instances, one call at a time; \
         each answer serialised with serde_json",
        thousands(users.len() as u64),
        users.iter().filter(|(_, r)| r == "mentor").count(),
    );
    println!(
        "  sessions_list (upcoming): {}; {:.1} sessions, {:.1} KB JSON on average",
        lists.line(),
        listed as f64 / n as f64,
        list_bytes as f64 / n as f64 / 1000.0
    );
    println!("      as mentors: {}", as_mentor.line());
    println!("      as mentees: {}", as_mentee.line());
    println!(
        "  slots_find (60 min, whole horizon): {}; {:.0} slots, {:.1} KB JSON on average",
        slots.line(),
        found as f64 / n as f64,
        slot_bytes as f64 / n as f64 / 1000.0
    );
    let met = lists.percentile(99.0) <= TARGET_P99 && slots.percentile(99.0) <= TARGET_P99;
    println!(
        "commands: p99 sessions_list {:.3} ms, slots_find {:.3} ms — target ≤ 5 ms: {} \
         ({} signing in, {} in all)",
        lists.percentile(99.0).as_secs_f64() * 1000.0,
        slots.percentile(99.0).as_secs_f64() * 1000.0,
        if met { "met" } else { "MISSED" },
        secs(signing_in),
        secs(started.elapsed())
    );
    Ok(())
}
