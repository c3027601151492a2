//! The admin's bulk import of people from a CSV file (seed 002 BulkUploads): a preview
//! that writes nothing, the import itself, its progress, and the history of imports.
//!
//! The rules are `core::imports`; this module decodes the upload, asks the database what
//! the rows refer to (roles an import may grant, programmes, addresses that already have
//! an account) and writes the accounts.
//!
//! An import is one transaction: a file the core refuses writes nothing, and a failure
//! midway (a full disk, the codes file unwritable) leaves nothing either. Inside it, the
//! accounts are written [`IMPORT_CHUNK`] at a time as multi-row inserts, and after each
//! chunk an [`ImportProgress`] goes out on [`Mentordesk::subscribe_import_progress`].
//! Each account gets a one-time set-password code (a reset code valid for 14 days, stored
//! as a digest); the codes are shown once, in a CSV file the import saves in Downloads.

use crate::{blocking, Mentordesk, Result};
use base64::Engine;
use mentordesk_core::imports::{
    self as rules, CodeLine, Known, ParsedImport, Plan, WorkspaceProgramme, WorkspaceRole,
};
use mentordesk_core::policy::Command;
use mentordesk_core::reset_codes;
use mentordesk_db::imports::{self as repo, ImportedAccount, NewImport};
use mentordesk_db::{accounts as users_repo, audit, Db, SqliteConnection};
use mentordesk_shared::ids::ImportId;
use mentordesk_shared::imports::*;
use mentordesk_shared::ApiError;
use std::collections::HashMap;

/// Accounts written between two progress reports.
pub const IMPORT_CHUNK: usize = 1_000;

/// How many past imports the history shows.
const HISTORY_MAX: u32 = 500;

/// The zone of an imported person whose row names none (as at sign-up).
const DEFAULT_TIME_ZONE: &str = "UTC";

/// The upload's cleaned name and its bytes. The size is checked on the base64's length,
/// before anything is decoded.
fn decode(req: &ImportFile) -> Result<(String, Vec<u8>)> {
    let file_name = rules::clean_file_name(&req.file_name);
    let mut content = req.content_base64.trim();
    // A data URL, as FileReader.readAsDataURL gives it.
    if content.starts_with("data:") {
        if let Some((_, rest)) = content.split_once(";base64,") {
            content = rest;
        }
    }
    rules::check_size(content.len() / 4 * 3)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|_| {
            ApiError::field(
                "file",
                format!("“{file_name}” did not arrive whole: choose the file again."),
            )
        })?;
    Ok((file_name, bytes))
}

/// What rows may refer to (see [`Known::for_workspace`]), and every role's id by key.
async fn read_known(conn: &mut SqliteConnection) -> Result<(Known, HashMap<String, String>)> {
    let roles = users_repo::list_roles(&mut *conn).await?;
    let programmes = repo::programmes(&mut *conn).await?;
    let workspace_roles: Vec<WorkspaceRole<'_>> = roles
        .iter()
        .map(|r| WorkspaceRole {
            key: &r.key,
            name: &r.name,
            permissions: &r.permissions,
        })
        .collect();
    let workspace_programmes: Vec<WorkspaceProgramme<'_>> = programmes
        .iter()
        .map(|p| WorkspaceProgramme {
            id: &p.id,
            name: &p.name,
            archived: p.archived,
            max_mentees: p
                .max_mentees
                .map(|m| m.clamp(0, i64::from(u32::MAX)) as u32),
            mentees: p.mentees.clamp(0, i64::from(u32::MAX)) as u32,
        })
        .collect();
    let known = Known::for_workspace(&workspace_roles, &workspace_programmes);
    let ids = roles
        .iter()
        .map(|r| (r.key.clone(), r.id.to_string()))
        .collect();
    Ok((known, ids))
}

/// Validates the parsed rows against `known` off the async runtime, then sets aside the
/// rows whose e-mail already has an account (one query for the whole file).
async fn make_plan(
    conn: &mut SqliteConnection,
    parsed: ParsedImport,
    known: Known,
) -> Result<(ParsedImport, Plan)> {
    let (parsed, validated, known) = blocking(move || {
        let validated = rules::validate(&parsed, &known);
        Ok((parsed, validated, known))
    })
    .await?;
    let keys: Vec<&str> = validated
        .rows
        .iter()
        .map(|r| r.email_key.as_str())
        .collect();
    let existing = repo::existing_email_keys(conn, &keys).await?;
    Ok((parsed, rules::plan(validated, &existing, &known)))
}

