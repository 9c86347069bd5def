//! `corridor audit`: how much each conclusion depends on the source
//! weights, the grades and single sources (METHOD.md §6) — Monte Carlo over
//! the weights and/or the grades, leave one type out, leave one source out,
//! Sobol indices, and the ranks under several weightings — as a table,
//! JSON, or the Markdown/HTML audit document.

use super::audience;
use crate::out;
use anyhow::Context;
use corridor_schema::{Model, Phenomenon, Published};
use corridor_score::audit::{
    AuditContext, AuditReport, AuditWeighting, DEFAULT_CONCENTRATION, DEFAULT_DRAWS,
    DEFAULT_GRADE_STEP, DEFAULT_SEED, DEFAULT_TOP_K, Mode, Options, Vary, audit,
};
use corridor_score::{Evidence, Prepared, Weighting, corridor_findings, movement_findings};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor audit`.
#[derive(clap::Args)]
pub(crate) struct Args {
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
    /// What the draws vary: weights, grades, or weights,grades (METHOD.md §6.1–6.2).
    #[arg(long, value_name = "WHAT", default_value = "weights", value_parser = parse_vary)]
    vary: Vary,
    /// q: the probability that a grade moves one step (half towards the
    /// best grade, half towards the worst).
    #[arg(long, value_name = "Q", default_value_t = DEFAULT_GRADE_STEP, allow_negative_numbers = true)]
    grade_step_probability: f64,
    /// Also estimate the Sobol indices of the weights and the grades
    /// (METHOD.md §6.4) over N base rows.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = SOBOL_ROWS)]
    sobol: Option<usize>,
    #[command(flatten)]
    phenomenon: crate::weighting::PhenomenonArg,
    /// Audit the movements instead of the corridors.
    #[arg(long)]
    movements: bool,
    /// Name confidential sources by their file id (internal use only);
    /// public aliases otherwise.
    #[arg(long)]
    internal: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    templates: super::TemplatesArg,
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
pub(crate) fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let opts = Options {
        draws: args.draws,
        mode: match args.mode {
            CliMode::Concentrated => Mode::Concentrated,
            CliMode::Uniform => Mode::Uniform,
        },
        concentration: args.concentration,
        seed: args.seed,
        top_k: args.top_k,
        vary: args.vary,
        grade_step_probability: args.grade_step_probability,
        sobol: args.sobol,
    };
    // Settings first: a typo should not wait for the indicator files.
    opts.validate().context("invalid audit settings")?;
    let model = out::load_model(dir)?;
    if args.internal {
        crate::guard::lift();
    }
    let weightings = resolve_weightings(dir, &args.weighting, &model)?;
    let target = Target {
        phenomenon: args.phenomenon.get(),
        movements: args.movements,
    };
    let published = Published::new(&model, audience(args.internal));
    let report = run_audit(&model, &published, &weightings, &opts, target)?;
    let text = match args.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&report)?),
        Format::Table => table(&report),
        Format::Csv => corridor_report::export::audit(&report).csv(),
        Format::Md | Format::Html => {
            let templates = args.templates.load()?;
            let view = corridor_report::audit::AuditView::new(
                &report,
                &published,
                &weightings[0].params,
                corridor_report::audit::DEFAULT_ROWS,
            );
            if args.format == Format::Md {
                view.markdown(&templates)?
            } else {
                view.html(&templates)?
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
fn resolve_weightings(
    dir: &Path,
    files: &[PathBuf],
    model: &Model,
) -> anyhow::Result<Vec<Weighting>> {
    if files.is_empty() {
        return Ok(vec![crate::weighting::load_for(dir, None, model)?]);
    }
    files
        .iter()
        .map(|f| crate::weighting::load_for(dir, Some(f), model))
        .collect()
}

/// `--sobol` without a number: METHOD.md §6.4's default N.
const SOBOL_ROWS: &str = "4096";

/// `--vary`: `weights`, `grades` or `weights,grades` (either order).
fn parse_vary(s: &str) -> Result<Vary, String> {
    let mut v = Vary {
        weights: false,
        grades: false,
    };
    for part in s.split(',').map(str::trim) {
        match part {
            "weights" => v.weights = true,
            "grades" => v.grades = true,
            other => {
                return Err(format!(
                    "'{other}' is not a choice to vary: use weights, grades or weights,grades"
                ));
            }
        }
    }
    Ok(v)
}

/// What is audited: the phenomenon, and corridors or movements.
#[derive(Clone, Copy)]
pub(crate) struct Target {
    /// The phenomenon.
    pub phenomenon: Phenomenon,
    /// Movements instead of corridors.
    pub movements: bool,
}

impl Default for Target {
    fn default() -> Self {
        Target {
            phenomenon: Phenomenon::Smuggling,
            movements: false,
        }
    }
}

/// Builds the evidence of each weighting and runs the audit, with a
/// progress bar on standard error when it is a terminal. Sources are
/// named by their id in `shown`, the published view of `model`.
pub(crate) fn run_audit(
    model: &Model,
    shown: &Published,
    weightings: &[Weighting],
    opts: &Options,
    target: Target,
) -> anyhow::Result<AuditReport> {
    let per_corridor = corridor_findings(model, &corridor_score::Filter::default());
    let (ids, targets): (Vec<String>, Vec<Vec<usize>>) = if target.movements {
        (
            model.movements.iter().map(|m| m.id.clone()).collect(),
            movement_findings(model, &per_corridor),
        )
    } else {
        (
            model.corridors.iter().map(|c| c.id.clone()).collect(),
            per_corridor,
        )
    };
    let evidence: Vec<Evidence> = weightings
        .iter()
        .map(|w| {
            let prepared = Prepared::new(model, &w.params);
            Evidence::from_targets(&prepared, targets.clone(), target.phenomenon, None)
        })
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
    let label = |s: usize| shown.model().sources[s].id.clone();
    let ctx = AuditContext {
        model,
        phenomenon: target.phenomenon,
        movements: target.movements,
        targets,
        source_label: Some(&label),
    };
    let report = audit(&ids, &inputs, &ctx, opts, &|n| bar.inc(n as u64));
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
        "audit of \"{}\"{}, {} of {}: {} draws varying {}{}, {mode}, seed {}, top {}",
        r.weightings.first().map(String::as_str).unwrap_or(""),
        match r.consistency_ratios.first().copied().flatten() {
            Some(cr) => format!(" (AHP, CR = {cr:.4})"),
            None => String::new(),
        },
        r.phenomenon.words(),
        r.targets,
        r.draws,
        r.vary.key(),
        match r.grade_step_probability {
            Some(q) => format!(" (q = {q})"),
            None => String::new(),
        },
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
    let _ = writeln!(
        s,
        "leave one source out (per corridor: the source whose removal lowers the score most):\n{:width$}  {:<28}  {:>9}  {:>4}  {:<13}  rests on one source",
        "corridor", "pivotal source", "S without", "rank", "label without"
    );
    for c in &r.corridors {
        if let Some(p) = r.leave_one_source_out.corridors.get(&c.id) {
            let _ = writeln!(
                s,
                "{:width$}  {:<28}  {:>9.4}  {:>4}  {:<13}  {}",
                c.id,
                p.pivotal_source.as_deref().unwrap_or("-"),
                p.score_without,
                p.rank_without,
                p.confidence_without.key(),
                if p.rests_on_one_source { "yes" } else { "no" }
            );
        }
    }
    if let Some(sobol) = &r.sobol {
        let _ = writeln!(
            s,
            "\nSobol indices of the rank ({} base rows): first-order and total, weights | grades",
            r.sobol_rows.unwrap_or(0)
        );
        for c in &r.corridors {
            if let Some(x) = sobol.get(&c.id) {
                let _ = writeln!(
                    s,
                    "{:width$}  weights {:>6.3} {:>6.3}  grades {:>6.3} {:>6.3}",
                    c.id, x.weights.first, x.weights.total, x.grades.first, x.grades.total
                );
            }
        }
        if let Some(fixed) = &r.sobol_fixed
            && !fixed.is_empty()
        {
            let _ = writeln!(s, "rank fixed in every row: {}", fixed.join(", "));
        }
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

#[cfg(test)]
mod tests {
    #[test]
    fn sobol_default_is_the_method_default() {
        assert_eq!(
            super::SOBOL_ROWS.parse::<usize>(),
            Ok(corridor_score::audit::sobol::DEFAULT_SOBOL_ROWS)
        );
    }
}
