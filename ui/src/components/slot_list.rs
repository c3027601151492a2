//! Free slots grouped by day: a heading per date ("Tue 1 Dec") and a button per slot.

use crate::schedule::{day_heading, span_times};
use chrono::SecondsFormat;
use leptos::prelude::*;
use mentordesk_shared::scheduling::LocalSpan;

/// The RFC 3339 form of a slot's start, as JSON carries it (`2026-12-01T09:00:00Z`); slot
/// buttons expose it as `data-start`.
pub fn slot_key(span: &LocalSpan) -> String {
    span.starts_at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Slots as `div.slot-day[data-date]` groups of `button.slot[data-start]`. `is_selected`
/// highlights the chosen one.
#[component]
pub fn SlotDays(
    slots: Vec<LocalSpan>,
    on_pick: Callback<LocalSpan>,
    #[prop(optional)] is_selected: Option<Callback<LocalSpan, bool>>,
) -> impl IntoView {
    let mut days: Vec<(chrono::NaiveDate, Vec<LocalSpan>)> = Vec::new();
    for slot in slots {
        match days.last_mut() {
            Some((date, list)) if *date == slot.date => list.push(slot),
            _ => days.push((slot.date, vec![slot])),
        }
    }
    view! {
        <div class="slot-days">
            {days
                .into_iter()
                .map(|(date, list)| {
                    let count = list.len();
                    view! {
                        <div class="slot-day" data-date=date.to_string()>
                            <h3 class="slot-day-heading">
                                <span>{day_heading(date)}</span>
                                <span class="muted small">
                                    {if count == 1 { "1 time".to_string() } else { format!("{count} times") }}
                                </span>
                            </h3>
                            <div class="slot-grid">
                                {list
                                    .into_iter()
                                    .map(|span| {
                                        let label = span_times(&span);
                                        let key = slot_key(&span);
                                        let picked = span.clone();
                                        let checked = span.clone();
                                        let selected = move || {
                                            is_selected.is_some_and(|f| f.run(checked.clone()))
                                        };
                                        view! {
                                            <button
                                                type="button"
                                                class="slot"
                                                class:selected=selected
                                                data-start=key
                                                data-date=span.date.to_string()
                                                data-time=span.start.clone()
                                                on:click=move |_| on_pick.run(picked.clone())
                                            >
                                                {label}
                                            </button>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
