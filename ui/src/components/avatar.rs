//! A round avatar: the person's photo, or their initials on a calm colour.

use crate::util::{avatar_colour, initials};
use leptos::prelude::*;

/// `size` is one of `sm`, `md`, `lg`, `xl`.
#[component]
pub fn Avatar(
    #[prop(into)] name: String,
    photo: Option<String>,
    #[prop(default = "md")] size: &'static str,
) -> impl IntoView {
    let class = format!("avatar avatar-{size}");
    match photo.filter(|p| !p.is_empty()) {
        Some(src) => {
            view! { <img class=class src=src alt=format!("Photo of {name}") /> }.into_any()
        }
        None => {
            let style = format!("background-color: {}", avatar_colour(&name));
            view! {
                <span class=class style=style aria-hidden="true">
                    {initials(&name)}
                </span>
            }
            .into_any()
        }
    }
}
