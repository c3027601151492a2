//! `import`: the admin's CSV import of people (seed 002 BulkUploads) through the command
//! layer, i.e. the `Mentordesk` methods the Tauri commands call plus `serde_json` of
//! their answers (what IPC does with them), on a real workspace file.
//!
//! It writes a realistic file (by default 50,000 rows: names in many scripts, quoted names
//! with commas and quotes, roles, programmes, interests, time zones, and about 1% bad rows
//! of every kind), creates a fresh workspace in DIR with the app's migrations, a first
//! admin and three programmes, then times `imports_preview` and `imports_run` on it
//! (base64 as the UI sends it; decoding, parsing and validation are part of the figures),
//! and imports the same file a second time, which must create nobody.
//!
//! Target: ≥ 5,000 rows/s for the import, validation included.

use crate::util::{api_err, secs, sql_err, sql_pool, thousands, Args, BenchResult, Rng, PASSWORD};
use base64::Engine;
use mentordesk_api::Mentordesk;
use mentordesk_shared::accounts::CreateFirstAdmin;
use mentordesk_shared::imports::{ImportFile, ImportProgress};
use mentordesk_shared::programmes::{ProgrammeCriteria, ProgrammeFields};
use std::path::Path;
use std::time::{Duration, Instant};

/// The target for the import.
const TARGET_ROWS_PER_SECOND: f64 = 5_000.0;

const FIRST_NAMES: &[&str] = &[
    "Amara",
    "Ben",
    "Chen",
    "Zoë",
    "Elena",
    "Farid",
    "Grace",
    "Hiroshi",
    "Inês",
    "Jonas",
    "Kemi",
    "Liam",
    "Maya",
    "Nikhil",
    "Ольга",
    "Pablo",
    "Quinn",
    "Rosa",
    "Sámi",
    "Tara",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "José",
    "Aisha",
    "Bruno",
    "Carmen",
    "Diego",
    "Emeka",
    "Fátima",
    "Gustav",
    "Hana",
    "Ivan",
    "Julia",
    "Kofi",
    "Lucía",
    "Mateo",
    "Nora",
    "Søren",
    "Łucja",
    "Nguyễn Thị",
    "Ayşe",
    "Björk",
    "Siobhán",
    "Đorđe",
    "Renée",
];
const LAST_NAMES: &[&str] = &[
    "Adeyemi",
    "Bauer",
    "Costa",
    "Dubois",
    "Eriksson",
    "Fernández",
    "García",
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
    "Yılmaz",
    "Zhang",
    "Ahmed",
    "Brown",
    "Chowdhury",
    "da Silva",
    "Evans",
    "Fischer",
    "Gómez",
    "Haddad",
    "Ito",
    "Müller",
    "Kim",
    "López",
    "Mensah",
    "Novák",
    "Ångström",
    "Петрова",
    "O'Brien",
    "Nørgaard",
];
/// Whole names written without spaces, or in a script without them.
const ONE_WORD_NAMES: &[&str] = &["山田太郎", "王小明", "김민준", "Madonna", "Prince"];
const TAGS: &[&str] = &[
    "Rust",
    "Go",
    "Career growth",
    "Leadership",
    "Public speaking",
    "Data science",
    "Machine learning",
    "Returning to work",
    "Design",
    "Product",
    "Cloud",
    "Security",
    "Négociation",
    "Interviewing",
    "Front-end",
    "Accessibility",
];
const ZONES: &[&str] = &[
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Africa/Lagos",
    "Australia/Sydney",
    "",
];
/// The programmes the bench creates; rows name them in varied case and spacing.
const PROGRAMMES: &[&str] = &["Women in Tech", "Rust Beginners", "Data & AI Leaders"];

/// What the generated file should give.
struct Expected {
    rows: usize,
    bad: usize,
}

