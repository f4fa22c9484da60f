//! The Mersenne Twister and `random.Random`'s algorithms exactly as CPython 3.11, so seeded
//! sequences match CPython's bit for bit.
//!
//! The generator is MT19937 with Matsumoto and Nishimura's `init_by_array`, seeded the way
//! `_randommodule.c` does it (the absolute value of the int seed split into 32-bit words, least
//! significant first). On top sit the pure-Python parts of `Lib/random.py` that decide how many
//! words each call consumes: `random()` from two words, `getrandbits`, `_randbelow` by rejection
//! on `getrandbits(n.bit_length())`, and `randrange`, `shuffle`, `choice`, `sample`, `choices`,
//! `uniform`, `gauss`, `normalvariate`, `expovariate`, `triangular` as 3.11 writes them. Seeding
//! from a str/bytes (SHA-512 in CPython) or from the OS is the runtime's job: it hands us the int.

use super::{Error, Result};
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{One, Signed, ToPrimitive};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// One `random.Random` instance's state.
#[derive(Clone)]
pub struct Mt {
    state: [u32; N],
    index: usize,
    /// `gauss()` produces values in pairs; the second waits here (reset by seeding).
    pub gauss_next: Option<f64>,
}

impl Default for Mt {
    fn default() -> Self {
        let mut mt = Mt {
            state: [0; N],
            index: N + 1,
            gauss_next: None,
        };
        mt.init_genrand(19650218);
        mt
    }
}

impl Mt {
    /// A generator seeded with the int `seed` (its sign is ignored, as in CPython).
    pub fn from_seed(seed: &BigInt) -> Mt {
        let mut mt = Mt::default();
        mt.seed(seed);
        mt
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mut i = 1;
        let mut j = 0;
        let len = key.len().max(1);
        for _ in 0..N.max(len) {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
        }
        self.state[0] = 0x8000_0000;
        self.index = N;
    }

    /// `random.seed(n)` for an int `n`.
    pub fn seed(&mut self, seed: &BigInt) {
        let magnitude = seed.abs();
        let mut key = magnitude.to_u32_digits().1;
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
        self.gauss_next = None;
    }

    /// `random.seed(a)` from 32-bit words already prepared by the caller (used for the OS entropy
    /// path, which CPython also feeds to `init_by_array`).
    pub fn seed_words(&mut self, key: &[u32]) {
        self.init_by_array(key);
        self.gauss_next = None;
    }

