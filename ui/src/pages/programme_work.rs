//! A programme's Tasks and Reports tabs, with the dialogs to add a task and write a report.
//!
//! Element ids:
//! - tasks: `new-task` (managers), `tasks-empty`; rows `article.task-row[data-task-id]
//!   [data-status][data-overdue]` with `.task-title`, `.task-due`, `.task-assignees`, one
//!   `.task-move[data-to]` button per allowed status, `.task-edit`, `.task-delete` (asks
//!   first), `.task-report`
//! - the task dialog: `task-title`, `task-description`, `task-due`, assignee checkboxes
//!   `input.task-assignee[value=<user id>]`, `task-submit`, `task-error`; field errors
//!   `error-title`, `error-description`, `error-assignees`
//! - reports: `new-report`, `reports-open-only`, `reports-empty`; cards
//!   `article.report-card[data-report-id][data-blockers]` (`open` | `resolved` | `none`) with
//!   `.report-resolve`
//! - the report dialog: `report-title`, `report-task`, `report-achievements`,
//!   `report-blockers`, `report-recommendations`, `report-submit`, `report-error`

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::forms::{send_request, FieldError, FormError, TextArea, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading};
use crate::state::use_app;
use crate::util::format_date;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::ids::{TaskId, UserId};
use mentordesk_shared::programme_work::*;
use mentordesk_shared::programmes::{ProgrammeDetail, ProgrammeStatus};
use mentordesk_shared::ApiError;

const TEXT_MAX: usize = 5000;

fn status_badge(status: TaskStatus) -> impl IntoView {
    let class = match status {
        TaskStatus::Unassigned => "badge badge-muted",
        TaskStatus::Pending => "badge badge-pending",
        TaskStatus::InProgress => "badge badge-info",
        TaskStatus::Completed => "badge badge-success",
    };
    view! { <span class=class>{status.label()}</span> }
}

fn move_label(from: TaskStatus, to: TaskStatus) -> &'static str {
    match (from, to) {
        (_, TaskStatus::InProgress) if from == TaskStatus::Completed => "Reopen",
        (_, TaskStatus::InProgress) => "Start",
        (_, TaskStatus::Completed) => "Mark done",
        (_, TaskStatus::Pending) => "Back to pending",
        (_, TaskStatus::Unassigned) => "Unassign",
    }
}

