//! The numbers a chapter computes from findings: quantities as reported,
//! fees in US dollars, the fee-bracket distribution by origin and the AVR
//! cases by location and status. Quantities are never turned into per-year
//! rates (units, periods and sources differ), and a share (`percent`) never
//! enters a sum or a range.
//!
//! These tables are computed from the findings every time, never typed in:
//! adding an interview or an AVR declaration changes them on the next run.
//! How the findings encode them is fixed by the indicator format:
//!
//! - fee brackets: `migrant_interview` findings, dimension `fees`,
//!   `fee: {min, max, currency: USD, covers: total_trip, respondents: N}`
//!   and `profile: {origin: ISO3}`; a bracket is a distinct (min, max);
//! - AVR status: `avr` findings, dimension `magnitude`,
//!   `quantity: {value, unit: cases, category: <status>, location: <code>}`;
//!   findings without `category` or `location` do not enter the table, and a
//!   cell with no finding is zero.

use crate::fmt::{num, percent, range};
use crate::views::{CategoryRow, CategoryTable};
use corridor_schema::files::{Fee, FeeItem};
use corridor_schema::model::Rate;
use corridor_schema::{Dimension, Finding, FindingKind, Period, SourceType};
use std::collections::BTreeMap;

/// The bounds of a number given as `value`, `min`/`max`, or one bound.
pub fn bounds(value: Option<f64>, min: Option<f64>, max: Option<f64>) -> Option<(f64, f64)> {
    match (value, min, max) {
        (Some(v), _, _) => Some((v, v)),
        (None, Some(lo), Some(hi)) => Some((lo, hi)),
        (None, Some(lo), None) => Some((lo, lo)),
        (None, None, Some(hi)) => Some((hi, hi)),
        (None, None, None) => None,
    }
}

/// A number as reported: `20`, `100–200`, `at least 100`, `up to 200`.
pub fn reported(value: Option<f64>, min: Option<f64>, max: Option<f64>) -> String {
    match (value, min, max) {
        (Some(v), _, _) => num(v),
        (None, Some(lo), Some(hi)) => range(lo, hi),
        (None, Some(lo), None) => format!("at least {}", num(lo)),
        (None, None, Some(hi)) => format!("up to {}", num(hi)),
        (None, None, None) => "–".into(),
    }
}

/// What a fee bought, in words.
pub const fn covers_words(c: FeeItem) -> &'static str {
    match c {
        FeeItem::TotalTrip => "total trip",
        FeeItem::PartialTrip => "partial trip",
        FeeItem::Transport => "transport",
        FeeItem::Visa => "visa",
        FeeItem::Invitation => "invitation",
        FeeItem::Documents => "documents",
        FeeItem::Bribe => "bribe",
        FeeItem::Accommodation => "accommodation",
        FeeItem::BorderCrossing => "border crossing",
        FeeItem::Registration => "registration",
        FeeItem::Other => "other",
    }
}

/// The rate that converts `currency` for a finding about `period`: the first
/// rate in rates.yaml whose date overlaps the period, else the first rate
/// for the currency; `None` for US dollars or an unknown currency.
pub fn rate_for<'r>(
    currency: &str,
    period: &Period,
    rates: &'r [Rate],
) -> Option<(usize, &'r Rate)> {
    let mut of_currency = rates
        .iter()
        .enumerate()
        .filter(|(_, r)| r.currency == currency && r.per_usd > 0.0);
    let first = of_currency.clone().next();
    of_currency
        .find(|(_, r)| r.date.parse::<Period>().is_ok_and(|d| d.overlaps(period)))
        .or(first)
}

/// A fee's bounds in US dollars: identity for USD, divided by the rate of
/// [`rate_for`] otherwise; `None` when the currency has no rate.
pub fn fee_usd(fee: &Fee, period: &Period, rates: &[Rate]) -> Option<(f64, f64)> {
    let (lo, hi) = bounds(fee.value, fee.min, fee.max)?;
    if fee.currency == "USD" {
        return Some((lo, hi));
    }
    let (_, r) = rate_for(&fee.currency, period, rates)?;
    Some((lo / r.per_usd, hi / r.per_usd))
}

