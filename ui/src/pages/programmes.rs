//! Programmes: the list (mine and open to apply), one programme with its overview, members,
//! applications and matches, and the dialogs to create or edit a programme, apply, and
//! propose a match from ranked suggestions.
//!
//! Element ids:
//! - the list: `programme-tab-mine`, `programme-tab-open`, `programme-search`, `new-programme`
//!   (people with `programmes.create`), `programmes-empty`; cards `article.programme-card`
//!   with `data-programme-id`, inside `.programme-open` (the name), `.programme-status`,
//!   `.programme-counts`, `.programme-waiting` (managers: applications and matches waiting)
//! - the programme dialog: `programme-name`, `programme-description`, `programme-accepting`,
//!   `programme-open-mentors`, `programme-open-mentees`, `programme-min-years`,
//!   `programme-hours`, `programme-max-mentees`, `programme-starts`, `programme-ends`,
//!   `programme-skills`, `programme-questions` (one per line), `programme-submit`,
//!   `programme-cancel`, `programme-error`; field errors `error-<field>`
//! - a programme: `programme-back`, `programme-title`, `programme-status`, `programme-edit`,
//!   `programme-complete`, `programme-archive` (ask first: `confirm-yes`), `programme-apply`,
//!   `programme-picture` (file input), tabs `tab-overview`, `tab-members`, `tab-applications`,
//!   `tab-matches`; members `li.member-row[data-user-id][data-role]` with `.member-remove`,
//!   the add form `member-role`, `member-picker`; applications
//!   `article.application-card[data-application-id][data-status]` with `.application-approve`,
//!   `.application-decline`, `.application-reason`; matches
//!   `article.match-card[data-match-id][data-status]` with `.match-approve`, `.match-reject`,
//!   `.match-end`, `.match-reason`; `propose-match` opens the match dialog: `match-mentee`,
//!   suggestions `li.suggestion[data-user-id]` with `.suggestion-score`, `.suggestion-pick`,
//!   `match-goal`, `match-submit`, `match-error`
//! - the apply dialog: `apply-role-mentor`, `apply-role-mentee`, `answer-<n>`, `apply-submit`,
//!   `apply-error`; field errors `error-answers.<n>`, `error-role`

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::forms::{
    send_request, CheckboxField, FieldError, FormError, TextArea, TextField,
};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::components::people_picker::PeoplePicker;
use crate::components::tabs::Tabs;
use crate::components::tag_picker::TagPicker;
use crate::state::{use_app, Page};
use crate::util::{
    first_file, format_date, read_file, reset_file_input, status_class, status_label,
};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::Permission;
use mentordesk_shared::admin::ApplicationStatus;
use mentordesk_shared::ids::{ProgrammeId, UserId};
use mentordesk_shared::programmes::*;
use mentordesk_shared::sessions::PersonBrief;
use mentordesk_shared::ApiError;

/// The core's limits, for the counters; the backend enforces them.
const DESCRIPTION_MAX: usize = 5000;
const ANSWER_MAX: usize = 2000;
const GOAL_MAX: usize = 500;
/// One field name per question (a programme asks at most 10, `programmes::QUESTIONS_MAX`).
const ANSWER_FIELDS: [&str; 10] = [
    "answers.0",
    "answers.1",
    "answers.2",
    "answers.3",
    "answers.4",
    "answers.5",
    "answers.6",
    "answers.7",
    "answers.8",
    "answers.9",
];

fn status_badge(status: ProgrammeStatus) -> impl IntoView {
    let class = match status {
        ProgrammeStatus::Active => "badge badge-success programme-status",
        ProgrammeStatus::Completed => "badge badge-info programme-status",
        ProgrammeStatus::Archived => "badge badge-muted programme-status",
    };
    view! { <span class=class data-status=status.key()>{status.label()}</span> }
}

fn match_badge(status: MatchStatus) -> impl IntoView {
    let class = match status {
        MatchStatus::Pending => "badge badge-pending",
        MatchStatus::Approved => "badge badge-success",
        MatchStatus::Rejected => "badge badge-danger",
        MatchStatus::Ended => "badge badge-muted",
    };
    view! { <span class=class>{status.label()}</span> }
}