    /// The next raw 32-bit output (`genrand_uint32`).
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            for k in 0..N {
                let y = (self.state[k] & UPPER_MASK) | (self.state[(k + 1) % N] & LOWER_MASK);
                let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
                self.state[k] = self.state[(k + M) % N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: a float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64`, unboxed.
    pub fn getrandbits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => (self.next_u32() >> (32 - k)) as u64,
            _ => {
                let low = self.next_u32() as u64;
                let high = (self.next_u32() >> (64 - k)) as u64;
                low | (high << 32)
            }
        }
    }

    /// `getrandbits(k)`; ValueError for negative `k`.
    pub fn getrandbits(&mut self, k: i64) -> Result<BigInt> {
        if k < 0 {
            return Err(Error::value("number of bits must be non-negative"));
        }
        if k <= 64 {
            return Ok(BigInt::from(self.getrandbits_u64(k as u32)));
        }
        let mut words = Vec::with_capacity(((k - 1) / 32 + 1) as usize);
        let mut left = k;
        while left > 0 {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            words.push(r);
            left -= 32;
        }
        Ok(BigInt::from_biguint(Sign::Plus, BigUint::new(words)))
    }

    /// `_randbelow(n)` for `n > 0` (0 for `n == 0`, which callers never pass).
    pub fn randbelow_u64(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// `_randbelow(n)` for a big `n > 0`.
    pub fn randbelow(&mut self, n: &BigInt) -> BigInt {
        if let Some(small) = n.to_u64() {
            return BigInt::from(self.randbelow_u64(small));
        }
        let k = n.bits() as i64;
        loop {
            // `k` is positive here, so `getrandbits` cannot fail.
            let r = self.getrandbits(k).unwrap_or_default();
            if &r < n {
                return r;
            }
        }
    }

    /// `randrange(start, stop, step)` on ints; `stop == None` means `randrange(start)`.
    pub fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: &BigInt,
    ) -> Result<BigInt> {
        let Some(stop) = stop else {
            if !step.is_one() {
                return Err(Error::type_error("Missing a non-None stop argument"));
            }
            if start.is_positive() {
                return Ok(self.randbelow(start));
            }
            return Err(Error::value("empty range for randrange()"));
        };
        let width = stop - start;
        if step.is_one() {
            if width.is_positive() {
                return Ok(start + self.randbelow(&width));
            }
            return Err(Error::value(format!(
                "empty range for randrange() ({start}, {stop}, {width})"
            )));
        }
        let n = if step.is_positive() {
            floor_div(&(&width + step - 1), step)
        } else if step.is_negative() {
            floor_div(&(&width + step + 1), step)
        } else {
            return Err(Error::value("zero step for randrange()"));
        };
        if !n.is_positive() {
            return Err(Error::value("empty range for randrange()"));
        }
        Ok(start + step * self.randbelow(&n))
    }

    /// `randrange` on machine ints (the common case), same draws as the big version.
    pub fn randrange_i64(&mut self, start: i64, stop: Option<i64>, step: i64) -> Result<i64> {
        let big = self.randrange(
            &BigInt::from(start),
            stop.map(BigInt::from).as_ref(),
            &BigInt::from(step),
        )?;
        // The result lies between start and stop, so it fits.
        Ok(big.to_i64().unwrap_or(start))
    }

    /// `randint(a, b)`.
    pub fn randint(&mut self, a: i64, b: i64) -> Result<i64> {
        let big = self.randrange(
            &BigInt::from(a),
            Some(&(BigInt::from(b) + 1)),
            &BigInt::one(),
        )?;
        Ok(big.to_i64().unwrap_or(a))
    }

    /// The index `choice(seq)` picks for a sequence of length `len`.
    pub fn choice_index(&mut self, len: usize) -> Result<usize> {
        if len == 0 {
            return Err(Error::new(
                super::ErrorKind::IndexError,
                "Cannot choose from an empty sequence",
            ));
        }
        Ok(self.randbelow_u64(len as u64) as usize)
    }

    /// `shuffle(x)` applied to a slice.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.randbelow_u64(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// The indices `sample(population, k)` picks from a population of size `n`, in order.
    pub fn sample_indices(&mut self, n: usize, k: i64) -> Result<Vec<usize>> {
        if k < 0 || k as usize > n {
            return Err(Error::value("Sample larger than population or is negative"));
        }
        let k = k as usize;
        let mut result = Vec::with_capacity(k);
        // `setsize = 21 + 4 ** ceil(log(k * 3, 4))` for k > 5: the pool-or-set choice decides
        // which draws are made, so it is computed as random.py does.
        let mut setsize: f64 = 21.0;
        if k > 5 {
            setsize += 4f64.powi((((k * 3) as f64).ln() / 4f64.ln()).ceil() as i32);
        }
        if (n as f64) <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow_u64((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = std::collections::HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.randbelow_u64(n as u64) as usize;
                while selected.contains(&j) {
                    j = self.randbelow_u64(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// The indices `choices(population, k=k)` picks without weights.
    pub fn choices_indices(&mut self, n: usize, k: usize) -> Vec<usize> {
        (0..k)
            .map(|_| (self.random() * n as f64).floor() as usize)
            .collect()
    }

    /// The indices `choices(population, cum_weights=cum, k=k)` picks (`weights` are turned into
    /// cumulative ones by the caller with `itertools.accumulate`, i.e. plain float sums).
    pub fn choices_cumulative(&mut self, cum_weights: &[f64], k: usize) -> Result<Vec<usize>> {
        let Some(&total) = cum_weights.last() else {
            return Err(Error::new(
                super::ErrorKind::IndexError,
                "list index out of range",
            ));
        };
        if total <= 0.0 {
            return Err(Error::value("Total of weights must be greater than zero"));
        }
        if !total.is_finite() {
            return Err(Error::value("Total of weights must be finite"));
        }
        let hi = cum_weights.len() - 1;
        Ok((0..k)
            .map(|_| {
                let x = self.random() * total;
                // bisect_right(cum_weights, x, 0, hi)
                cum_weights[..hi].partition_point(|&w| w <= x)
            })
            .collect())
    }

    /// `uniform(a, b)`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `gauss(mu, sigma)`.
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `normalvariate(mu, sigma)` (Kinderman and Monahan).
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = magic * (u1 - 0.5) / u2;
            if z * z / 4.0 <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `expovariate(lambd)`.
    pub fn expovariate(&mut self, lambd: f64) -> f64 {
        -(1.0 - self.random()).ln() / lambd
    }

    /// `triangular(low, high, mode)`.
    pub fn triangular(&mut self, low: f64, high: f64, mode: Option<f64>) -> f64 {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            Some(m) => {
                if high == low {
                    return low;
                }
                (m - low) / (high - low)
            }
        };
        let (mut low, mut high) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        low + (high - low) * (u * c).sqrt()
    }

    /// `getstate()`'s middle element: the 624 state words followed by the position.
    pub fn state_words(&self) -> Vec<u32> {
        let mut v = self.state.to_vec();
        v.push(self.index as u32);
        v
    }

    /// `setstate()` from the 625 words `state_words` returns.
    pub fn set_state_words(&mut self, words: &[u32]) -> Result<()> {
        if words.len() != N + 1 || words[N] as usize > N {
            return Err(Error::value("state vector is the wrong size"));
        }
        self.state.copy_from_slice(&words[..N]);
        self.index = words[N] as usize;
        Ok(())
    }
}

fn floor_div(a: &BigInt, b: &BigInt) -> BigInt {
    use num_integer::Integer;
    a.div_floor(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(n: i64) -> Mt {
        Mt::from_seed(&BigInt::from(n))
    }

    // Expected values printed by CPython 3.11 (see testdata/gen_random.py).
    use num_traits::Zero;

    #[test]
    fn table_generated_by_cpython_matches() {
        let data = include_str!("testdata/random.txt");
        let mut checked = 0;
        for line in data.lines() {
            let (name, want) = line.split_once('\t').unwrap();
            let (seed, what) = name.split_once(' ').unwrap();
            let mut r = Mt::from_seed(&seed.parse::<BigInt>().unwrap());
            let got: Vec<String> = match what {
                "random" => (0..5)
                    .map(|_| super::super::float_repr(r.random()))
                    .collect(),
                "randint" => (0..10)
                    .map(|_| r.randint(1, 100).unwrap().to_string())
                    .collect(),
                "randrange" => (0..10)
                    .map(|_| r.randrange_i64(-50, Some(1000), 7).unwrap().to_string())
                    .collect(),
                "getrandbits" => [1i64, 7, 32, 33, 64, 65, 200]
                    .iter()
                    .map(|&k| r.getrandbits(k).unwrap().to_string())
                    .collect(),
                "shuffle" => {
                    let mut v: Vec<usize> = (0..20).collect();
                    r.shuffle(&mut v);
                    v.iter().map(|x| x.to_string()).collect()
                }
                "choice" => (0..10)
                    .map(|_| r.choice_index(7).unwrap().to_string())
                    .collect(),
                "sample" => r
                    .sample_indices(100, 10)
                    .unwrap()
                    .iter()
                    .map(|x| x.to_string())
                    .collect(),
                "samplesmall" => r
                    .sample_indices(10, 4)
                    .unwrap()
                    .iter()
                    .map(|x| x.to_string())
                    .collect(),
                "uniform" => (0..3)
                    .map(|_| super::super::float_repr(r.uniform(-2.0, 5.0)))
                    .collect(),
                "gauss" => (0..5)
                    .map(|_| super::super::float_repr(r.gauss(1.0, 2.0)))
                    .collect(),
                "normalvariate" => (0..3)
                    .map(|_| super::super::float_repr(r.normalvariate(0.0, 1.0)))
                    .collect(),
                "expovariate" => (0..3)
                    .map(|_| super::super::float_repr(r.expovariate(1.5)))
                    .collect(),
                "triangular" => (0..3)
                    .map(|_| super::super::float_repr(r.triangular(0.0, 10.0, Some(3.0))))
                    .collect(),
                "choices" => r
                    .choices_indices(7, 5)
                    .iter()
                    .map(|x| x.to_string())
                    .collect(),
                "bigrange" => {
                    let n: BigInt = "1000000000000000000000000000000".parse().unwrap();
                    (0..3)
                        .map(|_| {
                            r.randrange(&BigInt::zero(), Some(&n), &BigInt::one())
                                .unwrap()
                                .to_string()
                        })
                        .collect()
                }
                other => panic!("unknown case {other}"),
            };
            assert_eq!(got.join(" "), want, "{name}");
            checked += 1;
        }
        assert!(checked >= 30);
    }

    #[test]
    fn randrange_errors_match_cpython() {
        let mut r = seeded(1);
        assert_eq!(
            r.randrange_i64(0, None, 1).unwrap_err().message,
            "empty range for randrange()"
        );
        assert_eq!(
            r.randrange_i64(5, Some(5), 1).unwrap_err().message,
            "empty range for randrange() (5, 5, 0)"
        );
        assert_eq!(
            r.randrange_i64(0, Some(5), 0).unwrap_err().message,
            "zero step for randrange()"
        );
        assert_eq!(
            r.randrange_i64(0, Some(5), -1).unwrap_err().message,
            "empty range for randrange()"
        );
        assert_eq!(
            r.choice_index(0).unwrap_err().message,
            "Cannot choose from an empty sequence"
        );
        assert_eq!(
            r.sample_indices(3, 4).unwrap_err().message,
            "Sample larger than population or is negative"
        );
    }

    #[test]
    fn state_round_trips() {
        let mut a = seeded(7);
        a.random();
        let words = a.state_words();
        let mut b = seeded(0);
        b.set_state_words(&words).unwrap();
        assert_eq!(a.next_u32(), b.next_u32());
    }
}
