//! A mentor's week on a grid: columns Monday–Sunday, rows of hours, free hours as soft green
//! blocks and sessions coloured by status. Clicking a session opens it.
//!
//! Element ids: `week-view` (the card), `week-title`, `week-zones` ("Times in …; your
//! availability is set in …"), `week-prev`, `week-today`, `week-next`; day columns
//! `div.week-day[data-date]`, free hours `div.week-free`, sessions
//! `button.week-session[data-session-id][data-status]`.

use crate::api;
use crate::components::icon::Icon;
use crate::components::layout::Loading;
use crate::schedule::{day_heading, span_minutes, span_times, status_label, today, zone_label};
use crate::state::{use_app, Page};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use mentordesk_shared::scheduling::{LocalSpan, SessionStatus, WeekQuery, WeekSession, WeekView};

/// The hours the grid shows when nothing falls outside them.
const DEFAULT_FIRST_HOUR: u32 = 7;
const DEFAULT_LAST_HOUR: u32 = 21;

/// A piece of a span on one day column: minutes after that day's midnight.
#[derive(Clone)]
struct Piece {
    day: usize,
    start: u32,
    end: u32,
}

/// Cuts a span at local midnights into pieces on the week's day columns.
fn pieces(week_start: NaiveDate, span: &LocalSpan) -> Vec<Piece> {
    let (mut start, mut end) = span_minutes(span);
    let mut day = (span.date - week_start).num_days();
    let mut out = Vec::new();
    while end > start {
        let piece_end = end.min(1440);
        if (0..7).contains(&day) {
            out.push(Piece {
                day: day as usize,
                start,
                end: piece_end,
            });
        }
        if end <= 1440 {
            break;
        }
        start = 0;
        end -= 1440;
        day += 1;
    }
    out
}

/// "09:30"; the end of the day reads "24:00" on the grid.
fn minute_text(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn status_block_class(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Requested | SessionStatus::Proposed => "week-session tone-waiting",
        SessionStatus::Confirmed => "week-session tone-confirmed",
        SessionStatus::Completed => "week-session tone-done",
        _ => "week-session tone-off",
    }
}

