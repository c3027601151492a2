//! Sign in with e-mail and password.

use crate::api;
use crate::components::forms::{FieldError, FormError, Notice};
use crate::components::layout::AuthLayout;
use crate::state::{use_app, AuthScreen, Page};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::accounts::SignIn;

#[component]
pub fn SignInPage() -> impl IntoView {
    let state = use_app();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(None);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = SignIn {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        password.set(String::new());
        busy.set(true);
        errors.set(None);
        spawn_local(async move {
            match api::accounts_sign_in(req).await {
                Ok(me) => state.enter(me, Page::Home),
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };

    view! {
        <AuthLayout title="Sign in" subtitle="Welcome back. Sign in to your Mentordesk workspace.">
            {move || state.notice.get().map(|text| view! { <Notice text=text id="signin-notice" /> })}
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["email", "password"] id="signin-error" always=true />
                <div class="field">
                    <label for="signin-email">"E-mail"</label>
                    <input id="signin-email" type="email" autocomplete="username" bind:value=email />
                    <FieldError errors=errors field="email" />
                </div>
                <div class="field">
                    <label for="signin-password">"Password"</label>
                    <input
                        id="signin-password"
                        type="password"
                        autocomplete="current-password"
                        bind:value=password
                    />
                    <FieldError errors=errors field="password" />
                </div>
                <button
                    type="submit"
                    id="signin-submit"
                    class="button button-primary button-block button-lg"
                    disabled=move || busy.get()
                >
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
            <div class="auth-links">
                <button
                    type="button"
                    id="goto-signup"
                    class="link-button"
                    on:click=move |_| {
                        state.notice.set(None);
                        state.screen.set(AuthScreen::SignUp);
                    }
                >
                    "Create an account"
                </button>
                <button
                    type="button"
                    id="goto-reset"
                    class="link-button"
                    on:click=move |_| {
                        state.notice.set(None);
                        state.screen.set(AuthScreen::Reset);
                    }
                >
                    "I have a reset code"
                </button>
            </div>
        </AuthLayout>
    }
}
