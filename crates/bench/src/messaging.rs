//! `messaging`: the messaging and reminder figures of issue 4, on a workspace of its own
//! (`target/bench-messaging` in `scripts/bench.sh`).
//!
//! The workspace is a smaller `generate` workspace (20,000 users, 200,000 sessions by
//! default: people to talk to, and sessions for reminders) plus, loaded once and reused:
//!
//! - conversations: one big group (the "Mentors' lounge", 100,000 messages, ~300
//!   members), cohort groups (3–60 members), direct conversations between mentors and
//!   mentees who share sessions, and a few "hub" mentors who are members of exactly
//!   `--member-of` (500) conversations each;
//! - 5,000,000 messages, spread over the conversations with a heavy tail, in the order
//!   they were sent (ids follow time, as in the app), inserted through the schema's
//!   triggers, so `messages_fts` is built by the same trigger the app uses. Their words
//!   come from a vocabulary of ~40,000 terms with Zipf frequencies (a chat-and-mentoring
//!   head of common words, then a long tail of rare made-up words), so common, rare and
//!   prefix terms match realistic shares of the corpus; 0.2% are then deleted through
//!   the app's delete statement (out of the index again), 1% carry an edit mark;
//! - read state: members are inserted after their messages with `last_read_id` and
//!   `unread` computed here by the triggers' own rules (each member read the
//!   conversation up to some point — most to the end — then later messages of others
//!   count as unread, their own move their read mark, deleted ones stop counting);
//! - fired reminders for past sessions (what a year of use leaves in the table).
//!
//! Each run then plans the reminders of 10,000 upcoming confirmed sessions afresh
//! (relative to now, with the default lead times, so nothing is due when it starts)
//! and measures through the `Mentordesk` methods the Tauri commands call, each answer
//! serialised with `serde_json` as IPC does: opening the big conversation
//! (`messages_page`), search (`messages_search`) for a hub and for an ordinary mentee,
//! the conversation list with its unread counts (`conversations_list`), and the
//! reminder queries (`db::notifications::next_due` / `due`) with their query plans and
//! a simulated day of the scheduler loop (`core::reminders::sleep_for`).

use crate::generate;
use crate::util::{
    api_err, database_file, ms, secs, sql_err, thousands, Args, BenchResult, Rng, Stats, PASSWORD,
};
use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use mentordesk_api::Mentordesk;
use mentordesk_shared::accounts::SignIn;
use mentordesk_shared::conversations::{MessageQuery, MessageSearch};
use mentordesk_shared::ids::{ConversationId, UserId};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, SqliteConnection};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// The setting that marks a finished messaging load (written in its last transaction).
const MARKER_KEY: &str = "bench.messaging";
/// Bump when the generated messaging data changes shape, so the next run regenerates.
const FORMAT: u32 = 1;
/// The big conversation's title (the bench finds it by this).
const BIG_TITLE: &str = "Mentors' lounge";
/// Members of the big conversation besides the hubs.
const BIG_MEMBERS: usize = 280;

/// The targets.
const PAGE_TARGET: Duration = Duration::from_millis(5);
const SEARCH_TARGET: Duration = Duration::from_millis(50);
const UNREAD_TARGET: Duration = Duration::from_millis(5);

const ROWS_PER_STATEMENT: usize = 100;
const ROWS_PER_TRANSACTION: usize = 20_000;

/// The migrations the bench was built with: a workspace made with other ones is
/// regenerated rather than migrated (which would first copy gigabytes with `VACUUM INTO`).
static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// What people type into the search box, and why each is there. `messages_search`
/// turns every word into a prefix term (`"word"*`).
const SEARCHES: &[(&str, &str)] = &[
    ("the", "the most common word (prefix: there, they, then…)"),
    ("meeting", "a common word"),
    (
        "interview",
        "a common word with forms (interviews, interviewing)",
    ),
    (
        "inter",
        "a prefix of many words (internal, interest, international…)",
    ),
    ("pr", "a two-letter prefix"),
    ("career plan", "two words, both must match"),
    ("RARE", "a rare word"),
    ("zzqx", "no match"),
];

/// Chat and mentoring words, roughly most frequent first; ranks after these are made-up
/// words (see [`Vocabulary`]).
#[rustfmt::skip]
const COMMON: &[&str] = &[
    "the", "i", "to", "you", "a", "and", "it", "for", "is", "that", "of", "in", "on", "we",
    "can", "my", "be", "this", "have", "me", "will", "so", "do", "with", "thanks", "at",
    "just", "your", "if", "are", "not", "but", "what", "about", "was", "next", "time",
    "yes", "no", "good", "great", "meeting", "session", "week", "call", "would", "know",
    "think", "let", "get", "like", "how", "up", "all", "there", "they", "them", "then",
    "these", "from", "an", "or", "one", "when", "see", "our", "work", "make", "sure",
    "tomorrow", "today", "could", "need", "also", "more", "out", "some", "back", "go",
    "now", "did", "feedback", "plan", "team", "role", "interview", "career", "project",
    "review", "cv", "help", "question", "really", "happy", "thank", "ok", "okay", "morning",
    "afternoon", "friday", "monday", "tuesday", "wednesday", "thursday", "here", "has",
    "been", "still", "want", "any", "free", "should", "which", "new", "share", "send",
    "doc", "notes", "goals", "goal", "progress", "start", "first", "last", "please", "hope",
    "well", "day", "look", "into", "over", "after", "before", "agenda", "manager",
    "promotion", "skills", "learning", "course", "practice", "mock", "offer", "salary",
    "negotiation", "leadership", "design", "system", "code", "python", "data", "product",
    "client", "presentation", "slides", "deadline", "update", "quick", "catch", "chat",
    "talk", "minutes", "hour", "later", "earlier", "reschedule", "cancel", "confirm",
    "link", "zoom", "calendar", "invite", "book", "available", "busy", "weekend", "holiday",
    "leave", "parental", "return", "balance", "confidence", "network", "linkedin",
    "portfolio", "application", "applied", "rejected", "accepted", "interviewing",
    "recruiter", "hiring", "internal", "interest", "interesting", "internship",
    "international", "interviews", "preparation", "prepare", "prepared", "questions",
    "answer", "answers", "example", "examples", "story", "stories", "strengths",
    "weaknesses", "mentor", "mentee", "mentoring", "programme", "cohort", "workshop",
    "resources", "article", "reading", "podcast", "template", "checklist", "draft",
    "version", "final", "changes", "comments", "suggestions", "idea", "ideas", "problem",
    "issue", "challenge", "challenges", "support", "advice", "experience", "opportunity",
    "opportunities", "growth", "development", "performance", "objectives", "okrs",
    "quarter", "planning", "priorities", "strategy", "stakeholders", "communication",
    "conflict", "delegation", "coaching", "burnout", "stress", "wellbeing", "motivation",
    "habits", "routine", "schedule", "focus", "deep", "async", "remote", "office", "travel",
    "conference", "talked", "talking", "tried", "trying", "working", "worked", "started",
    "finished", "done", "sent", "shared", "booked", "moved", "running", "late", "sorry",
    "congrats", "congratulations", "awesome", "perfect", "exactly", "agree", "maybe",
    "probably", "definitely", "tonight", "soon", "again", "same", "different", "other",
    "another", "each", "every", "both", "few", "many", "much", "very", "too", "only",
    "even", "because", "while", "since", "until", "though", "whether", "where", "why",
    "who",
];

