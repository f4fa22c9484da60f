//! The 3-bit checkpoint states, one per 16-byte slot, kept in `bitvec` side bitfields.
//!
//! Every page owns three bit planes (`b0`, `b1`, `b2`) with one bit per 16-byte slot; a slot's
//! state is the 3-bit number `b2 b1 b0`, exactly the codes of the paper's table. The index of a slot
//! is `(address - page base) >> 4`. Only the first slot of each object (its header slot, a "cell
//! start") carries a state; the other slots stay idle. Because the planes are separate, 64 slots
//! are evaluated at once with word-wide AND/OR/XOR: the sweep, the free-cell search and the
//! verifier never walk objects one by one, they combine words (see `sweep_word` and
//! `free_cells`). The per-object work left is marking (which must follow pointers anyway) and
//! drop glue for the objects that own Rust memory.
//!
//! How the paper's states map onto this collector:
//!
//! | code | paper name | here |
//! |---|---|---|
//! | 000 | idle | a free cell that was never used since its page was obtained from the system |
//! | 001 | active | an object allocated since its zone was last collected (it has not survived yet) |
//! | 010 | promotion candidate | during a collection: an active object reached from the roots; its survival is counted for its allocation site, which may then send new objects to a longer-lived zone |
//! | 011 | demotion candidate | never stored in a slot: objects never move, so demotion is decided per allocation site (see `alloc_site`) |
//! | 100 | persistent | an object that survived at least one collection of its zone |
//! | 101 | deferred | during a collection: an object reached only through the remembered set (the card table), so it is kept without proof that it is reachable; the next collection of the zone holding the card decides |
//! | 110 | marked | during a collection: a persistent object reached from the roots |
//! | 111 | expired | a free cell whose previous object died; its drop glue has run and (in verify mode) it is poisoned; the allocator reuses it |
//!
//! The collection-time states (promotion candidate, deferred, marked) exist only between the start
//! of marking and the end of the sweep, which turns all three into persistent. This module does not
//! know about pages or objects; it only stores states and evaluates words.

use std::ptr::NonNull;

use bitvec::prelude::{BitBox, BitVec, Lsb0};

/// A 3-bit checkpoint state, with the paper's codes.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    /// 000: free, never used.
    Idle = 0b000,
    /// 001: allocated since its zone's last collection.
    Active = 0b001,
    /// 010: reached in the current mark, was active.
    PromotionCandidate = 0b010,
    /// 011: not stored in slots (site-level only); seeing it in a slot is a heap corruption.
    DemotionCandidate = 0b011,
    /// 100: survived at least one collection.
    Persistent = 0b100,
    /// 101: reached in the current mark only through the remembered set.
    Deferred = 0b101,
    /// 110: reached in the current mark, was persistent.
    Marked = 0b110,
    /// 111: free, previously used (reused by the allocator).
    Expired = 0b111,
}

impl State {
    /// Decodes a 3-bit code.
    pub const fn from_bits(bits: u8) -> State {
        match bits & 0b111 {
            0b000 => State::Idle,
            0b001 => State::Active,
            0b010 => State::PromotionCandidate,
            0b011 => State::DemotionCandidate,
            0b100 => State::Persistent,
            0b101 => State::Deferred,
            0b110 => State::Marked,
            _ => State::Expired,
        }
    }

    /// The paper's name of the state.
    pub const fn name(self) -> &'static str {
        match self {
            State::Idle => "idle",
            State::Active => "active",
            State::PromotionCandidate => "promotion candidate",
            State::DemotionCandidate => "demotion candidate",
            State::Persistent => "persistent",
            State::Deferred => "deferred",
            State::Marked => "marked",
            State::Expired => "expired",
        }
    }

    /// Whether the cell holds an object (in any phase of a collection).
    pub const fn is_allocated(self) -> bool {
        !matches!(self, State::Idle | State::Expired)
    }

    /// Whether the object was reached in the current mark.
    pub const fn is_reached(self) -> bool {
        matches!(
            self,
            State::PromotionCandidate | State::Marked | State::Deferred
        )
    }
}