/// Quotes a CSV cell when it needs it.
fn cell(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// A CSV export as an HR system or a spreadsheet would give it: BOM, CRLF, a header with
/// the usual names, and 1 row in 100 wrong in one of the ways people get rows wrong.
fn generate_csv(rows: usize, seed: u64) -> (String, Expected) {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(rows * 110);
    out.push('\u{FEFF}');
    out.push_str("Full Name,E-mail Address,Roles,Programme,Interests,Time zone\r\n");
    let mut bad = 0;
    let mut emails: Vec<String> = Vec::with_capacity(rows);
    for i in 0..rows {
        let first = FIRST_NAMES[rng.index(FIRST_NAMES.len())];
        let last = LAST_NAMES[rng.index(LAST_NAMES.len())];
        let name = match rng.below(100) {
            0..=2 => ONE_WORD_NAMES[rng.index(ONE_WORD_NAMES.len())].to_string(),
            3..=7 => format!("{last}, {first}"),
            8..=9 => format!(
                "{first} \"{}\" {last}",
                &first[..first
                    .char_indices()
                    .nth(2)
                    .map_or(first.len(), |(at, _)| at)]
            ),
            _ => format!("{first} {last}"),
        };
        let local: String = first
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_lowercase();
        let email = format!(
            "{}.{i}@example.org",
            if local.is_empty() { "person" } else { &local }
        );
        let roles = match rng.below(100) {
            0..=59 => "",
            60..=69 => "Mentee",
            70..=89 => "mentor",
            90..=94 => "Mentor; Mentee",
            _ => "Programme manager",
        };
        let programme = match rng.below(10) {
            0..=3 => String::new(),
            n => {
                let p = PROGRAMMES[(n as usize) % PROGRAMMES.len()];
                if n % 2 == 0 {
                    p.to_lowercase()
                } else {
                    p.to_string()
                }
            }
        };
        let tag_count = rng.below(4) as usize;
        let mut tags: Vec<&str> = Vec::new();
        for _ in 0..tag_count {
            let tag = TAGS[rng.index(TAGS.len())];
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let tags = tags.join(", ");
        let zone = ZONES[rng.index(ZONES.len())];

        // About 1 row in 100 is wrong.
        let (mut name, mut email, mut roles, mut programme, mut zone) =
            (name, email, roles.to_string(), programme, zone.to_string());
        if rng.chance(1) {
            bad += 1;
            match rng.below(6) {
                0 => name.clear(),
                1 => email = format!("{local} at example.org"),
                2 => roles = "Wizard".into(),
                3 => programme = "Knitting Club".into(),
                4 => zone = "Mars/Olympus".into(),
                // The same address as an earlier row, in other case.
                _ if i > 0 => email = emails[i / 2].to_uppercase(),
                _ => name.clear(),
            }
        }
        emails.push(email.clone());
        cell(&mut out, &name);
        out.push(',');
        cell(&mut out, &email);
        out.push(',');
        cell(&mut out, &roles);
        out.push(',');
        cell(&mut out, &programme);
        out.push(',');
        cell(&mut out, &tags);
        out.push(',');
        cell(&mut out, &zone);
        out.push_str("\r\n");
    }
    (out, Expected { rows, bad })
}

/// DIR holds a fresh workspace afterwards: a previous bench workspace is wiped, anything
/// else is refused.
fn prepare_dir(dir: &Path) -> BenchResult {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty && !crate::util::database_file(dir).exists() {
            return Err(format!(
                "{} exists and is not a workspace: give a new or empty folder",
                dir.display()
            ));
        }
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot wipe {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

fn per_second(rows: usize, took: Duration) -> f64 {
    rows as f64 / took.as_secs_f64().max(1e-9)
}

pub async fn run(args: &Args) -> BenchResult {
    let dir = args.dir()?;
    let rows: usize = args.number("rows", 50_000)?;
    let seed: u64 = args.number("seed", 2)?;
    if rows == 0 {
        return Err("--rows must be ≥ 1".into());
    }
    let started = Instant::now();
    prepare_dir(&dir)?;

    let t = Instant::now();
    let (csv, expected) = generate_csv(rows, seed);
    let file_name = format!("people-{rows}.csv");
    std::fs::write(dir.join(&file_name), &csv).map_err(|e| e.to_string())?;
    println!(
        "import: {} rows ({} meant to be bad), {:.1} MB of CSV written in {}",
        thousands(expected.rows as u64),
        thousands(expected.bad as u64),
        csv.len() as f64 / 1_048_576.0,
        secs(t.elapsed())
    );

    let t = Instant::now();
    let app = Mentordesk::open(&dir)
        .await
        .map_err(api_err)?
        .with_downloads_dir(dir.join("downloads"));
    app.accounts_create_first_admin(CreateFirstAdmin {
        email: "admin@example.org".into(),
        password: PASSWORD.into(),
        first_name: "Ada".into(),
        last_name: "Admin".into(),
    })
    .await
    .map_err(api_err)?;
    for name in PROGRAMMES {
        app.programmes_create(ProgrammeFields {
            name: name.to_string(),
            description: "Created by the import bench.".into(),
            criteria: ProgrammeCriteria::default(),
            questions: vec![],
        })
        .await
        .map_err(api_err)?;
    }
    println!(
        "import: fresh workspace in {} (migrations, an admin, {} programmes) in {}",
        dir.display(),
        PROGRAMMES.len(),
        secs(t.elapsed())
    );
    let pool = sql_pool(&dir).await?;

    // What the UI sends: the file as base64 (not timed: the webview does it).
    let request = ImportFile {
        file_name: file_name.clone(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(csv.as_bytes()),
    };
    drop(csv);

    let t = Instant::now();
    let preview = app
        .imports_preview(request.clone())
        .await
        .map_err(api_err)?;
    let json = serde_json::to_vec(&preview).map_err(|e| e.to_string())?;
    let preview_took = t.elapsed();
    println!(
        "  imports_preview: {} rows in {} — {} rows/s; {} valid, {} already have an account, \
         {} errors; {:.1} KB JSON",
        thousands(u64::from(preview.total_rows)),
        secs3(preview_took),
        thousands(per_second(rows, preview_took) as u64),
        thousands(u64::from(preview.valid_rows)),
        thousands(u64::from(preview.existing_rows)),
        thousands(preview.errors.len() as u64),
        json.len() as f64 / 1000.0
    );

    let before = count_users(&pool).await?;
    let mut progress = app.subscribe_import_progress();
    let listener = tokio::spawn(async move {
        let mut reports: Vec<ImportProgress> = Vec::new();
        while let Ok(p) = progress.recv().await {
            reports.push(p);
            if p.done == p.total {
                break;
            }
        }
        reports
    });
    let t = Instant::now();
    let first = app.imports_run(request.clone()).await.map_err(api_err)?;
    let json = serde_json::to_vec(&first).map_err(|e| e.to_string())?;
    let first_took = t.elapsed();
    let reports = listener.await.map_err(|e| e.to_string())?;
    let after = count_users(&pool).await?;
    let first_rate = per_second(rows, first_took);
    println!(
        "  imports_run:     {} rows in {} — {} rows/s; {} accounts created, {} skipped, {} errors; \
         {:.1} KB JSON; {} progress reports, the last {}/{}",
        thousands(u64::from(first.total_rows)),
        secs3(first_took),
        thousands(first_rate as u64),
        thousands(u64::from(first.imported)),
        thousands(u64::from(first.skipped_existing)),
        thousands(first.errors.len() as u64),
        json.len() as f64 / 1000.0,
        reports.len(),
        reports.last().map_or(0, |p| p.done),
        reports.last().map_or(0, |p| p.total),
    );
    if let Some(codes) = &first.codes_file {
        let size = std::fs::metadata(&codes.path).map(|m| m.len()).unwrap_or(0);
        println!(
            "  codes file: {} ({:.1} MB)",
            codes.path,
            size as f64 / 1_048_576.0
        );
    }
    if after - before != i64::from(first.imported) {
        return Err(format!(
            "the import reported {} accounts but the workspace gained {}",
            first.imported,
            after - before
        ));
    }

    let t = Instant::now();
    let second = app.imports_run(request).await.map_err(api_err)?;
    let json = serde_json::to_vec(&second).map_err(|e| e.to_string())?;
    let second_took = t.elapsed();
    let again = count_users(&pool).await?;
    let distinct: i64 = sqlx::query_scalar("SELECT count(DISTINCT lower(email)) FROM users")
        .fetch_one(&pool)
        .await
        .map_err(sql_err)?;
    println!(
        "  imports_run again (same file): {} in {} — {} rows/s; {} created, {} skipped as existing, \
         {} errors; {:.1} KB JSON",
        thousands(u64::from(second.total_rows)),
        secs3(second_took),
        thousands(per_second(rows, second_took) as u64),
        thousands(u64::from(second.imported)),
        thousands(u64::from(second.skipped_existing)),
        thousands(second.errors.len() as u64),
        json.len() as f64 / 1000.0
    );
    let no_duplicates = second.imported == 0
        && again == after
        && distinct == again
        && second.skipped_existing == first.imported + first.skipped_existing;
    println!(
        "  users: {} before, {} after the first import, {} after the second ({} distinct e-mails): {}",
        thousands(before as u64),
        thousands(after as u64),
        thousands(again as u64),
        thousands(distinct as u64),
        if no_duplicates {
            "no duplicates"
        } else {
            "DUPLICATES"
        }
    );
    pool.close().await;
    println!(
        "import: {} rows/s (preview {} rows/s) — target ≥ {} rows/s: {} ({} in all)",
        thousands(first_rate as u64),
        thousands(per_second(rows, preview_took) as u64),
        thousands(TARGET_ROWS_PER_SECOND as u64),
        if first_rate >= TARGET_ROWS_PER_SECOND {
            "met"
        } else {
            "MISSED"
        },
        secs(started.elapsed())
    );
    if !no_duplicates {
        return Err("the second import of the same file changed the users".into());
    }
    Ok(())
}

async fn count_users(pool: &sqlx::SqlitePool) -> BenchResult<i64> {
    sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(pool)
        .await
        .map_err(sql_err)
}

fn secs3(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}