/// Syllables of the made-up words of the vocabulary's tail.
#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "nu", "ra", "se", "ti", "vo", "zen", "bar", "dal", "fen", "gor",
    "hil", "jas", "kor", "lin", "mor", "nas", "pel", "quo", "rin", "sul", "tam",
];
/// Made-up words after the common ones.
const TAIL: usize = 40_000;
/// The rank (in the tail) of the word searched as the rare one.
const RARE_RANK: usize = 30_000;

const GROUP_TOPICS: &[&str] = &[
    "Returners",
    "Engineering leads",
    "Interview prep",
    "New managers",
    "Data careers",
    "Product circle",
    "Parents at work",
    "Design crit",
];

/// The sizes of the data; all but `seed` are part of the marker.
struct Config {
    users: usize,
    sessions: usize,
    messages: usize,
    big: usize,
    hubs: usize,
    member_of: usize,
    seed: u64,
}

impl Config {
    fn marker(&self) -> String {
        format!(
            "format={FORMAT} schema={} users={} sessions={} messages={} big={} hubs={} \
             member-of={} seed={}",
            latest_schema(),
            self.users,
            self.sessions,
            self.messages,
            self.big,
            self.hubs,
            self.member_of,
            self.seed
        )
    }
}

/// The migrations as "how many/the newest": a workspace made with other ones is regenerated.
fn latest_schema() -> String {
    let versions = MIGRATIONS
        .iter()
        .filter(|m| m.migration_type.is_up_migration());
    format!(
        "{}/{}",
        versions.clone().count(),
        versions.map(|m| m.version).max().unwrap_or(0)
    )
}

pub async fn run(args: &Args) -> BenchResult {
    let dir = args.dir()?;
    let config = Config {
        users: args.number("users", 20_000)?,
        sessions: args.number("sessions", 200_000)?,
        messages: args.number("messages", 5_000_000)?,
        big: args.number("big", 100_000)?,
        hubs: args.number("hubs", 10)?,
        member_of: args.number("member-of", 500)?,
        seed: args.number("seed", 20_261_124)?,
    };
    let iterations: usize = args.number("iterations", 300)?;
    let reminder_sessions: usize = args.number("reminder-sessions", 10_000)?;
    if config.big == 0 || config.big >= config.messages || config.hubs == 0 {
        return Err("--big must be ≥ 1 and below --messages, --hubs ≥ 1".into());
    }
    if config.member_of < 2 || iterations == 0 {
        return Err("--member-of must be ≥ 2 and --iterations ≥ 1".into());
    }
    prepare(&dir, &config, args.flag("force")).await?;
    if args.flag("generate-only") {
        return Ok(());
    }
    let started = Instant::now();
    let now = Utc::now();
    plan_reminders(&dir, reminder_sessions, now).await?;

    let app = Mentordesk::open(&dir).await.map_err(api_err)?;
    if let Some(mb) = args
        .flag("reader-cache-mb")
        .then(|| args.number("reader-cache-mb", 0u32))
    {
        reader_cache(&app, mb?).await?;
    }
    let mut conn = app.db().read().await.map_err(api_err)?;
    let (hub, big) = hub_and_big(&mut conn).await?;
    let mentee = ordinary_mentee(&mut conn).await?;
    drop(conn);
    let mut out = Figures::default();
    sign_in(&app, &hub.0).await?;
    page_figures(&app, big, hub.1, iterations, &mut out).await?;
    unread_figures(&app, hub.1, iterations, &mut out).await?;
    search_figures(&app, &hub, iterations / 10, "hub", &mut out).await?;
    sign_in(&app, &mentee.0).await?;
    search_figures(&app, &mentee, iterations / 10, "mentee", &mut out).await?;
    reminder_figures(&app, iterations, &mut out).await?;
    app.db().close().await;

    println!();
    println!("messaging: summary (command layer = the Mentordesk method + serde_json)");
    println!(
        "  {:<52} {:>9} {:>10} {:>10}  result",
        "figure", "target", "median", "p99"
    );
    for (name, target, stats) in &out.rows {
        let met = match target {
            Some(t) => {
                if stats.percentile(99.0) <= *t {
                    "met"
                } else {
                    "MISSED"
                }
            }
            None => "",
        };
        println!(
            "  {name:<52} {:>9} {:>10} {:>10}  {met}",
            target.map(ms_short).unwrap_or_default(),
            ms(stats.percentile(50.0)),
            ms(stats.percentile(99.0)),
        );
    }
    for line in &out.notes {
        println!("  {line}");
    }
    println!("messaging: measured in {}", secs(started.elapsed()));
    Ok(())
}

/// An experiment, not the app's setting: gives each of the app's reader connections a page
/// cache of `mb` MB (SQLite's default, which the app keeps, is 2 MB per connection).
async fn reader_cache(app: &Mentordesk, mb: u32) -> BenchResult {
    let mut held = Vec::new();
    // Take every reader the pool will give (it opens them up to its maximum), so that
    // each one gets the setting.
    while let Ok(conn) = tokio::time::timeout(Duration::from_millis(200), app.db().read()).await {
        held.push(conn.map_err(api_err)?);
    }
    for conn in &mut held {
        sqlx::query(&format!("PRAGMA cache_size = -{}", u64::from(mb) * 1024))
            .execute(&mut **conn)
            .await
            .map_err(sql_err)?;
    }
    println!(
        "messaging: EXPERIMENT: the app's {} reader connections get a {mb} MB page cache each \
         (the app itself keeps SQLite's default of 2 MB)",
        held.len()
    );
    Ok(())
}

fn ms_short(d: Duration) -> String {
    format!("≤ {} ms", d.as_millis())
}

#[derive(Default)]
struct Figures {
    rows: Vec<(String, Option<Duration>, Stats)>,
    notes: Vec<String>,
    /// How many messages each full-text query matches in the whole workspace, and how
    /// long counting them took.
    matches: HashMap<String, (i64, Duration)>,
}

// ---- The workspace ----

