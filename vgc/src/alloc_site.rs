//! Allocation sites and their survival profiles: how an object's zone is chosen (pretenuring).
//!
//! The interpreter names the place an object is created with an `AllocSite` (for example a code
//! object and a pc hashed together). Each site has a profile: how many of its objects were examined
//! by a collection (they were allocated since their zone was last collected) and how many of those
//! survived that first collection. When enough objects have been examined, the survival rate moves
//! the site one zone at a time: at or above `Config::promote_percent` its new objects go to the
//! next longer-lived zone, at or below `Config::demote_percent` to the next shorter-lived one. This
//! is the paper's promotion and demotion, applied to sites because objects never move: a site whose
//! profile changes sends its *new* objects elsewhere, and the old ones expire where they are.
//!
//! The paper weighs access frequency, mutation rate, size, fan-out and a cost model. We use the one
//! signal that predicts what a zone-local collection cares about, survival, as pretenuring
//! collectors (HotSpot, V8) do. Sites can also be pinned to a zone by the interpreter.

use std::cell::Cell;

use crate::config::Config;
use crate::zone::{Collection, Zone};

/// An allocation site id chosen by the interpreter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AllocSite(pub u32);

impl AllocSite {
    /// The site used for weak-reference cells.
    pub const WEAK: AllocSite = AllocSite(u32::MAX);

    /// A site id from a code-object id and a pc, mixed so that nearby pairs spread out.
    pub const fn of(code: u32, pc: u32) -> AllocSite {
        let mixed = ((code as u64) << 32 | pc as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        AllocSite((mixed >> 32) as u32 ^ mixed as u32)
    }
}

/// The profile of one site. Boxed, so the counters compiled code increments never move.
pub(crate) struct SiteProfile {
    pub site: AllocSite,
    pub zone: Zone,
    pub pinned: bool,
    /// Objects allocated into each zone that no collection has examined yet.
    pub pending: [Cell<u32>; 3],
    /// Objects examined and survivors in the current decision window.
    pub examined: u64,
    pub survived: u64,
    /// Totals over the heap's life.
    pub total_examined: u64,
    pub total_survived: u64,
    /// Number of zone changes.
    pub moves: u32,
    /// Whether the site is in `SiteTable::listed`.
    listed: bool,
    /// Compiled code counts this site's allocations without telling the table: keep it listed.
    sticky: bool,
}

/// A zone change decided at the end of a collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SiteMove {
    pub site: AllocSite,
    pub from: Zone,
    pub to: Zone,
    /// Survival rate of the window that decided it, in percent.
    pub survival_percent: u32,
}

/// A read-only view of a site's profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SiteInfo {
    pub site: AllocSite,
    pub zone: Zone,
    pub pinned: bool,
    pub examined: u64,
    pub survived: u64,
    pub moves: u32,
}

const EMPTY: u32 = u32::MAX;

/// Sites by id (open addressing, linear probing) and their profiles by dense index.
pub(crate) struct SiteTable {
    /// `(site id, dense index)`; index `EMPTY` marks a free slot.
    slots: Vec<(u32, u32)>,
    /// Boxed on purpose: compiled code holds the address of each profile's counters, which must
    /// not move when the vector grows.
    #[allow(clippy::vec_box)]
    pub profiles: Vec<Box<SiteProfile>>,
    /// Zone for sites seen for the first time.
    initial_zone: Zone,
    /// Sites that may have pending allocations: the only ones a collection visits, so that its
    /// cost does not grow with the number of sites a program ever used.
    listed: Vec<u32>,
}

impl SiteTable {
    pub(crate) fn new() -> SiteTable {
        SiteTable {
            slots: vec![(0, EMPTY); 64],
            profiles: Vec::new(),
            initial_zone: Zone::Red,
            listed: Vec::new(),
        }
    }

