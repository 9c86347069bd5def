//! `corridor.xlsx`: a README sheet, then one sheet per table with typed
//! cells (numbers as numbers, truth values as booleans, blanks for absent
//! values), a bold frozen header row and column widths fitted to the text.
//!
//! The bytes are the same on every run: rust_xlsxwriter stamps every zip
//! entry with a fixed date, and the one clock it reads (the document's
//! creation time) is set here to a constant.

use super::{Cell, Kind, Table};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// The creation date written into every workbook: a constant, so that two
/// exports of the same files are the same bytes.
const CREATED: (u16, u8, u8) = (2000, 1, 1);

/// The widest column, in characters.
const MAX_WIDTH: usize = 60;

/// The workbook of `tables`, with `about` as the README sheet's settings.
pub(super) fn workbook(tables: &[Table], about: &[(String, String)]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(CREATED.0, CREATED.1, CREATED.2)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("corridor export")
            .set_comment(super::METHOD)
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    readme(wb.add_worksheet(), tables, about, &bold)?;
    for t in tables {
        sheet(wb.add_worksheet(), t, &bold)?;
    }
    wb.save_to_buffer()
}

/// The README sheet: the settings, then every column of every sheet.
fn readme(
    ws: &mut Worksheet,
    tables: &[Table],
    about: &[(String, String)],
    bold: &Format,
) -> Result<(), XlsxError> {
    ws.set_name("README")?;
    let mut widths = [0usize; 4];
    let mut put = |ws: &mut Worksheet, r: u32, c: u16, s: &str, f: Option<&Format>| {
        widths[c as usize] = widths[c as usize].max(s.chars().count());
        match f {
            Some(f) => ws.write_string_with_format(r, c, s, f).map(|_| ()),
            None => ws.write_string(r, c, s).map(|_| ()),
        }
    };
    put(ws, 0, 0, "setting", Some(bold))?;
    put(ws, 0, 1, "value", Some(bold))?;
    let mut r = 1;
    for (k, v) in about {
        put(ws, r, 0, k, None)?;
        put(ws, r, 1, v, None)?;
        r += 1;
    }
    r += 1;
    for (c, h) in ["sheet", "column", "type", "description"]
        .iter()
        .enumerate()
    {
        put(ws, r, c as u16, h, Some(bold))?;
    }
    r += 1;
    for t in tables {
        put(ws, r, 0, t.name, None)?;
        put(ws, r, 3, &t.description, None)?;
        r += 1;
        for f in &t.fields {
            put(ws, r, 0, t.name, None)?;
            put(ws, r, 1, &f.name, None)?;
            let kind = match f.kind {
                Kind::List => "list (;)",
                k => k.frictionless(),
            };
            put(ws, r, 2, kind, None)?;
            put(ws, r, 3, &f.description, None)?;
            r += 1;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, width(*w))?;
    }
    Ok(())
}

/// One table's sheet.
fn sheet(ws: &mut Worksheet, t: &Table, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name(t.name)?;
    let mut widths: Vec<usize> = t.fields.iter().map(|f| f.name.chars().count()).collect();
    for (c, f) in t.fields.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, &f.name, bold)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                Cell::Null => continue,
                Cell::Str(s) => {
                    ws.write_string(r, col, s)?;
                    s.chars().count()
                }
                Cell::List(v) => {
                    let s = v.join(";");
                    ws.write_string(r, col, &s)?;
                    s.chars().count()
                }
                // Excel holds every number as an f64; the integers here
                // are counts and ranks, far below 2^53.
                Cell::Int(i) => {
                    ws.write_number(r, col, *i as f64)?;
                    i.to_string().len()
                }
                Cell::Num(x) => {
                    ws.write_number(r, col, *x)?;
                    // Excel shows about eleven significant digits.
                    x.to_string().len().min(12)
                }
                Cell::Bool(b) => {
                    ws.write_boolean(r, col, *b)?;
                    5
                }
            };
            widths[c] = widths[c].max(shown);
        }
    }
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, width(*w))?;
    }
    Ok(())
}

/// A column width in Excel's character units for text of `chars`.
fn width(chars: usize) -> f64 {
    (chars.clamp(4, MAX_WIDTH) + 2) as f64
}
