//! Section 4, fees: each fee in US dollars at the declared rates, and the
//! fee brackets by origin.

use super::*;

/// Section 4.
pub(crate) fn fees(s: &Scope<'_, '_>, notes: &mut Notes<'_, '_>) -> FeesSection {
    let (ctx, model, mine) = (s.ctx, s.ctx.model, s.mine);
    let f = |i: usize| s.finding(i);
    let evidence_of = |d: Dimension| s.evidence_of(d);
    // 4. Fees, in US dollars.
    let mut fee_rows = Vec::new();
    let mut used_rates: BTreeSet<usize> = BTreeSet::new();
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        let fi = f(i);
        let Some(fee) = &fi.fee else { continue };
        let statement = notes.statement(i);
        if fee.currency != "USD"
            && let Some((r, _)) = tables::rate_for(&fee.currency, &fi.period, &model.rates)
        {
            used_rates.insert(r);
        }
        fee_rows.push(FeeRow {
            statement,
            evidence_of: match fi.phenomenon {
                Some(Phenomenon::Smuggling) => "smuggling fee",
                Some(Phenomenon::Trafficking) => "trafficking",
                Some(Phenomenon::IrregularMigration) => "irregular migration, no facilitator",
                _ => "lawful cost",
            },
            covers: covers_words(fee.covers),
            origin: fi
                .profile
                .as_ref()
                .and_then(|p| p.origin.as_deref())
                .map(|o| ctx.country_name(o))
                .unwrap_or_default(),
            reported: format!("{} {}", reported(fee.value, fee.min, fee.max), fee.currency),
            usd: tables::fee_usd(fee, &fi.period, &model.rates)
                .map(|(lo, hi)| crate::fmt::range(lo, hi))
                .unwrap_or_else(|| "no rate".into()),
            respondents: fee.respondents.map(|n| n.to_string()).unwrap_or_default(),
        });
    }
    let rates = used_rates
        .iter()
        .map(|&r| &model.rates[r])
        .map(|r| RateView {
            currency: r.currency.clone(),
            per_usd: num(r.per_usd),
            date: r.date.clone(),
            citation: r.citation.clone(),
        })
        .collect();
    let country = |c: &str| ctx.country_name(c);
    let brackets = tables::fee_brackets(mine.iter().map(|&i| (i, f(i))), &country, &mut |i| {
        notes.finding(i)
    });

    FeesSection {
        rows: fee_rows,
        rates,
        brackets,
        statements: evidence_of(Dimension::Fees)
            .filter(|&i| f(i).fee.is_none())
            .map(|i| notes.statement(i))
            .collect(),
    }
}
