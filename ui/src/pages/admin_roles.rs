//! stub
use leptos::prelude::*;
#[component]
pub fn RolesPage() -> impl IntoView {
    view! { <p>"todo"</p> }
}