/// Makes sure `dir` holds a complete messaging workspace of this configuration: the
/// base from `generate` (reused while complete and fresh), then the messaging load.
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
        generate::run(&base(false)?).await?;
        let (stored, loaded, schema) = stored_state(dir).await;
        if stored.as_deref() == Some(marker.as_str()) {
            println!(
                "messaging: reusing the messages in {} ({marker})",
                dir.display()
            );
            return Ok(());
        }
        if loaded || schema.as_deref() != Some(latest_schema().as_str()) {
            println!(
                "messaging: {} holds {}; regenerating it",
                dir.display(),
                match (&stored, schema.as_deref() == Some(latest_schema().as_str())) {
                    (_, false) => "a workspace made with older migrations".to_string(),
                    (Some(m), _) => format!("other messages ({m})"),
                    (None, _) => "an unfinished messaging load".to_string(),
                }
            );
            generate::run(&base(true)?).await?;
        }
    }
    load(dir, config).await
}

/// The messaging marker, whether any conversation exists, and the migrations applied.
async fn stored_state(dir: &Path) -> (Option<String>, bool, Option<String>) {
    let Ok(mut conn) = SqliteConnectOptions::new()
        .filename(database_file(dir))
        .read_only(true)
        .connect()
        .await
    else {
        return (None, false, None);
    };
    let marker = sqlx::query_scalar("SELECT value FROM workspace_settings WHERE key = ?")
        .bind(MARKER_KEY)
        .fetch_optional(&mut conn)
        .await
        .ok()
        .flatten();
    let loaded = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM conversations)")
        .fetch_one(&mut conn)
        .await
        .unwrap_or(true);
    let schema = sqlx::query_scalar(
        "SELECT count(*) || '/' || max(version) FROM _sqlx_migrations WHERE success = 1",
    )
    .fetch_one(&mut conn)
    .await
    .ok()
    .flatten();
    let _ = conn.close().await;
    (marker, loaded, schema)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Direct,
    Group,
}

struct Conversation {
    id: String,
    kind: Kind,
    title: String,
    /// Indexes into the people list; the first one created the conversation.
    members: Vec<u32>,
    messages: usize,
    created_at: i64,
}

/// One message before it is stored: when, where, who. Its id is its place in time order.
#[derive(Clone, Copy)]
struct Planned {
    at: i64,
    conversation: u32,
    sender: u32,
}

/// Words with Zipf frequencies (rank r is drawn with probability ∝ 1/r).
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
        let n = SYLLABLES.len();
        for i in 0..TAIL {
            // Three syllables while they last, then four.
            let (mut k, count) = if i < n * n * n {
                (i, 3)
            } else {
                (i - n * n * n, 4)
            };
            let mut word = String::new();
            for _ in 0..count {
                word.push_str(SYLLABLES[k % n]);
                k /= n;
            }
            words.push(word);
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().expect("words");
        let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }

    fn rare(&self) -> &str {
        &self.words[COMMON.len() + RARE_RANK]
    }

    /// A chat message: 1–60 words, most 4–20, a capital and an end mark.
    fn message(&self, rng: &mut Rng) -> String {
        let words = match rng.below(100) {
            0..=29 => 1 + rng.below(5),
            30..=79 => 6 + rng.below(15),
            _ => 21 + rng.below(40),
        };
        let mut body = String::with_capacity(words as usize * 7);
        for i in 0..words {
            let word = self.pick(rng);
            if i == 0 {
                let mut chars = word.chars();
                if let Some(c) = chars.next() {
                    body.extend(c.to_uppercase());
                    body.push_str(chars.as_str());
                }
            } else {
                body.push(if rng.chance(6) { ',' } else { ' ' });
                if body.ends_with(',') {
                    body.push(' ');
                }
                body.push_str(word);
            }
        }
        body.push(match rng.below(10) {
            0..=5 => '.',
            6..=8 => '?',
            _ => '!',
        });
        body
    }
}

