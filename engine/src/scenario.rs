//! What-if scenarios (PRODUCT.md 3.3): evaluate a list of changes over a
//! workspace without copying it, compare scenarios side by side, and search
//! for the cheapest set of candidate actions that brings every risk within
//! appetite or the largest reduction within a budget.

use crate::analysis::{evaluate, Analysis, CostSummary, Distributions, HeatMaps};
use crate::assess::{
    assess, asset_index, contributions, AnalysisOptions, Buffers, ControlTable, Overlay,
};
use crate::cycle::{certification_readiness, CertificationReadiness};
use crate::fast_hash::{FastMap, FastSet};
use crate::methodology::RiskLevel;
use crate::model::{
    Change, ImplementationStatus, Money, Risk, RiskId, RiskStatus, Scenario, TreatmentDecision,
    Workspace,
};
use serde::Serialize;

/// Analyses `workspace` with `changes` applied on top (later changes win).
pub fn evaluate_changes(
    workspace: &Workspace,
    changes: &[Change],
    options: &AnalysisOptions,
) -> Analysis {
    evaluate(workspace, &Overlay::from_changes(changes), options)
}

/// Analyses `workspace` under `scenario`.
pub fn evaluate_scenario(
    workspace: &Workspace,
    scenario: &Scenario,
    options: &AnalysisOptions,
) -> Analysis {
    evaluate_changes(workspace, &scenario.changes, options)
}

/// The figures of one column of a scenario comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioSummary {
    /// "Baseline" or the scenario's name.
    pub name: String,
    /// Number of open risks per level, inherent, current and planned.
    pub distributions: Distributions,
    /// Heat maps for inherent, current and planned ratings.
    pub heat_maps: HeatMaps,
    /// Open risks whose current residual level is above appetite.
    pub current_above_appetite: u32,
    /// Open risks whose planned residual level is above appetite.
    pub planned_above_appetite: u32,
    /// Number of controls marked applicable in the SoA.
    pub soa_applicable: u32,
    /// Mean implementation factor of applicable controls, 0 to 1.
    pub implementation_progress: f64,
    /// Certification readiness in percent, 0 to 100 (see `SoaCoverage::readiness`).
    pub readiness: f64,
    /// Cost of the open treatment actions, in whole currency units.
    pub cost: CostSummary,
    /// Point estimate of annual loss in currency units; `None` when no risk has quantitative inputs.
    pub expected_annual_loss: Option<f64>,
    /// Risks whose current level differs from the baseline.
    pub risks_changed: u32,
    /// Those risks, in register order: id, baseline level, this column's level.
    pub changed_risks: Vec<(RiskId, RiskLevel, RiskLevel)>,
    /// Certification readiness with its parts (clauses, SoA, nonconformities),
    /// the SoA part under this column's changes.
    pub certification: CertificationReadiness,
}

/// Scenarios side by side; the baseline (no changes) comes first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// One summary per column, the baseline first.
    pub columns: Vec<ScenarioSummary>,
}

fn summary(
    workspace: &Workspace,
    name: &str,
    analysis: &Analysis,
    baseline: Option<&Analysis>,
) -> ScenarioSummary {
    let changed_risks: Vec<(RiskId, RiskLevel, RiskLevel)> = baseline.map_or(Vec::new(), |base| {
        base.risks
            .iter()
            .zip(&analysis.risks)
            .filter(|(a, b)| a.current.rating.level != b.current.rating.level)
            .map(|(a, b)| {
                (
                    a.risk.clone(),
                    a.current.rating.level,
                    b.current.rating.level,
                )
            })
            .collect()
    });
    ScenarioSummary {
        name: name.to_owned(),
        distributions: analysis.distributions.clone(),
        heat_maps: analysis.heat_maps.clone(),
        current_above_appetite: analysis.distributions.current.above_appetite,
        planned_above_appetite: analysis.distributions.planned.above_appetite,
        soa_applicable: analysis.soa.applicable,
        implementation_progress: analysis.soa.implementation_progress,
        readiness: analysis.soa.readiness,
        cost: analysis.cost,
        expected_annual_loss: analysis.expected_annual_loss,
        risks_changed: changed_risks.len() as u32,
        changed_risks,
        certification: certification_readiness(workspace, &analysis.soa),
    }
}

