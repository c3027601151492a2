//! Certificates: a programme's Certificates tab (managers issue, approve, revoke and
//! export them), "My certificates" for their recipients, and verifying a code — from the
//! Certificates page and, signed out, from the sign-in screen.
//!
//! Element ids:
//! - the tab: `certificate-mentee` (select), `certificate-series`, `certificate-issued`,
//!   `certificate-expires`, `certificate-issue`, `certificate-error` (field errors
//!   `error-mentee_id`, `error-series_id`, `error-issued_on`, `error-expires_on`);
//!   cards `article.certificate-card[data-certificate-id][data-status]` with
//!   `.certificate-code`, `.certificate-approve`, `.certificate-revoke`,
//!   `.certificate-generate`, `.certificate-export` (approved), `.certificate-draft` (its
//!   managers, before approving); the revoke dialog
//!   `certificate-reason`, `certificate-revoke-confirm`
//! - verifying: `verify-code`, `verify-submit`, result `#verify-result[data-verdict]`

use crate::api;
use crate::components::auth::ScreenLink;
use crate::components::dialog::Modal;
use crate::components::forms::{send_request, FieldError, FormError, TextArea, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{AuthLayout, EmptyState, Loading, PageHeader};
use crate::state::{use_app, AuthScreen};
use chrono::{Local, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::certificates::*;
use mentordesk_shared::ids::{CertificateId, ProgrammeId, UserId};
use mentordesk_shared::ApiError;

fn long(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn badge(c: &CertificateView) -> impl IntoView {
    let (class, label) = match c.status {
        CertificateStatus::Approved if c.expired => ("badge badge-muted", "Expired"),
        CertificateStatus::Approved => ("badge badge-success", "Approved"),
        CertificateStatus::PendingApproval => ("badge badge-pending", c.status.label()),
        CertificateStatus::PendingGeneration => ("badge badge-info", c.status.label()),
        CertificateStatus::Revoked => ("badge badge-danger", "Revoked"),
    };
    view! { <span class=class>{label}</span> }
}

fn export(id: CertificateId) {
    let state = use_app();
    spawn_local(async move {
        match api::certificates_export(CertificateRef { id }).await {
            Ok(saved) => state.toast(format!("Saved to {}", saved.path)),
            Err(err) => state.toast_error(err.message),
        }
    });
}

/// One certificate as a card, with the actions the viewer may take.
#[component]
fn CertificateCard(
    certificate: CertificateView,
    #[prop(optional)] show_programme: bool,
    on_changed: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let c = certificate;
    let id = c.id;
    let busy = RwSignal::new(false);
    let revoking = RwSignal::new(false);
    let act = move |action: CertificateAction| {
        busy.set(true);
        spawn_local(async move {
            let result = match action {
                CertificateAction::Approve => {
                    api::certificates_decide(CertificateDecision {
                        id,
                        action,
                        reason: String::new(),
                    })
                    .await
                }
                CertificateAction::Revoke => unreachable!("revoking asks for a reason first"),
            };
            match result {
                Ok(v) => {
                    state.toast(format!("Certificate for {} approved", v.recipient.name));
                    on_changed.run(());
                }
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
        });
    };
    let generate = move |_| {
        busy.set(true);
        spawn_local(async move {
            match api::certificates_generate(CertificateRef { id }).await {
                Ok(_) => on_changed.run(()),
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
        });
    };
    let stamp = |label: &str, s: &Option<mentordesk_shared::programmes::StatusStamp>| {
        s.as_ref().map(|s| {
            format!(
                "{label} by {} on {}",
                s.by,
                s.at.with_timezone(&Local).format("%-d %b %Y")
            )
        })
    };
    let history: Vec<String> = [
        Some(format!(
            "Issued by {} on {}",
            c.created_by,
            c.created_at.with_timezone(&Local).format("%-d %b %Y")
        )),
        stamp("Approved", &c.approved),
        stamp("Revoked", &c.revoked),
    ]
    .into_iter()
    .flatten()
    .collect();
    let exportable = c.status == CertificateStatus::Approved;
    // Its managers (those who may approve it) check a draft before approving.
    let draft = c.status == CertificateStatus::PendingApproval && c.can_approve;
    view! {
        <article class="card certificate-card" data-certificate-id=id.to_string() data-status=c.status.key()>
            <div class="certificate-seal" aria-hidden="true"><Icon name="award" /></div>
            <div class="certificate-main">
                <div class="certificate-head">
                    <h3>{c.recipient.name.clone()}</h3>
                    {badge(&c)}
                </div>
                {show_programme.then(|| view! { <p class="muted">{c.programme_name.clone()}</p> })}
                <dl class="certificate-facts small">
                    <div><dt>"Series"</dt><dd>{c.series_id.clone()}</dd></div>
                    <div><dt>"Code"</dt><dd class="certificate-code mono">{c.code.clone()}</dd></div>
                    <div><dt>"Issued"</dt><dd>{long(c.issued_on)}</dd></div>
                    <div><dt>"Expires"</dt><dd>{c.expires_on.map_or("Never".to_string(), long)}</dd></div>
                </dl>
                <p class="faint small">{history.join(" · ")}</p>
                {(!c.revoke_reason.is_empty()).then(|| view! { <p class="small danger-text">{format!("Reason: {}", c.revoke_reason)}</p> })}
            </div>
            <div class="certificate-actions">
                <Show when=move || c.can_approve>
                    <button type="button" class="button button-primary button-sm certificate-approve"
                        disabled=move || busy.get() on:click=move |_| act(CertificateAction::Approve)>"Approve"</button>
                </Show>
                <Show when=move || c.can_generate>
                    <button type="button" class="button button-secondary button-sm certificate-generate"
                        disabled=move || busy.get() on:click=generate>"Prepare again"</button>
                </Show>
                <Show when=move || exportable>
                    <button type="button" class="button button-secondary button-sm certificate-export" on:click=move |_| export(id)>
                        <Icon name="download" /><span>"PDF"</span>
                    </button>
                </Show>
                <Show when=move || draft>
                    <button type="button" class="button button-ghost button-sm certificate-draft" on:click=move |_| export(id)>
                        <Icon name="download" /><span>"Draft PDF"</span>
                    </button>
                </Show>
                <Show when=move || c.can_revoke>
                    <button type="button" class="button button-ghost button-sm certificate-revoke"
                        on:click=move |_| revoking.set(true)>"Revoke"</button>
                </Show>
            </div>
            {move || revoking.get().then(|| view! {
                <RevokeDialog id=id on_close=Callback::new(move |_| revoking.set(false))
                    on_done=Callback::new(move |_| { revoking.set(false); on_changed.run(()); }) />
            })}
        </article>
    }
}

#[component]
fn RevokeDialog(id: CertificateId, on_close: Callback<()>, on_done: Callback<()>) -> impl IntoView {
    let state = use_app();
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                Ok(api::certificates_decide(CertificateDecision {
                    id,
                    action: CertificateAction::Revoke,
                    reason: reason.get_untracked(),
                }))
            },
            move |v: CertificateView| {
                state.toast(format!("Certificate for {} revoked", v.recipient.name));
                on_done.run(());
            },
        );
    };
    view! {
        <Modal title="Revoke this certificate?" on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <p class="muted">"Its code will verify as revoked from now on. The recipient is told, with your reason."</p>
                <FormError errors=errors shown=vec!["reason"] />
                <TextArea label="Reason" id="certificate-reason" field="reason" value=reason errors=errors limit=1000 rows=3 />
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" on:click=move |_| on_close.run(())>"Keep it"</button>
                    <button type="submit" class="button button-danger" id="certificate-revoke-confirm" disabled=move || busy.get()>"Revoke"</button>
                </div>
            </form>
        </Modal>
    }
}

/// A programme's Certificates tab.
#[component]
pub fn ProgrammeCertificates(programme_id: ProgrammeId) -> impl IntoView {
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        async move {
            api::certificates_list(CertificateQuery {
                programme_id: Some(programme_id),
                mine: false,
            })
            .await
        }
    });
    let changed = Callback::new(move |_: ()| version.update(|v| *v += 1));
    view! {
        <div class="programme-certificates stack">
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                Some(Ok(l)) => {
                    let issue = l.can_issue.then(|| view! {
                        <IssueForm programme_id=programme_id eligible=l.eligible.clone()
                            suggested=l.suggested_series_id.clone().unwrap_or_default() on_issued=changed />
                    });
                    let cards = if l.certificates.is_empty() {
                        view! { <div id="certificates-empty"><EmptyState title="No certificates yet"
                            text="Mentees who complete the programme can be given a certificate; it is approved before anyone can verify it." /></div> }.into_any()
                    } else {
                        view! { <div class="certificate-list">
                            {l.certificates.into_iter().map(|c| view! { <CertificateCard certificate=c on_changed=changed /> }).collect_view()}
                        </div> }.into_any()
                    };
                    view! { {issue}{cards} }.into_any()
                }
            }}
        </div>
    }
}

