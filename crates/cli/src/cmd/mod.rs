//! One module per subcommand.

pub mod check;
pub mod completions;
pub mod list;
pub mod new;
pub mod report;
pub mod schema;
pub mod synth;