/// A standard normal sample (Box–Muller).
fn normal(rng: &mut Rng) -> f64 {
    let u1 = ((rng.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64;
    let u2 = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
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

async fn load(dir: &Path, config: &Config) -> BenchResult {
    let started = Instant::now();
    let now = Utc::now();
    let now_ms = now.timestamp_millis();
    let mut rng = Rng::new(config.seed);
    println!(
        "messaging: loading {} messages into {}",
        thousands(config.messages as u64),
        dir.display()
    );
    let mut conn = load_options(dir).connect().await.map_err(sql_err)?;

    // People, and who shares sessions with whom.
    let t = Instant::now();
    let people: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.id, r.key FROM users u JOIN user_roles ur ON ur.user_id = u.id \
         JOIN roles r ON r.id = ur.role_id ORDER BY u.rowid",
    )
    .fetch_all(&mut conn)
    .await
    .map_err(sql_err)?;
    let index: HashMap<&str, u32> = people
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i as u32))
        .collect();
    let mentors: Vec<u32> = (0..people.len() as u32)
        .filter(|&i| people[i as usize].1 == "mentor")
        .collect();
    let mentees: Vec<u32> = (0..people.len() as u32)
        .filter(|&i| people[i as usize].1 == "mentee")
        .collect();
    if mentors.len() < config.hubs || mentees.len() < 100 {
        return Err("the base workspace has too few mentors or mentees".into());
    }
    let pair_ids: Vec<(String, String)> =
        sqlx::query_as("SELECT DISTINCT mentor_id, mentee_id FROM sessions ORDER BY 1, 2")
            .fetch_all(&mut conn)
            .await
            .map_err(sql_err)?;
    let mut pairs: Vec<(u32, u32)> = pair_ids
        .iter()
        .filter_map(|(a, b)| Some((*index.get(a.as_str())?, *index.get(b.as_str())?)))
        .collect();
    drop(pair_ids);

    // Conversations.
    let hubs: Vec<u32> = mentors[..config.hubs].to_vec();
    let mut conversations: Vec<Conversation> = Vec::new();
    let new_conversation = |rng: &mut Rng, kind: Kind, title: String, members: Vec<u32>| {
        let age = 30 * 60_000 + rng.below(364 * 86_400_000) as i64;
        Conversation {
            id: rng.uuid().to_string(),
            kind,
            title,
            members,
            messages: 0,
            created_at: now_ms - age,
        }
    };
    let mut big_members = hubs.clone();
    let mut seen: HashSet<u32> = hubs.iter().copied().collect();
    while big_members.len() < hubs.len() + BIG_MEMBERS {
        let p = if rng.chance(70) {
            mentors[rng.index(mentors.len())]
        } else {
            mentees[rng.index(mentees.len())]
        };
        if seen.insert(p) {
            big_members.push(p);
        }
    }
    let mut big = new_conversation(&mut rng, Kind::Group, BIG_TITLE.into(), big_members);
    big.created_at = now_ms - 365 * 86_400_000;
    big.messages = config.big;
    conversations.push(big);

    let rest = config.messages - config.big;
    let groups = (rest / 400).max(1);
    for g in 0..groups {
        let size = (3.0 + (1.5 + 0.8 * normal(&mut rng)).exp()).min(60.0) as usize;
        let mut members = vec![mentors[rng.index(mentors.len())]];
        while members.len() < size {
            let p = mentees[rng.index(mentees.len())];
            if !members.contains(&p) {
                members.push(p);
            }
        }
        let title = format!("{} {}", GROUP_TOPICS[g % GROUP_TOPICS.len()], g + 1);
        conversations.push(new_conversation(&mut rng, Kind::Group, title, members));
    }
    for i in (1..pairs.len()).rev() {
        let j = rng.index(i + 1);
        pairs.swap(i, j);
    }
    let mut directs: HashSet<(u32, u32)> = HashSet::new();
    for &(a, b) in pairs.iter().take(rest / 80) {
        directs.insert((a.min(b), a.max(b)));
        let members = if rng.chance(50) {
            vec![a, b]
        } else {
            vec![b, a]
        };
        conversations.push(new_conversation(
            &mut rng,
            Kind::Direct,
            String::new(),
            members,
        ));
    }
    // Hubs: a quarter of their conversations are groups, the rest direct.
    let group_range = 1..1 + groups;
    for &hub in &hubs {
        let count = |cs: &[Conversation]| cs.iter().filter(|c| c.members.contains(&hub)).count();
        let in_groups = conversations[group_range.clone()]
            .iter()
            .filter(|c| c.members.contains(&hub))
            .count();
        let mut total = count(&conversations);
        let mut wanted_groups = (config.member_of / 4).saturating_sub(in_groups + 1);
        while wanted_groups > 0 && total < config.member_of {
            let g = group_range.start + rng.index(groups);
            if !conversations[g].members.contains(&hub) {
                conversations[g].members.push(hub);
                wanted_groups -= 1;
                total += 1;
            }
        }
        while total < config.member_of {
            let other = mentees[rng.index(mentees.len())];
            if directs.insert((hub.min(other), hub.max(other))) {
                conversations.push(new_conversation(
                    &mut rng,
                    Kind::Direct,
                    String::new(),
                    vec![hub, other],
                ));
                total += 1;
            }
        }
    }

    // How many messages each holds: heavy-tailed (log-normal), groups busier than pairs,
    // none as busy as the big one, summing exactly to the total.
    let weights: Vec<f64> = conversations[1..]
        .iter()
        .map(|c| match c.kind {
            Kind::Direct => (1.2 * normal(&mut rng)).exp(),
            Kind::Group => (1.0 + normal(&mut rng)).exp(),
        })
        .collect();
    let weight_sum: f64 = weights.iter().sum();
    let cap = (config.big / 2).max(1);
    for (c, w) in conversations[1..].iter_mut().zip(&weights) {
        c.messages = ((rest as f64 * w / weight_sum) as usize).clamp(1, cap);
    }
    let mut assigned: usize = conversations.iter().map(|c| c.messages).sum();
    while assigned != config.messages {
        let c = 1 + rng.index(conversations.len() - 1);
        if assigned < config.messages && conversations[c].messages < cap {
            conversations[c].messages += 1;
            assigned += 1;
        } else if assigned > config.messages && conversations[c].messages > 1 {
            conversations[c].messages -= 1;
            assigned -= 1;
        }
    }

    // Every message's time and sender, then ids in time order.
    let mut planned: Vec<Planned> = Vec::with_capacity(config.messages);
    for (i, c) in conversations.iter().enumerate() {
        let span = (now_ms - 60_000 - c.created_at).max(1) as u64;
        for _ in 0..c.messages {
            let sender = match c.kind {
                Kind::Direct => c.members[rng.index(2)],
                // The first members of a group say the most.
                Kind::Group => {
                    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                    c.members[((u * u) * c.members.len() as f64) as usize]
                }
            };
            planned.push(Planned {
                at: c.created_at + 60_000 + rng.below(span) as i64,
                conversation: i as u32,
                sender,
            });
        }
    }
    planned.sort_unstable_by_key(|p| (p.at, p.conversation));
    let deleted: Vec<bool> = (0..=planned.len())
        .map(|_| rng.chance(1) && rng.chance(20))
        .collect();
    let edited: Vec<bool> = (0..=planned.len()).map(|_| rng.chance(1)).collect();
    let hub_counts: Vec<usize> = hubs
        .iter()
        .map(|h| {
            conversations
                .iter()
                .filter(|c| c.members.contains(h))
                .count()
        })
        .collect();
    println!(
        "  planned {} conversations ({} groups, {} direct; hubs are members of {}–{}) in {}",
        thousands(conversations.len() as u64),
        thousands(1 + groups as u64),
        thousands((conversations.len() - 1 - groups) as u64),
        hub_counts.iter().min().unwrap_or(&0),
        hub_counts.iter().max().unwrap_or(&0),
        secs(t.elapsed())
    );

    // Conversations first (the insert trigger keeps `last_message_at`), then messages,
    // deletions, and members with their read state last (so the triggers do not count
    // 5 million messages unread one member at a time).
    let t = Instant::now();
    let mut tx = conn.begin().await.map_err(sql_err)?;
    for chunk in conversations.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO conversations (id, kind, title, direct_key, created_by, created_at) \
             VALUES {}",
            vec!["(?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ")
        );
        let mut q = sqlx::query(&sql);
        for c in chunk {
            let (a, b) = (&people[c.members[0] as usize].0, c.members.get(1));
            let key = match (c.kind, b) {
                (Kind::Direct, Some(&b)) => {
                    let b = &people[b as usize].0;
                    Some(if a < b {
                        format!("{a}:{b}")
                    } else {
                        format!("{b}:{a}")
                    })
                }
                _ => None,
            };
            q = q
                .bind(c.id.as_str())
                .bind(match c.kind {
                    Kind::Direct => "direct",
                    Kind::Group => "group",
                })
                .bind(c.title.as_str())
                .bind(key)
                .bind(a.as_str())
                .bind(c.created_at);
        }
        q.execute(&mut *tx).await.map_err(sql_err)?;
    }
    tx.commit().await.map_err(sql_err)?;
    report("conversations", conversations.len(), t.elapsed());

    let t = Instant::now();
    let words = Vocabulary::new();
    let full = format!(
        "INSERT INTO messages (id, conversation_id, sender_id, body, created_at, edited_at) \
         VALUES {}",
        vec!["(?, ?, ?, ?, ?, ?)"; ROWS_PER_STATEMENT].join(", ")
    );
    let mut done = 0usize;
    let mut last_report = Instant::now();
    for (b, batch) in planned.chunks(ROWS_PER_TRANSACTION).enumerate() {
        let mut tx = conn.begin().await.map_err(sql_err)?;
        for (s, chunk) in batch.chunks(ROWS_PER_STATEMENT).enumerate() {
            let first = b * ROWS_PER_TRANSACTION + s * ROWS_PER_STATEMENT + 1;
            let bodies: Vec<String> = (0..chunk.len())
                .map(|k| words.message(&mut Rng::new(config.seed ^ (first + k) as u64)))
                .collect();
            let partial;
            let sql = if chunk.len() == ROWS_PER_STATEMENT {
                full.as_str()
            } else {
                partial = format!(
                    "INSERT INTO messages (id, conversation_id, sender_id, body, created_at, \
                     edited_at) VALUES {}",
                    vec!["(?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ")
                );
                partial.as_str()
            };
            let mut q = sqlx::query(sql);
            for (k, (m, body)) in chunk.iter().zip(&bodies).enumerate() {
                let id = first + k;
                q = q
                    .bind(id as i64)
                    .bind(conversations[m.conversation as usize].id.as_str())
                    .bind(people[m.sender as usize].0.as_str())
                    .bind(body.as_str())
                    .bind(m.at)
                    .bind(edited[id].then_some(m.at + 120_000));
            }
            q.execute(&mut *tx).await.map_err(sql_err)?;
        }
        tx.commit().await.map_err(sql_err)?;
        done += batch.len();
        if last_report.elapsed() > Duration::from_secs(30) {
            last_report = Instant::now();
            println!(
                "    … {} messages in {} ({} /s)",
                thousands(done as u64),
                secs(t.elapsed()),
                thousands((done as f64 / t.elapsed().as_secs_f64()) as u64)
            );
        }
    }
    report("messages (+ FTS)", planned.len(), t.elapsed());

    let t = Instant::now();
    let mut tx = conn.begin().await.map_err(sql_err)?;
    let mut deletions = 0;
    for (id, m) in planned.iter().enumerate().map(|(i, m)| (i + 1, m)) {
        if deleted[id] {
            sqlx::query(
                "UPDATE messages SET body = '', deleted_at = ? WHERE id = ? \
                 AND deleted_at IS NULL",
            )
            .bind(m.at + 300_000)
            .bind(id as i64)
            .execute(&mut *tx)
            .await
            .map_err(sql_err)?;
            deletions += 1;
        }
    }
    tx.commit().await.map_err(sql_err)?;
    report("deletions", deletions, t.elapsed());

    // Read state, by the triggers' rules.
    let t = Instant::now();
    let mut by_conversation: Vec<Vec<(u32, u32)>> = conversations
        .iter()
        .map(|c| Vec::with_capacity(c.messages))
        .collect();
    for (i, m) in planned.iter().enumerate() {
        by_conversation[m.conversation as usize].push((i as u32 + 1, m.sender));
    }
    drop(planned);
    struct MemberRow<'a> {
        conversation: &'a str,
        user: &'a str,
        joined_at: i64,
        last_read: i64,
        unread: i64,
    }
    let mut members: Vec<MemberRow> = Vec::new();
    for (c, list) in conversations.iter().zip(&by_conversation) {
        for &user in &c.members {
            // Where they last opened the conversation: most read it to the end.
            let behind = match rng.below(100) {
                0..=69 => 0,
                70..=89 => 1 + rng.index(5),
                _ => 1 + rng.index(40),
            };
            let (start, mut last_read) = if behind >= list.len() {
                (0, 0)
            } else {
                let read_to = list.len() - 1 - behind;
                (read_to + 1, list[read_to].0)
            };
            let mut unread = 0i64;
            for &(id, sender) in &list[start..] {
                if sender == user {
                    last_read = id;
                } else {
                    unread += 1;
                }
            }
            // Deletions came after every message (as loaded): one of someone else's,
            // newer than the read mark, stops counting.
            for &(id, sender) in list {
                if deleted[id as usize] && sender != user && last_read < id && unread > 0 {
                    unread -= 1;
                }
            }
            members.push(MemberRow {
                conversation: &c.id,
                user: &people[user as usize].0,
                joined_at: c.created_at,
                last_read: i64::from(last_read),
                unread,
            });
        }
    }
    let mut tx = conn.begin().await.map_err(sql_err)?;
    for chunk in members.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO conversation_members (conversation_id, user_id, joined_at, \
             last_read_id, unread) VALUES {}",
            vec!["(?, ?, ?, ?, ?)"; chunk.len()].join(", ")
        );
        let mut q = sqlx::query(&sql);
        for m in chunk {
            q = q
                .bind(m.conversation)
                .bind(m.user)
                .bind(m.joined_at)
                .bind(m.last_read)
                .bind(m.unread);
        }
        q.execute(&mut *tx).await.map_err(sql_err)?;
    }
    tx.commit().await.map_err(sql_err)?;
    report("conversation_members", members.len(), t.elapsed());

    // What a year of reminders leaves behind: fired ones for past sessions.
    let t = Instant::now();
    let fired = sqlx::query(
        "INSERT INTO reminders (user_id, subject_kind, subject_id, lead_minutes, starts_at, \
         due_at, fired_at) \
         SELECT p.user_id, 'session', p.id, l.lead, p.starts_at, \
                p.starts_at - l.lead * 60000, p.starts_at - l.lead * 60000 + 1000 \
           FROM (SELECT id, mentor_id AS user_id, starts_at FROM sessions \
                  WHERE status IN ('completed', 'no_show') AND starts_at < ?1 \
                 UNION ALL SELECT id, mentee_id, starts_at FROM sessions \
                  WHERE status IN ('completed', 'no_show') AND starts_at < ?1) AS p, \
                (SELECT 1440 AS lead UNION ALL SELECT 10) AS l",
    )
    .bind(now_ms)
    .execute(&mut conn)
    .await
    .map_err(sql_err)?
    .rows_affected();
    report("reminders (fired)", fired as usize, t.elapsed());

    sqlx::query("INSERT INTO workspace_settings (key, value) VALUES (?, ?)")
        .bind(MARKER_KEY)
        .bind(config.marker())
        .execute(&mut conn)
        .await
        .map_err(sql_err)?;
    let t = Instant::now();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await
        .map_err(sql_err)?;
    conn.close().await.map_err(sql_err)?;
    println!("  checkpoint {:>27}", secs(t.elapsed()));
    let size = std::fs::metadata(database_file(dir))
        .map_err(|e| e.to_string())?
        .len();
    println!(
        "messaging: loaded in {}; database {} MB",
        secs(started.elapsed()),
        thousands(size / 1_000_000)
    );
    Ok(())
}

