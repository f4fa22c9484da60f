//! Metrics: per-zone counters, pause-time histograms and the report of one collection.
//!
//! The counters use the paper's vocabulary: an allocation request lands either in a *fresh* cell
//! (memory never used by this heap before: the paper's "real allocation") or in a *reused* cell
//! (a cell whose previous object expired, or a recycled page); dead objects are *expired*. Counts
//! are exact at every safepoint; `Heap::stats` first closes the open allocation runs so they are
//! exact when read too. Pause times go into a log-linear histogram (16 sub-buckets per power of
//! two, so percentiles are within about 6%); the maximum is exact. We do not keep per-pause
//! samples: under `VGC_STRESS` there is one pause per safepoint.

use std::fmt;
use std::time::Duration;

use crate::zone::{Collection, Zone};

/// Counters of one zone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ZoneStats {
    /// Objects allocated.
    pub allocations: u64,
    /// Bytes allocated (cells, headers included).
    pub bytes: u64,
    /// Allocations into memory this heap never used before (the paper's "real allocations").
    pub fresh_cells: u64,
    /// Allocations into a cell whose previous object expired (the paper's "reused objects").
    pub reused_cells: u64,
    /// Objects that got a page of their own (always fresh).
    pub large_objects: u64,
    /// Objects found dead and reclaimed.
    pub expired: u64,
    /// Bytes of expired objects.
    pub expired_bytes: u64,
    /// Objects kept by a collection only because a card pointed at them (state "deferred").
    pub deferred: u64,
    /// Collections that covered this zone.
    pub collections: u64,
    /// Objects in the zone now.
    pub live_objects: u64,
    /// Bytes of objects in the zone now.
    pub live_bytes: u64,
    /// Pages (small and large) held by the zone now.
    pub pages: u64,
    /// Most pages the zone held at once.
    pub peak_pages: u64,
}

const SUB_BUCKETS: u32 = 16;
const BUCKETS: usize = 64 * SUB_BUCKETS as usize;

/// A histogram of pause times in nanoseconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PauseStats {
    count: u64,
    total_ns: u64,
    max_ns: u64,
    buckets: Vec<u64>,
}

impl Default for PauseStats {
    fn default() -> PauseStats {
        PauseStats {
            count: 0,
            total_ns: 0,
            max_ns: 0,
            buckets: vec![0; BUCKETS],
        }
    }
}

fn bucket_of(ns: u64) -> usize {
    if ns < SUB_BUCKETS as u64 {
        return ns as usize;
    }
    let exp = 63 - ns.leading_zeros();
    let sub = (ns >> (exp - 4)) & (SUB_BUCKETS as u64 - 1);
    ((exp - 3) * SUB_BUCKETS) as usize + sub as usize
}

/// The smallest value that falls into `bucket`.
fn bucket_floor(bucket: usize) -> u64 {
    if bucket < SUB_BUCKETS as usize {
        return bucket as u64;
    }
    let exp = bucket as u32 / SUB_BUCKETS + 3;
    let sub = bucket as u64 % SUB_BUCKETS as u64;
    (SUB_BUCKETS as u64 + sub) << (exp - 4)
}

impl PauseStats {
    /// Records one pause.
    pub fn record(&mut self, pause: Duration) {
        let ns = pause.as_nanos().min(u64::MAX as u128) as u64;
        self.count += 1;
        self.total_ns = self.total_ns.saturating_add(ns);
        self.max_ns = self.max_ns.max(ns);
        self.buckets[bucket_of(ns)] += 1;
    }

    /// Number of pauses.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Sum of all pauses.
    pub fn total(&self) -> Duration {
        Duration::from_nanos(self.total_ns)
    }

    /// The longest pause.
    pub fn max(&self) -> Duration {
        Duration::from_nanos(self.max_ns)
    }

    /// The pause below which `percent` percent of pauses fall (bucket midpoint, at most the max).
    pub fn percentile(&self, percent: f64) -> Duration {
        if self.count == 0 {
            return Duration::ZERO;
        }
        let rank = ((percent / 100.0) * self.count as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (bucket, n) in self.buckets.iter().enumerate() {
            seen += n;
            if seen >= rank {
                let low = bucket_floor(bucket);
                let high = bucket_floor(bucket + 1);
                return Duration::from_nanos(((low + high) / 2).min(self.max_ns));
            }
        }
        self.max()
    }

    /// The median pause.
    pub fn p50(&self) -> Duration {
        self.percentile(50.0)
    }

    /// The 99th-percentile pause.
    pub fn p99(&self) -> Duration {
        self.percentile(99.0)
    }
}

/// Everything a heap counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Per zone, indexed by `Zone::index`.
    pub zones: [ZoneStats; 3],
    /// Pause times per kind of collection, indexed by `Collection::index`.
    pub pauses: [PauseStats; 3],
    /// Safepoints passed.
    pub safepoints: u64,
    /// Cards traced as extra roots, over all collections.
    pub cards_scanned: u64,
    /// Weak references cleared.
    pub weak_cleared: u64,
    /// Allocation sites that changed zone.
    pub site_moves: u64,
    /// Bytes of pages in use now, and the peak.
    pub heap_bytes: u64,
    pub peak_heap_bytes: u64,
    /// Bytes obtained from the system now, and the peak.
    pub reserved_bytes: u64,
    pub peak_reserved_bytes: u64,
}