    #[inline]
    fn home(&self, site: AllocSite) -> usize {
        let hash = (site.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (hash >> 32) as usize & (self.slots.len() - 1)
    }

    /// The dense index and current zone of `site`, creating its profile on first use.
    #[inline]
    pub(crate) fn resolve(&mut self, site: AllocSite) -> (u32, Zone) {
        let mut i = self.home(site);
        loop {
            let (key, index) = self.slots[i];
            if index == EMPTY {
                return self.insert(site);
            }
            if key == site.0 {
                return (index, self.profiles[index as usize].zone);
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }

    #[cold]
    fn insert(&mut self, site: AllocSite) -> (u32, Zone) {
        let index = self.profiles.len() as u32;
        self.profiles.push(Box::new(SiteProfile {
            site,
            zone: self.initial_zone,
            pinned: false,
            pending: Default::default(),
            examined: 0,
            survived: 0,
            total_examined: 0,
            total_survived: 0,
            moves: 0,
            listed: false,
            sticky: false,
        }));
        if self.profiles.len() * 2 > self.slots.len() {
            self.rehash(self.slots.len() * 2);
        } else {
            self.place(site, index);
        }
        (index, self.initial_zone)
    }

    fn place(&mut self, site: AllocSite, index: u32) {
        let mut i = self.home(site);
        while self.slots[i].1 != EMPTY {
            i = (i + 1) & (self.slots.len() - 1);
        }
        self.slots[i] = (site.0, index);
    }

    fn rehash(&mut self, len: usize) {
        self.slots = vec![(0, EMPTY); len];
        for index in 0..self.profiles.len() {
            self.place(self.profiles[index].site, index as u32);
        }
    }

    /// Resolves `site` and counts one allocation into its current zone, in one lookup.
    #[inline]
    pub(crate) fn resolve_for_alloc(&mut self, site: AllocSite) -> (u32, Zone) {
        let (index, zone) = self.resolve(site);
        self.note_alloc(index, zone);
        (index, zone)
    }

    /// Counts one allocation of site `index` into `zone`.
    #[inline]
    pub(crate) fn note_alloc(&mut self, index: u32, zone: Zone) {
        let profile = &mut self.profiles[index as usize];
        let counter = &profile.pending[zone as usize];
        counter.set(counter.get().saturating_add(1));
        if !profile.listed {
            profile.listed = true;
            self.listed.push(index);
        }
    }

    /// Keeps site `index` listed for good: compiled code increments its counters directly.
    pub(crate) fn make_sticky(&mut self, index: u32) {
        let profile = &mut self.profiles[index as usize];
        profile.sticky = true;
        if !profile.listed {
            profile.listed = true;
            self.listed.push(index);
        }
    }

    /// Pins `site` to `zone`: its objects go there whatever their survival.
    pub(crate) fn pin(&mut self, site: AllocSite, zone: Zone) {
        let (index, _) = self.resolve(site);
        let profile = &mut self.profiles[index as usize];
        profile.zone = zone;
        profile.pinned = true;
    }

    /// Information about `site`, if it has allocated.
    pub(crate) fn info(&self, site: AllocSite) -> Option<SiteInfo> {
        self.profiles
            .iter()
            .find(|p| p.site == site)
            .map(|p| p.info())
    }

    /// Ends a collection of `kind`: moves pending counts of covered zones to examined, adds the
    /// survivors counted by the marker (indexed by dense index), and re-decides zones.
    pub(crate) fn end_collection(
        &mut self,
        kind: Collection,
        survivors: &[u32],
        config: &Config,
    ) -> Vec<SiteMove> {
        let mut moves = Vec::new();
        let listed = std::mem::take(&mut self.listed);
        for index in listed {
            let profile = &mut self.profiles[index as usize];
            let mut examined = 0u64;
            for zone in Zone::ALL {
                if kind.covers(zone) {
                    examined += profile.pending[zone.index()].replace(0) as u64;
                }
            }
            if profile.sticky || profile.pending.iter().any(|p| p.get() != 0) {
                self.listed.push(index);
            } else {
                profile.listed = false;
            }
            let survived = survivors.get(index as usize).copied().unwrap_or(0) as u64;
            profile.examined += examined;
            profile.survived += survived;
            profile.total_examined += examined;
            profile.total_survived += survived;
            if profile.examined < config.profile_min_samples as u64 {
                continue;
            }
            let percent = (profile.survived.min(profile.examined) * 100 / profile.examined) as u32;
            profile.examined = 0;
            profile.survived = 0;
            if profile.pinned || !config.pretenuring {
                continue;
            }
            let target = if percent >= config.promote_percent {
                profile.zone.longer_lived()
            } else if percent <= config.demote_percent {
                profile.zone.shorter_lived()
            } else {
                None
            };
            if let Some(to) = target {
                moves.push(SiteMove {
                    site: profile.site,
                    from: profile.zone,
                    to,
                    survival_percent: percent,
                });
                profile.zone = to;
                profile.moves += 1;
            }
        }
        moves
    }
}

impl SiteProfile {
    pub(crate) fn info(&self) -> SiteInfo {
        SiteInfo {
            site: self.site,
            zone: self.zone,
            pinned: self.pinned,
            examined: self.total_examined,
            survived: self.total_survived,
            moves: self.moves,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config {
            profile_min_samples: 10,
            promote_percent: 50,
            demote_percent: 10,
            ..Config::default()
        }
    }

    #[test]
    fn site_table_resolves_many_sites_to_stable_indices() {
        let mut table = SiteTable::new();
        let mut indices = Vec::new();
        for id in 0..1000u32 {
            indices.push(table.resolve(AllocSite(id.wrapping_mul(7919))).0);
        }
        for id in 0..1000u32 {
            assert_eq!(
                table.resolve(AllocSite(id.wrapping_mul(7919))).0,
                indices[id as usize]
            );
        }
        assert_eq!(table.profiles.len(), 1000);
        assert_eq!(table.resolve(AllocSite::WEAK).0, 1000);
    }

    #[test]
    fn site_survivors_promote_one_zone_per_window() {
        let mut table = SiteTable::new();
        let (index, zone) = table.resolve(AllocSite(5));
        assert_eq!(zone, Zone::Red);
        for _ in 0..20 {
            table.note_alloc(index, Zone::Red);
        }
        let moves = table.end_collection(Collection::Red, &[15], &config());
        assert_eq!(
            moves,
            vec![SiteMove {
                site: AllocSite(5),
                from: Zone::Red,
                to: Zone::Blue,
                survival_percent: 75
            }]
        );
        assert_eq!(table.resolve(AllocSite(5)).1, Zone::Blue);
    }

    #[test]
    fn site_dying_young_is_demoted() {
        let mut table = SiteTable::new();
        table.pin(AllocSite(1), Zone::Green);
        table.profiles[0].pinned = false;
        for _ in 0..100 {
            table.note_alloc(0, Zone::Green);
        }
        // A Red collection does not examine Green objects.
        assert!(
            table
                .end_collection(Collection::Red, &[], &config())
                .is_empty()
        );
        let moves = table.end_collection(Collection::Full, &[3], &config());
        assert_eq!(moves[0].to, Zone::Blue);
    }

    #[test]
    fn site_collection_visits_only_sites_with_pending_allocations() {
        let mut table = SiteTable::new();
        for id in 0..100 {
            table.resolve_for_alloc(AllocSite(id));
        }
        table.resolve(AllocSite(1000));
        assert_eq!(
            table.listed.len(),
            100,
            "resolving without allocating does not list"
        );
        table.note_alloc(5, Zone::Green);
        table.end_collection(Collection::Red, &[], &config());
        assert_eq!(
            table.listed,
            vec![5],
            "only the site with uncollected Green allocations stays"
        );
        table.end_collection(Collection::Full, &[], &config());
        assert!(table.listed.is_empty());
        table.make_sticky(7);
        table.end_collection(Collection::Full, &[], &config());
        assert_eq!(
            table.listed,
            vec![7],
            "sites used by compiled code stay listed"
        );
    }

    #[test]
    fn site_pinned_never_moves() {
        let mut table = SiteTable::new();
        table.pin(AllocSite(9), Zone::Red);
        for _ in 0..100 {
            table.note_alloc(0, Zone::Red);
        }
        assert!(
            table
                .end_collection(Collection::Full, &[100], &config())
                .is_empty()
        );
        assert_eq!(table.resolve(AllocSite(9)).1, Zone::Red);
    }

    #[test]
    fn site_needs_enough_samples_before_moving() {
        let mut table = SiteTable::new();
        table.resolve(AllocSite(2));
        for _ in 0..5 {
            table.note_alloc(0, Zone::Red);
        }
        assert!(
            table
                .end_collection(Collection::Red, &[5], &config())
                .is_empty()
        );
        for _ in 0..5 {
            table.note_alloc(0, Zone::Red);
        }
        assert_eq!(
            table.end_collection(Collection::Red, &[5], &config()).len(),
            1
        );
    }
}
