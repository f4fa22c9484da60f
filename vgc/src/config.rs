//! Heap configuration: collection budgets, pretenuring thresholds and the debug switches.
//!
//! `Config::default()` is the production setting; `Heap::new` then ORs in the environment switches
//! (`VGC_STRESS=1`, `VGC_VERIFY=1`, `METATRACE_LOG` containing `gc`), read once per heap.
//! `Config::for_tests()` turns the verifier on, makes budgets small so collections happen often,
//! and ignores the environment.

/// How a heap decides when to collect and where to put objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Bytes allocated into Red that trigger a Red collection (at least; see `growth_percent`).
    pub red_budget: usize,
    /// Bytes allocated into Blue that trigger a Blue collection (at least).
    pub blue_budget: usize,
    /// Bytes allocated into Green that trigger a full collection (at least).
    pub green_budget: usize,
    /// After a collection, a zone's next trigger is the larger of its budget and this percentage of
    /// the bytes that survived in it, so collection work stays proportional to allocation.
    pub growth_percent: u32,
    /// Let survival profiles move allocation sites between zones.
    pub pretenuring: bool,
    /// A site whose survival rate is at least this (percent) sends new objects to a longer-lived zone.
    pub promote_percent: u32,
    /// A site whose survival rate is at most this (percent) sends new objects to a shorter-lived zone.
    pub demote_percent: u32,
    /// Objects of a site a collection must have examined before its zone is re-decided.
    pub profile_min_samples: u32,
    /// Collect at every safepoint (`VGC_STRESS=1`), rotating through the three kinds.
    pub stress: bool,
    /// Poison free cells and run the heap verifier before and after every collection (`VGC_VERIFY=1`).
    pub verify: bool,
    /// Log each collection to stderr (`METATRACE_LOG=gc`).
    pub log: bool,
    /// OR the environment switches into `stress`, `verify` and `log` at `Heap::new`. Off in
    /// `for_tests`, so that tests asserting exact collection counts do not change under
    /// `VGC_STRESS=1`.
    pub from_env: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            red_budget: 4 << 20,
            blue_budget: 16 << 20,
            green_budget: 64 << 20,
            growth_percent: 100,
            pretenuring: true,
            promote_percent: 50,
            demote_percent: 10,
            profile_min_samples: 256,
            stress: false,
            verify: false,
            log: false,
            from_env: true,
        }
    }
}

impl Config {
    /// Small budgets and the verifier on: what unit and property tests use.
    pub fn for_tests() -> Config {
        Config {
            red_budget: 64 << 10,
            blue_budget: 256 << 10,
            green_budget: 1 << 20,
            profile_min_samples: 32,
            verify: true,
            from_env: false,
            ..Config::default()
        }
    }

    /// This configuration with the environment switches ORed in (if `from_env`).
    pub(crate) fn with_env(mut self) -> Config {
        if !self.from_env {
            return self;
        }
        let on = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
        self.stress |= on("VGC_STRESS");
        self.verify |= on("VGC_VERIFY");
        self.log |= std::env::var("METATRACE_LOG").is_ok_and(|v| {
            v.split(',')
                .any(|category| matches!(category.trim(), "gc" | "all"))
        });
        self
    }
}
