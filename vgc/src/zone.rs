//! The three memory zones (Red, Blue, Green) and the collections that cover them.
//!
//! The paper classifies objects into Red (reclaimed aggressively), Blue (medium) and Green (the
//! stable working set). We read the colours as lifetime classes: a zone is a separate, non-moving
//! heap of size-segregated pages, and the zone of an object is chosen once, at allocation, from the
//! survival profile of its allocation site (see `alloc_site`). Zones are ordered by how often they
//! are collected: Red most often, then Blue, then Green. A collection of a zone also collects every
//! zone that is collected more often, so there are exactly three kinds of collection: Red alone,
//! Blue with Red, and Full. This nesting is what lets a small remembered set (the card table) stand
//! in for the zones that are not traced. We deliberately do not collect Blue or Green without Red:
//! that would need a remembered set for pointers from Red into older zones as well, which is the
//! busiest pointer direction of all.

use std::fmt;

/// A memory zone. The discriminant is the zone's rank in collection frequency, and the byte stored
/// in every page header.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Zone {
    /// Short-lived objects, collected often (the paper's "rarely accessed, reclaimed aggressively").
    Red = 0,
    /// Objects of medium lifetime, collected less often.
    Blue = 1,
    /// Long-lived objects, collected rarely (the paper's stable "hot working set").
    Green = 2,
}

impl Zone {
    /// All zones, in collection-frequency order.
    pub const ALL: [Zone; 3] = [Zone::Red, Zone::Blue, Zone::Green];

    /// The zone's index into per-zone arrays.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The zone's name as the paper spells it.
    pub const fn name(self) -> &'static str {
        match self {
            Zone::Red => "Red",
            Zone::Blue => "Blue",
            Zone::Green => "Green",
        }
    }

    pub(crate) const fn from_u8(byte: u8) -> Option<Zone> {
        match byte {
            0 => Some(Zone::Red),
            1 => Some(Zone::Blue),
            2 => Some(Zone::Green),
            _ => None,
        }
    }

    /// The next zone that is collected less often, if any.
    pub(crate) const fn longer_lived(self) -> Option<Zone> {
        match self {
            Zone::Red => Some(Zone::Blue),
            Zone::Blue => Some(Zone::Green),
            Zone::Green => None,
        }
    }

    /// The next zone that is collected more often, if any.
    pub(crate) const fn shorter_lived(self) -> Option<Zone> {
        match self {
            Zone::Red => None,
            Zone::Blue => Some(Zone::Red),
            Zone::Green => Some(Zone::Blue),
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which zones a collection covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Collection {
    /// Collect Red alone; Blue and Green are not traced, their pointers into Red come from the card table.
    Red,
    /// Collect Blue and Red; Green is not traced.
    Blue,
    /// Collect every zone.
    Full,
}

impl Collection {
    /// All kinds, from the cheapest to the most expensive.
    pub const ALL: [Collection; 3] = [Collection::Red, Collection::Blue, Collection::Full];

    /// The collection that covers `zone` and every zone collected more often.
    pub const fn of(zone: Zone) -> Collection {
        match zone {
            Zone::Red => Collection::Red,
            Zone::Blue => Collection::Blue,
            Zone::Green => Collection::Full,
        }
    }

    /// The longest-lived zone this collection traces.
    pub const fn top(self) -> Zone {
        match self {
            Collection::Red => Zone::Red,
            Collection::Blue => Zone::Blue,
            Collection::Full => Zone::Green,
        }
    }

    /// Whether objects in `zone` are traced and swept by this collection.
    pub const fn covers(self, zone: Zone) -> bool {
        zone as u8 <= self.top() as u8
    }

    /// The index into per-kind arrays.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// A short lower-case name, used in logs.
    pub const fn name(self) -> &'static str {
        match self {
            Collection::Red => "red",
            Collection::Blue => "blue",
            Collection::Full => "full",
        }
    }
}

impl fmt::Display for Collection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_covers_every_more_often_collected_zone() {
        assert!(Collection::Red.covers(Zone::Red));
        assert!(!Collection::Red.covers(Zone::Blue));
        assert!(!Collection::Red.covers(Zone::Green));
        assert!(Collection::Blue.covers(Zone::Red));
        assert!(Collection::Blue.covers(Zone::Blue));
        assert!(!Collection::Blue.covers(Zone::Green));
        for zone in Zone::ALL {
            assert!(Collection::Full.covers(zone));
            assert!(Collection::of(zone).covers(zone));
        }
    }

    #[test]
    fn zone_byte_round_trips() {
        for zone in Zone::ALL {
            assert_eq!(Zone::from_u8(zone as u8), Some(zone));
        }
        assert_eq!(Zone::from_u8(3), None);
    }

    #[test]
    fn zone_neighbours_are_inverse() {
        for zone in Zone::ALL {
            if let Some(up) = zone.longer_lived() {
                assert_eq!(up.shorter_lived(), Some(zone));
            }
        }
    }
}
