//! Summary statistics: median/min/max, per-round ratios, geometric means.
//!
//! Medians rather than means, because one-off scheduler hiccups on a shared
//! 2-core machine should move the summary as little as possible; min and max
//! are reported beside them so the spread stays visible. No outlier is
//! dropped and no confidence interval is claimed from three runs.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub n: usize,
}

/// Median, min and max of `xs`, or `None` when it is empty or holds a NaN.
pub fn summarize(xs: &[f64]) -> Option<Summary> {
    if xs.is_empty() || xs.iter().any(|x| x.is_nan()) {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some(Summary {
        median,
        min: v[0],
        max: v[n - 1],
        n,
    })
}

/// Ratios `a[i] / b[i]` of runs made in the same round, summarized. Pairing by
/// round cancels slow drifts of the machine that affect both runtimes alike.
pub fn paired_ratio(a: &[f64], b: &[f64]) -> Option<Summary> {
    if a.len() != b.len() || b.iter().any(|&x| x <= 0.0) {
        return None;
    }
    let r: Vec<f64> = a.iter().zip(b).map(|(x, y)| x / y).collect();
    summarize(&r)
}

/// Geometric mean of positive values, or `None` if there are none.
pub fn geomean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() || xs.iter().any(|&x| x <= 0.0 || !x.is_finite()) {
        return None;
    }
    let s: f64 = xs.iter().map(|x| x.ln()).sum();
    Some((s / xs.len() as f64).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let s = summarize(&[3.0, 1.0, 2.0]).unwrap();
        assert_eq!((s.median, s.min, s.max, s.n), (2.0, 1.0, 3.0, 3));
        assert_eq!(summarize(&[4.0, 1.0, 3.0, 2.0]).unwrap().median, 2.5);
        assert!(summarize(&[]).is_none());
        assert!(summarize(&[f64::NAN]).is_none());
    }

    #[test]
    fn paired_ratio_divides_round_by_round() {
        // Round medians would give 2/2 = 1; pairing shows a steady 2x and 0.5x mix.
        let r = paired_ratio(&[2.0, 1.0, 4.0], &[1.0, 2.0, 2.0]).unwrap();
        assert_eq!((r.median, r.min, r.max), (2.0, 0.5, 2.0));
        assert!(paired_ratio(&[1.0], &[1.0, 2.0]).is_none());
        assert!(paired_ratio(&[1.0], &[0.0]).is_none());
    }

    #[test]
    fn geomean_of_reciprocals_is_one() {
        let g = geomean(&[4.0, 0.25]).unwrap();
        assert!((g - 1.0).abs() < 1e-12);
        assert!(geomean(&[]).is_none());
        assert!(geomean(&[1.0, -1.0]).is_none());
    }
}