fn report(table: &str, rows: usize, took: Duration) {
    println!(
        "  {table:<22} {:>10} rows in {:>7} = {:>9} rows/s",
        thousands(rows as u64),
        secs(took),
        thousands((rows as f64 / took.as_secs_f64().max(1e-9)) as u64)
    );
}

/// Replaces the unfired reminders with those of `count` upcoming confirmed sessions
/// (both people, default lead times), planned at `now` as the app plans them.
async fn plan_reminders(dir: &Path, count: usize, now: DateTime<Utc>) -> BenchResult {
    let t = Instant::now();
    let mut conn = load_options(dir)
        .synchronous(SqliteSynchronous::Normal)
        .connect()
        .await
        .map_err(sql_err)?;
    let upcoming: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, mentor_id, mentee_id, starts_at FROM sessions \
         WHERE status = 'confirmed' AND starts_at > ? ORDER BY id",
    )
    .bind(now.timestamp_millis())
    .fetch_all(&mut conn)
    .await
    .map_err(sql_err)?;
    let mut rng = Rng::new(4);
    let mut chosen: Vec<usize> = (0..upcoming.len()).collect();
    for i in (1..chosen.len()).rev() {
        let j = rng.index(i + 1);
        chosen.swap(i, j);
    }
    chosen.truncate(count);
    let mut rows: Vec<(&str, &str, i64, i64, i64)> = Vec::new();
    for &i in &chosen {
        let (id, mentor, mentee, starts_at) = &upcoming[i];
        let start = Utc
            .timestamp_millis_opt(*starts_at)
            .single()
            .ok_or("bad time")?;
        for p in
            mentordesk_core::reminders::plan(start, &mentordesk_core::reminders::DEFAULT_LEADS, now)
        {
            for user in [mentor, mentee] {
                rows.push((
                    user,
                    id,
                    i64::from(p.lead_minutes),
                    *starts_at,
                    p.due_at.timestamp_millis(),
                ));
            }
        }
    }
    let mut tx = conn.begin().await.map_err(sql_err)?;
    sqlx::query("DELETE FROM reminders WHERE fired_at IS NULL")
        .execute(&mut *tx)
        .await
        .map_err(sql_err)?;
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO reminders (user_id, subject_kind, subject_id, lead_minutes, \
             starts_at, due_at) VALUES {}",
            vec!["(?, 'session', ?, ?, ?, ?)"; chunk.len()].join(", ")
        );
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q.bind(r.0).bind(r.1).bind(r.2).bind(r.3).bind(r.4);
        }
        q.execute(&mut *tx).await.map_err(sql_err)?;
    }
    tx.commit().await.map_err(sql_err)?;
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM reminders")
        .fetch_one(&mut conn)
        .await
        .map_err(sql_err)?;
    conn.close().await.map_err(sql_err)?;
    println!(
        "reminders: {} upcoming confirmed sessions of {} got {} unfired reminders \
         (planned at {}); {} rows in the table with the fired ones of past sessions ({})",
        thousands(chosen.len() as u64),
        thousands(upcoming.len() as u64),
        thousands(rows.len() as u64),
        now.format("%H:%M:%S UTC"),
        thousands(total as u64),
        secs(t.elapsed())
    );
    Ok(())
}