/// Number of bit planes: one per bit of the state.
const PLANES: usize = 3;

/// The checkpoint states of one page, stored as three bit planes in one `BitBox`.
///
/// Plane `p` occupies words `p * words .. (p + 1) * words`, so the three words describing slots
/// `64 w .. 64 w + 63` are `w`, `words + w` and `2 words + w`.
pub(crate) struct CheckpointBits {
    bits: BitBox<u64, Lsb0>,
    words: usize,
    /// The first storage word of `bits`, cached: the marker reads and writes single slots through
    /// it without re-deriving the address from the bit-slice span on every access.
    raw: NonNull<u64>,
}

impl CheckpointBits {
    /// States for `slots` slots (rounded up to a multiple of 64), all `fill`.
    pub(crate) fn new(slots: usize, fill: State) -> CheckpointBits {
        let words = slots.div_ceil(64);
        let mut bits =
            BitVec::<u64, Lsb0>::repeat(false, PLANES * words * 64).into_boxed_bitslice();
        if fill != State::Idle {
            let raw = bits.as_raw_mut_slice();
            for plane in 0..PLANES {
                if (fill as u8 >> plane) & 1 == 1 {
                    raw[plane * words..(plane + 1) * words].fill(!0);
                }
            }
        }
        let raw = NonNull::from(&mut bits.as_raw_mut_slice()[0]);
        CheckpointBits { bits, words, raw }
    }

    /// Number of 64-slot words per plane.
    pub(crate) fn words(&self) -> usize {
        self.words
    }

    /// The state of `slot`.
    #[inline]
    pub(crate) fn get(&self, slot: usize) -> State {
        assert!(slot < self.words * 64, "vgc: checkpoint slot out of range");
        let (w, bit) = (slot / 64, slot % 64);
        // SAFETY: `w < words`, so all three plane words are inside the BitBox storage, which lives
        // as long as `self` and is only accessed through `self`.
        let code = unsafe {
            let raw = self.raw.as_ptr();
            ((*raw.add(w) >> bit) & 1)
                | ((*raw.add(self.words + w) >> bit) & 1) << 1
                | ((*raw.add(2 * self.words + w) >> bit) & 1) << 2
        };
        State::from_bits(code as u8)
    }

    /// Sets the state of `slot`.
    #[inline]
    pub(crate) fn set(&mut self, slot: usize, state: State) {
        assert!(slot < self.words * 64, "vgc: checkpoint slot out of range");
        let (w, bit) = (slot / 64, slot % 64);
        let code = state as u64;
        // SAFETY: as in `get`; `&mut self` makes this the only access.
        unsafe {
            let raw = self.raw.as_ptr();
            for plane in 0..PLANES {
                let word = raw.add(plane * self.words + w);
                *word = (*word & !(1 << bit)) | ((code >> plane) & 1) << bit;
            }
        }
    }

    /// Indexed access through `bitvec`, used by tests to cross-check the raw fast path.
    #[cfg(test)]
    fn get_via_bitvec(&self, slot: usize) -> State {
        let stride = self.words * 64;
        let code = self.bits[slot] as u8
            | (self.bits[stride + slot] as u8) << 1
            | (self.bits[2 * stride + slot] as u8) << 2;
        State::from_bits(code)
    }

    /// The three plane words `[b0, b1, b2]` describing slots `64 w .. 64 w + 63`.
    #[inline]
    pub(crate) fn word(&self, w: usize) -> [u64; 3] {
        let raw = self.bits.as_raw_slice();
        [raw[w], raw[self.words + w], raw[2 * self.words + w]]
    }

    /// Replaces the three plane words for slots `64 w .. 64 w + 63`.
    #[inline]
    pub(crate) fn set_word(&mut self, w: usize, planes: [u64; 3]) {
        let words = self.words;
        let raw = self.bits.as_raw_mut_slice();
        raw[w] = planes[0];
        raw[words + w] = planes[1];
        raw[2 * words + w] = planes[2];
    }
}