/// The Tasks tab.
#[component]
pub fn Tasks(detail: ProgrammeDetail) -> impl IntoView {
    let state = use_app();
    let id = detail.summary.id;
    let manages = detail.summary.can_manage && detail.summary.status != ProgrammeStatus::Archived;
    let writable = detail.summary.status != ProgrammeStatus::Archived;
    let version = RwSignal::new(0u32);
    let editing = RwSignal::new(None::<Option<TaskView>>);
    let reporting = RwSignal::new(None::<TaskView>);
    let deleting = RwSignal::new(None::<TaskId>);
    let busy = RwSignal::new(false);
    let list = LocalResource::new(move || {
        version.get();
        async move {
            api::tasks_list(TaskQuery {
                programme_id: Some(id),
                mine: false,
            })
            .await
        }
    });
    let changed = move || version.update(|v| *v += 1);
    let move_task = move |task: TaskId, to: TaskStatus| {
        busy.set(true);
        spawn_local(async move {
            match api::tasks_set_status(TaskStatusChange {
                id: task,
                status: to,
            })
            .await
            {
                Ok(t) => {
                    state.toast(format!(
                        "“{}” is {}",
                        t.title,
                        t.status.label().to_lowercase()
                    ));
                    changed();
                }
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
        });
    };
    let delete = move |task: TaskId| {
        busy.set(true);
        spawn_local(async move {
            match api::tasks_delete(TaskRef { id: task }).await {
                Ok(()) => {
                    state.toast("Task deleted");
                    changed();
                }
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
            deleting.set(None);
        });
    };
    let stored = StoredValue::new(detail);
    let row = move |t: TaskView| {
        let task_id = t.id;
        let from = t.status;
        let for_edit = t.clone();
        let for_report = t.clone();
        let due = t.due_on.map(|d| {
            let text = d.format("%-d %b %Y").to_string();
            if t.overdue {
                format!("Overdue — due {text}")
            } else {
                format!("Due {text}")
            }
        });
        let assignees = if t.assignees.is_empty() {
            view! { <span class="faint">"Nobody assigned"</span> }.into_any()
        } else {
            t.assignees
                .iter()
                .map(|p| view! { <span class="task-person"><Avatar name=p.name.clone() photo=None size="xs" />{p.name.clone()}</span> })
                .collect_view()
                .into_any()
        };
        view! {
            <article class="card task-row" class:overdue=t.overdue data-task-id=task_id.to_string()
                data-status=t.status.key() data-overdue=if t.overdue { "true" } else { "false" }>
                <div class="task-main">
                    <div class="task-head">
                        <h3 class="task-title">{t.title.clone()}</h3>
                        {status_badge(t.status)}
                    </div>
                    {(!t.description.is_empty()).then(|| view! { <p class="muted task-description">{t.description.clone()}</p> })}
                    <div class="task-meta small">
                        {due.map(|d| view! { <span class="task-due" class:danger-text=t.overdue><Icon name="calendar" />{d}</span> })}
                        <span class="task-assignees">{assignees}</span>
                        {(t.reports > 0).then(|| view! { <span class="muted">{format!("{} report{}", t.reports, if t.reports == 1 { "" } else { "s" })}</span> })}
                    </div>
                </div>
                <div class="task-actions">
                    {t.next_statuses.iter().map(|to| {
                        let to = *to;
                        let primary = to == TaskStatus::Completed;
                        view! {
                            <button type="button" class=if primary { "button button-primary button-sm task-move" } else { "button button-secondary button-sm task-move" }
                                data-to=to.key() disabled=move || busy.get() on:click=move |_| move_task(task_id, to)>
                                {move_label(from, to)}
                            </button>
                        }
                    }).collect_view()}
                    <Show when=move || writable>
                        <button type="button" class="button button-ghost button-sm task-report"
                            on:click={ let t = for_report.clone(); move |_| reporting.set(Some(t.clone())) }>"Report"</button>
                    </Show>
                    <Show when=move || t.can_edit && manages>
                        <button type="button" class="button button-ghost button-sm task-edit"
                            on:click={ let t = for_edit.clone(); move |_| editing.set(Some(Some(t.clone()))) }>"Edit"</button>
                        <button type="button" class="button button-ghost button-sm task-delete"
                            on:click=move |_| deleting.set(Some(task_id))>"Delete"</button>
                    </Show>
                </div>
            </article>
        }
    };
    view! {
        <div class="programme-tasks">
            <div class="section-head">
                <p class="muted">"Work for the programme: assigned people move it on; managers add and assign tasks."</p>
                <Show when=move || manages>
                    <button type="button" class="button button-primary" id="new-task" on:click=move |_| editing.set(Some(None))>
                        <Icon name="plus" /><span>"New task"</span>
                    </button>
                </Show>
            </div>
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                Some(Ok(items)) if items.is_empty() => view! {
                    <div id="tasks-empty"><EmptyState title="No tasks yet" text="Tasks the programme's managers add appear here." /></div>
                }.into_any(),
                Some(Ok(items)) => view! { <div class="task-list">{items.into_iter().map(row).collect_view()}</div> }.into_any(),
            }}
            {move || editing.get().map(|task| view! {
                <TaskDialog detail=stored.get_value() task=task
                    on_close=Callback::new(move |_| editing.set(None))
                    on_saved=Callback::new(move |_| { editing.set(None); changed(); }) />
            })}
            {move || reporting.get().map(|task| view! {
                <ReportDialog detail=stored.get_value() task=Some((task.id, task.title.clone()))
                    on_close=Callback::new(move |_| reporting.set(None))
                    on_saved=Callback::new(move |_| { reporting.set(None); changed(); }) />
            })}
            {move || deleting.get().map(|task| view! {
                <ConfirmDialog title="Delete this task?" message="Its reports stay, no longer linked to it." confirm_label="Delete task" busy=busy
                    on_confirm=Callback::new(move |_| delete(task))
                    on_cancel=Callback::new(move |_| deleting.set(None)) />
            })}
        </div>
    }
}

fn parse_date(text: &str) -> Result<Option<NaiveDate>, ApiError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ApiError::field("due_on", "Enter a date."))
}

