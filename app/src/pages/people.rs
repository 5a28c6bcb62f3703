//! The people register: who owns assets, risks, controls and actions, and
//! who accepts risks (ISO/IEC 27001 6.1.2 wants named risk owners). Add,
//! edit and remove people; removing hands what they own to someone else.

use crate::components::{id_choice, people_options, ConfirmDialog, FieldErrors};
use crate::components::{BulkEdit, BulkInput, RegisterTable, RowAction, TableColumn, TableRow};
use crate::components::{SelectField, TextField, UnsavedMark};
use crate::state::AppState;
use crate::ui::run_command;
use engine::{Person, PersonId, PersonReferences, Workspace};
use leptos::prelude::*;

const COLUMNS: [TableColumn; 5] = [
    TableColumn::text("name", "Name"),
    TableColumn::text("role", "Role"),
    TableColumn::text("department", "Department"),
    TableColumn::text("email", "E-mail"),
    TableColumn::number("owns", "Owns"),
];

/// The register's rows, by name, with a lower-case haystack for the search.
fn rows_of(workspace: &Workspace) -> Vec<(TableRow, String)> {
    let mut rows: Vec<(TableRow, String)> = workspace
        .people
        .iter()
        .map(|p| {
            let haystack = format!(
                "{} {} {} {} {}",
                p.id, p.name, p.role, p.department, p.email
            )
            .to_lowercase();
            let cells = vec![
                p.name.clone(),
                p.role.clone(),
                p.department.clone(),
                p.email.clone(),
                workspace.person_references(&p.id).total().to_string(),
            ];
            let row = TableRow {
                id: p.id.to_string(),
                name: p.name.clone(),
                cells,
                flag: None,
            };
            (row, haystack)
        })
        .collect();
    engine::order::sort_by_key(&mut rows, |(row, _)| row.name.to_lowercase());
    rows
}

/// What a person is named in, in words ("3 assets, 1 risk acceptance").
fn references_text(references: &PersonReferences) -> String {
    let parts: Vec<String> = [
        (references.assets, "asset", "assets"),
        (references.risks, "risk", "risks"),
        (
            references.acceptances,
            "risk acceptance",
            "risk acceptances",
        ),
        (references.controls, "control", "controls"),
        (references.soa, "SoA entry", "SoA entries"),
        (references.actions, "treatment action", "treatment actions"),
        (
            references.cycle,
            "place in the audit, document, objective, incident or review registers",
            "places in the audit, document, objective, incident or review registers",
        ),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| format!("{count} {}", if count == 1 { one } else { many }))
    .collect();
    parts.join(", ")
}

