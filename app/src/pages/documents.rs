//! The document register (clause 7.5): policies, procedures, standards,
//! plans and records with owner, version, approval and review interval;
//! overdue reviews are marked, and "Approve" records a new approval.

use crate::components::{choice, FieldErrors, OwnerField, SelectField};
use crate::components::{save_record, EditorForm};
use crate::components::{BulkEdit, RegisterTable, RowAction, TableColumn, TableRow};
use crate::components::{DateField, DeleteRecordDialog, MultiSelectField, NumberField, TextField};
use crate::state::AppState;
use crate::ui::labels::{document_kind, document_status};
use crate::ui::workbench::{clause_options, control_options, read, read_untracked};
use crate::ui::{id_text, optional_date, run_command, today};
use engine::{ClauseId, ControlId, CycleEntry, CycleRecord, Document, DocumentId};
use engine::{OwnedRegister, PersonId};
use leptos::prelude::*;

const COLUMNS: [TableColumn; 9] = [
    TableColumn::text("id", "Id"),
    TableColumn::text("title", "Document"),
    TableColumn::text("kind", "Kind"),
    TableColumn::text("status", "Status"),
    TableColumn::text("version", "Version"),
    TableColumn::text("owner", "Owner"),
    TableColumn::text("approved", "Approved"),
    TableColumn::text("review", "Next review"),
    TableColumn::text("supports", "Supports"),
];

/// The register's rows; a review past due says so and flags the row.
fn rows_of(ws: &engine::Workspace) -> Vec<TableRow> {
    let day = today();
    ws.documents
        .iter()
        .map(|d| {
            let overdue = day.is_some_and(|t| d.review_overdue(t));
            let mut review = d.review_due().map(|r| r.to_string()).unwrap_or_default();
            if overdue {
                review.push_str(", overdue");
            }
            let supports: Vec<String> = d
                .clauses
                .iter()
                .map(|c| format!("clause {c}"))
                .chain(d.controls.iter().map(ToString::to_string))
                .collect();
            TableRow {
                id: d.id.to_string(),
                name: d.id.to_string(),
                cells: vec![
                    d.id.to_string(),
                    d.title.clone(),
                    document_kind(d.kind).to_owned(),
                    document_status(d.status).to_owned(),
                    d.version.clone(),
                    ws.person_name(d.owner.as_ref())
                        .unwrap_or_default()
                        .to_owned(),
                    d.approved_on.map(|a| a.to_string()).unwrap_or_default(),
                    review,
                    supports.join(", "),
                ],
                flag: overdue.then_some("overdue"),
            }
        })
        .collect()
}

/// The documents page (the app shows it once workspace `id` is open).
#[component]
pub fn DocumentsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| read(state, rows_of).unwrap_or_default());
    let editing = RwSignal::new(None::<Option<String>>);
    let deleting = RwSignal::new(None::<String>);
    let edit = Callback::new(move |id: String| editing.set(Some(Some(id))));
    let approve = Callback::new(move |id: String| {
        let (Some(day), Ok(doc)) = (today(), DocumentId::try_new(id)) else {
            return;
        };
        run_command(
            state,
            move |ws| {
                if ws.approve_document(&doc, day, None, None) {
                    Ok(doc)
                } else {
                    Err(format!(
                        "{doc} cannot be approved (a retired document is not)"
                    ))
                }
            },
            move |doc| format!("{doc} approved on {day}."),
        );
    });
    let actions = vec![
        RowAction::new("Edit", edit),
        RowAction::new("Approve today", approve),
        RowAction::danger(
            "Delete",
            Callback::new(move |id: String| deleting.set(Some(id))),
        ),
    ];
    let bulk = vec![BulkEdit::owner(
        state,
        OwnedRegister::Documents,
        "documents",
    )];
    view! {
        <h1>"Documents"</h1>
        <p class="lead">"The documented information of the ISMS: who owns each document, which version is approved, and when it is due for review."</p>
        <div class="register-toolbar">
            <span class="muted" role="status" data-testid="document-count">
                {move || {
                    let overdue = rows.with(|r| r.iter().filter(|d| d.flag.is_some()).count());
                    format!("{} documents, {overdue} overdue for review", rows.with(Vec::len))
                }}
            </span>
            <button type="button" class="primary" data-testid="new-document"
                on:click=move |_| editing.set(Some(None))>"New document"</button>
        </div>
        {move || editing.get().map(|target| view! { <DocumentForm target=target on_done=Callback::new(move |()| editing.set(None))/> })}
        {move || rows.with(Vec::is_empty).then(|| view! {
            <div class="empty-state" data-testid="documents-empty"><p>"No documents registered."</p></div>
        })}
        <RegisterTable register="documents" caption="Documents of this workspace" columns=COLUMNS.to_vec()
            rows=rows testid="document-table" row_testid="document-row" on_open=edit
            actions=actions bulk=bulk/>
        {move || deleting.get().and_then(|id| DocumentId::try_new(id).ok()).map(|id| view! {
            <DeleteRecordDialog record=CycleRecord::Document(id) on_close=Callback::new(move |()| deleting.set(None))/>
        })}
    }
}

