//! Section 1, forms of entry and magnitude: the figures by topic in the
//! study's order, the statements without a figure, and AVR cases by status.

use super::*;

/// Section 1.
pub(crate) fn magnitude(s: &Scope<'_, '_>, notes: &mut Notes<'_, '_>) -> MagnitudeSection {
    let (ctx, model, mine) = (s.ctx, s.ctx.model, s.mine);
    let f = |i: usize| s.finding(i);
    let evidence_of = |d: Dimension| s.evidence_of(d);
    // 1. Forms of entry and magnitude: the figures by topic in the
    // study's order, each as reported with its period (never converted
    // or added up: units, periods and sources differ). Notes are numbered
    // only once the rows are in the order they are read.
    let mut by_topic: Vec<Vec<usize>> = vec![Vec::new(); crate::topics::TOPICS.len()];
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        if let Some(q) = &f(i).quantity {
            by_topic[crate::topics::topic(f(i), q)].push(i);
        }
    }
    let mut topics = Vec::new();
    for (k, found) in by_topic.iter().enumerate() {
        if found.is_empty() {
            continue;
        }
        let rows = found
            .iter()
            .map(|&i| {
                let fi = f(i);
                let q = fi.quantity.as_ref().expect("grouped by its quantity");
                FigureRow {
                    statement: notes.statement(i),
                    figure: crate::topics::figure(
                        &reported(q.value, q.min, q.max),
                        q,
                        model.unit(&q.unit),
                    ),
                    period: crate::fmt::period(&fi.period),
                    location: q
                        .location
                        .as_deref()
                        .map(|l| ctx.place(l))
                        .unwrap_or_default(),
                    evidence_of: crate::topics::evidence_of(fi.phenomenon),
                }
            })
            .collect();
        let (id, title) = crate::topics::TOPICS[k];
        topics.push(MagnitudeTopic { id, title, rows });
    }
    let statements = evidence_of(Dimension::Magnitude)
        .filter(|&i| f(i).quantity.is_none())
        .map(|i| notes.statement(i))
        .collect();
    let place = |c: &str| ctx.place(c);
    let avr = tables::avr_status(mine.iter().map(|&i| (i, f(i))), &place, &mut |i| {
        notes.finding(i)
    });

    MagnitudeSection {
        topics,
        statements,
        avr,
    }
}
