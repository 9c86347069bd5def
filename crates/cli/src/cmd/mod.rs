//! One module per subcommand.

pub mod audit;
pub mod check;
pub mod completions;
pub mod list;
pub mod new;
pub mod schema;
pub mod synth;