/// Compares the baseline with each of `scenarios`.
pub fn compare(
    workspace: &Workspace,
    scenarios: &[&Scenario],
    options: &AnalysisOptions,
) -> Comparison {
    let baseline = evaluate(workspace, &Overlay::default(), options);
    let mut columns = vec![summary(workspace, "Baseline", &baseline, None)];
    for scenario in scenarios {
        let analysis = evaluate_scenario(workspace, scenario, options);
        columns.push(summary(
            workspace,
            &scenario.name,
            &analysis,
            Some(&baseline),
        ));
    }
    Comparison { columns }
}

/// Something the optimiser may choose: a set of changes with a cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The candidate's id; for an action, its id such as `ACT-0005`.
    pub id: String,
    /// What the candidate does, as shown in the optimiser's answer.
    pub title: String,
    /// Whole currency units (first-year cost for actions).
    pub cost: Money,
    /// The changes the candidate makes when chosen.
    pub changes: Vec<Change>,
}

/// One candidate per open treatment action: its controls become implemented;
/// its cost is one-off plus one year of running cost.
pub fn candidates_from_actions(workspace: &Workspace) -> Vec<Candidate> {
    workspace
        .actions
        .iter()
        .filter(|a| a.status.is_open())
        .map(|a| Candidate {
            id: a.id.to_string(),
            title: a.title.clone(),
            cost: a.cost.first_year(),
            changes: a
                .controls
                .iter()
                .map(|c| Change::ControlStatus {
                    control: c.clone(),
                    status: ImplementationStatus::Implemented,
                })
                .collect(),
        })
        .collect()
}

/// Candidate sets up to this size are searched exhaustively (with pruning);
/// larger ones greedily.
pub const EXACT_SEARCH_LIMIT: usize = 14;

/// The optimiser's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptimiserResult {
    /// Ids of the chosen candidates, in input order.
    pub chosen: Vec<String>,
    /// Total cost of the chosen candidates, in whole currency units.
    pub cost: Money,
    /// Whether the goal was reached (every risk within appetite, for
    /// [`cheapest_within_appetite`]).
    pub reached: bool,
    /// Whether the answer is proven optimal (exhaustive search) or from the
    /// greedy heuristic.
    pub exact: bool,
    /// Open risks above appetite (current residual) without any candidate.
    pub above_appetite_before: u32,
    /// Open risks above appetite (current residual) with the chosen candidates applied.
    pub above_appetite_after: u32,
    /// Sum over risks of the drop in current level (levels are 0-based).
    pub level_reduction: u64,
    /// Risks still above appetite even with every candidate applied.
    pub unreachable_risks: Vec<RiskId>,
    /// How many candidate sets were evaluated.
    pub evaluated_sets: u64,
}

struct Search<'a> {
    workspace: &'a Workspace,
    candidates: &'a [Candidate],
    /// Risks some candidate can change; only these are re-evaluated.
    risks: Vec<&'a Risk>,
    /// The fixed score of the risks no candidate touches.
    untouched: Score,
    untouched_above: Vec<RiskId>,
    assets: FastMap<&'a str, &'a crate::Asset>,
    evaluated: u64,
}

/// (risks above appetite, sum of current levels) over the search's risks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Score {
    above: u32,
    level_sum: u64,
}

fn needs_treatment(risk: &Risk) -> bool {
    risk.status != RiskStatus::Closed
        && !(risk.treatment.decision == TreatmentDecision::Accept && risk.acceptance.is_some())
}

impl<'a> Search<'a> {
    fn new(workspace: &'a Workspace, candidates: &'a [Candidate]) -> Self {
        let mut touched_controls: FastSet<&str> = FastSet::default();
        let mut touched_risks: FastSet<&str> = FastSet::default();
        for change in candidates.iter().flat_map(|c| &c.changes) {
            match change {
                Change::ControlStatus { control, .. }
                | Change::ControlEffectiveness { control, .. }
                | Change::Applicability { control, .. } => {
                    touched_controls.insert(control.as_str());
                }
                Change::LinkControl { risk, .. }
                | Change::UnlinkControl { risk, .. }
                | Change::Treatment { risk, .. } => {
                    touched_risks.insert(risk.as_str());
                }
                Change::AddAction { action } => {
                    touched_controls.extend(action.controls.iter().map(|c| c.as_str()));
                }
            }
        }
        let (touched, untouched): (Vec<&Risk>, Vec<&Risk>) = workspace
            .risks
            .iter()
            .filter(|r| needs_treatment(r))
            .partition(|r| {
                touched_risks.contains(r.id.as_str())
                    || r.controls
                        .iter()
                        .any(|c| touched_controls.contains(c.as_str()))
            });
        let mut search = Search {
            workspace,
            candidates,
            risks: untouched,
            untouched: Score {
                above: 0,
                level_sum: 0,
            },
            untouched_above: Vec::new(),
            assets: asset_index(workspace),
            evaluated: 0,
        };
        // Score the untouched risks once; every later score adds it.
        let mut above = Vec::new();
        search.untouched = search.score_with(&vec![false; candidates.len()], Some(&mut above));
        search.untouched_above = above;
        search.risks = touched;
        search.evaluated = 0;
        search
    }

