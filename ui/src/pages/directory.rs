//! The mentor directory: search, filters and a grid of mentor cards.

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::components::stars::RatingSummaryLine;
use crate::state::{use_app, Page};
use leptos::prelude::*;
use mentordesk_shared::profiles::{DirectoryQuery, MentorCard};

fn non_empty(value: String) -> Option<String> {
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

fn merge(into: &mut Vec<String>, more: &[String]) {
    for item in more {
        if !into.contains(item) {
            into.push(item.clone());
        }
    }
    into.sort_by_key(|s| s.to_lowercase());
}

#[component]
fn MentorCardView(mentor: MentorCard) -> impl IntoView {
    let state = use_app();
    let id = mentor.user_id;
    let open = move || state.go(Page::Person(id));
    let location = [mentor.city.as_str(), mentor.country.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let zone = mentor.time_zone.replace('_', " ");
    let place = match (location.is_empty(), zone.is_empty()) {
        (false, false) => format!("{location} · {zone}"),
        (false, true) => location,
        (true, false) => zone,
        (true, true) => String::new(),
    };
    let more = mentor.expertise.len().saturating_sub(4);
    view! {
        <article
            class="card mentor-card"
            data-user-id=id.to_string()
            tabindex="0"
            role="button"
            on:click=move |_| open()
            on:keydown=move |ev| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    open();
                }
            }
        >
            <div class="mentor-card-head">
                <Avatar name=mentor.name.clone() photo=mentor.photo.clone() size="lg" />
                <div class="mentor-card-title">
                    <h3 class="mentor-name">{mentor.name.clone()}</h3>
                    <p class="mentor-headline">{mentor.headline.clone()}</p>
                    <RatingSummaryLine summary=mentor.rating />
                </div>
            </div>
            {(!place.is_empty())
                .then(|| view! {
                    <p class="mentor-place">
                        <Icon name="pin" />
                        <span>{place}</span>
                    </p>
                })}
            <div class="chips">
                {mentor
                    .expertise
                    .iter()
                    .take(4)
                    .map(|tag| view! { <span class="chip">{tag.clone()}</span> })
                    .collect_view()}
                {(more > 0).then(|| view! { <span class="chip chip-muted">{format!("+{more}")}</span> })}
            </div>
            <div class="mentor-card-foot">
                {mentor
                    .accepting_mentees
                    .then(|| view! { <span class="badge badge-success">"Accepting mentees"</span> })}
                {mentor
                    .supports_new_parents
                    .then(|| view! { <span class="badge badge-info">"Supports new parents"</span> })}
                {mentor
                    .years_experience
                    .map(|y| view! { <span class="muted small">{format!("{y} yrs experience")}</span> })}
            </div>
        </article>
    }
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let expertise = RwSignal::new(String::new());
    let zone = RwSignal::new(String::new());
    let accepting = RwSignal::new(false);
    let tag_options = RwSignal::new(Vec::<String>::new());
    let zone_options = RwSignal::new(Vec::<String>::new());

    let results = LocalResource::new(move || {
        let query = DirectoryQuery {
            text: text.get(),
            expertise: non_empty(expertise.get()),
            time_zone: non_empty(zone.get()),
            accepting_only: accepting.get(),
        };
        api::directory_search(query)
    });

    Effect::new(move |_| {
        if let Some(Ok(page)) = results.get() {
            tag_options.update(|o| merge(o, &page.expertise_tags));
            zone_options.update(|o| merge(o, &page.time_zones));
        }
    });

    let filtered = move || {
        !text.with(String::is_empty)
            || !expertise.with(String::is_empty)
            || !zone.with(String::is_empty)
            || accepting.get()
    };
    let clear = move || {
        text.set(String::new());
        expertise.set(String::new());
        zone.set(String::new());
        accepting.set(false);
    };

    let grid = move || match results.get() {
        None => view! { <Loading label="Finding mentors…" /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(page)) if page.mentors.is_empty() => {
            if filtered() {
                view! {
                    <EmptyState
                        title="No mentors match these filters"
                        text="Try a different name or skill, or widen the time zone."
                    >
                        <button type="button" id="directory-clear" class="button button-secondary" on:click=move |_| clear()>
                            "Clear filters"
                        </button>
                    </EmptyState>
                }
                .into_any()
            } else {
                view! {
                    <EmptyState
                        title="No mentors yet"
                        text="Mentors appear here once an administrator approves their application. Check back soon."
                    />
                }
                .into_any()
            }
        }
        Some(Ok(page)) => {
            let count = page.mentors.len();
            view! {
                <p class="muted small result-count">
                    {if count == 1 { "1 mentor".to_string() } else { format!("{count} mentors") }}
                </p>
                <div class="mentor-grid">
                    {page
                        .mentors
                        .into_iter()
                        .map(|mentor| view! { <MentorCardView mentor=mentor /> })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
    };

    view! {
        <div class="page directory">
            <PageHeader
                title="Find a mentor"
                subtitle="Browse mentors by name, expertise and time zone."
            />
            <div class="card filters">
                <div class="search-input">
                    <Icon name="search" />
                    <input
                        type="search"
                        id="directory-search"
                        placeholder="Search by name"
                        aria-label="Search mentors by name"
                        bind:value=text
                    />
                </div>
                <select id="directory-expertise" aria-label="Expertise" bind:value=expertise>
                    <option value="">"Any expertise"</option>
                    {move || {
                        tag_options
                            .get()
                            .into_iter()
                            .map(|tag| {
                                let selected = expertise.with_untracked(|e| e == &tag);
                                view! { <option value=tag.clone() selected=selected>{tag.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <select id="directory-timezone" aria-label="Time zone" bind:value=zone>
                    <option value="">"Any time zone"</option>
                    {move || {
                        zone_options
                            .get()
                            .into_iter()
                            .map(|z| {
                                let selected = zone.with_untracked(|v| v == &z);
                                view! { <option value=z.clone() selected=selected>{z.replace('_', " ")}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <label class="checkbox checkbox-inline">
                    <input type="checkbox" id="directory-accepting" bind:checked=accepting />
                    <span>"Accepting new mentees"</span>
                </label>
            </div>
            {grid}
        </div>
    }
}
