//! `corridor audit`: how much each conclusion depends on the source
//! weights (METHOD.md §6) — Monte Carlo over the weights, leave one type
//! out, and the ranks under several weightings — as a table, JSON, or the
//! Markdown/HTML audit document.

use crate::out;
use anyhow::Context;
use corridor_schema::{Model, Phenomenon};
use corridor_score::audit::{
    AuditReport, AuditWeighting, DEFAULT_CONCENTRATION, DEFAULT_DRAWS, DEFAULT_SEED, DEFAULT_TOP_K,
    Mode, Options, audit,
};
use corridor_score::{Evidence, Filter, Weighting};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor audit`.
#[derive(clap::Args)]
pub struct Args {
    /// A weighting file to audit; repeat to compare several (the first is
    /// the base of the Monte Carlo and of leave-one-out). A bare name is
    /// also looked up under DIR/weightings/. Default: equal weights.
    #[arg(long, value_name = "FILE")]
    weighting: Vec<PathBuf>,
    /// Number of Monte Carlo draws M.
    #[arg(long, value_name = "M", default_value_t = DEFAULT_DRAWS)]
    draws: usize,
    /// How the weights are drawn.
    #[arg(long, value_enum, default_value_t = CliMode::Concentrated)]
    mode: CliMode,
    /// Dirichlet concentration K (concentrated mode).
    #[arg(long, value_name = "K", default_value_t = DEFAULT_CONCENTRATION, allow_negative_numbers = true)]
    concentration: f64,
    /// Seed of the generator.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// The k of "share of draws in the top k".
    #[arg(long, value_name = "K", default_value_t = DEFAULT_TOP_K)]
    top_k: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CliMode {
    /// Dirichlet(K·w0): weights scattered around the base weights.
    Concentrated,
    /// Dirichlet(1, …, 1) over the types with a positive base weight.
    Uniform,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    /// A plain table for the terminal.
    Table,
    /// The machine-readable report.
    Json,
    /// One row per corridor (the export's `audit.csv`).
    Csv,
    /// The audit document in Markdown.
    Md,
    /// The audit document as one self-contained HTML file.
    Html,
}

/// Runs the command.
pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let opts = Options {
        draws: args.draws,
        mode: match args.mode {
            CliMode::Concentrated => Mode::Concentrated,
            CliMode::Uniform => Mode::Uniform,
        },
        concentration: args.concentration,
        seed: args.seed,
        top_k: args.top_k,
    };
    // Settings first: a typo should not wait for the indicator files.
    opts.validate().context("invalid audit settings")?;
    let model = out::load_model(dir)?;
    let weightings = resolve_weightings(dir, &args.weighting)?;
    let report = run_audit(&model, &weightings, &opts)?;
    let text = match args.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&report)?),
        Format::Table => table(&report),
        Format::Csv => corridor_report::export::audit(&report.weightings, &report.corridors).csv(),
        Format::Md | Format::Html => {
            let view = corridor_report::audit::AuditView::new(
                &report,
                &model,
                &weightings[0].params,
                corridor_report::audit::DEFAULT_ROWS,
            );
            if args.format == Format::Md {
                view.markdown()?
            } else {
                view.html()?
            }
        }
    };
    match &args.out {
        Some(path) => out::write_atomic(path, text.as_bytes())?,
        None => out::print_stdout(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The weightings named on the command line (a path, or a name under
/// `<indicators>/weightings/`); the default weighting file when none is given.
fn resolve_weightings(dir: &Path, files: &[PathBuf]) -> anyhow::Result<Vec<Weighting>> {
    if files.is_empty() {
        return Ok(vec![crate::weighting::load_for(dir, None)?]);
    }
    files
        .iter()
        .map(|f| crate::weighting::load_for(dir, Some(f)))
        .collect()
}

/// Builds the evidence of each weighting and runs the audit, with a
/// progress bar on standard error when it is a terminal.
pub fn run_audit(
    model: &Model,
    weightings: &[Weighting],
    opts: &Options,
) -> anyhow::Result<AuditReport> {
    let ids: Vec<String> = model.corridors.iter().map(|c| c.id.clone()).collect();
    let evidence: Vec<Evidence> = weightings
        .iter()
        .map(|w| Evidence::build(model, &w.params, &Filter::default(), Phenomenon::Smuggling))
        .collect();
    let inputs: Vec<AuditWeighting<'_>> = weightings
        .iter()
        .zip(&evidence)
        .map(|(w, evidence)| AuditWeighting {
            name: &w.name,
            weights: w.weights,
            params: &w.params,
            evidence,
            consistency_ratio: w.ahp.as_ref().map(|a| a.consistency_ratio),
        })
        .collect();
    let bar = if std::io::stderr().is_terminal() {
        let bar =
            ProgressBar::with_draw_target(Some(opts.draws as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("audit {bar:40} {pos}/{len} draws, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let report = audit(&ids, &inputs, opts, &|n| bar.inc(n as u64));
    bar.finish_and_clear();
    report.context("cannot run the audit")
}

/// The terminal table: every corridor, then leave-one-out.
fn table(r: &AuditReport) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let mode = match r.concentration {
        Some(k) => format!("{} (K = {k})", r.mode.key()),
        None => r.mode.key().to_string(),
    };
    let _ = writeln!(
        s,
        "audit of \"{}\"{}: {} draws, {mode}, seed {}, top {}",
        r.weightings.first().map(String::as_str).unwrap_or(""),
        match r.consistency_ratios.first().copied().flatten() {
            Some(cr) => format!(" (AHP, CR = {cr:.4})"),
            None => String::new(),
        },
        r.draws,
        r.seed,
        r.top_k
    );
    let width = r
        .corridors
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(0)
        .max(8);
    let top = format!("top{}", r.top_k);
    let _ = write!(
        s,
        "{:>4}  {:width$}  {:>6}  {:>9}  {:>6}  {:>7}  {:>7}",
        "rank", "corridor", "median", "5-95%", top, "mean", "sd"
    );
    for name in r.weightings.iter().skip(1) {
        let _ = write!(s, "  {name:>8}");
    }
    s.push('\n');
    for c in &r.corridors {
        let _ = write!(
            s,
            "{:>4}  {:width$}  {:>6}  {:>9}  {:>5.1}%  {:>7.4}  {:>7.4}",
            c.base_rank,
            c.id,
            c.median_rank,
            format!("{}-{}", c.p05_rank, c.p95_rank),
            c.top_k_share * 100.0,
            c.score_mean,
            c.score_sd
        );
        for (name, rank) in c.ranks_by_weighting.iter().skip(1) {
            let w = name.len().max(8);
            let _ = write!(s, "  {rank:>w$}");
        }
        s.push('\n');
    }
    s.push('\n');
    if r.leave_one_out.is_empty() {
        s.push_str("leave one type out: needs at least two types with a positive weight\n");
        return s;
    }
    let _ = writeln!(
        s,
        "leave one type out:\n{:<18}  {:>8}  {:>10}  {:width$}  confidence changes",
        "type", "spearman", "max change", "corridor"
    );
    for l in &r.leave_one_out {
        let changes = if l.confidence_changes.is_empty() {
            "-".to_string()
        } else {
            l.confidence_changes.join(", ")
        };
        let _ = writeln!(
            s,
            "{:<18}  {:>8.3}  {:>10}  {:width$}  {changes}",
            l.kind.key(),
            l.spearman,
            l.max_rank_change,
            l.max_rank_change_corridor.as_deref().unwrap_or("-"),
        );
    }
    s
}
