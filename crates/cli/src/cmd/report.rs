//! `corridor report`: the country chapters, the regional overview and the
//! index, in Markdown (charts as SVG files beside it) and self-contained
//! HTML, staged whole and swapped into the output folder (all or nothing).

use crate::out;
use anyhow::Context;
use corridor_report::{Audience, AuditLinks, Formats, Options};
use corridor_schema::Published;
use corridor_score::Scored;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `corridor report`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Render this country's chapter (ISO3 code); repeat for several.
    /// Default: every country with a file in countries/.
    #[arg(long = "country", value_name = "ISO3")]
    countries: Vec<String>,
    /// Weight the source types with this weighting file (a path, or a name
    /// under <indicators>/weightings/). Default: weightings/default.yaml.
    #[arg(long, value_name = "FILE")]
    weighting: Option<PathBuf>,
    /// Who the report is for: `public` shows a confidential source by its
    /// public name only; `internal` shows names and contacts, with a banner
    /// on every page.
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    audience: AudienceArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Both)]
    format: FormatArg,
    /// Output folder. Default: reports/ (public) or reports-internal/
    /// (internal), so that an internal report never overwrites the public one.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    #[command(flatten)]
    templates: super::TemplatesArg,
    /// Link audit.md / audit.html from the index even when they are not in
    /// the output folder yet (they are linked anyway when they are).
    #[arg(long)]
    link_audit: bool,
    /// Do not write the audit document (audit.md / audit.html). By default
    /// it is written beside the chapters: the chosen weighting audited with
    /// `corridor audit`'s defaults, and the ranks under every other
    /// weighting of the indicator folder.
    #[arg(long)]
    no_audit: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum AudienceArg {
    /// Confidential sources by their public names only.
    Public,
    /// Everything, with a banner on every page.
    Internal,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    /// GitHub-flavoured Markdown with SVG charts in charts/.
    Md,
    /// One self-contained HTML file per page.
    Html,
    /// Both.
    Both,
}

/// Runs the command.
pub(crate) fn run(indicators: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let model = out::load_model(indicators)?;
    if matches!(args.audience, AudienceArg::Internal) {
        crate::guard::lift();
    }
    let audience = super::audience(matches!(args.audience, AudienceArg::Internal));
    // Publish once: every page reads this view, never the checked model.
    let published = Published::new(&model, audience);
    let formats = match args.format {
        FormatArg::Md => Formats {
            markdown: true,
            html: false,
        },
        FormatArg::Html => Formats {
            markdown: false,
            html: true,
        },
        FormatArg::Both => Formats::BOTH,
    };
    let out_dir = args.out.clone().unwrap_or_else(|| match audience {
        Audience::Public => PathBuf::from("reports"),
        Audience::Internal => PathBuf::from("reports-internal"),
    });
    // The weighting is named in every chapter, with its consistency ratio
    // when it is an AHP weighting, so a reader knows which opinion ranked it.
    let w = crate::weighting::load_for(indicators, args.weighting.as_deref(), &model)?;
    // Every page names it in words; the methods annex adds how it was
    // made (AHP and its consistency ratio), which only it explains.
    let weighting = format!("the weighting \u{201c}{}\u{201d}", w.name);
    let weighting_detail = match &w.ahp {
        Some(ahp) => format!(
            "weights from pairwise comparisons (AHP), consistency ratio CR = {:.4}",
            ahp.consistency_ratio
        ),
        None => "weights given directly, divided by their sum".to_string(),
    };
    let (audit_doc, doubts) = if args.no_audit {
        (None, Default::default())
    } else {
        let (view, doubts) = audit_document(indicators, &model, &published, &w)?;
        (Some(view), doubts)
    };
    // Score once: the chapters, the overview and the annex read this.
    let scored = Scored::new(&model, &w, &corridor_score::Filter::default());
    let mut opts = Options::new(weighting);
    opts.weighting_detail = weighting_detail;
    opts.doubts = doubts;
    if !args.no_audit {
        let a = corridor_score::audit::Options::default();
        opts.audit_settings = format!(
            "The audit (audit.md, audit.html) redraws the weights {} times from a Dirichlet distribution around the weighting in force (concentration K = {}, seed {}); redraws the grades as often, each moving one step up or down with probability {}; leaves each kind of source, and each single source, out in turn; apportions each rank's variance between weights and grades (Sobol indices, {} rows); and ranks under every other weighting file of the indicator folder. A chapter's rank interval is the 5th to 95th percentile rank with weights and grades drawn together. `corridor audit` reruns it.",
            a.draws,
            a.concentration,
            a.seed,
            a.grade_step_probability,
            corridor_score::audit::sobol::DEFAULT_SOBOL_ROWS
        );
    }
    opts.countries = args.countries.clone();
    opts.audience = audience;
    opts.formats = formats;
    let written = audit_doc.is_some();
    opts.audit = AuditLinks {
        markdown: args.link_audit
            || (written && formats.markdown)
            || out_dir.join("audit.md").is_file(),
        html: args.link_audit || (written && formats.html) || out_dir.join("audit.html").is_file(),
    };
    let templates = args.templates.load()?;
    let files = corridor_report::render(&published, &scored, audit_doc.as_ref(), &opts, &templates)
        .context("cannot render the report")?;
    // All or nothing: the whole output is staged and swapped in. The
    // Markdown's `charts/` is the report's own: a run that writes every
    // chapter in Markdown writes it whole, so a chart no longer made (a
    // route now on the map) does not linger; any other run, and any other
    // file of the folder, carries the old files over (a `--country` run
    // keeps the other chapters' charts).
    let owned: &[&str] = if formats.markdown && args.countries.is_empty() {
        &["charts"]
    } else {
        &[]
    };
    crate::write::write_tree(
        &out_dir,
        files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())),
        owned,
    )?;
    let pages = files
        .iter()
        .filter(|f| f.path.ends_with(".md") || f.path.ends_with(".html"))
        .count();
    let mut said = format!(
        "wrote {} files ({} pages, {} charts) to {} for the {} audience\n",
        files.len(),
        pages,
        files.len() - pages,
        out_dir.display(),
        audience.key()
    );
    if !templates.overridden().is_empty() {
        said.push_str(&format!(
            "templates overridden: {}\n",
            templates.overridden().join(", ")
        ));
    }
    out::print_stdout(&said)?;
    Ok(ExitCode::SUCCESS)
}