/// The people register (shown once workspace `id` is open).
#[component]
pub fn PeoplePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| {
        state.open.with(|o| {
            o.as_ref()
                .map(|o| rows_of(&o.workspace))
                .unwrap_or_default()
        })
    });
    let search = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<Option<String>>);
    let deleting = RwSignal::new(None::<String>);
    let shown = Memo::new(move |_| {
        let needle = search.get().trim().to_lowercase();
        rows.with(|rows| {
            rows.iter()
                .filter(|(_, haystack)| needle.is_empty() || haystack.contains(&needle))
                .map(|(row, _)| row.clone())
                .collect::<Vec<_>>()
        })
    });
    // Only emptiness rebuilds the table, so its sort, selection and focus
    // survive edits and searches.
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));
    let edit = Callback::new(move |id: String| editing.set(Some(Some(id))));
    let actions = vec![
        RowAction::new("Edit", edit),
        RowAction::danger(
            "Delete",
            Callback::new(move |id: String| deleting.set(Some(id))),
        ),
    ];
    let bulk = vec![BulkEdit {
        label: "Department",
        input: BulkInput::Text,
        apply: Callback::new(move |(ids, department): (Vec<String>, String)| {
            run_command(
                state,
                move |ws| Ok(ws.set_department_of(&ids, &department)),
                |n| format!("Department set for {n} people."),
            );
        }),
    }];
    view! {
        <h1>"People"</h1>
        <p class="lead">
            "Everyone who owns an asset, a risk, a control or an action, or accepts a risk. ISO/IEC 27001 asks for a named owner of every risk."
        </p>
        <div class="register-toolbar">
            <label>
                "Search "
                <input
                    type="search"
                    data-testid="people-search"
                    placeholder="Name, role, department…"
                    prop:value=move || search.get()
                    on:input=move |event| search.set(event_target_value(&event))
                />
            </label>
            <span class="muted" role="status" data-testid="people-count">
                {move || format!("{} of {} people", shown.with(Vec::len), rows.with(Vec::len))}
            </span>
            <button type="button" class="primary" data-testid="new-person"
                on:click=move |_| editing.set(Some(None))>"New person"</button>
        </div>
        {move || editing.get().map(|target| view! {
            <PersonForm target=target on_done=move || editing.set(None)/>
        })}
        {move || {
            if empty.get() {
                return view! {
                    <div class="empty-state" data-testid="people-empty">
                        <p>"No people yet."</p>
                        <p class="muted">"Add the people who own assets and risks first: every owner field offers them, and has \"+ New person\" too."</p>
                    </div>
                }.into_any();
            }
            view! {
                <RegisterTable register="people" caption="People of this workspace" columns=COLUMNS.to_vec()
                    rows=shown testid="people-table" row_testid="person-row" on_open=edit
                    actions=actions.clone() bulk=bulk.clone()/>
            }.into_any()
        }}
        {move || deleting.get().map(|person_id| view! {
            <DeletePerson person_id=person_id on_done=move || deleting.set(None)/>
        })}
    }
}

/// Asks before removing a person, and who takes over what they own.
#[component]
fn DeletePerson(
    person_id: String,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Ok(id) = PersonId::try_new(person_id.clone()) else {
        on_done();
        return ().into_any();
    };
    let (name, references) = state
        .open
        .with_untracked(|o| {
            o.as_ref().map(|o| {
                let ws = &o.workspace;
                (
                    ws.person(&id).map(|p| p.name.clone()).unwrap_or_default(),
                    ws.person_references(&id),
                )
            })
        })
        .unwrap_or_default();
    let successor = RwSignal::new(String::new());
    let others = Memo::new(move |_| {
        people_options(state)
            .get()
            .into_iter()
            .filter(|(key, _)| *key != person_id)
            .collect::<Vec<_>>()
    });
    let message = if references.total() == 0 {
        format!("{name} owns nothing in this workspace. Removing cannot be undone (except from a snapshot).")
    } else {
        format!(
            "{name} is named in {}. Choose who takes over; with nobody, the owner fields become empty and {name}'s risk acceptances are withdrawn.",
            references_text(&references)
        )
    };
    let title = format!("Remove {name}?");
    let confirm = move || {
        let next = PersonId::try_new(successor.get_untracked()).ok();
        let label = name.clone();
        let id = id.clone();
        state.edit_then(
            move |ws| {
                ws.remove_person(&id, next.as_ref());
            },
            move |stored| {
                if stored {
                    state
                        .notice
                        .set(Some(format!("{label} removed from the people register.")));
                }
            },
        );
        on_done();
    };
    view! {
        <ConfirmDialog
            title=title
            message=message.clone()
            confirm_label="Remove person"
            on_confirm=confirm
            on_cancel=move || on_done()
        >
            {(references.total() > 0).then(|| view! {
                <SelectField id="person-successor" label="Hand over to" testid="person-successor"
                    bind=id_choice(successor, Some("Nobody"), others.get_untracked())/>
            })}
        </ConfirmDialog>
    }
    .into_any()
}