#[component]
fn IssueForm(
    programme_id: ProgrammeId,
    eligible: Vec<mentordesk_shared::sessions::PersonBrief>,
    suggested: String,
    on_issued: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let mentee = RwSignal::new(
        eligible
            .first()
            .map(|p| p.user_id.to_string())
            .unwrap_or_default(),
    );
    let series = RwSignal::new(suggested);
    let issued = RwSignal::new(Local::now().date_naive().to_string());
    let expires = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let none_eligible = eligible.is_empty();
    let date = |text: String, field: &str| -> Result<Option<NaiveDate>, ApiError> {
        let t = text.trim().to_string();
        if t.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::field(field, "Enter a date."))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let mentee_id = mentee
                    .get_untracked()
                    .parse::<uuid::Uuid>()
                    .map(UserId)
                    .map_err(|_| ApiError::field("mentee_id", "Choose a mentee."))?;
                let req = NewCertificate {
                    programme_id,
                    mentee_id,
                    series_id: series.get_untracked(),
                    issued_on: date(issued.get_untracked(), "issued_on")?,
                    expires_on: date(expires.get_untracked(), "expires_on")?,
                };
                Ok(api::certificates_issue(req))
            },
            move |c: CertificateView| {
                state.toast(format!(
                    "Certificate for {} waits for approval",
                    c.recipient.name
                ));
                on_issued.run(());
            },
        );
    };
    view! {
        <section class="card issue-certificate">
            <h2>"Issue a certificate"</h2>
            {none_eligible.then(|| view! {
                <p class="muted" id="certificates-none-eligible">"Mentees can receive a certificate once the programme is completed or their match has ended."</p>
            })}
            <form class="form certificate-form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["mentee_id", "series_id", "issued_on", "expires_on"] id="certificate-error" />
                <div class="field-row field-row-4">
                    <div class="field">
                        <label for="certificate-mentee">"Mentee"</label>
                        <select id="certificate-mentee" disabled=none_eligible on:change=move |ev| mentee.set(event_target_value(&ev))>
                            {eligible.into_iter().map(|p| view! { <option value=p.user_id.to_string()>{p.name}</option> }).collect_view()}
                        </select>
                        <FieldError errors=errors field="mentee_id" />
                    </div>
                    <TextField label="Series" id="certificate-series" field="series_id" value=series errors=errors />
                    <TextField label="Issued on" id="certificate-issued" field="issued_on" input_type="date" value=issued errors=errors />
                    <TextField label="Expires on (optional)" id="certificate-expires" field="expires_on" input_type="date" value=expires errors=errors />
                </div>
                <div class="dialog-actions">
                    <button type="submit" class="button button-primary" id="certificate-issue" disabled=move || busy.get() || none_eligible>
                        <Icon name="award" /><span>"Issue certificate"</span>
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The viewer's own certificates and a box to verify any code.
#[component]
pub fn CertificatesPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        async move {
            api::certificates_list(CertificateQuery {
                programme_id: None,
                mine: true,
            })
            .await
        }
    });
    let changed = Callback::new(move |_: ()| version.update(|v| *v += 1));
    view! {
        <div class="page certificates-page">
            <PageHeader title="Certificates" subtitle="Certificates you received for completing a programme, and a check for any certificate's code." />
            <div class="grid grid-2">
                <section class="stack">
                    <h2>"My certificates"</h2>
                    {move || match list.get() {
                        None => view! { <Loading /> }.into_any(),
                        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                        Some(Ok(l)) if l.certificates.is_empty() => view! {
                            <EmptyState title="No certificates yet" text="When you complete a programme, its managers can award you a certificate. It appears here once approved." />
                        }.into_any(),
                        Some(Ok(l)) => l.certificates.into_iter().map(|c| view! {
                            <CertificateCard certificate=c show_programme=true on_changed=changed />
                        }).collect_view().into_any(),
                    }}
                </section>
                <section class="card">
                    <h2>"Verify a certificate"</h2>
                    <VerifyForm />
                </section>
            </div>
        </div>
    }
}

