//! Apply to become a mentor or programme manager, and follow my applications.

use crate::api;
use crate::components::forms::{
    send_request, CheckboxField, ChoiceCard, FieldError, FormError, Section, TextArea, TextField,
};
use crate::components::icon::Icon;
use crate::components::layout::{Loading, PageHeader};
use crate::components::tag_picker::TagPicker;
use crate::state::{use_app, use_catalog};
use crate::util::{
    first_file, format_date, format_datetime, format_size, parse_optional_u32, read_file,
    reset_file_input, status_class, status_label,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::accounts::SignUpIntent;
use mentordesk_shared::admin::{
    ApplicationRole, ApplicationStatus, ApplicationSubmit, ApplicationView, DocumentUpload,
};
use mentordesk_shared::ApiError;

const FIELDS: [&str; 9] = [
    "role",
    "previous_roles",
    "previous_programmes",
    "programme_of_interest",
    "years_technical_experience",
    "been_mentor_before",
    "technical_proficiency",
    "motivation",
    "document",
];

/// Accepted supporting documents.
const DOCUMENT_ACCEPT: &str = ".pdf,.docx,.png,.jpg,.jpeg,.gif,.webp,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/*";

fn application_card(app: ApplicationView, first: bool) -> impl IntoView {
    let status_id = first.then_some("my-application-status");
    view! {
        <li class="card application-mine" data-status=status_label(app.status)>
            <div class="card-title-row">
                <div>
                    <h3>{app.role.label()}</h3>
                    <p class="muted small">{format!("Sent {}", format_datetime(app.created_at))}</p>
                </div>
                <span class=status_class(app.status) id=status_id>{status_label(app.status)}</span>
            </div>
            {match app.status {
                ApplicationStatus::Pending => view! {
                    <p class="muted">"An administrator will review your application. You'll see their decision here."</p>
                }
                .into_any(),
                _ => {
                    let who = app.decided_by_name.clone().unwrap_or_else(|| "An administrator".to_string());
                    let when = app.decided_at.map(|d| format!(" on {}", format_date(d))).unwrap_or_default();
                    view! {
                        <p class="muted">{format!("Decided by {who}{when}.")}</p>
                        {app.decision_reason.clone().filter(|r| !r.trim().is_empty()).map(|r| view! {
                            <blockquote class="decision-reason">{r}</blockquote>
                        })}
                    }
                    .into_any()
                }
            }}
        </li>
    }
}

#[component]
pub fn ApplyPage() -> impl IntoView {
    let state = use_app();
    let catalog = use_catalog();
    let default_role = state
        .me
        .with_untracked(|me| match me.as_ref().map(|m| m.signup_intent) {
            Some(SignUpIntent::ManagerApplicant) => ApplicationRole::ProgrammeManager,
            _ => ApplicationRole::Mentor,
        });
    let role = RwSignal::new(default_role);
    let previous_roles = RwSignal::new(Vec::<String>::new());
    let previous_programmes = RwSignal::new(Vec::<String>::new());
    let programme = RwSignal::new(String::new());
    let years = RwSignal::new(String::new());
    let been_mentor = RwSignal::new(false);
    let proficiency = RwSignal::new(Vec::<String>::new());
    let motivation = RwSignal::new(String::new());
    let document = RwSignal::new(None::<(DocumentUpload, f64)>);
    let reading = RwSignal::new(false);
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let version = RwSignal::new(0u32);

    let mine = LocalResource::new(move || {
        version.track();
        api::applications_mine()
    });

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = first_file(&ev) else {
            return;
        };
        reset_file_input(&ev);
        reading.set(true);
        spawn_local(async move {
            match read_file(file).await {
                Ok(picked) => {
                    document.set(Some((
                        DocumentUpload {
                            file_name: picked.name,
                            base64: picked.base64,
                        },
                        picked.size,
                    )));
                    errors.update(|e| {
                        if let Some(e) = e {
                            e.fields.retain(|f| f.field != "document");
                        }
                    });
                }
                Err(message) => errors.set(Some(ApiError::field("document", message))),
            }
            reading.set(false);
        });
    };

    let reset_form = move || {
        previous_roles.set(Vec::new());
        previous_programmes.set(Vec::new());
        programme.set(String::new());
        years.set(String::new());
        been_mentor.set(false);
        proficiency.set(Vec::new());
        motivation.set(String::new());
        document.set(None);
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if reading.get_untracked() {
            return;
        }
        send_request(
            busy,
            errors,
            move || {
                let years_technical_experience = parse_optional_u32(&years.get_untracked())
                    .map_err(|message| ApiError::field("years_technical_experience", message))?;
                Ok(api::applications_submit(ApplicationSubmit {
                    role: role.get_untracked(),
                    previous_roles: previous_roles.get_untracked(),
                    previous_programmes: previous_programmes.get_untracked(),
                    programme_of_interest: programme.get_untracked(),
                    years_technical_experience,
                    been_mentor_before: been_mentor.get_untracked(),
                    technical_proficiency: proficiency.get_untracked(),
                    motivation: motivation.get_untracked(),
                    document: document.get_untracked().map(|(d, _)| d),
                }))
            },
            move |_| {
                reset_form();
                state.toast("Application sent");
                state.bump();
                state.refresh_me();
                version.update(|v| *v += 1);
            },
        );
    };

    let my_applications = move || {
        match mine.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(apps)) if apps.is_empty() => view! {
            <p class="muted empty-inline">"No applications yet. Fill in the form below — it takes about five minutes."</p>
        }
        .into_any(),
        Some(Ok(mut apps)) => {
            apps.sort_by_key(|a| std::cmp::Reverse(a.created_at));
            let pending = apps.iter().any(|a| a.status == ApplicationStatus::Pending);
            view! {
                {pending.then(|| view! {
                    <div class="notice">"Your application is with the administrators. You can still apply for another role below."</div>
                })}
                <ul class="stack application-list">
                    {apps
                        .into_iter()
                        .enumerate()
                        .map(|(i, app)| application_card(app, i == 0))
                        .collect_view()}
                </ul>
            }
            .into_any()
        }
    }
    };

    view! {
        <div class="page apply">
            <PageHeader
                title="Apply for a role"
                subtitle="Mentors and programme managers are approved by an administrator."
            />
            <section class="stack">
                <h2 class="section-title">"My applications"</h2>
                {my_applications}
            </section>
            <form class="form stack" on:submit=submit novalidate>
                <FormError errors=errors shown=FIELDS.to_vec() />
                <Section title="The role" description="What would you like to do?">
                    <div class="choices choices-row">
                        <ChoiceCard
                            chosen=role
                            name="apply-role"
                            value=ApplicationRole::Mentor
                            id="apply-role-mentor"
                            title="Mentor"
                            text="Guide mentees one-to-one and share what you've learned."
                        />
                        <ChoiceCard
                            chosen=role
                            name="apply-role"
                            value=ApplicationRole::ProgrammeManager
                            id="apply-role-manager"
                            title="Programme manager"
                            text="Run mentoring programmes and follow their progress."
                        />
                    </div>
                    <FieldError errors=errors field="role" />
                    <TextField
                        label="Programme of interest"
                        id="apply-programme"
                        field="programme_of_interest"
                        value=programme
                        errors=errors
                        placeholder="e.g. Women in Tech 2025"
                    />
                </Section>
                <Section title="Your experience" description="Help the administrators understand your background.">
                    <div class="field-row">
                        <TextField
                            label="Years of technical experience"
                            id="apply-years"
                            field="years_technical_experience"
                            input_type="number"
                            value=years
                            errors=errors
                        />
                        <div class="field field-center">
                            <CheckboxField label="I have been a mentor before" value=been_mentor id="apply-been-mentor" />
                            <FieldError errors=errors field="been_mentor_before" />
                        </div>
                    </div>
                    <div class="field">
                        <label for="apply-previous-roles">"Previous roles"</label>
                        <TagPicker
                            tags=previous_roles
                            suggestions=catalog.tags_signal()
                            id="apply-previous-roles"
                            placeholder="e.g. Team lead — press Enter to add"
                        />
                        <FieldError errors=errors field="previous_roles" />
                    </div>
                    <div class="field">
                        <label for="apply-previous-programmes">"Previous programmes"</label>
                        <TagPicker
                            tags=previous_programmes
                            suggestions=Signal::derive(Vec::new)
                            id="apply-previous-programmes"
                            placeholder="Programmes you took part in — press Enter to add"
                        />
                        <FieldError errors=errors field="previous_programmes" />
                    </div>
                    <div class="field">
                        <label for="apply-proficiency">"Technical proficiency"</label>
                        <TagPicker tags=proficiency suggestions=catalog.tags_signal() id="apply-proficiency" />
                        <FieldError errors=errors field="technical_proficiency" />
                    </div>
                </Section>
                <Section title="Motivation" description="Why do you want this role?">
                    <TextArea
                        label="Motivation"
                        id="apply-motivation"
                        field="motivation"
                        value=motivation
                        errors=errors
                        rows=6
                        placeholder="What would you bring, and what do you hope to get out of it?"
                    />
                    <div class="field">
                        <label for="apply-document">"Supporting document"</label>
                        <p class="hint">"Optional. A CV or certificate as PDF, DOCX or an image."</p>
                        {move || match document.get() {
                            Some((doc, size)) => view! {
                                <div class="file-pill">
                                    <Icon name="file" />
                                    <span class="file-name">{doc.file_name}</span>
                                    <span class="muted small">{format_size(size)}</span>
                                    <button type="button" class="icon-button" aria-label="Remove document" on:click=move |_| document.set(None)>
                                        <Icon name="x" />
                                    </button>
                                </div>
                            }
                            .into_any(),
                            None => view! {
                                <label class="button button-secondary file-button">
                                    <Icon name="upload" />
                                    <span>{move || if reading.get() { "Reading…" } else { "Choose a file" }}</span>
                                    <input
                                        type="file"
                                        id="apply-document"
                                        class="visually-hidden"
                                        accept=DOCUMENT_ACCEPT
                                        on:change=on_file
                                    />
                                </label>
                            }
                            .into_any(),
                        }}
                        <FieldError errors=errors field="document" />
                    </div>
                </Section>
                <div class="save-bar">
                    <span class="muted small">"You can't edit an application after sending it."</span>
                    <button
                        type="submit"
                        id="apply-submit"
                        class="button button-primary button-lg"
                        disabled=move || busy.get() || reading.get()
                    >
                        {move || if busy.get() { "Sending…" } else { "Send application" }}
                    </button>
                </div>
            </form>
        </div>
    }
}
