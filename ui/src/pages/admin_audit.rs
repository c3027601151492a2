//! Admin → Audit log: who did what and when, with filters and pages of 50.

use crate::api;
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::util::{date_input_to_utc, format_datetime, humanize};
use leptos::prelude::*;
use mentordesk_shared::admin::AuditQuery;

const PAGE_SIZE: u32 = 50;

#[component]
pub fn AuditPage() -> impl IntoView {
    let action = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let offset = RwSignal::new(0u32);
    let actions = RwSignal::new(Vec::<String>::new());

    // Any filter change goes back to the first page.
    Effect::new(move |prev: Option<()>| {
        action.track();
        text.track();
        from.track();
        to.track();
        if prev.is_some() {
            offset.set(0);
        }
    });

    let page = LocalResource::new(move || {
        let query = AuditQuery {
            action: Some(action.get()).filter(|a| !a.is_empty()),
            text: text.get(),
            from: date_input_to_utc(&from.get(), false),
            to: date_input_to_utc(&to.get(), true),
            limit: PAGE_SIZE,
            offset: offset.get(),
        };
        api::audit_list(query)
    });

    Effect::new(move |_| {
        if let Some(Ok(p)) = page.get() {
            actions.update(|known| {
                for a in &p.actions {
                    if !known.contains(a) {
                        known.push(a.clone());
                    }
                }
                known.sort();
            });
        }
    });

    let filtered = move || {
        !action.with(String::is_empty)
            || !text.with(String::is_empty)
            || !from.with(String::is_empty)
            || !to.with(String::is_empty)
    };

    let table = move || match page.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(p)) if p.entries.is_empty() => view! {
            <EmptyState
                title="No entries"
                text=if filtered() {
                    "Nothing matches these filters. Try a wider date range or another action."
                } else {
                    "Sign-ins, approvals and other important actions are recorded here."
                }
            />
        }
        .into_any(),
        Some(Ok(p)) => {
            let total = p.total.max(0) as u64;
            let start = u64::from(offset.get_untracked());
            let shown = p.entries.len() as u64;
            let has_next = start + shown < total;
            view! {
                <div class="card table-card">
                    <table class="table audit-table">
                        <thead>
                            <tr>
                                <th>"Time"</th>
                                <th>"Actor"</th>
                                <th>"Action"</th>
                                <th>"Target"</th>
                                <th>"Detail"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {p.entries
                                .into_iter()
                                .map(|e| view! {
                                    <tr class="audit-row" data-action=e.action.clone()>
                                        <td class="nowrap">{format_datetime(e.at)}</td>
                                        <td>{e.actor_name.unwrap_or_else(|| "System".to_string())}</td>
                                        <td><span class="action-label">{humanize(&e.action)}</span></td>
                                        <td>{e.target_name.unwrap_or_else(|| "—".to_string())}</td>
                                        <td class="detail-cell">{e.detail}</td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="pagination">
                    <span class="muted small">
                        {format!("Showing {}–{} of {}", start + 1, start + shown, total)}
                    </span>
                    <div class="spacer"></div>
                    <button
                        type="button"
                        id="audit-prev"
                        class="button button-secondary button-sm"
                        disabled=start == 0
                        on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE_SIZE))
                    >
                        <Icon name="arrow-left" />
                        <span>"Previous"</span>
                    </button>
                    <button
                        type="button"
                        id="audit-next"
                        class="button button-secondary button-sm"
                        disabled=!has_next
                        on:click=move |_| offset.update(|o| *o += PAGE_SIZE)
                    >
                        <span>"Next"</span>
                        <Icon name="arrow-right" />
                    </button>
                </div>
            }
            .into_any()
        }
    };

    view! {
        <div class="page audit">
            <PageHeader title="Audit log" subtitle="A record of sign-ins, decisions and administrative changes." />
            <div class="card filters filters-audit">
                <div class="field compact">
                    <label for="audit-action">"Action"</label>
                    <select id="audit-action" bind:value=action>
                        <option value="">"All actions"</option>
                        {move || {
                            actions
                                .get()
                                .into_iter()
                                .map(|a| {
                                    let selected = action.with_untracked(|v| v == &a);
                                    view! { <option value=a.clone() selected=selected>{humanize(&a)}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field compact grow">
                    <label for="audit-search">"Search"</label>
                    <input type="search" id="audit-search" placeholder="Name or e-mail" bind:value=text />
                </div>
                <div class="field compact">
                    <label for="audit-from">"From"</label>
                    <input type="date" id="audit-from" bind:value=from />
                </div>
                <div class="field compact">
                    <label for="audit-to">"To"</label>
                    <input type="date" id="audit-to" bind:value=to />
                </div>
                <Show when=filtered>
                    <button
                        type="button"
                        class="button button-ghost button-sm align-end"
                        on:click=move |_| {
                            action.set(String::new());
                            text.set(String::new());
                            from.set(String::new());
                            to.set(String::new());
                        }
                    >
                        "Clear"
                    </button>
                </Show>
            </div>
            {table}
        </div>
    }
}
