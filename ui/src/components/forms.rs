//! Form pieces: labelled fields, choice cards, per-field errors, the error banner, and sending
//! a form's request.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::{ApiError, ErrorCode};
use std::future::Future;

/// The last error a form got back, if any.
pub type Errors = RwSignal<Option<ApiError>>;

/// Sends a form's request unless one is still running. `request` builds the call when it goes
/// ahead, or refuses with an error for the form (a number that is not a number…). Once sent, the
/// last error is cleared and `busy` is set until the answer, which goes to `on_ok` or, when it is
/// an error, into `errors`.
pub fn send_request<T, F>(
    busy: RwSignal<bool>,
    errors: Errors,
    request: impl FnOnce() -> Result<F, ApiError>,
    on_ok: impl FnOnce(T) + 'static,
) where
    F: Future<Output = Result<T, ApiError>> + 'static,
    T: 'static,
{
    if busy.get_untracked() {
        return;
    }
    let call = match request() {
        Ok(call) => call,
        Err(err) => {
            errors.set(Some(err));
            return;
        }
    };
    busy.set(true);
    errors.set(None);
    spawn_local(async move {
        match call.await {
            Ok(answer) => on_ok(answer),
            Err(err) => errors.set(Some(err)),
        }
        busy.set(false);
    });
}

/// The message for `field` under its input, as `<p class="field-error" id="error-<field>">`.
#[component]
pub fn FieldError(errors: Errors, field: &'static str) -> impl IntoView {
    move || {
        errors
            .with(|e| {
                e.as_ref()
                    .and_then(|e| e.field_message(field))
                    .map(str::to_string)
            })
            .map(|message| {
                view! {
                    <p class="field-error" id=format!("error-{field}") role="alert">
                        {message}
                    </p>
                }
            })
    }
}

/// What the banner should say: everything except messages already shown under inputs.
fn banner_text(err: &ApiError, shown: &[&'static str], always: bool) -> Option<String> {
    if always {
        return Some(err.message.clone());
    }
    if err.code != ErrorCode::Validation {
        return Some(err.message.clone());
    }
    if err.fields.is_empty() {
        return Some(err.message.clone());
    }
    let hidden: Vec<&str> = err
        .fields
        .iter()
        .filter(|f| !shown.contains(&f.field.as_str()))
        .map(|f| f.message.as_str())
        .collect();
    if hidden.is_empty() {
        None
    } else {
        Some(hidden.join(" "))
    }
}

/// The error banner near a form (`.form-error`). Validation messages for the fields listed in
/// `shown` appear under their inputs instead; `always` shows the message regardless.
#[component]
pub fn FormError(
    errors: Errors,
    #[prop(into)] shown: Signal<Vec<&'static str>>,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] always: bool,
) -> impl IntoView {
    move || {
        let text = errors.with(|e| {
            e.as_ref()
                .and_then(|e| shown.with(|shown| banner_text(e, shown, always)))
        });
        text.map(|text| {
            view! {
                <div class="form-error" id=id role="alert">
                    <strong>"Something needs attention. "</strong>
                    <span>{text}</span>
                </div>
            }
        })
    }
}

/// An informational banner (`.notice`).
#[component]
pub fn Notice(
    #[prop(into)] text: String,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="notice" id=id role="status">
            {text}
        </div>
    }
}

/// A labelled single-line input bound to a string signal, with its error underneath.
#[component]
pub fn TextField(
    label: &'static str,
    value: RwSignal<String>,
    errors: Errors,
    /// The request's field name, for `error-<field>`.
    field: &'static str,
    #[prop(into, optional)] id: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let input_id = id.unwrap_or_else(|| format!("field-{field}"));
    let invalid =
        move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()));
    view! {
        <div class="field" class:has-error=invalid>
            <label for=input_id.clone()>
                {label}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            <input
                id=input_id
                type=input_type
                placeholder=placeholder
                autocomplete=autocomplete
                aria-invalid=move || if invalid() { "true" } else { "false" }
                bind:value=value
            />
            {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
            <FieldError errors=errors field=field />
        </div>
    }
}

/// A labelled multi-line input with an optional live character counter.
#[component]
pub fn TextArea(
    label: &'static str,
    value: RwSignal<String>,
    errors: Errors,
    field: &'static str,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    /// A text, or an `Option` of one for a placeholder only some callers want.
    #[prop(into, optional)]
    placeholder: MaybeProp<&'static str>,
    /// Shows "x/limit" under the input when set.
    #[prop(optional)]
    limit: Option<usize>,
    #[prop(default = 5)] rows: u32,
) -> impl IntoView {
    let input_id = id
        .map(str::to_string)
        .unwrap_or_else(|| format!("field-{field}"));
    let invalid =
        move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()));
    let count = move || value.with(|v| v.chars().count());
    view! {
        <div class="field" class:has-error=invalid>
            <label for=input_id.clone()>{label}</label>
            <textarea
                id=input_id
                rows=rows
                placeholder=move || placeholder.get()
                aria-invalid=move || if invalid() { "true" } else { "false" }
                bind:value=value
            ></textarea>
            <div class="field-meta">
                {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
                {limit
                    .map(|limit| {
                        view! {
                            <span class="counter" class:over=move || { count() > limit }>
                                {move || format!("{}/{}", count(), limit)}
                            </span>
                        }
                    })}
            </div>
            <FieldError errors=errors field=field />
        </div>
    }
}

/// A labelled checkbox bound to a bool signal.
#[component]
pub fn CheckboxField(
    label: &'static str,
    value: RwSignal<bool>,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="checkbox">
            <input type="checkbox" id=id bind:checked=value />
            <span>
                <span class="checkbox-label">{label}</span>
                {hint.map(|hint| view! { <span class="hint">{hint}</span> })}
            </span>
        </label>
    }
}

/// One radio button of a group (`name`), drawn as a card with a title and a line of text.
#[component]
pub fn ChoiceCard<T>(
    /// The group's choice; this card is selected while it equals `value`.
    chosen: RwSignal<T>,
    value: T,
    name: &'static str,
    id: &'static str,
    title: &'static str,
    text: &'static str,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <label class="choice-card" class:selected=move || chosen.get() == value for=id>
            <input
                type="radio"
                name=name
                id=id
                prop:checked=move || chosen.get() == value
                on:change=move |_| chosen.set(value)
            />
            <span class="choice-text">
                <strong>{title}</strong>
                <span class="muted">{text}</span>
            </span>
        </label>
    }
}

/// A card section of a longer form, with a title and a short explanation.
#[component]
pub fn Section(
    title: &'static str,
    #[prop(optional)] description: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card form-section">
            <header class="section-header">
                <h2>{title}</h2>
                {description.map(|d| view! { <p class="muted">{d}</p> })}
            </header>
            <div class="section-body">{children()}</div>
        </section>
    }
}
