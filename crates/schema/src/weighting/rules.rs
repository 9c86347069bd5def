//! The rules of a weighting file that need no arithmetic beyond
//! comparisons — values in range, judgements on Saaty's scale, every pair
//! judged, every type in exactly one group — as [`Problem`]s at YAML paths.
//! The one set of weighting rules: `check` places them at their lines, and
//! `corridor-score` runs them again on a file built in code.

use super::*;

/// A problem found in a weighting file, before its position is known:
/// the YAML path it concerns and whether to point at the key.
#[derive(Debug, Clone)]
pub struct Problem {
    /// YAML path, e.g. `judgements[3].ratio`.
    pub path: String,
    /// Point at the key rather than the value.
    pub at_key: bool,
    /// The diagnostic, with file and position still empty.
    pub diagnostic: Diagnostic,
}

fn problem(path: impl Into<String>, code: &'static str, msg: String, help: &str) -> Problem {
    let mut d = Diagnostic::error(code, "", 0, 0).message(msg);
    if !help.is_empty() {
        d = d.help(help);
    }
    Problem {
        path: path.into(),
        at_key: false,
        diagnostic: d,
    }
}

impl WeightingFile {
    /// The groups in use, ordered by the first type they hold (method
    /// order), so that naming never changes any output; `None` when the
    /// file keeps the default grouping.
    pub fn ordered_groups(&self) -> Option<Vec<(String, Vec<SourceType>)>> {
        let groups = self.groups.as_ref()?;
        let mut out: Vec<(String, Vec<SourceType>)> = groups
            .iter()
            .map(|(name, types)| {
                let mut t = types.clone();
                t.sort();
                t.dedup();
                (name.clone(), t)
            })
            .collect();
        out.sort_by(|a, b| a.1.first().cmp(&b.1.first()).then(a.0.cmp(&b.0)));
        Some(out)
    }