/// Adds a task (`task` is `None`) or edits one.
#[component]
fn TaskDialog(
    detail: ProgrammeDetail,
    task: Option<TaskView>,
    on_close: Callback<()>,
    on_saved: Callback<TaskView>,
) -> impl IntoView {
    let state = use_app();
    let programme_id = detail.summary.id;
    let editing = task.as_ref().map(|t| t.id);
    let title = RwSignal::new(task.as_ref().map(|t| t.title.clone()).unwrap_or_default());
    let description = RwSignal::new(
        task.as_ref()
            .map(|t| t.description.clone())
            .unwrap_or_default(),
    );
    let due = RwSignal::new(
        task.as_ref()
            .and_then(|t| t.due_on)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    );
    let assignees = RwSignal::new(
        task.as_ref()
            .map(|t| {
                t.assignees
                    .iter()
                    .map(|p| p.user_id)
                    .collect::<Vec<UserId>>()
            })
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let mut people: Vec<(UserId, String, &'static str)> = Vec::new();
    for m in &detail.members {
        if !people.iter().any(|(id, _, _)| *id == m.person.user_id) {
            people.push((m.person.user_id, m.person.name.clone(), m.role.label()));
        }
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let fields = TaskFields {
                    title: title.get_untracked(),
                    description: description.get_untracked(),
                    due_on: parse_date(&due.get_untracked())?,
                    assignees: assignees.get_untracked(),
                };
                Ok(async move {
                    match editing {
                        Some(id) => api::tasks_update(TaskEdit { id, fields }).await,
                        None => {
                            api::tasks_create(NewTask {
                                programme_id,
                                fields,
                            })
                            .await
                        }
                    }
                })
            },
            move |saved: TaskView| {
                state.toast(format!("“{}” saved", saved.title));
                on_saved.run(saved);
            },
        );
    };
    view! {
        <Modal title=if editing.is_some() { "Edit task" } else { "New task" } on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["title", "description", "due_on", "assignees"] id="task-error" />
                <TextField label="Title" id="task-title" field="title" value=title errors=errors required=true placeholder="e.g. Run the intake survey" />
                <TextArea label="Description" id="task-description" field="description" value=description errors=errors rows=3 limit=TEXT_MAX />
                <div class="field">
                    <label for="task-due">"Due on"</label>
                    <input type="date" id="task-due" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev)) />
                    <FieldError errors=errors field="due_on" />
                </div>
                <fieldset class="field assignee-list">
                    <legend>"Assigned to"</legend>
                    {people.into_iter().map(|(uid, name, role)| view! {
                        <label class="checkbox">
                            <input type="checkbox" class="task-assignee" value=uid.to_string()
                                prop:checked=move || assignees.with(|a| a.contains(&uid))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    assignees.update(|a| {
                                        a.retain(|x| *x != uid);
                                        if on { a.push(uid); }
                                    });
                                } />
                            <span><span class="checkbox-label">{name}</span><span class="hint">{role}</span></span>
                        </label>
                    }).collect_view()}
                    <FieldError errors=errors field="assignees" />
                </fieldset>
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="task-cancel" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="button button-primary" id="task-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Saving…" } else { "Save task" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

/// The Reports tab.
#[component]
pub fn Reports(detail: ProgrammeDetail) -> impl IntoView {
    let state = use_app();
    let id = detail.summary.id;
    let writable = detail.summary.status != ProgrammeStatus::Archived;
    let open_only = RwSignal::new(false);
    let version = RwSignal::new(0u32);
    let writing = RwSignal::new(false);
    let list = LocalResource::new(move || {
        version.get();
        let open_blockers = open_only.get();
        async move {
            api::reports_list(ReportQuery {
                programme_id: Some(id),
                open_blockers,
            })
            .await
        }
    });
    let changed = move || version.update(|v| *v += 1);
    let resolve = move |report: mentordesk_shared::ids::ReportId, resolved: bool| {
        spawn_local(async move {
            match api::reports_set_blockers(ReportBlockers {
                id: report,
                resolved,
            })
            .await
            {
                Ok(_) => {
                    state.toast(if resolved {
                        "Blockers marked resolved"
                    } else {
                        "Blockers open again"
                    });
                    changed();
                }
                Err(err) => state.toast_error(err.message),
            }
        });
    };
    let stored = StoredValue::new(detail);
    let card = move |r: ReportView| {
        let report_id = r.id;
        let blockers_state = if r.blockers.is_empty() {
            "none"
        } else if r.blockers_open {
            "open"
        } else {
            "resolved"
        };
        let open = r.blockers_open;
        let section = |label: &'static str, text: String, class: &'static str| {
            (!text.is_empty()).then(|| view! { <div class=format!("report-section {class}")><h4>{label}</h4><p>{text}</p></div> })
        };
        view! {
            <article class="card report-card" data-report-id=report_id.to_string() data-blockers=blockers_state>
                <div class="card-title-row">
                    <div>
                        <h3>{r.title.clone()}</h3>
                        <p class="muted small">
                            {format!("{} · {}", r.author.name, format_date(r.created_at))}
                            {r.task.as_ref().map(|(_, title)| format!(" · about “{title}”"))}
                        </p>
                    </div>
                    {match blockers_state {
                        "open" => view! { <span class="badge badge-danger">"Blockers open"</span> }.into_any(),
                        "resolved" => view! { <span class="badge badge-success">"Blockers resolved"</span> }.into_any(),
                        _ => ().into_any(),
                    }}
                </div>
                <div class="report-sections">
                    {section("Achievements", r.achievements.clone(), "report-achievements")}
                    {section("Blockers", r.blockers.clone(), "report-blockers")}
                    {section("Recommendations", r.recommendations.clone(), "report-recommendations")}
                </div>
                <Show when=move || r.can_resolve>
                    <button type="button" class="button button-secondary button-sm report-resolve" on:click=move |_| resolve(report_id, open)>
                        {if open { "Mark blockers resolved" } else { "Reopen blockers" }}
                    </button>
                </Show>
            </article>
        }
    };
    view! {
        <div class="programme-reports">
            <div class="section-head">
                <label class="checkbox">
                    <input type="checkbox" id="reports-open-only" prop:checked=move || open_only.get() on:change=move |ev| open_only.set(event_target_checked(&ev)) />
                    <span class="checkbox-label">"Only reports with open blockers"</span>
                </label>
                <Show when=move || writable>
                    <button type="button" class="button button-primary" id="new-report" on:click=move |_| writing.set(true)>
                        <Icon name="edit" /><span>"Write a report"</span>
                    </button>
                </Show>
            </div>
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                Some(Ok(items)) if items.is_empty() => view! {
                    <div id="reports-empty"><EmptyState title="No reports" text="Achievements, blockers and recommendations from the programme's people appear here." /></div>
                }.into_any(),
                Some(Ok(items)) => view! { <div class="report-list">{items.into_iter().map(card).collect_view()}</div> }.into_any(),
            }}
            <Show when=move || writing.get()>
                <ReportDialog detail=stored.get_value() task=None
                    on_close=Callback::new(move |_| writing.set(false))
                    on_saved=Callback::new(move |_| { writing.set(false); changed(); }) />
            </Show>
        </div>
    }
}

