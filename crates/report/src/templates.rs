//! The templates: embedded in the binary, each overridable by a file of the
//! same name in a template directory (`corridor report --templates DIR`).
//!
//! Two tera instances keep escaping right by construction. HTML and SVG
//! templates autoescape with HTML escaping; Markdown templates autoescape
//! with [`escape_markdown`], so text from an indicator file can neither
//! inject markup or script into a page nor break a Markdown table. A
//! template opts out only with `| safe`, which the shipped templates use for
//! nothing but chart markup that their own SVG templates escaped.

use crate::ReportError;
use crate::escape::escape_markdown;
use serde::Serialize;
use std::path::Path;
use tera::{Context, Tera};

/// A template name and what it receives.
#[derive(Debug, Clone, Copy)]
pub struct TemplateInfo {
    /// File name, as embedded and as overridden.
    pub name: &'static str,
    /// The view struct it is rendered with (see `views` and `charts`).
    pub context: &'static str,
    /// What it makes.
    pub about: &'static str,
}

/// Every template, in the order README.md (section "Reports") documents them.
pub const TEMPLATES: &[TemplateInfo] = &[
    TemplateInfo {
        name: "page.html.tera",
        context: "the page's view (ChapterView, OverviewView or IndexView); uses `page`",
        about: "HTML layout every page extends: head, inline CSS, banner, navigation; block `content`",
    },
    TemplateInfo {
        name: "style.css.tera",
        context: "none (included by page.html.tera)",
        about: "the inline stylesheet, screen and print",
    },
    TemplateInfo {
        name: "header.md.tera",
        context: "the page's view; uses `page`",
        about: "Markdown page header: title, internal banner, navigation",
    },
    TemplateInfo {
        name: "chapter.md.tera",
        context: "ChapterView",
        about: "a country chapter in Markdown",
    },
    TemplateInfo {
        name: "chapter.html.tera",
        context: "ChapterView",
        about: "a country chapter in HTML",
    },
    TemplateInfo {
        name: "overview.md.tera",
        context: "OverviewView",
        about: "the regional overview in Markdown",
    },
    TemplateInfo {
        name: "overview.html.tera",
        context: "OverviewView",
        about: "the regional overview in HTML",
    },
    TemplateInfo {
        name: "index.md.tera",
        context: "IndexView",
        about: "the index page in Markdown",
    },
    TemplateInfo {
        name: "index.html.tera",
        context: "IndexView",
        about: "the index page in HTML",
    },
    TemplateInfo {
        name: "summary.md.tera",
        context: "the page's view (ChapterView or OverviewView); uses `summary`",
        about: "the summary box and the \"How to read this report\" panel, in Markdown",
    },
    TemplateInfo {
        name: "summary.html.tera",
        context: "the page's view (ChapterView or OverviewView); uses `summary`",
        about: "the summary box and the \"How to read this report\" panel, in HTML",
    },
    TemplateInfo {
        name: "methods.md.tera",
        context: "MethodsView",
        about: "the methods annex in Markdown: the method in plain words, the grades, the labels, the weighting and the audit settings",
    },
    TemplateInfo {
        name: "methods.html.tera",
        context: "MethodsView",
        about: "the methods annex in HTML",
    },
    TemplateInfo {
        name: "audit.md.tera",
        context: "AuditPage (the AuditView as `v`)",
        about: "the audit document in Markdown: rank intervals under weights and grades, single sources, other weightings",
    },
    TemplateInfo {
        name: "audit.html.tera",
        context: "AuditPage (the AuditView as `v`)",
        about: "the audit document as one self-contained HTML page with its rank-interval chart",
    },
    TemplateInfo {
        name: "vector.svg.tera",
        context: "VectorChart",
        about: "a corridor's strength vector as a bar chart",
    },
    TemplateInfo {
        name: "heatmap.svg.tera",
        context: "HeatMap",
        about: "the corridors × types heat map",
    },
    TemplateInfo {
        name: "route.svg.tera",
        context: "RouteDiagram",
        about: "a route's legs and transport modes",
    },
    TemplateInfo {
        name: "map.svg.tera",
        context: "MapChart",
        about: "a route map: the routes of a chapter or of the region over country outlines",
    },
    TemplateInfo {
        name: "dots.svg.tera",
        context: "DotChart",
        about: "every corridor of a page as one sorted dot chart of its score and label",
    },
];