/// The audit document for the report's weighting: `corridor audit` with its
/// default draws, mode and seed, plus the rank under every other weighting
/// file of the indicator folder, so the chapters' ranks can be read with
/// their robustness beside them.
/// The audit document, and per corridor the interval and single-source
/// flag the chapters print.
type AuditOutput = (
    corridor_report::audit::AuditView,
    std::collections::BTreeMap<String, corridor_report::CorridorDoubt>,
);

fn audit_document(
    indicators: &Path,
    model: &corridor_schema::Model,
    published: &Published,
    base: &corridor_score::Weighting,
) -> anyhow::Result<AuditOutput> {
    use super::audit::run_audit;
    let mut weightings = vec![base.clone()];
    for rel in &model.weightings {
        let w = crate::weighting::load_for(indicators, Some(&indicators.join(rel)), model)?;
        if weightings.iter().all(|x| x.name != w.name) {
            weightings.push(w);
        }
    }
    let report = run_audit(
        model,
        published,
        &weightings,
        &corridor_score::audit::Options::default(),
        super::audit::Target::default(),
    )?;
    // The grades and single sources, with the Sobol indices, for the
    // section on the three kinds of doubt.
    let grades = run_audit(
        model,
        published,
        &weightings[..1],
        &corridor_score::audit::Options {
            vary: corridor_score::audit::Vary::GRADES,
            sobol: Some(corridor_score::audit::sobol::DEFAULT_SOBOL_ROWS),
            ..corridor_score::audit::Options::default()
        },
        super::audit::Target::default(),
    )?;
    // The chapters' intervals: weights and grades drawn together.
    let both = run_audit(
        model,
        published,
        &weightings[..1],
        &corridor_score::audit::Options {
            vary: corridor_score::audit::Vary::BOTH,
            ..corridor_score::audit::Options::default()
        },
        super::audit::Target::default(),
    )?;
    let doubts = both
        .corridors
        .iter()
        .map(|c| {
            let rests = grades
                .leave_one_source_out
                .corridors
                .get(&c.id)
                .is_some_and(|p| p.rests_on_one_source);
            (
                c.id.clone(),
                corridor_report::CorridorDoubt {
                    low: c.p05_rank,
                    high: c.p95_rank,
                    rests_on_one_source: rests,
                },
            )
        })
        .collect();
    let mut view = corridor_report::audit::AuditView::new(
        &report,
        published,
        &weightings[0].params,
        corridor_report::audit::DEFAULT_ROWS,
    )
    .with_grades(&report, &grades, published);
    view.in_report = true;
    Ok((view, doubts))
}
