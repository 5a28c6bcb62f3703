//! Internal audits (clause 9.2): the programme with each audit's scope,
//! dates and lead auditor, its findings (major or minor nonconformity,
//! observation, opportunity for improvement, each tied to a clause or a
//! control), and "Raise nonconformity" on a finding that is one.

use crate::components::open_record;
use crate::components::RegisterTable;
use crate::components::{
    bulk_choice, close_saved, record_actions, save_record, BulkEdit, DeleteChosen, EditorForm,
};
use crate::components::{choice, id_choice, DeleteRecord, FieldErrors, MultiSelectField};
use crate::components::{DateField, OwnerField, SelectField, TextAreaField, TextField};
use crate::components::{RowAction, TableColumn, TableRow};
use crate::routes::Route;
use crate::state::AppState;
use crate::ui::labels::{audit_status, finding_class};
use crate::ui::workbench::{clause_options, control_options, read, read_untracked};
use crate::ui::{id_text, id_texts, ids_from, optional_date, run_command, today};
use engine::{Audit, AuditFinding, AuditId, ClauseId, ControlId, CycleEntry, CycleRecord};
use engine::{FindingClass, FindingId, NonconformitySource, OwnedRegister, PersonId, Workspace};
use leptos::prelude::*;

/// Which form is open: an audit (None for a new one), or a finding of an
/// audit (None for a new one).
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Audit(Option<String>),
    Finding(String, Option<String>),
}

const COLUMNS: [TableColumn; 7] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("title", "Audit"),
    TableColumn::text("status", "Status"),
    TableColumn::text("dates", "Dates"),
    TableColumn::text("auditor", "Lead auditor"),
    TableColumn::text("scope", "Scope"),
    TableColumn::number("findings", "Findings"),
];

/// "2026-03-02 to 2026-03-04".
fn dates_of(audit: &Audit) -> String {
    match (audit.start, audit.end) {
        (Some(s), Some(e)) if s != e => format!("{s} to {e}"),
        (Some(s), _) => s.to_string(),
        (None, Some(e)) => format!("until {e}"),
        (None, None) => String::new(),
    }
}

/// What an audit covers: its clauses and controls.
fn scope_of(audit: &Audit) -> String {
    let mut parts: Vec<String> = audit
        .clauses
        .iter()
        .map(|c| format!("clause {c}"))
        .collect();
    parts.extend(audit.controls.iter().map(ToString::to_string));
    parts.join(", ")
}

fn rows_of(ws: &engine::Workspace) -> Vec<TableRow> {
    ws.audits
        .iter()
        .map(|a| TableRow {
            id: a.id.to_string(),
            name: a.id.to_string(),
            cells: vec![
                a.id.to_string(),
                a.title.clone(),
                audit_status(a.status).to_owned(),
                dates_of(a),
                ws.person_name(a.auditor.as_ref())
                    .unwrap_or_default()
                    .to_owned(),
                scope_of(a),
                a.findings.len().to_string(),
            ],
            flag: None,
        })
        .collect()
}

/// The audits page (the app shows it once workspace `id` is open).
#[component]
pub fn AuditsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| read(state, rows_of).unwrap_or_default());
    let editing = RwSignal::new(None::<Editing>);
    let opened = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<String>);
    let open = open_record(opened);
    let edit = Callback::new(move |id: String| editing.set(Some(Editing::Audit(Some(id)))));
    let actions = record_actions(
        opened,
        edit,
        vec![RowAction::new(
            "Add finding",
            Callback::new(move |id: String| {
                opened.set(Some(id.clone()));
                editing.set(Some(Editing::Finding(id, None)));
            }),
        )],
        deleting,
    );
    let bulk = vec![
        BulkEdit {
            label: "Lead auditor",
            ..BulkEdit::owner(state, OwnedRegister::Audits, "audits")
        },
        bulk_choice(state, "Status", "audits", Workspace::set_status_of_audits),
    ];
    let detail = move || {
        let id = opened.get()?;
        let audit = read(state, |ws| {
            ws.audits.iter().find(|a| a.id.as_str() == id).cloned()
        })
        .flatten()?;
        Some(view! { <AuditCard audit=audit editing=editing opened=opened/> })
    };
    let done = Callback::new(move |()| editing.set(None));
    view! {
        <h1>"Internal audits"</h1>
        <p class="lead">
            "The audit programme: what each audit covers, when, who leads it, and what it found. Open an audit for its findings; a nonconformity found by an audit becomes a record with corrective action."
        </p>
        <div class="register-toolbar">
            <span class="muted" role="status" data-testid="audit-count">
                {move || match rows.with(Vec::len) {
                    1 => "1 audit".to_owned(),
                    n => format!("{n} audits"),
                }}
            </span>
            <button type="button" class="primary" data-testid="new-audit"
                on:click=move |_| editing.set(Some(Editing::Audit(None)))>"New audit"</button>
        </div>
        {move || match editing.get() {
            Some(Editing::Audit(target)) => view! {
                <AuditForm target=target on_done=done/>
            }.into_any(),
            Some(Editing::Finding(audit, target)) => view! {
                <FindingForm audit=audit target=target on_done=done/>
            }.into_any(),
            None => ().into_any(),
        }}
        <div id="record-open" tabindex="-1">{detail}</div>
        {move || rows.with(Vec::is_empty).then(|| view! {
            <div class="empty-state" data-testid="audits-empty">
                <p>"No audits yet."</p>
                <p class="muted">"Plan the internal audits of the year: clause 9.2 asks for a programme that covers the ISMS at planned intervals."</p>
            </div>
        })}
        <RegisterTable register="audits" caption="Internal audits of this workspace" columns=COLUMNS.to_vec()
            rows=rows testid="audit-table" row_testid="audit-row" on_open=open actions=actions bulk=bulk/>
        <DeleteChosen deleting=deleting record=|id| AuditId::try_new(id).ok().map(CycleRecord::Audit)/>
    }
}

