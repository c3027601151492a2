//! One running app per workspace: launching Mentordesk again on the same workspace shows
//! the running app's window, and the second process ends.
//!
//! The running app listens on a local socket (an abstract socket on Linux, a named pipe on
//! Windows, a socket file on macOS; `interprocess` picks) whose name comes from the
//! workspace folder. The Tauri single-instance plugin keys on the app's identifier alone
//! (one instance per user, whatever the workspace) and needs D-Bus on Linux; a workspace
//! is what must not be opened twice, and a second workspace — a test's, or another
//! programme's — may run beside the first.

use interprocess::local_socket::{prelude::*, GenericFilePath, GenericNamespaced, ListenerOptions};
use interprocess::local_socket::{Listener, Name, Stream};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

/// What `claim` found.
pub enum Instance {
    /// This process is the workspace's app; call [`serve`] with the listener.
    First(Listener),
    /// Another process has the workspace and was asked to show itself.
    AlreadyRunning,
}

/// A stable name for the workspace folder (FNV-1a of its canonical path: the same in
/// every build, unlike `std`'s hasher).
fn socket_name(data_dir: &Path) -> std::io::Result<Name<'static>> {
    let path = data_dir
        .canonicalize()
        .unwrap_or_else(|_| data_dir.to_path_buf());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.to_string_lossy().as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let name = format!("mentordesk-{hash:016x}.sock");
    if GenericNamespaced::is_supported() {
        name.to_ns_name::<GenericNamespaced>()
            .map(|n| n.into_owned())
    } else {
        std::env::temp_dir()
            .join(name)
            .to_fs_name::<GenericFilePath>()
            .map(|n| n.into_owned())
    }
}

/// Asks a running app to show itself; `true` if one answered.
fn knock(data_dir: &Path) -> bool {
    let Ok(name) = socket_name(data_dir) else {
        return false;
    };
    let Ok(stream) = Stream::connect(name) else {
        return false;
    };
    let mut stream = BufReader::new(stream);
    if stream.get_mut().write_all(b"show\n").is_err() {
        return false;
    }
    let mut answer = String::new();
    stream.read_line(&mut answer).is_ok() && answer.trim() == "ok"
}

/// Claims the workspace for this process, or knocks on the process that has it.
pub fn claim(data_dir: &Path) -> Instance {
    for _ in 0..3 {
        if knock(data_dir) {
            return Instance::AlreadyRunning;
        }
        let Ok(name) = socket_name(data_dir) else {
            break;
        };
        match ListenerOptions::new()
            .name(name)
            .try_overwrite(true)
            .create_sync()
        {
            Ok(listener) => return Instance::First(listener),
            // Another launch claimed it a moment ago: knock on it instead.
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(error) => {
                tracing::warn!(%error, "single-instance socket unavailable; running anyway");
                break;
            }
        }
    }
    // Without a socket the app still runs; it just cannot be found by a second launch.
    match socket_name(data_dir).and_then(|n| ListenerOptions::new().name(n).create_sync()) {
        Ok(listener) => Instance::First(listener),
        Err(_) => Instance::First(fallback_listener()),
    }
}

/// A listener nobody knows the name of (when the workspace's name cannot be taken).
fn fallback_listener() -> Listener {
    let name = format!("mentordesk-{}.sock", std::process::id());
    let name = if GenericNamespaced::is_supported() {
        name.to_ns_name::<GenericNamespaced>()
    } else {
        std::env::temp_dir()
            .join(name)
            .to_fs_name::<GenericFilePath>()
    }
    .expect("a process-specific socket name is valid");
    ListenerOptions::new()
        .name(name)
        .create_sync()
        .expect("a process-specific socket can be created")
}

/// Answers later launches on a thread of its own: each "show" runs `show`.
pub fn serve(listener: Listener, show: impl Fn() + Send + 'static) {
    std::thread::Builder::new()
        .name("single-instance".into())
        .spawn(move || {
            for stream in listener.incoming().filter_map(Result::ok) {
                let mut stream = BufReader::new(stream);
                let mut line = String::new();
                if stream.read_line(&mut line).is_ok() && line.trim() == "show" {
                    show();
                    let _ = stream.get_mut().write_all(b"ok\n");
                }
            }
        })
        .expect("the single-instance thread starts");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    #[test]
    fn a_second_launch_on_the_same_workspace_shows_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let Instance::First(listener) = claim(dir.path()) else {
            panic!("nothing runs on a fresh workspace");
        };
        let shown = Arc::new(AtomicU32::new(0));
        let counter = shown.clone();
        serve(listener, move || {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        assert!(matches!(claim(dir.path()), Instance::AlreadyRunning));
        assert!(matches!(claim(dir.path()), Instance::AlreadyRunning));
        assert_eq!(shown.load(Ordering::SeqCst), 2);

        // Another workspace is another app.
        let other = tempfile::tempdir().unwrap();
        assert!(matches!(claim(other.path()), Instance::First(_)));
    }
}