/// Sums values into rows × columns, remembering first appearance.
#[derive(Default)]
struct Cells {
    rows: Vec<String>,
    cols: Vec<String>,
    sums: BTreeMap<(usize, usize), f64>,
    findings: Vec<usize>,
}

impl Cells {
    fn add(&mut self, row: &str, col: &str, value: f64, finding: usize) {
        let r = index_of(&mut self.rows, row);
        let c = index_of(&mut self.cols, col);
        *self.sums.entry((r, c)).or_default() += value;
        self.findings.push(finding);
    }
}

fn index_of(v: &mut Vec<String>, key: &str) -> usize {
    match v.iter().position(|k| k == key) {
        Some(i) => i,
        None => {
            v.push(key.to_string());
            v.len() - 1
        }
    }
}

/// Labels and layout of a finished table.
struct Shape<'a> {
    caption: String,
    row_header: &'a str,
    /// Column order, as indices into `Cells::cols`.
    order: Vec<usize>,
    /// Column labels in that order.
    labels: Vec<String>,
    percents: bool,
}

fn finish(
    cells: Cells,
    shape: Shape<'_>,
    row_label: &dyn Fn(&str) -> String,
    note: &mut dyn FnMut(usize) -> usize,
) -> CategoryTable {
    let mut col_totals = vec![0.0; shape.order.len()];
    let mut grand = 0.0;
    let rows = cells
        .rows
        .iter()
        .enumerate()
        .map(|(r, code)| {
            let mut total = 0.0;
            let row_cells = shape
                .order
                .iter()
                .enumerate()
                .map(|(j, &c)| match cells.sums.get(&(r, c)) {
                    Some(&v) => {
                        total += v;
                        col_totals[j] += v;
                        num(v)
                    }
                    None => "–".into(),
                })
                .collect();
            grand += total;
            CategoryRow {
                code: code.clone(),
                label: row_label(code),
                cells: row_cells,
                total: num(total),
            }
        })
        .collect();
    let mut notes: Vec<usize> = cells.findings.iter().map(|&i| note(i)).collect();
    notes.sort_unstable();
    notes.dedup();
    CategoryTable {
        caption: shape.caption,
        row_header: shape.row_header.to_string(),
        columns: shape.labels,
        rows,
        percents: if shape.percents {
            col_totals.iter().map(|&t| percent(t, grand)).collect()
        } else {
            Vec::new()
        },
        totals: col_totals.iter().map(|&t| num(t)).collect(),
        total: num(grand),
        notes,
    }
}

/// Whether a finding enters the fee-bracket table, and with what:
/// (origin, min, max, respondents).
pub fn bracket_entry(f: &Finding) -> Option<(&str, f64, f64, u32)> {
    if f.kind != SourceType::MigrantInterview
        || f.dimension != Dimension::Fees
        || f.finding != FindingKind::Observed
    {
        return None;
    }
    let fee = f.fee.as_ref()?;
    if fee.covers != FeeItem::TotalTrip || fee.currency != "USD" || fee.value.is_some() {
        return None;
    }
    let origin = f.profile.as_ref()?.origin.as_deref()?;
    Some((origin, fee.min?, fee.max?, fee.respondents?))
}

/// The label of a fee bracket: `below 500` when it starts at 0, else
/// `500–1,000`.
pub fn bracket_label(min: f64, max: f64) -> String {
    if min == 0.0 {
        format!("below {}", num(max))
    } else {
        range(min, max)
    }
}

/// The total cost of a trip by country of origin and fee bracket, from the
/// findings given (`(index, finding)` in model order); `None` when none of
/// them is a bracket finding.
pub fn fee_brackets<'a>(
    findings: impl Iterator<Item = (usize, &'a Finding)>,
    row_label: &dyn Fn(&str) -> String,
    note: &mut dyn FnMut(usize) -> usize,
) -> Option<CategoryTable> {
    let mut cells = Cells::default();
    let mut keys: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for (i, f) in findings {
        if let Some((origin, lo, hi, n)) = bracket_entry(f) {
            let key = bracket_label(lo, hi);
            keys.insert(key.clone(), (lo, hi));
            cells.add(origin, &key, f64::from(n), i);
        }
    }
    if cells.findings.is_empty() {
        return None;
    }
    let mut order: Vec<usize> = (0..cells.cols.len()).collect();
    let bound = |c: usize| keys[&cells.cols[c]];
    order.sort_by(|&a, &b| {
        let ((a0, a1), (b0, b1)) = (bound(a), bound(b));
        a0.total_cmp(&b0).then(a1.total_cmp(&b1))
    });
    let labels = order
        .iter()
        .map(|&c| format!("{} US$", cells.cols[c]))
        .collect();
    let respondents: f64 = cells.sums.values().sum();
    let shape = Shape {
        caption: format!(
            "Total cost of the trip by country of origin ({} interviewed migrants)",
            num(respondents)
        ),
        row_header: "Country of origin",
        order,
        labels,
        percents: true,
    };
    Some(finish(cells, shape, row_label, note))
}

