//! A solved weighting: the eleven type weights `w` (METHOD.md §4) and the
//! settings `Params` (§2, §5), built from a checked weighting file.
//!
//! This is what every consumer of scores holds: `score`, `explain`,
//! `compare`, the audit and the reports all take a `&Weighting`.

use crate::error::{ScoreError, judgement_index};
use crate::params::Params;
use crate::weights::{self, Ahp, RANDOM_INDEX_TABLE, WeightError};
use corridor_schema::weighting::{Method, WeightingFile};
use corridor_schema::{N_TYPES, SourceType};
use serde::Serialize;
use serde::ser::SerializeMap;

/// The type weights and settings one run of the method uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighting {
    /// Short name, printed beside every score.
    pub name: String,
    /// The rationale, if the file gives one.
    pub description: Option<String>,
    /// Direct or AHP.
    pub method: Method,
    /// `w`, in method order; sums to 1.
    pub weights: [f64; N_TYPES],
    /// The AHP solution (matrix, λmax, CI, CR), for `method: ahp`.
    pub ahp: Option<Ahp>,
    /// σ/ρ/κ maps, groups, θ, confidence thresholds.
    pub params: Params,
}

impl Weighting {
    /// Equal weights (1/11 each) and the default settings: the weighting of
    /// METHOD.md §7 and of the shipped `default.yaml`.
    pub fn equal() -> Self {
        Weighting {
            name: "equal".into(),
            description: None,
            method: Method::Direct,
            weights: [1.0 / N_TYPES as f64; N_TYPES],
            ahp: None,
            params: Params::default(),
        }
    }

    /// Solves a weighting file: normalises direct weights, or computes the
    /// AHP eigenvector and refuses `CR > 0.10` unless the file allows it.
    pub fn from_file(file: &WeightingFile) -> Result<Self, ScoreError> {
        let name = file.name.clone();
        // The schema crate's rules apply here too, so that a file built in
        // code (not read through `corridor check`) cannot slip past them.
        if let Some(p) = file
            .problems()
            .into_iter()
            .find(|p| p.diagnostic.is_error())
        {
            return Err(ScoreError::InvalidWeighting {
                name,
                path: p.path,
                message: p.diagnostic.message,
            });
        }
        let params = Params::from_file(file);
        let (w, ahp) = match file.method {
            Method::Direct => {
                let raw: Vec<(SourceType, f64)> =
                    file.weights.iter().map(|(t, w)| (*t, *w)).collect();
                let w = weights::direct(&raw).map_err(|source| ScoreError::Weights {
                    name: name.clone(),
                    judgement: None,
                    source,
                })?;
                (w, None)
            }
            Method::Ahp => {
                let judgements: Vec<(SourceType, SourceType, f64)> = file
                    .judgements
                    .iter()
                    .map(|j| (j.a, j.b, j.ratio.value().unwrap_or(f64::NAN)))
                    .collect();
                let solved =
                    weights::ahp(&judgements, file.allow_inconsistent).map_err(|source| {
                        let judgement = match &source {
                            WeightError::Inconsistent { a, b, .. }
                            | WeightError::OutOfScale { a, b, .. }
                            | WeightError::Duplicate { a, b } => {
                                judgement_index(&judgements, *a, *b)
                            }
                            _ => None,
                        };
                        ScoreError::Weights {
                            name: name.clone(),
                            judgement,
                            source,
                        }
                    })?;
                (solved.weights, Some(solved))
            }
        };
        Ok(Weighting {
            name,
            description: file.description.clone(),
            method: file.method,
            weights: w,
            ahp,
            params,
        })
    }

    /// The same settings with other type weights (for sensitivity runs).
    pub fn with_weights(&self, weights: [f64; N_TYPES]) -> Self {
        Weighting {
            weights,
            ..self.clone()
        }
    }

    /// What the JSON outputs say about the weighting.
    pub fn summary(&self) -> WeightingSummary {
        let ahp = self.ahp.as_ref();
        WeightingSummary {
            name: self.name.clone(),
            description: self.description.clone(),
            method: self.method,
            weights: PerType(self.weights),
            lambda_max: ahp.map(|a| a.lambda_max),
            consistency_index: ahp.map(|a| a.consistency_index),
            consistency_ratio: ahp.map(|a| a.consistency_ratio),
            random_index_table: ahp.map(|_| RANDOM_INDEX_TABLE),
            theta: self.params.theta,
            groups: NamedGroups(self.params.groups.lists()),
        }
    }
}

