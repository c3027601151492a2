//! Admin → Applications: review, approve or decline, and download documents.

use crate::api;
use crate::components::dialog::Modal;
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::components::tabs::Tabs;
use crate::state::{use_app, Page};
use crate::util::{format_date, format_datetime, status_class, status_label};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::admin::{
    ApplicationDecision, ApplicationQuery, ApplicationRef, ApplicationStatus, ApplicationView,
};
use mentordesk_shared::ids::ApplicationId;
use mentordesk_shared::ApiError;

const FILTERS: [(Option<ApplicationStatus>, &str, &str); 4] = [
    (
        Some(ApplicationStatus::Pending),
        "Pending",
        "applications-tab-pending",
    ),
    (
        Some(ApplicationStatus::Approved),
        "Approved",
        "applications-tab-approved",
    ),
    (
        Some(ApplicationStatus::Declined),
        "Declined",
        "applications-tab-declined",
    ),
    (None, "All", "applications-tab-all"),
];

/// Which decision dialog is open, for which application.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Deciding {
    id: ApplicationId,
    name: String,
    approve: bool,
}

fn list_or_dash(items: &[String]) -> impl IntoView {
    if items.is_empty() {
        view! { <span class="muted">"—"</span> }.into_any()
    } else {
        view! {
            <div class="chips">
                {items.iter().map(|i| view! { <span class="chip">{i.clone()}</span> }).collect_view()}
            </div>
        }
        .into_any()
    }
}

