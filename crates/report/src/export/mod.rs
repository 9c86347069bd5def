//! Data out: every number of the model and its scores as typed tables, for
//! analysts who continue in R, pandas or a spreadsheet.
//!
//! A [`Table`] is a Frictionless tabular resource — a name, typed and
//! described fields, keys — with its rows. The same tables are written as
//! CSV (`corridor export`, `list|score|audit --format csv`), as JSON rows
//! (`list --format json`), as the sheets of `corridor.xlsx`, and described
//! by `datapackage.json`; the README's table of columns is generated from
//! the same field descriptions ([`columns_markdown`]), so nothing is typed
//! twice. Like the rest of the crate it writes no file: [`render`] returns
//! every file's bytes and the CLI writes them.
//!
//! The tables read the [`Published`] model: in the public view a
//! confidential source is its public name, public citation and public id
//! (finding ids `<public id>#<n>`), with no contact and no file; the numbers
//! and roles are the one [`Scored`] result's.

mod geo;
mod package;
mod scores;
mod tables;
mod xlsx;

pub use scores::{audit, audit_rows, scores_long, scores_wide};
pub use tables::{corridors, findings, movements, places, sources};

use crate::Audience;
use crate::render::RenderedFile;
use corridor_schema::{Model, Published};
use corridor_score::Scored;
use corridor_score::Weighting;
use corridor_score::audit::AuditReport;
use serde_json::{Map, Value};

/// The method version the exported numbers follow. (The report crate's
/// `build::METHOD` still says version 1.)
pub const METHOD: &str = "METHOD.md, version 2";

/// The `name` of every data package `corridor export` writes: it marks a
/// folder as an earlier export, which a new export may replace.
pub const PACKAGE_NAME: &str = "corridor-export";

/// Why an export could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The workbook writer refused a value or failed to pack the file.
    #[error("cannot write corridor.xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// JSON serialisation failed.
    #[error("cannot serialise {what}: {source}")]
    Json {
        /// Which file.
        what: &'static str,
        /// The cause.
        source: serde_json::Error,
    },
}

/// The type of a field, as Frictionless names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A real number, printed with the shortest representation that reads
    /// back to the same `f64`.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A list of strings: `;`-joined in CSV and in the workbook, an array
    /// in JSON. Frictionless type `string`.
    List,
}

impl Kind {
    /// The Frictionless Table Schema type.
    pub const fn frictionless(self) -> &'static str {
        match self {
            Kind::String | Kind::List => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
        }
    }
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Absent: an empty CSV cell, a blank cell, JSON `null`.
    Null,
    /// Text.
    Str(String),
    /// A whole number.
    Int(i64),
    /// A real number.
    Num(f64),
    /// A truth value.
    Bool(bool),
    /// A list of strings.
    List(Vec<String>),
}

impl Cell {
    /// Text, or `Null` when absent.
    pub fn opt_str(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Null, |s| Cell::Str(s.into()))
    }

    /// A number, or `Null` when absent.
    pub fn opt_num(x: Option<f64>) -> Cell {
        x.map_or(Cell::Null, Cell::Num)
    }

    /// A whole number, or `Null` when absent.
    pub fn opt_int(x: Option<impl Into<i64>>) -> Cell {
        x.map_or(Cell::Null, |x| Cell::Int(x.into()))
    }

    /// A count.
    pub fn count(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// The CSV text of the cell (unquoted).
    fn text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Str(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            // Rust prints the shortest text that reads back to the same
            // bits, and never in exponent form.
            Cell::Num(x) if x.is_finite() => x.to_string(),
            Cell::Num(_) => String::new(),
            Cell::Bool(b) => b.to_string(),
            Cell::List(v) => v.join(";"),
        }
    }

    fn json(&self) -> Value {
        match self {
            Cell::Null => Value::Null,
            Cell::Str(s) => Value::String(s.clone()),
            Cell::Int(i) => Value::from(*i),
            Cell::Num(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
            Cell::Bool(b) => Value::Bool(*b),
            Cell::List(v) => Value::Array(v.iter().cloned().map(Value::String).collect()),
        }
    }
}

