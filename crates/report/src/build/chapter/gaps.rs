//! The chapter's data gaps: unavailable versus withheld per kind of
//! source, the silent kinds, and each corridor's gaps.

use super::*;

/// The gaps section.
pub(crate) fn gaps(
    s: &Scope<'_, '_>,
    notes: &mut Notes<'_, '_>,
    vector: &VectorSection,
    mine_corridors: &[(usize, &'static str)],
) -> GapsSection {
    let (ctx, model, mine) = (s.ctx, s.ctx.model, s.mine);
    let f = |i: usize| s.finding(i);
    // Data gaps: unavailable versus withheld, per type.
    let mut type_gaps = Vec::new();
    for t in SourceType::ALL {
        // Numbered as printed: the unavailable, then the withheld.
        let of_kind = |k: FindingKind| {
            mine.iter()
                .copied()
                .filter(move |&i| f(i).kind == *t && f(i).finding == k)
        };
        let unavailable: Vec<Statement> = of_kind(FindingKind::Unavailable)
            .map(|i| notes.statement(i))
            .collect();
        let withheld: Vec<Statement> = of_kind(FindingKind::Withheld)
            .map(|i| notes.statement(i))
            .collect();
        if !unavailable.is_empty() || !withheld.is_empty() {
            type_gaps.push(TypeGap {
                key: t.key(),
                label: t.label(),
                unavailable,
                withheld,
            });
        }
    }
    let silent = vector
        .types
        .iter()
        .filter(|t| t.status == "none")
        .map(|t| t.label.to_string())
        .collect();
    let labels = |ts: &[SourceType]| ts.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ");
    let corridor_gaps = mine_corridors
        .iter()
        .map(|&(c, _)| {
            let g = ctx.evidence.gaps(c);
            CorridorGap {
                id: model.corridors[c].id.clone(),
                label: model.corridors[c].label.clone(),
                unavailable: labels(&g.unavailable),
                withheld: labels(&g.withheld),
                none: g.none.len(),
            }
        })
        .collect();

    GapsSection {
        types: type_gaps,
        silent,
        corridors: corridor_gaps,
    }
}
