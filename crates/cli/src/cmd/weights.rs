//! `corridor weights FILE`: a weighting's eleven weights and settings, and
//! for AHP the judgement matrix, λmax, CI and CR with the random-index
//! table they use.

use crate::{out, weighting};
use corridor_schema::SourceType;
use corridor_schema::weighting::Method;
use corridor_score::weights::{MAX_CR, fmt_ratio};
use corridor_score::{Weighting, WeightingSummary};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor weights`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Weighting file, or a name under <indicators>/weightings/.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Text for people.
    Table,
    /// JSON: the weighting summary, and for AHP the matrix.
    Json,
}

#[derive(Serialize)]
struct Json {
    #[serde(flatten)]
    summary: WeightingSummary,
    /// AHP: the types named, rows and columns of `matrix`.
    types: Option<Vec<SourceType>>,
    /// AHP: the reciprocal judgement matrix.
    matrix: Option<Vec<Vec<f64>>>,
    /// AHP: power-iteration steps.
    iterations: Option<usize>,
    strength: [f64; 3],
    reliability: [f64; 6],
    credibility: [f64; 6],
    confidence: corridor_score::Thresholds,
}

/// Runs the command. The file does not need an indicator directory.
pub(crate) fn run(indicators: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let path = weighting::resolve(indicators, Some(&args.file));
    let w = weighting::load(&path, true, indicators)?;
    let text = match args.format {
        Format::Json => {
            let ahp = w.ahp.as_ref();
            let j = Json {
                summary: w.summary(),
                types: ahp.map(|a| a.types.clone()),
                matrix: ahp.map(|a| {
                    (0..a.matrix.nrows())
                        .map(|i| a.matrix.row(i).iter().copied().collect())
                        .collect()
                }),
                iterations: ahp.map(|a| a.iterations),
                strength: w.params.strength,
                reliability: w.params.reliability,
                credibility: w.params.credibility,
                confidence: w.params.thresholds,
            };
            serde_json::to_string_pretty(&j)? + "\n"
        }
        Format::Table => text(&w, &path),
    };
    out::print_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Wraps a paragraph at 76 columns with an indent.
fn wrap(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > 76 {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

fn text(w: &Weighting, path: &Path) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "weighting {} ({}) from {}",
        w.name,
        w.method.key(),
        path.display()
    );
    if let Some(d) = &w.description {
        s.push_str(&wrap(d, "  "));
    }
    let _ = writeln!(s, "\n{:<20} {:>9}", "type", "weight");
    let max = w.weights.iter().copied().fold(0.0, f64::max);
    for t in SourceType::ALL {
        let x = w.weights[t.index()];
        // A bar of up to 30 cells, relative to the largest weight.
        let cells = if max > 0.0 {
            (x / max * 30.0).round() as usize
        } else {
            0
        };
        let line = format!("{:<20} {:>9}  {}", t.key(), out::num(x), "█".repeat(cells));
        let _ = writeln!(s, "{}", line.trim_end());
    }
    let _ = writeln!(
        s,
        "{:<20} {:>9}",
        "sum",
        out::num(w.weights.iter().sum::<f64>())
    );
    if let (Method::Ahp, Some(a)) = (w.method, &w.ahp) {
        let n = a.types.len();
        let _ = writeln!(
            s,
            "\nAHP judgement matrix: row type is x times as important as column type"
        );
        let _ = write!(s, "{:<22}", "");
        for j in 0..n {
            let _ = write!(s, "{:>5}", j + 1);
        }
        s.push('\n');
        for i in 0..n {
            let _ = write!(s, "{:>2} {:<19}", i + 1, a.types[i].key());
            for j in 0..n {
                let _ = write!(s, "{:>5}", fmt_ratio(a.matrix[(i, j)]));
            }
            s.push('\n');
        }
        let verdict = if a.consistency_ratio <= MAX_CR {
            "consistent enough (≤ 0.10)"
        } else {
            "INCONSISTENT (> 0.10), used because the file sets allow_inconsistent"
        };
        let _ = writeln!(
            s,
            "\nn = {n}, λmax = {}, CI = (λmax − n)/(n − 1) = {}, CR = CI/RI(n) = {}: {verdict}",
            out::num(a.lambda_max),
            out::num(a.consistency_index),
            out::num(a.consistency_ratio)
        );
        let _ = writeln!(
            s,
            "random index: {}",
            corridor_score::weights::RANDOM_INDEX_TABLE
        );
        let _ = writeln!(
            s,
            "principal eigenvector by power iteration: {} step(s) to 1e-12",
            a.iterations
        );
    }
    let p = &w.params;
    let _ = writeln!(s, "\nsettings:");
    let _ = writeln!(
        s,
        "  σ: weak {}, moderate {}, strong {}",
        out::num(p.strength[0]),
        out::num(p.strength[1]),
        out::num(p.strength[2])
    );
    let rel: Vec<String> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .zip(p.reliability)
        .map(|(k, v)| format!("{k} {}", out::num(v)))
        .collect();
    let _ = writeln!(s, "  ρ: {}", rel.join(", "));
    let cred: Vec<String> = p
        .credibility
        .iter()
        .enumerate()
        .map(|(k, v)| format!("{} {}", k + 1, out::num(*v)))
        .collect();
    let _ = writeln!(s, "  κ: {}", cred.join(", "));
    let _ = writeln!(
        s,
        "  θ = {}; confidence: corroborated ≥ {} groups, supported ≥ {}, single-source ≥ {}",
        out::num(p.theta),
        p.thresholds.corroborated,
        p.thresholds.supported,
        p.thresholds.single_source
    );
    let groups: Vec<String> = p
        .groups
        .lists()
        .iter()
        .map(|(n, ts)| {
            let ts: Vec<&str> = ts.iter().map(|t| t.key()).collect();
            format!("{n} ({})", ts.join(", "))
        })
        .collect();
    let _ = writeln!(s, "  groups: {}", groups.join("; "));
    s
}
