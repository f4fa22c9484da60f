//! The garbage collector's write barrier in traces: the `gc_wb` op, how handlers record it, and the
//! card layout compiled code needs to emit it inline.
//!
//! A collector that collects part of the heap alone (VGC collects its Red zone without tracing
//! Green) needs to know which objects outside the collected part may point into it. The language
//! reports every reference store into a heap object with [`write_barrier`]; that marks the object's
//! *card*, one bit in its page. In the interpreter the call is the collector's own barrier
//! function. In a trace it is the IR op `gc_wb(obj)`, which the Cranelift backend lowers to the
//! card-bit OR and the page-summary store from the [`GcLayout`] the language gave the
//! [`Jit`](crate::Jit) (`Jit::set_gc_layout`), with no call; the IR-interpreting backend calls the
//! layout's barrier function. The optimiser (`opt::heap`) removes a barrier when the card is
//! known to be set already: a second barrier on the same object, or a barrier on an object the
//! trace allocated itself, with no safepoint in between (collections, which clean cards, happen only
//! at safepoints, and a trace reaches one only through a call that may do anything or a loop
//! iteration).
//!
//! The framework does not depend on any collector: the layout is plain numbers and a function
//! pointer, which is all the barrier needs. It does not handle collectors whose barrier needs the
//! stored value or a conditional slow path (a snapshot-at-the-beginning barrier, for instance);
//! such a collector keeps calling its barrier through a residual call.

use std::any::Any;

use crate::dialect::{Mode, Ref};
use crate::ir::Opcode;
use crate::recorder;

/// Where a collector keeps the card of an object, as compiled code computes it.
///
/// For a value at address `v` (what a `Ref` holds): `h = v - header_size`,
/// `base = h & page_mask`, `slot = (h - base) >> slot_shift`; the card is bit `slot & 7` of the
/// byte at `base + card_offset + (slot >> 3)`, and setting it also stores 1 into the byte that
/// the pointer at `base + summary_ptr_offset` points to (the page's summary byte).
///
/// **Allocator contract.** The optimiser removes a barrier on an object the trace allocated with
/// `new` when no safepoint came between. That is only correct if a language's `new` allocator
/// returns objects whose card needs no barrier until the next safepoint: objects in a part of the
/// heap that every collection collects, or objects whose card is already set (`vgc`'s JIT
/// allocation entry points set it for objects outside Red).
#[derive(Clone, Copy, Debug)]
pub struct GcLayout {
    /// Bytes between an object's header (which is in the object's page) and its value.
    pub header_size: u32,
    /// `header address & page_mask` is the base of the object's page.
    pub page_mask: u64,
    /// `(header address - page base) >> slot_shift` is the object's card bit index.
    pub slot_shift: u32,
    /// Offset of the card bitfield from the page base.
    pub card_offset: u32,
    /// Offset, from the page base, of the pointer to the page's summary byte.
    pub summary_ptr_offset: u32,
    /// The same barrier as a function of the value address: what the interpreter calls, and
    /// what backends that do not inline it call.
    pub barrier: unsafe extern "C" fn(*const u8),
}

// ANCHOR: write_barrier
/// The write barrier after storing a reference into the heap object `obj`.
///
/// In [`Concrete`](crate::Concrete) mode this calls `layout.barrier`. While recording it also calls
/// it (recording runs the program) and records `gc_wb(obj)`. The barrier is not an effect for the
/// side-effect rule of the recorder: running it twice (the opcode re-run after a guard fails) sets
/// the same bit twice.
///
/// # Safety
/// `obj` must be the value address of a live object of the heap `layout` describes, and compiled
/// code must have been given the same layout through `Jit::set_gc_layout`.
#[inline(always)]
pub unsafe fn write_barrier<M: Mode>(layout: &GcLayout, obj: Ref<M>) {
    // SAFETY: guaranteed by the caller.
    unsafe { (layout.barrier)(obj.peek() as *const u8) };
    if M::RECORDING {
        record(&obj.tag());
    }
}
// ANCHOR_END: write_barrier

/// Appends `gc_wb` on the value `tag` names (a recording tag is the value's `OpRef`).
fn record(tag: &dyn Any) {
    let Some(&obj) = tag.downcast_ref::<crate::ir::OpRef>() else {
        return;
    };
    recorder::with(|r| {
        if !r.is_aborted() {
            r.trace.emit(Opcode::GcWb, vec![obj], 0, None, None);
        }
    });
}
