//! The four-step onboarding wizard. Each step saves the profile, then the step reached.

use crate::api;
use crate::components::forms::{send_request, FormError, TextField};
use crate::components::layout::Loading;
use crate::profile_form::{
    JobRolesField, MentorFields, NameFields, PlaceFields, ProfileForm, SkillFields, StoryFields,
    TimeZoneField, WorkingStyleFields,
};
use crate::state::{use_app, Page};
use crate::util::detect_time_zone;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::profiles::OnboardingUpdate;

const STEPS: [&str; 4] = ["About you", "Your story", "Skills", "Preferences"];

/// The fields each step shows, so errors on other steps can be surfaced.
fn step_fields(step: u8) -> Vec<&'static str> {
    match step {
        1 => vec![
            "first_name",
            "last_name",
            "headline",
            "time_zone",
            "country",
            "city",
        ],
        2 => vec!["bio", "goals"],
        3 => vec!["expertise", "interests", "proficiencies", "job_roles"],
        _ => vec![
            "mentorship_style",
            "preferred_communication",
            "mentee_capacity",
            "accepting_mentees",
            "supports_new_parents",
        ],
    }
}

#[component]
fn Stepper(step: RwSignal<u8>) -> impl IntoView {
    view! {
        <ol class="stepper" aria-label="Onboarding progress">
            {STEPS
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let n = (i + 1) as u8;
                    view! {
                        <li
                            class="step"
                            class:done=move || { step.get() > n }
                            class:current=move || step.get() == n
                            aria-current=move || (step.get() == n).then_some("step")
                        >
                            <span class="step-dot">{n}</span>
                            <span class="step-label">{*label}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
pub fn OnboardingPage() -> impl IntoView {
    let state = use_app();
    let form = ProfileForm::new();
    let errors = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let is_mentor = RwSignal::new(false);
    let start = state
        .me
        .with_untracked(|me| me.as_ref().map(|m| m.onboarding_step).unwrap_or(1))
        .clamp(1, 4);
    let step = RwSignal::new(start);

    form.load_own(errors, move |view| {
        if view.fields.time_zone.is_empty() {
            if let Some(zone) = detect_time_zone() {
                form.time_zone.set(zone);
            }
        }
        is_mentor.set(view.is_mentor);
        loaded.set(true);
    });

    // Saves the profile, then records the step reached (or completion).
    let save = move |next: u8, complete: bool| {
        send_request(
            busy,
            errors,
            move || {
                let fields = form.to_fields()?;
                Ok(async move {
                    let result = match api::profile_update(fields).await {
                        Ok(_) => {
                            api::onboarding_update(OnboardingUpdate {
                                step: next,
                                complete,
                            })
                            .await
                        }
                        Err(err) => Err(err),
                    };
                    if let Err(err) = &result {
                        // Jump back to the first step with a rejected field.
                        let first_bad = (1..=4u8).find(|s| {
                            step_fields(*s)
                                .iter()
                                .any(|f| err.field_message(f).is_some())
                        });
                        if let Some(s) = first_bad {
                            step.set(s);
                        }
                    }
                    result
                })
            },
            move |_| {
                state.refresh_me();
                state.bump();
                if complete {
                    state.go(Page::Home);
                    state.toast("You're all set — your profile is ready.");
                } else {
                    step.set(next);
                }
            },
        );
    };

    let skip = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let current = step.get_untracked();
        spawn_local(async move {
            let result = api::onboarding_update(OnboardingUpdate {
                step: current,
                complete: false,
            })
            .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    state.refresh_me();
                    state.go(Page::Home);
                }
                Err(err) => errors.set(Some(err)),
            }
        });
    };

    let step_one = move || {
        view! {
            <h2>"About you"</h2>
            <p class="muted">"The basics people see first."</p>
            <NameFields form=form errors=errors />
            <TextField
                label="Headline"
                id="profile-headline"
                field="headline"
                value=form.headline
                errors=errors
                placeholder="e.g. Backend engineer who loves teaching"
                hint="One line that sums you up."
            />
            <TimeZoneField form=form errors=errors />
            <PlaceFields form=form errors=errors />
        }
    };

    let step_two = move || {
        view! {
            <h2>"Your story"</h2>
            <p class="muted">"What you have done, and what you hope to get from the programme."</p>
            <StoryFields form=form errors=errors guided=true />
        }
    };

    let step_three = move || {
        view! {
            <h2>"Skills"</h2>
            <p class="muted">"Tags help mentors and mentees find each other. Up to 10 of each."</p>
            <SkillFields form=form errors=errors guided=true />
            <JobRolesField form=form errors=errors guided=true />
        }
    };

    let step_four = move || {
        view! {
            <h2>"Preferences"</h2>
            <p class="muted">"How you like to work together."</p>
            <WorkingStyleFields form=form errors=errors />
            <Show when=move || is_mentor.get()>
                <div class="mentor-only">
                    <p class="eyebrow">"For mentors"</p>
                    <MentorFields form=form errors=errors />
                </div>
            </Show>
        }
    };

    let body = move || match step.get() {
        1 => step_one().into_any(),
        2 => step_two().into_any(),
        3 => step_three().into_any(),
        _ => step_four().into_any(),
    };

    view! {
        <div class="page onboarding">
            <header class="page-header">
                <div>
                    <h1>"Let's set up your profile"</h1>
                    <p class="muted">"It takes a few minutes. You can skip and come back any time."</p>
                </div>
            </header>
            <Stepper step=step />
            <section class="card wizard-card">
                <Show when=move || loaded.get() fallback=|| view! { <Loading /> }>
                    <form class="form" on:submit=|ev| ev.prevent_default() novalidate>
                        <FormError errors=errors shown=Signal::derive(move || step_fields(step.get())) />
                        {body}
                    </form>
                </Show>
                <Show when=move || !loaded.get() && errors.with(Option::is_some)>
                    <FormError errors=errors shown=Vec::new() />
                </Show>
                <footer class="wizard-actions">
                    <button type="button" id="onboarding-skip" class="button button-ghost" on:click=skip>
                        "Skip for now"
                    </button>
                    <div class="spacer"></div>
                    <Show when=move || { step.get() > 1 }>
                        <button
                            type="button"
                            id="onboarding-back"
                            class="button button-secondary"
                            disabled=move || busy.get()
                            on:click=move |_| {
                                errors.set(None);
                                step.update(|s| *s = s.saturating_sub(1).max(1));
                            }
                        >
                            "Back"
                        </button>
                    </Show>
                    <Show
                        when=move || { step.get() < 4 }
                        fallback=move || {
                            view! {
                                <button
                                    type="button"
                                    id="onboarding-finish"
                                    class="button button-primary"
                                    disabled=move || busy.get() || !loaded.get()
                                    on:click=move |_| save(4, true)
                                >
                                    {move || if busy.get() { "Saving…" } else { "Finish" }}
                                </button>
                            }
                        }
                    >
                        <button
                            type="button"
                            id="onboarding-next"
                            class="button button-primary"
                            disabled=move || busy.get() || !loaded.get()
                            on:click=move |_| save(step.get_untracked() + 1, false)
                        >
                            {move || if busy.get() { "Saving…" } else { "Next" }}
                        </button>
                    </Show>
                </footer>
            </section>
        </div>
    }
}