#[component]
fn AuditCard(
    audit: Audit,
    editing: RwSignal<Option<Editing>>,
    opened: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = audit.id.to_string();
    let auditor = read_untracked(state, |ws| {
        ws.person_name(audit.auditor.as_ref())
            .unwrap_or("no auditor named")
            .to_owned()
    })
    .unwrap_or_default();
    let workspace_id = read_untracked(state, |ws| ws.id.as_str().to_owned()).unwrap_or_default();
    let dates = match dates_of(&audit) {
        text if text.is_empty() => "no dates yet".to_owned(),
        text => text,
    };
    let scope = match scope_of(&audit) {
        text if text.is_empty() => "scope not set".to_owned(),
        text => text,
    };
    let heading_id = format!("audit-{id}");
    let (edit_id, finding_audit) = (id.clone(), id.clone());
    view! {
        <section class="card" data-testid="audit-card" data-id=id.clone() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{format!("{} · {}", audit.id, audit.title)}</h2>
            <p>
                <span class="pill">{audit_status(audit.status)}</span>" "
                {dates}" · lead auditor: "{auditor}
            </p>
            <p class="small">"Scope: "{scope}</p>
            {(!audit.summary.is_empty()).then(|| view! { <p class="small muted">{audit.summary.clone()}</p> })}
            <div class="button-row">
                <button type="button" aria-label=format!("Edit audit {id}")
                    on:click=move |_| editing.set(Some(Editing::Audit(Some(edit_id.clone())))) >"Edit audit"</button>
                <button type="button" data-testid="add-finding" aria-label=format!("Add finding to {id}")
                    on:click=move |_| editing.set(Some(Editing::Finding(finding_audit.clone(), None)))>"Add finding"</button>
                <DeleteRecord record=CycleRecord::Audit(audit.id.clone()) text="Delete audit"/>
                <button type="button" on:click=move |_| opened.set(None)>"Close"</button>
            </div>
            {if audit.findings.is_empty() {
                view! { <p class="muted">"No findings recorded."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll"><table data-testid="finding-table">
                        <caption class="visually-hidden">{format!("Findings of {}", audit.id)}</caption>
                        <thead><tr>
                            <th scope="col">"Finding"</th><th scope="col">"Class"</th>
                            <th scope="col">"Clause or control"</th><th scope="col">"Description"</th>
                            <th scope="col">"Nonconformity"</th>
                        </tr></thead>
                        <tbody>
                            {audit.findings.iter().map(|f| view! {
                                <FindingRow finding=f.clone() audit=id.clone() workspace_id=workspace_id.clone() editing=editing/>
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn FindingRow(
    finding: AuditFinding,
    audit: String,
    workspace_id: String,
    editing: RwSignal<Option<Editing>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = finding.id.clone();
    let target = {
        let mut parts = Vec::new();
        if let Some(c) = &finding.clause {
            parts.push(format!("clause {c}"));
        }
        if let Some(c) = &finding.control {
            parts.push(c.to_string());
        }
        if parts.is_empty() {
            "—".to_owned()
        } else {
            parts.join(", ")
        }
    };
    let raise = {
        let id = id.clone();
        move |_| {
            let Some(day) = today() else { return };
            let finding = id.clone();
            run_command(
                state,
                move |ws| {
                    ws.raise_nonconformity_from_finding(&finding, day)
                        .map_err(|e| e.to_string())
                },
                |nc| {
                    format!("Nonconformity {nc} raised: add its root cause and corrective actions on the Nonconformities page.")
                },
            );
        }
    };
    // The nonconformity raised from this finding, followed live.
    let raised = {
        let id = id.clone();
        Memo::new(move |_| {
            read(state, |ws| {
                ws.nonconformities
                    .iter()
                    .find(|n| matches!(&n.source, NonconformitySource::AuditFinding { finding } if *finding == id))
                    .map(|n| n.id.to_string())
            })
            .flatten()
        })
    };
    let is_nonconformity = finding.class.is_nonconformity();
    let label = format!("Raise nonconformity from {id}");
    let nonconformity_cell = move || {
        match (raised.get(), is_nonconformity) {
        (Some(nc), _) => view! {
            <a href=Route::Nonconformities(workspace_id.clone()).href() data-testid="finding-nc">{nc}</a>
        }.into_any(),
        (None, true) => view! {
            <button type="button" class="primary" data-testid="raise-nc"
                aria-label=label.clone() on:click=raise.clone()>"Raise nonconformity"</button>
        }.into_any(),
        (None, false) => view! { <span class="muted">"not needed"</span> }.into_any(),
    }
    };
    let edit_id = id.to_string();
    view! {
        <tr data-testid="finding-row" data-id=id.to_string()>
            <th scope="row">
                {id.to_string()}" "
                <button type="button" class="link-button" aria-label=format!("Edit finding {id}")
                    on:click=move |_| editing.set(Some(Editing::Finding(audit.clone(), Some(edit_id.clone()))))>"Edit"</button>
                " "<DeleteRecord record=CycleRecord::Finding(id.clone())/>
            </th>
            <td data-testid="finding-class">{finding_class(finding.class)}</td>
            <td>{target}</td>
            <td>{finding.description.clone()}</td>
            <td>{nonconformity_cell}</td>
        </tr>
    }
}

/// Adds an audit (`target` None) or edits one; its findings are kept.
#[component]
fn AuditForm(target: Option<String>, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = target.as_ref().and_then(|id| {
        read_untracked(state, |ws| {
            ws.audits.iter().find(|a| a.id.as_str() == id).cloned()
        })
        .flatten()
    });
    let is_new = existing.is_none();
    let base = existing.clone().unwrap_or_else(|| {
        Audit::new(
            AuditId::try_new("AUD-NEW").expect("a valid placeholder id"),
            "",
        )
    });
    let title = RwSignal::new(base.title.clone());
    let status = RwSignal::new(base.status);
    let start = RwSignal::new(id_text(base.start.as_ref()));
    let end = RwSignal::new(id_text(base.end.as_ref()));
    let auditor = RwSignal::new(id_text(base.auditor.as_ref()));
    let clauses = RwSignal::new(id_texts(&base.clauses));
    let controls = RwSignal::new(id_texts(&base.controls));
    let summary = RwSignal::new(base.summary.clone());
    let errors = RwSignal::new(FieldErrors::default());
    let snapshot = move || {
        (
            title.get(),
            status.get(),
            start.get(),
            end.get(),
            auditor.get(),
            clauses.get(),
            controls.get(),
            summary.get(),
        )
    };
    let initial = snapshot();
    let dirty = Signal::derive(move || snapshot() != initial);
    let control_choices = read_untracked(state, control_options).unwrap_or_default();
    let heading = if is_new {
        "New audit".to_owned()
    } else {
        format!("Edit audit {}", base.id)
    };
    let submit = Callback::new(move |()| {
        let mut problems = FieldErrors::default();
        let name = title.get_untracked().trim().to_owned();
        if name.is_empty() {
            problems.add("title", "Name the audit.");
        }
        let start_date = optional_date(&start.get_untracked()).unwrap_or_else(|e| {
            problems.add("start", e);
            None
        });
        let end_date = optional_date(&end.get_untracked()).unwrap_or_else(|e| {
            problems.add("end", e);
            None
        });
        if let (Some(s), Some(e)) = (start_date, end_date) {
            if e < s {
                problems.add("end", "The last day comes before the first.");
            }
        }
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        let mut audit = base.clone();
        audit.title = name.clone();
        audit.status = status.get_untracked();
        audit.start = start_date;
        audit.end = end_date;
        audit.auditor = PersonId::try_new(auditor.get_untracked()).ok();
        audit.clauses = ids_from(clauses.get_untracked(), ClauseId::try_new);
        audit.controls = ids_from(controls.get_untracked(), ControlId::try_new);
        audit.summary = summary.get_untracked();
        save_record(
            state,
            "audit-form",
            CycleEntry::Audit(audit),
            is_new,
            on_done,
        );
    });
    view! {
        <EditorForm form="audit-form" heading=heading dirty=dirty save="Save audit" save_testid="save-audit"
            on_submit=submit on_done=on_done errors=errors>
                <TextField id="audit-title" label="Title" value=title autofocus=true testid="audit-title" wide=true
                    error=FieldErrors::of(errors, "title")/>
                <SelectField id="audit-status" label="Status" bind=choice(status) testid="audit-status"/>
                <OwnerField id="audit-auditor" label="Lead auditor" value=auditor none="Not named yet" testid="audit-auditor"/>
                <DateField id="audit-start" label="First day" value=start testid="audit-start" error=FieldErrors::of(errors, "start")/>
                <DateField id="audit-end" label="Last day" value=end testid="audit-end" error=FieldErrors::of(errors, "end")/>
                <MultiSelectField id="audit-clauses" label="Clauses in scope" options=clause_options() chosen=clauses wide=true/>
                <MultiSelectField id="audit-controls" label="Controls in scope" options=control_choices chosen=controls wide=true/>
                <TextAreaField id="audit-summary" label="Criteria, method and conclusion" value=summary testid="audit-summary" wide=true/>
        </EditorForm>
    }
}

/// Adds a finding to `audit` (`target` None) or edits one of its findings.
#[component]
fn FindingForm(audit: String, target: Option<String>, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Ok(audit_id) = AuditId::try_new(audit.clone()) else {
        on_done.run(());
        return ().into_any();
    };
    let existing = target.as_ref().and_then(|f| {
        read_untracked(state, |ws| {
            ws.audits
                .iter()
                .find(|a| a.id == audit_id)
                .and_then(|a| a.findings.iter().find(|x| x.id.as_str() == f).cloned())
        })
        .flatten()
    });
    let is_new = existing.is_none();
    let class = RwSignal::new(
        existing
            .as_ref()
            .map(|f| f.class)
            .unwrap_or(FindingClass::MinorNonconformity),
    );
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|f| f.description.clone())
            .unwrap_or_default(),
    );
    let clause = RwSignal::new(id_text(existing.as_ref().and_then(|f| f.clause.as_ref())));
    let control = RwSignal::new(id_text(existing.as_ref().and_then(|f| f.control.as_ref())));
    let errors = RwSignal::new(FieldErrors::default());
    let initial = (
        class.get_untracked(),
        description.get_untracked(),
        clause.get_untracked(),
        control.get_untracked(),
    );
    let dirty = Signal::derive(move || {
        (class.get(), description.get(), clause.get(), control.get()) != initial
    });
    let control_choices = read_untracked(state, control_options).unwrap_or_default();
    let existing_id = existing.as_ref().map(|f| f.id.clone());
    let submit = Callback::new(move |()| {
        let text = description.get_untracked().trim().to_owned();
        if text.is_empty() {
            errors.set(FieldErrors::one(
                "description",
                "Say what the auditor found, with the evidence.",
            ));
            return;
        }
        let finding = AuditFinding {
            id: existing_id
                .clone()
                .unwrap_or_else(|| FindingId::try_new("FND-NEW").expect("a valid placeholder id")),
            class: class.get_untracked(),
            description: text,
            clause: ClauseId::try_new(clause.get_untracked()).ok(),
            control: ControlId::try_new(control.get_untracked()).ok(),
        };
        let audit_id = audit_id.clone();
        run_command(
            state,
            move |ws| {
                let mut finding = finding;
                if is_new {
                    finding.id = ws.next_finding_id();
                }
                let id = finding.id.clone();
                ws.upsert_finding(&audit_id, finding)
                    .map(|_| id)
                    .map_err(|e| e.to_string())
            },
            |id| format!("Finding {id} saved."),
        );
        close_saved(state, "finding-form", on_done);
    });
    let heading = match &existing {
        Some(f) => format!("Edit finding {}", f.id),
        None => format!("New finding of {audit}"),
    };
    view! {
        <EditorForm form="finding-form" heading=heading dirty=dirty save="Save finding" save_testid="save-finding"
            on_submit=submit on_done=on_done errors=errors>
                <SelectField id="finding-class" label="Class" bind=choice(class) testid="finding-class-select"/>
                <SelectField id="finding-clause" label="Clause" testid="finding-clause"
                    bind=id_choice(clause, Some("No clause"), clause_options())/>
                <SelectField id="finding-control" label="Control" testid="finding-control"
                    bind=id_choice(control, Some("No control"), control_choices)/>
                <TextAreaField id="finding-description" label="What was found" value=description testid="finding-description" wide=true
                    error=FieldErrors::of(errors, "description")/>
        </EditorForm>
    }
    .into_any()
}
