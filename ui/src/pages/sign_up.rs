//! Create an account: name, e-mail, password and what the person wants to do.

use crate::api;
use crate::components::forms::{FieldError, FormError, TextField};
use crate::components::layout::AuthLayout;
use crate::state::{use_app, AuthScreen, Page};
use crate::util::detect_time_zone;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::Permission;
use mentordesk_shared::accounts::{SignUp, SignUpIntent};

#[component]
fn IntentChoice(
    intent: RwSignal<SignUpIntent>,
    value: SignUpIntent,
    id: &'static str,
    title: &'static str,
    text: &'static str,
) -> impl IntoView {
    view! {
        <label class="choice-card" class:selected=move || intent.get() == value for=id>
            <input
                type="radio"
                name="intent"
                id=id
                prop:checked=move || intent.get() == value
                on:change=move |_| intent.set(value)
            />
            <span class="choice-text">
                <strong>{title}</strong>
                <span class="muted">{text}</span>
            </span>
        </label>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let state = use_app();
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let intent = RwSignal::new(SignUpIntent::Mentee);
    let errors = RwSignal::new(None);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let chosen = intent.get_untracked();
        let req = SignUp {
            email: email.get_untracked(),
            password: password.get_untracked(),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            intent: chosen,
            time_zone: detect_time_zone(),
        };
        password.set(String::new());
        busy.set(true);
        errors.set(None);
        spawn_local(async move {
            match api::accounts_sign_up(req).await {
                Ok(me) => {
                    let page = match chosen {
                        SignUpIntent::Mentee => Page::Onboarding,
                        SignUpIntent::MentorApplicant | SignUpIntent::ManagerApplicant => {
                            if me.can(Permission::ApplicationSubmit) {
                                Page::Apply
                            } else {
                                Page::Onboarding
                            }
                        }
                    };
                    state.screen.set(AuthScreen::SignIn);
                    state.enter(me, page);
                    state.toast("Your account is ready.");
                }
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };

    view! {
        <AuthLayout
            title="Create an account"
            subtitle="Join the programme. You can complete your profile right after."
        >
            <form class="form" on:submit=submit novalidate>
                <FormError
                    errors=errors
                    shown=vec!["first_name", "last_name", "email", "password", "intent"]
                />
                <div class="field-row">
                    <TextField
                        label="First name"
                        id="signup-first-name"
                        field="first_name"
                        value=first_name
                        errors=errors
                        autocomplete="given-name"
                    />
                    <TextField
                        label="Last name"
                        id="signup-last-name"
                        field="last_name"
                        value=last_name
                        errors=errors
                        autocomplete="family-name"
                    />
                </div>
                <TextField
                    label="E-mail"
                    id="signup-email"
                    field="email"
                    input_type="email"
                    value=email
                    errors=errors
                    autocomplete="email"
                />
                <TextField
                    label="Password"
                    id="signup-password"
                    field="password"
                    input_type="password"
                    value=password
                    errors=errors
                    autocomplete="new-password"
                    hint="At least 8 characters. Long passphrases are welcome."
                />
                <fieldset class="choices">
                    <legend>"What brings you here?"</legend>
                    <IntentChoice
                        intent=intent
                        value=SignUpIntent::Mentee
                        id="signup-intent-mentee"
                        title="I want to be mentored"
                        text="Find a mentor who has walked the path before you."
                    />
                    <IntentChoice
                        intent=intent
                        value=SignUpIntent::MentorApplicant
                        id="signup-intent-mentor"
                        title="I want to mentor"
                        text="Apply to share your experience. An administrator reviews applications."
                    />
                    <IntentChoice
                        intent=intent
                        value=SignUpIntent::ManagerApplicant
                        id="signup-intent-manager"
                        title="I want to run programmes"
                        text="Apply to become a programme manager."
                    />
                    <FieldError errors=errors field="intent" />
                </fieldset>
                <button
                    type="submit"
                    id="signup-submit"
                    class="button button-primary button-block button-lg"
                    disabled=move || busy.get()
                >
                    {move || if busy.get() { "Creating your account…" } else { "Create account" }}
                </button>
            </form>
            <div class="auth-links">
                <span class="muted">"Already have an account?"</span>
                <button
                    type="button"
                    id="goto-signin"
                    class="link-button"
                    on:click=move |_| state.screen.set(AuthScreen::SignIn)
                >
                    "Sign in"
                </button>
            </div>
        </AuthLayout>
    }
}
