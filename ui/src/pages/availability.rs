//! Availability (mentors): weekly hours per weekday, date exceptions, booking settings and the
//! time zone they are read in, with the mentor's week view underneath.
//!
//! Element ids:
//! - `availability-published` (badge), `availability-timezone`, `availability-save`
//! - weekly hours: `weekday-<mon..sun>` (row), `weekday-<day>-add`, `range-<day>-<i>-start`,
//!   `range-<day>-<i>-end`, `range-<day>-<i>-remove`, `weekly-copy-monday`
//! - exceptions: `exception-add`, `exception-<i>-date`, `exception-<i>-kind`
//!   (`unavailable` | `extra`), `exception-<i>-whole-day`, `exception-<i>-start`,
//!   `exception-<i>-end`, `exception-<i>-remove`; rows are `.exception-row`
//! - settings: `allowed-duration-<30|45|60|90|120|180>` (toggle buttons, `aria-pressed`),
//!   `buffer-before`, `buffer-after`, `min-notice-hours`, `daily-cap`, `weekly-cap`,
//!   `horizon-weeks`, `step-minutes`
//! - errors: `error-<field>` for time_zone, weekly, exceptions, durations, buffers, step_minutes,
//!   horizon_days, min_notice_minutes, daily_cap, weekly_cap
//! - the week view: see `components/week_view.rs` (`week-view`, `week-prev`, `week-next`, …)

use crate::api;
use crate::components::forms::{send_request, Errors, FieldError, FormError, Section, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{Loading, PageHeader};
use crate::components::timezone_picker::TimeZonePicker;
use crate::components::week_view::WeekCalendar;
use crate::schedule::{
    clock_text, date_input, parse_clock, parse_date, parse_end_clock, parse_minutes,
    parse_optional_u16, END_OF_DAY, SESSION_LENGTHS, WEEKDAYS,
};
use crate::state::{use_app, use_catalog};
use crate::util::format_datetime;
use chrono::Weekday;
use leptos::prelude::*;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::scheduling::{
    Availability, AvailabilityView, BookingSettings, DateException, ExceptionKind, WeeklyRange,
};
use mentordesk_shared::ApiError;

const FIELDS: [&str; 10] = [
    "time_zone",
    "weekly",
    "exceptions",
    "durations",
    "buffers",
    "step_minutes",
    "horizon_days",
    "min_notice_minutes",
    "daily_cap",
    "weekly_cap",
];

/// Slot grids a mentor can choose from.
const STEPS: [u16; 7] = [5, 10, 15, 20, 30, 45, 60];

/// One editable range of hours, as the time inputs show it.
#[derive(Clone, Copy)]
struct RangeDraft {
    id: u64,
    start: RwSignal<String>,
    end: RwSignal<String>,
}

impl RangeDraft {
    fn new(id: u64, start: &str, end: &str) -> Self {
        RangeDraft {
            id,
            start: RwSignal::new(start.to_string()),
            end: RwSignal::new(end.to_string()),
        }
    }

    fn parse(&self) -> Option<(u16, u16)> {
        let start = parse_clock(&self.start.get_untracked())?;
        let end = parse_end_clock(&self.end.get_untracked())?;
        (start < end).then_some((start, end))
    }

    /// Whether the typed times make a range (reactive, for the red outline).
    fn looks_valid(&self) -> bool {
        match (
            parse_clock(&self.start.get()),
            parse_end_clock(&self.end.get()),
        ) {
            (Some(start), Some(end)) => start < end,
            _ => false,
        }
    }
}

/// One editable date exception.
#[derive(Clone, Copy)]
struct ExceptionDraft {
    id: u64,
    date: RwSignal<String>,
    kind: RwSignal<String>,
    whole_day: RwSignal<bool>,
    hours: RangeDraft,
}

/// The editor's signals. Rows added later are created under the page's owner, so they live
/// exactly as long as the page.
#[derive(Clone, Copy)]
struct Editor {
    owner: StoredValue<Owner>,
    next_id: StoredValue<u64>,
    time_zone: RwSignal<String>,
    days: [RwSignal<Vec<RangeDraft>>; 7],
    exceptions: RwSignal<Vec<ExceptionDraft>>,
    durations: RwSignal<Vec<u16>>,
    buffer_before: RwSignal<String>,
    buffer_after: RwSignal<String>,
    notice_hours: RwSignal<String>,
    daily_cap: RwSignal<String>,
    weekly_cap: RwSignal<String>,
    horizon_weeks: RwSignal<String>,
    step: RwSignal<String>,
}

fn day_index(weekday: Weekday) -> usize {
    weekday.num_days_from_monday() as usize
}

/// "1.5" for 90 minutes of notice, "12" for 720.
fn hours_text(minutes: u32) -> String {
    // (`is_multiple_of` needs a newer Rust than the workspace's minimum.)
    if minutes / 60 * 60 == minutes {
        (minutes / 60).to_string()
    } else {
        format!("{:.2}", f64::from(minutes) / 60.0)
            .trim_end_matches('0')
            .to_string()
    }
}

fn weeks_text(days: u16) -> String {
    if days / 7 * 7 == days {
        (days / 7).to_string()
    } else {
        format!("{:.1}", f64::from(days) / 7.0)
    }
}

fn parse_positive(text: &str, what: &str) -> Result<f64, String> {
    let text = text.trim().replace(',', ".");
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ if text.is_empty() => Err(format!("Enter the {what}.")),
        _ => Err(format!("Enter the {what} as a number, like 2.")),
    }
}

