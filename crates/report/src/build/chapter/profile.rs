//! Section 5, the profile of migrants: one paragraph per facet in the
//! study's order (sex, age, education, income, motive).

use super::*;

/// Section 5.
pub(crate) fn profile(s: &Scope<'_, '_>, notes: &mut Notes<'_, '_>) -> ProfileSection {
    let f = |i: usize| s.finding(i);
    let evidence_of = |d: Dimension| s.evidence_of(d);
    // 5. Profile of migrants: one paragraph per facet in the study's
    // order (sex, age, education, income, motive), each opened by what
    // the structured fields say together.
    let mut by_facet: Vec<Vec<usize>> = vec![Vec::new(); crate::topics::FACETS.len()];
    for i in evidence_of(Dimension::Profile) {
        by_facet[crate::topics::facet(&f(i).text, f(i).profile.as_ref())].push(i);
    }
    let facets = by_facet
        .iter()
        .enumerate()
        .filter(|(_, found)| !found.is_empty())
        .map(|(k, found)| {
            let profiles: Vec<_> = found.iter().map(|&i| f(i).profile.as_ref()).collect();
            ProfileFacet {
                title: crate::topics::FACETS[k],
                lead: crate::topics::lead(k, &profiles),
                statements: found.iter().map(|&i| notes.statement(i)).collect(),
            }
        })
        .collect();

    ProfileSection { facets }
}