/// The embedded defaults, in the order of [`TEMPLATES`].
const EMBEDDED: &[(&str, &str)] = &[
    (
        "page.html.tera",
        include_str!("../templates/page.html.tera"),
    ),
    (
        "style.css.tera",
        include_str!("../templates/style.css.tera"),
    ),
    (
        "header.md.tera",
        include_str!("../templates/header.md.tera"),
    ),
    (
        "chapter.md.tera",
        include_str!("../templates/chapter.md.tera"),
    ),
    (
        "chapter.html.tera",
        include_str!("../templates/chapter.html.tera"),
    ),
    (
        "overview.md.tera",
        include_str!("../templates/overview.md.tera"),
    ),
    (
        "overview.html.tera",
        include_str!("../templates/overview.html.tera"),
    ),
    ("index.md.tera", include_str!("../templates/index.md.tera")),
    (
        "index.html.tera",
        include_str!("../templates/index.html.tera"),
    ),
    (
        "summary.md.tera",
        include_str!("../templates/summary.md.tera"),
    ),
    (
        "summary.html.tera",
        include_str!("../templates/summary.html.tera"),
    ),
    (
        "methods.md.tera",
        include_str!("../templates/methods.md.tera"),
    ),
    (
        "methods.html.tera",
        include_str!("../templates/methods.html.tera"),
    ),
    ("audit.md.tera", include_str!("../templates/audit.md.tera")),
    (
        "audit.html.tera",
        include_str!("../templates/audit.html.tera"),
    ),
    (
        "vector.svg.tera",
        include_str!("../templates/vector.svg.tera"),
    ),
    (
        "heatmap.svg.tera",
        include_str!("../templates/heatmap.svg.tera"),
    ),
    (
        "route.svg.tera",
        include_str!("../templates/route.svg.tera"),
    ),
    ("map.svg.tera", include_str!("../templates/map.svg.tera")),
    ("dots.svg.tera", include_str!("../templates/dots.svg.tera")),
];

/// The embedded text of a template, for documentation and tests.
pub fn embedded(name: &str) -> Option<&'static str> {
    EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The compiled templates.
#[derive(Clone)]
pub struct Templates {
    /// HTML, CSS and SVG templates, HTML-escaped.
    html: Tera,
    /// Markdown templates, Markdown-escaped.
    md: Tera,
    /// Names of the templates taken from an override directory.
    overridden: Vec<String>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("overridden", &self.overridden)
            .finish_non_exhaustive()
    }
}

fn is_markdown(name: &str) -> bool {
    name.ends_with(".md.tera")
}

impl Templates {
    /// The embedded templates.
    pub fn embedded() -> Result<Self, ReportError> {
        Self::compile(
            EMBEDDED
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            Vec::new(),
        )
    }

