//! The settings of METHOD.md §2 and §5 that a weighting file may override:
//! the σ/ρ/κ maps, the source groups, θ and the confidence thresholds.

use corridor_schema::weighting::WeightingFile;
use corridor_schema::{Finding, N_TYPES, Reliability, SourceType, Strength};
use serde::Serialize;

/// Source groups: which types are not independent of each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Groups {
    /// Group names, in order of first appearance.
    pub names: Vec<String>,
    /// The group index of each type, in method order.
    pub of_type: [usize; N_TYPES],
}

impl Default for Groups {
    /// The default grouping of METHOD.md §1.
    fn default() -> Self {
        let mut names: Vec<String> = Vec::new();
        let mut of_type = [0; N_TYPES];
        for t in SourceType::ALL {
            let g = t.default_group();
            let i = match names.iter().position(|n| n == g) {
                Some(i) => i,
                None => {
                    names.push(g.to_string());
                    names.len() - 1
                }
            };
            of_type[t.index()] = i;
        }
        Groups { names, of_type }
    }
}

impl Groups {
    /// Groups from `(name, types)` lists, in the order given. Each type
    /// must be in exactly one list (the schema crate checks weighting files
    /// for that); a type left out falls into the first group rather than
    /// panicking.
    pub fn from_lists(lists: &[(String, Vec<SourceType>)]) -> Self {
        let mut of_type = [0; N_TYPES];
        for (i, (_, types)) in lists.iter().enumerate() {
            for t in types {
                of_type[t.index()] = i;
            }
        }
        Groups {
            names: lists.iter().map(|(n, _)| n.clone()).collect(),
            of_type,
        }
    }

    /// Each group's name and types, in group order.
    pub fn lists(&self) -> Vec<(String, Vec<SourceType>)> {
        self.names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let types = SourceType::ALL
                    .iter()
                    .copied()
                    .filter(|t| self.of_type[t.index()] == i)
                    .collect();
                (n.clone(), types)
            })
            .collect()
    }

    /// The group name of a type.
    pub fn name_of(&self, t: SourceType) -> &str {
        &self.names[self.of_type[t.index()]]
    }
}

/// Confidence labels (METHOD.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Confidence {
    /// At least `corroborated` groups.
    #[serde(rename = "corroborated")]
    Corroborated,
    /// At least `supported` groups.
    #[serde(rename = "supported")]
    Supported,
    /// At least `single_source` groups.
    #[serde(rename = "single-source")]
    SingleSource,
    /// No type reaches θ, but at least one counting observed finding of
    /// the phenomenon exists (METHOD.md §5).
    #[serde(rename = "insufficient")]
    Insufficient,
    /// No counting observed finding of the phenomenon at all.
    #[serde(rename = "no-evidence")]
    NoEvidence,
}

impl Confidence {
    /// The label as printed.
    pub const fn key(self) -> &'static str {
        match self {
            Confidence::Corroborated => "corroborated",
            Confidence::Supported => "supported",
            Confidence::SingleSource => "single-source",
            Confidence::Insufficient => "insufficient",
            Confidence::NoEvidence => "no-evidence",
        }
    }
}

impl std::fmt::Display for Confidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// Group counts at which each confidence label starts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// Default 3.
    pub corroborated: usize,
    /// Default 2.
    pub supported: usize,
    /// Default 1.
    pub single_source: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            corroborated: 3,
            supported: 2,
            single_source: 1,
        }
    }
}

impl Thresholds {
    /// The label for a number of independent groups; `observed` says
    /// whether any counting observed finding of the phenomenon exists,
    /// which tells `insufficient` from `no-evidence` (METHOD.md §5).
    pub fn label(&self, groups: usize, observed: bool) -> Confidence {
        if groups >= self.corroborated {
            Confidence::Corroborated
        } else if groups >= self.supported {
            Confidence::Supported
        } else if groups >= self.single_source {
            Confidence::SingleSource
        } else if observed {
            Confidence::Insufficient
        } else {
            Confidence::NoEvidence
        }
    }
}

/// Every setting of the method besides the type weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Params {
    /// σ for weak, moderate, strong.
    pub strength: [f64; 3],
    /// ρ for A–F.
    pub reliability: [f64; 6],
    /// κ for 1–6.
    pub credibility: [f64; 6],
    /// Source groups.
    pub groups: Groups,
    /// Triangulation threshold θ.
    pub theta: f64,
    /// Confidence thresholds.
    pub thresholds: Thresholds,
}

impl Default for Params {
    /// The defaults of METHOD.md §2 and §5.
    fn default() -> Self {
        Params {
            strength: [1.0 / 3.0, 2.0 / 3.0, 1.0],
            reliability: [1.0, 0.8, 0.6, 0.4, 0.2, 0.5],
            credibility: [1.0, 0.8, 0.6, 0.4, 0.2, 0.5],
            groups: Groups::default(),
            theta: 0.5,
            thresholds: Thresholds::default(),
        }
    }
}

impl Params {
    /// The defaults with a weighting file's overrides applied. The file is
    /// assumed checked (`WeightingFile::problems`); values are copied as
    /// given.
    pub fn from_file(file: &WeightingFile) -> Self {
        let mut p = Params::default();
        if let Some(m) = &file.strength {
            for (k, v) in m.entries() {
                if let Some(v) = v {
                    p.strength[k.index()] = v;
                }
            }
        }
        if let Some(m) = &file.reliability {
            for (k, v) in m.entries() {
                if let Some(v) = v {
                    p.reliability[k.index()] = v;
                }
            }
        }
        if let Some(m) = &file.credibility {
            for (k, v) in m.entries() {
                if let Some(v) = v {
                    p.credibility[usize::from(k) - 1] = v;
                }
            }
        }
        if let Some(t) = file.theta {
            p.theta = t;
        }
        if let Some(c) = &file.confidence {
            let (corroborated, supported, single_source) = c.resolved();
            p.thresholds = Thresholds {
                corroborated,
                supported,
                single_source,
            };
        }
        if let Some(lists) = file.ordered_groups() {
            p.groups = Groups::from_lists(&lists);
        }
        p
    }

    /// σ of a strength.
    pub fn sigma(&self, s: Strength) -> f64 {
        self.strength[s.index()]
    }
    /// ρ of a reliability letter.
    pub fn rho(&self, r: Reliability) -> f64 {
        self.reliability[r.index()]
    }
    /// κ of a credibility digit (1–6; validated by the schema crate).
    pub fn kappa(&self, c: u8) -> f64 {
        self.credibility[usize::from(c.clamp(1, 6)) - 1]
    }

    /// `a(e) = σ·ρ·κ` (METHOD.md §2); 0 for a finding without grades
    /// (unavailable, withheld), which never enters a product.
    pub fn finding_weight(&self, f: &Finding) -> f64 {
        match (f.strength, f.credibility) {
            (Some(s), Some(c)) => self.sigma(s) * self.rho(f.reliability) * self.kappa(c),
            _ => 0.0,
        }
    }
}
