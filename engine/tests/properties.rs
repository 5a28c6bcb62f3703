//! Property tests of the engine's invariants.

use engine::*;
use proptest::prelude::*;

fn control(n: usize, types: u8, effectiveness: u8, status: usize) -> Control {
    let mut set = ControlTypeSet::EMPTY;
    for (bit, t) in ControlType::ALL.iter().enumerate() {
        if types & (1 << bit) != 0 {
            set.insert(*t);
        }
    }
    Control {
        id: ControlId::try_new(format!("C-{n}")).unwrap(),
        title: format!("Control {n}"),
        source: ControlSource::Custom,
        theme: Theme::Custom,
        description: String::new(),
        types: set,
        properties: PropertySet::of(Property::ALL),
        concepts: ConceptSet::of(&[Concept::Protect]),
        effectiveness: Percent::checked_new(effectiveness).unwrap(),
        status: ImplementationStatus::ALL[status],
        owner: None,
    }
}

prop_compose! {
    /// A one-risk workspace with up to four linked controls, one of them
    /// possibly planned by an open action.
    fn one_risk()(
        preset in 0usize..2,
        likelihood in 1u8..=5,
        impact in 1u8..=5,
        controls in prop::collection::vec((0u8..8, 0u8..=100, 0usize..4), 0..4),
        decision in 0usize..5,
        share in 0u8..=100,
        action_on in prop::option::of(0usize..4),
    ) -> Workspace {
        let mut ws = Workspace::new(WorkspaceId::try_new("p").unwrap(), "p");
        ws.methodology = [Preset::Iso27005FiveByFive, Preset::ProductFiveByFive][preset].methodology();
        ws.controls = controls.iter().enumerate().map(|(n, (t, e, s))| control(n, *t, *e, *s)).collect();
        ws.soa.clear();
        let decision = [
            TreatmentDecision::Undecided,
            TreatmentDecision::Mitigate,
            TreatmentDecision::Accept,
            TreatmentDecision::Avoid,
            TreatmentDecision::Transfer,
        ][decision];
        ws.risks = vec![Risk {
            id: RiskId::try_new("R-1").unwrap(),
            title: "r".into(),
            description: String::new(),
            assets: vec![],
            threat: None,
            vulnerability: None,
            owner: None,
            properties: PropertySet::of(Property::ALL),
            likelihood: Likelihood::checked_new(likelihood).unwrap(),
            impact: Impact::checked_new(impact),
            treatment: Treatment { decision, rationale: String::new(), transferred_share: Percent::checked_new(share).unwrap() },
            controls: ws.controls.iter().map(|c| c.id.clone()).collect(),
            residual_override: None,
            acceptance: None,
            review_date: None,
            status: RiskStatus::Open,
            quantitative: None,
        }];
        if let Some(index) = action_on.filter(|i| *i < ws.controls.len()) {
            ws.actions = vec![Action {
                id: ActionId::try_new("ACT-1").unwrap(),
                title: "a".into(),
                description: String::new(),
                risks: vec![],
                controls: vec![ws.controls[index].id.clone()],
                owner: None,
                due: None,
                cost: Cost::default(),
                status: ActionStatus::Planned,
            }];
        }
        ws
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn residual_never_above_inherent(ws in one_risk()) {
        let analysis = analyze(&ws);
        let a = &analysis.risks[0];
        for residual in [&a.current, &a.planned] {
            prop_assert!(residual.rating.likelihood <= a.inherent.likelihood);
            prop_assert!(residual.rating.impact <= a.inherent.impact);
            prop_assert!(residual.rating.level <= a.inherent.level);
            prop_assert!((0.0..=1.0).contains(&residual.likelihood_reduction));
            prop_assert!((0.0..=1.0).contains(&residual.impact_reduction));
        }
        // Planning only adds implementation.
        if a.decision != TreatmentDecision::Avoid {
            prop_assert!(a.planned.rating.level <= a.current.rating.level);
        }
    }

    #[test]
    fn improving_a_control_never_raises_any_risk(
        seed in 0u64..1000,
        control in 0usize..93,
        status in 0usize..4,
        extra in 0u8..=100,
    ) {
        let ws = synthetic::workspace(150, 30, seed);
        let c = &ws.controls[control];
        let better_status = ImplementationStatus::ALL[status].max(c.status);
        let better_effectiveness = Percent::checked_new(c.effectiveness.get().max(extra)).unwrap();
        let base = analyze(&ws);
        let improved = evaluate_changes(&ws, &[
            Change::ControlStatus { control: c.id.clone(), status: better_status },
            Change::ControlEffectiveness { control: c.id.clone(), effectiveness: better_effectiveness },
        ], &AnalysisOptions::default());
        for (before, after) in base.risks.iter().zip(&improved.risks) {
            prop_assert!(after.current.rating.level <= before.current.rating.level, "{}", before.risk);
            prop_assert!(after.planned.rating.level <= before.planned.rating.level, "{}", before.risk);
            prop_assert!(after.current.rating.likelihood <= before.current.rating.likelihood);
            prop_assert!(after.current.rating.impact <= before.current.rating.impact);
        }
    }

    #[test]
    fn every_matrix_cell_maps_to_a_level(
        rows in 3usize..=10,
        columns in 3usize..=10,
        level_count in 1usize..=6,
        product in any::<bool>(),
        gaps in prop::collection::vec(1u32..10, 6),
        cells in prop::collection::vec(0u8..6, 100),
        use_table in any::<bool>(),
    ) {
        let mut fields = Methodology::default().fields().clone();
        let scale = |n: usize| Scale::try_new((1..=n).map(|i| ScaleLevel { label: format!("L{i}"), description: String::new() }).collect()).unwrap();
        fields.likelihood_scale = scale(rows);
        fields.impact_scale = scale(columns);
        fields.levels = (0..level_count).map(|i| LevelDefinition { name: format!("level {i}"), colour: "#123456".into() }).collect();
        fields.appetite = Methodology::default().appetite().min(Preset::ThreeByThree.methodology().appetite());
        let highest = if product { (rows * columns) as u32 } else { (rows + columns) as u32 };
        fields.matrix = if use_table {
            Matrix::Table { cells: (0..rows).map(|l| (0..columns).map(|i| cells[l * 10 + i] % level_count as u8).collect()).collect() }
        } else {
            let mut bounds: Vec<u32> = gaps.iter().take(level_count).scan(0, |sum, g| { *sum += g; Some(*sum) }).collect();
            let last = bounds.len() - 1;
            bounds[last] = bounds[last].max(highest);
            Matrix::Formula { combine: if product { Combine::Product } else { Combine::Sum }, band_upper_bounds: bounds }
        };
        let m = Methodology::try_new(fields).expect("constructed valid");
        for l in 1..=rows as u8 {
            for i in 1..=columns as u8 {
                let level = m.level(m.likelihood(l).unwrap(), m.impact(i).unwrap());
                prop_assert!(level.index() < level_count);
            }
        }
    }

    #[test]
    fn export_then_import_is_identity(
        risks in 0usize..60,
        assets in 1usize..20,
        seed in any::<u64>(),
        low in 0.0f64..1e6,
        spread in 0.0f64..1e6,
    ) {
        let mut ws = synthetic::workspace(risks, assets, seed);
        if let Some(risk) = ws.risks.first_mut() {
            let e = Estimate::try_new(low, low + spread / 3.0, low + spread).unwrap();
            risk.quantitative = Some(QuantitativeInputs { threat_event_frequency: e, vulnerability: e, loss_magnitude: e });
        }
        let text = export_json(&ws);
        let back = import_json(&text).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(&back, &ws);
        prop_assert_eq!(export_json(&back), text);
    }
}
