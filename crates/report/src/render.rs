//! The pages and files of a report: every chapter, the overview and the
//! index in each format asked for, and the charts as SVG files beside the
//! Markdown. Returned as values, sorted by path; the CLI writes them.

use crate::build::{self, Charts, Ctx};
use crate::templates::Templates;
use crate::{Options, ReportError};
use corridor_schema::Model;
use serde::Serialize;

/// One output file: its path relative to the report folder (always `/`
/// separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// Relative path, e.g. `KGZ.html` or `charts/vector-bgd-kgz.svg`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Renders `name` in both formats as enabled.
fn pages<V: Serialize>(
    templates: &Templates,
    opts: &Options,
    stem: &str,
    view: &V,
    out: &mut Vec<RenderedFile>,
) -> Result<(), ReportError> {
    let base = match stem {
        "index" | "overview" => stem,
        _ => "chapter",
    };
    if opts.formats.markdown {
        let path = format!("{stem}.md");
        let text = templates.render(&format!("{base}.md.tera"), view, &path)?;
        out.push(RenderedFile {
            path,
            bytes: text.into_bytes(),
        });
    }
    if opts.formats.html {
        let path = format!("{stem}.html");
        let text = templates.render(&format!("{base}.html.tera"), view, &path)?;
        out.push(RenderedFile {
            path,
            bytes: text.into_bytes(),
        });
    }
    Ok(())
}

/// Renders the report of `model`: the chapters asked for (every country
/// with a country file by default), the regional overview and the index,
/// in the formats asked for; with Markdown, every chart as an SVG file
/// under `charts/`. The files are sorted by path.
pub fn render(
    model: &Model,
    opts: &Options,
    templates: &Templates,
) -> Result<Vec<RenderedFile>, ReportError> {
    let ctx = Ctx::new(model, opts)?;
    let mut charts = Charts::new(templates);
    let mut out = Vec::new();
    for code in &ctx.chapters {
        let view = build::chapter(&ctx, code, &mut charts)?;
        pages(templates, opts, code, &view, &mut out)?;
    }
    let view = build::overview(&ctx, &mut charts)?;
    pages(templates, opts, "overview", &view, &mut out)?;
    let view = build::index(&ctx);
    pages(templates, opts, "index", &view, &mut out)?;
    if opts.formats.markdown {
        out.extend(charts.files.into_iter().map(|(path, svg)| RenderedFile {
            path,
            bytes: svg.into_bytes(),
        }));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
