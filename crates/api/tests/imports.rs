//! The admin's CSV import of people through the real API on a real SQLite file: a file
//! mixing good and bad rows imports the good ones with their roles, programme, interests
//! and zone and reports exactly the bad ones; the set-password codes file and a code's
//! single use; importing the same file again creates nobody; bad files and callers write
//! nothing; a failure midway leaves nothing; the import history, its errors file, and the
//! progress reports. An HR export with first and last name columns (and columns Mentordesk
//! does not import) stores the names as written, and a display name beside them is unused.

#[path = "support/workspace.rs"]
mod common;

use base64::Engine;
use common::{count, Workspace, PASSWORD};
use mentordesk_api::Mentordesk;
use mentordesk_core::clock::Clock;
use mentordesk_shared::accounts::{CreateFirstAdmin, ResetWithCode, SignIn};
use mentordesk_shared::imports::*;
use mentordesk_shared::profiles::UserRef;
use mentordesk_shared::programmes::{ProgrammeCriteria, ProgrammeFields};
use mentordesk_shared::{ApiError, ErrorCode};

fn file(name: &str, content: &[u8]) -> ImportFile {
    ImportFile {
        file_name: name.into(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(content),
    }
}

async fn programme(
    admin: &Mentordesk,
    name: &str,
    max_mentees: Option<u32>,
) -> mentordesk_shared::programmes::ProgrammeDetail {
    admin
        .programmes_create(ProgrammeFields {
            name: name.into(),
            description: "Mentoring for people new to tech.".into(),
            criteria: ProgrammeCriteria {
                max_mentees,
                ..ProgrammeCriteria::default()
            },
            questions: vec![],
        })
        .await
        .unwrap()
}

/// A workspace with its admin signed in and two programmes.
async fn workspace() -> (Workspace, Mentordesk) {
    let (ws, admin) = Workspace::with_admin().await;
    programme(&admin, "Women in Tech", None).await;
    programme(&admin, "Rust Beginners", None).await;
    (ws, admin)
}

/// What the workspace holds, table by table: nothing may change when an import is refused.
async fn snapshot(app: &Mentordesk) -> Vec<i64> {
    let mut out = Vec::new();
    for table in [
        "users",
        "profiles",
        "user_roles",
        "programme_members",
        "profile_tags",
        "tags",
        "password_resets",
        "imports",
        "audit_log",
    ] {
        out.push(count(app, table).await);
    }
    out
}

async fn strings(app: &Mentordesk, sql: &str) -> Vec<String> {
    let mut conn = app.db().read().await.unwrap();
    sqlx::query_scalar(sql).fetch_all(&mut *conn).await.unwrap()
}

fn file_error(result: Result<impl std::fmt::Debug, ApiError>) -> String {
    let err = result.expect_err("the file should be refused");
    assert_eq!(err.code, ErrorCode::Validation, "{err:?}");
    err.field_message("file")
        .unwrap_or_else(|| panic!("no error on field file: {err:?}"))
        .to_string()
}

const MIXED: &str = concat!(
    "\u{FEFF}Name,E-mail,Roles,Programme,Tags,Time zone\r\n",
    "Zoë Ångström,zoe@example.com,mentor,Women in Tech,\"Rust, Go\",Europe/London\r\n", // 2
    "\"Núñez, José\",jose@example.com,\"mentor; mentee\",,,\r\n",                       // 3
    "\"Ada \"\"Countess\"\" Lovelace\",ada@example.com,,rust  beginners,rust,\r\n",     // 4
    "山田太郎,taro@example.jp,Programme manager,women in tech,,Asia/Tokyo\r\n",         // 5
    ",noname@example.com,,,,\r\n",                                                      // 6
    "Bad Mail,not-an-email,,,,\r\n",                                                    // 7
    "Boss,boss@example.com,Administrator,,,\r\n",                                       // 8
    "Lost,lost@example.com,,Knitting Club,,\r\n",                                       // 9
    "Ada Admin,ADMIN@example.org,mentee,,,\r\n",                                        // 10
    "\r\n",
);

fn rows(errors: &[RowError]) -> Vec<u32> {
    errors.iter().map(|e| e.row).collect()
}

/// The codes file's lines after the header, as (name, e-mail, code).
fn read_codes(path: &str) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{FEFF}').expect("a BOM");
    let mut lines = text.split("\r\n");
    assert_eq!(lines.next(), Some("name,email,code"));
    lines
        .filter(|l| !l.is_empty())
        .map(|line| {
            // Names may be quoted (they hold commas); e-mail and code never are.
            let (rest, code) = line.rsplit_once(',').unwrap();
            let (name, email) = rest.rsplit_once(',').unwrap();
            let name = name
                .strip_prefix('"')
                .and_then(|n| n.strip_suffix('"'))
                .map(|n| n.replace("\"\"", "\""))
                .unwrap_or_else(|| name.to_string());
            (name, email.to_string(), code.to_string())
        })
        .collect()
}

