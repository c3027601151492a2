//! First run: create the workspace's first administrator.

use crate::api;
use crate::components::auth::{AccountFields, AuthSubmit};
use crate::components::forms::{send_request, FormError};
use crate::components::layout::AuthLayout;
use crate::state::{use_app, AuthScreen, Page};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentordesk_shared::accounts::CreateFirstAdmin;

#[component]
pub fn FirstRun() -> impl IntoView {
    let state = use_app();
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(None);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let req = CreateFirstAdmin {
                    email: email.get_untracked(),
                    password: password.get_untracked(),
                    first_name: first_name.get_untracked(),
                    last_name: last_name.get_untracked(),
                };
                password.set(String::new());
                Ok(api::accounts_create_first_admin(req))
            },
            move |me| {
                state.screen.set(AuthScreen::SignIn);
                state.enter(me, Page::Home);
                state.toast("Welcome! Your workspace is ready.");
            },
        );
    };

    view! {
        <AuthLayout
            title="Welcome to Mentordesk — create the first administrator"
            subtitle="This account runs the workspace: it approves mentors, manages roles and sees the audit log."
        >
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["first_name", "last_name", "email", "password"] />
                <AccountFields
                    id_prefix="first-admin"
                    first_name=first_name
                    last_name=last_name
                    email=email
                    password=password
                    errors=errors
                />
                <AuthSubmit id="first-admin-submit" label="Create administrator" busy_label="Creating…" busy=busy />
            </form>
        </AuthLayout>
    }
}