impl Editor {
    fn new(view: &AvailabilityView) -> Self {
        let owner = Owner::current().expect("the availability page renders under an owner");
        let a = &view.availability;
        let s = &a.settings;
        let editor = Editor {
            owner: StoredValue::new(owner),
            next_id: StoredValue::new(0),
            time_zone: RwSignal::new(a.time_zone.clone()),
            days: std::array::from_fn(|_| RwSignal::new(Vec::new())),
            exceptions: RwSignal::new(Vec::new()),
            durations: RwSignal::new(s.durations.clone()),
            buffer_before: RwSignal::new(s.buffer_before_minutes.to_string()),
            buffer_after: RwSignal::new(s.buffer_after_minutes.to_string()),
            notice_hours: RwSignal::new(hours_text(s.min_notice_minutes)),
            daily_cap: RwSignal::new(s.daily_cap.map(|c| c.to_string()).unwrap_or_default()),
            weekly_cap: RwSignal::new(s.weekly_cap.map(|c| c.to_string()).unwrap_or_default()),
            horizon_weeks: RwSignal::new(weeks_text(s.horizon_days)),
            step: RwSignal::new(s.step_minutes.to_string()),
        };
        let mut weekly = a.weekly.clone();
        weekly.sort_by_key(|r| (day_index(r.weekday), r.start));
        for range in weekly {
            let draft = editor.range(&clock_text(range.start), &clock_text(range.end));
            editor.days[day_index(range.weekday)].update(|list| list.push(draft));
        }
        let mut exceptions = a.exceptions.clone();
        exceptions.sort_by_key(|e| (e.date, e.start));
        for e in exceptions {
            let draft = editor.exception(e);
            editor.exceptions.update(|list| list.push(draft));
        }
        editor
    }

