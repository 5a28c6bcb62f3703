//! The Plan-Do-Check-Act status of the ISMS: for each phase, how many of
//! its clauses are met and what the engine looks for that is present or
//! missing (an audit in the last year, a management review, ...).

use crate::state::AppState;
use crate::ui::workbench::read;
use engine::{pdca_status, Phase};
use leptos::prelude::*;

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Plan => "Plan",
        Phase::Do => "Do",
        Phase::Check => "Check",
        Phase::Act => "Act",
    }
}

/// One card with the four phases of the cycle.
#[component]
pub fn PdcaPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = Memo::new(move |_| {
        let today = crate::ui::today()?;
        read(state, |ws| pdca_status(ws, today))
    });
    view! {
        <section class="card" aria-labelledby="pdca-heading" data-testid="pdca">
            <h2 id="pdca-heading">"ISMS cycle (Plan, Do, Check, Act)"</h2>
            {move || status.get().map(|status| view! {
                <ul class="pdca-phases">
                    {status.phases.into_iter().map(|phase| {
                        let missing = phase.missing().join(", ");
                        let present = phase.items.iter().filter(|i| i.present).count();
                        view! {
                            <li data-testid="pdca-phase" data-phase=phase.phase.name()>
                                <strong>{phase_name(phase.phase)}</strong>
                                {format!(": {} of {} clauses met; {} of {} expected records present.",
                                    phase.clauses_met, phase.clauses, present, phase.items.len())}
                                {(!missing.is_empty()).then(|| view! {
                                    <span class="warning">{format!(" Missing: {missing}.")}</span>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