/// Adds a person (`target` None) or edits one.
#[component]
fn PersonForm(
    target: Option<String>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing: Option<Person> = target.as_ref().and_then(|id| {
        state.open.with_untracked(|o| {
            o.as_ref().and_then(|o| {
                o.workspace
                    .people
                    .iter()
                    .find(|p| p.id.as_str() == id)
                    .cloned()
            })
        })
    });
    let field = |get: fn(&Person) -> &String| {
        RwSignal::new(
            existing
                .as_ref()
                .map(|p| get(p).clone())
                .unwrap_or_default(),
        )
    };
    let name = field(|p| &p.name);
    let role = field(|p| &p.role);
    let department = field(|p| &p.department);
    let email = field(|p| &p.email);
    let errors = RwSignal::new(FieldErrors::default());
    let initial = (
        name.get_untracked(),
        role.get_untracked(),
        department.get_untracked(),
        email.get_untracked(),
    );
    let dirty =
        Signal::derive(move || (name.get(), role.get(), department.get(), email.get()) != initial);
    state.track_unsaved("person-form", move || dirty.get());
    let existing_id = existing.as_ref().map(|p| p.id.clone());
    let heading = match &existing {
        Some(p) => format!("Edit {}", p.name),
        None => "New person".to_owned(),
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = name.get_untracked().trim().to_owned();
        let mut problems = FieldErrors::default();
        let duplicate = state.open.with_untracked(|o| {
            o.as_ref().is_some_and(|o| {
                o.workspace.people.iter().any(|p| {
                    p.name.trim().eq_ignore_ascii_case(&typed)
                        && Some(&p.id) != existing_id.as_ref()
                })
            })
        });
        if typed.is_empty() {
            problems.add("name", "Give the person's name.");
        } else if duplicate {
            problems.add("name", "Someone in the register already has this name.");
        }
        let mail = email.get_untracked().trim().to_owned();
        if !mail.is_empty() && !plausible_email(&mail) {
            problems.add(
                "email",
                "This does not look like an e-mail address (name@example.org).",
            );
        }
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        errors.set(FieldErrors::default());
        let person = Person {
            id: existing_id
                .clone()
                .unwrap_or_else(|| PersonId::try_new("P-NEW").expect("a valid placeholder id")),
            name: typed.clone(),
            role: role.get_untracked(),
            email: mail,
            department: department.get_untracked(),
        };
        let is_new = existing_id.is_none();
        state.edit_then(
            move |ws| {
                let mut person = person;
                if is_new {
                    person.id = ws.next_person_id();
                }
                ws.upsert_person(person);
            },
            move |stored| {
                if stored {
                    state.notice.set(Some(format!("{typed} saved.")));
                }
            },
        );
        state.unsaved_forms.update(|forms| {
            forms.remove("person-form");
        });
        on_done();
    };
    view! {
        <form class="card editor-form" data-testid="person-form" novalidate on:submit=submit
            on:keydown=move |event| if event.key() == "Escape" { on_done() }>
            <h2>{heading}</h2>
            <UnsavedMark dirty=dirty/>
            <div class="form-grid">
                <TextField id="person-name" label="Name" value=name autofocus=true testid="person-name"
                    error=FieldErrors::of(errors, "name")/>
                <TextField id="person-role" label="Role" value=role testid="person-role"
                    placeholder="Risk owner, CISO, IT operations lead…"/>
                <TextField id="person-department" label="Department" value=department testid="person-department"/>
                <TextField id="person-email" label="E-mail" kind="email" value=email testid="person-email"
                    error=FieldErrors::of(errors, "email")/>
            </div>
            <div class="button-row">
                <button type="submit" class="primary" data-testid="save-person">"Save person"</button>
                <button type="button" on:click=move |_| on_done()>"Cancel"</button>
            </div>
        </form>
    }
}

/// One "@" with something on both sides and a dot in the domain.
fn plausible_email(mail: &str) -> bool {
    match mail.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !mail.contains(char::is_whitespace)
        }
        None => false,
    }
}