    fn fresh_id(&self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    fn range(&self, start: &str, end: &str) -> RangeDraft {
        let id = self.fresh_id();
        self.owner
            .with_value(|owner| owner.with(|| RangeDraft::new(id, start, end)))
    }

    fn exception(&self, e: DateException) -> ExceptionDraft {
        let id = self.fresh_id();
        let whole_day = e.kind == ExceptionKind::Unavailable && e.start == 0 && e.end == END_OF_DAY;
        let (start, end) = if whole_day {
            ("09:00".to_string(), "17:00".to_string())
        } else {
            (clock_text(e.start), clock_text(e.end))
        };
        let hours = self.range(&start, &end);
        self.owner.with_value(|owner| {
            owner.with(|| ExceptionDraft {
                id,
                date: RwSignal::new(date_input(e.date)),
                kind: RwSignal::new(kind_key(e.kind).to_string()),
                whole_day: RwSignal::new(whole_day),
                hours,
            })
        })
    }

    /// Adds a range after the day's last one (an hour later), or 09:00–17:00.
    fn add_range(&self, day: usize) {
        let (start, end) = self.days[day]
            .with_untracked(|list| list.last().and_then(RangeDraft::parse))
            .map(|(_, last_end)| {
                let start = last_end.min(END_OF_DAY - 60) + 60;
                let start = start.min(END_OF_DAY - 60);
                (start, (start + 60).min(END_OF_DAY))
            })
            .unwrap_or((9 * 60, 17 * 60));
        let draft = self.range(&clock_text(start), &clock_text(end));
        self.days[day].update(|list| list.push(draft));
    }

    /// Monday's hours on Tuesday to Friday.
    fn copy_monday_to_weekdays(&self) {
        let monday: Vec<(String, String)> = self.days[0].with_untracked(|list| {
            list.iter()
                .map(|r| (r.start.get_untracked(), r.end.get_untracked()))
                .collect()
        });
        for day in 1..5 {
            let copies: Vec<RangeDraft> = monday
                .iter()
                .map(|(start, end)| self.range(start, end))
                .collect();
            self.days[day].set(copies);
        }
    }

    fn add_exception(&self) {
        let draft = self.exception(DateException {
            date: crate::schedule::today(),
            kind: ExceptionKind::Unavailable,
            start: 0,
            end: END_OF_DAY,
        });
        self.exceptions.update(|list| list.push(draft));
    }

    /// The availability to save, or every problem the form can see by itself.
    fn collect(&self) -> Result<Availability, ApiError> {
        let mut errors = FieldErrors::new();
        let time_zone = self.time_zone.get_untracked().trim().to_string();
        if time_zone.is_empty() {
            errors.add("time_zone", "Choose the time zone your hours are in.");
        }

        let mut weekly = Vec::new();
        let mut weekly_problem = None;
        for (i, (weekday, _, name)) in WEEKDAYS.iter().enumerate() {
            for draft in self.days[i].get_untracked() {
                match draft.parse() {
                    Some((start, end)) => weekly.push(WeeklyRange {
                        weekday: *weekday,
                        start,
                        end,
                    }),
                    None => {
                        weekly_problem.get_or_insert_with(|| {
                            format!("{name}: each range needs a start before its end.")
                        });
                    }
                }
            }
        }
        if let Some(problem) = weekly_problem {
            errors.add("weekly", problem);
        }

        let mut exceptions = Vec::new();
        let mut exception_problem = None;
        for draft in self.exceptions.get_untracked() {
            let Some(date) = parse_date(&draft.date.get_untracked()) else {
                exception_problem.get_or_insert("Each exception needs a date.".to_string());
                continue;
            };
            let kind = kind_from_key(&draft.kind.get_untracked());
            let hours = if kind == ExceptionKind::Unavailable && draft.whole_day.get_untracked() {
                Some((0, END_OF_DAY))
            } else {
                draft.hours.parse()
            };
            match hours {
                Some((start, end)) => exceptions.push(DateException {
                    date,
                    kind,
                    start,
                    end,
                }),
                None => {
                    exception_problem.get_or_insert(format!(
                        "{}: the hours need a start before their end.",
                        date.format("%-d %b %Y")
                    ));
                }
            }
        }
        if let Some(problem) = exception_problem {
            errors.add("exceptions", problem);
        }

        let mut durations = self.durations.get_untracked();
        durations.sort_unstable();
        if durations.is_empty() {
            errors.add("durations", "Offer at least one session length.");
        }
        let before = parse_minutes(
            &self.buffer_before.get_untracked(),
            "Enter 0 for no buffer.",
        );
        let after = parse_minutes(&self.buffer_after.get_untracked(), "Enter 0 for no buffer.");
        let buffer_before = errors.check("buffers", before);
        let buffer_after = errors.check("buffers", after);
        let notice = parse_positive(&self.notice_hours.get_untracked(), "notice in hours")
            .map(|h| (h * 60.0).round() as u32);
        let min_notice_minutes = errors.check("min_notice_minutes", notice);
        let daily_cap = errors.check(
            "daily_cap",
            parse_optional_u16(&self.daily_cap.get_untracked()),
        );
        let weekly_cap = errors.check(
            "weekly_cap",
            parse_optional_u16(&self.weekly_cap.get_untracked()),
        );
        let horizon = parse_positive(&self.horizon_weeks.get_untracked(), "number of weeks")
            .and_then(|w| {
                let days = (w * 7.0).round();
                if (1.0..=f64::from(u16::MAX)).contains(&days) {
                    Ok(days as u16)
                } else {
                    Err("Let mentees book at least a day ahead.".to_string())
                }
            });
        let horizon_days = errors.check("horizon_days", horizon);
        let step = errors.check(
            "step_minutes",
            parse_minutes(&self.step.get_untracked(), "Choose a slot step."),
        );

        // Dropping a duplicate "buffers" message keeps the error readable.
        errors.into_result().map_err(|mut err| {
            let mut seen = Vec::new();
            err.fields.retain(|f| {
                let first = !seen.contains(&f.field);
                seen.push(f.field.clone());
                first
            });
            err
        })?;
        Ok(Availability {
            time_zone,
            weekly,
            exceptions,
            settings: BookingSettings {
                durations,
                buffer_before_minutes: buffer_before.unwrap_or_default(),
                buffer_after_minutes: buffer_after.unwrap_or_default(),
                min_notice_minutes: min_notice_minutes.unwrap_or_default(),
                daily_cap: daily_cap.flatten(),
                weekly_cap: weekly_cap.flatten(),
                horizon_days: horizon_days.unwrap_or_default(),
                step_minutes: step.unwrap_or_default(),
            },
        })
    }
}

fn kind_key(kind: ExceptionKind) -> &'static str {
    match kind {
        ExceptionKind::Unavailable => "unavailable",
        ExceptionKind::Extra => "extra",
    }
}