    /// The embedded templates, each replaced by the file of the same name
    /// in `dir` when there is one. A `*.tera` file in `dir` that matches no
    /// template is an error (it is most likely a typo); other files are
    /// ignored.
    pub fn with_overrides(dir: &Path) -> Result<Self, ReportError> {
        let dir_err = |source| ReportError::TemplateDir {
            path: dir.to_path_buf(),
            source,
        };
        let mut set: Vec<(String, String)> = EMBEDDED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let entries = corridor_schema::load::list_dir(dir).map_err(dir_err)?;
        let mut overridden = Vec::new();
        for entry in entries {
            let name = entry
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !name.ends_with(".tera") {
                continue;
            }
            let path = entry.clone();
            let Some(slot) = set.iter_mut().find(|(n, _)| *n == name) else {
                return Err(ReportError::UnknownTemplate {
                    path,
                    known: TEMPLATES
                        .iter()
                        .map(|t| t.name)
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            };
            // A FIFO or a device named `*.tera` is refused, not read
            // forever; a template has no business being over 10 MiB.
            slot.1 =
                corridor_schema::load::read_regular(&path, corridor_schema::load::MAX_FILE_BYTES)
                    .and_then(|b| {
                        String::from_utf8(b).map_err(|e| {
                            std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error())
                        })
                    })
                    .map_err(|source| ReportError::TemplateRead { path, source })?;
            overridden.push(name);
        }
        Self::compile(set, overridden)
    }

    fn compile(set: Vec<(String, String)>, overridden: Vec<String>) -> Result<Self, ReportError> {
        let compile_err = |source| ReportError::Compile {
            overrides: if overridden.is_empty() {
                String::new()
            } else {
                format!(" (overridden: {})", overridden.join(", "))
            },
            source,
        };
        let (md_set, html_set): (Vec<_>, Vec<_>) =
            set.into_iter().partition(|(n, _)| is_markdown(n));
        let mut html = Tera::new();
        html.autoescape_on([".html.tera", ".svg.tera"]);
        html.add_raw_templates(html_set).map_err(compile_err)?;
        let mut md = Tera::new();
        md.set_escape_fn(escape_markdown);
        md.autoescape_on([".md.tera"]);
        md.add_raw_templates(md_set).map_err(compile_err)?;
        Ok(Templates {
            html,
            md,
            overridden,
        })
    }

    /// The names of the templates that were overridden.
    pub fn overridden(&self) -> &[String] {
        &self.overridden
    }

    /// Renders template `name` with `view` as its context; `page` names the
    /// output in errors.
    pub fn render<V: Serialize>(
        &self,
        name: &str,
        view: &V,
        page: &str,
    ) -> Result<String, ReportError> {
        let ctx = self.context(name, view, page)?;
        self.render_context(name, &ctx, page)
    }

    /// Turns a view into a template context once, for rendering it with
    /// several templates (a page in Markdown and in HTML).
    pub fn context<V: Serialize>(
        &self,
        name: &str,
        view: &V,
        page: &str,
    ) -> Result<Context, ReportError> {
        Context::from_serialize(view).map_err(|source| ReportError::Render {
            template: name.to_string(),
            page: page.to_string(),
            source,
        })
    }

    /// Renders template `name` with a context made by [`Self::context`].
    pub fn render_context(
        &self,
        name: &str,
        ctx: &Context,
        page: &str,
    ) -> Result<String, ReportError> {
        let tera = if is_markdown(name) {
            &self.md
        } else {
            &self.html
        };
        tera.render(name, ctx)
            .map_err(|source| ReportError::Render {
                template: name.to_string(),
                page: page.to_string(),
                source,
            })
    }
}

#[cfg(test)]
// The tests write template files to a temporary folder.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_template_is_embedded_and_compiles() {
        assert_eq!(TEMPLATES.len(), EMBEDDED.len());
        for (info, (name, _)) in TEMPLATES.iter().zip(EMBEDDED) {
            assert_eq!(info.name, *name);
        }
        Templates::embedded().unwrap();
    }

    #[test]
    fn unknown_override_is_refused_with_the_known_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("chapter.md.tear.tera"), "x").unwrap();
        let err = Templates::with_overrides(dir.path()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("overrides no template"), "{msg}");
        assert!(msg.contains("chapter.md.tera"), "{msg}");
    }

    #[test]
    fn override_replaces_one_template_and_a_broken_one_names_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.md.tera"), "custom {{ page.title }}").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let t = Templates::with_overrides(dir.path()).unwrap();
        assert_eq!(t.overridden(), ["index.md.tera"]);
        std::fs::write(dir.path().join("index.md.tera"), "{% if %}").unwrap();
        let err = Templates::with_overrides(dir.path()).unwrap_err();
        let chain = crate::error_chain(&err);
        assert!(chain.contains("overridden: index.md.tera"), "{chain}");
        assert!(chain.contains("caused by"), "{chain}");
    }

    #[test]
    fn markdown_templates_escape_markdown_and_html_templates_escape_html() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.md.tera"), "{{ page.title }}").unwrap();
        std::fs::write(
            dir.path().join("index.html.tera"),
            "{{ page.title }}|{{ page.title | safe }}",
        )
        .unwrap();
        let t = Templates::with_overrides(dir.path()).unwrap();
        #[derive(Serialize)]
        struct P {
            title: &'static str,
        }
        #[derive(Serialize)]
        struct V {
            page: P,
        }
        let v = V {
            page: P {
                title: "<b>a|b</b>",
            },
        };
        assert_eq!(
            t.render("index.md.tera", &v, "x").unwrap(),
            "&lt;b&gt;a\\|b&lt;/b&gt;"
        );
        assert_eq!(
            t.render("index.html.tera", &v, "x").unwrap(),
            "&lt;b&gt;a|b&lt;/b&gt;|<b>a|b</b>"
        );
    }
}
