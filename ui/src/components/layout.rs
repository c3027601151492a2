//! Page frames: the centred card of the sign-in screens and the header of app pages.

use leptos::prelude::*;

/// The two-panel frame of first run, sign-in, sign-up and reset.
#[component]
pub fn AuthLayout(
    #[prop(into)] title: String,
    #[prop(into)] subtitle: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="auth">
            <aside class="auth-brand">
                <div class="wordmark wordmark-light">
                    <span class="wordmark-mark" aria-hidden="true">"M"</span>
                    <span>"Mentordesk"</span>
                </div>
                <div class="auth-pitch">
                    <h2>"Mentoring programmes, run with care."</h2>
                    <p>
                        "Match mentors and mentees, review applications and keep every profile in one calm place — on your own computer."
                    </p>
                </div>
                <p class="auth-foot">"Your data stays in your workspace."</p>
            </aside>
            <main class="auth-main">
                <div class="auth-card">
                    <header class="auth-header">
                        <h1>{title}</h1>
                        <p class="muted">{subtitle}</p>
                    </header>
                    {children()}
                </div>
            </main>
        </div>
    }
}

/// The title block at the top of an app page, with optional actions on the right.
#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(into, optional)] subtitle: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1>{title}</h1>
                {subtitle.map(|s| view! { <p class="muted">{s}</p> })}
            </div>
            {children.map(|c| view! { <div class="page-actions">{c()}</div> })}
        </header>
    }
}

/// A friendly placeholder for lists with nothing in them, saying what to do next.
#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into)] text: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <div class="empty-illustration" aria-hidden="true"></div>
            <h3>{title}</h3>
            <p class="muted">{text}</p>
            {children.map(|c| view! { <div class="empty-actions">{c()}</div> })}
        </div>
    }
}

/// A quiet loading line.
#[component]
pub fn Loading(#[prop(into, optional)] label: Option<String>) -> impl IntoView {
    view! {
        <div class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            <span>{label.unwrap_or_else(|| "Loading…".to_string())}</span>
        </div>
    }
}
