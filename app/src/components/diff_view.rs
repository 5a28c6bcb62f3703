use engine::WorkspaceDiff;
use leptos::prelude::*;

/// The difference between two versions of a workspace: per register, what
/// was added, removed, and changed field by field.
#[component]
pub fn DiffView(heading: String, difference: WorkspaceDiff) -> impl IntoView {
    let empty = difference.is_empty();
    view! {
        <div class="diff" data-testid="diff">
            <h3>{heading}</h3>
            {empty.then(|| view! { <p data-testid="diff-empty">"No differences."</p> })}
            {difference.groups.into_iter().map(|group| {
                let title = format!(
                    "{}: {} added, {} removed, {} changed",
                    group.collection, group.added.len(), group.removed.len(), group.changed.len()
                );
                view! {
                    <details open=true class="diff-group">
                        <summary>{title}</summary>
                        <ul>
                            {group.added.into_iter().map(|o| view! { <li class="added">"Added " <code>{o.id}</code>" "{o.label}</li> }).collect_view()}
                            {group.removed.into_iter().map(|o| view! { <li class="removed">"Removed " <code>{o.id}</code>" "{o.label}</li> }).collect_view()}
                            {group.changed.into_iter().map(|o| view! {
                                <li class="changed">
                                    "Changed " <code>{o.id}</code>" "{o.label}
                                    <table>
                                        <thead><tr><th scope="col">"Field"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr></thead>
                                        <tbody>
                                            {o.fields.into_iter().map(|f| view! {
                                                <tr><td><code>{f.path}</code></td><td>{f.old}</td><td>{f.new}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </li>
                            }).collect_view()}
                        </ul>
                    </details>
                }
            }).collect_view()}
        </div>
    }
}
