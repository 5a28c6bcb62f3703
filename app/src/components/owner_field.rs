//! The owner select every form shares: the workspace's people, a "none"
//! option, and "+ New person" to add someone without leaving the form.

use super::{id_choice, FieldErrors, SelectField, TextField};
use crate::state::AppState;
use leptos::prelude::*;

/// The people of the open workspace as select options: "Name (role)".
pub fn people_options(state: AppState) -> Memo<Vec<(String, String)>> {
    Memo::new(move |_| {
        state.open.with(|o| {
            o.as_ref()
                .map(|o| crate::ui::workbench::people_options(&o.workspace))
                .unwrap_or_default()
        })
    })
}

/// A select of a person by id (`value`, empty for none), with a button
/// that adds a new person by name to the register and chooses them.
#[component]
pub fn OwnerField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    /// The text of the "nobody" option, such as "No owner yet".
    none: &'static str,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = people_options(state);
    let adding = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let problems = RwSignal::new(FieldErrors::default());
    let new_id = format!("{id}-new-person");
    let add = move || {
        let typed = name.get_untracked().trim().to_owned();
        if typed.is_empty() {
            let mut found = FieldErrors::default();
            found.add("name", "Type the person's name.");
            problems.set(found);
            return;
        }
        let mut created = None;
        state.edit(|ws| created = Some(ws.add_person_named(&typed)));
        if let Some(created) = created {
            value.set(created.to_string());
            state.notice.set(Some(format!(
                "{typed} added to the people register; add a role and e-mail there."
            )));
        }
        name.set(String::new());
        problems.set(FieldErrors::default());
        adding.set(false);
    };
    view! {
        <div class="owner-field">
            {move || {
                let bind = id_choice(value, Some(none), options.get());
                match testid.clone() {
                    Some(testid) => view! {
                        <SelectField id=id.clone() label=label.clone() testid=testid bind=bind error=error/>
                    }.into_any(),
                    None => view! {
                        <SelectField id=id.clone() label=label.clone() bind=bind error=error/>
                    }.into_any(),
                }
            }}
            {move || if adding.get() {
                let new_id = new_id.clone();
                view! {
                    <div class="new-person" on:keydown=move |event| {
                        // Enter adds here instead of submitting the whole form.
                        if event.key() == "Enter" {
                            event.prevent_default();
                            add();
                        } else if event.key() == "Escape" {
                            event.stop_propagation();
                            adding.set(false);
                        }
                    }>
                        <TextField id=new_id.clone() label="New person's name" value=name autofocus=true
                            testid=new_id error=FieldErrors::of(problems, "name")/>
                        <div class="button-row">
                            <button type="button" class="primary" on:click=move |_| add()>"Add person"</button>
                            <button type="button" on:click=move |_| adding.set(false)>"Cancel"</button>
                        </div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="link-button" data-testid="add-person"
                        on:click=move |_| adding.set(true)>"+ New person"</button>
                }.into_any()
            }}
        </div>
    }
}