impl Stats {
    /// The counters of `zone`.
    pub fn zone(&self, zone: Zone) -> &ZoneStats {
        &self.zones[zone.index()]
    }

    /// The pause histogram of `kind`.
    pub fn pause(&self, kind: Collection) -> &PauseStats {
        &self.pauses[kind.index()]
    }

    /// Collections of all kinds.
    pub fn collections(&self) -> u64 {
        self.pauses.iter().map(|p| p.count()).sum()
    }
}

fn micros(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

impl fmt::Display for Stats {
    /// A markdown table, one row per zone; the pause columns of a zone's row are those of the
    /// collections of that kind (Red alone, Blue with Red, Full).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| zone | allocations | bytes | fresh cells | reused cells | expired | live | collections | pause p50 (us) | pause p99 (us) | pause max (us) |"
        )?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")?;
        for zone in Zone::ALL {
            let z = self.zone(zone);
            let p = self.pause(Collection::of(zone));
            writeln!(
                f,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                zone,
                z.allocations,
                z.bytes,
                z.fresh_cells,
                z.reused_cells,
                z.expired,
                z.live_objects,
                p.count(),
                micros(p.p50()),
                micros(p.p99()),
                micros(p.max()),
            )?;
        }
        write!(
            f,
            "heap: {} KiB in use (peak {} KiB), {} KiB reserved (peak {} KiB); {} safepoints, {} cards scanned, {} weak refs cleared, {} site moves",
            self.heap_bytes / 1024,
            self.peak_heap_bytes / 1024,
            self.reserved_bytes / 1024,
            self.peak_reserved_bytes / 1024,
            self.safepoints,
            self.cards_scanned,
            self.weak_cleared,
            self.site_moves,
        )
    }
}

/// What one collection did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CollectionReport {
    /// Which zones were collected.
    pub kind: Collection,
    /// Wall-clock pause.
    pub pause: Duration,
    /// Objects reached in the collected zones.
    pub marked: u64,
    /// Of those, objects reached only through cards ("deferred").
    pub deferred: u64,
    /// Carded objects traced as extra roots.
    pub cards_scanned: u64,
    /// Objects expired, per zone.
    pub expired: [u64; 3],
    /// Bytes expired, per zone.
    pub expired_bytes: [u64; 3],
    /// Bytes live after the collection, per zone.
    pub live_bytes: [u64; 3],
    /// Weak references cleared.
    pub weak_cleared: u64,
    /// Allocation sites that changed zone.
    pub site_moves: u64,
}

impl fmt::Display for CollectionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} collection: {} us, marked {} (deferred {}), cards {}, expired R/B/G {}/{}/{}, live KiB R/B/G {}/{}/{}, weak cleared {}, site moves {}",
            self.kind,
            micros(self.pause),
            self.marked,
            self.deferred,
            self.cards_scanned,
            self.expired[0],
            self.expired[1],
            self.expired[2],
            self.live_bytes[0] / 1024,
            self.live_bytes[1] / 1024,
            self.live_bytes[2] / 1024,
            self.weak_cleared,
            self.site_moves,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pause_buckets_are_monotonic_and_tight() {
        let mut last = 0;
        for ns in (0..100_000u64).chain([1 << 20, 1 << 30, u64::MAX / 2]) {
            let bucket = bucket_of(ns);
            assert!(bucket >= last || ns > 100_000, "{ns}");
            last = bucket;
            assert!(bucket_floor(bucket) <= ns, "{ns}");
            assert!(bucket_floor(bucket + 1) > ns, "{ns}");
        }
    }

    #[test]
    fn pause_percentiles_are_within_bucket_precision() {
        let mut pauses = PauseStats::default();
        for us in 1..=1000u64 {
            pauses.record(Duration::from_micros(us));
        }
        let p50 = pauses.p50().as_nanos() as f64;
        let p99 = pauses.p99().as_nanos() as f64;
        assert!((p50 / 500_000.0 - 1.0).abs() < 0.07, "{p50}");
        assert!((p99 / 990_000.0 - 1.0).abs() < 0.07, "{p99}");
        assert_eq!(pauses.max(), Duration::from_micros(1000));
        assert_eq!(pauses.count(), 1000);
    }

    #[test]
    fn stats_display_has_one_row_per_zone() {
        let text = Stats::default().to_string();
        for zone in Zone::ALL {
            assert!(text.contains(&format!("| {zone} |")), "{text}");
        }
    }
}
