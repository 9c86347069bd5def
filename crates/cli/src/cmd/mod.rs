//! One module per subcommand.

pub mod audit;
pub mod check;
pub mod compare;
pub mod completions;
pub mod explain;
pub mod export;
pub mod list;
pub mod new;
pub mod report;
pub mod schema;
pub mod score;
pub mod synth;
pub mod weights;