fn kind_from_key(key: &str) -> ExceptionKind {
    if key == "extra" {
        ExceptionKind::Extra
    } else {
        ExceptionKind::Unavailable
    }
}

fn has_error(errors: Errors, field: &'static str) -> bool {
    errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()))
}

/// A start and an end time input with a remove button.
#[component]
fn RangeInputs(
    range: RangeDraft,
    /// The prefix of the ids, e.g. `range-mon-0`.
    id: String,
    /// What the inputs are called for screen readers, e.g. "Monday hours 1".
    label: String,
    errors: Errors,
    field: &'static str,
    on_remove: Callback<u64>,
) -> impl IntoView {
    let invalid = move || has_error(errors, field) && !range.looks_valid();
    let remove_label = format!("Remove {label}");
    view! {
        <div class="range-inputs" class:has-error=invalid>
            <input
                type="time"
                id=format!("{id}-start")
                aria-label=format!("{label} start")
                bind:value=range.start
            />
            <span class="range-dash" aria-hidden="true">"–"</span>
            <input
                type="time"
                id=format!("{id}-end")
                aria-label=format!("{label} end")
                bind:value=range.end
            />
            <button
                type="button"
                class="icon-button"
                id=format!("{id}-remove")
                aria-label=remove_label
                title="Remove"
                on:click=move |_| on_remove.run(range.id)
            >
                <Icon name="trash" />
            </button>
        </div>
    }
}