/// Whether a finding enters the AVR status table, and with what:
/// (location, category, value).
pub fn avr_entry(f: &Finding) -> Option<(&str, &str, f64)> {
    if f.kind != SourceType::Avr
        || f.dimension != Dimension::Magnitude
        || f.finding != FindingKind::Observed
    {
        return None;
    }
    let q = f.quantity.as_ref()?;
    // A share is not a number of cases: summing it would add percentages
    // to counts.
    if q.unit != "cases" || q.is_share() {
        return None;
    }
    Some((q.location.as_deref()?, q.category.as_deref()?, q.value?))
}

/// AVR cases by location and status, from the findings given; `None` when
/// none of them is an AVR status finding.
pub fn avr_status<'a>(
    findings: impl Iterator<Item = (usize, &'a Finding)>,
    row_label: &dyn Fn(&str) -> String,
    note: &mut dyn FnMut(usize) -> usize,
) -> Option<CategoryTable> {
    let mut cells = Cells::default();
    let mut what: Vec<String> = Vec::new();
    for (i, f) in findings {
        if let Some((loc, cat, v)) = avr_entry(f) {
            cells.add(loc, cat, v, i);
            if let Some(of) = f.quantity.as_ref().and_then(|q| q.of.as_deref()) {
                index_of(&mut what, of);
            }
        }
    }
    if cells.findings.is_empty() {
        return None;
    }
    let caption = match what.as_slice() {
        [one] => format!("AVR cases by status: {one}"),
        _ => "AVR cases by status".to_string(),
    };
    let shape = Shape {
        caption,
        row_header: "Location",
        order: (0..cells.cols.len()).collect(),
        labels: cells.cols.clone(),
        percents: false,
    };
    Some(finish(cells, shape, row_label, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn reported_numbers() {
        assert_eq!(reported(Some(20.0), None, None), "20");
        assert_eq!(reported(None, Some(150.0), Some(200.0)), "150–200");
        assert_eq!(reported(None, Some(100.0), None), "at least 100");
        assert_eq!(reported(None, None, Some(9.0)), "up to 9");
    }

    #[test]
    fn fees_convert_with_the_rate_of_their_period() {
        let rate = |per_usd: f64, date: &str| Rate {
            currency: "KGS".into(),
            per_usd,
            date: date.into(),
            citation: "x".into(),
        };
        let rates = vec![rate(40.0, "2005"), rate(50.0, "2006")];
        let fee = |cur: &str| Fee {
            value: Some(400.0),
            min: None,
            max: None,
            currency: cur.into(),
            covers: FeeItem::Visa,
            respondents: None,
        };
        let p2005 = period("2005-03");
        assert_eq!(fee_usd(&fee("KGS"), &p2005, &rates), Some((10.0, 10.0)));
        assert_eq!(
            fee_usd(&fee("KGS"), &period("2006"), &rates),
            Some((8.0, 8.0))
        );
        // No rate of the period: the first one for the currency.
        assert_eq!(
            fee_usd(&fee("KGS"), &period("2001"), &rates),
            Some((10.0, 10.0))
        );
        assert_eq!(fee_usd(&fee("USD"), &p2005, &rates), Some((400.0, 400.0)));
        assert_eq!(fee_usd(&fee("TJS"), &p2005, &rates), None);
        assert_eq!(bracket_label(0.0, 500.0), "below 500");
        assert_eq!(bracket_label(1000.0, 2000.0), "1,000–2,000");
    }
}
