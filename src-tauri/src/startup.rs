//! Start-up: command-line options, where the workspace lives, demo data, logging.

use crate::Api;
use mentordesk_api::Mentordesk;
use mentordesk_shared::ApiError;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

pub const USAGE: &str = "Usage: mentordesk [--demo] [--data-dir <folder>] [--minimized]

  --demo              load the demo organisation into an empty workspace
                      (sign in as admin@mentordesk.demo, password mentordesk-demo)
  --data-dir <folder> keep the workspace in <folder> instead of the platform's data
                      directory (~/.local/share/mentordesk on Linux); the
                      MENTORDESK_DATA_DIR environment variable does the same
  --minimized         start in the tray without showing the window (how the
                      login item starts it)

Launching Mentordesk again on a workspace that is open shows the running app.";

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Options {
    pub demo: bool,
    pub data_dir: Option<PathBuf>,
    pub help: bool,
    pub minimized: bool,
}

impl Options {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Options {
        let mut options = Options::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--demo" => options.demo = true,
                "--data-dir" => options.data_dir = args.next().map(PathBuf::from),
                "-h" | "--help" => options.help = true,
                "--minimized" => options.minimized = true,
                other => {
                    if let Some(dir) = other.strip_prefix("--data-dir=") {
                        options.data_dir = Some(PathBuf::from(dir));
                    }
                }
            }
        }
        if std::env::var_os("MENTORDESK_DEMO").is_some_and(|v| v == "1") {
            options.demo = true;
        }
        options
    }
}

/// The workspace folder: `--data-dir`, else `$MENTORDESK_DATA_DIR`, else the platform's
/// data directory joined with `mentordesk` (`$XDG_DATA_HOME/mentordesk` or
/// `~/.local/share/mentordesk` on Linux, `%APPDATA%` on Windows, Application Support on macOS).
pub fn data_dir_from(options: &Options) -> PathBuf {
    if let Some(dir) = &options.data_dir {
        return dir.clone();
    }
    if let Some(dir) = std::env::var_os("MENTORDESK_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    platform_data_dir().join("mentordesk")
}

fn platform_data_dir() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from("."))
}

/// Where documents an admin saves go: `$MENTORDESK_DOWNLOADS_DIR`, else the user's
/// Downloads folder (XDG user dirs on Linux), else `~/Downloads`.
pub fn downloads_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("MENTORDESK_DOWNLOADS_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::download_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join("Downloads")))
        .unwrap_or_else(|| PathBuf::from("."))
}

pub async fn open_workspace(options: &Options) -> Result<Api, ApiError> {
    let dir = data_dir_from(options);
    tracing::info!(workspace = %dir.display(), "opening workspace");
    let api = Mentordesk::open(&dir)
        .await?
        .with_downloads_dir(downloads_dir());
    if options.demo {
        match api.load_demo().await? {
            Some(summary) => tracing::info!(?summary, "demo organisation loaded"),
            None => tracing::info!("workspace already has accounts; demo data not loaded"),
        }
    }
    Ok(Arc::new(api))
}

static STARTED: OnceLock<Instant> = OnceLock::new();
static UI_READY: AtomicBool = AtomicBool::new(false);

/// Marks the process start, for the start-up time reported by [`note_ui_ready`].
pub fn mark_process_start() {
    STARTED.get_or_init(Instant::now);
}

/// The UI asks for the app status as soon as it is mounted: log how long start-up took
/// (scripts/measure.sh reads this line).
pub fn note_ui_ready() {
    if !UI_READY.swap(true, Ordering::Relaxed) {
        if let Some(started) = STARTED.get() {
            tracing::info!(
                startup_ms = started.elapsed().as_millis() as u64,
                "UI interactive"
            );
        }
    }
}

/// The log file's size at which it is set aside (as `mentordesk.log.1`) at start-up.
const LOG_ROTATE_BYTES: u64 = 5 * 1024 * 1024;

/// The workspace's log file, `<workspace>/logs/mentordesk.log`, opened to append; a file
/// over [`LOG_ROTATE_BYTES`] is first moved to `mentordesk.log.1` (replacing the one
/// before), so the log keeps this run and the last one or two, never growing without end.
pub fn open_log_file(data_dir: &Path) -> std::io::Result<std::fs::File> {
    let dir = data_dir.join("logs");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("mentordesk.log");
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > LOG_ROTATE_BYTES) {
        std::fs::rename(&path, dir.join("mentordesk.log.1"))?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
}

/// Logs to stderr and, when there is a workspace, to its log file: what an error id a
/// person quotes from the window is looked up in (the detail of an `internal` error
/// is logged there under the same id, never shown).
pub fn init_tracing(data_dir: Option<&Path>) {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = tracing_subscriber::EnvFilter::try_from_env("MENTORDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tao=warn,wry=warn"));
    let file = data_dir.and_then(|dir| match open_log_file(dir) {
        Ok(file) => Some(file),
        Err(error) => {
            eprintln!(
                "Mentordesk cannot write its log file in {}: {error}",
                dir.display()
            );
            None
        }
    });
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())),
        )
        .with(file.map(|file| {
            tracing_subscriber::fmt::layer()
                .with_writer(std::sync::Mutex::new(file))
                .with_ansi(false)
        }))
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Options {
        Options::from_args(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn the_log_file_appends_and_is_set_aside_when_it_grows_too_big() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("logs").join("mentordesk.log");
        writeln!(open_log_file(dir.path()).unwrap(), "first run").unwrap();
        writeln!(open_log_file(dir.path()).unwrap(), "second run").unwrap();
        assert_eq!(
            std::fs::read_to_string(&log).unwrap(),
            "first run\nsecond run\n"
        );
        std::fs::write(&log, vec![b'x'; LOG_ROTATE_BYTES as usize + 1]).unwrap();
        writeln!(open_log_file(dir.path()).unwrap(), "after rotation").unwrap();
        assert_eq!(std::fs::read_to_string(&log).unwrap(), "after rotation\n");
        let old = dir.path().join("logs").join("mentordesk.log.1");
        assert_eq!(std::fs::metadata(old).unwrap().len(), LOG_ROTATE_BYTES + 1);
    }

    #[test]
    fn demo_and_data_dir_flags_are_read() {
        let o = args(&["--demo", "--data-dir", "/tmp/w"]);
        assert!(o.demo);
        assert_eq!(data_dir_from(&o), PathBuf::from("/tmp/w"));
        assert_eq!(args(&["--data-dir=/x"]).data_dir, Some(PathBuf::from("/x")));
    }
}
