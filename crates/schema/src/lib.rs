//! corridor-schema: the indicator file format of `corridor` — its types,
//! loading, validation, diagnostics and JSON Schema.
//!
//! The crate knows nothing of scoring or rendering. Its output is a checked
//! [`Model`] (or the [`Diagnostic`]s that explain why there is none), which
//! `corridor-score` and `corridor-report` read. All YAML reading lives in
//! [`load`].

// A library never prints: the CLI does (ARCHITECTURE.md, "Invariants").
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod codes;
pub mod diag;
pub mod files;
pub mod guard;
pub mod load;
pub mod locate;
pub mod model;
pub mod period;
pub mod publish;
pub mod region;
pub mod schema;
pub mod text;
pub mod typed;
pub mod validate;
pub mod vocab;
pub mod weighting;

pub use diag::{Diagnostic, Severity};
pub use model::{Corridor, Finding, Model, Movement, SourceRecord};
pub use period::{Month, Period, PeriodError};
pub use publish::{Audience, Published};
pub use validate::{Checked, SchemaError, Stats, check_dir, load_valid};
pub use vocab::{
    Credibility, Dimension, FindingKind, N_TYPES, Phenomenon, Reliability, SourceType, Strength,
    Trend,
};