/// What an account needs besides its row (which has its first and last name): an id and
/// its set-password code (the code itself only goes into the codes file).
struct NewAccount {
    id: String,
    code: String,
    code_digest: String,
    code_id: String,
}

impl Mentordesk {
    /// Reads the file and says what an import would do with each row; writes nothing.
    pub async fn imports_preview(&self, req: ImportFile) -> Result<ImportPreview> {
        self.require(Command::ImportsPreview).await?;
        let (file_name, bytes) = decode(&req)?;
        drop(req);
        let parsed = blocking(move || rules::parse(&file_name, &bytes)).await?;
        let mut conn = self.db.read().await?;
        let (known, _) = read_known(&mut conn).await?;
        let (parsed, plan) = make_plan(&mut conn, parsed, known).await?;
        Ok(rules::preview(&parsed, &plan))
    }

    /// Imports the file: one account per valid row whose e-mail has none yet, each with
    /// its profile, roles, programme membership, interests, time zone and a one-time
    /// set-password code; the codes go to `<file stem> — set-password codes.csv` in
    /// Downloads. Rows with errors are reported, not imported.
    pub async fn imports_run(&self, req: ImportFile) -> Result<ImportResult> {
        let actor = self.require(Command::ImportsRun).await?;
        let (file_name, bytes) = decode(&req)?;
        drop(req);
        let (parsed, digest) = blocking(move || {
            let parsed = rules::parse(&file_name, &bytes)?;
            Ok((parsed, rules::content_digest(&bytes)))
        })
        .await?;
        let file_name = parsed.file_name.clone();
        let now = self.now();
        let codes_expire_at = now + reset_codes::set_password_validity();

        let mut tx = self.db.write().await?;
        let (known, role_ids) = read_known(&mut tx).await?;
        let (parsed, plan) = make_plan(&mut tx, parsed, known).await?;
        let total_rows = parsed.total_rows();
        drop(parsed);

        // Ids and codes: CPU work (a SHA-256 per code), off the runtime.
        let (plan, accounts) = blocking(move || {
            let accounts: Vec<NewAccount> = plan
                .create
                .iter()
                .map(|_| {
                    let code = reset_codes::generate();
                    NewAccount {
                        id: uuid::Uuid::now_v7().to_string(),
                        code_digest: reset_codes::digest(&code),
                        code,
                        code_id: mentordesk_db::new_id(),
                    }
                })
                .collect();
            Ok((plan, accounts))
        })
        .await?;

        let tag_names: Vec<&str> = plan
            .create
            .iter()
            .flat_map(|row| row.tags.iter().map(String::as_str))
            .collect();
        let tag_ids = repo::ensure_tags(&mut tx, &tag_names, now).await?;
        drop(tag_names);

        let total = plan.create.len() as u32;
        self.report_import_progress(ImportProgress { done: 0, total });
        let mut done = 0;
        for (rows, new) in plan
            .create
            .chunks(IMPORT_CHUNK)
            .zip(accounts.chunks(IMPORT_CHUNK))
        {
            let mut batch = Vec::with_capacity(rows.len());
            for (row, new) in rows.iter().zip(new) {
                let role_ids =
                    row.roles
                        .iter()
                        .map(|key| {
                            role_ids.get(key).map(String::as_str).ok_or_else(|| {
                                ApiError::internal(format!("The role {key} has no id."))
                            })
                        })
                        .collect::<Result<Vec<&str>>>()?;
                let interest_ids = row
                    .tags
                    .iter()
                    .map(|tag| {
                        tag_ids
                            .get(&repo::tag_key(tag))
                            .map(String::as_str)
                            .ok_or_else(|| ApiError::internal(format!("The tag {tag} has no id.")))
                    })
                    .collect::<Result<Vec<&str>>>()?;
                batch.push(ImportedAccount {
                    id: &new.id,
                    email: row.email.as_str(),
                    email_key: &row.email_key,
                    first_name: &row.first_name,
                    last_name: &row.last_name,
                    time_zone: row.time_zone.as_deref().unwrap_or(DEFAULT_TIME_ZONE),
                    role_ids,
                    programme: row
                        .programme_id
                        .as_deref()
                        .map(|id| (id, row.memberships.as_slice())),
                    interest_ids,
                    code_digest: &new.code_digest,
                    code_id: &new.code_id,
                });
            }
            repo::insert_accounts(&mut tx, &batch, actor.user, now, codes_expire_at).await?;
            done += rows.len() as u32;
            self.report_import_progress(ImportProgress { done, total });
        }

        let import_id = ImportId(uuid::Uuid::now_v7());
        let skipped_existing = plan.existing.len() as u32;
        repo::insert_import(
            &mut tx,
            &NewImport {
                id: import_id,
                file_name: &file_name,
                content_sha256: &digest,
                total_rows,
                imported: total,
                skipped_existing,
                errors: &plan.errors,
                by: actor.user,
                at: now,
            },
        )
        .await?;
        audit::record(
            &mut tx,
            now,
            Some(actor.user),
            "people_imported",
            None,
            &format!(
                "{file_name}: {total} imported, {skipped_existing} skipped (already had an account), {} with errors",
                plan.errors.len()
            ),
        )
        .await?;

        // The codes file is written before the commit and removed if the commit fails:
        // accounts whose codes were never shown would need a reset code each.
        let codes_path = if accounts.is_empty() {
            None
        } else {
            let lines: Vec<CodeLine<'_>> = plan
                .create
                .iter()
                .zip(&accounts)
                .map(|(row, new)| CodeLine {
                    name: &row.name,
                    email: row.email.as_str(),
                    code: &new.code,
                })
                .collect();
            let text = rules::codes_csv(&lines);
            drop(lines);
            Some(
                self.files
                    .save_download(
                        &self.downloads_dir,
                        &rules::codes_file_name(&file_name),
                        text.into_bytes(),
                    )
                    .await?,
            )
        };
        if let Err(e) = Db::commit(tx).await {
            if let Some(path) = &codes_path {
                let _ = tokio::fs::remove_file(path).await;
            }
            return Err(e);
        }

        Ok(ImportResult {
            import_id,
            codes_file: codes_path.as_deref().map(|path| {
                crate::files::saved_document(path, &rules::codes_file_name(&file_name))
            }),
            file_name,
            total_rows,
            imported: total,
            skipped_existing,
            errors: plan.errors,
            skipped: plan.existing,
            codes_expire_at,
        })
    }