#[component]
fn DocumentLink(id: ApplicationId, name: String) -> impl IntoView {
    let state = use_app();
    let busy = RwSignal::new(false);
    let download = move |_| {
        busy.set(true);
        spawn_local(async move {
            match api::applications_save_document(ApplicationRef { id }).await {
                Ok(saved) => state.toast(format!("Saved to {}", saved.path)),
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
        });
    };
    view! {
        <a href="#" class="document-link" on:click=move |ev| {
            ev.prevent_default();
            if !busy.get_untracked() {
                download(ev);
            }
        }>
            <Icon name="download" />
            <span>{move || if busy.get() { "Saving…".to_string() } else { format!("Save document to Downloads ({name})") }}</span>
        </a>
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let state = use_app();
    let filter = RwSignal::new(Some(ApplicationStatus::Pending));
    let deciding = RwSignal::new(None::<Deciding>);
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let dialog_error = RwSignal::new(None::<String>);

    let applications = LocalResource::new(move || {
        api::applications_list(ApplicationQuery {
            status: filter.get(),
            role: None,
        })
    });
    // The list as shown: loaded from the resource, then updated in place by decisions, so a
    // decided card stays visible with its new status until the filter changes.
    let items = RwSignal::new(None::<Result<Vec<ApplicationView>, ApiError>>);
    Effect::new(move |_| {
        if let Some(result) = applications.get() {
            items.set(Some(result));
        }
    });

    let decide = move |id: ApplicationId, approve: bool, why: String, from_dialog: bool| {
        busy.set(true);
        error.set(None);
        dialog_error.set(None);
        spawn_local(async move {
            let result = api::applications_decide(ApplicationDecision {
                id,
                approve,
                reason: why,
            })
            .await;
            busy.set(false);
            match result {
                Ok(app) => {
                    deciding.set(None);
                    reason.set(String::new());
                    state.toast(if approve {
                        format!("{} approved as {}", app.applicant_name, app.role.label())
                    } else {
                        format!("Application from {} declined", app.applicant_name)
                    });
                    state.bump();
                    items.update(|items| {
                        if let Some(Ok(list)) = items {
                            if let Some(slot) = list.iter_mut().find(|a| a.id == app.id) {
                                *slot = app;
                            }
                        }
                    });
                }
                Err(err) => {
                    let message = err
                        .field_message("reason")
                        .map(str::to_string)
                        .unwrap_or(err.message);
                    if from_dialog {
                        dialog_error.set(Some(message));
                    } else {
                        error.set(Some(message));
                    }
                }
            }
        });
    };

    let card = move |app: ApplicationView| {
        let id = app.id;
        let pending = app.status == ApplicationStatus::Pending;
        let name = app.applicant_name.clone();
        let name2 = app.applicant_name.clone();
        let user_id = app.user_id;
        view! {
            <article class="card application-card" data-applicant-email=app.applicant_email.clone() data-application-id=id.to_string()>
                <header class="application-head">
                    <div>
                        <h3>
                            <button type="button" class="link-button strong" on:click=move |_| state.go(Page::Person(user_id))>
                                {app.applicant_name.clone()}
                            </button>
                        </h3>
                        <p class="muted small">
                            {format!("{} · applied {} as ", app.applicant_email, format_date(app.created_at))}
                            <strong>{app.role.label()}</strong>
                        </p>
                    </div>
                    <span class=status_class(app.status)>{status_label(app.status)}</span>
                </header>
                <dl class="details details-grid">
                    <div class="detail">
                        <dt>"Programme of interest"</dt>
                        <dd>{if app.programme_of_interest.is_empty() { "—".to_string() } else { app.programme_of_interest.clone() }}</dd>
                    </div>
                    <div class="detail">
                        <dt>"Technical experience"</dt>
                        <dd>{app.years_technical_experience.map(|y| format!("{y} years")).unwrap_or_else(|| "—".to_string())}</dd>
                    </div>
                    <div class="detail">
                        <dt>"Mentored before"</dt>
                        <dd>{if app.been_mentor_before { "Yes" } else { "No" }}</dd>
                    </div>
                    <div class="detail">
                        <dt>"Previous roles"</dt>
                        <dd>{list_or_dash(&app.previous_roles)}</dd>
                    </div>
                    <div class="detail">
                        <dt>"Previous programmes"</dt>
                        <dd>{list_or_dash(&app.previous_programmes)}</dd>
                    </div>
                    <div class="detail">
                        <dt>"Technical proficiency"</dt>
                        <dd>{list_or_dash(&app.technical_proficiency)}</dd>
                    </div>
                </dl>
                <div class="motivation">
                    <p class="detail-label">"Motivation"</p>
                    <p class="prose">{if app.motivation.is_empty() { "—".to_string() } else { app.motivation.clone() }}</p>
                </div>
                {app.document_name.clone().map(|doc| view! { <DocumentLink id=id name=doc /> })}
                {(!pending).then(|| {
                    let who = app.decided_by_name.clone().unwrap_or_else(|| "An administrator".to_string());
                    let when = app.decided_at.map(|d| format!(" on {}", format_datetime(d))).unwrap_or_default();
                    view! {
                        <div class="decision">
                            <p class="muted small">{format!("Decided by {who}{when}")}</p>
                            {app.decision_reason.clone().filter(|r| !r.trim().is_empty()).map(|r| view! { <blockquote class="decision-reason">{r}</blockquote> })}
                        </div>
                    }
                })}
                {pending.then(|| view! {
                    <footer class="application-actions">
                        <button
                            type="button"
                            class="link-button small"
                            on:click=move |_| {
                                reason.set(String::new());
                                dialog_error.set(None);
                                deciding.set(Some(Deciding { id, name: name.clone(), approve: true }));
                            }
                        >
                            "Approve with a note…"
                        </button>
                        <div class="spacer"></div>
                        <button
                            type="button"
                            class="button button-danger-outline decline-button"
                            on:click=move |_| {
                                reason.set(String::new());
                                dialog_error.set(None);
                                deciding.set(Some(Deciding { id, name: name2.clone(), approve: false }));
                            }
                        >
                            "Decline"
                        </button>
                        <button
                            type="button"
                            class="button button-primary approve-button"
                            disabled=move || busy.get()
                            on:click=move |_| decide(id, true, String::new(), false)
                        >
                            <Icon name="check" />
                            <span>"Approve"</span>
                        </button>
                    </footer>
                })}
            </article>
        }
    };

    let list = move || match items.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(apps)) if apps.is_empty() => {
            let (title, text) = match filter.get() {
                Some(ApplicationStatus::Pending) => (
                    "No applications waiting",
                    "You're all caught up. New applications from mentors and programme managers appear here.",
                ),
                Some(ApplicationStatus::Approved) => ("Nothing approved yet", "Approved applications are listed here."),
                Some(ApplicationStatus::Declined) => ("Nothing declined", "Declined applications are listed here with the reason you gave."),
                None => ("No applications yet", "When people apply to mentor or run programmes, their applications appear here."),
            };
            view! { <EmptyState title=title text=text /> }.into_any()
        }
        Some(Ok(apps)) => view! {
            <div class="stack">{apps.into_iter().map(card).collect_view()}</div>
        }
        .into_any(),
    };

    let dialog = move || {
        deciding.get().map(|d| {
            let id = d.id;
            let approve = d.approve;
            let title = if approve {
                format!("Approve {}", d.name)
            } else {
                format!("Decline {}'s application", d.name)
            };
            let confirm = move |_| {
                let why = reason.get_untracked().trim().to_string();
                if !approve && why.is_empty() {
                    dialog_error.set(Some("Tell the applicant why — a reason is required to decline.".to_string()));
                    return;
                }
                decide(id, approve, why, true);
            };
            view! {
                <Modal title=title on_close=Callback::new(move |_| deciding.set(None))>
                    <div class="field">
                        <label for="decision-reason">
                            {if approve { "Note for the applicant (optional)" } else { "Reason (required)" }}
                        </label>
                        <textarea
                            id="decision-reason"
                            rows="4"
                            placeholder=if approve { "e.g. Welcome aboard!" } else { "The applicant sees this reason." }
                            bind:value=reason
                        ></textarea>
                        {move || dialog_error.get().map(|m| view! { <p class="field-error" id="error-reason">{m}</p> })}
                    </div>
                    <div class="dialog-actions">
                        <button type="button" class="button button-secondary" on:click=move |_| deciding.set(None)>
                            "Cancel"
                        </button>
                        <button
                            type="button"
                            id="decision-confirm"
                            class=if approve { "button button-primary" } else { "button button-danger" }
                            disabled=move || busy.get()
                            on:click=confirm
                        >
                            {if approve { "Approve" } else { "Decline application" }}
                        </button>
                    </div>
                </Modal>
            }
        })
    };

    view! {
        <div class="page applications">
            <PageHeader title="Applications" subtitle="People who asked to mentor or run programmes." />
            <Tabs current=filter tabs=&FILTERS />
            {move || error.get().map(|m| view! { <div class="form-error">{m}</div> })}
            {list}
            {dialog}
        </div>
    }
}