// ---- The figures ----

/// (email, user id) of a person to sign in as.
type Person = (String, UserId);

/// The first hub (a member of the most conversations) and the big conversation.
async fn hub_and_big(conn: &mut SqliteConnection) -> BenchResult<(Person, ConversationId)> {
    let (email, id, conversations): (String, String, i64) = sqlx::query_as(
        "SELECT u.email, u.id, count(*) FROM conversation_members cm \
         JOIN users u ON u.id = cm.user_id GROUP BY cm.user_id ORDER BY count(*) DESC, u.email \
         LIMIT 1",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(sql_err)?;
    let big: String = sqlx::query_scalar("SELECT id FROM conversations WHERE title = ?")
        .bind(BIG_TITLE)
        .fetch_one(&mut *conn)
        .await
        .map_err(sql_err)?;
    let (messages, members): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM messages WHERE conversation_id = ?1), \
         (SELECT count(*) FROM conversation_members WHERE conversation_id = ?1)",
    )
    .bind(&big)
    .fetch_one(&mut *conn)
    .await
    .map_err(sql_err)?;
    println!(
        "messaging: hub {email} is a member of {conversations} conversations; the big \
         conversation holds {} messages and {members} members",
        thousands(messages as u64)
    );
    Ok((
        (email, id.parse().map_err(|_| "bad user id")?),
        big.parse().map_err(|_| "bad conversation id")?,
    ))
}

/// A mentee in a handful of conversations: the common case for search.
async fn ordinary_mentee(conn: &mut SqliteConnection) -> BenchResult<Person> {
    let (email, id, conversations): (String, String, i64) = sqlx::query_as(
        "SELECT u.email, u.id, count(*) FROM conversation_members cm \
         JOIN users u ON u.id = cm.user_id WHERE u.email LIKE 'mentee%' \
         GROUP BY cm.user_id HAVING count(*) BETWEEN 4 AND 8 ORDER BY u.email LIMIT 1",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(sql_err)?;
    let messages: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM conversation_members cm JOIN messages m \
         ON m.conversation_id = cm.conversation_id WHERE cm.user_id = ?",
    )
    .bind(&id)
    .fetch_one(&mut *conn)
    .await
    .map_err(sql_err)?;
    println!(
        "messaging: mentee {email} is a member of {conversations} conversations holding {} \
         messages",
        thousands(messages as u64)
    );
    Ok((email, id.parse().map_err(|_| "bad user id")?))
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

/// Serialises an answer as IPC does; its size in bytes.
macro_rules! json {
    ($value:expr) => {
        serde_json::to_vec(&$value)
            .map(|j| j.len())
            .map_err(|e| e.to_string())
    };
}

async fn page_figures(
    app: &Mentordesk,
    big: ConversationId,
    hub: UserId,
    iterations: usize,
    out: &mut Figures,
) -> BenchResult {
    let query = |before| MessageQuery {
        conversation_id: big,
        before,
        limit: None,
    };
    let first = app.messages_page(query(None)).await.map_err(api_err)?;
    let newest = first.messages.last().map(|m| m.id).unwrap_or(0);
    let mut times = Vec::with_capacity(iterations);
    let mut bytes = 0;
    for _ in 0..iterations {
        let t = Instant::now();
        let page = app.messages_page(query(None)).await.map_err(api_err)?;
        bytes = json!(page)?;
        times.push(t.elapsed());
        if page.messages.len() != 50 || !page.more_before {
            return Err("the newest page of the big conversation is not 50 messages".into());
        }
    }
    let newest_page = Stats::new(times);
    println!(
        "messages_page (big conversation, newest 50): {}; {:.1} KB JSON",
        newest_page.line(),
        bytes as f64 / 1000.0
    );
    // Scrolling back: a page before a random message of the conversation.
    let mut rng = Rng::new(11);
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let before = 1 + rng.below(newest as u64) as i64;
        let t = Instant::now();
        let page = app
            .messages_page(query(Some(before)))
            .await
            .map_err(api_err)?;
        json!(page)?;
        times.push(t.elapsed());
    }
    let older = Stats::new(times);
    println!(
        "messages_page (older page, random point):    {}",
        older.line()
    );
    page_breakdown(app, big, hub, iterations).await?;
    out.rows.push((
        "messages_page: open 100k-message conversation".into(),
        Some(PAGE_TARGET),
        newest_page,
    ));
    out.rows.push((
        "messages_page: an older page (scrolling back)".into(),
        None,
        older,
    ));
    Ok(())
}

