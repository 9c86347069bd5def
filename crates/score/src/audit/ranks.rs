//! Ordinal ranks for the audit's draws: the ranks of
//! [`crate::rank::ranks`] (score descending to twelve decimals, ties by
//! corridor index), by a stable radix sort of integer keys instead of a
//! comparison sort, since the audit ranks every target once per draw.

/// A `u64` whose ascending order is the descending order of the
/// twelve-decimal score ([`crate::rank::q12`]): the order of
/// [`crate::rank::ranks`] before ties.
fn descending_key(score: f64) -> u64 {
    // i64 order onto u64 order (flip the sign bit), then invert.
    let ascending = (crate::rank::q12(score) as u64) ^ (1 << 63);
    !ascending
}

/// Scratch space of [`fast_ranks`], reused across draws.
#[derive(Debug, Default)]
pub struct RankScratch {
    a: Vec<(u64, u32)>,
    b: Vec<(u64, u32)>,
    pa: Vec<u64>,
    pb: Vec<u64>,
}

/// [`fast_ranks`] when each key, less the smallest, and the corridor index
/// fit in one `u64` together (scores between 0 and 1 need 40 bits, so up
/// to 2²⁴ corridors): `(key − min) << bits | index` sorted on the key bits
/// only — half the bytes moved per pass, and the index order of ties kept
/// by the sort's stability. Returns false, doing nothing, otherwise.
fn packed_ranks(scores: &[f64], scratch: &mut RankScratch, out: &mut [u32]) -> bool {
    let n = scores.len();
    if n < 2 || n > u32::MAX as usize {
        return false;
    }
    let RankScratch { pa, pb, .. } = scratch;
    pa.clear();
    pa.extend(scores.iter().map(|&s| descending_key(s)));
    let (lo, hi) = pa
        .iter()
        .fold((u64::MAX, 0), |(lo, hi), &k| (lo.min(k), hi.max(k)));
    let idx_bits = 64 - (n as u64 - 1).leading_zeros();
    let key_bits = 64 - (hi - lo).leading_zeros();
    if idx_bits + key_bits > 64 {
        return false;
    }
    for (c, k) in pa.iter_mut().enumerate() {
        *k = ((*k - lo) << idx_bits) | c as u64;
    }
    pb.clear();
    pb.resize(n, 0);
    // 10-bit digits: 40 key bits in four passes.
    const DIGIT: u32 = 10;
    const MASK: u64 = (1 << DIGIT) - 1;
    let mut shift = idx_bits;
    while shift < idx_bits + key_bits {
        let mut count = [0u32; 1 << DIGIT];
        for &k in pa.iter() {
            count[((k >> shift) & MASK) as usize] += 1;
        }
        let mut offset = 0u32;
        for x in count.iter_mut() {
            let c = *x;
            *x = offset;
            offset += c;
        }
        for &k in pa.iter() {
            let slot = &mut count[((k >> shift) & MASK) as usize];
            pb[*slot as usize] = k;
            *slot += 1;
        }
        std::mem::swap(pa, pb);
        shift += DIGIT;
    }
    let mask = (1u64 << idx_bits) - 1;
    for (r, &k) in pa.iter().enumerate() {
        out[(k & mask) as usize] = r as u32 + 1;
    }
    true
}

/// Ordinal ranks (1 = strongest) of `scores` into `out`: the same as
/// [`crate::rank::ranks`], by a stable least-significant-digit radix sort
/// of integer keys (one byte per pass, skipping bytes every key shares),
/// which is several times faster than a comparison sort here. Stability
/// keeps ties in corridor index order. At most `u32::MAX` corridors.
pub fn fast_ranks(scores: &[f64], scratch: &mut RankScratch, out: &mut [u32]) {
    if packed_ranks(scores, scratch, out) {
        return;
    }
    let n = scores.len();
    let RankScratch { a, b, .. } = scratch;
    a.clear();
    a.extend(
        scores
            .iter()
            .enumerate()
            .map(|(c, &s)| (descending_key(s), c as u32)),
    );
    b.clear();
    b.resize(n, (0, 0));
    let mut counts = [[0u32; 256]; 8];
    for &(k, _) in a.iter() {
        for (p, count) in counts.iter_mut().enumerate() {
            count[((k >> (8 * p)) & 0xff) as usize] += 1;
        }
    }
    for (p, count) in counts.iter_mut().enumerate() {
        let Some(&(first, _)) = a.first() else { break };
        if count[((first >> (8 * p)) & 0xff) as usize] as usize == n {
            continue; // every key has this byte: the pass would change nothing
        }
        let mut offset = 0u32;
        for x in count.iter_mut() {
            let c = *x;
            *x = offset;
            offset += c;
        }
        for &(k, c) in a.iter() {
            let slot = &mut count[((k >> (8 * p)) & 0xff) as usize];
            b[*slot as usize] = (k, c);
            *slot += 1;
        }
        std::mem::swap(a, b);
    }
    for (r, &(_, c)) in a.iter().enumerate() {
        out[c as usize] = r as u32 + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rank::ranks;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fast_ranks_equal_rank_ranks(
            raw in proptest::collection::vec(
                prop_oneof![
                    Just(0.0),
                    Just(-0.0),
                    Just(0.5),
                    -1.0f64..1.0,
                    any::<f64>(),
                    // Scores that share their top 32 bits.
                    (0u64..8).prop_map(|k| f64::from_bits(0.3f64.to_bits() + k)),
                ],
                0..300,
            )
        ) {
            let mut scratch = RankScratch::default();
            let mut out = vec![0u32; raw.len()];
            fast_ranks(&raw, &mut scratch, &mut out);
            let want = ranks(&raw);
            let got: Vec<usize> = out.iter().map(|&r| r as usize).collect();
            prop_assert_eq!(got, want);
        }

        /// Scores as the audit's draws give them (between 0 and 1, many
        /// equal to twelve decimals but not in their bits), in numbers
        /// that need 12 index bits: the packed path.
        #[test]
        fn packed_ranks_equal_rank_ranks(
            raw in proptest::collection::vec(
                prop_oneof![
                    0.0f64..=1.0,
                    (0u32..20).prop_map(|k| f64::from(k) / 20.0),
                    (0u64..4).prop_map(|k| f64::from_bits(0.4f64.to_bits() - k)),
                ],
                2..3000,
            )
        ) {
            let mut scratch = RankScratch::default();
            let mut out = vec![0u32; raw.len()];
            prop_assert!(packed_ranks(&raw, &mut scratch, &mut out));
            let want = ranks(&raw);
            let got: Vec<usize> = out.iter().map(|&r| r as usize).collect();
            prop_assert_eq!(got, want);
        }
    }
}
