//! The ISMS Workbench engine: risk scoring, residual risk, what-if scenarios
//! and Statement of Applicability analytics for ISO/IEC 27001 information
//! security management systems.
//!
//! Pure Rust with no web dependencies: the same code runs natively (tests,
//! benchmarks, the command-line front) and in the browser as WebAssembly.
//!
//! Entry points:
//! - [`Workspace`] and the domain types: the persisted shape, every object
//!   with a stable string id; [`Workspace::new`] brings the 93 Annex A
//!   controls and the starter catalogues.
//! - [`import_json`] / [`export_json`]: the versioned envelope, validation
//!   with JSON paths, migrations.
//! - [`analyze`] / [`analyze_with`]: ratings with breakdowns (inherent,
//!   current and planned residual; formulas in the `residual` module docs and
//!   on [`Residual`]), heat maps, SoA coverage, consistency findings.
//! - [`evaluate_scenario`], [`compare`], [`cheapest_within_appetite`],
//!   [`best_within_budget`]: what-if scenarios and the optimiser.
//! - [`synthetic::workspace`]: deterministic generated workspaces.
//! - The ISMS cycle (clauses 4 to 10): [`clause_catalogue`] and the
//!   registers on [`Workspace`] (clauses, documents, objectives, audits,
//!   nonconformities, incidents, management reviews) with their named
//!   commands; [`certification_readiness`] with its parts,
//!   [`open_nonconformities_by_control`], [`likelihood_suggestions`],
//!   [`management_review_pack`] and [`pdca_status`]; their consistency
//!   checks run inside [`analyze_with`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod analysis;
mod assess;
mod bulk;
mod catalogue;
mod checks;
mod commands;
mod control_search;
mod csv;
mod cycle;
mod demo;
mod diff;
pub mod exchange;
mod fast_hash;
mod integrity;
mod merge;
mod methodology;
mod model;
pub mod order;
mod people;
mod quant;
mod records;
mod residual;
mod scenario;
mod scenario_bulk;
mod schema;
mod scoring;
mod soa;
pub mod synthetic;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use catalogue::{annex_a_control_id, ANNEX_A_CONTROL_COUNT};
pub use methodology::{
    AxisWeights, Combine, ControlTypeWeights, Impact, ImplementationFactors, LevelDefinition,
    Likelihood, Matrix, Methodology, MethodologyError, MethodologyFields, Preset, RiskLevel, Scale,
    ScaleLevel, MAX_SCALE_LEVELS, MIN_SCALE_LEVELS,
};
pub use model::*;

pub use cycle::{
    certification_readiness, clause_catalogue, clause_requirement, effective_status,
    likelihood_suggestions, management_review_pack, open_nonconformities_by_control, pdca_status,
    Audit, AuditFinding, AuditLine, AuditStatus, CertificationReadiness, ClauseAssessment,
    ClausePart, ClauseRequirement, ClauseStatus, CorrectiveAction, CycleEntry, CycleRecord,
    Direction, Document, DocumentChanges, DocumentKind, DocumentLine, DocumentStatus,
    EarlierAction, EffectivenessReview, FindingClass, Incident, IncidentLine, IncidentSeverity,
    IncidentStatus, LikelihoodChange, LikelihoodSuggestion, ManagementReview, Measurement,
    Nonconformity, NonconformityGrade, NonconformityLine, NonconformityPart, NonconformitySource,
    NonconformityStatus, Objective, ObjectiveLine, Opportunity, PdcaItem, PdcaStatus, Phase,
    PhaseStatus, Relation, RemovalEffects, ReviewAction, ReviewPack, RiskStatusLine, SoaPart,
    CLAUSE_WEIGHT, NONCONFORMITY_WEIGHT, SOA_WEIGHT,
};

pub use analysis::{analyze, analyze_with, Analysis, CostSummary, Distributions, HeatMaps};
pub use assess::{AnalysisOptions, RiskAssessment};
pub use bulk::OwnedRegister;
pub use checks::{Finding, Severity};
pub use commands::CommandError;
pub use control_search::search_controls;
pub use csv::{
    csv_apply, csv_export, csv_of_table, csv_preview, CsvFieldChange, CsvKind, CsvPreview,
    CsvProblem, CsvRowChange, CsvUnchanged,
};
pub use demo::{demo_organisation, DEMO_TODAY};
pub use diff::{diff, DiffGroup, FieldChange, ObjectChange, ObjectSummary, WorkspaceDiff};
pub use exchange::encrypted::{
    is_encrypted_export, passphrase_problem, EncryptedFile, PassphraseProblem,
    MIN_PASSPHRASE_CHARS, PBKDF2_ITERATIONS,
};
pub use exchange::oscal::{oscal_document, OscalKind, OSCAL_VERSION};
pub use integrity::{ObjectKind, ObjectRef};
pub use merge::{
    choose_workspace, merge_object, merge_workspaces, undo_change, with_field, Conflict, Merged,
};
pub use people::PersonReferences;
#[cfg(not(target_arch = "wasm32"))]
pub use quant::simulate_in_parallel;
pub use quant::{
    merge, percentile_grid_probabilities, prepare_fast_sampler, quant_portfolio, quant_report,
    return_on_investment, simulate, simulate_shard_with_progress, tornado, ControlEffect,
    ControlKind, EstimateProblem, InputFactor, LossDistribution, PercentilePoint, QuantError,
    QuantPortfolio, QuantRisk, Reduction, ReturnOnInvestment, RiskInput, RiskLoss, Sampler,
    ScenarioInputs, ScenarioReport, ScenarioResult, ShardResult, SimulationJob, SimulationPlan,
    SimulationResult, SimulationSettings, SplitMix64, ThreePointEstimate, TornadoBar,
    TornadoGrouping, TreatmentInputs,
};
pub use records::{
    changed_records, decode, decode_str, join, join_migrated, split, Collection, Record,
    RecordChanges, RecordKey, RecordProblem, WorkspaceHeader, WorkspaceRecords,
};
pub use residual::{ControlContribution, Residual, ResidualBasis};
pub use scenario::{
    best_within_budget, candidates_from_actions, cheapest_within_appetite, compare,
    evaluate_changes, evaluate_scenario, Candidate, Comparison, OptimiserResult, ScenarioSummary,
    EXACT_SEARCH_LIMIT,
};
pub use scenario_bulk::{select_risks, RiskFilter};
pub use schema::{
    export_json, export_json_with, import_json, import_json_detailed, Envelope, ImportProblem,
    Imported, SCHEMA_VERSION,
};
pub use schema::{import_json_bytes, workspace_from_export, MAX_IMPORT_PROBLEMS};
pub use scoring::{HeatMap, ImpactSource, LevelDistribution, Rating};
pub use soa::{ExcludedReliance, GroupProgress, ReadinessParts, SoaCoverage};
#[cfg(feature = "xlsx")]
pub use xlsx::{
    xlsx_export, xlsx_preview, MAX_XLSX_BYTES, MAX_XLSX_CELLS, MAX_XLSX_PART_BYTES,
    MAX_XLSX_UNPACKED_BYTES, XLSX_MIME,
};
