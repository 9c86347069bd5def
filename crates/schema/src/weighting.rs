//! Weighting files (`indicators/weightings/*.yaml`): how much each source
//! type counts (METHOD.md §4), and optional overrides of the settings of
//! §2 and §5 (the σ/ρ/κ maps, the source groups, θ, the confidence
//! thresholds).
//!
//! This module owns the file's shape and every check that needs no
//! arithmetic beyond comparisons: values in range, judgements on Saaty's
//! scale, every pair judged, every type in exactly one group. Each problem
//! becomes a [`Diagnostic`] at its line and column. Solving the weights
//! (normalising, the AHP eigenvector and its consistency ratio) is the job
//! of `corridor-score`, which reads the [`WeightingFile`] checked here.

use crate::diag::Diagnostic;
use crate::load;
use crate::locate::PosIndex;
use crate::validate::is_slug;
use crate::vocab::{N_TYPES, Reliability, SourceType, Strength};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

mod rules;
pub use rules::Problem;

/// Saaty's scale runs from 1/9 to 9; a little slack lets `0.111` stand
/// for 1/9. `corridor-score` applies the same bound.
pub const SCALE_MIN: f64 = 1.0 / 9.0 - 1e-9;
/// Upper end of Saaty's scale (see [`SCALE_MIN`]).
pub const SCALE_MAX: f64 = 9.0 + 1e-9;

/// How the weights are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// A non-negative number per type, divided by their sum.
    Direct,
    /// Pairwise judgements on Saaty's 1–9 scale; the weights are the
    /// principal eigenvector of the judgement matrix.
    Ahp,
}

impl Method {
    /// The key as written in files and JSON.
    pub const fn key(self) -> &'static str {
        match self {
            Method::Direct => "direct",
            Method::Ahp => "ahp",
        }
    }
}

/// One weighting file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeightingFile {
    /// Short name printed beside every score, e.g. `officials-first`.
    pub name: String,
    /// Why these weights: the rationale, in a paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `direct` or `ahp`.
    pub method: Method,
    /// Direct weights: a non-negative number per source type. Types left
    /// out weigh 0 (with a warning).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<SourceType, f64>,
    /// AHP judgements: "`a` is `ratio` times as important as `b`". Every
    /// pair of the types named must be judged once; types not named weigh 0.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub judgements: Vec<Judgement>,
    /// Use the AHP weights even when the consistency ratio exceeds 0.10.
    #[serde(default)]
    pub allow_inconsistent: bool,
    /// Triangulation threshold θ (default 0.5): a type counts when v ≥ θ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theta: Option<f64>,
    /// Group counts at which each confidence label starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<ConfidenceInput>,
    /// Source groups, replacing the default grouping: every type in exactly
    /// one group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<BTreeMap<String, Vec<SourceType>>>,
    /// Overrides of σ (default weak 1/3, moderate 2/3, strong 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength: Option<StrengthMap>,
    /// Overrides of ρ (default A 1.0, B 0.8, C 0.6, D 0.4, E 0.2, F 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<ReliabilityMap>,
    /// Overrides of κ (default 1 1.0, 2 0.8, 3 0.6, 4 0.4, 5 0.2, 6 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credibility: Option<CredibilityMap>,
}

/// One AHP judgement.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    /// The type judged more (or less) important.
    pub a: SourceType,
    /// The type it is compared with.
    pub b: SourceType,
    /// How many times as important `a` is as `b`: 1/9 to 9, a number or a
    /// fraction such as `"1/3"`.
    pub ratio: Ratio,
}

/// An AHP ratio as written: a number, or a string holding a number or a
/// fraction (`"1/3"`). Kept as written so that a malformed one can be
/// reported at its position.
#[derive(Debug, Clone, PartialEq)]
pub enum Ratio {
    /// A YAML number.
    Number(f64),
    /// A string: `"3"`, `"1/3"`, `"0.5"`.
    Text(String),
}

