//! The rules of a finding's `quantity`: a count (`value`, or `min`/`max`,
//! with the time it covers in `per`) or a share (`percent` with its base
//! `n`), never both.
//!
//! A share is kept apart from counts on purpose: the reports show it as a
//! percentage with its n and never turn it into a per-year rate or add it
//! to a count, so a `per` on a share or a share mixed with a count is an
//! error rather than something silently ignored.

use super::Names;
use super::finding::{check_range, unknown_place};
use super::sink::{Sink, help};
use crate::files::Quantity;

/// Checks quantity `q` of the finding at YAML path `p` (`findings[3]`).
pub(super) fn check_quantity(sink: &mut Sink, f: usize, p: &str, q: &Quantity, names: &Names) {
    let at = format!("{p}.quantity");
    match q.percent {
        Some(pc) => check_share(sink, f, &at, q, pc),
        None if q.value.is_none() && q.min.is_none() && q.max.is_none() => {
            let d = sink.err(f, &at, "empty-quantity", "no number given".into());
            help(
                d,
                "give `value:`, or `min:` and/or `max:`; for a share `percent:` (and `n:`)",
            );
        }
        None => {
            check_range(sink, f, &at, q.value, q.min, q.max);
            if q.n.is_some() {
                let d = sink.err(
                    f,
                    format!("{at}.n"),
                    "n-without-percent",
                    "`n` is the base of a share, but this quantity has no `percent`".into(),
                );
                help(
                    d,
                    "for a share write `percent: <0-100>, n: <base>`; for a count remove `n` \
                     and say what was counted in `of`",
                );
            }
        }
    }
    super::units::check_unit(sink, f, &at, &q.unit, names);
    if let Some(loc) = &q.location
        && !names.is_place_or_country(loc)
        && !names.excused("places", loc)
    {
        unknown_place(sink, f, &format!("{at}.location"), loc, names);
    }
}

/// A share: 0–100 %, a positive base, no count beside it and no `per`.
fn check_share(sink: &mut Sink, f: usize, at: &str, q: &Quantity, pc: f64) {
    if !pc.is_finite() || !(0.0..=100.0).contains(&pc) {
        let d = sink.err(
            f,
            format!("{at}.percent"),
            "percent-out-of-range",
            format!("percent {pc} is not between 0 and 100"),
        );
        help(
            d,
            "give the share in per cent (`percent: 34` for 34%); a number of people is a \
             count: `value:`",
        );
    }
    for (name, given) in [
        ("value", q.value.is_some()),
        ("min", q.min.is_some()),
        ("max", q.max.is_some()),
    ] {
        if given {
            let d = sink.err(
                f,
                format!("{at}.{name}"),
                "share-and-count",
                format!(
                    "a quantity is a count or a share, but this one has both `{name}` and `percent`"
                ),
            );
            help(
                d,
                "keep `percent` (and its base in `n`), or record the count in a finding of its own",
            );
        }
    }
    if q.n == Some(0) {
        let d = sink.err(
            f,
            format!("{at}.n"),
            "zero-base",
            "n 0: a share of nobody".into(),
        );
        help(
            d,
            "give how many were asked or counted (`n: 120`), or leave `n` out when the source does not say",
        );
    }
    if q.per.is_some() {
        let d = sink.err(
            f,
            format!("{at}.per"),
            "per-on-share",
            "a share covers no time span: `per` is for counts".into(),
        );
        help(
            d,
            "remove `per`; the finding's period says when the share was measured",
        );
    }
}
