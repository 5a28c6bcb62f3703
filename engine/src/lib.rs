//! The ISMS Workbench engine: risk scoring, residual risk, what-if scenarios
//! and Statement of Applicability analytics for ISO/IEC 27001 information
//! security management systems.
//!
//! Pure Rust with no web dependencies: the same code runs natively (tests,
//! benchmarks, the command-line front) and in the browser as WebAssembly.
#![forbid(unsafe_code)]

mod catalogue;
mod methodology;
mod model;

pub use catalogue::{
    annex_a, annex_a_control_id, annex_a_controls, starter_threats, starter_vulnerabilities,
    AnnexAControl, ANNEX_A_CONTROL_COUNT,
};
pub use methodology::{
    AxisWeights, Combine, ControlTypeWeights, Impact, ImplementationFactors, LevelDefinition,
    Likelihood, Matrix, Methodology, MethodologyError, MethodologyFields, Preset, RiskLevel, Scale,
    ScaleLevel, MAX_SCALE_LEVELS, MIN_SCALE_LEVELS,
};
pub use model::*;