impl Ratio {
    /// The value, if the text is a number or a fraction of two positive
    /// numbers.
    pub fn value(&self) -> Option<f64> {
        match self {
            Ratio::Number(x) => Some(*x),
            Ratio::Text(s) => {
                let num = |t: &str| t.trim().parse::<f64>().ok().filter(|x| x.is_finite());
                match s.split_once('/') {
                    Some((p, q)) => {
                        let (p, q) = (num(p)?, num(q)?);
                        (q > 0.0).then(|| p / q)
                    }
                    None => num(s),
                }
            }
        }
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ratio::Number(x) => write!(f, "{x}"),
            Ratio::Text(s) => write!(f, "{s}"),
        }
    }
}

impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Ratio::Number(x) => s.serialize_f64(*x),
            Ratio::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Ratio;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or a fraction such as \"1/3\"")
            }
            fn visit_f64<E>(self, x: f64) -> Result<Ratio, E> {
                Ok(Ratio::Number(x))
            }
            fn visit_i64<E>(self, x: i64) -> Result<Ratio, E> {
                Ok(Ratio::Number(x as f64))
            }
            fn visit_u64<E>(self, x: u64) -> Result<Ratio, E> {
                Ok(Ratio::Number(x as f64))
            }
            fn visit_str<E>(self, s: &str) -> Result<Ratio, E> {
                Ok(Ratio::Text(s.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Ratio {
    fn schema_name() -> Cow<'static, str> {
        "Ratio".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A judgement on Saaty's scale, 1/9 to 9: a number, or a fraction such as \"1/3\".",
            "oneOf": [
                {"type": "number", "minimum": 1.0 / 9.0 - 1e-9, "maximum": 9},
                {"type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*(/\\s*[0-9]+(\\.[0-9]+)?\\s*)?$"}
            ]
        })
    }
}

/// Confidence thresholds (METHOD.md §5); omitted ones keep their default.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceInput {
    /// Groups needed for `corroborated` (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corroborated: Option<usize>,
    /// Groups needed for `supported` (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported: Option<usize>,
    /// Groups needed for `single-source` (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_source: Option<usize>,
}

impl ConfidenceInput {
    /// The thresholds with defaults filled in: (corroborated, supported,
    /// single_source).
    pub fn resolved(&self) -> (usize, usize, usize) {
        (
            self.corroborated.unwrap_or(3),
            self.supported.unwrap_or(2),
            self.single_source.unwrap_or(1),
        )
    }
}

/// σ overrides; omitted entries keep their default.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StrengthMap {
    /// σ(weak), default 1/3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weak: Option<f64>,
    /// σ(moderate), default 2/3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderate: Option<f64>,
    /// σ(strong), default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strong: Option<f64>,
}

impl StrengthMap {
    /// The overrides, in [`Strength::ALL`] order.
    pub fn entries(&self) -> [(Strength, Option<f64>); 3] {
        [
            (Strength::Weak, self.weak),
            (Strength::Moderate, self.moderate),
            (Strength::Strong, self.strong),
        ]
    }
}

/// ρ overrides by Admiralty letter; omitted entries keep their default.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct ReliabilityMap {
    /// ρ(A), default 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub A: Option<f64>,
    /// ρ(B), default 0.8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub B: Option<f64>,
    /// ρ(C), default 0.6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub C: Option<f64>,
    /// ρ(D), default 0.4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub D: Option<f64>,
    /// ρ(E), default 0.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub E: Option<f64>,
    /// ρ(F), default 0.5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub F: Option<f64>,
}

impl ReliabilityMap {
    /// The overrides, in [`Reliability::ALL`] order.
    pub fn entries(&self) -> [(Reliability, Option<f64>); 6] {
        [
            (Reliability::A, self.A),
            (Reliability::B, self.B),
            (Reliability::C, self.C),
            (Reliability::D, self.D),
            (Reliability::E, self.E),
            (Reliability::F, self.F),
        ]
    }
}

/// κ overrides by Admiralty digit (`1:` to `6:`); omitted entries keep
/// their default.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CredibilityMap {
    /// κ(1), default 1.0.
    #[serde(rename = "1", default, skip_serializing_if = "Option::is_none")]
    pub c1: Option<f64>,
    /// κ(2), default 0.8.
    #[serde(rename = "2", default, skip_serializing_if = "Option::is_none")]
    pub c2: Option<f64>,
    /// κ(3), default 0.6.
    #[serde(rename = "3", default, skip_serializing_if = "Option::is_none")]
    pub c3: Option<f64>,
    /// κ(4), default 0.4.
    #[serde(rename = "4", default, skip_serializing_if = "Option::is_none")]
    pub c4: Option<f64>,
    /// κ(5), default 0.2.
    #[serde(rename = "5", default, skip_serializing_if = "Option::is_none")]
    pub c5: Option<f64>,
    /// κ(6), default 0.5.
    #[serde(rename = "6", default, skip_serializing_if = "Option::is_none")]
    pub c6: Option<f64>,
}