    /// Every problem of the file that needs no solving: errors and
    /// warnings, in file order of the rules.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(problem(
                "name",
                "empty-text",
                "name is empty".into(),
                "name the weighting, e.g. `name: officials-first`",
            ));
        }
        match self.method {
            Method::Direct => self.direct_problems(&mut out),
            Method::Ahp => self.ahp_problems(&mut out),
        }
        if let Some(t) = self.theta
            && !(t.is_finite() && t > 0.0 && t <= 1.0)
        {
            out.push(problem(
                    "theta",
                    "bad-number",
                    format!("theta {t} is outside (0, 1]"),
                    "θ is the strength v from which a type counts for triangulation; 0.5 is the default",
                ));
        }
        if let Some(c) = &self.confidence {
            let (co, su, si) = c.resolved();
            if si < 1 || su < si || co < su {
                out.push(problem(
                    "confidence",
                    "bad-thresholds",
                    format!(
                        "confidence thresholds corroborated {co}, supported {su}, single_source {si} are out of order"
                    ),
                    "they count groups and need 1 ≤ single_source ≤ supported ≤ corroborated",
                ));
            }
        }
        self.map_problems(&mut out);
        self.group_problems(&mut out);
        out
    }

    fn direct_problems(&self, out: &mut Vec<Problem>) {
        if !self.judgements.is_empty() {
            let mut p = problem(
                "judgements",
                "wrong-method",
                "judgements are only read with `method: ahp`".into(),
                "remove them, or set `method: ahp` and remove `weights`",
            );
            p.at_key = true;
            out.push(p);
        }
        for (t, w) in &self.weights {
            if !(w.is_finite() && *w >= 0.0) {
                out.push(problem(
                    format!("weights.{t}"),
                    "negative-weight",
                    format!("weight of {t} is {w}: weights must be non-negative numbers"),
                    "use 0 for a type that should not count",
                ));
            }
        }
        let negative = self.weights.values().any(|w| !(w.is_finite() && *w >= 0.0));
        let sum: f64 = self
            .weights
            .values()
            .filter(|w| w.is_finite() && **w >= 0.0)
            .sum();
        if !sum.is_finite() {
            let mut p = problem(
                "weights",
                "weights-too-large",
                "the weights add up to infinity".into(),
                "use smaller numbers: only their ratios matter",
            );
            p.at_key = true;
            out.push(p);
        } else if sum <= 0.0 {
            let mut p = problem(
                "weights",
                "zero-weights",
                "all weights are zero (or none are given)".into(),
                "give at least one source type a positive weight",
            );
            p.at_key = true;
            out.push(p);
        } else if !negative {
            let missing: Vec<&str> = SourceType::ALL
                .iter()
                .filter(|t| !self.weights.contains_key(t))
                .map(|t| t.key())
                .collect();
            if !missing.is_empty() {
                let mut p = problem(
                    "weights",
                    "unweighted-type",
                    format!("types left out weigh 0: {}", missing.join(", ")),
                    "give them a weight (0 to say so explicitly and silence this warning)",
                );
                p.at_key = true;
                p.diagnostic = p.diagnostic.warning();
                out.push(p);
            }
        }
    }

    fn ahp_problems(&self, out: &mut Vec<Problem>) {
        if !self.weights.is_empty() {
            let mut p = problem(
                "weights",
                "wrong-method",
                "weights are only read with `method: direct`".into(),
                "remove them, or set `method: direct` and remove `judgements`",
            );
            p.at_key = true;
            out.push(p);
        }
        if self.judgements.is_empty() {
            out.push(problem(
                "method",
                "no-judgements",
                "method ahp needs judgements".into(),
                "add `judgements:` with items `- {a: border_service, b: media, ratio: 3}`",
            ));
            return;
        }
        // judged[i][j]: the index of the judgement of the unordered pair.
        let mut judged = [[None::<usize>; N_TYPES]; N_TYPES];
        let mut named = [false; N_TYPES];
        for (i, j) in self.judgements.iter().enumerate() {
            let p = format!("judgements[{i}]");
            named[j.a.index()] = true;
            named[j.b.index()] = true;
            match j.ratio.value() {
                None => out.push(problem(
                    format!("{p}.ratio"),
                    "bad-ratio",
                    format!("ratio '{}' is not a number or a fraction", j.ratio),
                    "write a number from Saaty's scale (1 to 9) or a fraction such as \"1/3\"",
                )),
                Some(x) if !(SCALE_MIN..=SCALE_MAX).contains(&x) => out.push(problem(
                    format!("{p}.ratio"),
                    "ratio-out-of-scale",
                    format!(
                        "judgement {} vs {} is {}: it must lie between 1/9 and 9",
                        j.a, j.b, j.ratio
                    ),
                    "Saaty's scale: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; use \"1/x\" for less important",
                )),
                Some(_) => {}
            }
            if j.a == j.b {
                out.push(problem(
                    &p,
                    "self-judgement",
                    format!("{} is compared with itself", j.a),
                    "remove it: the diagonal of the matrix is always 1",
                ));
                continue;
            }
            let (x, y) = (j.a.index().min(j.b.index()), j.a.index().max(j.b.index()));
            match judged[x][y] {
                Some(first) => out.push(problem(
                    &p,
                    "duplicate-judgement",
                    format!(
                        "{} vs {} is already judged in judgements[{first}]",
                        j.a, j.b
                    ),
                    "keep one judgement per pair (in either order)",
                )),
                None => judged[x][y] = Some(i),
            }
        }
        let names: Vec<SourceType> = SourceType::ALL
            .iter()
            .copied()
            .filter(|t| named[t.index()])
            .collect();
        let mut missing = Vec::new();
        for (k, a) in names.iter().enumerate() {
            for b in &names[k + 1..] {
                if judged[a.index()][b.index()].is_none() {
                    missing.push(format!("{{a: {a}, b: {b}, ratio: …}}"));
                }
            }
        }
        if let Some(first) = missing.first() {
            let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
            let more = if missing.len() > 5 { ", …" } else { "" };
            let mut p = problem(
                "judgements",
                "missing-judgement",
                format!(
                    "{} pair(s) of the types named are not judged, first {first}",
                    missing.len()
                ),
                "",
            );
            p.diagnostic = p.diagnostic.help(format!(
                "every pair of the types named needs one judgement; add {}{more}",
                shown.join(", ")
            ));
            p.at_key = true;
            out.push(p);
        }
    }

    fn map_problems(&self, out: &mut Vec<Problem>) {
        let mut check = |path: String, v: f64| {
            if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                out.push(problem(
                    path,
                    "bad-number",
                    format!("{v} is outside [0, 1]"),
                    "σ, ρ and κ are factors of a finding's weight a(e) = σ·ρ·κ and lie in [0, 1]",
                ));
            }
        };
        if let Some(m) = &self.strength {
            for (k, v) in m.entries() {
                if let Some(v) = v {
                    check(format!("strength.{k}"), v);
                }
            }
        }
        if let Some(m) = &self.reliability {
            for (k, v) in m.entries() {
                if let Some(v) = v {
                    check(format!("reliability.{k}"), v);
                }
            }
        }
        if let Some(m) = &self.credibility {
            for (k, v) in m.entries() {
                if let Some(v) = v {
                    check(format!("credibility.{k}"), v);
                }
            }
        }
    }

    fn group_problems(&self, out: &mut Vec<Problem>) {
        let Some(groups) = &self.groups else {
            return;
        };
        let mut owner: [Option<&str>; N_TYPES] = [None; N_TYPES];
        for (name, types) in groups {
            if !is_slug(name) {
                let mut p = problem(
                    format!("groups.{name}"),
                    "bad-id",
                    format!("group name '{name}' is not a lowercase slug"),
                    "use lowercase letters, digits, '-' and '_', e.g. `civil_society`",
                );
                p.at_key = true;
                out.push(p);
            }
            if types.is_empty() {
                out.push(problem(
                    format!("groups.{name}"),
                    "empty-list",
                    format!("group '{name}' has no types"),
                    "list its types, or remove the group",
                ));
            }
            for (j, t) in types.iter().enumerate() {
                match owner[t.index()] {
                    Some(other) => out.push(problem(
                        format!("groups.{name}[{j}]"),
                        "duplicate-type",
                        if other == name {
                            format!("{t} is listed twice in group '{name}'")
                        } else {
                            format!("{t} is already in group '{other}'")
                        },
                        "every type belongs to exactly one group",
                    )),
                    None => owner[t.index()] = Some(name),
                }
            }
        }
        let missing: Vec<&str> = SourceType::ALL
            .iter()
            .filter(|t| owner[t.index()].is_none())
            .map(|t| t.key())
            .collect();
        if !missing.is_empty() {
            let mut p = problem(
                "groups",
                "ungrouped-type",
                format!("types in no group: {}", missing.join(", ")),
                "every type belongs to exactly one group: add each to a group, or a group of its own",
            );
            p.at_key = true;
            out.push(p);
        }
    }
}
