//! Small helpers shared by the subcommands: a seeded random generator, argument
//! parsing, figures formatting, latency statistics and the bench's own SQL pool.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub type BenchResult<T = ()> = Result<T, String>;

/// The password of every generated account (not in the common-password list).
pub const PASSWORD: &str = "violet harbour lamp";

/// The file a workspace folder keeps its database in (as `Mentordesk::open` names it).
pub fn database_file(dir: &Path) -> PathBuf {
    dir.join("mentordesk.sqlite")
}

/// The migrations the bench was built with.
static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// A fingerprint of migrations given as (version, checksum) in version order: how many,
/// and an FNV-1a hash of them.
pub fn fingerprint<'a>(migrations: impl Iterator<Item = (i64, &'a [u8])>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut count = 0;
    for (version, checksum) in migrations {
        count += 1;
        for b in version.to_le_bytes().iter().chain(checksum) {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{count}/{hash:016x}")
}

/// The fingerprint of the migrations the bench was built with. A workspace made with
/// others (a different set, or one edited since it was applied) is regenerated: the app
/// would refuse to open it (or first copy it with `VACUUM INTO` to migrate it).
pub fn schema() -> String {
    fingerprint(
        MIGRATIONS
            .iter()
            .filter(|m| m.migration_type.is_up_migration())
            .map(|m| (m.version, m.checksum.as_ref())),
    )
}

/// A small deterministic generator (SplitMix64): the same seed gives the same data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `0..n` as a usize.
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A random version-4 UUID (the app's ids are v4).
    pub fn uuid(&mut self) -> uuid::Uuid {
        let bytes = (u128::from(self.next_u64()) << 64) | u128::from(self.next_u64());
        uuid::Builder::from_random_bytes(bytes.to_le_bytes()).into_uuid()
    }
}

/// `--name value` options after the subcommand; `--flag` alone stores "true".
pub struct Args {
    values: HashMap<String, String>,
}

impl Args {
    pub fn parse(args: &[String], known: &[&str]) -> BenchResult<Args> {
        let mut values = HashMap::new();
        let mut i = 0;
        while i < args.len() {
            let name = args[i]
                .strip_prefix("--")
                .ok_or_else(|| format!("unexpected argument {:?}", args[i]))?;
            if !known.contains(&name) {
                return Err(format!(
                    "unknown option --{name} (expected one of: --{})",
                    known.join(", --")
                ));
            }
            match args.get(i + 1).filter(|v| !v.starts_with("--")) {
                Some(v) => {
                    values.insert(name.to_string(), v.clone());
                    i += 2;
                }
                None => {
                    values.insert(name.to_string(), "true".to_string());
                    i += 1;
                }
            }
        }
        Ok(Args { values })
    }

    pub fn dir(&self) -> BenchResult<PathBuf> {
        self.values
            .get("dir")
            .map(PathBuf::from)
            .ok_or_else(|| "--dir DIR is required".to_string())
    }

    pub fn flag(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    pub fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> BenchResult<T> {
        match self.values.get(name) {
            None => Ok(default),
            Some(v) => v
                .replace(['_', ','], "")
                .parse()
                .map_err(|_| format!("--{name} expects a number, not {v:?}")),
        }
    }

    /// A comma-separated list of numbers, e.g. `--tasks 1,2,4`.
    pub fn numbers(&self, name: &str, default: &[usize]) -> BenchResult<Vec<usize>> {
        match self.values.get(name) {
            None => Ok(default.to_vec()),
            Some(v) => v
                .split(',')
                .map(|n| {
                    n.trim()
                        .parse()
                        .map_err(|_| format!("--{name} expects numbers like 1,2,4, not {v:?}"))
                })
                .collect(),
        }
    }
}

/// 1234567 → "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// Latency figures of a set of timed calls.
pub struct Stats {
    sorted: Vec<Duration>,
}

impl Stats {
    pub fn new(mut times: Vec<Duration>) -> Stats {
        times.sort();
        Stats { sorted: times }
    }

    pub fn count(&self) -> usize {
        self.sorted.len()
    }

    /// The `p`-th percentile (nearest rank), e.g. 50.0, 99.0.
    pub fn percentile(&self, p: f64) -> Duration {
        if self.sorted.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * self.sorted.len() as f64).ceil() as usize;
        self.sorted[rank.clamp(1, self.sorted.len()) - 1]
    }

    pub fn max(&self) -> Duration {
        self.sorted.last().copied().unwrap_or_default()
    }

    pub fn line(&self) -> String {
        format!(
            "n={}, median {}, p95 {}, p99 {}, max {}",
            thousands(self.count() as u64),
            ms(self.percentile(50.0)),
            ms(self.percentile(95.0)),
            ms(self.percentile(99.0)),
            ms(self.max())
        )
    }
}

/// The bench's own connections (set-up queries, verification, clean-up), with the
/// app's settings.
pub async fn sql_pool(dir: &Path) -> BenchResult<SqlitePool> {
    let path = database_file(dir);
    if !path.exists() {
        return Err(format!(
            "{} does not exist: run `mentordesk-bench generate --dir {}` first",
            path.display(),
            dir.display()
        ));
    }
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(30));
    SqlitePoolOptions::new()
        .max_connections(2)
        .connect_with(options)
        .await
        .map_err(|e| format!("cannot open {}: {e}", path.display()))
}

pub fn sql_err(e: sqlx::Error) -> String {
    format!("database: {e}")
}

pub fn api_err(e: mentordesk_shared::ApiError) -> String {
    format!("api: {}: {}", e.code.as_str(), e.message)
}