    fn score_with(&mut self, chosen: &[bool], above_ids: Option<&mut Vec<RiskId>>) -> Score {
        self.evaluated += 1;
        let overlay = Overlay::from_changes(
            self.candidates
                .iter()
                .zip(chosen)
                .filter(|(_, on)| **on)
                .flat_map(|(c, _)| &c.changes),
        );
        let table = ControlTable::new(self.workspace, &overlay);
        let methodology = &self.workspace.methodology;
        let mut score = self.untouched;
        let mut ids = above_ids;
        if let Some(ids) = ids.as_deref_mut() {
            ids.extend(self.untouched_above.iter().cloned());
        }
        let mut buffers = Buffers::default();
        for risk in &self.risks {
            let contributions = contributions(methodology, risk, &overlay, &table, &mut buffers);
            let assets = risk
                .assets
                .iter()
                .filter_map(|a| self.assets.get(a.as_str()).copied());
            let a = assess(methodology, risk, assets, &overlay, contributions);
            score.level_sum += a.current.rating.level.index() as u64;
            if a.current_above_appetite {
                score.above += 1;
                if let Some(ids) = ids.as_deref_mut() {
                    ids.push(risk.id.clone());
                }
            }
        }
        score
    }

    fn score(&mut self, chosen: &[bool]) -> Score {
        self.score_with(chosen, None)
    }

    fn cost(&self, chosen: &[bool]) -> Money {
        self.candidates
            .iter()
            .zip(chosen)
            .filter(|(_, on)| **on)
            .map(|(c, _)| c.cost)
            .sum()
    }

    fn result(
        &mut self,
        chosen: &[bool],
        reached: bool,
        exact: bool,
        before: Score,
    ) -> OptimiserResult {
        let mut unreachable = Vec::new();
        let all = vec![true; self.candidates.len()];
        self.score_with(&all, Some(&mut unreachable));
        let after = self.score(chosen);
        OptimiserResult {
            chosen: self
                .candidates
                .iter()
                .zip(chosen)
                .filter(|(_, on)| **on)
                .map(|(c, _)| c.id.clone())
                .collect(),
            cost: self.cost(chosen),
            reached,
            exact,
            above_appetite_before: before.above,
            above_appetite_after: after.above,
            level_reduction: before.level_sum.saturating_sub(after.level_sum),
            unreachable_risks: unreachable,
            evaluated_sets: self.evaluated,
        }
    }
}

