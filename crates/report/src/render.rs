//! The pages and files of a report: every chapter, the overview and the
//! index in each format asked for, and the charts as SVG files beside the
//! Markdown. Returned as values, sorted by path; the CLI writes them.
//!
//! Chapters are built and rendered in parallel; each returns its own files,
//! and the list is sorted at the end, so the output is the same bytes
//! whatever the number of threads.

use crate::audit::{AuditPage, AuditView};
use crate::build::{self, Charts, Ctx};
use crate::templates::Templates;
use crate::{Options, ReportError};
use corridor_schema::Published;
use corridor_score::Scored;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One output file: its path relative to the report folder (always `/`
/// separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// Relative path, e.g. `KGZ.html` or `charts/vector-bgd-kgz.svg`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Renders one page in each format asked for: `base.md.tera` and
/// `base.html.tera` with the same view.
fn pages<V: Serialize>(
    templates: &Templates,
    opts: &Options,
    base: &str,
    stem: &str,
    view: &V,
) -> Result<Vec<RenderedFile>, ReportError> {
    let mut out = Vec::with_capacity(2);
    let md = format!("{base}.md.tera");
    let ctx = templates.context(&md, view, stem)?;
    if opts.formats.markdown {
        let path = format!("{stem}.md");
        let text = templates.render_context(&md, &ctx, &path)?;
        out.push(RenderedFile {
            path,
            bytes: text.into_bytes(),
        });
    }
    if opts.formats.html {
        let path = format!("{stem}.html");
        let mut text = templates.render_context(&format!("{base}.html.tera"), &ctx, &path)?;
        if base == "chapter" || base == "overview" {
            // Each note's back-link (↩) returns to its first use.
            text = crate::sources::backlinks(&text);
        }
        out.push(RenderedFile {
            path,
            bytes: text.into_bytes(),
        });
    }
    Ok(out)
}

/// Renders the report of the `published` model, with the numbers of
/// `scored` (computed on the checked model): the chapters asked for (every country
/// with a country file by default), the regional overview, the index and
/// the methods annex and, when given, the audit document,
/// in the formats asked for; with Markdown, every chart as an SVG file
/// under `charts/`. The files are sorted by path.
pub fn render(
    published: &Published,
    scored: &Scored,
    audit: Option<&AuditView>,
    opts: &Options,
    templates: &Templates,
) -> Result<Vec<RenderedFile>, ReportError> {
    let ctx = Ctx::new(published, scored, opts)?;
    let vectors = build::vector_charts(&ctx, templates)?;
    let chapters: Vec<(Vec<RenderedFile>, BTreeMap<String, String>)> = ctx
        .chapters
        .par_iter()
        .map(|code| {
            let mut charts = Charts::new(templates, &vectors);
            let view = build::chapter(&ctx, code, &mut charts)?;
            Ok((
                pages(templates, opts, "chapter", code, &view)?,
                charts.files,
            ))
        })
        .collect::<Result<_, ReportError>>()?;
    let mut charts = Charts::new(templates, &vectors);
    let view = build::overview(&ctx, &mut charts)?;
    let overview_charts = charts.files;
    let mut out = pages(templates, opts, "overview", "overview", &view)?;
    let mut chart_files = vectors;
    chart_files.extend(overview_charts);
    for (files, charts) in chapters {
        out.extend(files);
        chart_files.extend(charts);
    }
    let view = build::index(&ctx);
    out.extend(pages(templates, opts, "index", "index", &view)?);
    let view = crate::annex::methods(&ctx);
    out.extend(pages(templates, opts, "methods", "methods", &view)?);
    if let Some(audit) = audit {
        // The audit document wears the same menu, style and footer as
        // every other page, through the same template registry.
        let mut view = audit.clone();
        view.page = Some(ctx.page(view.title.clone(), "audit"));
        out.extend(pages(
            templates,
            opts,
            "audit",
            "audit",
            &AuditPage { v: &view },
        )?);
    }
    if opts.formats.markdown {
        out.extend(chart_files.into_iter().map(|(path, svg)| RenderedFile {
            path,
            bytes: svg.into_bytes(),
        }));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The whole pipeline for a checked model, without the audit document:
/// published once for `opts.audience`, scored once under `weighting` (every
/// phenomenon, all periods), rendered once. For callers that need neither
/// view nor scores afterwards (tests, benchmarks, embedding).
pub fn render_model(
    model: &corridor_schema::Model,
    weighting: &corridor_score::Weighting,
    opts: &Options,
    templates: &Templates,
) -> Result<Vec<RenderedFile>, ReportError> {
    let published = Published::new(model, opts.audience);
    let scored = Scored::new(model, weighting, &corridor_score::Filter::default());
    render(&published, &scored, None, opts, templates)
}