/// Word-wide evaluation: which of the 64 slots are in a given state.
#[inline]
pub(crate) fn state_mask([b0, b1, b2]: [u64; 3], state: State) -> u64 {
    let code = state as u8;
    let pick = |plane: u64, bit: u8| if code & bit != 0 { plane } else { !plane };
    pick(b0, 1) & pick(b1, 2) & pick(b2, 4)
}

/// Slots that are free for the allocator: idle (000) or expired (111). `!(b0|b1|b2) | (b0&b1&b2)`.
#[inline]
pub(crate) fn free_cells([b0, b1, b2]: [u64; 3]) -> u64 {
    !(b0 | b1 | b2) | (b0 & b1 & b2)
}

/// Slots that hold an object, whatever its phase: neither idle nor expired.
#[inline]
pub(crate) fn allocated_cells(planes: [u64; 3]) -> u64 {
    !free_cells(planes)
}

/// The result of sweeping 64 slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SweepWord {
    /// The new plane words.
    pub planes: [u64; 3],
    /// Cells whose object died in this collection (now expired).
    pub dead: u64,
    /// Cells whose object survived (now persistent).
    pub survivors: u64,
    /// Survivors that were kept only by the remembered set.
    pub deferred: u64,
}

/// Sweeps 64 slots of a collected page with word-wide logic; `cells` masks the cell starts.
///
/// Reached objects (promotion candidate 010, marked 110, deferred 101) become persistent (100);
/// unreached objects (active 001, persistent 100) become expired (111); idle and expired cells are
/// unchanged. In gates: `reached = (b1 & !b0) | (b2 & b0 & !b1)`, `dead = !b1 & (b0 ^ b2)`.
#[inline]
pub(crate) fn sweep_word([b0, b1, b2]: [u64; 3], cells: u64) -> SweepWord {
    let reached = ((b1 & !b0) | (b2 & b0 & !b1)) & cells;
    let dead = !b1 & (b0 ^ b2) & cells;
    let expired = b0 & b1 & b2 & cells;
    let deferred = b2 & b0 & !b1 & cells;
    let gone = dead | expired;
    // Slots outside `cells` are kept as they are, so that a corrupt non-cell slot stays visible to
    // the verifier instead of being silently cleaned.
    let keep = !cells;
    SweepWord {
        planes: [
            (b0 & keep) | gone,
            (b1 & keep) | gone,
            (b2 & keep) | reached | gone,
        ],
        dead,
        survivors: reached,
        deferred,
    }
}

/// Commits `range` (a mask of freshly allocated cells, all free before) to active (001).
/// Returns the new planes and how many of those cells were expired before (reused memory).
#[inline]
pub(crate) fn commit_word([b0, b1, b2]: [u64; 3], range: u64) -> ([u64; 3], u32) {
    let reused = (b0 & b1 & b2 & range).count_ones();
    ([b0 | range, b1 & !range, b2 & !range], reused)
}