/// The weighting as it appears in every JSON output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightingSummary {
    /// Name.
    pub name: String,
    /// Rationale, or null.
    pub description: Option<String>,
    /// `direct` or `ahp`.
    pub method: Method,
    /// All eleven weights, by type key, in method order.
    pub weights: PerType,
    /// AHP: principal eigenvalue; null for direct weights.
    pub lambda_max: Option<f64>,
    /// AHP: (λmax − n)/(n − 1); null for direct weights.
    pub consistency_index: Option<f64>,
    /// AHP: CI / RI(n); null for direct weights.
    pub consistency_ratio: Option<f64>,
    /// AHP: which random-index table the CR uses; null for direct weights.
    pub random_index_table: Option<&'static str>,
    /// Triangulation threshold θ.
    pub theta: f64,
    /// Source groups: name → types, in group order.
    pub groups: NamedGroups,
}

/// Eleven numbers, one per source type, serialised as a map from type key
/// to number in method order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerType(pub [f64; N_TYPES]);

impl PerType {
    /// The value of a type.
    pub fn get(&self, t: SourceType) -> f64 {
        self.0[t.index()]
    }
}

impl Serialize for PerType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(N_TYPES))?;
        for t in SourceType::ALL {
            m.serialize_entry(t.key(), &self.0[t.index()])?;
        }
        m.end()
    }
}

/// Groups as an ordered map from name to types.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedGroups(pub Vec<(String, Vec<SourceType>)>);

impl Serialize for NamedGroups {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (name, types) in &self.0 {
            m.serialize_entry(name, types)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corridor_schema::weighting::parse;

    fn file(text: &str) -> WeightingFile {
        parse(text, "t.yaml").unwrap().file
    }

    #[test]
    fn direct_file_normalises_and_applies_overrides() {
        let w = Weighting::from_file(&file(
            "name: t\nmethod: direct\nweights: {border_service: 3, avr: 1}\ntheta: 0.4\nreliability: {F: 0.25}\n",
        ))
        .unwrap();
        assert_eq!(w.weights[SourceType::BorderService.index()], 0.75);
        assert_eq!(w.weights[SourceType::Avr.index()], 0.25);
        assert_eq!(w.params.theta, 0.4);
        assert_eq!(w.params.reliability[5], 0.25);
        assert_eq!(w.params.reliability[0], 1.0);
        assert!(w.ahp.is_none());
    }

    #[test]
    fn inconsistent_ahp_names_its_judgement() {
        let text = "name: bad\nmethod: ahp\njudgements:\n  - {a: avr, b: media, ratio: 9}\n  - {a: media, b: embassy, ratio: 9}\n  - {a: avr, b: embassy, ratio: 1/9}\n";
        let err = Weighting::from_file(&file(text)).unwrap_err();
        assert!(
            err.to_string().contains("CR = ") && err.to_string().contains("allow_inconsistent"),
            "{err}"
        );
        assert!(err.yaml_path().unwrap().starts_with("judgements["));
        let allowed = text.replace("method: ahp", "method: ahp\nallow_inconsistent: true");
        let w = Weighting::from_file(&file(&allowed)).unwrap();
        assert!(w.ahp.unwrap().consistency_ratio > 0.1);
    }

    #[test]
    fn custom_groups_are_used() {
        let w = Weighting::from_file(&file(
            "name: g\nmethod: direct\nweights: {avr: 1}\ngroups:\n  state: [border_service, migration_service, embassy, avr, iom_staff, intl_org_stats]\n  other: [ngo_interview, migrant_interview, travel_industry, media, internet]\n",
        ))
        .unwrap();
        assert_eq!(w.params.groups.names, ["state", "other"]);
        assert_eq!(w.params.groups.name_of(SourceType::Avr), "state");
        assert_eq!(w.params.groups.name_of(SourceType::Media), "other");
    }
}