/// Signed out: the sign-in screen's "Verify a certificate".
#[component]
pub fn VerifyScreen() -> impl IntoView {
    view! {
        <AuthLayout title="Verify a certificate" subtitle="Type the code printed on a Mentordesk certificate to check that it is genuine and still valid.">
            <VerifyForm />
            <div class="auth-links">
                <ScreenLink id="goto-sign-in" to=AuthScreen::SignIn label="Back to sign in" />
            </div>
        </AuthLayout>
    }
}

#[component]
fn VerifyForm() -> impl IntoView {
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<CertificateVerification>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                Ok(api::certificates_verify(CertificateCode {
                    code: code.get_untracked(),
                }))
            },
            move |v: CertificateVerification| result.set(Some(v)),
        );
    };
    view! {
        <form class="form verify-form" on:submit=submit novalidate>
            <div class="field">
                <label for="verify-code">"Certificate code"</label>
                <input type="text" id="verify-code" class="mono" placeholder="MD-XXXX-XXXX-XXXX" autocomplete="off"
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                <FieldError errors=errors field="code" />
            </div>
            <FormError errors=errors shown=vec!["code"] />
            <button type="submit" class="button button-primary" id="verify-submit" disabled=move || busy.get()>"Verify"</button>
        </form>
        {move || result.get().map(|v| {
            let (class, icon) = match v.verdict {
                CertificateVerdict::Valid => ("verify-result valid", "check"),
                CertificateVerdict::Expired => ("verify-result expired", "clock"),
                CertificateVerdict::Revoked | CertificateVerdict::NotFound => ("verify-result invalid", "x"),
            };
            let verdict = match v.verdict {
                CertificateVerdict::Valid => "valid",
                CertificateVerdict::Expired => "expired",
                CertificateVerdict::Revoked => "revoked",
                CertificateVerdict::NotFound => "not_found",
            };
            view! {
                <div class=class id="verify-result" data-verdict=verdict role="status">
                    <p class="verify-message"><Icon name=icon />{v.message.clone()}</p>
                    {v.certificate.map(|c| view! {
                        <dl class="certificate-facts small">
                            <div><dt>"Awarded to"</dt><dd>{c.recipient}</dd></div>
                            <div><dt>"Programme"</dt><dd>{c.programme}</dd></div>
                            <div><dt>"Series"</dt><dd>{c.series_id}</dd></div>
                            <div><dt>"Issued"</dt><dd>{long(c.issued_on)}</dd></div>
                            <div><dt>"Expires"</dt><dd>{c.expires_on.map_or("Never".to_string(), long)}</dd></div>
                        </dl>
                    })}
                </div>
            }
        })}
    }
}