/// The state a reached object takes in the mark, or `None` if it was already reached.
/// `Err` carries the state of a slot that holds no object (a dangling pointer).
#[inline]
pub(crate) fn mark_transition(state: State, through_cards: bool) -> Result<Option<State>, State> {
    match (state, through_cards) {
        (State::Active, false) => Ok(Some(State::PromotionCandidate)),
        (State::Persistent, false) => Ok(Some(State::Marked)),
        (State::Active | State::Persistent, true) => Ok(Some(State::Deferred)),
        (State::PromotionCandidate | State::Marked | State::Deferred, _) => Ok(None),
        (State::Idle | State::Expired | State::DemotionCandidate, _) => Err(state),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [State; 8] = [
        State::Idle,
        State::Active,
        State::PromotionCandidate,
        State::DemotionCandidate,
        State::Persistent,
        State::Deferred,
        State::Marked,
        State::Expired,
    ];

    /// Puts state `ALL[i]` in slot `i` of one word.
    fn word_of_all_states() -> [u64; 3] {
        let mut bits = CheckpointBits::new(64, State::Idle);
        for (slot, state) in ALL.iter().enumerate() {
            bits.set(slot, *state);
        }
        bits.word(0)
    }

    #[test]
    fn checkpoint_codes_match_the_paper_table() {
        let codes: Vec<u8> = ALL.iter().map(|s| *s as u8).collect();
        assert_eq!(codes, vec![0, 1, 2, 3, 4, 5, 6, 7]);
        for state in ALL {
            assert_eq!(State::from_bits(state as u8), state);
        }
    }

    #[test]
    fn checkpoint_set_get_round_trips_every_state_at_every_slot() {
        let mut bits = CheckpointBits::new(4096, State::Idle);
        for slot in (0..4096).step_by(7) {
            let state = ALL[slot % 8];
            bits.set(slot, state);
            assert_eq!(bits.get(slot), state);
            assert_eq!(bits.get_via_bitvec(slot), state);
        }
        assert_eq!(bits.get(1), State::Idle);
    }

    #[test]
    fn checkpoint_new_fills_every_slot() {
        let bits = CheckpointBits::new(100, State::Expired);
        assert_eq!(bits.words(), 2);
        for slot in 0..128 {
            assert_eq!(bits.get(slot), State::Expired);
        }
    }

    #[test]
    fn state_mask_selects_exactly_one_state_per_slot() {
        let word = word_of_all_states();
        for (slot, state) in ALL.iter().enumerate() {
            assert_eq!(state_mask(word, *state) & 0xff, 1 << slot, "{state:?}");
        }
    }

    #[test]
    fn free_cells_are_idle_or_expired() {
        let word = word_of_all_states();
        assert_eq!(free_cells(word) & 0xff, 0b1000_0001);
        assert_eq!(allocated_cells(word) & 0xff, 0b0111_1110);
    }

    #[test]
    fn sweep_word_turns_reached_into_persistent_and_unreached_into_expired() {
        let word = word_of_all_states();
        // Slot 3 (demotion candidate) is not a cell here, so the sweep must leave it alone.
        let cells = 0xff & !(1 << 3);
        let swept = sweep_word(word, cells);
        let mut bits = CheckpointBits::new(64, State::Idle);
        bits.set_word(0, swept.planes);
        let expect = [
            State::Idle,
            State::Expired,
            State::Persistent,
            State::DemotionCandidate,
            State::Expired,
            State::Persistent,
            State::Persistent,
            State::Expired,
        ];
        for (slot, state) in expect.iter().enumerate() {
            assert_eq!(bits.get(slot), *state, "slot {slot}");
        }
        assert_eq!(swept.dead, (1 << 1) | (1 << 4));
        assert_eq!(swept.survivors, (1 << 2) | (1 << 5) | (1 << 6));
        assert_eq!(swept.deferred, 1 << 5);
    }

    #[test]
    fn commit_word_counts_reused_cells() {
        let mut bits = CheckpointBits::new(64, State::Idle);
        bits.set(1, State::Expired);
        bits.set(2, State::Expired);
        let (planes, reused) = commit_word(bits.word(0), 0b111);
        assert_eq!(reused, 2);
        bits.set_word(0, planes);
        for slot in 0..3 {
            assert_eq!(bits.get(slot), State::Active);
        }
        assert_eq!(bits.get(3), State::Idle);
    }

    #[test]
    fn mark_transition_reaches_each_live_state_once() {
        assert_eq!(
            mark_transition(State::Active, false),
            Ok(Some(State::PromotionCandidate))
        );
        assert_eq!(
            mark_transition(State::Persistent, false),
            Ok(Some(State::Marked))
        );
        assert_eq!(
            mark_transition(State::Active, true),
            Ok(Some(State::Deferred))
        );
        assert_eq!(mark_transition(State::Marked, false), Ok(None));
        assert_eq!(mark_transition(State::Expired, false), Err(State::Expired));
        assert_eq!(mark_transition(State::Idle, true), Err(State::Idle));
    }
}