/// Where `messages_page`'s time goes: its statements one by one, on one of the app's
/// reader connections.
async fn page_breakdown(
    app: &Mentordesk,
    big: ConversationId,
    viewer: UserId,
    iterations: usize,
) -> BenchResult {
    use mentordesk_db::{accounts, conversations};
    let mut conn = app.db().read().await.map_err(api_err)?;
    let mut parts: [Vec<Duration>; 4] = Default::default();
    for _ in 0..iterations {
        let t = Instant::now();
        accounts::caller(&mut conn, viewer).await.map_err(api_err)?;
        parts[0].push(t.elapsed());
        let t = Instant::now();
        let record = conversations::conversation_for(&mut conn, big, viewer)
            .await
            .map_err(api_err)?
            .ok_or("the hub is not in the big conversation")?;
        parts[1].push(t.elapsed());
        let t = Instant::now();
        let (messages, _) = conversations::page(&mut conn, big, None, 50)
            .await
            .map_err(api_err)?;
        parts[2].push(t.elapsed());
        let t = Instant::now();
        let mut wanted: Vec<UserId> = record
            .members
            .iter()
            .copied()
            .filter(|m| *m != viewer)
            .take(mentordesk_shared::conversations::MEMBERS_SHOWN)
            .chain(messages.iter().map(|m| m.sender))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        mentordesk_db::appointments::people(&mut conn, &wanted)
            .await
            .map_err(api_err)?;
        parts[3].push(t.elapsed());
    }
    let [caller, summary, page, people] = parts.map(|p| Stats::new(p).percentile(50.0));
    println!(
        "    its statements (medians): permission check {}, conversation summary {}, \
         newest 51 messages {}, the names of the members shown and the senders {}",
        ms(caller),
        ms(summary),
        ms(page),
        ms(people)
    );
    Ok(())
}

async fn unread_figures(
    app: &Mentordesk,
    hub: UserId,
    iterations: usize,
    out: &mut Figures,
) -> BenchResult {
    app.conversations_list().await.map_err(api_err)?;
    let mut times = Vec::with_capacity(iterations);
    let (mut count, mut unread, mut bytes) = (0, 0, 0);
    for _ in 0..iterations {
        let t = Instant::now();
        let list = app.conversations_list().await.map_err(api_err)?;
        bytes = json!(list)?;
        times.push(t.elapsed());
        count = list.conversations.len();
        unread = list.unread_total;
    }
    let listed = Stats::new(times);
    println!(
        "conversations_list ({count} conversations, {unread} unread in all): {}; {:.1} KB JSON",
        listed.line(),
        bytes as f64 / 1000.0
    );
    let mut conn = app.db().read().await.map_err(api_err)?;
    // Its two reads on their own: the conversations, then everyone in them.
    let mut parts: [Vec<Duration>; 2] = Default::default();
    let mut people = 0;
    for _ in 0..iterations.min(100) {
        let t = Instant::now();
        mentordesk_db::conversations::conversations_of(&mut conn, hub)
            .await
            .map_err(api_err)?;
        parts[0].push(t.elapsed());
        let t = Instant::now();
        people = mentordesk_db::conversations::people_with(&mut conn, hub)
            .await
            .map_err(api_err)?
            .len();
        parts[1].push(t.elapsed());
    }
    let [records, names] = parts.map(|p| Stats::new(p).percentile(50.0));
    println!(
        "    its reads (medians): the conversations with members and last messages {}, \
         the {people} people in them {}",
        ms(records),
        ms(names)
    );
    drop(conn);
    // What the Messages badge asks for: the unread counts alone, through the command layer.
    let mut times = Vec::with_capacity(iterations);
    let (mut with_unread, mut total) = (0, 0);
    for _ in 0..iterations {
        let t = Instant::now();
        let counts = app.conversations_unread().await.map_err(api_err)?;
        bytes = json!(counts)?;
        times.push(t.elapsed());
        with_unread = counts.conversations.len();
        total = counts.total;
    }
    let counts = Stats::new(times);
    println!(
        "conversations_unread ({with_unread} of {count} conversations with unread, {total} in all): \
         {}; {:.1} KB JSON",
        counts.line(),
        bytes as f64 / 1000.0
    );
    out.rows.push((
        format!("conversations_unread: unread counts, {count} conversations"),
        Some(UNREAD_TARGET),
        counts,
    ));
    out.rows.push((
        format!("conversations_list: the whole list, {count} conversations"),
        None,
        listed,
    ));
    Ok(())
}

async fn search_figures(
    app: &Mentordesk,
    who: &Person,
    iterations: usize,
    label: &str,
    out: &mut Figures,
) -> BenchResult {
    let rare = Vocabulary::new().rare().to_string();
    let iterations = iterations.max(10);
    let mut all = Vec::new();
    let mut conn = app.db().read().await.map_err(api_err)?;
    println!(
        "messages_search as the {label} ({}), {iterations} times per search:",
        who.0
    );
    for (typed, why) in SEARCHES {
        let typed = if *typed == "RARE" {
            rare.as_str()
        } else {
            typed
        };
        let fts = mentordesk_core::messaging::search_query(typed).ok_or("empty search")?;
        let (matching, counting) = match out.matches.get(&fts) {
            Some(&known) => known,
            None => {
                let t = Instant::now();
                let n: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?",
                )
                .bind(&fts)
                .fetch_one(&mut *conn)
                .await
                .map_err(sql_err)?;
                out.matches.insert(fts.clone(), (n, t.elapsed()));
                (n, t.elapsed())
            }
        };
        let search = || MessageSearch {
            query: typed.to_string(),
        };
        let warm = app.messages_search(search()).await.map_err(api_err)?;
        let mut times = Vec::with_capacity(iterations);
        for _ in 0..iterations {
            let t = Instant::now();
            let hits = app.messages_search(search()).await.map_err(api_err)?;
            json!(hits)?;
            times.push(t.elapsed());
        }
        all.extend_from_slice(&times);
        let stats = Stats::new(times);
        // The repository's share: the full-text query with its conversation filter.
        let mut times = Vec::with_capacity(iterations);
        for _ in 0..iterations {
            let t = Instant::now();
            mentordesk_db::conversations::search(&mut conn, who.1, &fts, 50)
                .await
                .map_err(api_err)?;
            times.push(t.elapsed());
        }
        let repository = Stats::new(times).percentile(50.0);
        println!(
            "  {typed:<12} {:>9} matching messages (counted in {}), {:>2} hits: median {} \
             (db::conversations::search {}), p99 {} — {why}",
            thousands(matching as u64),
            ms(counting),
            warm.len(),
            ms(stats.percentile(50.0)),
            ms(repository),
            ms(stats.percentile(99.0)),
        );
        out.rows.push((
            format!("messages_search ({label}): {typed}"),
            Some(SEARCH_TARGET),
            stats,
        ));
    }
    let all = Stats::new(all);
    println!("  all searches: {}", all.line());
    out.rows.push((
        format!("messages_search ({label}): all searches"),
        Some(SEARCH_TARGET),
        all,
    ));
    Ok(())
}

