//! `corridor compare FILE_A FILE_B`: the rankings under two weightings
//! side by side, each corridor's rank change, and Spearman's rank
//! correlation between them.

use crate::cmd::score::{Format, describe, describe_filter};
use crate::{out, weighting};
use corridor_schema::Period;
use corridor_score::{Comparison, compare};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor compare`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Weighting A: a file, or a name under <indicators>/weightings/.
    file_a: PathBuf,
    /// Weighting B.
    file_b: PathBuf,
    /// Only findings whose period overlaps this one, e.g. 2004..2005-06.
    #[arg(long, value_name = "A..B", value_parser = weighting::parse_period)]
    period: Option<Period>,
    /// Only corridors that start in, pass through or end in this country
    /// (ISO3) or region; ranks are then within the corridors kept.
    #[arg(long, value_name = "ISO3")]
    country: Option<String>,
    #[command(flatten)]
    phenomenon: weighting::PhenomenonArg,
    /// Output format (csv: one row per corridor).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs the command.
pub(crate) fn run(indicators: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let model = out::load_model(indicators)?;
    let a = weighting::load_for(indicators, Some(&args.file_a), &model)?;
    let b = weighting::load_for(indicators, Some(&args.file_b), &model)?;
    let filter = weighting::filter(&model, args.period, args.country.as_deref())?;
    let c = compare(&model, &a, &b, &filter, args.phenomenon.get());
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&c)? + "\n",
        Format::Csv => csv(&c),
        Format::Table => table(&c),
    };
    out::print_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn csv(c: &Comparison) -> String {
    let mut s = String::from("corridor,rank_a,score_a,rank_b,score_b,change\n");
    for r in c.corridors.iter().chain(&c.movements) {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{}",
            r.id, r.rank_a, r.score_a, r.rank_b, r.score_b, r.change
        );
    }
    s
}

fn table(c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "phenomenon: {}", c.phenomenon.words());
    let _ = writeln!(s, "A: {}", describe(&c.a));
    let _ = writeln!(s, "B: {}", describe(&c.b));
    let _ = writeln!(s, "{}", describe_filter(&c.filter));
    let idw = c
        .corridors
        .iter()
        .chain(&c.movements)
        .map(|r| r.id.chars().count())
        .chain(["corridor".len()])
        .max()
        .unwrap_or(8);
    for (title, rows) in [("corridor", &c.corridors), ("movement", &c.movements)] {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "\n{:<idw$}  {:>6}  {:>8}  {:<13}  {:>6}  {:>8}  {:<13}  {:>6}",
            title,
            "rank A",
            "score A",
            "confidence A",
            "rank B",
            "score B",
            "confidence B",
            "change"
        );
        for r in rows.iter() {
            let change = match r.change {
                0 => "=".to_string(),
                x => format!("{x:+}"),
            };
            let _ = writeln!(
                s,
                "{:<idw$}  {:>6}  {:>8.4}  {:<13}  {:>6}  {:>8.4}  {:<13}  {:>6}",
                r.id,
                r.rank_a,
                r.score_a,
                r.confidence_a.key(),
                r.rank_b,
                r.score_b,
                r.confidence_b.key(),
                change
            );
        }
    }
    let _ = writeln!(
        s,
        "\nchange = rank A − rank B (+ moves up under B); Spearman's rank correlation: {}",
        out::num(c.spearman)
    );
    s
}
