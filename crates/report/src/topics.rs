//! The study's order for sections 1 and 5 of a chapter.
//!
//! Section 1 ("Forms of entry") of every country chapter of the study
//! runs: how migrants enter irregularly, who is detected, detained or
//! deported, the AVR caseload, then the lawful flows (entries, visas,
//! permits) and refugees. Section 5 ("Profile of migrants") runs: sex,
//! age, education, income, motive. The files carry no topic field, so a
//! figure's topic is read from its source type, unit and phenomenon and,
//! for detentions and refugees, from the words of what was counted; every
//! rule is below and tested.

use corridor_schema::files::{Education, Per, Profile, Quantity, Sex, UnitInput};
use corridor_schema::{Finding, Phenomenon, SourceType};

/// The topics of section 1, in the study's order.
pub const TOPICS: [(&str, &str); 6] = [
    ("entry", "Irregular entry and stay"),
    ("detentions", "Detections, detentions and deportations"),
    ("avr", "Assisted voluntary return"),
    ("lawful", "Lawful flows: entries, visas and permits"),
    ("refugees", "Refugees and asylum"),
    ("other", "Other figures"),
];

/// The position in [`TOPICS`] of finding `f`'s figure `q`.
pub fn topic(f: &Finding, q: &Quantity) -> usize {
    let words = format!(
        "{} {}",
        q.of.as_deref().unwrap_or(""),
        q.category.as_deref().unwrap_or("")
    )
    .to_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| words.contains(w));
    if has(&["refugee", "asylum"]) {
        4
    } else if f.kind == SourceType::Avr || has(&["avr"]) {
        2
    } else if has(&[
        "detain",
        "detention",
        "deport",
        "caught",
        "apprehen",
        "arrest",
        "expel",
        "detected",
        "transferred",
    ]) {
        1
    } else if matches!(q.unit.as_str(), "visas" | "permits" | "crossings")
        || matches!(
            f.phenomenon,
            Some(Phenomenon::RegularMovement | Phenomenon::Context) | None
        )
    {
        3
    } else if matches!(
        f.phenomenon,
        Some(Phenomenon::Smuggling | Phenomenon::IrregularMigration | Phenomenon::Trafficking)
    ) {
        0
    } else {
        5
    }
}

/// What a figure is evidence of, in words.
pub fn evidence_of(p: Option<Phenomenon>) -> &'static str {
    match p {
        Some(Phenomenon::Smuggling) => "smuggling",
        Some(Phenomenon::IrregularMigration) => "irregular migration, no smuggler reported",
        Some(Phenomenon::Trafficking) => "trafficking in persons",
        Some(Phenomenon::RegularMovement) => "lawful movement",
        _ => "context",
    }
}

/// The figure as reported, with its unit and what it covers: `30–50
/// persons a month`, `1 person at one time`; a share as `34% (n = 120)`,
/// with no time span (it is not a flow). `reported` is the count as the
/// report prints it; `unit` is the declared unit of `q.unit` (a checked
/// model always has it; without, the id is printed).
pub fn figure(reported: &str, q: &Quantity, unit: Option<&UnitInput>) -> String {
    if let Some(pc) = q.percent {
        return crate::fmt::share(pc, q.n);
    }
    let (one, many) = unit.map_or((q.unit.as_str(), q.unit.as_str()), |u| {
        (u.singular.as_str(), u.label.as_str())
    });
    let unit = if reported == "1" { one } else { many };
    let per = match q.covers() {
        Per::Year => " a year",
        Per::Month => " a month",
        Per::Week => " a week",
        Per::Day => " a day",
        Per::Period => " over the period",
        Per::Point => " at one time",
    };
    format!("{reported} {unit}{per}")
}

/// The facets of section 5, in the study's order.
pub const FACETS: [&str; 7] = [
    "Sex",
    "Age",
    "Education",
    "Income",
    "Motive",
    "Origin",
    "Other observations",
];

/// Words of a statement that speak of income (the files have no income
/// field; the study's profiles describe it in words).
const INCOME: [&str; 6] = ["income", "salary", "poor", "poverty", "wage", "earning no"];

