//! The Dirichlet draws of the weights around a base weighting (METHOD.md
//! §6.1), one seeded ChaCha8 stream per chunk of draws.

use super::{AuditError, Mode};
use corridor_schema::N_TYPES;
use corridor_schema::SourceType;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

/// Draws weight vectors for one base weighting (METHOD.md §6).
#[derive(Debug, Clone)]
pub struct Sampler {
    /// Types with `w0 > 0`, as indices in method order.
    active: Vec<usize>,
    /// The Dirichlet parameters of the active types; empty with a single
    /// active type (every draw is then `w0`).
    alpha: Vec<f64>,
    pub(super) w0: [f64; N_TYPES],
}

impl Sampler {
    /// A sampler around `w0` (validated: non-negative, finite, sum 1 to
    /// 1e-9). `name` is only used in errors.
    pub fn new(
        name: &str,
        w0: &[f64; N_TYPES],
        mode: Mode,
        concentration: f64,
    ) -> Result<Self, AuditError> {
        check_weights(name, w0)?;
        if !(concentration.is_finite() && concentration > 0.0) {
            return Err(AuditError::BadConcentration {
                value: concentration,
            });
        }
        let active: Vec<usize> = (0..N_TYPES).filter(|&t| w0[t] > 0.0).collect();
        let alpha: Vec<f64> = active
            .iter()
            .map(|&t| match mode {
                Mode::Concentrated => concentration * w0[t],
                Mode::Uniform => 1.0,
            })
            .collect();
        // A subnormal α would make 1/α infinite in the Gamma boost.
        if let Some(&a) = alpha
            .iter()
            .find(|a| !(a.is_finite() && **a >= f64::MIN_POSITIVE))
        {
            return Err(AuditError::Dirichlet {
                name: name.to_string(),
                alpha: alpha.clone(),
                reason: format!("parameter {a:e} is not a normal positive number"),
            });
        }
        Ok(Sampler {
            alpha: if active.len() >= 2 { alpha } else { Vec::new() },
            active,
            w0: *w0,
        })
    }

    /// The generator of chunk `chunk` (see the module documentation).
    pub fn chunk_rng(seed: u64, chunk: u64) -> ChaCha8Rng {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(chunk);
        rng
    }

    /// The types that vary, as indices in method order.
    pub fn active(&self) -> &[usize] {
        &self.active
    }

    /// Draws one weight vector into `out` (zeros for the types with `w0 = 0`).
    pub fn draw(&self, rng: &mut ChaCha8Rng, out: &mut [f64; N_TYPES]) {
        if self.alpha.is_empty() {
            *out = self.w0;
            return;
        }
        let mut buf = [0.0; N_TYPES];
        let buf = &mut buf[..self.active.len()];
        crate::portable::dirichlet(&self.alpha, rng, buf);
        *out = [0.0; N_TYPES];
        for (&t, &x) in self.active.iter().zip(buf.iter()) {
            out[t] = x;
        }
    }
}

/// Fails unless `w` is a weight vector: finite, non-negative, summing to 1.
pub(super) fn check_weights(name: &str, w: &[f64; N_TYPES]) -> Result<(), AuditError> {
    let bad = |reason: String| AuditError::BadWeights {
        name: name.to_string(),
        reason,
    };
    if let Some(t) = (0..N_TYPES).find(|&t| !(w[t].is_finite() && w[t] >= 0.0)) {
        return Err(bad(format!(
            "the weight of {} is {}: weights must be non-negative numbers",
            SourceType::ALL[t],
            w[t]
        )));
    }
    let sum: f64 = w.iter().sum();
    if (sum - 1.0).abs() > 1e-9 {
        return Err(bad(format!("the weights sum to {sum}, not 1")));
    }
    Ok(())
}