fn application_key(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Pending => "pending",
        ApplicationStatus::Approved => "approved",
        ApplicationStatus::Declined => "declined",
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn counts_line(p: &ProgrammeSummary) -> String {
    format!(
        "{} · {} · {}",
        plural(p.mentors, "mentor", "mentors"),
        plural(p.mentees, "mentee", "mentees"),
        plural(p.active_pairs, "active pair", "active pairs")
    )
}

/// The picture, or the programme's initials on a tinted square.
fn programme_picture(name: &str, picture: Option<String>, large: bool) -> impl IntoView {
    let class = if large {
        "programme-picture programme-picture-lg"
    } else {
        "programme-picture"
    };
    match picture {
        Some(src) => {
            view! { <img class=class src=src alt=format!("Picture of {name}") /> }.into_any()
        }
        None => {
            let initials: String = name
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .take(2)
                .collect::<String>()
                .to_uppercase();
            view! { <span class=format!("{class} programme-initials") aria-hidden="true">{initials}</span> }
                .into_any()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListTab {
    Mine,
    Open,
}

const LIST_TABS: &[(ListTab, &str, &str)] = &[
    (ListTab::Mine, "My programmes", "programme-tab-mine"),
    (ListTab::Open, "Open to apply", "programme-tab-open"),
];

#[component]
fn ProgrammeCard(programme: ProgrammeSummary) -> impl IntoView {
    let state = use_app();
    let id = programme.id;
    let waiting = (programme.can_manage
        && (programme.pending_applications > 0 || programme.pending_matches > 0))
        .then(|| {
            let mut parts = Vec::new();
            if programme.pending_applications > 0 {
                parts.push(plural(
                    programme.pending_applications,
                    "application",
                    "applications",
                ));
            }
            if programme.pending_matches > 0 {
                parts.push(plural(programme.pending_matches, "match", "matches"));
            }
            view! {
                <span class="badge badge-pending programme-waiting">
                    {format!("{} waiting", parts.join(" · "))}
                </span>
            }
        });
    let managers = if programme.managers.is_empty() {
        "No manager yet".to_string()
    } else {
        format!("Run by {}", programme.managers.join(", "))
    };
    let roles = programme
        .my_roles
        .iter()
        .map(|r| view! { <span class="role-pill">{r.label()}</span> })
        .collect_view();
    let description = programme.description.clone();
    view! {
        <article
            class="card programme-card"
            data-programme-id=id.to_string()
            data-status=programme.status.key()
            on:click=move |_| state.go(Page::Programme(id))
        >
            <div class="programme-card-head">
                {programme_picture(&programme.name, programme.picture.clone(), false)}
                <div class="programme-card-title">
                    <button type="button" class="programme-open">{programme.name.clone()}</button>
                    <div class="programme-meta muted small">
                        {status_badge(programme.status)}
                        <span>{managers}</span>
                    </div>
                </div>
            </div>
            {if description.trim().is_empty() {
                view! { <p class="group-description faint">"No description yet."</p> }.into_any()
            } else {
                view! { <p class="group-description">{description}</p> }.into_any()
            }}
            <div class="group-card-foot">
                <span class="muted small programme-counts">{counts_line(&programme)}</span>
                <div class="group-card-actions">{roles}{waiting}</div>
            </div>
        </article>
    }
}

/// The programme list: mine (admins: all) and open ones to apply to.
#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let state = use_app();
    let tab = RwSignal::new(ListTab::Mine);
    let search = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let creating = RwSignal::new(false);
    let list = LocalResource::new(move || {
        version.get();
        let query = ProgrammeQuery {
            scope: match tab.get() {
                ListTab::Mine => ProgrammeScope::Mine,
                ListTab::Open => ProgrammeScope::Open,
            },
            statuses: vec![],
            text: search.get(),
        };
        async move { api::programmes_list(query).await }
    });
    let cards = move || match list.get() {
        None => view! { <Loading label="Loading programmes…" /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(items)) if items.is_empty() => {
            let (title, text) = match tab.get_untracked() {
                ListTab::Mine if state.can(Permission::ProgrammesCreate) => (
                    "No programmes yet",
                    "Create a programme, then add mentors and mentees or open it for applications.",
                ),
                ListTab::Mine => (
                    "You are not in a programme yet",
                    "Programmes taking applications are under “Open to apply”.",
                ),
                ListTab::Open => (
                    "No programme is taking applications",
                    "Programmes open for applications appear here.",
                ),
            };
            view! { <div id="programmes-empty"><EmptyState title=title text=text /></div> }
                .into_any()
        }
        Some(Ok(items)) => view! {
            <div class="group-grid" id="programmes-list">
                {items.into_iter().map(|p| view! { <ProgrammeCard programme=p /> }).collect_view()}
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="page programmes">
            <PageHeader title="Programmes" subtitle="Mentoring programmes, their people, applications and matches.">
                <Show when=move || state.can(Permission::ProgrammesCreate)>
                    <button type="button" class="button button-primary" id="new-programme" on:click=move |_| creating.set(true)>
                        <Icon name="plus" />
                        <span>"New programme"</span>
                    </button>
                </Show>
            </PageHeader>
            <Tabs current=tab tabs=LIST_TABS />
            <div class="card filters">
                <div class="search-input">
                    <Icon name="search" />
                    <input
                        type="search"
                        id="programme-search"
                        placeholder="Search by name or description"
                        aria-label="Search programmes"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </div>
            </div>
            {cards}
            <Show when=move || creating.get()>
                <ProgrammeDialog
                    editing=None
                    on_close=Callback::new(move |_| creating.set(false))
                    on_saved=Callback::new(move |saved: ProgrammeDetail| {
                        creating.set(false);
                        version.update(|v| *v += 1);
                        state.go(Page::Programme(saved.summary.id));
                    })
                />
            </Show>
        </div>
    }
}

fn number_text(value: Option<u32>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn date_text(value: Option<NaiveDate>) -> String {
    value
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Reads a number field: empty is `None`; anything but digits is a field error.
fn parse_number(text: &str, field: &str) -> Result<Option<u32>, ApiError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>()
        .map(Some)
        .map_err(|_| ApiError::field(field, "Enter a whole number, or leave it empty."))
}

fn parse_date(text: &str, field: &str) -> Result<Option<NaiveDate>, ApiError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ApiError::field(field, "Enter a date."))
}

/// Creates a programme, or edits one (`editing`).
#[component]
fn ProgrammeDialog(
    editing: Option<ProgrammeDetail>,
    on_close: Callback<()>,
    on_saved: Callback<ProgrammeDetail>,
) -> impl IntoView {
    let state = use_app();
    let id = editing.as_ref().map(|d| d.summary.id);
    let start = editing
        .as_ref()
        .map(|d| ProgrammeFields {
            name: d.summary.name.clone(),
            description: d.summary.description.clone(),
            criteria: d.criteria.clone(),
            questions: d.questions.clone(),
        })
        .unwrap_or_else(|| ProgrammeFields {
            criteria: ProgrammeCriteria {
                accepting_applications: true,
                open_to_mentors: true,
                open_to_mentees: true,
                ..ProgrammeCriteria::default()
            },
            ..ProgrammeFields::default()
        });
    let name = RwSignal::new(start.name.clone());
    let description = RwSignal::new(start.description.clone());
    let accepting = RwSignal::new(start.criteria.accepting_applications);
    let open_mentors = RwSignal::new(start.criteria.open_to_mentors);
    let open_mentees = RwSignal::new(start.criteria.open_to_mentees);
    let min_years = RwSignal::new(number_text(start.criteria.mentor_min_years));
    let hours = RwSignal::new(number_text(start.criteria.hours_per_month));
    let max_mentees = RwSignal::new(number_text(start.criteria.max_mentees));
    let starts = RwSignal::new(date_text(start.criteria.starts_on));
    let ends = RwSignal::new(date_text(start.criteria.ends_on));
    let skills = RwSignal::new(start.criteria.skills.clone());
    let questions = RwSignal::new(start.questions.join("\n"));
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let suggestions = LocalResource::new(|| async { api::tags_list().await.unwrap_or_default() });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let fields = ProgrammeFields {
                    name: name.get_untracked(),
                    description: description.get_untracked(),
                    criteria: ProgrammeCriteria {
                        accepting_applications: accepting.get_untracked(),
                        open_to_mentors: open_mentors.get_untracked(),
                        open_to_mentees: open_mentees.get_untracked(),
                        mentor_min_years: parse_number(
                            &min_years.get_untracked(),
                            "mentor_min_years",
                        )?,
                        skills: skills.get_untracked(),
                        hours_per_month: parse_number(&hours.get_untracked(), "hours_per_month")?,
                        starts_on: parse_date(&starts.get_untracked(), "starts_on")?,
                        ends_on: parse_date(&ends.get_untracked(), "ends_on")?,
                        max_mentees: parse_number(&max_mentees.get_untracked(), "max_mentees")?,
                    },
                    questions: questions
                        .get_untracked()
                        .lines()
                        .map(str::to_string)
                        .collect(),
                };
                Ok(async move {
                    match id {
                        Some(id) => api::programmes_update(ProgrammeEdit { id, fields }).await,
                        None => api::programmes_create(fields).await,
                    }
                })
            },
            move |saved: ProgrammeDetail| {
                state.toast(if id.is_some() {
                    format!("“{}” saved", saved.summary.name)
                } else {
                    format!("“{}” created", saved.summary.name)
                });
                on_saved.run(saved);
            },
        );
    };

    let title = if id.is_some() {
        "Edit programme"
    } else {
        "New programme"
    };
    let shown = vec![
        "name",
        "description",
        "open_to",
        "mentor_min_years",
        "hours_per_month",
        "max_mentees",
        "starts_on",
        "ends_on",
        "skills",
        "questions",
    ];
    let number = move |label: &'static str,
                       id: &'static str,
                       field: &'static str,
                       value: RwSignal<String>,
                       hint: &'static str| {
        view! {
            <div class="field" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()))>
                <label for=id>{label}</label>
                <input type="text" inputmode="numeric" id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                <p class="hint">{hint}</p>
                <FieldError errors=errors field=field />
            </div>
        }
    };
    let date = move |label: &'static str,
                     id: &'static str,
                     field: &'static str,
                     value: RwSignal<String>| {
        view! {
            <div class="field" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()))>
                <label for=id>{label}</label>
                <input type="date" id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                <FieldError errors=errors field=field />
            </div>
        }
    };
    view! {
        <Modal title=title on_close=on_close wide=true>
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=shown id="programme-error" />
                <TextField label="Name" id="programme-name" field="name" value=name errors=errors required=true placeholder="e.g. Women in Tech 2027" />
                <TextArea label="Description" id="programme-description" field="description" value=description errors=errors rows=4 limit=DESCRIPTION_MAX placeholder="What the programme offers and who it is for" />
                <h3 class="form-section-title">"Who may apply"</h3>
                <CheckboxField label="Taking applications" id="programme-accepting" value=accepting hint="People outside the programme can find it under “Open to apply”." />
                <div class="field-row">
                    <CheckboxField label="Mentors may apply" id="programme-open-mentors" value=open_mentors />
                    <CheckboxField label="Mentees may apply" id="programme-open-mentees" value=open_mentees />
                </div>
                <FieldError errors=errors field="open_to" />
                <div class="field-row field-row-3">
                    {number("Mentors' years (min.)", "programme-min-years", "mentor_min_years", min_years, "At least; empty for any.")}
                    {number("Hours a month", "programme-hours", "hours_per_month", hours, "Expected commitment.")}
                    {number("Mentees at most", "programme-max-mentees", "max_mentees", max_mentees, "Empty for no limit.")}
                </div>
                <div class="field-row">
                    {date("Starts on", "programme-starts", "starts_on", starts)}
                    {date("Ends on", "programme-ends", "ends_on", ends)}
                </div>
                <div class="field">
                    <label for="programme-skills">"Skills and topics"</label>
                    <TagPicker tags=skills suggestions=Signal::derive(move || suggestions.get().unwrap_or_default()) id="programme-skills" />
                    <FieldError errors=errors field="skills" />
                </div>
                <TextArea label="Questions for applicants" id="programme-questions" field="questions" value=questions errors=errors rows=4 placeholder="One question per line, e.g. Why do you want to join?" />
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="programme-cancel" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="button button-primary" id="programme-submit" disabled=move || busy.get()>
                        {move || match (busy.get(), id.is_some()) {
                            (true, _) => "Saving…",
                            (false, true) => "Save changes",
                            (false, false) => "Create programme",
                        }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DetailTab {
    Overview,
    Members,
    Applications,
    Matches,
    Tasks,
    Reports,
    Certificates,
    Dashboard,
}

const MEMBER_TABS: &[(DetailTab, &str, &str)] = &[
    (DetailTab::Overview, "Overview", "tab-overview"),
    (DetailTab::Members, "Members", "tab-members"),
    (DetailTab::Matches, "Matches", "tab-matches"),
    (DetailTab::Tasks, "Tasks", "tab-tasks"),
    (DetailTab::Reports, "Reports", "tab-reports"),
];

const MANAGER_TABS: &[(DetailTab, &str, &str)] = &[
    (DetailTab::Overview, "Overview", "tab-overview"),
    (DetailTab::Members, "Members", "tab-members"),
    (DetailTab::Applications, "Applications", "tab-applications"),
    (DetailTab::Matches, "Matches", "tab-matches"),
    (DetailTab::Tasks, "Tasks", "tab-tasks"),
    (DetailTab::Reports, "Reports", "tab-reports"),
    (DetailTab::Certificates, "Certificates", "tab-certificates"),
    (DetailTab::Dashboard, "Dashboard", "tab-dashboard"),
];

/// One programme.
#[component]
pub fn ProgrammePage(programme_id: ProgrammeId) -> impl IntoView {
    let state = use_app();
    let version = RwSignal::new(0u32);
    let tab = RwSignal::new(DetailTab::Overview);
    let detail = LocalResource::new(move || {
        version.get();
        async move { api::programmes_get(ProgrammeRef { id: programme_id }).await }
    });
    let refresh = Callback::new(move |_: ()| version.update(|v| *v += 1));
    let body = move || match detail.get() {
        None => view! { <Loading label="Loading the programme…" /> }.into_any(),
        Some(Err(err)) => view! {
            <EmptyState title="This programme is not available" text=err.message />
        }
        .into_any(),
        Some(Ok(d)) => {
            let d = StoredValue::new(d);
            let member = d.with_value(|d| !d.members.is_empty());
            let manages = d.with_value(|d| d.summary.can_manage);
            let tabs = move || {
                if manages {
                    view! { <Tabs current=tab tabs=MANAGER_TABS /> }.into_any()
                } else if member {
                    view! { <Tabs current=tab tabs=MEMBER_TABS /> }.into_any()
                } else {
                    ().into_any()
                }
            };
            view! {
                <ProgrammeHero detail=d.get_value() on_changed=refresh />
                {tabs}
                {move || match tab.get() {
                    DetailTab::Overview => view! { <Overview detail=d.get_value() /> }.into_any(),
                    DetailTab::Members => view! { <Members detail=d.get_value() on_changed=refresh /> }.into_any(),
                    DetailTab::Applications => view! { <Applications programme_id=programme_id on_changed=refresh /> }.into_any(),
                    DetailTab::Matches => view! { <Matches detail=d.get_value() on_changed=refresh /> }.into_any(),
                    DetailTab::Tasks => view! { <crate::pages::programme_work::Tasks detail=d.get_value() /> }.into_any(),
                    DetailTab::Reports => view! { <crate::pages::programme_work::Reports detail=d.get_value() /> }.into_any(),
                    DetailTab::Certificates => view! { <crate::pages::certificates::ProgrammeCertificates programme_id=programme_id /> }.into_any(),
                    DetailTab::Dashboard => view! { <crate::pages::dashboard::Dashboard programme_id=Some(programme_id) /> }.into_any(),
                }}
            }
            .into_any()
        }
    };
    view! {
        <div class="page programme-page">
            <button type="button" class="link-button back-link" id="programme-back" on:click=move |_| state.go(Page::Programmes)>
                <Icon name="arrow-left" />
                <span>"All programmes"</span>
            </button>
            {body}
        </div>
    }
}

#[component]
fn ProgrammeHero(detail: ProgrammeDetail, on_changed: Callback<()>) -> impl IntoView {
    let state = use_app();
    let s = detail.summary.clone();
    let id = s.id;
    let editing = RwSignal::new(false);
    let applying = RwSignal::new(false);
    let confirming = RwSignal::new(None::<ProgrammeStatus>);
    let busy = RwSignal::new(false);
    let picture_error = RwSignal::new(None::<ApiError>);
    let stored = StoredValue::new(detail.clone());

    let change_status = move |status: ProgrammeStatus| {
        busy.set(true);
        spawn_local(async move {
            let result = api::programmes_set_status(ProgrammeStatusChange { id, status }).await;
            busy.set(false);
            confirming.set(None);
            match result {
                Ok(d) => {
                    state.toast(format!(
                        "“{}” is now {}",
                        d.summary.name,
                        status.label().to_lowercase()
                    ));
                    on_changed.run(());
                }
                Err(err) => state.toast_error(err.message),
            }
        });
    };
    let on_picture = move |ev: leptos::ev::Event| {
        let Some(file) = first_file(&ev) else { return };
        reset_file_input(&ev);
        picture_error.set(None);
        spawn_local(async move {
            let result = match read_file(file).await {
                Ok(picked) => {
                    api::programmes_set_picture(ProgrammePicture {
                        id,
                        base64: Some(picked.base64),
                    })
                    .await
                }
                Err(message) => Err(ApiError::field("picture", message)),
            };
            match result {
                Ok(_) => {
                    state.toast("Picture updated");
                    on_changed.run(());
                }
                Err(err) => picture_error.set(Some(err)),
            }
        });
    };
    let can_apply = s.accepting_applications
        && s.my_roles.is_empty()
        && s.my_application != Some(ApplicationStatus::Pending);
    let waiting = s.my_application == Some(ApplicationStatus::Pending);
    let complete = detail.next_statuses.contains(&ProgrammeStatus::Completed);
    let archive = detail.next_statuses.contains(&ProgrammeStatus::Archived);
    let editable = s.can_manage && s.status != ProgrammeStatus::Archived;
    view! {
        <section class="card programme-hero">
            <div class="programme-hero-picture">
                {programme_picture(&s.name, s.picture.clone(), true)}
                <Show when=move || editable>
                    <label class="link-button small file-button">
                        <Icon name="upload" />
                        <span>"Change picture"</span>
                        <input type="file" id="programme-picture" accept="image/*" class="visually-hidden" on:change=on_picture />
                    </label>
                </Show>
                <FieldError errors=picture_error field="picture" />
            </div>
            <div class="group-hero-text">
                <div class="group-title-row">
                    <h1 id="programme-title">{s.name.clone()}</h1>
                    <span id="programme-status">{status_badge(s.status)}</span>
                </div>
                <p class="muted">
                    {if s.managers.is_empty() { "No manager yet".to_string() } else { format!("Run by {}", s.managers.join(", ")) }}
                    " · "
                    {counts_line(&s)}
                </p>
                {waiting.then(|| view! { <p class="notice" id="programme-waiting">"Your application is waiting for a decision."</p> })}
            </div>
            <div class="group-hero-actions programme-actions">
                <Show when=move || can_apply>
                    <button type="button" class="button button-primary" id="programme-apply" on:click=move |_| applying.set(true)>
                        <Icon name="send" /><span>"Apply"</span>
                    </button>
                </Show>
                <Show when=move || editable>
                    <button type="button" class="button button-secondary" id="programme-edit" on:click=move |_| editing.set(true)>
                        <Icon name="edit" /><span>"Edit"</span>
                    </button>
                </Show>
                <Show when=move || complete>
                    <button type="button" class="button button-secondary" id="programme-complete" disabled=move || busy.get()
                        on:click=move |_| confirming.set(Some(ProgrammeStatus::Completed))>
                        <Icon name="check" /><span>"Mark completed"</span>
                    </button>
                </Show>
                <Show when=move || archive>
                    <button type="button" class="button button-ghost" id="programme-archive" disabled=move || busy.get()
                        on:click=move |_| confirming.set(Some(ProgrammeStatus::Archived))>
                        <Icon name="folder" /><span>"Archive"</span>
                    </button>
                </Show>
            </div>
            {move || confirming.get().map(|status| {
                let (title, message, label) = match status {
                    ProgrammeStatus::Completed => (
                        "Mark this programme completed?",
                        "It stays visible to its members; no new matches are made. You can archive it later.",
                        "Mark completed",
                    ),
                    _ => (
                        "Archive this programme?",
                        "An archived programme is kept as a record and can no longer change.",
                        "Archive",
                    ),
                };
                view! {
                    <ConfirmDialog title=title message=message confirm_label=label busy=busy
                        on_confirm=Callback::new(move |_| change_status(status))
                        on_cancel=Callback::new(move |_| confirming.set(None)) />
                }
            })}
            <Show when=move || editing.get()>
                <ProgrammeDialog editing=Some(stored.get_value())
                    on_close=Callback::new(move |_| editing.set(false))
                    on_saved=Callback::new(move |_| { editing.set(false); on_changed.run(()); }) />
            </Show>
            <Show when=move || applying.get()>
                <ApplyDialog detail=stored.get_value()
                    on_close=Callback::new(move |_| applying.set(false))
                    on_done=Callback::new(move |_| { applying.set(false); on_changed.run(()); }) />
            </Show>
        </section>
    }
}

#[component]
fn Overview(detail: ProgrammeDetail) -> impl IntoView {
    let c = detail.criteria.clone();
    let mut facts: Vec<(String, String)> = Vec::new();
    let open_to = match (c.open_to_mentors, c.open_to_mentees) {
        (true, true) => "Mentors and mentees",
        (true, false) => "Mentors",
        (false, true) => "Mentees",
        (false, false) => "Nobody",
    };
    facts.push((
        "Applications".into(),
        if detail.summary.accepting_applications {
            format!("Open — {open_to}")
        } else {
            "Closed".into()
        },
    ));
    if let Some(y) = c.mentor_min_years {
        facts.push(("Mentors' experience".into(), format!("At least {y} years")));
    }
    if let Some(h) = c.hours_per_month {
        facts.push(("Commitment".into(), format!("{h} hours a month")));
    }
    if let Some(m) = c.max_mentees {
        facts.push(("Places".into(), format!("{m} mentees at most")));
    }
    match (c.starts_on, c.ends_on) {
        (Some(s), Some(e)) => facts.push((
            "Dates".into(),
            format!("{} – {}", s.format("%-d %b %Y"), e.format("%-d %b %Y")),
        )),
        (Some(s), None) => facts.push(("Starts".into(), s.format("%-d %b %Y").to_string())),
        (None, Some(e)) => facts.push(("Ends".into(), e.format("%-d %b %Y").to_string())),
        (None, None) => {}
    }
    facts.push((
        "Created".into(),
        format!(
            "{} by {}",
            format_date(detail.created_at),
            detail.created_by
        ),
    ));
    if let Some(st) = &detail.completed {
        facts.push((
            "Completed".into(),
            format!("{} by {}", format_date(st.at), st.by),
        ));
    }
    if let Some(st) = &detail.archived {
        facts.push((
            "Archived".into(),
            format!("{} by {}", format_date(st.at), st.by),
        ));
    }
    let description = detail.summary.description.clone();
    view! {
        <div class="grid-2">
            <section class="card">
                <h2>"About"</h2>
                {if description.trim().is_empty() {
                    view! { <p class="faint">"No description yet."</p> }.into_any()
                } else {
                    view! { <p class="prose programme-description">{description}</p> }.into_any()
                }}
                {(!c.skills.is_empty()).then(|| view! {
                    <h3>"Skills and topics"</h3>
                    <div class="chips">{c.skills.iter().map(|t| view! { <span class="chip">{t.clone()}</span> }).collect_view()}</div>
                })}
            </section>
            <section class="card">
                <h2>"Details"</h2>
                <dl class="facts" id="programme-facts">
                    {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
                {(!detail.questions.is_empty()).then(|| view! {
                    <h3>"Questions for applicants"</h3>
                    <ol class="questions">{detail.questions.iter().map(|q| view! { <li>{q.clone()}</li> }).collect_view()}</ol>
                })}
            </section>
        </div>
    }
}

#[component]
fn Members(detail: ProgrammeDetail, on_changed: Callback<()>) -> impl IntoView {
    let state = use_app();
    let id = detail.summary.id;
    let manages = detail.summary.can_manage && detail.summary.status != ProgrammeStatus::Archived;
    let role = RwSignal::new(ProgrammeRole::Mentee);
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let change = move |user_id: UserId, role: ProgrammeRole, add: bool| {
        send_request(
            busy,
            errors,
            move || {
                Ok(api::programmes_set_member(ProgrammeMemberChange {
                    programme_id: id,
                    user_id,
                    role,
                    add,
                }))
            },
            move |_| {
                state.toast(if add {
                    "Member added"
                } else {
                    "Member removed"
                });
                on_changed.run(());
            },
        );
    };
    let existing: Vec<UserId> = detail.members.iter().map(|m| m.person.user_id).collect();
    let managers = detail
        .members
        .iter()
        .filter(|m| m.role == ProgrammeRole::Manager)
        .count();
    let groups = ProgrammeRole::ALL.map(|r| {
        let people: Vec<ProgrammeMember> = detail
            .members
            .iter()
            .filter(|m| m.role == r)
            .cloned()
            .collect();
        (r, people)
    });
    view! {
        <div class="programme-members">
            <Show when=move || manages>
                <section class="card member-add">
                    <h2>"Add someone"</h2>
                    <div class="member-add-row">
                        <select id="member-role" aria-label="Role in the programme"
                            on:change=move |ev| role.set(ProgrammeRole::from_key(&event_target_value(&ev)).unwrap_or(ProgrammeRole::Mentee))>
                            <option value="mentee" selected=true>"as a mentee"</option>
                            <option value="mentor">"as a mentor"</option>
                            <option value="manager">"as a manager"</option>
                        </select>
                        {
                            let existing = existing.clone();
                            move || {
                                let key = match role.get() {
                                    ProgrammeRole::Manager => "programme_manager",
                                    ProgrammeRole::Mentor => "mentor",
                                    ProgrammeRole::Mentee => "mentee",
                                };
                                let current = role.get();
                                view! {
                                    <PeoplePicker id="member-picker" role=key exclude=Signal::derive({ let e = existing.clone(); move || e.clone() })
                                        placeholder="Find someone by name"
                                        on_pick=Callback::new(move |p: PersonBrief| change(p.user_id, current, true)) />
                                }
                            }
                        }
                    </div>
                    <FieldError errors=errors field="user_id" />
                    <FormError errors=errors shown=vec!["user_id"] />
                </section>
            </Show>
            {groups.into_iter().map(|(r, people)| {
                let heading = match r {
                    ProgrammeRole::Manager => "Managers",
                    ProgrammeRole::Mentor => "Mentors",
                    ProgrammeRole::Mentee => "Mentees",
                };
                view! {
                    <section class="card">
                        <h2>{heading}<span class="muted small">{format!(" ({})", people.len())}</span></h2>
                        {if people.is_empty() {
                            view! { <p class="faint">"Nobody yet."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="member-list">
                                    {people.into_iter().map(|m| {
                                        let uid = m.person.user_id;
                                        let matched = match m.role {
                                            ProgrammeRole::Mentor => plural(m.matched, "mentee", "mentees"),
                                            ProgrammeRole::Mentee if m.matched > 0 => "Matched".to_string(),
                                            ProgrammeRole::Mentee => "Not matched yet".to_string(),
                                            ProgrammeRole::Manager => String::new(),
                                        };
                                        // A programme keeps at least one manager.
                                        let removable = r != ProgrammeRole::Manager || managers > 1;
                                        view! {
                                            <li class="member-row" data-user-id=uid.to_string() data-role=m.role.key()>
                                                <Avatar name=m.person.name.clone() photo=m.person.photo.clone() size="sm" />
                                                <button type="button" class="link-button member-name" on:click=move |_| state.go(Page::Person(uid))>{m.person.name.clone()}</button>
                                                <span class="muted small">{matched}</span>
                                                <span class="muted small member-since">{format!("since {}", format_date(m.added_at))}</span>
                                                <Show when=move || manages && removable>
                                                    <button type="button" class="button button-ghost button-sm member-remove"
                                                        disabled=move || busy.get()
                                                        on:click=move |_| change(uid, r, false)>"Remove"</button>
                                                </Show>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn ApplicationCard(
    application: ProgrammeApplicationView,
    on_changed: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let id = application.id;
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let decide = move |approve: bool| {
        send_request(
            busy,
            errors,
            move || {
                Ok(api::programme_applications_decide(
                    ProgrammeApplicationDecision {
                        id,
                        approve,
                        reason: reason.get_untracked(),
                    },
                ))
            },
            move |done: ProgrammeApplicationView| {
                state.toast(format!(
                    "{} — {}",
                    done.applicant.name,
                    status_label(done.status).to_lowercase()
                ));
                on_changed.run(());
            },
        );
    };
    let pending = application.status == ApplicationStatus::Pending;
    let a = application.clone();
    view! {
        <article class="card application-card" data-application-id=id.to_string() data-status=application_key(a.status)>
            <div class="card-title-row">
                <div class="application-who">
                    <Avatar name=a.applicant.name.clone() photo=a.applicant.photo.clone() size="md" />
                    <div>
                        <h3>{a.applicant.name.clone()}</h3>
                        <p class="muted small">{format!("As a {} · applied {}", a.role.label().to_lowercase(), format_date(a.created_at))}</p>
                    </div>
                </div>
                <span class=status_class(a.status)>{status_label(a.status)}</span>
            </div>
            <dl class="answers">
                {a.answers.iter().map(|qa| view! { <dt>{qa.question.clone()}</dt><dd>{qa.answer.clone()}</dd> }).collect_view()}
            </dl>
            {(!pending).then(|| view! {
                <p class="muted small">{format!("Decided by {} on {}{}", a.decided_by.clone().unwrap_or_default(),
                    a.decided_at.map(format_date).unwrap_or_default(),
                    if a.reason.is_empty() { String::new() } else { format!(" — {}", a.reason) })}</p>
            })}
            <Show when=move || pending>
                <div class="decision-row">
                    <div class="field decision-input" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message("reason").is_some()))>
                        <input type="text" class="application-reason" placeholder="Reason (needed to decline; the applicant sees it)" aria-label="Reason"
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                        <FieldError errors=errors field="reason" />
                    </div>
                    <button type="button" class="button button-primary button-sm application-approve" disabled=move || busy.get() on:click=move |_| decide(true)>
                        <Icon name="check" /><span>"Approve"</span>
                    </button>
                    <button type="button" class="button button-secondary button-sm application-decline" disabled=move || busy.get() on:click=move |_| decide(false)>
                        "Decline"
                    </button>
                </div>
                <FormError errors=errors shown=vec!["reason"] />
            </Show>
        </article>
    }
}

#[component]
fn Applications(programme_id: ProgrammeId, on_changed: Callback<()>) -> impl IntoView {
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        async move {
            api::programme_applications_list(ProgrammeApplicationQuery {
                programme_id: Some(programme_id),
                status: None,
                mine: false,
            })
            .await
        }
    });
    let changed = Callback::new(move |_: ()| {
        version.update(|v| *v += 1);
        on_changed.run(());
    });
    move || {
        match list.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(items)) if items.is_empty() => view! {
            <div id="applications-empty">
                <EmptyState title="No applications yet" text="Applications appear here when the programme is open and people apply." />
            </div>
        }
        .into_any(),
        Some(Ok(items)) => view! {
            <div class="application-list">
                {items.into_iter().map(|a| view! { <ApplicationCard application=a on_changed=changed /> }).collect_view()}
            </div>
        }
        .into_any(),
    }
    }
}

#[component]
fn MatchCard(view_of: MatchView, on_changed: Callback<()>) -> impl IntoView {
    let state = use_app();
    let m = view_of;
    let id = m.id;
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let act = move |action: MatchAction| {
        send_request(
            busy,
            errors,
            move || {
                Ok(api::matches_decide(MatchDecision {
                    id,
                    action,
                    reason: reason.get_untracked(),
                }))
            },
            move |done: MatchView| {
                state.toast(format!(
                    "{} with {} — {}",
                    done.mentor.name,
                    done.mentee.name,
                    done.status.label().to_lowercase()
                ));
                on_changed.run(());
            },
        );
    };
    let pending = m.status == MatchStatus::Pending;
    let approved = m.status == MatchStatus::Approved;
    let can = m.can_decide;
    let origin = match m.origin {
        MatchOrigin::Manager => format!("Proposed by {}", m.proposed_by),
        MatchOrigin::Mentee => format!("Requested by {}", m.proposed_by),
    };
    view! {
        <article class="card match-card" data-match-id=id.to_string() data-status=m.status.key()>
            <div class="card-title-row">
                <div class="match-pair">
                    <Avatar name=m.mentor.name.clone() photo=m.mentor.photo.clone() size="sm" />
                    <strong class="match-mentor">{m.mentor.name.clone()}</strong>
                    <span class="muted">"mentors"</span>
                    <Avatar name=m.mentee.name.clone() photo=m.mentee.photo.clone() size="sm" />
                    <strong class="match-mentee">{m.mentee.name.clone()}</strong>
                </div>
                {match_badge(m.status)}
            </div>
            <p class="match-goal"><span class="muted">"Goal: "</span>{m.goal.clone()}</p>
            <p class="muted small">
                {origin}{format!(" on {}", format_date(m.created_at))}
                {m.decided_by.clone().map(|by| format!(" · decided by {by}"))}
                {(!m.reason.is_empty()).then(|| format!(" · {}", m.reason))}
            </p>
            <Show when=move || can && (pending || approved)>
                <div class="decision-row">
                    <Show when=move || pending>
                        <div class="field decision-input" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message("reason").is_some()))>
                            <input type="text" class="match-reason" placeholder="Reason (needed to reject)" aria-label="Reason"
                                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                            <FieldError errors=errors field="reason" />
                        </div>
                        <button type="button" class="button button-primary button-sm match-approve" disabled=move || busy.get() on:click=move |_| act(MatchAction::Approve)>
                            <Icon name="check" /><span>"Approve"</span>
                        </button>
                        <button type="button" class="button button-secondary button-sm match-reject" disabled=move || busy.get() on:click=move |_| act(MatchAction::Reject)>"Reject"</button>
                    </Show>
                    <Show when=move || approved>
                        <button type="button" class="button button-ghost button-sm match-end" disabled=move || busy.get() on:click=move |_| act(MatchAction::End)>"End the match"</button>
                    </Show>
                </div>
                <FormError errors=errors shown=vec!["reason"] />
            </Show>
        </article>
    }
}

#[component]
fn Matches(detail: ProgrammeDetail, on_changed: Callback<()>) -> impl IntoView {
    let state = use_app();
    let id = detail.summary.id;
    let version = RwSignal::new(0u32);
    let proposing = RwSignal::new(false);
    let active = detail.summary.status == ProgrammeStatus::Active;
    let manages = detail.summary.can_manage;
    let is_mentee = detail.summary.my_roles.contains(&ProgrammeRole::Mentee);
    let list = LocalResource::new(move || {
        version.get();
        async move {
            api::matches_list(MatchQuery {
                programme_id: Some(id),
                statuses: vec![],
            })
            .await
        }
    });
    let changed = Callback::new(move |_: ()| {
        version.update(|v| *v += 1);
        on_changed.run(());
    });
    let stored = StoredValue::new(detail);
    let me = state.me.with_untracked(|m| m.as_ref().map(|m| m.user_id));
    view! {
        <div class="programme-matches">
            <Show when=move || active && (manages || is_mentee)>
                <div class="section-head">
                    <p class="muted">{if manages { "Pairs wait for approval by a manager or an administrator." } else { "Ask for a mentor; a manager approves the match." }}</p>
                    <button type="button" class="button button-primary" id="propose-match" on:click=move |_| proposing.set(true)>
                        <Icon name="user-plus" /><span>{if manages { "Propose a match" } else { "Ask for a mentor" }}</span>
                    </button>
                </div>
            </Show>
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                Some(Ok(items)) if items.is_empty() => view! {
                    <div id="matches-empty"><EmptyState title="No matches yet" text="Matched mentors and mentees appear here." /></div>
                }.into_any(),
                Some(Ok(items)) => view! {
                    <div class="match-list">{items.into_iter().map(|m| view! { <MatchCard view_of=m on_changed=changed /> }).collect_view()}</div>
                }.into_any(),
            }}
            <Show when=move || proposing.get()>
                <MatchDialog detail=stored.get_value() me=me
                    on_close=Callback::new(move |_| proposing.set(false))
                    on_done=Callback::new(move |_| { proposing.set(false); changed.run(()); }) />
            </Show>
        </div>
    }
}

/// Proposes a pair (managers) or asks for a mentor (a mentee for themself), with the
/// mentors ranked for the chosen mentee and each score explained.
#[component]
fn MatchDialog(
    detail: ProgrammeDetail,
    me: Option<UserId>,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let id = detail.summary.id;
    let manages = detail.summary.can_manage;
    let mentees: Vec<PersonBrief> = detail
        .members
        .iter()
        .filter(|m| m.role == ProgrammeRole::Mentee)
        .map(|m| m.person.clone())
        .collect();
    let first = if manages {
        mentees.first().map(|p| p.user_id)
    } else {
        me
    };
    let mentee = RwSignal::new(first);
    let mentor = RwSignal::new(None::<UserId>);
    let goal = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let suggestions = LocalResource::new(move || {
        let chosen = mentee.get();
        async move {
            match chosen {
                Some(mentee_id) => {
                    api::matches_suggest(MatchSuggestionQuery {
                        programme_id: id,
                        mentee_id,
                    })
                    .await
                }
                None => Ok(Vec::new()),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let Some(mentee_id) = mentee.get_untracked() else {
                    return Err(ApiError::field("mentee_id", "Choose a mentee."));
                };
                let Some(mentor_id) = mentor.get_untracked() else {
                    return Err(ApiError::field(
                        "mentor_id",
                        "Choose a mentor from the list.",
                    ));
                };
                Ok(api::matches_propose(MatchProposal {
                    programme_id: id,
                    mentor_id,
                    mentee_id,
                    goal: goal.get_untracked(),
                }))
            },
            move |_: MatchView| {
                state.toast("Match proposed; it waits for approval");
                on_done.run(());
            },
        );
    };
    let ranked = move || {
        match suggestions.get() {
        None => view! { <Loading label="Ranking mentors…" /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! { <p class="faint">"This programme has no mentors who could take this mentee."</p> }.into_any(),
        Some(Ok(list)) => view! {
            <ul class="suggestions" role="listbox" aria-label="Mentors, best match first">
                {list.into_iter().map(|s| {
                    let uid = s.mentor.user_id;
                    let full = s.capacity_left == 0;
                    view! {
                        <li class="suggestion" class:chosen=move || mentor.get() == Some(uid) class:full=full data-user-id=uid.to_string()>
                            <button type="button" class="suggestion-pick" disabled=full aria-pressed=move || if mentor.get() == Some(uid) { "true" } else { "false" }
                                on:click=move |_| mentor.set(Some(uid))>
                                <Avatar name=s.mentor.name.clone() photo=s.mentor.photo.clone() size="sm" />
                                <span class="suggestion-name">{s.mentor.name.clone()}</span>
                                <span class="suggestion-score" title="Score out of 100">{s.score}</span>
                            </button>
                            <ul class="score-parts">
                                {s.parts.iter().map(|p| view! {
                                    <li>
                                        <span class="score-bar" aria-hidden="true"><span style=format!("width: {}%", (p.points * 100).checked_div(p.max).unwrap_or(0))></span></span>
                                        <span class="score-label">{format!("{} {}/{}", p.label, p.points, p.max)}</span>
                                        <span class="muted small">{p.detail.clone()}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any(),
    }
    };
    view! {
        <Modal title=if manages { "Propose a match" } else { "Ask for a mentor" } on_close=on_close wide=true>
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["mentee_id", "mentor_id", "goal"] id="match-error" />
                <Show when=move || manages>
                    <div class="field">
                        <label for="match-mentee">"Mentee"</label>
                        <select id="match-mentee" on:change=move |ev| {
                            mentor.set(None);
                            mentee.set(event_target_value(&ev).parse().ok());
                        }>
                            {mentees.iter().map(|p| view! { <option value=p.user_id.to_string()>{p.name.clone()}</option> }).collect_view()}
                        </select>
                        <FieldError errors=errors field="mentee_id" />
                    </div>
                </Show>
                <div class="field">
                    <label>"Mentor — best match first"</label>
                    {ranked}
                    <FieldError errors=errors field="mentor_id" />
                </div>
                <TextArea label="Goal" id="match-goal" field="goal" value=goal errors=errors rows=2 limit=GOAL_MAX placeholder="What the pair will work towards, e.g. Prepare for a first team-lead role" />
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="match-cancel" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="button button-primary" id="match-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Sending…" } else if manages { "Propose match" } else { "Ask for this mentor" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn ApplyDialog(
    detail: ProgrammeDetail,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let id = detail.summary.id;
    let c = detail.criteria.clone();
    let default_role = if c.open_to_mentees && !state.can(Permission::AvailabilityManage) {
        ProgrammeRole::Mentee
    } else if c.open_to_mentors {
        ProgrammeRole::Mentor
    } else {
        ProgrammeRole::Mentee
    };
    let role = RwSignal::new(default_role);
    let answers: Vec<RwSignal<String>> = detail
        .questions
        .iter()
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let stored_answers = StoredValue::new(answers.clone());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let answers =
                    stored_answers.with_value(|a| a.iter().map(|s| s.get_untracked()).collect());
                Ok(api::programme_applications_submit(ProgrammeApply {
                    programme_id: id,
                    role: role.get_untracked(),
                    answers,
                }))
            },
            move |_: ProgrammeApplicationView| {
                state.toast("Application sent; the programme's managers will decide");
                on_done.run(());
            },
        );
    };
    let fields = &ANSWER_FIELDS[..detail.questions.len().min(ANSWER_FIELDS.len())];
    let mut shown: Vec<&'static str> = fields.to_vec();
    shown.push("role");
    view! {
        <Modal title=format!("Apply to {}", detail.summary.name) on_close=on_close wide=true>
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=shown id="apply-error" />
                <div class="field">
                    <span class="label">"Apply as"</span>
                    <div class="segmented">
                        <Show when=move || c.open_to_mentees>
                            <label class="radio"><input type="radio" name="apply-role" id="apply-role-mentee" checked=move || role.get() == ProgrammeRole::Mentee on:change=move |_| role.set(ProgrammeRole::Mentee) />"Mentee"</label>
                        </Show>
                        <Show when=move || c.open_to_mentors>
                            <label class="radio"><input type="radio" name="apply-role" id="apply-role-mentor" checked=move || role.get() == ProgrammeRole::Mentor on:change=move |_| role.set(ProgrammeRole::Mentor) />"Mentor"</label>
                        </Show>
                    </div>
                    <FieldError errors=errors field="role" />
                </div>
                {detail.questions.iter().enumerate().map(|(i, q)| {
                    let value = answers[i];
                    let field = fields.get(i).copied().unwrap_or("answers");
                    view! {
                        <div class="field" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()))>
                            <label for=format!("answer-{i}")>{q.clone()}<span class="required" aria-hidden="true">" *"</span></label>
                            <textarea id=format!("answer-{i}") rows="3" maxlength=ANSWER_MAX.to_string()
                                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                            <FieldError errors=errors field=field />
                        </div>
                    }
                }).collect_view()}
                {detail.questions.is_empty().then(|| view! { <p class="muted">"This programme asks no questions: send your application as it is."</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="apply-cancel" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="button button-primary" id="apply-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Sending…" } else { "Send application" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
