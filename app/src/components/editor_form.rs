//! The frame every record form of the registers shares: a card with its
//! heading, the unsaved-changes mark (and the page's "leave anyway?" guard),
//! Escape to close, a line that says when a field needs attention, and the
//! Save and Cancel buttons. The page puts only its fields inside.
//!
//! `save_record` is the other half: the save every ISMS-cycle form makes
//! (the engine gives a new record its register's next id, then upserts it).

use super::{FieldErrors, UnsavedMark};
use crate::state::AppState;
use leptos::prelude::*;

/// A record form. `form` is its test id and its name among the unsaved
/// forms; `on_submit` checks the fields and saves; `on_done` closes it.
#[component]
pub fn EditorForm(
    form: &'static str,
    #[prop(into)] heading: String,
    #[prop(into)] dirty: Signal<bool>,
    /// The Save button's words and test id.
    save: &'static str,
    save_testid: &'static str,
    on_submit: Callback<()>,
    on_done: Callback<()>,
    /// The fields' problems: while there are any, a line says so.
    #[prop(optional)]
    errors: Option<RwSignal<FieldErrors>>,
    children: Children,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    state.track_unsaved(form, move || dirty.get());
    let problems = move || {
        errors
            .is_some_and(|e| e.with(|e| !e.is_empty()))
            .then_some("Some fields need attention; see the messages beside them.")
    };
    view! {
        <form class="card editor-form" data-testid=form novalidate
            on:submit=move |event| { event.prevent_default(); on_submit.run(()); }
            on:keydown=move |event| if event.key() == "Escape" { on_done.run(()) }>
            <h2>{heading}</h2>
            <UnsavedMark dirty=dirty/>
            <div class="form-grid">{children()}</div>
            <p class="field-error" role="status">{problems}</p>
            <div class="button-row">
                <button type="submit" class="primary" data-testid=save_testid>{save}</button>
                <button type="button" on:click=move |_| on_done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}

/// Forgets form `form`'s unsaved mark (it was saved) and closes it.
pub fn close_saved(state: AppState, form: &'static str, on_done: Callback<()>) {
    state.unsaved_forms.update(|forms| {
        forms.remove(form);
    });
    on_done.run(());
}

/// Saves the record a cycle-register form made (`new`: under the next id
/// of its register), says so, and closes the form.
pub fn save_record(
    state: AppState,
    form: &'static str,
    entry: engine::CycleEntry,
    new: bool,
    on_done: Callback<()>,
) {
    let noun = entry.noun();
    crate::ui::run_command(
        state,
        move |ws| ws.save_cycle_entry(entry, new).map_err(|e| e.to_string()),
        move |id| format!("{noun} {id} saved."),
    );
    close_saved(state, form, on_done);
}

/// A bulk edit choosing one value of an enumeration (a status, a grade)
/// for the selected rows through engine command `set`; `plural` names the
/// rows in the notice.
pub fn bulk_choice<T: super::Choice>(
    state: AppState,
    label: &'static str,
    plural: &'static str,
    set: fn(&mut engine::Workspace, &[String], T) -> usize,
) -> super::BulkEdit {
    super::BulkEdit {
        label,
        input: super::BulkInput::Choice(
            T::all()
                .into_iter()
                .map(|v| (v.key().to_owned(), v.label().to_owned()))
                .collect(),
        ),
        apply: Callback::new(move |(ids, key): (Vec<String>, String)| {
            let Some(value) = T::from_key(&key) else {
                return;
            };
            crate::ui::run_command(
                state,
                move |ws| Ok(set(ws, &ids, value)),
                move |n| format!("{label} set for {n} {plural}."),
            );
        }),
    }
}

/// Opening a record of a cycle register: its id goes to `opened`, and the
/// focus to the card shown in the page's `record-open` box (so a keyboard
/// user, and a phone's screen, land on it).
pub fn open_record(opened: RwSignal<Option<String>>) -> Callback<String> {
    Callback::new(move |id| {
        opened.set(Some(id));
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            if let Some(open) = document()
                .get_element_by_id("record-open")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = open.focus();
            }
        });
    })
}

/// The row menu of an ISMS-cycle register: Open (the record's card, in
/// `opened`), Edit, the register's `extra` entries, and Delete (the record
/// goes to `deleting`, which [`DeleteChosen`] confirms).
pub fn record_actions(
    opened: RwSignal<Option<String>>,
    edit: Callback<String>,
    extra: Vec<super::RowAction>,
    deleting: RwSignal<Option<String>>,
) -> Vec<super::RowAction> {
    use super::RowAction;
    let mut actions = vec![
        RowAction::new("Open", open_record(opened)),
        RowAction::new("Edit", edit),
    ];
    actions.extend(extra);
    actions.push(RowAction::danger(
        "Delete",
        Callback::new(move |id| deleting.set(Some(id))),
    ));
    actions
}

/// The confirmation of the deletion chosen in a row menu: `record` names
/// the record of an id (and says what goes with it).
#[component]
pub fn DeleteChosen(
    deleting: RwSignal<Option<String>>,
    record: fn(String) -> Option<engine::CycleRecord>,
) -> impl IntoView {
    move || {
        deleting.get().and_then(record).map(|record| {
            view! {
                <super::DeleteRecordDialog record=record on_close=Callback::new(move |()| deleting.set(None))/>
            }
        })
    }
}
