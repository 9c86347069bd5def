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

use anyhow::Context;
use corridor_report::Templates;
use corridor_schema::Audience;
use std::path::PathBuf;

/// The audience of a command's `--internal` flag: internal outputs read the
/// identity view, every other one the public view.
pub fn audience(internal: bool) -> Audience {
    if internal {
        Audience::Internal
    } else {
        Audience::Public
    }
}

/// `--templates`, shared by every command that renders a page.
#[derive(clap::Args, Clone, Default)]
pub struct TemplatesArg {
    /// Override templates by name from this folder (see README.md, section
    /// "Reports"); the audit document's templates included.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

impl TemplatesArg {
    /// The one template registry: the embedded templates, each replaced by
    /// a file of the same name in the folder when one is given.
    pub fn load(&self) -> anyhow::Result<Templates> {
        match &self.templates {
            Some(dir) => Templates::with_overrides(dir),
            None => Templates::embedded(),
        }
        .context("cannot load the report templates")
    }
}