impl CredibilityMap {
    /// The overrides, for digits 1 to 6.
    pub fn entries(&self) -> [(u8, Option<f64>); 6] {
        [
            (1, self.c1),
            (2, self.c2),
            (3, self.c3),
            (4, self.c4),
            (5, self.c5),
            (6, self.c6),
        ]
    }
}

/// A weighting file read and checked, with what is needed to place any
/// later problem (such as an inconsistent judgement) at its line.
#[derive(Debug, Clone)]
pub struct LoadedWeighting {
    /// The file's content.
    pub file: WeightingFile,
    /// The file as shown in messages.
    pub display: String,
    /// The text, for positions.
    pub text: String,
    /// Warnings found while checking.
    pub warnings: Vec<Diagnostic>,
}

impl LoadedWeighting {
    /// A diagnostic at the value of `yaml_path` (e.g. `judgements[3]`).
    pub fn diagnostic_at(&self, yaml_path: &str, code: &'static str) -> Diagnostic {
        let pos = PosIndex::build(&self.text).value_pos(yaml_path);
        let mut d = Diagnostic::error(code, &self.display, pos.line, pos.column);
        crate::diag::attach_snippets([&mut d], &self.text);
        d
    }
}

/// Parses and checks a weighting file's text. Returns the file and its
/// warnings, or every diagnostic (errors and warnings) when it has errors.
pub fn parse(text: &str, display: &str) -> Result<LoadedWeighting, Vec<Diagnostic>> {
    let file: WeightingFile = load::parse_file(text, display).map_err(|mut d| {
        crate::diag::attach_snippets([&mut d], text);
        vec![d]
    })?;
    let problems = file.problems();
    let mut diags = Vec::new();
    if !problems.is_empty() {
        let index = PosIndex::build(text);
        for p in problems {
            let pos = if p.at_key {
                index.key_pos(&p.path)
            } else {
                index.value_pos(&p.path)
            };
            diags.push(Diagnostic {
                file: display.to_string(),
                line: pos.line,
                column: pos.column,
                ..p.diagnostic
            });
        }
        diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        crate::diag::attach_snippets(&mut diags, text);
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    Ok(LoadedWeighting {
        file,
        display: display.to_string(),
        text: text.to_string(),
        warnings: diags,
    })
}

/// Reads `path` through the loader's guards, then [`parse`]s it.
pub fn read(path: &Path, display: &str) -> Result<LoadedWeighting, Vec<Diagnostic>> {
    let text = load::read_guarded(path, display).map_err(|d| vec![d])?;
    parse(&text, display)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(text: &str) -> Vec<(&'static str, usize)> {
        match parse(text, "w.yaml") {
            Ok(l) => l.warnings.iter().map(|d| (d.code, d.line)).collect(),
            Err(ds) => ds.iter().map(|d| (d.code, d.line)).collect(),
        }
    }

    #[test]
    fn direct_file_parses_with_overrides() {
        let text = "name: t\nmethod: direct\nweights: {border_service: 2, avr: 1, migration_service: 0, migrant_interview: 0, ngo_interview: 0, travel_industry: 0, iom_staff: 0, embassy: 0, intl_org_stats: 0, media: 0, internet: 0}\ntheta: 0.4\ncredibility:\n  1: 0.9\n  \"6\": 0.4\nreliability: {F: 0.3}\nstrength: {weak: 0.25}\nconfidence: {corroborated: 4}\n";
        let l = parse(text, "t.yaml").unwrap();
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let c = l.file.credibility.unwrap();
        assert_eq!((c.c1, c.c2, c.c6), (Some(0.9), None, Some(0.4)));
        assert_eq!(l.file.reliability.unwrap().F, Some(0.3));
        assert_eq!(l.file.confidence.unwrap().resolved(), (4, 2, 1));
        assert_eq!(l.file.weights[&SourceType::BorderService], 2.0);
    }

    #[test]
    fn direct_problems_are_placed() {
        assert_eq!(
            errs("name: t\nmethod: direct\nweights:\n  avr: -1\n"),
            vec![("zero-weights", 3), ("negative-weight", 4)]
        );
        assert_eq!(
            errs("name: t\nmethod: direct\nweights:\n  avr: 0\n  media: 0\n"),
            vec![("zero-weights", 3)]
        );
        assert_eq!(
            errs("name: t\nmethod: direct\nweights:\n  avr: 1\n"),
            vec![("unweighted-type", 3)]
        );
        let unknown = parse("name: t\nmethod: direct\nweights:\n  avrr: 1\n", "w.yaml")
            .unwrap_err()
            .remove(0);
        assert_eq!((unknown.code, unknown.line), ("bad-value", 4));
        assert_eq!(
            unknown
                .help
                .as_deref()
                .map(|h| h.starts_with("did you mean 'avr'")),
            Some(true),
            "{unknown}"
        );
    }

    #[test]
    fn ahp_problems_are_placed() {
        let head = "name: t\nmethod: ahp\njudgements:\n";
        assert_eq!(
            errs(&format!("{head}  - {{a: avr, b: media, ratio: 10}}\n")),
            vec![("ratio-out-of-scale", 4)]
        );
        assert_eq!(
            errs(&format!("{head}  - {{a: avr, b: media, ratio: \"1/0\"}}\n")),
            vec![("bad-ratio", 4)]
        );
        assert_eq!(
            errs(&format!(
                "{head}  - {{a: avr, b: media, ratio: \"1/3\"}}\n  - {{a: avr, b: embassy, ratio: 2}}\n"
            )),
            vec![("missing-judgement", 3)]
        );
        assert_eq!(
            errs(&format!(
                "{head}  - {{a: avr, b: media, ratio: 2}}\n  - {{a: media, b: avr, ratio: 0.5}}\n"
            )),
            vec![("duplicate-judgement", 5)]
        );
        assert_eq!(
            errs(&format!("{head}  - {{a: avr, b: avr, ratio: 1}}\n")),
            vec![("self-judgement", 4)]
        );
        assert_eq!(errs("name: t\nmethod: ahp\n"), vec![("no-judgements", 2)]);
        let ok = parse(
            &format!("{head}  - {{a: avr, b: media, ratio: \"1/3\"}}\n"),
            "w.yaml",
        )
        .unwrap();
        assert!((ok.file.judgements[0].ratio.value().unwrap() - 1.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn settings_problems_are_placed() {
        let head = "name: t\nmethod: direct\nweights: {avr: 1, border_service: 1, migration_service: 1, migrant_interview: 1, ngo_interview: 1, travel_industry: 1, iom_staff: 1, embassy: 1, intl_org_stats: 1, media: 1, internet: 1}\n";
        assert_eq!(errs(&format!("{head}theta: 0\n")), vec![("bad-number", 4)]);
        assert_eq!(
            errs(&format!("{head}reliability:\n  B: 1.5\n")),
            vec![("bad-number", 5)]
        );
        assert_eq!(
            errs(&format!("{head}confidence: {{supported: 5}}\n")),
            vec![("bad-thresholds", 4)]
        );
        let groups = "groups:\n  a: [border_service, migration_service, embassy, avr]\n  b: [avr, iom_staff, intl_org_stats, ngo_interview, migrant_interview, travel_industry, media]\n";
        assert_eq!(
            errs(&format!("{head}{groups}")),
            vec![("ungrouped-type", 4), ("duplicate-type", 6)]
        );
    }

    #[test]
    fn groups_are_ordered_by_first_type() {
        let text = "name: t\nmethod: direct\nweights: {avr: 1}\ngroups:\n  zz: [border_service, migration_service, embassy]\n  aa: [avr, iom_staff, intl_org_stats, ngo_interview, migrant_interview, travel_industry, media, internet]\n";
        let l = parse(text, "w.yaml").unwrap();
        let g = l.file.ordered_groups().unwrap();
        assert_eq!(g[0].0, "zz");
        assert_eq!(g[1].0, "aa");
    }
}