    /// Past imports, newest first.
    pub async fn imports_list(&self) -> Result<Vec<ImportSummary>> {
        self.require(Command::ImportsList).await?;
        let mut conn = self.db.read().await?;
        repo::list(&mut conn, HISTORY_MAX).await
    }

    /// Saves an import's rejected rows as CSV (`<file stem> — errors.csv`, see
    /// `core::imports::errors_csv`) in Downloads, to fix and import again.
    pub async fn imports_errors_export(
        &self,
        req: ImportRef,
    ) -> Result<mentordesk_shared::admin::SavedDocument> {
        self.require(Command::ImportsErrorsExport).await?;
        let (file_name, errors) = {
            let mut conn = self.db.read().await?;
            repo::errors_of(&mut conn, req.import_id)
                .await?
                .ok_or_else(|| ApiError::not_found("This import"))?
        };
        if errors.is_empty() {
            return Err(ApiError::conflict(
                "Every row of this import was imported or skipped: there are no errors to save.",
            ));
        }
        let name = rules::errors_file_name(&file_name);
        let path = self
            .files
            .save_download(
                &self.downloads_dir,
                &name,
                rules::errors_csv(&errors).into_bytes(),
            )
            .await?;
        Ok(crate::files::saved_document(&path, &name))
    }

    /// Progress of running imports ([`ImportProgress`]: accounts written out of the
    /// accounts to create; the last report of an import has `done == total`), for the
    /// shell to forward to the UI as an event. Like [`Mentordesk::subscribe`]: a receiver
    /// that falls behind skips to the newest reports.
    pub fn subscribe_import_progress(&self) -> tokio::sync::broadcast::Receiver<ImportProgress> {
        self.import_progress.subscribe()
    }

    fn report_import_progress(&self, progress: ImportProgress) {
        // Nobody listening (tests, the bench) is fine.
        let _ = self.import_progress.send(progress);
    }
}
