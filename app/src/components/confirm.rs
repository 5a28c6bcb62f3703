use leptos::prelude::*;

/// A modal question with a cancel and a confirm button. Escape cancels;
/// focus starts on "Cancel" so Enter never destroys anything by accident.
#[component]
pub fn ConfirmDialog(
    /// Heading of the dialog.
    #[prop(into)]
    title: String,
    /// What will happen, in plain words.
    #[prop(into)]
    message: String,
    /// Label of the confirm button, such as "Delete".
    #[prop(into)]
    confirm_label: String,
    on_confirm: impl Fn() + 'static,
    on_cancel: impl Fn() + Clone + 'static,
    /// A choice that goes with the decision (such as who takes over).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let cancel_button: NodeRef<leptos::html::Button> = NodeRef::new();
    Effect::new(move |_| {
        if let Some(button) = cancel_button.get() {
            let _ = button.focus();
        }
    });
    let cancel_on_escape = on_cancel.clone();
    let cancel_on_click = on_cancel.clone();
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="confirm-title"
                aria-describedby="confirm-message"
                on:keydown=move |event| {
                    if event.key() == "Escape" {
                        cancel_on_escape();
                    }
                }
            >
                <h2 id="confirm-title">{title}</h2>
                <p id="confirm-message">{message}</p>
                {children.map(|children| children())}
                <div class="dialog-actions">
                    <button type="button" node_ref=cancel_button on:click=move |_| cancel_on_click()>
                        "Cancel"
                    </button>
                    <button type="button" class="danger" data-testid="confirm" on:click=move |_| on_confirm()>
                        {confirm_label}
                    </button>
                </div>
            </div>
        </div>
    }
}
