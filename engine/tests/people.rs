//! The people register's commands: new people get fresh ids, names are
//! found once, and removing a person hands what they own to a successor or
//! to nobody, leaving a workspace the importer accepts.

use engine::{demo_organisation, export_json, import_json, Person, PersonId, Workspace};

fn assert_valid(workspace: &Workspace) {
    let back = import_json(&export_json(workspace)).expect("the workspace stays importable");
    assert_eq!(&back, workspace);
}

fn person(id: &str) -> PersonId {
    PersonId::try_new(id).unwrap()
}

#[test]
fn a_new_person_gets_the_next_number_and_is_stored_trimmed() {
    let mut ws = demo_organisation();
    assert_eq!(ws.next_person_id().as_str(), "P-0016");
    let id = ws.upsert_person(Person {
        id: ws.next_person_id(),
        name: "  Jane Smith ".into(),
        role: "Risk owner".into(),
        email: "jane@example.org".into(),
        department: " Finance ".into(),
    });
    let stored = ws.person(&id).expect("stored");
    assert_eq!(stored.name, "Jane Smith");
    assert_eq!(stored.department, "Finance");
    assert_eq!(ws.people.len(), 16);
    // Names by id: none for no id or an id that is not in the register.
    assert_eq!(ws.person_name(Some(&id)), Some("Jane Smith"));
    assert_eq!(ws.person_name(Some(&person("P-9999"))), None);
    assert_eq!(ws.person_name(None), None);
    assert_valid(&ws);
}

#[test]
fn upserting_an_existing_id_replaces_that_person() {
    let mut ws = demo_organisation();
    let mut amira = ws.person(&person("P-01")).unwrap().clone();
    amira.role = "Managing Director".into();
    assert_eq!(ws.upsert_person(amira).as_str(), "P-01");
    assert_eq!(
        ws.person(&person("P-01")).unwrap().role,
        "Managing Director"
    );
    assert_eq!(ws.people.len(), 15);
}

#[test]
fn adding_by_name_reuses_a_person_of_that_name() {
    let mut ws = Workspace::new(engine::WorkspaceId::try_new("w").unwrap(), "Empty");
    let jane = ws.add_person_named("Jane Smith");
    assert_eq!(ws.add_person_named(" jane smith "), jane);
    let joe = ws.add_person_named("Joe Bloggs");
    assert_ne!(joe, jane);
    assert_eq!(ws.people.len(), 2);
    assert_eq!(ws.person_named("JANE SMITH").map(|p| &p.id), Some(&jane));
    assert_valid(&ws);
}

#[test]
fn removing_a_person_hands_everything_to_the_successor() {
    let mut ws = demo_organisation();
    let tomasz = person("P-04");
    let before = ws.person_references(&tomasz);
    assert!(before.assets > 0 && before.actions > 0, "{before:?}");
    let successor = person("P-02");
    let successor_before = ws.person_references(&successor);
    let moved = ws
        .remove_person(&tomasz, Some(&successor))
        .expect("removed");
    assert_eq!(moved, before);
    assert!(ws.person(&tomasz).is_none());
    assert_eq!(ws.person_references(&tomasz).total(), 0);
    // Everything moves, except that attending a review both attended
    // counts once.
    let after = ws.person_references(&successor).total();
    let most = successor_before.total() + before.total();
    assert!(
        after <= most && after + before.cycle >= most,
        "{after} of {most}"
    );
    assert_valid(&ws);
}

#[test]
fn removing_a_person_without_successor_clears_owners_and_their_acceptances() {
    let mut ws = demo_organisation();
    // Find someone who accepted a risk in the demo.
    let accepter = ws
        .risks
        .iter()
        .find_map(|r| r.acceptance.as_ref().map(|a| a.accepted_by.clone()))
        .expect("the demo has an accepted risk");
    let references = ws.person_references(&accepter);
    assert!(references.acceptances > 0);
    let accepted_before = ws.risks.iter().filter(|r| r.acceptance.is_some()).count();
    ws.remove_person(&accepter, None).expect("removed");
    assert_eq!(ws.person_references(&accepter).total(), 0);
    assert_eq!(
        ws.risks.iter().filter(|r| r.acceptance.is_some()).count(),
        accepted_before - references.acceptances
    );
    assert_valid(&ws);
}

#[test]
fn removing_refuses_unknown_people_and_themselves_as_successor() {
    let mut ws = demo_organisation();
    assert_eq!(ws.remove_person(&person("P-99"), None), None);
    assert_eq!(
        ws.remove_person(&person("P-01"), Some(&person("P-01"))),
        None
    );
    assert_eq!(
        ws.remove_person(&person("P-01"), Some(&person("P-99"))),
        None
    );
    assert_eq!(ws.people.len(), 15);
}