#[tokio::test]
async fn a_mixed_file_imports_the_good_rows_and_reports_exactly_the_bad_ones() {
    let (ws, admin) = workspace().await;
    let before = snapshot(&admin).await;

    let preview = admin
        .imports_preview(file("people.csv", MIXED.as_bytes()))
        .await
        .unwrap();
    assert_eq!(snapshot(&admin).await, before, "a preview writes nothing");
    assert_eq!(
        (
            preview.total_rows,
            preview.valid_rows,
            preview.existing_rows
        ),
        (9, 5, 1)
    );
    assert_eq!(
        rows(&preview.errors),
        vec![6, 7, 8, 9],
        "{:#?}",
        preview.errors
    );
    assert_eq!(
        preview.errors[2].reason,
        "The “Administrator” role cannot be given by import: import the person without it, then give it under Users."
    );
    assert_eq!(
        preview.existing,
        vec![RowError {
            row: 10,
            email: "ADMIN@example.org".into(),
            reason: EXISTING_ACCOUNT.into()
        }]
    );
    let sample: Vec<&str> = preview.sample.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        sample,
        vec![
            "Zoë Ångström",
            "Núñez, José",
            "Ada \"Countess\" Lovelace",
            "山田太郎"
        ]
    );

    let result = admin
        .imports_run(file("people.csv", MIXED.as_bytes()))
        .await
        .unwrap();
    assert_eq!(result.file_name, "people.csv");
    assert_eq!(
        (result.total_rows, result.imported, result.skipped_existing),
        (9, 4, 1)
    );
    assert_eq!(rows(&result.errors), vec![6, 7, 8, 9]);
    assert_eq!(result.errors, preview.errors);
    assert_eq!(rows(&result.skipped), vec![10]);
    assert_eq!(
        result.codes_expire_at,
        ws.clock.now() + chrono::Duration::days(14)
    );
    assert_eq!(count(&admin, "users").await, 5);

    // Names, roles, programme memberships, interests (one vocabulary: "rust" is "Rust")
    // and zones.
    assert_eq!(
        strings(
            &admin,
            "SELECT u.email || ' ' || p.first_name || '|' || p.last_name || ' ' || p.time_zone \
             FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.password_hash = '' ORDER BY u.email"
        )
        .await,
        vec![
            "ada@example.com Ada \"Countess\"|Lovelace UTC",
            "jose@example.com José|Núñez UTC",
            "taro@example.jp 山田太郎| Asia/Tokyo",
            "zoe@example.com Zoë|Ångström Europe/London",
        ]
    );
    assert_eq!(
        strings(
            &admin,
            "SELECT u.email || ' ' || group_concat(r.key, ',') FROM users u \
             JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id \
             WHERE u.password_hash = '' GROUP BY u.email ORDER BY u.email"
        )
        .await
        .iter()
        .map(|s| {
            let (email, roles) = s.split_once(' ').unwrap();
            let mut roles: Vec<&str> = roles.split(',').collect();
            roles.sort();
            format!("{email} {}", roles.join(","))
        })
        .collect::<Vec<_>>(),
        vec![
            "ada@example.com mentee",
            "jose@example.com mentee,mentor",
            "taro@example.jp programme_manager",
            "zoe@example.com mentor",
        ]
    );
    assert_eq!(
        strings(
            &admin,
            "SELECT u.email || ' ' || p.name || ' ' || m.role FROM programme_members m \
             JOIN users u ON u.id = m.user_id JOIN programmes p ON p.id = m.programme_id \
             WHERE u.password_hash = '' ORDER BY u.email, m.role"
        )
        .await,
        vec![
            "ada@example.com Rust Beginners mentee",
            "taro@example.jp Women in Tech manager",
            "zoe@example.com Women in Tech mentor",
        ]
    );
    assert_eq!(
        strings(
            &admin,
            "SELECT u.email || ' ' || t.name FROM profile_tags pt JOIN users u ON u.id = pt.user_id \
             JOIN tags t ON t.id = pt.tag_id WHERE pt.kind = 'interest' ORDER BY u.email, pt.position"
        )
        .await,
        vec!["ada@example.com Rust", "zoe@example.com Rust", "zoe@example.com Go"]
    );
    assert_eq!(count(&admin, "tags").await, 2);

    // The codes file: one code per account created, in file order, shown nowhere else.
    let saved = result.codes_file.clone().expect("a codes file");
    assert_eq!(saved.file_name, "people — set-password codes.csv");
    assert!(saved.path.ends_with(&saved.file_name));
    let codes = read_codes(&saved.path);
    let emails: Vec<&str> = codes.iter().map(|(_, e, _)| e.as_str()).collect();
    assert_eq!(
        emails,
        vec![
            "zoe@example.com",
            "jose@example.com",
            "ada@example.com",
            "taro@example.jp"
        ]
    );
    assert_eq!(codes[1].0, "Núñez, José");
    assert_eq!(codes[2].0, "Ada \"Countess\" Lovelace");
    let zoe_code = codes[0].2.clone();
    assert_eq!(zoe_code.len(), 14);
    assert!(strings(&admin, "SELECT code_digest FROM password_resets")
        .await
        .iter()
        .all(|d| d.len() == 64 && !codes.iter().any(|(_, _, c)| c == d)));

    // Before the code: sign-in says what to do, whatever the password.
    let zoe = ws.open().await;
    let refused = zoe
        .accounts_sign_in(SignIn {
            email: "zoe@example.com".into(),
            password: "anything at all".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Unauthenticated);
    assert!(
        refused.message.contains("no password yet")
            && refused.message.contains("set-password code"),
        "{}",
        refused.message
    );
    // The code sets the password once; then sign-in works.
    zoe.accounts_reset_with_code(ResetWithCode {
        email: "ZOE@example.com".into(),
        code: zoe_code.to_lowercase(),
        new_password: PASSWORD.into(),
    })
    .await
    .unwrap();
    let again = zoe
        .accounts_reset_with_code(ResetWithCode {
            email: "zoe@example.com".into(),
            code: zoe_code.clone(),
            new_password: "another fine passphrase".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(
        again.field_message("code"),
        Some("This code has already been used. Ask your administrator for a new one.")
    );
    let me = zoe
        .accounts_sign_in(SignIn {
            email: "zoe@example.com".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    assert_eq!(
        (me.first_name.as_str(), me.last_name.as_str()),
        ("Zoë", "Ångström")
    );
    assert_eq!(
        me.roles.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        vec!["mentor"]
    );
    let profile = zoe.profile_get(UserRef { user_id: None }).await.unwrap();
    assert_eq!(profile.fields.interests, vec!["Rust", "Go"]);
    assert_eq!(profile.fields.time_zone, "Europe/London");
    // Someone else's code does not work for Zoë.
    let wrong = zoe
        .accounts_reset_with_code(ResetWithCode {
            email: "zoe@example.com".into(),
            code: codes[1].2.clone(),
            new_password: "another fine passphrase".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(
        wrong.field_message("code"),
        Some("This code is not valid for this e-mail address.")
    );

    // The same file again: nobody new, every valid row skipped, no codes file.
    let users = count(&admin, "users").await;
    let codes_before = count(&admin, "password_resets").await;
    let second = admin
        .imports_run(file("people.csv", MIXED.as_bytes()))
        .await
        .unwrap();
    assert_eq!(
        (second.total_rows, second.imported, second.skipped_existing),
        (9, 0, 5)
    );
    assert_eq!(rows(&second.skipped), vec![2, 3, 4, 5, 10]);
    assert!(second.skipped.iter().all(|s| s.reason == EXISTING_ACCOUNT));
    assert_eq!(rows(&second.errors), vec![6, 7, 8, 9]);
    assert_eq!(second.codes_file, None);
    assert_eq!(count(&admin, "users").await, users);
    assert_eq!(count(&admin, "password_resets").await, codes_before);
    assert_eq!(count(&admin, "programme_members").await, 2 + 3);

    // The history, newest first, and the first import's errors saved as CSV.
    let history = admin.imports_list().await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].id, second.import_id);
    assert_eq!(history[1].id, result.import_id);
    assert_eq!(
        (
            history[1].total_rows,
            history[1].imported,
            history[1].skipped_existing,
            history[1].error_count
        ),
        (9, 4, 1, 4)
    );
    assert_eq!(history[0].content_sha256, history[1].content_sha256);
    assert_eq!(history[0].content_sha256.len(), 64);
    assert_eq!(history[0].imported_by.as_deref(), Some("Ada Admin"));
    assert_eq!(history[0].file_name, "people.csv");
    let exported = admin
        .imports_errors_export(ImportRef {
            import_id: result.import_id,
        })
        .await
        .unwrap();
    assert_eq!(exported.file_name, "people — errors.csv");
    let text = std::fs::read_to_string(&exported.path).unwrap();
    assert!(
        text.starts_with(
            "\u{FEFF}row,email,reason\r\n6,noname@example.com,The name is missing.\r\n"
        ),
        "{text}"
    );
    assert!(text.contains("\r\n7,not-an-email,"), "{text}");
    assert!(
        text.contains("\r\n9,lost@example.com,\"Unknown programme “Knitting Club”"),
        "{text}"
    );
    assert_eq!(text.matches("\r\n").count(), 5);
    let audit = strings(
        &admin,
        "SELECT detail FROM audit_log WHERE action = 'people_imported' ORDER BY at, rowid",
    )
    .await;
    assert_eq!(
        audit,
        vec![
            "people.csv: 4 imported, 1 skipped (already had an account), 4 with errors",
            "people.csv: 0 imported, 5 skipped (already had an account), 4 with errors",
        ]
    );
}

/// An HR system's export: first and last name columns, a work e-mail, and columns
/// Mentordesk has no field for (an employee ID, a department).
const HR_EXPORT: &str = concat!(
    "\u{FEFF}Employee ID,First Name,Last Name,Work Email,Department,Time Zone\r\n",
    "E-1001,Mary Ann,van der Berg,mary.vanderberg@example.com,Finance,Europe/Amsterdam\r\n", // 2
    "E-1002,José Luis,\"García Márquez\",joseluis@example.com,Sales,America/Mexico_City\r\n", // 3
    "E-1003,Grace,,grace@example.com,Engineering,\r\n",                                      // 4
    "E-1004,,Hopper,hopper@example.com,Engineering,\r\n",                                    // 5
    "E-1005,Ada,\"King, Countess of Lovelace\",ada.king@example.com,Research,\r\n",          // 6
    "E-1006,Ada,Admin,ADMIN@example.org,IT,\r\n",                                            // 7
);

#[tokio::test]
async fn an_hr_export_with_first_and_last_name_columns_imports_the_names_as_written() {
    let (ws, admin) = workspace().await;
    let before = snapshot(&admin).await;

    let preview = admin
        .imports_preview(file("hr-export.csv", HR_EXPORT.as_bytes()))
        .await
        .unwrap();
    assert_eq!(snapshot(&admin).await, before, "a preview writes nothing");
    let mapping: Vec<(&str, Option<ImportField>)> = preview
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.field))
        .collect();
    assert_eq!(
        mapping,
        vec![
            ("Employee ID", None),
            ("First Name", Some(ImportField::FirstName)),
            ("Last Name", Some(ImportField::LastName)),
            ("Work Email", Some(ImportField::Email)),
            ("Department", None),
            ("Time Zone", Some(ImportField::TimeZone)),
        ]
    );
    assert_eq!(
        preview.columns[0].note.as_deref(),
        Some("Mentordesk has no field for this column.")
    );
    assert_eq!(
        (
            preview.total_rows,
            preview.valid_rows,
            preview.existing_rows
        ),
        (6, 4, 1)
    );
    let errors: Vec<(u32, &str, &str)> = preview
        .errors
        .iter()
        .map(|e| (e.row, e.email.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (4, "grace@example.com", "The last name is missing."),
            (5, "hopper@example.com", "The first name is missing."),
        ]
    );
    assert_eq!(rows(&preview.existing), vec![7]);
    let sample: Vec<(&str, &str)> = preview
        .sample
        .iter()
        .map(|r| (r.first_name.as_str(), r.last_name.as_str()))
        .collect();
    assert_eq!(
        sample,
        vec![
            ("Mary Ann", "van der Berg"),
            ("José Luis", "García Márquez"),
            ("Ada", "King, Countess of Lovelace"),
        ]
    );

    let result = admin
        .imports_run(file("hr-export.csv", HR_EXPORT.as_bytes()))
        .await
        .unwrap();
    assert_eq!(
        (result.total_rows, result.imported, result.skipped_existing),
        (6, 3, 1)
    );
    assert_eq!(result.errors, preview.errors);
    // The names are stored as the file has them: nothing split or guessed.
    assert_eq!(
        strings(
            &admin,
            "SELECT u.email || ' ' || p.first_name || '|' || p.last_name || ' ' || p.time_zone \
             FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.password_hash = '' ORDER BY u.email"
        )
        .await,
        vec![
            "ada.king@example.com Ada|King, Countess of Lovelace UTC",
            "joseluis@example.com José Luis|García Márquez America/Mexico_City",
            "mary.vanderberg@example.com Mary Ann|van der Berg Europe/Amsterdam",
        ]
    );
    // The admin's own name is untouched by their row.
    assert_eq!(
        strings(
            &admin,
            "SELECT p.first_name || '|' || p.last_name FROM users u JOIN profiles p ON p.user_id = u.id \
             WHERE u.email = 'admin@example.org'"
        )
        .await,
        vec!["Ada|Admin"]
    );

    // The codes file names each person as first and last name.
    let codes = read_codes(&result.codes_file.clone().expect("a codes file").path);
    let names: Vec<(&str, &str)> = codes
        .iter()
        .map(|(name, email, _)| (name.as_str(), email.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Mary Ann van der Berg", "mary.vanderberg@example.com"),
            ("José Luis García Márquez", "joseluis@example.com"),
            ("Ada King, Countess of Lovelace", "ada.king@example.com"),
        ]
    );

    // The errors file points at the rows and the name that is missing.
    let exported = admin
        .imports_errors_export(ImportRef {
            import_id: result.import_id,
        })
        .await
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(&exported.path).unwrap(),
        "\u{FEFF}row,email,reason\r\n\
         4,grace@example.com,The last name is missing.\r\n\
         5,hopper@example.com,The first name is missing.\r\n"
    );

    // Mary Ann signs in with her code and is “Mary Ann” “van der Berg”.
    let mary = ws.open().await;
    mary.accounts_reset_with_code(ResetWithCode {
        email: "mary.vanderberg@example.com".into(),
        code: codes[0].2.clone(),
        new_password: PASSWORD.into(),
    })
    .await
    .unwrap();
    let me = mary
        .accounts_sign_in(SignIn {
            email: "mary.vanderberg@example.com".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    assert_eq!(
        (me.first_name.as_str(), me.last_name.as_str()),
        ("Mary Ann", "van der Berg")
    );
    assert_eq!(me.display_name(), "Mary Ann van der Berg");
}

#[tokio::test]
async fn first_and_last_name_columns_are_used_over_a_display_name_column() {
    let (_ws, admin) = workspace().await;
    // As a directory export has it: a display name beside the first and last name.
    let export = concat!(
        "Display name,User principal name,First name,Last name,Email\r\n",
        "\"Lovelace, Ada (Contractor)\",ada@corp.example,Ada,Lovelace,ada@example.com\r\n",
    );
    let preview = admin
        .imports_preview(file("directory.csv", export.as_bytes()))
        .await
        .unwrap();
    assert_eq!(preview.columns[0].field, None);
    assert_eq!(
        preview.columns[0].note.as_deref(),
        Some("The names come from the “First name” and “Last name” columns.")
    );
    assert_eq!(preview.columns[2].field, Some(ImportField::FirstName));
    assert_eq!(preview.columns[3].field, Some(ImportField::LastName));
    let result = admin
        .imports_run(file("directory.csv", export.as_bytes()))
        .await
        .unwrap();
    assert_eq!(result.imported, 1);
    assert_eq!(
        strings(
            &admin,
            "SELECT p.first_name || '|' || p.last_name FROM users u JOIN profiles p ON p.user_id = u.id \
             WHERE u.email = 'ada@example.com'"
        )
        .await,
        vec!["Ada|Lovelace"]
    );
}

#[tokio::test]
async fn bad_files_and_callers_write_nothing() {
    let (ws, admin) = workspace().await;
    let before = snapshot(&admin).await;

    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_eq!(
        file_error(admin.imports_run(file("photo.png", png)).await),
        "“photo.png” is not a CSV file: save it as CSV (UTF-8) and try again."
    );
    assert_eq!(
        file_error(admin.imports_run(file("people.csv", b"")).await),
        "The file has no rows to import."
    );
    assert_eq!(
        file_error(
            admin
                .imports_run(file("people.csv", b"name,email\r\n"))
                .await
        ),
        "The file has no rows to import."
    );
    assert_eq!(
        file_error(
            admin
                .imports_run(file(
                    "people.csv",
                    b"First Name,Email,shoe size\nAda,ada@example.com,38\n"
                ))
                .await
        ),
        "The file has a first name column (“First Name”) but no last name column: add a column headed “last name”, or put the whole name in one column headed “name”."
    );
    assert_eq!(
        file_error(
            admin
                .imports_run(ImportFile {
                    file_name: "people.csv".into(),
                    content_base64: "not base64 at all!".into(),
                })
                .await
        ),
        "“people.csv” did not arrive whole: choose the file again."
    );
    // 100 MB, refused on the base64's length before anything is decoded.
    let huge = ImportFile {
        file_name: "everyone.csv".into(),
        content_base64: "A".repeat(100 * 1024 * 1024 / 3 * 4),
    };
    let message = file_error(admin.imports_run(huge.clone()).await);
    assert!(
        message
            .starts_with("The file is 100.0 MB; the most Mentordesk can import at once is 20 MB."),
        "{message}"
    );
    assert_eq!(file_error(admin.imports_preview(huge).await), message);
    assert_eq!(snapshot(&admin).await, before);

    // Someone without users.manage: forbidden, before the file is even read.
    let (mentee, _) = ws.mentee("mina@example.org").await;
    let before = snapshot(&admin).await;
    for result in [
        mentee
            .imports_run(file("people.csv", MIXED.as_bytes()))
            .await
            .map(|_| ()),
        mentee
            .imports_preview(file("people.csv", MIXED.as_bytes()))
            .await
            .map(|_| ()),
        mentee.imports_list().await.map(|_| ()),
    ] {
        assert_eq!(result.unwrap_err().code, ErrorCode::Forbidden);
    }
    assert_eq!(snapshot(&admin).await, before);
    assert!(admin.imports_list().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_failure_midway_leaves_nothing() {
    let (ws, admin) = workspace().await;
    let before = snapshot(&admin).await;
    // Downloads is a file, so the codes file cannot be written after every account is.
    let blocked = ws.path().join("not-a-folder");
    std::fs::write(&blocked, b"x").unwrap();
    let app = ws.open().await.with_downloads_dir(blocked.clone());
    app.accounts_sign_in(SignIn {
        email: "admin@example.org".into(),
        password: PASSWORD.into(),
    })
    .await
    .unwrap();
    let err = app
        .imports_run(file("people.csv", MIXED.as_bytes()))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Unavailable, "{err:?}");
    // The sign-in above wrote its audit entry; nothing else changed.
    let mut after = snapshot(&admin).await;
    after[8] -= 1;
    assert_eq!(after, before);
    assert_eq!(std::fs::read(&blocked).unwrap(), b"x");
}

#[tokio::test]
async fn large_files_report_progress_chunk_by_chunk_up_to_the_total() {
    let (_ws, admin) = workspace().await;
    let mut text = String::from("name,email,roles,programme,tags\n");
    for i in 0..2_500 {
        text.push_str(&format!(
            "Person {i},p{i}@example.com,{},Women in Tech,\"topic {}, shared\"\n",
            if i % 10 == 0 { "mentor" } else { "mentee" },
            i % 7
        ));
    }
    text.push_str("Bad,bad,,,\n");
    let mut progress = admin.subscribe_import_progress();
    let result = admin
        .imports_run(file("big.csv", text.as_bytes()))
        .await
        .unwrap();
    assert_eq!((result.imported, result.errors.len()), (2_500, 1));
    let mut seen = Vec::new();
    while let Ok(p) = progress.try_recv() {
        seen.push((p.done, p.total));
    }
    assert_eq!(
        seen,
        vec![(0, 2_500), (1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]
    );
    assert_eq!(count(&admin, "users").await, 2_501);
    assert_eq!(count(&admin, "programme_members").await, 2 + 2_500);
    assert_eq!(count(&admin, "tags").await, 8);
    assert_eq!(count(&admin, "profile_tags").await, 5_000);
    assert_eq!(count(&admin, "password_resets").await, 2_500);
    let codes = read_codes(&result.codes_file.unwrap().path);
    assert_eq!(codes.len(), 2_500);
    let distinct: std::collections::HashSet<&str> =
        codes.iter().map(|(_, _, c)| c.as_str()).collect();
    assert_eq!(distinct.len(), 2_500);

    // An import with nothing to create reports 0 of 0, and has no errors to export.
    let result = admin
        .imports_run(file("again.csv", b"name,email\nAda,admin@example.org\n"))
        .await
        .unwrap();
    assert_eq!((result.imported, result.skipped_existing), (0, 1));
    assert_eq!(
        progress.try_recv().unwrap(),
        ImportProgress { done: 0, total: 0 }
    );
    let err = admin
        .imports_errors_export(ImportRef {
            import_id: result.import_id,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
}

#[tokio::test]
async fn a_full_programme_takes_no_more_mentees_and_archived_ones_nobody() {
    let (_ws, admin) = Workspace::with_admin().await;
    programme(&admin, "Small Circle", Some(2)).await;
    let pilot = programme(&admin, "Pilot 2024", None).await;
    admin
        .programmes_set_status(mentordesk_shared::programmes::ProgrammeStatusChange {
            id: pilot.summary.id,
            status: mentordesk_shared::programmes::ProgrammeStatus::Archived,
        })
        .await
        .unwrap();
    let text = "name,email,roles,programme\n\
                A One,a@example.com,mentee,Small Circle\n\
                B Two,b@example.com,mentor,Small Circle\n\
                C Three,c@example.com,,Small Circle\n\
                D Four,d@example.com,,Small Circle\n\
                E Five,e@example.com,,pilot 2024\n";
    let preview = admin
        .imports_preview(file("circle.csv", text.as_bytes()))
        .await
        .unwrap();
    let result = admin
        .imports_run(file("circle.csv", text.as_bytes()))
        .await
        .unwrap();
    assert_eq!(result.errors, preview.errors);
    assert_eq!(result.imported, 3);
    assert_eq!(
        result.errors,
        vec![
            RowError {
                row: 5,
                email: "d@example.com".into(),
                reason: "The programme “Small Circle” is full: it takes 2 mentees.".into()
            },
            RowError {
                row: 6,
                email: "e@example.com".into(),
                reason: "The programme “Pilot 2024” is archived: nobody can join it any more."
                    .into()
            }
        ]
    );
    // The next import finds the programme full already.
    let result = admin
        .imports_run(file(
            "late.csv",
            b"name,email\nLate Comer,late@example.com\n",
        ))
        .await
        .unwrap();
    assert_eq!(result.imported, 1, "no programme, no limit");
    let result = admin
        .imports_run(file(
            "later.csv",
            b"name,email,programme\nLater Comer,later@example.com,Small Circle\n",
        ))
        .await
        .unwrap();
    assert_eq!(result.imported, 0);
    assert_eq!(result.errors.len(), 1);
}

/// A workspace whose first admin has not been created cannot import (nobody is signed in).
#[tokio::test]
async fn signed_out_callers_are_asked_to_sign_in() {
    let ws = Workspace::new();
    let app = ws.open().await;
    let err = app
        .imports_run(file("people.csv", MIXED.as_bytes()))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Unauthenticated);
    app.accounts_create_first_admin(CreateFirstAdmin {
        email: "admin@example.org".into(),
        password: PASSWORD.into(),
        first_name: "Ada".into(),
        last_name: "Admin".into(),
    })
    .await
    .unwrap();
    assert!(app.imports_list().await.unwrap().is_empty());
}