/// The cheapest set of `candidates` that brings every open risk within
/// appetite (current residual; accepted risks with an acceptance record are
/// left out). When no set can, the goal becomes "as few risks above appetite
/// as all candidates together achieve", `reached` is false and the risks
/// that stay above are listed.
///
/// Up to [`EXACT_SEARCH_LIMIT`] candidates: depth-first search over all sets,
/// pruned by cost, so the answer is optimal. Beyond: greedy — repeatedly add
/// the candidate that removes the most (above-appetite risks, then level
/// sum) per unit of cost until the goal holds, then drop chosen candidates,
/// most expensive first, whose removal keeps the goal.
pub fn cheapest_within_appetite(
    workspace: &Workspace,
    candidates: &[Candidate],
) -> OptimiserResult {
    let mut search = Search::new(workspace, candidates);
    let n = candidates.len();
    let before = search.score(&vec![false; n]);
    let target = search.score(&vec![true; n]).above;
    let reached = target == 0;
    if before.above <= target {
        return search.result(&vec![false; n], reached, true, before);
    }
    if n <= EXACT_SEARCH_LIMIT {
        let mut best: Option<(Money, Vec<bool>)> = None;
        let mut chosen = vec![false; n];
        fn dfs(
            search: &mut Search<'_>,
            index: usize,
            cost: Money,
            chosen: &mut Vec<bool>,
            target: u32,
            best: &mut Option<(Money, Vec<bool>)>,
        ) {
            if best.as_ref().is_some_and(|(b, _)| cost >= *b) {
                return;
            }
            if index == chosen.len() {
                if search.score(chosen).above <= target {
                    *best = Some((cost, chosen.clone()));
                }
                return;
            }
            chosen[index] = true;
            let with = cost.saturating_add(search.candidates[index].cost);
            dfs(search, index + 1, with, chosen, target, best);
            chosen[index] = false;
            dfs(search, index + 1, cost, chosen, target, best);
        }
        dfs(&mut search, 0, 0, &mut chosen, target, &mut best);
        let chosen = best.map(|(_, c)| c).unwrap_or_else(|| vec![true; n]);
        return search.result(&chosen, reached, true, before);
    }
    let mut chosen = vec![false; n];
    let mut current = before;
    while current.above > target {
        let mut pick: Option<(f64, usize, Score)> = None;
        for i in 0..n {
            if chosen[i] {
                continue;
            }
            chosen[i] = true;
            let s = search.score(&chosen);
            chosen[i] = false;
            let gain = f64::from(current.above - s.above.min(current.above)) * 1_000.0
                + current.level_sum.saturating_sub(s.level_sum) as f64;
            let value = gain / (candidates[i].cost.max(1) as f64);
            if gain > 0.0 && pick.is_none_or(|(v, _, _)| value > v) {
                pick = Some((value, i, s));
            }
        }
        let Some((_, i, s)) = pick else { break };
        chosen[i] = true;
        current = s;
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| chosen[i]).collect();
    crate::order::sort_by_key(&mut order, |&i| std::cmp::Reverse(candidates[i].cost));
    for i in order {
        chosen[i] = false;
        if search.score(&chosen).above > target {
            chosen[i] = true;
        }
    }
    search.result(&chosen, reached, false, before)
}

/// The set of `candidates` costing at most `budget` that lowers the sum of
/// current risk levels the most (ties: fewer risks above appetite, then
/// lower cost). Exhaustive up to [`EXACT_SEARCH_LIMIT`] candidates, greedy by
/// reduction per unit of cost beyond. `reached` is true when the chosen set
/// also brings every risk within appetite.
pub fn best_within_budget(
    workspace: &Workspace,
    candidates: &[Candidate],
    budget: Money,
) -> OptimiserResult {
    let mut search = Search::new(workspace, candidates);
    let n = candidates.len();
    let before = search.score(&vec![false; n]);
    let better = |a: (Score, Money), b: (Score, Money)| {
        (a.0.level_sum, a.0.above, a.1) < (b.0.level_sum, b.0.above, b.1)
    };
    let mut chosen = vec![false; n];
    let exact = n <= EXACT_SEARCH_LIMIT;
    if exact {
        let mut best = (before, 0, chosen.clone());
        fn dfs(
            search: &mut Search<'_>,
            index: usize,
            cost: Money,
            budget: Money,
            chosen: &mut Vec<bool>,
            best: &mut (Score, Money, Vec<bool>),
            better: &dyn Fn((Score, Money), (Score, Money)) -> bool,
        ) {
            if index == chosen.len() {
                let s = search.score(chosen);
                if better((s, cost), (best.0, best.1)) {
                    *best = (s, cost, chosen.clone());
                }
                return;
            }
            let with = cost.saturating_add(search.candidates[index].cost);
            if with <= budget {
                chosen[index] = true;
                dfs(search, index + 1, with, budget, chosen, best, better);
                chosen[index] = false;
            }
            dfs(search, index + 1, cost, budget, chosen, best, better);
        }
        dfs(&mut search, 0, 0, budget, &mut chosen, &mut best, &better);
        chosen = best.2;
    } else {
        let mut current = before;
        let mut spent: Money = 0;
        loop {
            let mut pick: Option<(f64, usize, Score)> = None;
            for i in 0..n {
                if chosen[i] || spent + candidates[i].cost > budget {
                    continue;
                }
                chosen[i] = true;
                let s = search.score(&chosen);
                chosen[i] = false;
                let gain = current.level_sum.saturating_sub(s.level_sum) as f64;
                let value = gain / (candidates[i].cost.max(1) as f64);
                if gain > 0.0 && pick.is_none_or(|(v, _, _)| value > v) {
                    pick = Some((value, i, s));
                }
            }
            let Some((_, i, s)) = pick else { break };
            chosen[i] = true;
            spent += candidates[i].cost;
            current = s;
        }
    }
    let reached = search.score(&chosen).above == 0;
    search.result(&chosen, reached, exact, before)
}
