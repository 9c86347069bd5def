//! The audit's settings (METHOD.md §6): what is varied, how many draws,
//! the Dirichlet mode and concentration, the seed, the grade step, and
//! their validation; and why an audit cannot run.

use serde::{Serialize, Serializer};

/// Default number of Monte Carlo draws `M`.
pub const DEFAULT_DRAWS: usize = 10_000;
/// Default Dirichlet concentration `K`.
pub const DEFAULT_CONCENTRATION: f64 = 100.0;
/// Default seed.
pub const DEFAULT_SEED: u64 = 42;
/// Default `k` of the top-k share.
pub const DEFAULT_TOP_K: usize = 3;
/// Draws per chunk: the unit of parallel work and of seeding. Changing it
/// changes every result, so it is fixed.
pub const CHUNK_DRAWS: usize = 256;
/// Chunks per wave: chunk score sums are held for one wave at a time.
pub const WAVE_CHUNKS: usize = 64;
/// The largest number of draws: histogram counts are `u32`.
pub const MAX_DRAWS: usize = u32::MAX as usize;

/// Why an audit cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AuditError {
    /// No weighting given.
    #[error("no weighting to audit: give at least one")]
    NoWeighting,
    /// Two weightings with the same name.
    #[error("two weightings are named '{name}': give each weighting a distinct name (file name)")]
    DuplicateName {
        /// The name.
        name: String,
    },
    /// A weight vector that is not a valid weighting.
    #[error("weighting '{name}': {reason}")]
    BadWeights {
        /// The weighting.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// The evidence of a weighting does not match the corridor list.
    #[error(
        "weighting '{name}': its evidence has {found} corridors but {expected} corridor ids were given"
    )]
    CorridorMismatch {
        /// The weighting.
        name: String,
        /// Number of corridor ids.
        expected: usize,
        /// Rows of its evidence.
        found: usize,
    },
    /// `draws` is 0.
    #[error("the number of draws is 0: give at least 1 (default {DEFAULT_DRAWS})")]
    ZeroDraws,
    /// `draws` is above [`MAX_DRAWS`].
    #[error("{draws} draws is too many: at most {MAX_DRAWS}")]
    TooManyDraws {
        /// The number asked for.
        draws: usize,
    },
    /// `concentration` is not a positive finite number.
    #[error(
        "the concentration is {value}: it must be a positive number (default {DEFAULT_CONCENTRATION})"
    )]
    BadConcentration {
        /// The value given.
        value: f64,
    },
    /// `top_k` is 0.
    #[error("top k is 0: give at least 1 (default {DEFAULT_TOP_K})")]
    ZeroTopK,
    /// `q` outside [0, 1].
    #[error(
        "the grade step probability is {value}: it must be between 0 and 1 (default {DEFAULT_GRADE_STEP})"
    )]
    BadGradeStep {
        /// The value given.
        value: f64,
    },
    /// Sobol with 0 rows.
    #[error("the Sobol estimate needs at least one row (default 4096)")]
    ZeroSobolRows,
    /// The Dirichlet parameters are unusable (e.g. `K·w0(t)` subnormal).
    #[error(
        "weighting '{name}': cannot draw from Dirichlet{alpha:?}: {reason}; raise the concentration or the smallest weight"
    )]
    Dirichlet {
        /// The weighting.
        name: String,
        /// The α vector over the sampled types.
        alpha: Vec<f64>,
        /// Why.
        reason: String,
    },
    /// The rank histogram does not fit in memory.
    #[error(
        "{corridors} corridors need a {corridors}×{corridors} rank histogram, which does not fit in memory"
    )]
    TooLarge {
        /// Number of corridors.
        corridors: usize,
    },
}

/// How the Monte Carlo weights are drawn (METHOD.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Dirichlet(`K · w0`): weights scattered around the base weights.
    Concentrated,
    /// Dirichlet(1, …, 1): every weighting of the sampled types equally likely.
    Uniform,
}

impl Mode {
    /// The mode as written on the command line and in JSON.
    pub const fn key(self) -> &'static str {
        match self {
            Mode::Concentrated => "concentrated",
            Mode::Uniform => "uniform",
        }
    }
}

/// What the Monte Carlo varies (METHOD.md §6.1, §6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vary {
    /// Draw the weights.
    pub weights: bool,
    /// Draw the grades.
    pub grades: bool,
}

impl Vary {
    /// Weights only (the default).
    pub const WEIGHTS: Vary = Vary {
        weights: true,
        grades: false,
    };
    /// Grades only.
    pub const GRADES: Vary = Vary {
        weights: false,
        grades: true,
    };
    /// Both in every draw.
    pub const BOTH: Vary = Vary {
        weights: true,
        grades: true,
    };

    /// `weights`, `grades` or `weights,grades`.
    pub const fn key(self) -> &'static str {
        match (self.weights, self.grades) {
            (true, true) => "weights,grades",
            (false, true) => "grades",
            _ => "weights",
        }
    }
}

impl Serialize for Vary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// Default probability that a grade moves one step (METHOD.md §6.2).
pub const DEFAULT_GRADE_STEP: f64 = 0.5;

/// Settings of the Monte Carlo.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// What the draws vary.
    pub vary: Vary,
    /// `q`: the probability that a grade moves one step (half up, half down).
    pub grade_step_probability: f64,
    /// With `Some(N)`, the Sobol indices of §6.4 over `N` base rows.
    pub sobol: Option<usize>,
    /// Number of draws `M`.
    pub draws: usize,
    /// Concentrated or uniform.
    pub mode: Mode,
    /// Concentration `K` (concentrated mode only; still validated).
    pub concentration: f64,
    /// Seed of the generator.
    pub seed: u64,
    /// The `k` of the top-k share.
    pub top_k: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            vary: Vary::WEIGHTS,
            grade_step_probability: DEFAULT_GRADE_STEP,
            sobol: None,
            draws: DEFAULT_DRAWS,
            mode: Mode::Concentrated,
            concentration: DEFAULT_CONCENTRATION,
            seed: DEFAULT_SEED,
            top_k: DEFAULT_TOP_K,
        }
    }
}

impl Options {
    /// Checks the settings.
    pub fn validate(&self) -> Result<(), AuditError> {
        if self.draws == 0 {
            return Err(AuditError::ZeroDraws);
        }
        if self.draws > MAX_DRAWS {
            return Err(AuditError::TooManyDraws { draws: self.draws });
        }
        if !(self.concentration.is_finite() && self.concentration > 0.0) {
            return Err(AuditError::BadConcentration {
                value: self.concentration,
            });
        }
        if self.top_k == 0 {
            return Err(AuditError::ZeroTopK);
        }
        let q = self.grade_step_probability;
        if !(q.is_finite() && (0.0..=1.0).contains(&q)) {
            return Err(AuditError::BadGradeStep { value: q });
        }
        if self.sobol == Some(0) {
            return Err(AuditError::ZeroSobolRows);
        }
        Ok(())
    }
}