#[component]
fn WeeklyHours(editor: Editor, errors: Errors) -> impl IntoView {
    let rows = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(day, (_, key, name))| {
            let key = *key;
            let name = *name;
            let list = editor.days[day];
            let remove = Callback::new(move |id: u64| list.update(|l| l.retain(|r| r.id != id)));
            view! {
                <div class="weekday-row" id=format!("weekday-{key}") data-weekday=key>
                    <div class="weekday-name">{name}</div>
                    <div class="weekday-ranges">
                        {move || {
                            let ranges = list.get();
                            if ranges.is_empty() {
                                return view! { <span class="muted weekday-off">"Unavailable"</span> }.into_any();
                            }
                            ranges
                                .into_iter()
                                .enumerate()
                                .map(|(i, range)| {
                                    view! {
                                        <RangeInputs
                                            range=range
                                            id=format!("range-{key}-{i}")
                                            label=format!("{name} hours {}", i + 1)
                                            errors=errors
                                            field="weekly"
                                            on_remove=remove
                                        />
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }}
                    </div>
                    <button
                        type="button"
                        class="button button-ghost button-sm weekday-add"
                        id=format!("weekday-{key}-add")
                        on:click=move |_| editor.add_range(day)
                    >
                        <Icon name="plus" />
                        <span>"Add hours"</span>
                    </button>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="weekday-list">{rows}</div>
        <div class="weekly-footer">
            <p class="hint">"An end of 00:00 means midnight. Ranges may not overlap."</p>
            <button
                type="button"
                class="link-button small"
                id="weekly-copy-monday"
                on:click=move |_| editor.copy_monday_to_weekdays()
            >
                "Copy Monday's hours to Tuesday–Friday"
            </button>
        </div>
        <FieldError errors=errors field="weekly" />
    }
}

#[component]
fn Exceptions(editor: Editor, errors: Errors) -> impl IntoView {
    let list = editor.exceptions;
    let remove = Callback::new(move |id: u64| list.update(|l| l.retain(|e| e.hours.id != id)));
    let rows = move || {
        let drafts = list.get();
        if drafts.is_empty() {
            return view! {
                <p class="muted empty-inline">"No exceptions. Add days off, holidays or one-off extra hours."</p>
            }
            .into_any();
        }
        drafts
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let prefix = format!("exception-{i}");
                let off = move || e.kind.with(|k| k == "unavailable");
                let show_hours = move || !(off() && e.whole_day.get());
                let prefix_hours = prefix.clone();
                view! {
                    <div class="exception-row" data-index=i data-id=e.id>
                        <input
                            type="date"
                            id=format!("{prefix}-date")
                            aria-label="Date"
                            bind:value=e.date
                        />
                        <select id=format!("{prefix}-kind") aria-label="Kind" bind:value=e.kind>
                            <option value="unavailable" selected=move || e.kind.with(|k| k == "unavailable")>
                                "Time off"
                            </option>
                            <option value="extra" selected=move || e.kind.with(|k| k == "extra")>
                                "Extra hours"
                            </option>
                        </select>
                        <Show when=off>
                            <label class="checkbox checkbox-inline">
                                <input
                                    type="checkbox"
                                    id=format!("exception-{i}-whole-day")
                                    bind:checked=e.whole_day
                                />
                                <span>"Whole day"</span>
                            </label>
                        </Show>
                        <Show
                            when=show_hours
                            fallback=move || view! { <span class="muted small exception-all-day">"All day off"</span> }
                        >
                            {
                                let prefix = prefix_hours.clone();
                                view! {
                                    <RangeInputs
                                        range=e.hours
                                        id=prefix
                                        label=format!("Exception {} hours", i + 1)
                                        errors=errors
                                        field="exceptions"
                                        on_remove=remove
                                    />
                                }
                            }
                        </Show>
                        <Show when=move || !show_hours()>
                            <button
                                type="button"
                                class="icon-button"
                                id=format!("exception-{i}-remove")
                                aria-label="Remove exception"
                                title="Remove"
                                on:click=move |_| remove.run(e.hours.id)
                            >
                                <Icon name="trash" />
                            </button>
                        </Show>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="exception-list">{rows}</div>
        <div>
            <button
                type="button"
                class="button button-secondary button-sm"
                id="exception-add"
                on:click=move |_| editor.add_exception()
            >
                <Icon name="plus" />
                <span>"Add exception"</span>
            </button>
        </div>
        <FieldError errors=errors field="exceptions" />
    }
}

#[component]
fn BookingSettingsFields(editor: Editor, errors: Errors) -> impl IntoView {
    let durations = editor.durations;
    let toggle = move |minutes: u16| {
        durations.update(|list| {
            if let Some(at) = list.iter().position(|d| *d == minutes) {
                list.remove(at);
            } else {
                list.push(minutes);
                list.sort_unstable();
            }
        })
    };
    let step_options = move || {
        let current = editor.step.get();
        let mut steps: Vec<u16> = STEPS.to_vec();
        if let Ok(value) = current.parse::<u16>() {
            if !steps.contains(&value) {
                steps.push(value);
                steps.sort_unstable();
            }
        }
        steps
            .into_iter()
            .map(|s| {
                let value = s.to_string();
                let selected = value == current;
                view! { <option value=value selected=selected>{format!("Every {s} minutes")}</option> }
            })
            .collect_view()
    };
    let buffers_invalid = move || has_error(errors, "buffers");
    view! {
        <div class="field" class:has-error=move || has_error(errors, "durations")>
            <span class="label">"Session lengths mentees can choose"</span>
            <div class="chips chip-toggles" role="group" aria-label="Session lengths">
                {move || {
                    // The usual lengths, plus any other the mentor saved before.
                    let mut lengths = SESSION_LENGTHS.to_vec();
                    for d in durations.get() {
                        if !lengths.contains(&d) {
                            lengths.push(d);
                        }
                    }
                    lengths.sort_unstable();
                    lengths
                    .into_iter()
                    .map(|minutes| {
                        let on = move || durations.with(|d| d.contains(&minutes));
                        view! {
                            <button
                                type="button"
                                class="chip-toggle"
                                class:on=on
                                id=format!("allowed-duration-{minutes}")
                                aria-pressed=move || if on() { "true" } else { "false" }
                                on:click=move |_| toggle(minutes)
                            >
                                {crate::schedule::duration_label(minutes)}
                            </button>
                        }
                    })
                    .collect_view()
                }}
            </div>
            <FieldError errors=errors field="durations" />
        </div>
        <div class="field-row field-row-3">
            <div class="field" class:has-error=buffers_invalid>
                <label for="buffer-before">"Buffer before (minutes)"</label>
                <input type="number" min="0" id="buffer-before" bind:value=editor.buffer_before />
            </div>
            <div class="field" class:has-error=buffers_invalid>
                <label for="buffer-after">"Buffer after (minutes)"</label>
                <input type="number" min="0" id="buffer-after" bind:value=editor.buffer_after />
            </div>
            <TextField
                label="Minimum notice (hours)"
                id="min-notice-hours"
                field="min_notice_minutes"
                input_type="number"
                value=editor.notice_hours
                errors=errors
                hint="How soon before a session it can be booked."
            />
        </div>
        <p class="hint buffers-hint">"Buffers keep time free around every session."</p>
        <FieldError errors=errors field="buffers" />
        <div class="field-row field-row-3">
            <TextField
                label="Sessions per day (at most)"
                id="daily-cap"
                field="daily_cap"
                input_type="number"
                value=editor.daily_cap
                errors=errors
                hint="Empty for no limit."
            />
            <TextField
                label="Sessions per week (at most)"
                id="weekly-cap"
                field="weekly_cap"
                input_type="number"
                value=editor.weekly_cap
                errors=errors
                hint="Empty for no limit."
            />
            <TextField
                label="Booking horizon (weeks)"
                id="horizon-weeks"
                field="horizon_days"
                input_type="number"
                value=editor.horizon_weeks
                errors=errors
                hint="How far ahead mentees can book."
            />
        </div>
        <div class="field field-narrow">
            <label for="step-minutes">"Slot start times"</label>
            <select id="step-minutes" bind:value=editor.step>{step_options}</select>
            <p class="hint">"Slots start on this grid from the beginning of each range of hours."</p>
            <FieldError errors=errors field="step_minutes" />
        </div>
    }
}

#[component]
fn AvailabilityEditor(
    initial: AvailabilityView,
    on_saved: Callback<AvailabilityView>,
) -> impl IntoView {
    let state = use_app();
    let catalog = use_catalog();
    let editor = Editor::new(&initial);
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let zone_invalid = Signal::derive(move || has_error(errors, "time_zone"));

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || editor.collect().map(api::availability_save),
            move |view: AvailabilityView| {
                state.toast("Availability saved");
                on_saved.run(view);
            },
        );
    };

    view! {
        <form class="form stack availability-form" on:submit=save novalidate>
            <FormError errors=errors shown=FIELDS.to_vec() />
            <Section title="Time zone" description="Your weekly hours are read on this clock, also when the clocks change.">
                <div class="field field-narrow">
                    <label for="availability-timezone">"Time zone"</label>
                    <TimeZonePicker
                        value=editor.time_zone
                        zones=catalog.zones_signal()
                        id="availability-timezone"
                        invalid=zone_invalid
                    />
                    <FieldError errors=errors field="time_zone" />
                </div>
            </Section>
            <Section title="Weekly hours" description="When mentees can book you in a usual week.">
                <WeeklyHours editor=editor errors=errors />
            </Section>
            <Section title="Date exceptions" description="Time off and extra hours on particular dates override your weekly hours.">
                <Exceptions editor=editor errors=errors />
            </Section>
            <Section title="Booking settings" description="How long sessions are and how they fit around each other.">
                <BookingSettingsFields editor=editor errors=errors />
            </Section>
            <div class="save-bar">
                <span class="muted small">"Mentees see new times as soon as you save."</span>
                <button type="submit" id="availability-save" class="button button-primary button-lg" disabled=move || busy.get()>
                    {move || if busy.get() { "Saving…" } else { "Save availability" }}
                </button>
            </div>
        </form>
    }
}

#[component]
pub fn AvailabilityPage() -> impl IntoView {
    let loaded = LocalResource::new(api::availability_get);
    let saved = RwSignal::new(None::<AvailabilityView>);
    let week_version = RwSignal::new(0u32);
    let current = move || saved.get().or_else(|| loaded.get().and_then(Result::ok));

    let status = move || {
        current().map(|view| {
            if view.published {
                let when = view
                    .updated_at
                    .map(|t| format!(" · updated {}", format_datetime(t)))
                    .unwrap_or_default();
                view! {
                    <span class="badge badge-success" id="availability-published" data-published="true">
                        <Icon name="check" />
                        {format!("Published{when}")}
                    </span>
                }
                .into_any()
            } else {
                view! {
                    <span class="badge badge-pending" id="availability-published" data-published="false">
                        "Not published yet — mentees can book you once you save"
                    </span>
                }
                .into_any()
            }
        })
    };

    // The editor is built once from the first answer; saving keeps its rows as typed.
    let editor = move || match loaded.get() {
        None => view! { <Loading label="Loading your availability…" /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(view)) => view! {
            <AvailabilityEditor
                initial=view
                on_saved=Callback::new(move |view| {
                    saved.set(Some(view));
                    week_version.update(|v| *v += 1);
                })
            />
        }
        .into_any(),
    };

    view! {
        <div class="page availability">
            <PageHeader title="Availability" subtitle="Set the hours mentees can book, and see your week at a glance.">
                {status}
            </PageHeader>
            {editor}
            <WeekCalendar version=week_version />
        </div>
    }
}
