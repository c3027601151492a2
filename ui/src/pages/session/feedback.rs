//! After the session: the mentor's notes (the mentor writes, the mentee reads) and ratings.
//!
//! Element ids:
//! - mentor's notes: `mentor-notes-text`, and for the mentor `mentor-notes-edit`,
//!   `mentor-notes-input`, `mentor-notes-save`, `mentor-notes-cancel`, `error-mentor_notes`
//! - rating (when the viewer may rate): `rating-star-<1..5>` (buttons, `aria-pressed`),
//!   `rating-comment`, `rating-submit`, `rating-error`, `error-rating`, `error-comment`
//! - ratings given: `li.rating-item` with `data-rating` and `data-role` (the rater's side)

use super::{EditableText, SessionCtx};
use crate::api;
use crate::components::avatar::Avatar;
use crate::components::forms::{send_request, FieldError, FormError};
use crate::components::stars::Stars;
use crate::schedule::role_label;
use crate::state::use_app;
use crate::util::format_date;
use leptos::prelude::*;
use mentordesk_shared::scheduling::SessionStatus;
use mentordesk_shared::sessions::{RatingInput, RatingView, SessionEdit, COMMENT_MAX};
use mentordesk_shared::ApiError;

#[component]
pub(super) fn MentorNotesCard(ctx: SessionCtx, is_mentor: Signal<bool>) -> impl IntoView {
    let notes = ctx.part(|d| d.mentor_notes.clone());
    view! {
        <section class="card session-mentor-notes">
            <h2>"Mentor's notes"</h2>
            <p class="muted small card-intro">
                {move || if is_mentor.get() {
                    "A summary for your mentee: what you covered and what to try next."
                } else {
                    "Your mentor's summary of the session."
                }}
            </p>
            <EditableText
                ctx=ctx
                id="mentor-notes"
                field="mentor_notes"
                value=notes
                editable=is_mentor
                multiline=true
                empty_text="No notes from the mentor yet."
                placeholder="What you covered, resources, suggestions"
                saved_text="Mentor's notes saved"
                make=|session_id, text| SessionEdit {
                    session_id,
                    meeting_link: None,
                    agenda: None,
                    mentor_notes: Some(text),
                }
            />
        </section>
    }
}

fn rating_item(rating: RatingView) -> impl IntoView {
    view! {
        <li class="rating-item" data-rating=rating.rating data-role=rating.rater_role.key()>
            <div class="rating-head">
                <Avatar name=rating.rater.name.clone() photo=rating.rater.photo.clone() size="xs" />
                <strong>{rating.rater.name.clone()}</strong>
                <span class="muted small">
                    {format!("{} · {}", role_label(rating.rater_role), format_date(rating.created_at))}
                </span>
            </div>
            <Stars rating=rating.rating />
            {(!rating.comment.trim().is_empty()).then(|| view! {
                <p class="prose rating-comment-text">{rating.comment.clone()}</p>
            })}
        </li>
    }
}

#[component]
fn RatingForm(ctx: SessionCtx) -> impl IntoView {
    let state = use_app();
    let chosen = RwSignal::new(0u8);
    let hover = RwSignal::new(0u8);
    let comment = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let shown = move || {
        let h = hover.get();
        if h > 0 {
            h
        } else {
            chosen.get()
        }
    };
    const WORDS: [&str; 6] = ["", "Poor", "Fair", "Good", "Very good", "Excellent"];

    let submit = move |_| {
        let req = RatingInput {
            session_id: ctx.id,
            rating: chosen.get_untracked(),
            comment: comment.get_untracked(),
        };
        send_request(
            busy,
            errors,
            move || {
                if !(1..=5).contains(&req.rating) {
                    return Err(ApiError::field("rating", "Choose from one to five stars."));
                }
                Ok(api::sessions_rate(req))
            },
            move |detail| {
                ctx.set(detail);
                state.toast("Thanks for your rating");
            },
        );
    };

    view! {
        <div class="rating-form">
            <p class="strong">"How was this session?"</p>
            <div class="star-picker" role="group" aria-label="Rating" on:mouseleave=move |_| hover.set(0)>
                {(1..=5u8)
                    .map(|n| view! {
                        <button
                            type="button"
                            class="star-button"
                            class:filled=move || n <= shown()
                            id=format!("rating-star-{n}")
                            aria-label=format!("{n} star{}", if n == 1 { "" } else { "s" })
                            aria-pressed=move || if chosen.get() == n { "true" } else { "false" }
                            on:mouseenter=move |_| hover.set(n)
                            on:click=move |_| chosen.set(n)
                        >
                            "★"
                        </button>
                    })
                    .collect_view()}
                <span class="muted small star-word">{move || WORDS[usize::from(shown().min(5))]}</span>
            </div>
            <FieldError errors=errors field="rating" />
            <div class="field" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message("comment").is_some()))>
                <label for="rating-comment">"Comment"</label>
                <textarea id="rating-comment" rows="3" placeholder="Optional — what helped, what could be better" bind:value=comment></textarea>
                <span class="counter" class:over=move || { comment.with(|c| c.chars().count()) > COMMENT_MAX }>
                    {move || format!("{}/{}", comment.with(|c| c.chars().count()), COMMENT_MAX)}
                </span>
                <FieldError errors=errors field="comment" />
            </div>
            <FormError errors=errors shown=vec!["rating", "comment"] id="rating-error" />
            <div>
                <button type="button" class="button button-primary" id="rating-submit" disabled=move || busy.get() on:click=submit>
                    {move || if busy.get() { "Sending…" } else { "Submit rating" }}
                </button>
            </div>
        </div>
    }
}

#[component]
pub(super) fn RatingsCard(ctx: SessionCtx) -> impl IntoView {
    let can_rate = ctx.part(|d| d.can_rate);
    let ratings = ctx.part(|d| d.ratings.clone());
    let status = ctx.part(|d| Some(d.status));
    view! {
        <section class="card session-ratings">
            <h2>"Ratings"</h2>
            <Show when=move || can_rate.get()>
                <RatingForm ctx=ctx />
            </Show>
            {move || {
                let list = ratings.get();
                if list.is_empty() {
                    if can_rate.get() {
                        return ().into_any();
                    }
                    let text = if status.get() == Some(SessionStatus::Completed) {
                        "No ratings yet."
                    } else {
                        "You can rate the session once it is completed."
                    };
                    return view! { <p class="muted empty-inline">{text}</p> }.into_any();
                }
                view! { <ul class="rating-list">{list.into_iter().map(rating_item).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}
