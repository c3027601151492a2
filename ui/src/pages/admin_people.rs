//! stub
use leptos::prelude::*;
#[component]
pub fn PeoplePage() -> impl IntoView {
    view! { <p>"todo"</p> }
}