/// The facet of a profile statement: the first of sex, age, education,
/// income, motive and origin that it speaks to.
pub fn facet(text: &str, p: Option<&Profile>) -> usize {
    let income = {
        let t = text.to_lowercase();
        INCOME.iter().any(|w| t.contains(w))
    };
    match p {
        Some(p) if p.sex.is_some() => 0,
        Some(p) if p.age_min.is_some() || p.age_max.is_some() => 1,
        Some(p) if p.education.is_some() => 2,
        _ if income => 3,
        Some(p) if p.motive.is_some() => 4,
        Some(p) if p.origin.is_some() || p.origin_area.is_some() => 5,
        _ => 6,
    }
}

/// Men, women or both, in words.
pub fn sex_words(s: Sex) -> &'static str {
    match s {
        Sex::Male => "men",
        Sex::Female => "women",
        Sex::Mixed => "men and women",
    }
}

/// The schooling a profile records, in words. The field holds the highest
/// level *completed*, so `primary` is a group that did not finish
/// secondary school.
pub fn education_words(e: Education) -> &'static str {
    match e {
        Education::None => "no schooling",
        Education::Primary => "primary schooling, secondary not completed",
        Education::Secondary => "secondary schooling",
        Education::Vocational => "vocational training",
        Education::Higher => "higher education",
        Education::Mixed => "mixed levels of schooling",
    }
}

/// The lead sentence of a facet from the structured fields of its
/// statements' profiles, e.g. `Men (3 statements); men and women (1).`;
/// empty when none carries the field.
pub fn lead(facet: usize, profiles: &[Option<&Profile>]) -> String {
    let ps = profiles.iter().flatten();
    let tally = |words: Vec<&str>| -> String {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for w in words {
            match counts.iter_mut().find(|(x, _)| *x == w) {
                Some((_, n)) => *n += 1,
                None => counts.push((w, 1)),
            }
        }
        let parts: Vec<String> = counts
            .iter()
            .enumerate()
            .map(|(k, (w, n))| match (k, n) {
                (0, 1) => format!("{w} (1 statement)"),
                (0, _) => format!("{w} ({n} statements)"),
                _ => format!("{w} ({n})"),
            })
            .collect();
        let t = parts.join("; ");
        match t.get(..1) {
            Some(c) => format!("{}{}.", c.to_uppercase(), &t[1..]),
            None => String::new(),
        }
    };
    match facet {
        0 => tally(ps.filter_map(|p| p.sex.map(sex_words)).collect()),
        1 => {
            let lo = ps.clone().filter_map(|p| p.age_min).min();
            let hi = ps.filter_map(|p| p.age_max).max();
            match (lo, hi) {
                (Some(a), Some(b)) => format!("Ages reported run from {a} to {b}."),
                (Some(a), None) => format!("Ages reported start at {a}."),
                (None, Some(b)) => format!("Ages reported go up to {b}."),
                (None, None) => String::new(),
            }
        }
        2 => tally(
            ps.filter_map(|p| p.education.map(education_words))
                .collect(),
        ),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(sex: Option<Sex>, education: Option<Education>) -> Profile {
        Profile {
            sex,
            age_min: None,
            age_max: None,
            education,
            origin: None,
            origin_area: None,
            motive: None,
        }
    }

    #[test]
    fn a_profile_goes_to_its_first_facet_in_the_studys_order() {
        let p = profile(None, Some(Education::Primary));
        assert_eq!(FACETS[facet("x", Some(&p))], "Education");
        assert_eq!(FACETS[facet("from poor families", None)], "Income");
        assert_eq!(
            FACETS[facet("nothing structured", None)],
            "Other observations"
        );
    }

    #[test]
    fn leads_count_the_structured_values_and_say_what_primary_means() {
        let a = profile(Some(Sex::Male), None);
        let b = profile(Some(Sex::Male), Some(Education::Primary));
        let c = profile(Some(Sex::Mixed), None);
        assert_eq!(
            lead(0, &[Some(&a), Some(&b), Some(&c), None]),
            "Men (2 statements); men and women (1)."
        );
        assert_eq!(
            lead(2, &[Some(&b)]),
            "Primary schooling, secondary not completed (1 statement)."
        );
        assert_eq!(lead(4, &[Some(&a)]), "");
    }
}
