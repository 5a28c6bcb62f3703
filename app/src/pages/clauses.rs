//! The gap analysis of clauses 4 to 10: each requirement of the built-in
//! catalogue with its status, evidence, owner and notes, and the
//! certification-readiness figure with its parts.

use crate::components::{choice, FieldErrors, OwnerField, ReadinessPanel};
use crate::components::{SelectField, TextAreaField, UnsavedMark};
use crate::state::AppState;
use crate::ui::labels::clause_status;
use crate::ui::workbench::{read, read_untracked};
use engine::{clause_catalogue, ClauseAssessment, ClauseId, ClauseStatus, PersonId, Phase};
use leptos::prelude::*;

fn phase_words(phase: Phase) -> &'static str {
    match phase {
        Phase::Plan => "Plan",
        Phase::Do => "Do",
        Phase::Check => "Check",
        Phase::Act => "Act",
    }
}

/// One catalogue line with its assessment, if any.
#[derive(Debug, Clone, PartialEq)]
struct ClauseRow {
    number: &'static str,
    title: &'static str,
    summary: &'static str,
    phase: Phase,
    assessment: Option<ClauseAssessment>,
    owner_name: String,
}

/// The clauses page (the app shows it once workspace `id` is open).
#[component]
pub fn ClausesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| {
        read(state, |ws| {
            clause_catalogue()
                .iter()
                .map(|c| {
                    let assessment = ws
                        .clauses
                        .iter()
                        .find(|a| a.clause.as_str() == c.number)
                        .cloned();
                    let owner_name = assessment
                        .as_ref()
                        .and_then(|a| a.owner.as_ref())
                        .and_then(|o| ws.person(o))
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    ClauseRow {
                        number: c.number,
                        title: c.title,
                        summary: c.summary,
                        phase: c.phase,
                        assessment,
                        owner_name,
                    }
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let editing = RwSignal::new(None::<&'static str>);
    view! {
        <h1>"Clauses 4–10"</h1>
        <p class="lead">
            "The management-system requirements in our own words: how far each is met, where the proof is and who answers for it. A clause nobody has assessed counts as not started."
        </p>
        <ReadinessPanel/>
        {move || editing.get().map(|number| view! {
            <ClauseForm number=number on_done=move || editing.set(None)/>
        })}
        <div class="table-scroll">
            <table class="register" data-testid="clause-table">
                <caption class="visually-hidden">"Clauses 4 to 10 and their assessment"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Clause"</th>
                        <th scope="col">"Requirement"</th>
                        <th scope="col">"Phase"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Owner"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|row| format!("{row:?}") let:row>
                        <ClauseLine row=row editing=editing/>
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ClauseLine(row: ClauseRow, editing: RwSignal<Option<&'static str>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let number = row.number;
    let assessed = row.assessment.is_some();
    let status = row.assessment.as_ref().map(|a| a.status);
    let set_status = move |event: leptos::ev::Event| {
        let key = event_target_value(&event);
        let Ok(clause) = ClauseId::try_new(number) else {
            return;
        };
        if key.is_empty() {
            state.edit(move |ws| {
                ws.remove_clause_assessment(&clause);
            });
        } else if let Some(status) = ClauseStatus::from_name(&key) {
            state.edit(move |ws| {
                ws.set_clause_status(&clause, status);
            });
        }
    };
    let evidence = row
        .assessment
        .as_ref()
        .map(|a| a.evidence.clone())
        .unwrap_or_default();
    view! {
        <tr data-testid="clause-row" data-clause=number>
            <th scope="row">{number}</th>
            <td>
                <div class="name-cell">{row.title}</div>
                <div class="muted small">{row.summary}</div>
                {(!evidence.is_empty()).then(|| view! { <div class="small">"Evidence: "{evidence.clone()}</div> })}
            </td>
            <td>{phase_words(row.phase)}</td>
            <td>
                <select aria-label=format!("Status of clause {number}") data-testid="clause-status" on:change=set_status>
                    <option value="" selected=!assessed>"Not assessed"</option>
                    {ClauseStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.name() selected=status == Some(s)>{clause_status(s)}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>{if row.owner_name.is_empty() { "—".to_owned() } else { row.owner_name.clone() }}</td>
            <td class="row-actions">
                <button type="button" aria-label=format!("Edit clause {number}") data-testid="clause-edit"
                    on:click=move |_| editing.set(Some(number))>"Edit"</button>
            </td>
        </tr>
    }
}

/// Evidence, owner, notes and status of one clause.
#[component]
fn ClauseForm(
    number: &'static str,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Ok(clause) = ClauseId::try_new(number) else {
        on_done();
        return ().into_any();
    };
    let existing = read_untracked(state, |ws| {
        ws.clauses.iter().find(|a| a.clause == clause).cloned()
    })
    .flatten()
    .unwrap_or_else(|| ClauseAssessment::new(clause.clone()));
    let title = engine::clause_requirement(number)
        .map(|c| c.title)
        .unwrap_or_default();
    let status = RwSignal::new(existing.status);
    let evidence = RwSignal::new(existing.evidence.clone());
    let owner = RwSignal::new(
        existing
            .owner
            .as_ref()
            .map(|o| o.as_str().to_owned())
            .unwrap_or_default(),
    );
    let notes = RwSignal::new(existing.notes.clone());
    let errors = RwSignal::new(FieldErrors::default());
    let initial = (
        status.get_untracked(),
        evidence.get_untracked(),
        owner.get_untracked(),
        notes.get_untracked(),
    );
    let dirty =
        Signal::derive(move || (status.get(), evidence.get(), owner.get(), notes.get()) != initial);
    state.track_unsaved("clause-form", move || dirty.get());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if status.get_untracked() == ClauseStatus::NotApplicable
            && notes.get_untracked().trim().is_empty()
        {
            errors.set(FieldErrors::one(
                "notes",
                "Say in the notes why this clause does not apply.",
            ));
            return;
        }
        let assessment = ClauseAssessment {
            clause: clause.clone(),
            status: status.get_untracked(),
            evidence: evidence.get_untracked(),
            owner: PersonId::try_new(owner.get_untracked()).ok(),
            notes: notes.get_untracked(),
        };
        state.edit_then(
            move |ws| {
                ws.set_clause_assessment(assessment);
            },
            move |stored| {
                if stored {
                    state.notice.set(Some(format!("Clause {number} saved.")));
                }
            },
        );
        state.unsaved_forms.update(|forms| {
            forms.remove("clause-form");
        });
        on_done();
    };
    view! {
        <form class="card editor-form" data-testid="clause-form" novalidate on:submit=submit
            on:keydown=move |event| if event.key() == "Escape" { on_done() }>
            <h2>{format!("Clause {number}: {title}")}</h2>
            <UnsavedMark dirty=dirty/>
            <div class="form-grid">
                <SelectField id="clause-status" label="Status" bind=choice(status) testid="clause-form-status"/>
                <OwnerField id="clause-owner" label="Owner" value=owner none="No owner yet" testid="clause-owner"/>
                <TextAreaField id="clause-evidence" label="Evidence" value=evidence testid="clause-evidence" wide=true
                    placeholder="Documents, records, links an auditor can look at"/>
                <TextAreaField id="clause-notes" label="Notes" value=notes testid="clause-notes" wide=true
                    error=FieldErrors::of(errors, "notes")/>
            </div>
            <div class="button-row">
                <button type="submit" class="primary" data-testid="save-clause">"Save clause"</button>
                <button type="button" on:click=move |_| on_done()>"Cancel"</button>
            </div>
        </form>
    }
    .into_any()
}
