//! Model → the regional chapter of the overview: `region.yaml`'s
//! situation, conclusions and recommendations (checked at the input:
//! they name no confidential source), footnoted on the overview's notes.
//!
//! Built before anything else of the overview that cites, in the order the
//! page prints them (situation above the ranking, conclusions and
//! recommendations below it; the ranking cites nothing), so the note
//! numbers ascend down the page.

use super::{Ctx, Notes};
use crate::summary::join_and;
use crate::views::{RecommendationGroup, RecommendationItem, RegionView};
use corridor_schema::region::Recommendation;

/// The regional chapter; an empty one when there is no region file.
pub(super) fn view(ctx: &Ctx<'_>, notes: &mut Notes<'_, '_>) -> RegionView {
    let Some(file) = &ctx.model.region else {
        return RegionView::default();
    };
    let situation = notes.paras(&file.situation);
    let conclusions = notes.paras(&file.conclusions);
    // One group per author, in order of first mention.
    let mut groups: Vec<(String, Vec<&Recommendation>)> = Vec::new();
    for r in &file.recommendations {
        let by = r.by.trim();
        match groups.iter_mut().find(|(b, _)| b == by) {
            Some((_, items)) => items.push(r),
            None => groups.push((by.to_string(), vec![r])),
        }
    }
    let recommendations = groups
        .into_iter()
        .map(|(by, items)| {
            let each: Vec<String> = items.iter().map(|r| concerns(ctx, r)).collect();
            let common = each.windows(2).all(|w| w[0] == w[1]) && items.len() > 1;
            RecommendationGroup {
                by: crate::typo::dashes(&by),
                concerns: if common {
                    each[0].clone()
                } else {
                    String::new()
                },
                items: items
                    .iter()
                    .zip(each)
                    .map(|(r, c)| RecommendationItem {
                        text: crate::typo::dashes(&r.text),
                        note: notes.citation(&r.citation),
                        concerns: if common { String::new() } else { c },
                    })
                    .collect(),
            }
        })
        .collect();
    RegionView {
        has_file: true,
        situation,
        conclusions,
        recommendations,
    }
}

/// The countries, then the corridors, a recommendation concerns, in words
/// ("Kazakhstan and Kyrgyzstan; the corridor Bangladesh to Kyrgyzstan").
fn concerns(ctx: &Ctx<'_>, r: &Recommendation) -> String {
    let countries: Vec<String> = r.countries.iter().map(|c| ctx.country_name(c)).collect();
    let corridors: Vec<String> = r
        .corridors
        .iter()
        .map(|id| {
            ctx.model
                .corridors
                .iter()
                .find(|c| &c.id == id)
                .map_or_else(|| id.clone(), |c| c.label.clone())
        })
        .collect();
    let mut parts = Vec::new();
    if !countries.is_empty() {
        parts.push(join_and(&countries));
    }
    match corridors.len() {
        0 => {}
        1 => parts.push(format!("the corridor {}", corridors[0])),
        _ => parts.push(format!("the corridors {}", join_and(&corridors))),
    }
    parts.join("; ")
}
