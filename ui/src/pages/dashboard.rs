//! Dashboards — across programmes (`Page::Dashboard`) and a programme's Dashboard tab —
//! and meeting reports: saved with their author, opened, exported as CSV or PDF.
//!
//! Element ids:
//! - range: `dashboard-from`, `dashboard-to` (error `error-to`), presets `.range-preset`
//! - figures: `#dashboard[data-loaded]`, `kpi-pairs`, `kpi-scheduled`, `kpi-attended`,
//!   `kpi-cancelled`, `kpi-no-show`, `kpi-rating` (each `.kpi-value`), `weekly-chart`
//!   (SVG), `weekly-table`, `programmes-chart`, `programmes-table` (across programmes),
//!   `attention` with `capacity-list`, `attention-tasks`, `attention-actions`,
//!   `attention-blockers`
//! - reports: `meeting-report-title`, `meeting-report-from`, `meeting-report-to`,
//!   `meeting-report-save`, `meeting-report-error`; saved rows
//!   `tr.meeting-report-row[data-report-id]` with `.report-open`, `.report-csv`,
//!   `.report-pdf`; the open report `#meeting-report-view` with `table.report-rows`

use crate::api;
use crate::charts;
use crate::components::forms::{send_request, FieldError, FormError, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::state::{use_app, Page};
use crate::util::relative_time;
use chrono::{Datelike, Duration, Local, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::ids::{MeetingReportId, ProgrammeId};
use mentordesk_shared::oversight::*;
use mentordesk_shared::ApiError;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn parse_day(text: &str, field: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::field(field, "Enter a date."))
}

fn day_label(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The range presets: the last 4 and 12 weeks and 6 months (ending two weeks ahead, to
/// show what is booked), and the calendar year.
fn presets() -> Vec<(&'static str, NaiveDate, NaiveDate)> {
    let t = today();
    let ahead = t + Duration::days(14);
    vec![
        ("4 weeks", t - Duration::weeks(4), ahead),
        ("12 weeks", t - Duration::weeks(12), ahead),
        ("6 months", t - Duration::days(182), ahead),
        (
            "This year",
            NaiveDate::from_ymd_opt(t.year(), 1, 1).unwrap_or(t),
            NaiveDate::from_ymd_opt(t.year(), 12, 31).unwrap_or(t),
        ),
    ]
}

/// Figures across every programme the viewer runs.
#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <div class="page dashboard-page">
            <PageHeader
                title="Dashboard"
                subtitle="How your programmes are doing: pairs, sessions, ratings and what needs attention."
            />
            <Dashboard programme_id=None />
        </div>
    }
}

/// A dashboard with its range, charts, attention list and meeting reports.
#[component]
pub fn Dashboard(programme_id: Option<ProgrammeId>) -> impl IntoView {
    let state = use_app();
    let (_, from0, to0) = presets()[1];
    let from = RwSignal::new(from0.to_string());
    let to = RwSignal::new(to0.to_string());
    let errors = RwSignal::new(None::<ApiError>);
    let board = LocalResource::new(move || {
        let (f, t) = (from.get(), to.get());
        async move {
            let query = DashboardQuery {
                programme_id,
                from: parse_day(&f, "from")?,
                to: parse_day(&t, "to")?,
            };
            api::dashboard_get(query).await
        }
    });
    Effect::new(move |_| {
        if let Some(result) = board.get() {
            errors.set(result.err());
        }
    });
    let range = move || {
        view! {
            <div class="dashboard-range card">
                <TextField label="From" id="dashboard-from" field="from" input_type="date" value=from errors=errors />
                <TextField label="To" id="dashboard-to" field="to" input_type="date" value=to errors=errors />
                <div class="range-presets" role="group" aria-label="Quick ranges">
                    {presets().into_iter().map(|(label, f, t)| {
                        let active = move || from.get() == f.to_string() && to.get() == t.to_string();
                        view! {
                            <button type="button" class="button button-ghost button-sm range-preset" class:active=active
                                aria-pressed=move || if active() { "true" } else { "false" }
                                on:click=move |_| { from.set(f.to_string()); to.set(t.to_string()); }>
                                {label}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <p class="faint small range-note">"Days are counted in UTC, so every manager reads the same figures."</p>
            </div>
        }
    };
    let figures = move || match board.get() {
        None => view! { <Loading label="Counting sessions…" /> }.into_any(),
        Some(Err(err)) if err.fields.is_empty() => {
            view! { <EmptyState title="The dashboard could not be read" text=err.message /> }
                .into_any()
        }
        Some(Err(_)) => {
            view! { <p class="muted">"Choose a valid range to see the figures."</p> }.into_any()
        }
        Some(Ok(d)) => view! { <Figures board=d across=programme_id.is_none() /> }.into_any(),
    };
    let _ = state;
    view! {
        <div class="dashboard stack">
            {range}
            {figures}
            <MeetingReports programme_id=programme_id from=from to=to />
        </div>
    }
}

#[component]
fn Kpi(
    id: &'static str,
    label: &'static str,
    value: String,
    #[prop(into)] note: String,
) -> impl IntoView {
    view! {
        <div class="card kpi" id=id>
            <p class="kpi-label">{label}</p>
            <p class="kpi-value">{value}</p>
            <p class="kpi-note faint small">{note}</p>
        </div>
    }
}

#[component]
fn Figures(board: Dashboard, across: bool) -> impl IntoView {
    let state = use_app();
    let c = board.counts;
    let attendance = c
        .attendance_percent()
        .map_or("No meetings over yet".to_string(), |p| {
            format!("{p}% of those over")
        });
    let rating = board
        .rating
        .map_or(("—".to_string(), "No ratings yet".to_string()), |r| {
            (
                format!("★ {}", r.label()),
                plural(r.ratings, "rating by mentees", "ratings by mentees"),
            )
        });
    let chart_label = format!(
        "Sessions per week from {} to {}: {} scheduled, {} attended, {} no-shows, {} cancelled.",
        day_label(board.from),
        day_label(board.to),
        c.scheduled,
        c.attended,
        c.no_show,
        c.cancelled
    );
    let weekly_svg = charts::weekly_bars(&board.weeks, &chart_label);
    let weeks = board.weeks.clone();
    let programmes = board.programmes.clone();
    let programmes_svg =
        charts::programme_bars(&programmes, "Scheduled and attended sessions per programme");
    let capacity = board.mentors_at_capacity.clone();
    let quiet = board.overdue_tasks == 0
        && board.overdue_action_items == 0
        && board.open_blockers == 0
        && capacity.is_empty();
    view! {
        <div id="dashboard" data-loaded="true" class="stack">
            <div class="kpis">
                <Kpi id="kpi-pairs" label="Active pairs" value=board.active_pairs.to_string() note="Approved matches" />
                <Kpi id="kpi-scheduled" label="Scheduled" value=c.scheduled.to_string() note=plural(c.upcoming, "still to come", "still to come") />
                <Kpi id="kpi-attended" label="Attended" value=c.attended.to_string() note=attendance />
                <Kpi id="kpi-no-show" label="No-shows" value=c.no_show.to_string() note="Marked missed" />
                <Kpi id="kpi-cancelled" label="Cancelled" value=c.cancelled.to_string() note="Not counted as scheduled" />
                <Kpi id="kpi-rating" label="Average rating" value=rating.0 note=rating.1 />
            </div>
            <section class="card chart-card" aria-labelledby="weekly-heading">
                <div class="card-title-row">
                    <h2 id="weekly-heading">"Sessions per week"</h2>
                    <ul class="legend" aria-hidden="true">
                        <li><span class="swatch" style=format!("background:{}", charts::ATTENDED)></span>"Attended"</li>
                        <li><span class="swatch" style=format!("background:{}", charts::NO_SHOW)></span>"No-show"</li>
                        <li><span class="swatch" style=format!("background:{}", charts::UPCOMING)></span>"Upcoming"</li>
                        <li><span class="swatch" style=format!("background:{}", charts::CANCELLED)></span>"Cancelled"</li>
                    </ul>
                </div>
                <div class="chart-with-table">
                    <div class="chart" id="weekly-chart" inner_html=weekly_svg></div>
                    <div class="chart-table-wrap">
                        <table class="table chart-table" id="weekly-table">
                            <caption class="visually-hidden">"Sessions per week"</caption>
                            <thead><tr>
                                <th scope="col">"Week of"</th>
                                <th scope="col" class="num">"Sched."</th>
                                <th scope="col" class="num">"Att."</th>
                                <th scope="col" class="num">"No-show"</th>
                                <th scope="col" class="num">"Canc."</th>
                            </tr></thead>
                            <tbody>
                                {weeks.into_iter().rev().map(|w| view! {
                                    <tr data-week=w.week_start.to_string()>
                                        <th scope="row">{w.week_start.format("%-d %b").to_string()}</th>
                                        <td class="num">{w.counts.scheduled}</td>
                                        <td class="num">{w.counts.attended}</td>
                                        <td class="num">{w.counts.no_show}</td>
                                        <td class="num">{w.counts.cancelled}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </div>
            </section>
            <Show when=move || across>
                <section class="card chart-card" aria-labelledby="programmes-heading">
                    <div class="card-title-row">
                        <h2 id="programmes-heading">"Programmes"</h2>
                        <ul class="legend" aria-hidden="true">
                            <li><span class="swatch" style="background:#9cc9c2"></span>"Scheduled"</li>
                            <li><span class="swatch" style=format!("background:{}", charts::ATTENDED)></span>"Attended"</li>
                        </ul>
                    </div>
                    {if programmes.is_empty() {
                        view! { <EmptyState title="No programmes to show" text="Programmes you manage appear here with their figures." /> }.into_any()
                    } else {
                        let rows = programmes.clone();
                        view! {
                            <div class="chart" id="programmes-chart" inner_html=programmes_svg.clone()></div>
                            <div class="table-scroll">
                                <table class="table" id="programmes-table">
                                    <caption class="visually-hidden">"Figures per programme"</caption>
                                    <thead><tr>
                                        <th scope="col">"Programme"</th>
                                        <th scope="col" class="num">"Pairs"</th>
                                        <th scope="col" class="num">"Scheduled"</th>
                                        <th scope="col" class="num">"Attended"</th>
                                        <th scope="col" class="num">"No-show"</th>
                                        <th scope="col" class="num">"Cancelled"</th>
                                        <th scope="col" class="num">"Rating"</th>
                                        <th scope="col" class="num">"Overdue"</th>
                                        <th scope="col" class="num">"Blockers"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|p| {
                                            let id = p.programme_id;
                                            view! {
                                                <tr class="programme-figures" data-programme-id=id.to_string()>
                                                    <th scope="row">
                                                        <button type="button" class="link-button" on:click=move |_| state.go(Page::Programme(id))>{p.name.clone()}</button>
                                                    </th>
                                                    <td class="num">{p.active_pairs}</td>
                                                    <td class="num">{p.counts.scheduled}</td>
                                                    <td class="num">{p.counts.attended}</td>
                                                    <td class="num">{p.counts.no_show}</td>
                                                    <td class="num">{p.counts.cancelled}</td>
                                                    <td class="num">{p.rating.map_or("—".to_string(), |r| r.label())}</td>
                                                    <td class="num">{p.overdue_tasks + p.overdue_action_items}</td>
                                                    <td class="num">{p.open_blockers}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }}
                </section>
            </Show>
            <section class="card attention" id="attention" aria-labelledby="attention-heading">
                <h2 id="attention-heading">"Needs attention"</h2>
                {if quiet {
                    view! { <p class="muted">"Nothing overdue, no open blockers, and every mentor has room."</p> }.into_any()
                } else {
                    ().into_any()
                }}
                <div class="attention-grid">
                    <div class="attention-item" id="attention-tasks" class:warn=(board.overdue_tasks > 0)>
                        <span class="attention-count">{board.overdue_tasks}</span>
                        <span>{if board.overdue_tasks == 1 { "overdue task" } else { "overdue tasks" }}</span>
                    </div>
                    <div class="attention-item" id="attention-actions" class:warn=(board.overdue_action_items > 0)>
                        <span class="attention-count">{board.overdue_action_items}</span>
                        <span>{if board.overdue_action_items == 1 { "overdue action item" } else { "overdue action items" }}</span>
                    </div>
                    <div class="attention-item" id="attention-blockers" class:warn=(board.open_blockers > 0)>
                        <span class="attention-count">{board.open_blockers}</span>
                        <span>{if board.open_blockers == 1 { "report with open blockers" } else { "reports with open blockers" }}</span>
                    </div>
                    <div class="attention-item" class:warn=(!capacity.is_empty())>
                        <span class="attention-count">{capacity.len()}</span>
                        <span>{if capacity.len() == 1 { "mentor at or over capacity" } else { "mentors at or over capacity" }}</span>
                    </div>
                </div>
                {(!capacity.is_empty()).then(|| view! {
                    <ul class="capacity-list" id="capacity-list">
                        {capacity.into_iter().take(20).map(|m| {
                            let id = m.user_id;
                            let over = m.mentees > m.capacity;
                            view! {
                                <li data-user-id=id.to_string()>
                                    <button type="button" class="link-button" on:click=move |_| state.go(Page::Person(id))>{m.name.clone()}</button>
                                    <span class=if over { "badge badge-danger" } else { "badge badge-pending" }>
                                        {format!("{} of {} mentees", m.mentees, m.capacity)}
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </section>
        </div>
    }
}

/// Saving, listing, opening and exporting meeting reports for the dashboard's scope.
#[component]
fn MeetingReports(
    programme_id: Option<ProgrammeId>,
    from: RwSignal<String>,
    to: RwSignal<String>,
) -> impl IntoView {
    let state = use_app();
    let title = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let version = RwSignal::new(0u32);
    let open = RwSignal::new(None::<MeetingReport>);
    let list = LocalResource::new(move || {
        version.get();
        async move { api::meeting_reports_list(MeetingReportQuery { programme_id }).await }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let req = NewMeetingReport {
                    title: title.get_untracked(),
                    programme_id,
                    from: parse_day(&from.get_untracked(), "from")?,
                    to: parse_day(&to.get_untracked(), "to")?,
                };
                Ok(api::meeting_reports_create(req))
            },
            move |saved: MeetingReport| {
                state.toast(format!("Report “{}” saved", saved.title));
                title.set(String::new());
                open.set(Some(saved));
                version.update(|v| *v += 1);
            },
        );
    };
    let export = move |report_id: MeetingReportId, format: ExportFormat| {
        spawn_local(async move {
            match api::meeting_reports_export(MeetingReportExport { report_id, format }).await {
                Ok(saved) => state.toast(format!("Saved to {}", saved.path)),
                Err(err) => state.toast_error(err.message),
            }
        });
    };
    let show = move |report_id: MeetingReportId| {
        spawn_local(async move {
            match api::meeting_reports_get(MeetingReportRef { report_id }).await {
                Ok(r) => open.set(Some(r)),
                Err(err) => state.toast_error(err.message),
            }
        });
    };
    view! {
        <section class="card meeting-reports" id="meeting-reports" aria-labelledby="meeting-reports-heading">
            <div class="card-title-row">
                <div>
                    <h2 id="meeting-reports-heading">"Meeting reports"</h2>
                    <p class="muted small">"Meetings scheduled and attended per programme and mentor over the dates above, saved as they are today."</p>
                </div>
            </div>
            <form class="report-form" on:submit=save novalidate>
                <div class="field grow" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message("title").is_some()))>
                    <label for="meeting-report-title">"Title"<span class="required" aria-hidden="true">" *"</span></label>
                    <input type="text" id="meeting-report-title" placeholder="e.g. Autumn term meetings" maxlength="120"
                        prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                    <FieldError errors=errors field="title" />
                </div>
                <div class="report-range faint small">
                    {move || format!("{} to {}", from.get(), to.get())}
                </div>
                <button type="submit" class="button button-primary" id="meeting-report-save" disabled=move || busy.get()>
                    <Icon name="plus" /><span>{move || if busy.get() { "Saving…" } else { "Save report" }}</span>
                </button>
            </form>
            <FormError errors=errors shown=vec!["title"] id="meeting-report-error" always=false />
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                Some(Ok(items)) if items.is_empty() => view! {
                    <p class="muted" id="meeting-reports-empty">"No saved reports yet."</p>
                }.into_any(),
                Some(Ok(items)) => view! {
                    <div class="table-scroll">
                        <table class="table" id="meeting-reports-table">
                            <caption class="visually-hidden">"Saved meeting reports"</caption>
                            <thead><tr>
                                <th scope="col">"Report"</th>
                                <th scope="col">"Dates"</th>
                                <th scope="col" class="num">"Scheduled"</th>
                                <th scope="col" class="num">"Attended"</th>
                                <th scope="col">"Saved"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|r| {
                                    let id = r.id;
                                    view! {
                                        <tr class="meeting-report-row" data-report-id=id.to_string()>
                                            <th scope="row">
                                                <button type="button" class="link-button report-open" on:click=move |_| show(id)>{r.title.clone()}</button>
                                                <div class="faint small">{r.scope.clone()}</div>
                                            </th>
                                            <td>{format!("{} – {}", day_label(r.from), day_label(r.to))}</td>
                                            <td class="num">{r.totals.scheduled}</td>
                                            <td class="num">{r.totals.attended}</td>
                                            <td><span>{r.created_by.clone()}</span><div class="faint small">{relative_time(r.created_at)}</div></td>
                                            <td class="row-actions">
                                                <button type="button" class="button button-secondary button-sm report-csv" on:click=move |_| export(id, ExportFormat::Csv)>
                                                    <Icon name="download" /><span>"CSV"</span>
                                                </button>
                                                <button type="button" class="button button-secondary button-sm report-pdf" on:click=move |_| export(id, ExportFormat::Pdf)>
                                                    <Icon name="download" /><span>"PDF"</span>
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
            {move || open.get().map(|r| view! { <ReportView report=r on_close=Callback::new(move |_| open.set(None)) /> })}
        </section>
    }
}

#[component]
fn ReportView(report: MeetingReport, on_close: Callback<()>) -> impl IntoView {
    let line = |programme: String, mentor: String, c: SessionCounts, total: bool| {
        view! {
            <tr class:total=total>
                <td>{programme}</td>
                <td>{mentor}</td>
                <td class="num">{c.scheduled}</td>
                <td class="num">{c.attended}</td>
                <td class="num">{c.no_show}</td>
                <td class="num">{c.cancelled}</td>
                <td class="num">{c.upcoming}</td>
            </tr>
        }
    };
    let rows = report.rows.clone();
    let programmes = report.programmes.clone();
    view! {
        <div class="report-view" id="meeting-report-view" data-report-id=report.id.to_string()>
            <div class="card-title-row">
                <div>
                    <h3>{report.title.clone()}</h3>
                    <p class="faint small">{format!(
                        "{} · {} to {} · saved by {}",
                        report.scope, day_label(report.from), day_label(report.to), report.created_by
                    )}</p>
                </div>
                <button type="button" class="button button-ghost button-sm" on:click=move |_| on_close.run(())>"Close"</button>
            </div>
            {if rows.is_empty() {
                view! { <p class="muted">"No meetings in this range."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="table report-rows">
                            <caption class="visually-hidden">"Meetings per programme and mentor"</caption>
                            <thead><tr>
                                <th scope="col">"Programme"</th>
                                <th scope="col">"Mentor"</th>
                                <th scope="col" class="num">"Scheduled"</th>
                                <th scope="col" class="num">"Attended"</th>
                                <th scope="col" class="num">"No-show"</th>
                                <th scope="col" class="num">"Cancelled"</th>
                                <th scope="col" class="num">"Upcoming"</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| line(r.programme_name, r.mentor_name, r.counts, false)).collect_view()}
                                {programmes.into_iter().map(|p| line(p.programme_name, "All mentors".into(), p.counts, true)).collect_view()}
                                {line("All programmes".into(), "All mentors".into(), report.totals, true)}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </div>
    }
}
