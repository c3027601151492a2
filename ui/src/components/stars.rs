//! Star ratings: a row of five stars for one rating, and a mentor's "★ 4.5 (12 ratings)".

use crate::schedule::rating_text;
use leptos::prelude::*;
use mentordesk_shared::sessions::RatingSummary;

/// Five stars with the first `rating` filled, read out as "4 out of 5 stars".
#[component]
pub fn Stars(rating: u8) -> impl IntoView {
    let label = format!("{rating} out of 5 stars");
    view! {
        <span class="stars" role="img" aria-label=label data-rating=rating>
            {(1..=5u8)
                .map(|n| {
                    view! {
                        <span class="star" class:filled=n <= rating aria-hidden="true">
                            "★"
                        </span>
                    }
                })
                .collect_view()}
        </span>
    }
}

/// A mentor's average from mentees, or "No ratings yet" (`.rating-summary`).
#[component]
pub fn RatingSummaryLine(
    summary: RatingSummary,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    let rated = summary.count > 0;
    view! {
        <span
            class="rating-summary"
            class:unrated=!rated
            id=id
            data-count=summary.count
        >
            {rating_text(summary)}
        </span>
    }
}
