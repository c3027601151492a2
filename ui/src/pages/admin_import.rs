//! Administration → Import people: pick a CSV file, see how its columns map and which rows
//! will import, import with a progress bar, then save the set-password codes' file and any
//! errors; past imports below.
//!
//! Element ids: `import-file` (file input), `error-file`; the preview `#import-preview`
//! with `table.column-map` (rows `tr[data-header]` with `data-field`, the field's snake_case
//! key such as `first_name`, or `none`; `.not-imported` for a column that is not imported,
//! its reason in `.column-note`), `#import-unmapped` (fields the file has no column for),
//! `import-counts`, `table.import-errors` (rows `tr[data-row]`),
//! `import-run`, `import-cancel`; `import-progress` (`progress` element); the result
//! `#import-result` with `import-codes-path`, `import-errors-save`; history
//! `tr.import-history-row[data-import-id]` with `.import-history-errors`.

use crate::api;
use crate::components::forms::FieldError;
use crate::components::icon::Icon;
use crate::components::layout::{Loading, PageHeader};
use crate::state::use_app;
use crate::util::{first_file, format_size, read_file, relative_time, reset_file_input};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::ids::ImportId;
use mentordesk_shared::imports::*;
use mentordesk_shared::ApiError;

/// The biggest file the app accepts (the core checks it too).
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;
/// Rows of problems shown on screen; all of them are in the saved CSV.
const ROWS_SHOWN: usize = 200;

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn save_errors(import_id: ImportId) {
    let state = use_app();
    spawn_local(async move {
        match api::imports_errors_export(ImportRef { import_id }).await {
            Ok(saved) => state.toast(format!("Errors saved to {}", saved.path)),
            Err(err) => state.toast_error(err.message),
        }
    });
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_app();
    let file = RwSignal::new(None::<ImportFile>);
    let preview = RwSignal::new(None::<ImportPreview>);
    let result = RwSignal::new(None::<ImportResult>);
    let errors = RwSignal::new(None::<ApiError>);
    let reading = RwSignal::new(false);
    let running = RwSignal::new(false);
    let history_version = RwSignal::new(0u32);
    let history = LocalResource::new(move || {
        history_version.get();
        api::imports_list()
    });
    let pick = move |ev: leptos::ev::Event| {
        let Some(picked) = first_file(&ev) else {
            return;
        };
        reset_file_input(&ev);
        preview.set(None);
        result.set(None);
        errors.set(None);
        if picked.size() > MAX_BYTES {
            errors.set(Some(ApiError::field(
                "file",
                format!(
                    "{} is {}; Mentordesk imports files up to 20 MB (about 200,000 people). Split it and import the parts.",
                    picked.name(),
                    format_size(picked.size())
                ),
            )));
            return;
        }
        reading.set(true);
        spawn_local(async move {
            match read_file(picked).await {
                Ok(f) => {
                    let req = ImportFile {
                        file_name: f.name,
                        content_base64: f.base64,
                    };
                    match api::imports_preview(req.clone()).await {
                        Ok(p) => {
                            file.set(Some(req));
                            preview.set(Some(p));
                        }
                        Err(err) => errors.set(Some(err)),
                    }
                }
                Err(message) => errors.set(Some(ApiError::field("file", message))),
            }
            reading.set(false);
        });
    };
    let run = move |_| {
        let Some(req) = file.get_untracked() else {
            return;
        };
        running.set(true);
        state.import_progress.set(None);
        spawn_local(async move {
            match api::imports_run(req).await {
                Ok(r) => {
                    state.toast(format!(
                        "Imported {}",
                        plural(r.imported, "person", "people")
                    ));
                    result.set(Some(r));
                    preview.set(None);
                    file.set(None);
                    history_version.update(|v| *v += 1);
                }
                Err(err) => errors.set(Some(err)),
            }
            running.set(false);
        });
    };
    let cancel = move |_| {
        preview.set(None);
        file.set(None);
    };
    let progress = move || {
        running.get().then(|| {
            let (done, total) = state
                .import_progress
                .get()
                .map_or((0, 0), |p| (p.done, p.total));
            let text = if total == 0 {
                "Checking the file…".to_string()
            } else {
                format!("{done} of {total} accounts written")
            };
            view! {
                <div class="import-progress card" id="import-progress" role="status">
                    <progress max=total.max(1) value=done></progress>
                    <span>{text}</span>
                </div>
            }
        })
    };
    view! {
        <div class="page import-page">
            <PageHeader
                title="Import people"
                subtitle="Create accounts from a CSV file: each person gets a one-time code to set their own password."
            />
            <section class="card import-pick">
                <div class="field" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message("file").is_some()))>
                    <label for="import-file">"CSV file"</label>
                    <input type="file" id="import-file" accept=".csv,text/csv" disabled=move || running.get() on:change=pick />
                    <p class="hint">
                        "Columns: " <strong>"name"</strong> " (or " <strong>"first name"</strong> " and "
                        <strong>"last name"</strong> ") and " <strong>"email"</strong>
                        " (required), and optionally roles (mentee, mentor, programme manager; several separated by ;), programme, tags and time zone. The first row names the columns; other columns are listed in the preview and not imported."
                    </p>
                    <FieldError errors=errors field="file" />
                </div>
                {move || errors.with(|e| e.as_ref().filter(|e| e.field_message("file").is_none()).map(|e| view! { <div class="form-error" role="alert">{e.message.clone()}</div> }))}
                {move || reading.get().then(|| view! { <Loading label="Reading the file…" /> })}
            </section>
            {move || preview.get().map(|p| view! { <Preview preview=p running=running on_run=Callback::new(run) on_cancel=Callback::new(cancel) /> })}
            {progress}
            {move || result.get().map(|r| view! { <ImportOutcome result=r /> })}
            <section class="card">
                <h2>"Past imports"</h2>
                {move || match history.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                    Some(Ok(items)) if items.is_empty() => view! { <p class="muted">"No imports yet."</p> }.into_any(),
                    Some(Ok(items)) => view! {
                        <div class="table-scroll">
                            <table class="table" id="import-history">
                                <caption class="visually-hidden">"Past imports"</caption>
                                <thead><tr>
                                    <th scope="col">"File"</th>
                                    <th scope="col" class="num">"Rows"</th>
                                    <th scope="col" class="num">"Imported"</th>
                                    <th scope="col" class="num">"Already there"</th>
                                    <th scope="col" class="num">"Errors"</th>
                                    <th scope="col">"By"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr></thead>
                                <tbody>
                                    {items.into_iter().map(|i| {
                                        let id = i.id;
                                        let has_errors = i.error_count > 0;
                                        view! {
                                            <tr class="import-history-row" data-import-id=id.to_string()>
                                                <th scope="row">{i.file_name.clone()}</th>
                                                <td class="num">{i.total_rows}</td>
                                                <td class="num">{i.imported}</td>
                                                <td class="num">{i.skipped_existing}</td>
                                                <td class="num">{i.error_count}</td>
                                                <td>{i.imported_by.clone().unwrap_or_else(|| "—".into())}<div class="faint small">{relative_time(i.imported_at)}</div></td>
                                                <td class="row-actions">
                                                    <Show when=move || has_errors>
                                                        <button type="button" class="button button-secondary button-sm import-history-errors" on:click=move |_| save_errors(id)>
                                                            <Icon name="download" /><span>"Errors (CSV)"</span>
                                                        </button>
                                                    </Show>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }}
            </section>
        </div>
    }
}

/// The field's key as it crosses IPC (`first_name`), for `data-field`.
fn field_key(field: ImportField) -> String {
    serde_json::to_value(field)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What the file has no column for, and what those people get instead; `None` when every
/// optional field has a column.
fn unmapped_fields(columns: &[ColumnMapping]) -> Option<String> {
    let has = |field: ImportField| columns.iter().any(|c| c.field == Some(field));
    let missing: Vec<&str> = [
        (ImportField::Roles, "roles (everyone is a mentee)"),
        (ImportField::Programme, "programme"),
        (ImportField::Tags, "tags"),
        (
            ImportField::TimeZone,
            "time zone (UTC until each person sets theirs)",
        ),
    ]
    .into_iter()
    .filter(|(field, _)| !has(*field))
    .map(|(_, text)| text)
    .collect();
    (!missing.is_empty()).then(|| format!("Not in this file: {}.", missing.join(", ")))
}

fn problems_table(rows: Vec<RowError>, class: &'static str) -> impl IntoView {
    let more = rows.len().saturating_sub(ROWS_SHOWN);
    view! {
        <div class="table-scroll problems">
            <table class=format!("table {class}")>
                <thead><tr>
                    <th scope="col" class="num">"Row"</th>
                    <th scope="col">"E-mail"</th>
                    <th scope="col">"Reason"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().take(ROWS_SHOWN).map(|e| view! {
                        <tr data-row=e.row>
                            <td class="num">{e.row}</td>
                            <td>{e.email}</td>
                            <td>{e.reason}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(more > 0).then(|| view! { <p class="faint small">{format!("…and {more} more, all in the errors file.")}</p> })}
        </div>
    }
}

#[component]
fn Preview(
    preview: ImportPreview,
    running: RwSignal<bool>,
    on_run: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let creating = preview.valid_rows - preview.existing_rows;
    let errors = preview.errors.clone();
    let existing = preview.existing.clone();
    let error_count = errors.len() as u32;
    view! {
        <section class="card" id="import-preview">
            <div class="card-title-row">
                <div>
                    <h2>{format!("Preview of {}", preview.file_name)}</h2>
                    <p class="muted" id="import-counts">{format!(
                        "{} · {} will be created · {} already {} an account · {}",
                        plural(preview.total_rows, "row", "rows"),
                        creating,
                        preview.existing_rows,
                        if preview.existing_rows == 1 { "has" } else { "have" },
                        plural(error_count, "row with a problem", "rows with problems"),
                    )}</p>
                </div>
            </div>
            <h3>"Columns"</h3>
            <table class="table column-map">
                <caption class="visually-hidden">"How the file's columns are read"</caption>
                <thead><tr><th scope="col">"Column in the file"</th><th scope="col">"Imported as"</th></tr></thead>
                <tbody>
                    {preview.columns.iter().map(|c| {
                        let field = c.field.filter(|f| *f != ImportField::Ignored);
                        let key = field.map_or("none".to_string(), field_key);
                        let label = field.map_or(ImportField::Ignored.label(), |f| f.label());
                        view! {
                            <tr data-header=c.header.clone() data-field=key class:not-imported=field.is_none()>
                                <th scope="row">{if c.header.is_empty() { "(no header)".to_string() } else { c.header.clone() }}</th>
                                <td>
                                    {if field.is_some() {
                                        view! { <strong>{label}</strong> }.into_any()
                                    } else {
                                        view! { <span class="muted">{label}</span> }.into_any()
                                    }}
                                    {c.note.clone().map(|note| view! { <div class="column-note hint">{note}</div> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {unmapped_fields(&preview.columns).map(|text| view! { <p class="muted small" id="import-unmapped">{text}</p> })}
            {(!preview.sample.is_empty()).then(|| view! {
                <h3>"First people to be created"</h3>
                <div class="table-scroll">
                    <table class="table import-sample">
                        <thead><tr>
                            <th scope="col" class="num">"Row"</th>
                            <th scope="col">"First name"</th>
                            <th scope="col">"Last name"</th>
                            <th scope="col">"E-mail"</th>
                            <th scope="col">"Roles"</th>
                            <th scope="col">"Programme"</th>
                            <th scope="col">"Tags"</th>
                        </tr></thead>
                        <tbody>
                            {preview.sample.into_iter().map(|r| view! {
                                <tr>
                                    <td class="num">{r.row}</td>
                                    <td>{r.first_name}</td>
                                    <td>{r.last_name}</td>
                                    <td>{r.email}</td>
                                    <td>{r.roles.join(", ")}</td>
                                    <td>{r.programme.unwrap_or_default()}</td>
                                    <td>{r.tags.join(", ")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {(!errors.is_empty()).then(|| view! {
                <h3 class="danger-text">{plural(error_count, "row will not be imported", "rows will not be imported")}</h3>
                {problems_table(errors, "import-errors")}
            })}
            {(!existing.is_empty()).then(|| view! {
                <h3>{plural(existing.len() as u32, "row already has an account", "rows already have an account")}</h3>
                {problems_table(existing, "import-existing")}
            })}
            <div class="dialog-actions">
                <button type="button" class="button button-secondary" id="import-cancel" disabled=move || running.get()
                    on:click=move |_| on_cancel.run(())>"Choose another file"</button>
                <button type="button" class="button button-primary" id="import-run" disabled=move || running.get() || creating == 0
                    on:click=move |_| on_run.run(())>
                    <Icon name="user-plus" />
                    <span>{move || if running.get() { "Importing…".to_string() } else { format!("Import {}", plural(creating, "person", "people")) }}</span>
                </button>
            </div>
        </section>
    }
}

#[component]
fn ImportOutcome(result: ImportResult) -> impl IntoView {
    let id = result.import_id;
    let has_errors = !result.errors.is_empty();
    let errors = result.errors.clone();
    view! {
        <section class="card import-result" id="import-result">
            <h2>{format!("Imported {}", plural(result.imported, "person", "people"))}</h2>
            <p class="muted">{format!(
                "{} of {}: {} created, {} already had an account, {} not imported.",
                result.file_name,
                plural(result.total_rows, "row", "rows"),
                result.imported,
                result.skipped_existing,
                result.errors.len()
            )}</p>
            {result.codes_file.map(|f| view! {
                <div class="callout">
                    <Icon name="shield" />
                    <div>
                        <p><strong>"Set-password codes"</strong>" — give each person their code; it works once, until "
                            {result.codes_expire_at.with_timezone(&chrono::Local).format("%-d %b %Y").to_string()} "."</p>
                        <p class="small">"Saved to " <code id="import-codes-path">{f.path}</code> ". They are not shown anywhere else."</p>
                    </div>
                </div>
            })}
            {has_errors.then(|| view! {
                {problems_table(errors, "import-errors")}
                <button type="button" class="button button-secondary" id="import-errors-save" on:click=move |_| save_errors(id)>
                    <Icon name="download" /><span>"Save the errors as CSV"</span>
                </button>
            })}
        </section>
    }
}
