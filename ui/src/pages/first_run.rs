//! First run: create the workspace's first administrator.

use crate::api;
use crate::components::forms::{FormError, TextField};
use crate::components::layout::AuthLayout;
use crate::state::{use_app, Page};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
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
        if busy.get_untracked() {
            return;
        }
        let req = CreateFirstAdmin {
            email: email.get_untracked(),
            password: password.get_untracked(),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
        };
        password.set(String::new());
        busy.set(true);
        errors.set(None);
        spawn_local(async move {
            match api::accounts_create_first_admin(req).await {
                Ok(me) => {
                    state.screen.set(crate::state::AuthScreen::SignIn);
                    state.enter(me, Page::Home);
                    state.toast("Welcome! Your workspace is ready.");
                }
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };

    view! {
        <AuthLayout
            title="Welcome to Mentordesk — create the first administrator"
            subtitle="This account runs the workspace: it approves mentors, manages roles and sees the audit log."
        >
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["first_name", "last_name", "email", "password"] />
                <div class="field-row">
                    <TextField
                        label="First name"
                        id="first-admin-first-name"
                        field="first_name"
                        value=first_name
                        errors=errors
                        autocomplete="given-name"
                    />
                    <TextField
                        label="Last name"
                        id="first-admin-last-name"
                        field="last_name"
                        value=last_name
                        errors=errors
                        autocomplete="family-name"
                    />
                </div>
                <TextField
                    label="E-mail"
                    id="first-admin-email"
                    field="email"
                    input_type="email"
                    value=email
                    errors=errors
                    autocomplete="email"
                />
                <TextField
                    label="Password"
                    id="first-admin-password"
                    field="password"
                    input_type="password"
                    value=password
                    errors=errors
                    autocomplete="new-password"
                    hint="At least 8 characters. Long passphrases are welcome."
                />
                <button
                    type="submit"
                    id="first-admin-submit"
                    class="button button-primary button-block button-lg"
                    disabled=move || busy.get()
                >
                    {move || if busy.get() { "Creating…" } else { "Create administrator" }}
                </button>
            </form>
        </AuthLayout>
    }
}
