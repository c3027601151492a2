//! Create an account: name, e-mail, password and what the person wants to do.

use crate::api;
use crate::components::auth::{AccountFields, AuthSubmit, ScreenLink};
use crate::components::forms::{send_request, ChoiceCard, FieldError, FormError};
use crate::components::layout::AuthLayout;
use crate::state::{use_app, AuthScreen, Page};
use crate::util::detect_time_zone;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentordesk_shared::access::Permission;
use mentordesk_shared::accounts::{SignUp, SignUpIntent};

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
        let chosen = intent.get_untracked();
        send_request(
            busy,
            errors,
            move || {
                let req = SignUp {
                    email: email.get_untracked(),
                    password: password.get_untracked(),
                    first_name: first_name.get_untracked(),
                    last_name: last_name.get_untracked(),
                    intent: chosen,
                    time_zone: detect_time_zone(),
                };
                password.set(String::new());
                Ok(api::accounts_sign_up(req))
            },
            move |me| {
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
            },
        );
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
                <AccountFields
                    id_prefix="signup"
                    first_name=first_name
                    last_name=last_name
                    email=email
                    password=password
                    errors=errors
                />
                <fieldset class="choices">
                    <legend>"What brings you here?"</legend>
                    <ChoiceCard
                        chosen=intent
                        name="intent"
                        value=SignUpIntent::Mentee
                        id="signup-intent-mentee"
                        title="I want to be mentored"
                        text="Find a mentor who has walked the path before you."
                    />
                    <ChoiceCard
                        chosen=intent
                        name="intent"
                        value=SignUpIntent::MentorApplicant
                        id="signup-intent-mentor"
                        title="I want to mentor"
                        text="Apply to share your experience. An administrator reviews applications."
                    />
                    <ChoiceCard
                        chosen=intent
                        name="intent"
                        value=SignUpIntent::ManagerApplicant
                        id="signup-intent-manager"
                        title="I want to run programmes"
                        text="Apply to become a programme manager."
                    />
                    <FieldError errors=errors field="intent" />
                </fieldset>
                <AuthSubmit
                    id="signup-submit"
                    label="Create account"
                    busy_label="Creating your account…"
                    busy=busy
                />
            </form>
            <div class="auth-links">
                <span class="muted">"Already have an account?"</span>
                <ScreenLink id="goto-signin" to=AuthScreen::SignIn label="Sign in" />
            </div>
        </AuthLayout>
    }
}
