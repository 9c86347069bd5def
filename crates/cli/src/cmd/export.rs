//! `corridor export`: every table analysts load — corridors, movements,
//! places, sources, findings, scores (wide and long) and the audit — as
//! CSV, one workbook, the routes as GeoJSON, and a Frictionless data
//! package describing the CSVs, written into one folder all or nothing.

use crate::{out, weighting};
use anyhow::{Context, bail};
use corridor_report::export::{self, Inputs, Settings};
use corridor_schema::Published;
use corridor_score::audit::{
    DEFAULT_CONCENTRATION, DEFAULT_DRAWS, DEFAULT_SEED, DEFAULT_TOP_K, Mode, Options,
};
use corridor_score::{Filter, Scored};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor export`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The folder to write: new, empty, or an earlier export (replaced
    /// whole). Any other folder is refused.
    #[arg(long, value_name = "DIR", default_value = "export")]
    out: PathBuf,
    /// Weighting file, or a name under <indicators>/weightings/
    /// [default: <indicators>/weightings/default.yaml].
    #[arg(long, value_name = "FILE")]
    weighting: Option<PathBuf>,
    /// Show confidential sources' real names, citations and contacts
    /// (never publish this folder).
    #[arg(long)]
    internal: bool,
    /// Number of Monte Carlo draws of the audit.
    #[arg(long, value_name = "M", default_value_t = DEFAULT_DRAWS)]
    draws: usize,
    /// Seed of the audit.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Print the README's section on the export's columns (generated from
    /// the data package's field descriptions) and exit.
    #[arg(long)]
    print_columns_md: bool,
}

/// Runs the command.
pub(crate) fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if args.print_columns_md {
        out::print_stdout(&export::columns_markdown())?;
        return Ok(ExitCode::SUCCESS);
    }
    let opts = Options {
        draws: args.draws,
        mode: Mode::Concentrated,
        concentration: DEFAULT_CONCENTRATION,
        seed: args.seed,
        top_k: DEFAULT_TOP_K,
        ..Options::default()
    };
    opts.validate().context("invalid audit settings")?;
    // Refuse a folder we may not replace before any work.
    check_target(&args.out)?;
    let model = out::load_model(dir)?;
    if args.internal {
        crate::guard::lift();
    }
    let w = weighting::load_for(dir, args.weighting.as_deref(), &model)?;
    let audience = super::audience(args.internal);
    let published = Published::new(&model, audience);
    let scored = Scored::with_roles(&model, &w, &Filter::default());
    let audit = super::audit::run_audit(
        &model,
        &published,
        std::slice::from_ref(&w),
        &opts,
        super::audit::Target::default(),
    )?;
    let settings = Settings {
        filter: "none: all periods, all corridors".into(),
        audit: format!(
            "{} draws, {} (K = {}), seed {}, top {}, base weighting {}",
            opts.draws,
            opts.mode.key(),
            opts.concentration,
            opts.seed,
            opts.top_k,
            w.name
        ),
    };
    let files = export::render(&Inputs {
        published: &published,
        scored: &scored,
        audit: Some(&audit),
        settings,
    })?;
    write_folder(&args.out, &files)?;
    out::print_stdout(&format!(
        "wrote {} files to {} ({} view)\n",
        files.len(),
        args.out.display(),
        audience.key()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Fails unless `dir` is absent, empty, or an earlier export: a folder
/// holding only the export's files, with its data package.
fn check_target(dir: &Path) -> anyhow::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        bail!(
            "{} exists and is not a folder: choose a new folder for --out",
            dir.display()
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot read {}", dir.display()))?;
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let known = export::file_names();
    let foreign: Vec<&String> = names.iter().filter(|n| !known.contains(n)).collect();
    let package = std::fs::read_to_string(dir.join("datapackage.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok());
    let ours = package.as_ref().and_then(|p| p["name"].as_str()) == Some(export::PACKAGE_NAME);
    if !ours || !foreign.is_empty() {
        let why = if ours {
            format!(
                "it holds files an export does not write ({})",
                foreign
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            "it is not empty and holds no corridor export (no datapackage.json named \"corridor-export\")".into()
        };
        bail!(
            "refusing to write into {}: {why}; choose a new or empty folder for --out",
            dir.display()
        );
    }
    Ok(())
}

/// Writes `files` into a staging folder beside `dir`, then swaps it in, so
/// that `dir` is either the old export or the whole new one.
fn write_folder(dir: &Path, files: &[corridor_report::RenderedFile]) -> anyhow::Result<()> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let pid = std::process::id();
    let stage = parent.join(format!(".{name}.staging-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = std::fs::remove_dir_all(&stage);
    let result = (|| -> anyhow::Result<()> {
        std::fs::create_dir(&stage)
            .with_context(|| format!("cannot create {}", stage.display()))?;
        for f in files {
            let p = stage.join(&f.path);
            std::fs::write(&p, &f.bytes)
                .with_context(|| format!("cannot write {}", p.display()))?;
        }
        if dir.exists() {
            std::fs::rename(dir, &old)
                .with_context(|| format!("cannot move {} aside", dir.display()))?;
            if let Err(e) = std::fs::rename(&stage, dir) {
                // Put the earlier export back.
                let _ = std::fs::rename(&old, dir);
                return Err(e)
                    .with_context(|| format!("cannot move the export to {}", dir.display()));
            }
            std::fs::remove_dir_all(&old)
                .with_context(|| format!("cannot remove the earlier export {}", old.display()))?;
        } else {
            std::fs::rename(&stage, dir)
                .with_context(|| format!("cannot move the export to {}", dir.display()))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&stage);
    }
    result
}
