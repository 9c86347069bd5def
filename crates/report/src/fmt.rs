//! Number formatting for the reports, in Rust rather than in templates, so
//! that every printed number has one fixed shape on every machine: thousands
//! separated by commas, a fixed number of decimals per kind of number, and
//! never a locale or a float's shortest-round-trip digits.

/// Groups the digits of a non-negative integer string in threes: `1234567`
/// becomes `1,234,567`.
fn group(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count or amount as read: integers with thousands separators (`1,000`),
/// other values rounded to two decimals with trailing zeros dropped
/// (`2.5`, `0.33`).
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "n/a".into();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let s = format!("{:.2}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let int = group(int);
    if frac.is_empty() {
        // "-0" would be noise: a value that rounds to zero prints as 0.
        if int == "0" {
            return "0".into();
        }
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// A range `lo–hi`, or one number when both ends are equal.
pub fn range(lo: f64, hi: f64) -> String {
    if num(lo) == num(hi) {
        num(lo)
    } else {
        format!("{}–{}", num(lo), num(hi))
    }
}

/// A score or vector component in [0, 1], three decimals (`0.755`).
pub fn score(x: f64) -> String {
    format!("{x:.3}")
}

/// A number to `n` decimals, for the audit's scores and consistency
/// ratios (`0.7550`).
pub fn decimals(x: f64, n: usize) -> String {
    format!("{x:.n$}")
}

/// A count with thousands separators (`10,000`).
pub fn count(n: usize) -> String {
    group(&n.to_string())
}

/// A share of the audit's draws, in [0, 1], as a percentage with one
/// decimal always (`98.8%`, `100.0%`): the decimal shows the precision of
/// the draw count.
pub fn draw_share(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A vector component for a heat-map cell, two decimals (`0.76`).
pub fn cell(x: f64) -> String {
    format!("{x:.2}")
}

/// A share as a percentage: whole when exact to one decimal (`16%`),
/// otherwise one decimal (`33.3%`).
pub fn percent(part: f64, whole: f64) -> String {
    if whole <= 0.0 {
        return "–".into();
    }
    let s = format!("{:.1}", 100.0 * part / whole);
    let s = s.strip_suffix(".0").unwrap_or(&s);
    format!("{s}%")
}

/// A share as reported, with its base when known: `34% (n = 120)`,
/// `92%`. The percentage is shaped like [`percent`]'s (whole when exact to
/// one decimal, else one decimal) and n like a count (`1,200`).
pub fn share(percent_value: f64, n: Option<u32>) -> String {
    let pc = percent(percent_value, 100.0);
    match n {
        Some(n) => format!("{pc} (n = {})", num(f64::from(n))),
        None => pc,
    }
}

/// A period for readers: `2005`, `2004–2005` for whole years, `April
/// 2005` for one month, otherwise `April–June 2005` or `April 2005–March
/// 2006`.
pub fn period(p: &corridor_schema::Period) -> String {
    let (a, b) = (p.start, p.end);
    if a.month() == 1 && b.month() == 12 {
        if a.year() == b.year() {
            format!("{:04}", a.year())
        } else {
            format!("{:04}–{:04}", a.year(), b.year())
        }
    } else if a == b {
        format!("{} {:04}", month_name(a.month()), a.year())
    } else if a.year() == b.year() {
        format!(
            "{}–{} {:04}",
            month_name(a.month()),
            month_name(b.month()),
            a.year()
        )
    } else {
        format!(
            "{} {:04}–{} {:04}",
            month_name(a.month()),
            a.year(),
            month_name(b.month()),
            b.year()
        )
    }
}

/// The English name of month `m` (1–12): periods print as words, never
/// as `2005-01`, whose hyphen reads as a dash.
fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(m.clamp(1, 12) - 1) as usize]
}

/// An SVG coordinate: one decimal, which is finer than any screen or
/// printer needs and keeps the files small and stable.
pub fn px(x: f64) -> String {
    // Integer tenths: exact-precision float formatting is slow, and charts
    // print hundreds of thousands of coordinates.
    let tenths = (x * 10.0).round() as i64;
    let (int, frac) = (tenths / 10, (tenths % 10).abs());
    let sign = if tenths < 0 && int == 0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_fixed_shape() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(999.0), "999");
        assert_eq!(num(1000.0), "1,000");
        assert_eq!(num(1_488_489.0), "1,488,489");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-1234.5), "-1,234.5");
        assert_eq!(num(f64::NAN), "n/a");
        assert_eq!(range(500.0, 1000.0), "500–1,000");
        assert_eq!(range(3.0, 3.0), "3");
    }

    #[test]
    fn audit_numbers() {
        assert_eq!(count(10_000), "10,000");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(draw_share(0.9876), "98.8%");
        assert_eq!(draw_share(1.0), "100.0%");
        assert_eq!(decimals(0.75504, 4), "0.7550");
    }

    #[test]
    fn scores_and_percentages() {
        assert_eq!(score(0.7552), "0.755");
        assert_eq!(score(1.0), "1.000");
        assert_eq!(cell(0.7552), "0.76");
        assert_eq!(percent(4.0, 25.0), "16%");
        assert_eq!(percent(7.0, 25.0), "28%");
        assert_eq!(percent(1.0, 3.0), "33.3%");
        assert_eq!(percent(1.0, 0.0), "–");
        // Issue 11: a share with its base, n grouped like a count.
        assert_eq!(share(34.0, Some(120)), "34% (n = 120)");
        assert_eq!(share(33.333, Some(1200)), "33.3% (n = 1,200)");
        assert_eq!(share(92.0, None), "92%");
        assert_eq!(px(12.0), "12");
        let p = |s: &str| period(&s.parse().unwrap());
        assert_eq!(p("2005"), "2005");
        assert_eq!(p("2004..2005"), "2004–2005");
        assert_eq!(p("2005-04"), "April 2005");
        assert_eq!(p("2005-Q2"), "April–June 2005");
        assert_eq!(p("2004-01..2005-09"), "January 2004–September 2005");
        assert_eq!(px(12.26), "12.3");
        assert_eq!(px(-0.25), "-0.3");
        assert_eq!(px(-3.0), "-3");
        assert_eq!(px(0.04), "0");
    }
}