/// `db::notifications::next_due`'s statement, for its query plan.
const NEXT_DUE_SQL: &str = "SELECT min(due_at) FROM reminders WHERE fired_at IS NULL";
/// `db::notifications::due`'s statement, for its query plan.
const DUE_SQL: &str = "SELECT id, user_id, subject_kind, subject_id, lead_minutes, starts_at, \
     due_at FROM reminders WHERE fired_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ?";

async fn reminder_figures(app: &Mentordesk, iterations: usize, out: &mut Figures) -> BenchResult {
    use mentordesk_core::reminders::{sleep_for, MAX_SLEEP};
    use mentordesk_db::notifications::{due, mark_fired, next_due};
    let mut conn = app.db().read().await.map_err(api_err)?;
    let (rows, unfired): (i64, i64) = sqlx::query_as(
        "SELECT count(*), (SELECT count(*) FROM reminders WHERE fired_at IS NULL) FROM reminders",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(sql_err)?;
    println!(
        "reminders: {} rows, {} not fired yet",
        thousands(rows as u64),
        thousands(unfired as u64)
    );
    let mut full_scan = false;
    let mut uses_index = true;
    for (name, sql) in [("next_due", NEXT_DUE_SQL), ("due", DUE_SQL)] {
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                .bind(0i64)
                .bind(500i64)
                .fetch_all(&mut *conn)
                .await
                .map_err(sql_err)?;
        println!("  EXPLAIN QUERY PLAN of db::notifications::{name}:");
        for (_, _, _, detail) in &plan {
            println!("    {detail}");
        }
        uses_index &= plan.iter().any(|p| p.3.contains("reminders_due"));
        full_scan |= plan.iter().any(|p| p.3.starts_with("SCAN reminders"));
    }
    println!(
        "  both use the partial index reminders_due: {}; a full scan: {}",
        if uses_index { "yes" } else { "NO" },
        if full_scan { "YES" } else { "no" }
    );

    let now = app.now();
    let next = next_due(&mut conn).await.map_err(api_err)?;
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let t = Instant::now();
        next_due(&mut conn).await.map_err(api_err)?;
        times.push(t.elapsed());
    }
    let next_stats = Stats::new(times);
    println!("  next_due: {}", next_stats.line());
    let mut times = Vec::with_capacity(iterations);
    let mut found = 0;
    for _ in 0..iterations {
        let t = Instant::now();
        found = due(&mut conn, now, 500).await.map_err(api_err)?.len();
        times.push(t.elapsed());
    }
    let due_now = Stats::new(times);
    println!("  due(now), {found} due: {}", due_now.line());
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let t = Instant::now();
        found = due(&mut conn, now + Span::days(2), 500)
            .await
            .map_err(api_err)?
            .len();
        times.push(t.elapsed());
    }
    let due_burst = Stats::new(times);
    println!(
        "  due(in 2 days), a backlog of {found} (the limit) after the app was closed: {}",
        due_burst.line()
    );

    let sleep = sleep_for(now, next, None);
    println!(
        "  the scheduler at {}: next reminder due {} → sleeps {:.1} s (cap {} s)",
        now.format("%H:%M:%S"),
        match next {
            Some(at) => format!(
                "at {} (in {:.0} s)",
                at.format("%Y-%m-%d %H:%M:%S"),
                (at - now).num_milliseconds() as f64 / 1000.0
            ),
            None => "never".into(),
        },
        sleep.as_secs_f64(),
        MAX_SLEEP.as_secs()
    );

    // A day of the scheduler loop on these reminders, in virtual time, in a transaction
    // that is rolled back: sleep_for → wake → due → mark fired, as notifier.rs does.
    let t = Instant::now();
    let mut tx = conn.begin().await.map_err(sql_err)?;
    let (mut clock, end) = (now, now + Span::days(1));
    let (mut wakes, mut idle_wakes, mut fired) = (0usize, 0usize, 0usize);
    let mut shortest_idle = Duration::MAX;
    let mut last_wake = now;
    while clock < end {
        let next = next_due(&mut tx).await.map_err(api_err)?;
        let sleep = sleep_for(clock, next, None);
        clock += Span::from_std(sleep).map_err(|e| e.to_string())?;
        wakes += 1;
        let batch = due(&mut tx, clock, 500).await.map_err(api_err)?;
        if batch.is_empty() {
            idle_wakes += 1;
            let gap = (clock - last_wake).to_std().unwrap_or_default();
            shortest_idle = shortest_idle.min(gap);
        }
        for r in &batch {
            fired += usize::from(mark_fired(&mut tx, r.id, clock).await.map_err(api_err)?);
        }
        last_wake = clock;
    }
    tx.rollback().await.map_err(sql_err)?;
    println!(
        "  a simulated day of the scheduler: {wakes} wake-ups, {fired} reminders fired, \
         {idle_wakes} wake-ups with nothing due ≈ {:.1} per minute at most (shortest gap before \
         one: {:.1} s); simulated in {}",
        idle_wakes as f64 / (24.0 * 60.0),
        shortest_idle.as_secs_f64(),
        secs(t.elapsed())
    );
    out.notes.push(format!(
        "reminders: next_due and due use reminders_due ({}), full scan: {}; sleep now {:.1} s; \
         a simulated day: {idle_wakes} idle wake-ups in 1,440 minutes, none sooner than {:.1} s \
         after the previous wake-up",
        if uses_index { "yes" } else { "NO" },
        if full_scan { "YES" } else { "no" },
        sleep.as_secs_f64(),
        shortest_idle.as_secs_f64()
    ));
    out.rows
        .push(("db::notifications::next_due".into(), None, next_stats));
    out.rows
        .push(("db::notifications::due (nothing due)".into(), None, due_now));
    out.rows
        .push(("db::notifications::due (500 due)".into(), None, due_burst));
    Ok(())
}
