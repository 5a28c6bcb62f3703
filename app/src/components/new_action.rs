//! The small "new action" form shared by corrective actions of a
//! nonconformity and actions of a management review: what, who, by when.

use super::{DateField, FieldErrors, OwnerField, TextField, UnsavedMark};
use crate::state::AppState;
use crate::ui::optional_date;
use engine::{Date, PersonId};
use leptos::prelude::*;

/// A form for a new action. Ids are `{prefix}-title`, `{prefix}-owner` and
/// `{prefix}-due` (also their test ids), the save button `save-{prefix}`;
/// `form` is the form's test id and its unsaved-changes key. `save` gets
/// the checked fields and stores them.
#[component]
pub fn NewActionForm(
    prefix: &'static str,
    form: &'static str,
    #[prop(into)] heading: String,
    /// What an empty title is told.
    title_missing: &'static str,
    save: impl Fn(String, Option<PersonId>, Option<Date>) + 'static,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let title = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let dirty = Signal::derive(move || {
        !title.get().is_empty() || !owner.get().is_empty() || !due.get().is_empty()
    });
    state.track_unsaved(form, move || dirty.get());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut problems = FieldErrors::default();
        let text = title.get_untracked().trim().to_owned();
        if text.is_empty() {
            problems.add("title", title_missing);
        }
        let due_date = optional_date(&due.get_untracked()).unwrap_or_else(|e| {
            problems.add("due", e);
            None
        });
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        save(
            text,
            PersonId::try_new(owner.get_untracked()).ok(),
            due_date,
        );
        state.unsaved_forms.update(|forms| {
            forms.remove(form);
        });
        on_done();
    };
    let field = move |name: &str| format!("{prefix}-{name}");
    view! {
        <form class="card editor-form" data-testid=form novalidate on:submit=submit
            on:keydown=move |event| if event.key() == "Escape" { on_done() }>
            <h2>{heading}</h2>
            <UnsavedMark dirty=dirty/>
            <div class="form-grid">
                <TextField id=field("title") label="What will be done" value=title autofocus=true testid=field("title") wide=true
                    error=FieldErrors::of(errors, "title")/>
                <OwnerField id=field("owner") label="Owner" value=owner none="No owner yet" testid=field("owner")/>
                <DateField id=field("due") label="Due date" value=due testid=field("due") error=FieldErrors::of(errors, "due")/>
            </div>
            <div class="button-row">
                <button type="submit" class="primary" data-testid=format!("save-{prefix}")>"Add action"</button>
                <button type="button" on:click=move |_| on_done()>"Cancel"</button>
            </div>
        </form>
    }
}