/// Writes a report about the programme, or about `task`.
#[component]
fn ReportDialog(
    detail: ProgrammeDetail,
    task: Option<(TaskId, String)>,
    on_close: Callback<()>,
    on_saved: Callback<ReportView>,
) -> impl IntoView {
    let state = use_app();
    let programme_id = detail.summary.id;
    let title = RwSignal::new(String::new());
    let achievements = RwSignal::new(String::new());
    let blockers = RwSignal::new(String::new());
    let recommendations = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let task_id = task.as_ref().map(|(id, _)| *id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                Ok(api::reports_create(NewReport {
                    programme_id,
                    task_id,
                    fields: ReportFields {
                        title: title.get_untracked(),
                        achievements: achievements.get_untracked(),
                        blockers: blockers.get_untracked(),
                        recommendations: recommendations.get_untracked(),
                    },
                }))
            },
            move |saved: ReportView| {
                state.toast(format!("Report “{}” saved", saved.title));
                on_saved.run(saved);
            },
        );
    };
    let heading = match &task {
        Some((_, t)) => format!("Report on “{t}”"),
        None => format!("Report on {}", detail.summary.name),
    };
    view! {
        <Modal title=heading on_close=on_close wide=true>
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["title", "achievements", "blockers", "recommendations", "task_id"] id="report-error" />
                <TextField label="Title" id="report-title" field="title" value=title errors=errors required=true placeholder="e.g. March check-in" />
                <TextArea label="Achievements" id="report-achievements" field="achievements" value=achievements errors=errors rows=3 limit=TEXT_MAX placeholder="What went well" />
                <TextArea label="Blockers" id="report-blockers" field="blockers" value=blockers errors=errors rows=3 limit=TEXT_MAX placeholder="What is in the way; managers see open blockers on the dashboard" />
                <TextArea label="Recommendations" id="report-recommendations" field="recommendations" value=recommendations errors=errors rows=3 limit=TEXT_MAX placeholder="What should happen next" />
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="report-cancel" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="button button-primary" id="report-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Saving…" } else { "Save report" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
