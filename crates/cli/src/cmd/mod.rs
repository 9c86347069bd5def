//! One module per subcommand.

pub(crate) mod audit;
pub(crate) mod check;
pub(crate) mod compare;
pub(crate) mod completions;
pub(crate) mod explain;
pub(crate) mod export;
pub(crate) mod list;
pub(crate) mod new;
pub(crate) mod report;
pub(crate) mod schema;
pub(crate) mod score;
pub(crate) mod synth;
pub(crate) mod weights;

use anyhow::Context;
use corridor_report::Templates;
use corridor_schema::Audience;
use std::path::PathBuf;

/// The audience of a command's `--internal` flag: internal outputs read the
/// identity view, every other one the public view.
pub(crate) fn audience(internal: bool) -> Audience {
    if internal {
        Audience::Internal
    } else {
        Audience::Public
    }
}

/// `--templates`, shared by every command that renders a page.
#[derive(clap::Args, Clone, Default)]
pub(crate) struct TemplatesArg {
    /// Override templates by name from this folder (see README.md, section
    /// "Reports"); the audit document's templates included.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

impl TemplatesArg {
    /// The one template registry: the embedded templates, each replaced by
    /// a file of the same name in the folder when one is given.
    pub(crate) fn load(&self) -> anyhow::Result<Templates> {
        match &self.templates {
            Some(dir) => Templates::with_overrides(dir),
            None => Templates::embedded(),
        }
        .context("cannot load the report templates")
    }
}
