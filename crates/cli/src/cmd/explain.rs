//! `corridor explain CORRIDOR|MOVEMENT`: one score taken apart — for each
//! source type its sources (A, B, and the score without the source) and
//! their findings with σ, ρ, κ, a(e) and whether each counts (and if not,
//! why), then P, N, v, w and w·v — with the groups counted, conflicts,
//! gaps, dimension coverage and the movements the corridor belongs to.

use crate::cmd::score::{describe, describe_filter};
use crate::{out, weighting};
use anyhow::Context;
use corridor_schema::vocab::grade;
use corridor_schema::{Dimension, Period, SourceType};
use corridor_score::{Conflict, Explanation, RoleExplained, explain};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor explain`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The corridor or movement id.
    corridor: String,
    #[command(flatten)]
    phenomenon: weighting::PhenomenonArg,
    /// Weighting file, or a name under <indicators>/weightings/
    /// [default: <indicators>/weightings/default.yaml].
    #[arg(long, value_name = "FILE")]
    weighting: Option<PathBuf>,
    /// Only findings whose period overlaps this one, e.g. 2004..2005-06.
    #[arg(long, value_name = "A..B", value_parser = weighting::parse_period)]
    period: Option<Period>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Text for people.
    Table,
    /// The same numbers as JSON.
    Json,
}

/// Runs the command.
pub(crate) fn run(indicators: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let model = out::load_model(indicators)?;
    let w = weighting::load_for(indicators, args.weighting.as_deref(), &model)?;
    let filter = weighting::filter(&model, args.period, None)?;
    // explain has no internal view: ids are always the public ones.
    let shown = corridor_schema::Published::new(&model, corridor_schema::Audience::Public);
    let e = explain(
        &model,
        &shown,
        &w,
        &filter,
        &args.corridor,
        args.phenomenon.get(),
    )
    .with_context(|| format!("cannot explain '{}'", args.corridor))?;
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&e)? + "\n",
        Format::Table => text(&e),
    };
    out::print_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn opt(x: Option<f64>) -> String {
    x.map(out::num).unwrap_or_else(|| "-".into())
}

fn list(types: &[SourceType]) -> String {
    if types.is_empty() {
        "none".into()
    } else {
        types.iter().map(|t| t.key()).collect::<Vec<_>>().join(", ")
    }
}

/// Why a finding counts or not, in a few words.
fn role(f: &corridor_score::FindingExplanation) -> String {
    let phenomenon = f.phenomenon.map(|p| p.key()).unwrap_or("-");
    match &f.role {
        RoleExplained::Counts => "counts (source's strongest)".into(),
        RoleExplained::SameSource { by } => format!("same source: {by} sets A/B"),
        RoleExplained::Repeat { of } => format!("repeat of {of}: counts zero"),
        RoleExplained::OtherPhenomenon => format!("{phenomenon}: counts zero here"),
        RoleExplained::Unscored => format!("{phenomenon}: never scored"),
        RoleExplained::Gap => "gap".into(),
    }
}

fn text(e: &Explanation) -> String {
    let c = &e.corridor;
    let mut s = String::new();
    let _ = writeln!(s, "{} {}: {}", e.target, c.id, c.label);
    if let Some(members) = &c.members {
        let _ = writeln!(s, "corridors: {}", members.join(", "));
    }
    if e.target == "corridor" {
        let _ = writeln!(
            s,
            "movements: {}",
            if e.movements.is_empty() {
                "none".to_string()
            } else {
                e.movements.join(", ")
            }
        );
    }
    let _ = writeln!(s, "phenomenon: {}", e.phenomenon.words());
    let _ = writeln!(s, "weighting: {}", describe(&e.weighting));
    let _ = writeln!(s, "{}", describe_filter(&e.filter));
    let _ = writeln!(
        s,
        "score S = Σ w·v = {}, rank {} of {}",
        out::num(c.score),
        c.rank,
        e.ranked
    );
    let groups = if c.counted_groups.is_empty() {
        String::new()
    } else {
        format!(" ({})", c.counted_groups.join(", "))
    };
    let _ = writeln!(
        s,
        "confidence {}{}: {} type(s) with v ≥ θ, {} group(s){groups}",
        c.confidence.key(),
        if c.contested {
            ", contested (some N ≥ θ)"
        } else {
            ""
        },
        c.types,
        c.groups
    );
    let _ = writeln!(
        s,
        "\nper source: A = max a(e) over its counting observed findings, B likewise over not_observed;\nper type: P = 1 − Π(1 − A) over its sources, N = 1 − Π(1 − B); v = P·(1 − N); a(e) = σ·ρ·κ"
    );
    let mut silent = Vec::new();
    for t in &e.types {
        if t.sources.is_empty() {
            silent.push(t.kind);
            continue;
        }
        let counted = if t.counted {
            ", counted (v ≥ θ)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "\n{} [{}]: P {}  N {}  v {}  w {}  w·v {}{counted}",
            t.kind,
            t.group,
            out::num(t.support),
            out::num(t.counter),
            out::num(t.vector),
            out::num(t.weight),
            out::num(t.contribution)
        );
        let idw = t
            .sources
            .iter()
            .flat_map(|x| &x.findings)
            .map(|f| f.id.chars().count())
            .max()
            .unwrap_or(7)
            .max(7);
        for src in &t.sources {
            let _ = writeln!(
                s,
                "  source {}: A {}  B {}  S without {} ({:+.6}), confidence without {}",
                src.source,
                out::num(src.a),
                out::num(src.b),
                out::num(src.score_without),
                src.score_without - c.score,
                src.confidence_without.key()
            );
            let _ = writeln!(
                s,
                "    {:<idw$}  {:<12}  {:<19}  {:<8}  {:<5}  {:>8}  {:>3}  {:>3}  {:>8}  role",
                "finding", "kind", "phenomenon", "strength", "grade", "σ", "ρ", "κ", "a(e)"
            );
            for f in &src.findings {
                let _ = writeln!(
                    s,
                    "    {:<idw$}  {:<12}  {:<19}  {:<8}  {:<5}  {:>8}  {:>3}  {:>3}  {:>8}  {}",
                    f.id,
                    f.finding.key(),
                    f.phenomenon.map(|x| x.key()).unwrap_or("-"),
                    f.strength.map(|x| x.key()).unwrap_or("-"),
                    grade(f.reliability, f.credibility),
                    opt(f.sigma),
                    out::num(f.rho),
                    opt(f.kappa),
                    opt(f.a),
                    role(f)
                );
            }
        }
    }
    if !silent.is_empty() {
        let _ = writeln!(s, "\nno findings (P = N = v = 0): {}", list(&silent));
    }
    let _ = writeln!(s, "\nconflicts:");
    if c.conflicts.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for x in &c.conflicts {
        let _ = match x {
            Conflict::WithinType {
                kind,
                support,
                counter,
            } => writeln!(
                s,
                "  within {kind}: P {} and N {} (the support is discounted by 1 − N)",
                out::num(*support),
                out::num(*counter)
            ),
            Conflict::CrossType {
                kind,
                counter,
                supported_by,
            } => writeln!(
                s,
                "  across types: {kind} reports not observed (N {}, P 0) while {} have v ≥ θ",
                out::num(*counter),
                list(supported_by)
            ),
        };
    }
    let _ = writeln!(
        s,
        "gaps (types with no observed or not_observed finding of a scored phenomenon):"
    );
    let _ = writeln!(s, "  unavailable: {}", list(&c.gaps.unavailable));
    let _ = writeln!(s, "  withheld: {}", list(&c.gaps.withheld));
    let _ = writeln!(s, "  nothing at all: {}", list(&c.gaps.none));
    let dims: Vec<String> = Dimension::ALL
        .iter()
        .map(|d| format!("{} {}", d.key(), out::num(c.dimensions.get(*d))))
        .collect();
    let _ = writeln!(
        s,
        "dimension coverage D = 1 − Π over sources (1 − the source's strongest counting observed a(e)): {}",
        dims.join(", ")
    );
    s
}