/// A described column.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Column name.
    pub name: String,
    /// Its type.
    pub kind: Kind,
    /// What it holds, in one or two sentences (the README and the data
    /// package both print this).
    pub description: String,
}

/// A foreign key: `fields` of this table name a row of `resource` by its
/// `reference` fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignKey {
    /// Columns of this table.
    pub fields: Vec<&'static str>,
    /// The table referred to.
    pub resource: &'static str,
    /// Its key columns.
    pub reference: Vec<&'static str>,
}

/// One table: a Frictionless tabular resource and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Resource name: the CSV is `<name>.csv`, the sheet `<name>`.
    pub name: &'static str,
    /// A title.
    pub title: &'static str,
    /// What one row is.
    pub description: String,
    /// The columns.
    pub fields: Vec<Field>,
    /// The primary key's columns.
    pub primary_key: Vec<&'static str>,
    /// Foreign keys.
    pub foreign_keys: Vec<ForeignKey>,
    /// The rows, each with one cell per field.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// RFC 4180 CSV with a header row and `\n` line ends; a cell holding a
    /// comma, a quote or a line break is quoted.
    pub fn csv(&self) -> String {
        let mut s = String::new();
        let line = |s: &mut String, cells: &mut dyn Iterator<Item = String>| {
            let parts: Vec<String> = cells.map(|c| quote(&c)).collect();
            s.push_str(&parts.join(","));
            s.push('\n');
        };
        line(&mut s, &mut self.fields.iter().map(|f| f.name.clone()));
        for r in &self.rows {
            line(&mut s, &mut r.iter().map(Cell::text));
        }
        s
    }

    /// The rows as JSON objects keyed by field name, in field order.
    pub fn json_rows(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|r| {
                    let obj: Map<String, Value> = self
                        .fields
                        .iter()
                        .zip(r)
                        .map(|(f, c)| (f.name.clone(), c.json()))
                        .collect();
                    Value::Object(obj)
                })
                .collect(),
        )
    }

    /// The column named `name`, for tests and filters.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A column of a table built from items of type `T`: its field and how to
/// read its value, side by side so that they cannot drift apart.
pub(crate) struct Col<'a, T> {
    field: Field,
    get: Box<dyn Fn(&T) -> Cell + 'a>,
}

/// A column.
pub(crate) fn col<'a, T>(
    name: impl Into<String>,
    kind: Kind,
    description: impl Into<String>,
    get: impl Fn(&T) -> Cell + 'a,
) -> Col<'a, T> {
    Col {
        field: Field {
            name: name.into(),
            kind,
            description: description.into(),
        },
        get: Box::new(get),
    }
}

/// The identity of a table, without its columns.
pub(crate) struct Meta {
    pub name: &'static str,
    pub title: &'static str,
    pub description: String,
    pub primary_key: Vec<&'static str>,
    pub foreign_keys: Vec<ForeignKey>,
}

/// Builds a table from columns and items.
pub(crate) fn build<'a, T>(
    meta: Meta,
    cols: Vec<Col<'a, T>>,
    items: impl IntoIterator<Item = T>,
) -> Table {
    let rows = items
        .into_iter()
        .map(|it| cols.iter().map(|c| (c.get)(&it)).collect())
        .collect();
    Table {
        name: meta.name,
        title: meta.title,
        description: meta.description,
        fields: cols.into_iter().map(|c| c.field).collect(),
        primary_key: meta.primary_key,
        foreign_keys: meta.foreign_keys,
        rows,
    }
}

/// The settings an export was made with, printed on the workbook's README
/// sheet and in the data package's description.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The filter, in words ("all periods, all corridors").
    pub filter: String,
    /// The audit's settings, in words.
    pub audit: String,
}

/// Everything an export is made of.
pub struct Inputs<'a> {
    /// The model as the audience may see it.
    pub published: &'a Published,
    /// Every score, under one weighting (smuggling first), made with
    /// `Scored::with_roles` (without roles, the findings' role columns are
    /// empty).
    pub scored: &'a Scored,
    /// The audit of the weighting (`None`: the table's columns only).
    pub audit: Option<&'a AuditReport>,
    /// How it was made.
    pub settings: Settings,
}

