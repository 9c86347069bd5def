//! Section 3, organisation: the taxonomy's tags in its order, with the
//! sources behind each.

use super::*;

/// Section 3.
pub(crate) fn organisation(s: &Scope<'_, '_>, notes: &mut Notes<'_, '_>) -> OrganizationSection {
    let (ctx, model, mine) = (s.ctx, s.ctx.model, s.mine);
    let f = |i: usize| s.finding(i);
    let evidence_of = |d: Dimension| s.evidence_of(d);
    // 3. Organisation: tags in taxonomy order, with the sources behind each.
    let mut tag_findings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        for t in &f(i).tags {
            tag_findings.entry(t.as_str()).or_default().push(i);
        }
    }
    let mut tag_order: Vec<(String, String, String)> = model
        .tags
        .iter()
        .map(|t| (t.id.clone(), t.label.clone(), t.description.clone()))
        .collect();
    for id in tag_findings.keys() {
        if !model.tags.iter().any(|t| t.id == *id) {
            tag_order.push((id.to_string(), id.to_string(), String::new()));
        }
    }
    let mut tags = Vec::new();
    for (id, label, description) in tag_order {
        let Some(found) = tag_findings.get(id.as_str()) else {
            continue;
        };
        // Grouped by source first, then numbered in the order the row
        // lists them, so that new notes read in order.
        let mut by_source: Vec<(usize, Vec<usize>)> = Vec::new();
        for &i in found {
            match by_source.iter_mut().find(|(s, _)| *s == f(i).source) {
                Some((_, v)) => v.push(i),
                None => by_source.push((f(i).source, vec![i])),
            }
        }
        for (_, v) in &mut by_source {
            for x in v.iter_mut() {
                *x = notes.finding(*x);
            }
        }
        tags.push(TagView {
            id,
            label: label.clone(),
            description: description.clone(),
            sources: by_source
                .into_iter()
                .map(|(s, mut v)| {
                    v.sort_unstable();
                    v.dedup();
                    TagSource {
                        source: ctx.source_label(&model.sources[s]),
                        notes: v,
                    }
                })
                .collect(),
            findings: found.len(),
        });
    }

    OrganizationSection {
        tags,
        statements: evidence_of(Dimension::Organization)
            .map(|i| notes.statement(i))
            .collect(),
    }
}
