//! The consistency findings (PRODUCT.md 3.6) grouped by severity, each with a
//! link to the object it is about.

use crate::state::AppState;
use crate::ui::workbench::read_analysed;
use engine::{ObjectKind, Severity};
use leptos::prelude::*;

/// One finding as shown: its words and where it leads.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    code: &'static str,
    message: String,
    object: String,
    href: Option<String>,
}

fn severity_title(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "For information",
    }
}

fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn kind_name(kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Workspace => "workspace",
        ObjectKind::Methodology => "methodology",
        ObjectKind::Person => "person",
        ObjectKind::Asset => "asset",
        ObjectKind::Threat => "threat",
        ObjectKind::Vulnerability => "vulnerability",
        ObjectKind::Risk => "risk",
        ObjectKind::Control => "control",
        ObjectKind::SoaEntry => "SoA entry",
        ObjectKind::Action => "action",
        ObjectKind::Scenario => "scenario",
        ObjectKind::Clause => "clause",
        ObjectKind::Document => "document",
        ObjectKind::Objective => "objective",
        ObjectKind::Audit => "audit",
        ObjectKind::AuditFinding => "audit finding",
        ObjectKind::Nonconformity => "nonconformity",
        ObjectKind::Incident => "incident",
        ObjectKind::ManagementReview => "management review",
    }
}

/// The consistency checks of the open workspace (the app shows the page
/// once its workspace is open).
#[component]
pub fn FindingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let groups = Memo::new(move |_| {
        read_analysed(state, |ws, analysis| {
            let workspace = ws.id.as_str();
            [Severity::Error, Severity::Warning, Severity::Info]
                .into_iter()
                .map(|severity| {
                    let shown: Vec<Shown> = analysis
                        .findings
                        .iter()
                        .filter(|f| f.severity == severity)
                        .map(|f| Shown {
                            code: f.code,
                            message: f.message.clone(),
                            object: format!("{} {}", kind_name(f.object.kind), f.object.id),
                            href: crate::routes::object_href(
                                workspace,
                                f.object.kind,
                                &f.object.id,
                            ),
                        })
                        .collect();
                    (severity, shown)
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let total = move || groups.with(|g| g.iter().map(|(_, list)| list.len()).sum::<usize>());
    view! {
        <h1>"Consistency checks"</h1>
        <p class="lead">"What a lead auditor would flag, worked out from the registers: gaps and contradictions, not audit findings. Fix the object a problem links to and it disappears."</p>
        <p role="status" data-testid="findings-total">
            {move || match total() {
                0 => "No problems: the registers are consistent.".to_owned(),
                1 => "1 problem found.".to_owned(),
                n => format!("{n} problems found."),
            }}
        </p>
        <nav class="findings-jump" aria-label="Severities">
            {move || groups.get().into_iter().map(|(severity, list)| view! {
                <a href=format!("#findings-{}", severity_key(severity)) on:click=move |event| {
                    // The hash is the route; scroll by hand instead of changing it.
                    event.prevent_default();
                    if let Some(section) = document().get_element_by_id(&format!("findings-{}", severity_key(severity))) {
                        section.scroll_into_view();
                    }
                }>
                    {format!("{} ({})", severity_title(severity), list.len())}
                </a>
            }).collect_view()}
        </nav>
        {move || groups.get().into_iter().map(|(severity, list)| {
            let key = severity_key(severity);
            view! {
                <section class=format!("card findings findings-{key}") id=format!("findings-{key}")
                    aria-labelledby=format!("findings-{key}-heading") data-testid=format!("findings-{key}")>
                    <h2 id=format!("findings-{key}-heading")>
                        <span class=format!("severity-mark severity-{key}") aria-hidden="true"></span>
                        {severity_title(severity)}
                        <span class="muted">{format!(" ({})", list.len())}</span>
                    </h2>
                    {if list.is_empty() {
                        view! { <p class="empty-state">"None."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="finding-list">
                                {list.into_iter().map(|f| view! {
                                    <li class="finding" data-testid="finding" data-code=f.code>
                                        <span class="finding-message">{f.message}</span>
                                        {match f.href {
                                            Some(href) => view! { <a class="finding-link" href=href>{format!("Open {}", f.object)}</a> }.into_any(),
                                            None => view! { <span class="muted">{f.object}</span> }.into_any(),
                                        }}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
            }
        }).collect_view()}
    }
}