fn grid(week: WeekView) -> impl IntoView {
    let state = use_app();
    let start = week.week_start;
    let free: Vec<Piece> = week
        .available
        .iter()
        .flat_map(|span| pieces(start, span))
        .collect();
    let sessions: Vec<(WeekSession, Piece)> = week
        .sessions
        .iter()
        .flat_map(|s| {
            pieces(start, &s.span)
                .into_iter()
                .map(move |p| (s.clone(), p))
        })
        .collect();

    let earliest = free
        .iter()
        .chain(sessions.iter().map(|(_, p)| p))
        .map(|p| p.start / 60)
        .min()
        .unwrap_or(DEFAULT_FIRST_HOUR)
        .min(DEFAULT_FIRST_HOUR);
    let latest = free
        .iter()
        .chain(sessions.iter().map(|(_, p)| p))
        .map(|p| p.end.div_ceil(60))
        .max()
        .unwrap_or(DEFAULT_LAST_HOUR)
        .clamp(DEFAULT_LAST_HOUR, 24);
    let hours = latest - earliest;
    let total = f64::from(hours * 60);
    let place = move |p: &Piece| {
        let top = f64::from(p.start.saturating_sub(earliest * 60)) / total * 100.0;
        let height = f64::from(p.end.saturating_sub(p.start)) / total * 100.0;
        format!("top: {top:.3}%; height: {height:.3}%")
    };
    let today = today();

    let columns = (0..7usize)
        .map(|day| {
            let date = start + Duration::days(day as i64);
            let free_blocks = free
                .iter()
                .filter(|p| p.day == day)
                .map(|p| {
                    let text = format!("Free {}–{}", minute_text(p.start), minute_text(p.end));
                    view! { <div class="week-free" style=place(p) title=text></div> }
                })
                .collect_view();
            let session_blocks = sessions
                .iter()
                .filter(|(_, p)| p.day == day)
                .map(|(s, p)| {
                    let id = s.session_id;
                    let short = p.end - p.start < 45;
                    let tooltip = format!(
                        "{} · with {} · {} · {}",
                        s.title,
                        s.with_name,
                        span_times(&s.span),
                        status_label(s.status)
                    );
                    view! {
                        <button
                            type="button"
                            class=status_block_class(s.status)
                            class:compact=short
                            style=place(p)
                            title=tooltip
                            data-session-id=id.to_string()
                            data-status=s.status.key()
                            on:click=move |_| state.go(Page::Session(id))
                        >
                            <span class="week-session-title">{s.title.clone()}</span>
                            <span class="week-session-meta">
                                {format!("with {} · {}", s.with_name, span_times(&s.span))}
                            </span>
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="week-day" class:today=date == today data-date=date.to_string()>
                    {free_blocks}
                    {session_blocks}
                </div>
            }
        })
        .collect_view();

    let headers = (0..7)
        .map(|day| {
            let date = start + Duration::days(day);
            view! {
                <div class="week-day-head" class:today=date == today>
                    {day_heading(date)}
                </div>
            }
        })
        .collect_view();
    let hour_labels = (earliest..latest)
        .map(|h| view! { <div class="week-hour">{format!("{h:02}:00")}</div> })
        .collect_view();

    view! {
        <div class="week-grid" style=format!("--hours: {hours}")>
            <div class="week-corner"></div>
            {headers}
            <div class="week-hours">{hour_labels}</div>
            {columns}
        </div>
    }
}

/// The signed-in mentor's week. Bump `version` to reload it (after saving availability).
#[component]
pub fn WeekCalendar(#[prop(into)] version: Signal<u32>) -> impl IntoView {
    let week_of = RwSignal::new(None::<NaiveDate>);
    let week = LocalResource::new(move || {
        version.track();
        api::availability_week(WeekQuery {
            week_of: week_of.get(),
        })
    });
    let shown_start = move || week.get().and_then(Result::ok).map(|w| w.week_start);
    let step = move |days: i64| {
        if let Some(start) = shown_start() {
            week_of.set(Some(start + Duration::days(days)));
        }
    };

    let title = move || {
        shown_start()
            .map(|s| {
                let end = s + Duration::days(6);
                format!("{} – {}", day_heading(s), end.format("%a %-d %b %Y"))
            })
            .unwrap_or_else(|| "This week".to_string())
    };
    let zones = move || {
        week.get().and_then(Result::ok).map(|w| {
            view! {
                <p class="muted small" id="week-zones">
                    {format!(
                        "Times in {}; your availability is set in {}",
                        zone_label(&w.viewer_zone),
                        zone_label(&w.mentor_zone)
                    )}
                </p>
            }
        })
    };

    view! {
        <section class="card week-card" id="week-view">
            <header class="week-header">
                <div>
                    <h2 id="week-title">{title}</h2>
                    {zones}
                </div>
                <div class="week-nav">
                    <button type="button" id="week-prev" class="icon-button" aria-label="Previous week" on:click=move |_| step(-7)>
                        <Icon name="arrow-left" />
                    </button>
                    <button type="button" id="week-today" class="button button-secondary button-sm" on:click=move |_| week_of.set(None)>
                        "This week"
                    </button>
                    <button type="button" id="week-next" class="icon-button" aria-label="Next week" on:click=move |_| step(7)>
                        <Icon name="arrow-right" />
                    </button>
                </div>
            </header>
            {move || match week.get() {
                None => view! { <Loading label="Loading your week…" /> }.into_any(),
                Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                Some(Ok(w)) => grid(w).into_any(),
            }}
            <div class="week-legend muted small">
                <span><i class="legend-swatch week-free-swatch"></i>"Free"</span>
                <span><i class="legend-swatch tone-waiting"></i>"Requested or proposed"</span>
                <span><i class="legend-swatch tone-confirmed"></i>"Confirmed"</span>
                <span><i class="legend-swatch tone-done"></i>"Completed"</span>
            </div>
        </section>
    }
}
