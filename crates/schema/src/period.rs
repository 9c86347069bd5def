//! Periods: `2004`, `2005-H1`, `2005-Q2`, `2005-04` and ranges `A..B`,
//! resolved to an inclusive span of calendar months.
//!
//! Months are the finest grain the study's sources give; a span of months
//! makes overlap (the `--period` filter) and ordering exact integer tests.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The earliest year accepted; older dates are almost certainly typos.
pub const MIN_YEAR: i32 = 1900;
/// The latest year accepted.
pub const MAX_YEAR: i32 = 2100;

/// A calendar month, counted as `year * 12 + (month - 1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Month(pub i32);

impl Month {
    /// The month of `year`, `month` (1–12).
    pub const fn new(year: i32, month: u32) -> Self {
        Month(year * 12 + month as i32 - 1)
    }
    /// The calendar year.
    pub const fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    /// The month of the year, 1–12.
    pub const fn month(self) -> u32 {
        (self.0.rem_euclid(12) + 1) as u32
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// An inclusive span of months, with the text it was written as.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    /// First month covered.
    pub start: Month,
    /// Last month covered (inclusive).
    pub end: Month,
}

impl Period {
    /// Whether two periods share at least one month.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }
    /// Number of months covered (at least 1).
    pub fn months(&self) -> i32 {
        self.end.0 - self.start.0 + 1
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}..{}", self.start, self.end)
        }
    }
}

/// Why a period string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// Not one of the accepted shapes.
    #[error(
        "malformed period '{0}': write a year (2004), half (2005-H1), quarter (2005-Q2), month (2005-04) or a range of those (2004..2005-06)"
    )]
    Syntax(String),
    /// A year outside the accepted range.
    #[error("year {0} is outside {MIN_YEAR}..{MAX_YEAR}")]
    Year(i32),
    /// A range whose start lies after its end.
    #[error("period '{0}' starts after it ends: write the earlier date first")]
    Reversed(String),
}

/// Parses one endpoint to its first and last month.
fn parse_point(s: &str) -> Result<(Month, Month), PeriodError> {
    let bad = || PeriodError::Syntax(s.to_string());
    let (year_s, rest) = match s.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (s, None),
    };
    if year_s.len() != 4 || !year_s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let year: i32 = year_s.parse().map_err(|_| bad())?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(PeriodError::Year(year));
    }
    let (first, last) = match rest {
        None => (1, 12),
        Some(r) => match r.as_bytes() {
            [b'H', h @ b'1'..=b'2'] => {
                let h = u32::from(h - b'0');
                (6 * h - 5, 6 * h)
            }
            [b'Q', q @ b'1'..=b'4'] => {
                let q = u32::from(q - b'0');
                (3 * q - 2, 3 * q)
            }
            [a @ b'0'..=b'1', b @ b'0'..=b'9'] => {
                let m = u32::from(a - b'0') * 10 + u32::from(b - b'0');
                if !(1..=12).contains(&m) {
                    return Err(bad());
                }
                (m, m)
            }
            _ => return Err(bad()),
        },
    };
    Ok((Month::new(year, first), Month::new(year, last)))
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (start, end) = match s.split_once("..") {
            Some((a, b)) => {
                let (start, _) = parse_point(a.trim()).map_err(|e| match e {
                    PeriodError::Syntax(_) => PeriodError::Syntax(s.to_string()),
                    other => other,
                })?;
                let (_, end) = parse_point(b.trim()).map_err(|e| match e {
                    PeriodError::Syntax(_) => PeriodError::Syntax(s.to_string()),
                    other => other,
                })?;
                (start, end)
            }
            None => parse_point(s)?,
        };
        if start > end {
            return Err(PeriodError::Reversed(s.to_string()));
        }
        Ok(Period { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_shape() {
        assert_eq!(p("2004").to_string(), "2004-01..2004-12");
        assert_eq!(p("2005-H1").to_string(), "2005-01..2005-06");
        assert_eq!(p("2005-H2").to_string(), "2005-07..2005-12");
        assert_eq!(p("2005-Q2").to_string(), "2005-04..2005-06");
        assert_eq!(p("2005-04").to_string(), "2005-04");
        assert_eq!(p("2004..2005-06").to_string(), "2004-01..2005-06");
        assert_eq!(p("2004..2005-06").months(), 18);
    }

    #[test]
    fn refuses_malformed_and_reversed() {
        for bad in [
            "", "05", "2005-13", "2005-Q5", "2005-H3", "2005-4", "2005..", "x..2005",
        ] {
            assert!(
                matches!(bad.parse::<Period>(), Err(PeriodError::Syntax(_))),
                "{bad}"
            );
        }
        assert_eq!("1850".parse::<Period>(), Err(PeriodError::Year(1850)));
        assert!(matches!(
            "2006..2005".parse::<Period>(),
            Err(PeriodError::Reversed(_))
        ));
    }

    #[test]
    fn overlap_is_inclusive() {
        assert!(p("2004").overlaps(&p("2004-12..2006")));
        assert!(!p("2004").overlaps(&p("2005")));
        assert!(p("2005-Q2").overlaps(&p("2005-06")));
    }
}
