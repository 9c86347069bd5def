//! `corridor score`: every corridor's score, confidence and strength
//! vector under one weighting (METHOD.md §3–§5), as a table, a wide or a
//! tidy long CSV, or the JSON interface documented in the README.

use crate::{out, weighting};
use corridor_schema::{Period, Phenomenon, SourceType};
use corridor_score::{CorridorScore, ScoreReport, WeightingSummary, score_all};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor score`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Weighting file, or a name under <indicators>/weightings/
    /// [default: <indicators>/weightings/default.yaml].
    #[arg(long, value_name = "FILE")]
    weighting: Option<PathBuf>,
    /// Only findings whose period overlaps this one, e.g. 2004..2005-06.
    #[arg(long, value_name = "A..B", value_parser = weighting::parse_period)]
    period: Option<Period>,
    /// Only corridors that start in, pass through or end in this country
    /// (ISO3) or region; ranks are then within the corridors kept.
    #[arg(long, value_name = "ISO3")]
    country: Option<String>,
    /// Only the N best-ranked corridors (and movements).
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    #[command(flatten)]
    phenomenon: weighting::PhenomenonArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    format: ScoreFormat,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Output formats of the scoring commands.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// A table for people.
    Table,
    /// A tidy long table: one row per corridor and type.
    Csv,
    /// The JSON interface (see README).
    Json,
}

/// Output formats of `corridor score`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ScoreFormat {
    /// A table for people.
    Table,
    /// One row per corridor, then per movement: rank, score, confidence,
    /// contested, types and groups of every scored phenomenon.
    Csv,
    /// A tidy long table: one row per corridor (then movement) and type.
    CsvLong,
    /// The JSON interface (see README).
    Json,
}

/// Runs the command.
pub(crate) fn run(indicators: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let model = out::load_model(indicators)?;
    let w = weighting::load_for(indicators, args.weighting.as_deref(), &model)?;
    let filter = weighting::filter(&model, args.period, args.country.as_deref())?;
    let phi = args.phenomenon.get();
    // The JSON and the long table speak of one phenomenon; the table and
    // the wide CSV show the other two beside it.
    let all = match args.format {
        ScoreFormat::Json | ScoreFormat::CsvLong => {
            vec![corridor_score::score(&model, &w, &filter, phi)]
        }
        _ => score_all(&model, &w, &filter),
    };
    let mut report = all
        .iter()
        .find(|r| r.phenomenon == phi)
        .cloned()
        .expect("the phenomenon asked for is scored");
    if let Some(n) = args.top {
        report.corridors.truncate(n);
        report.movements.truncate(n);
    }
    let text = match args.format {
        ScoreFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
        ScoreFormat::Csv => {
            corridor_report::export::scores_wide(&all, phi, args.top.unwrap_or(usize::MAX)).csv()
        }
        ScoreFormat::CsvLong => corridor_report::export::scores_long(&report, &w).csv(),
        ScoreFormat::Table => table(&report, &all),
    };
    match &args.output {
        Some(path) => out::write_atomic(path, text.as_bytes())?,
        None => out::print_stdout(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `name (method[, CR x]), θ = t`.
pub(crate) fn describe(w: &WeightingSummary) -> String {
    let cr = w
        .consistency_ratio
        .map(|cr| format!(", CR {}", out::num(cr)))
        .unwrap_or_default();
    format!(
        "{} ({}{cr}), θ = {}",
        w.name,
        w.method.key(),
        out::num(w.theta)
    )
}

/// What the filter kept, for table headers.
pub(crate) fn describe_filter(r: &corridor_score::FilterSummary) -> String {
    let mut s = format!("period {}", r.period.as_deref().unwrap_or("all"));
    if let Some(c) = &r.country {
        let _ = write!(s, ", corridors touching {c}");
    }
    s
}

fn table(r: &ScoreReport, all: &[ScoreReport]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "phenomenon: {}", r.phenomenon.words());
    let _ = writeln!(s, "weighting: {}", describe(&r.weighting));
    let _ = writeln!(
        s,
        "{}; {} corridor(s), {} movement(s) shown",
        describe_filter(&r.filter),
        r.corridors.len(),
        r.movements.len()
    );
    // Beside the headline: the other scored phenomena's labels.
    let others: Vec<&ScoreReport> = all
        .iter()
        .filter(|o| o.phenomenon != r.phenomenon)
        .collect();
    let label_of = |o: &ScoreReport, row: &CorridorScore, movement: bool| {
        let rows = if movement { &o.movements } else { &o.corridors };
        rows.iter()
            .find(|x| x.index == row.index)
            .map(|x| x.confidence.key())
            .unwrap_or("-")
    };
    let idw = r
        .corridors
        .iter()
        .chain(&r.movements)
        .map(|c| c.id.chars().count())
        .chain(["corridor".len()])
        .max()
        .unwrap_or(8);
    let heads: Vec<String> = others
        .iter()
        .map(|o| short(o.phenomenon).to_string())
        .collect();
    for (title, rows, movement) in [
        ("corridor", &r.corridors, false),
        ("movement", &r.movements, true),
    ] {
        if movement && rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "\n{:>4}  {:<idw$}  {:>8}  {:<13}  {:>6}  {:<9}  {:<11}  {}  label",
            "rank",
            title,
            "score",
            "confidence",
            "groups",
            "contested",
            "vector",
            heads.iter().map(|h| format!("{h:<14}")).collect::<String>()
        );
        for c in rows.iter() {
            let bars: String = SourceType::ALL
                .iter()
                .map(|t| out::glyph(c.vector.get(*t)))
                .collect();
            let beside: String = others
                .iter()
                .map(|o| format!("{:<14}", label_of(o, c, movement)))
                .collect();
            let _ = writeln!(
                s,
                "{:>4}  {:<idw$}  {:>8.4}  {:<13}  {:>6}  {:<9}  {bars}  {beside}  {}",
                c.rank,
                c.id,
                c.score,
                c.confidence.key(),
                c.groups,
                if c.contested { "contested" } else { "-" },
                c.label
            );
        }
    }
    let _ = writeln!(
        s,
        "\ncolumns {}: the confidence of those phenomena on the same corridor",
        heads.join(", ")
    );
    let _ = writeln!(s, "{}", out::glyph_legend());
    s
}

/// A column head for a phenomenon.
fn short(p: Phenomenon) -> &'static str {
    match p {
        Phenomenon::Smuggling => "smuggling",
        Phenomenon::IrregularMigration => "irregular",
        Phenomenon::Trafficking => "trafficking",
        Phenomenon::RegularMovement => "lawful",
        Phenomenon::Context => "context",
    }
}