/// Every table of an export, in the order of the data package.
pub fn tables(inp: &Inputs<'_>) -> Vec<Table> {
    let (p, m) = (inp.published, inp.published.model());
    let reports = &inp.scored.reports;
    let weighting = &inp.scored.weighting;
    let all_c: Vec<usize> = (0..m.corridors.len()).collect();
    let all_m: Vec<usize> = (0..m.movements.len()).collect();
    let all_s: Vec<usize> = (0..m.sources.len()).collect();
    let all_f: Vec<usize> = (0..m.findings.len()).collect();
    let headline = &reports[0];
    vec![
        corridors(p, &all_c),
        movements(p, &all_m),
        places(p),
        sources(p, &all_s),
        findings(p, &all_f, inp.scored.roles().unwrap_or_default()),
        scores_wide(reports, headline.phenomenon, usize::MAX),
        scores_long(headline, weighting),
        match inp.audit {
            Some(a) => audit(a),
            None => audit_rows(
                std::slice::from_ref(&weighting.name),
                &[],
                &Default::default(),
            ),
        },
    ]
}

/// Every file of an export, sorted by path: one CSV per table,
/// `corridor.xlsx`, `routes.geojson` and `datapackage.json`.
pub fn render(inp: &Inputs<'_>) -> Result<Vec<RenderedFile>, ExportError> {
    let tables = tables(inp);
    let mut files: Vec<RenderedFile> = tables
        .iter()
        .map(|t| RenderedFile {
            path: format!("{}.csv", t.name),
            bytes: t.csv().into_bytes(),
        })
        .collect();
    let about = readme_lines(inp);
    files.push(RenderedFile {
        path: "corridor.xlsx".into(),
        bytes: xlsx::workbook(&tables, &about)?,
    });
    files.push(RenderedFile {
        path: "routes.geojson".into(),
        bytes: json_bytes("routes.geojson", &geo::routes(inp.published))?,
    });
    files.push(RenderedFile {
        path: "datapackage.json".into(),
        bytes: json_bytes("datapackage.json", &package::descriptor(&tables, &about))?,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The names of every file [`render`] writes: a folder holding only these
/// (and a data package named [`PACKAGE_NAME`]) is an earlier export.
pub fn file_names() -> Vec<String> {
    let mut v: Vec<String> = TABLES.iter().map(|t| format!("{t}.csv")).collect();
    v.extend(["corridor.xlsx", "routes.geojson", "datapackage.json"].map(String::from));
    v.sort();
    v
}

/// The tables' names, in the order of [`tables`].
pub const TABLES: [&str; 8] = [
    "corridors",
    "movements",
    "places",
    "sources",
    "findings",
    "scores",
    "scores_long",
    "audit",
];

fn json_bytes(what: &'static str, v: &Value) -> Result<Vec<u8>, ExportError> {
    let mut s =
        serde_json::to_string_pretty(v).map_err(|source| ExportError::Json { what, source })?;
    s.push('\n');
    Ok(s.into_bytes())
}

/// (setting, value) lines of the README sheet and the package description.
fn readme_lines(inp: &Inputs<'_>) -> Vec<(String, String)> {
    let w = &inp.scored.weighting;
    let weights: Vec<String> = corridor_schema::SourceType::ALL
        .iter()
        .map(|t| format!("{} {}", t.key(), w.weights[t.index()]))
        .collect();
    let mut v = vec![
        ("title".into(), "corridor export".into()),
        ("audience".into(), inp.published.audience().key().into()),
        ("method".into(), METHOD.into()),
        (
            "weighting".into(),
            format!("{} ({})", w.name, w.summary().method.key()),
        ),
        ("weights".into(), weights.join("; ")),
        ("theta".into(), w.params.theta.to_string()),
        (
            "headline phenomenon".into(),
            inp.scored.reports[0].phenomenon.key().into(),
        ),
        ("filter".into(), inp.settings.filter.clone()),
        ("audit".into(), inp.settings.audit.clone()),
    ];
    if let Some(cr) = w.ahp.as_ref().map(|a| a.consistency_ratio) {
        v.insert(4, ("consistency ratio".into(), cr.to_string()));
    }
    v
}

/// The README's section on the export's columns: one Markdown table per
/// resource, generated from the same fields as the data package. Fields
/// that only the internal view has are marked.
pub fn columns_markdown() -> String {
    let public = schema_tables(Audience::Public);
    let internal = schema_tables(Audience::Internal);
    let mut s = String::new();
    for t in &internal {
        let pub_fields: Vec<&str> = public
            .iter()
            .find(|p| p.name == t.name)
            .map(|p| p.fields.iter().map(|f| f.name.as_str()).collect())
            .unwrap_or_default();
        s.push_str(&format!(
            "#### `{}.csv` — {}\n\n{}",
            t.name, t.title, t.description
        ));
        s.push_str(&format!(
            " Primary key: {}.",
            t.primary_key
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" + ")
        ));
        for fk in &t.foreign_keys {
            s.push_str(&format!(
                " `{}` refers to `{}.{}`.",
                fk.fields.join("`, `"),
                fk.resource,
                fk.reference.join("`, `")
            ));
        }
        s.push_str("\n\n| column | type | description |\n|---|---|---|\n");
        for f in &t.fields {
            let mark = if pub_fields.contains(&f.name.as_str()) {
                ""
            } else {
                " *(internal view only)*"
            };
            s.push_str(&format!(
                "| `{}` | {} | {}{mark} |\n",
                f.name,
                match f.kind {
                    Kind::List => "list (`;`)",
                    k => k.frictionless(),
                },
                f.description.replace('|', "\\|")
            ));
        }
        s.push('\n');
    }
    s
}

/// The tables of an empty model: their fields and keys, no rows.
fn schema_tables(audience: Audience) -> Vec<Table> {
    let m = Model::default();
    let scored = Scored::new(&m, &Weighting::equal(), &corridor_score::Filter::default());
    tables(&Inputs {
        published: &Published::new(&m, audience),
        scored: &scored,
        audit: None,
        settings: Settings {
            filter: String::new(),
            audit: String::new(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(cells: Vec<Cell>) -> Table {
        Table {
            name: "t",
            title: "T",
            description: String::new(),
            fields: (0..cells.len())
                .map(|i| Field {
                    name: format!("c{i}"),
                    kind: Kind::String,
                    description: String::new(),
                })
                .collect(),
            primary_key: vec![],
            foreign_keys: vec![],
            rows: vec![cells],
        }
    }

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks_and_joins_lists() {
        let t = one(vec![
            Cell::Str("a, b".into()),
            Cell::Str("say \"hi\"".into()),
            Cell::Str("two\nlines".into()),
            Cell::List(vec!["x".into(), "y".into()]),
            Cell::Null,
            Cell::Num(0.1 + 0.2),
            Cell::Num(1e-7),
            Cell::Bool(false),
            Cell::Int(-3),
        ]);
        assert_eq!(
            t.csv(),
            "c0,c1,c2,c3,c4,c5,c6,c7,c8\n\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",x;y,,0.30000000000000004,0.0000001,false,-3\n"
        );
        assert_eq!(
            serde_json::to_string(&t.json_rows()).unwrap(),
            r#"[{"c0":"a, b","c1":"say \"hi\"","c2":"two\nlines","c3":["x","y"],"c4":null,"c5":0.30000000000000004,"c6":1e-7,"c7":false,"c8":-3}]"#
        );
    }

    #[test]
    fn every_table_is_described_and_named_as_the_export_lists_them() {
        let tables = schema_tables(Audience::Internal);
        assert_eq!(tables.iter().map(|t| t.name).collect::<Vec<_>>(), TABLES);
        for t in &tables {
            assert!(!t.description.is_empty(), "{}", t.name);
            for f in &t.fields {
                assert!(!f.description.is_empty(), "{}.{}", t.name, f.name);
            }
            for k in &t.primary_key {
                assert!(t.column(k).is_some(), "{}: key {k}", t.name);
            }
        }
        // The public view has no contact and no file column.
        let public = schema_tables(Audience::Public);
        let sources = public.iter().find(|t| t.name == "sources").unwrap();
        assert!(sources.column("contact").is_none() && sources.column("file").is_none());
    }
}
