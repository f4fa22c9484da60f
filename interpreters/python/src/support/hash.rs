//! CPython 3.11's `hash()` for numbers, tuples and frozensets (64-bit builds).
//!
//! Numbers hash to their value modulo the Mersenne prime 2**61 - 1 (`Python/pyhash.c`,
//! `Objects/longobject.c`), so that equal ints and floats hash alike; tuples combine their items
//! with the xxHash-style accumulator of `tuplehash`; frozensets xor shuffled item hashes, which
//! makes the result independent of the table layout. `-1` is never a hash (it becomes `-2`).
//! The runtime needs these to print `hash(x)` as CPython does and to order sets and dicts of
//! numbers the way CPython's tables do. String hashing is not here: CPython randomises it per
//! process (SipHash with a random key), so no program can depend on its values.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

const BITS: u32 = 61;
/// `_PyHASH_MODULUS`.
pub const MODULUS: u64 = (1 << BITS) - 1;
/// `hash(float('inf'))`.
pub const INF: i64 = 314_159;

fn finish(x: u64, negative: bool) -> i64 {
    let v = if negative {
        (x as i64).wrapping_neg()
    } else {
        x as i64
    };
    if v == -1 { -2 } else { v }
}

/// `hash(i)` for a machine int.
pub fn hash_int(v: i64) -> i64 {
    let m = v.unsigned_abs() % MODULUS;
    finish(m, v < 0)
}

/// `hash(i)` for a big int.
pub fn hash_bigint(v: &BigInt) -> i64 {
    if let Some(small) = v.to_i64() {
        return hash_int(small);
    }
    let m = (v.abs() % BigInt::from(MODULUS)).to_u64().unwrap_or(0);
    finish(m, v.is_negative())
}

/// `hash(x)` for a float; a NaN hashes by identity in CPython 3.10+, so the caller passes the
/// hash it uses for the object (`nan_hash`).
pub fn hash_float(v: f64, nan_hash: i64) -> i64 {
    if v.is_nan() {
        return nan_hash;
    }
    if v.is_infinite() {
        return if v > 0.0 { INF } else { -INF };
    }
    if v == 0.0 {
        return 0;
    }
    let (mut m, mut e) = frexp(v.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let bits = BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    };
    let e = e as u32;
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    finish(x, v < 0.0)
}

/// `frexp`: `x = m * 2**e` with `0.5 <= m < 1` for finite nonzero positive `x`.
fn frexp(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * f64::from_bits(0x4350_0000_0000_0000)); // 2**54
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// `hash(t)` for a tuple whose items hash to `items`.
pub fn hash_tuple(items: &[i64]) -> i64 {
    let mut acc = XXPRIME_5;
    for &h in items {
        acc = acc.wrapping_add((h as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    }
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// `hash(s)` for a frozenset whose (distinct) items hash to `items`.
pub fn hash_frozenset(items: &[i64]) -> i64 {
    let mut hash: u64 = 0;
    for &h in items {
        hash ^= shuffle_bits(h as u64);
    }
    hash ^= (items.len() as u64)
        .wrapping_add(1)
        .wrapping_mul(1_927_868_237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        590_923_713
    } else {
        hash as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Values printed by CPython 3.11 (64-bit): hash(x).
    #[test]
    fn ints_hash_like_cpython() {
        let cases: &[(&str, i64)] = &[
            ("0", 0),
            ("1", 1),
            ("-1", -2),
            ("-2", -2),
            ("2305843009213693951", 0),
            ("2305843009213693952", 1),
            ("2305843009213693950", 2305843009213693950),
            ("-2305843009213693952", -2),
            ("9223372036854775807", 3),
            ("-9223372036854775808", -4),
            ("1000000000000000000000000000000", 465258685558744706),
            ("-1000000000000000000000000000000", -465258685558744706),
            ("1267650600228229401496703217721", 549755826233),
            ("123456789", 123456789),
        ];
        for &(text, want) in cases {
            let big: BigInt = text.parse().unwrap();
            assert_eq!(hash_bigint(&big), want, "{text}");
            if let Ok(small) = text.parse::<i64>() {
                assert_eq!(hash_int(small), want, "{text}");
            }
        }
    }

    #[test]
    fn floats_hash_like_cpython() {
        let data = "0:0 9223372036854775808:0 4607182418800017408:1 13830554455654793216:-2 4602678819172646912:1152921504606846976 4609434218613702656:1152921504606846977 13836183955189006336:-1152921504606846978 9094988921128908188:1224995262755759164 118622047889322841:482449582752280463 1:16777216 4614256656552045848:326490430436040707 9218868437227405312:314159 18442240474082181120:-314159 4846369599423283200:10000000000000000 4881901996069617664:1 4886405595696988160:2 4638387860618067575:1051464412201451643 13815242216921733530:-230584300921369408 4687685753000733184:898770113401176107 4692051350157100928:2256316865150673141 4693318598933063532:302368406689612339 4695848450088399738:1308690655333941412 13919710877511897586:-1253070654904623013 13902833236470769096:-1593899659162619026 4680750859906996624:1656683317417825761 13919983883477870629:-1431518519564884939";
        for pair in data.split(' ') {
            let (bits, want) = pair.split_once(':').unwrap();
            let x = f64::from_bits(bits.parse().unwrap());
            assert_eq!(hash_float(x, 0), want.parse::<i64>().unwrap(), "{x:e}");
        }
    }

    #[test]
    fn integral_floats_hash_like_ints() {
        for v in [0i64, 1, -1, 7, -123456, 1 << 52, -(1 << 60)] {
            assert_eq!(hash_float(v as f64, 0), hash_int(v));
        }
    }

    #[test]
    fn tuples_and_frozensets_hash_like_cpython() {
        assert_eq!(hash_tuple(&[]), 5740354900026072187);
        assert_eq!(hash_tuple(&[1]), -6644214454873602895);
        assert_eq!(hash_tuple(&[1, 2]), -3550055125485641917);
        assert_eq!(hash_tuple(&[1, hash_tuple(&[2, 3])]), 7267574591690527098);
        assert_eq!(hash_tuple(&[-2]), 8078679518589016365);
        assert_eq!(hash_tuple(&[hash_float(0.5, 0), 7]), -8127116128995532517);
        assert_eq!(hash_frozenset(&[]), 133146708735736);
        assert_eq!(hash_frozenset(&[1]), -558064481276695278);
        assert_eq!(hash_frozenset(&[1, 2, 3]), -272375401224217160);
        assert_eq!(hash_frozenset(&[hash_frozenset(&[1])]), 5515263749738256364);
    }
}