/// A new document (`target` None) or an existing one.
#[component]
fn DocumentForm(target: Option<String>, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing = target.as_ref().and_then(|id| {
        read_untracked(state, |ws| {
            ws.documents.iter().find(|d| d.id.as_str() == id).cloned()
        })
        .flatten()
    });
    let is_new = existing.is_none();
    let base = existing.unwrap_or_else(|| {
        Document::new(
            DocumentId::try_new("DOC-NEW").expect("a valid placeholder id"),
            "",
        )
    });
    let title = RwSignal::new(base.title.clone());
    let kind = RwSignal::new(base.kind);
    let status = RwSignal::new(base.status);
    let owner = RwSignal::new(id_text(base.owner.as_ref()));
    let version = RwSignal::new(base.version.clone());
    let interval = RwSignal::new(id_text(base.review_interval_months.as_ref()));
    let location = RwSignal::new(base.location.clone());
    let approver = RwSignal::new(id_text(base.approved_by.as_ref()));
    let approved_on = RwSignal::new(id_text(base.approved_on.as_ref()));
    let next_review = RwSignal::new(id_text(base.next_review.as_ref()));
    let texts = |ids: Vec<String>| RwSignal::new(ids);
    let clauses = texts(base.clauses.iter().map(ToString::to_string).collect());
    let controls = texts(base.controls.iter().map(ToString::to_string).collect());
    let errors = RwSignal::new(FieldErrors::default());
    let snapshot = move || {
        (
            (title.get(), kind.get(), status.get(), owner.get()),
            (version.get(), interval.get(), location.get()),
            (approver.get(), approved_on.get(), next_review.get()),
            (clauses.get(), controls.get()),
        )
    };
    let control_choices = read_untracked(state, control_options).unwrap_or_default();
    let initial = snapshot();
    let dirty = Signal::derive(move || snapshot() != initial);
    let heading = if is_new {
        "New document".to_owned()
    } else {
        format!("Edit {}", base.id)
    };
    let submit = Callback::new(move |()| {
        let mut problems = FieldErrors::default();
        let name = title.get_untracked().trim().to_owned();
        if name.is_empty() {
            problems.add("title", "Give the document's title.");
        }
        let months = match interval.get_untracked().trim() {
            "" => None,
            text => {
                match text.parse::<u16>() {
                    Ok(m) if m > 0 => Some(m),
                    _ => {
                        problems.add("interval", "Give the review interval as a whole number of months, or leave it empty.");
                        None
                    }
                }
            }
        };
        let mut date = |field: &'static str, text: String| {
            optional_date(&text).unwrap_or_else(|e| {
                problems.add(field, e);
                None
            })
        };
        let approval = date("approved-on", approved_on.get_untracked());
        let review = date("next-review", next_review.get_untracked());
        if let (Some(a), Some(r)) = (approval, review) {
            if r < a {
                problems.add("next-review", "The next review comes before the approval.");
            }
        }
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        let mut document = base.clone();
        document.approved_by = PersonId::try_new(approver.get_untracked()).ok();
        document.approved_on = approval;
        document.next_review = review;
        document.clauses = clauses
            .get_untracked()
            .into_iter()
            .filter_map(|c| ClauseId::try_new(c).ok())
            .collect();
        document.controls = controls
            .get_untracked()
            .into_iter()
            .filter_map(|c| ControlId::try_new(c).ok())
            .collect();
        document.title = name;
        document.kind = kind.get_untracked();
        document.status = status.get_untracked();
        document.owner = PersonId::try_new(owner.get_untracked()).ok();
        document.version = version.get_untracked();
        document.review_interval_months = months;
        document.location = location.get_untracked();
        save_record(
            state,
            "document-form",
            CycleEntry::Document(document),
            is_new,
            on_done,
        );
    });
    view! {
        <EditorForm form="document-form" heading=heading dirty=dirty save="Save document" save_testid="save-document"
            on_submit=submit on_done=on_done errors=errors>
                <TextField id="document-title" label="Title" value=title autofocus=true testid="document-title" wide=true error=FieldErrors::of(errors, "title")/>
                <SelectField id="document-kind" label="Kind" bind=choice(kind) testid="document-kind"/>
                <SelectField id="document-status" label="Status" bind=choice(status) testid="document-status"/>
                <OwnerField id="document-owner" label="Owner" value=owner none="No owner yet" testid="document-owner"/>
                <TextField id="document-version" label="Version" value=version testid="document-version"/>
                <NumberField id="document-interval" label="Review every (months)" value=interval testid="document-interval" min="1" step="1"
                    error=FieldErrors::of(errors, "interval")/>
                <OwnerField id="document-approver" label="Approved by" value=approver none="Not approved yet" testid="document-approver"/>
                <DateField id="document-approved-on" label="Approved on" value=approved_on testid="document-approved-on"
                    error=FieldErrors::of(errors, "approved-on")/>
                <DateField id="document-next-review" label="Next review (empty: approval plus the interval)" value=next_review
                    testid="document-next-review" error=FieldErrors::of(errors, "next-review")/>
                <MultiSelectField id="document-clauses" label="Clauses it supports" options=clause_options() chosen=clauses wide=true/>
                <MultiSelectField id="document-controls" label="Controls it supports" options=control_choices chosen=controls wide=true/>
                <TextField id="document-location" label="Where it is kept" value=location testid="document-location" wide=true/>
        </EditorForm>
    }
}
