//! The write barrier in compiled code: a toy interpreter stores references into objects of a
//! page laid out like a VGC page (header, card bitfield, summary pointer), calling
//! `metatrace::gc::write_barrier` after every store. Checks that compiled loops emit the barrier as
//! the `gc_wb` op with no call, that both backends set exactly the cards the interpreter sets, that
//! a repeated barrier on one object is removed, and that without a layout the loop stays
//! interpreted and still barriers.
//!
//! The page is a test double, not VGC (the framework does not depend on it); `vgc`'s own tests
//! check that its layout constants describe its pages.

use std::alloc::{Layout, alloc_zeroed, dealloc};
use std::cell::Cell;

use metatrace::gc::{GcLayout, write_barrier};
use metatrace::{BackendKind, Frame, Int, Jit, JitConfig, JitCtxHeader, Mode};

const PAGE: usize = 1 << 16;
const HEADER: usize = 16;
const CARD_OFFSET: usize = 64;
const SUMMARY_PTR_OFFSET: usize = 8;
/// Objects start here: after the page header and the card bitfield (one bit per 16-byte slot).
const FIRST_OBJECT: usize = CARD_OFFSET + PAGE / 16 / 8;
/// A header and two 8-byte fields.
const OBJECT: usize = 32;

thread_local! {
    /// Calls of the out-of-line barrier on this thread (by the interpreter, or by the
    /// IR-interpreting backend); tests run on their own threads.
    static SLOW_CALLS: Cell<usize> = const { Cell::new(0) };
}

/// The barrier as the collector would export it: the layout's formula in Rust.
unsafe extern "C" fn test_barrier(value: *const u8) {
    SLOW_CALLS.set(SLOW_CALLS.get() + 1);
    let header = value as usize - HEADER;
    let base = header & !(PAGE - 1);
    let slot = (header - base) >> 4;
    // SAFETY: `value` is an object of a live `Page`, whose card bytes and summary pointer are in
    // the page's first `FIRST_OBJECT` bytes.
    unsafe {
        *((base + CARD_OFFSET + (slot >> 3)) as *mut u8) |= 1 << (slot & 7);
        **((base + SUMMARY_PTR_OFFSET) as *const *mut u8) = 1;
    }
}

const LAYOUT: GcLayout = GcLayout {
    header_size: HEADER as u32,
    page_mask: !(PAGE as u64 - 1),
    slot_shift: 4,
    card_offset: CARD_OFFSET as u32,
    summary_ptr_offset: SUMMARY_PTR_OFFSET as u32,
    barrier: test_barrier,
};

/// One page-aligned page and its summary byte.
struct Page {
    base: *mut u8,
    summary: Box<u8>,
}

impl Page {
    fn new() -> Page {
        let layout = Layout::from_size_align(PAGE, PAGE).unwrap();
        // SAFETY: the layout has a nonzero size.
        let base = unsafe { alloc_zeroed(layout) };
        assert!(!base.is_null());
        let mut summary = Box::new(0u8);
        // SAFETY: the summary pointer's slot is inside the page.
        unsafe { *(base.add(SUMMARY_PTR_OFFSET) as *mut *mut u8) = &mut *summary };
        Page { base, summary }
    }

    /// The value address of object `k`.
    fn object(&self, k: usize) -> usize {
        self.base as usize + FIRST_OBJECT + k * OBJECT + HEADER
    }

    fn card(&self, k: usize) -> bool {
        let slot = (FIRST_OBJECT + k * OBJECT) >> 4;
        // SAFETY: the card byte is inside the page.
        unsafe { *self.base.add(CARD_OFFSET + (slot >> 3)) & (1 << (slot & 7)) != 0 }
    }

    /// Every card bit, in page order.
    fn cards(&self) -> Vec<u8> {
        // SAFETY: the card bitfield is inside the page.
        unsafe { std::slice::from_raw_parts(self.base.add(CARD_OFFSET), PAGE / 16 / 8).to_vec() }
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with this layout.
        unsafe { dealloc(self.base, Layout::from_size_align(PAGE, PAGE).unwrap()) };
    }
}

#[derive(Clone, Copy, Debug)]
enum Op {
    LoadI(usize, i64),
    /// r[d] = value address of object r[a] of the page
    ObjAt(usize, usize),
    /// r[o].field = r[v] (a reference), then the write barrier on r[o]
    Store(usize, i64, usize),
    AddI(usize, usize, i64),
    /// if !(r[a] < r[b]) goto target
    JumpIfNotLt(usize, usize, usize),
    Jump(usize),
    Halt,
}

#[repr(C)]
#[derive(Default)]
struct Ctx {
    header: JitCtxHeader,
}

fn step<M: Mode>(code: &[Op], pc: usize, frame: &mut Frame<M>, first_object: i64) -> Option<usize> {
    match code[pc] {
        Op::LoadI(d, k) => frame.set(d, Int::new(k)),
        Op::ObjAt(d, a) => {
            let addr = Int::new(first_object) + frame.get(a) * Int::new(OBJECT as i64);
            frame.set(d, addr);
        }
        Op::Store(o, field, v) => {
            let obj = frame.get(o).to_ref();
            let value = frame.get(v).to_ref();
            // SAFETY: `o` holds an object of the test's page, with two fields.
            unsafe {
                obj.set_ref(field, value);
                write_barrier(&LAYOUT, obj);
            }
        }
        Op::AddI(d, a, k) => {
            let v = frame.get(a) + Int::new(k);
            frame.set(d, v);
        }
        Op::JumpIfNotLt(a, b, target) => {
            if !frame.get(a).lt(frame.get(b)).branch() {
                return Some(target);
            }
        }
        Op::Jump(target) => return Some(target),
        Op::Halt => return None,
    }
    Some(pc + 1)
}

mod common;

/// The toy: a program and what its opcodes reach besides the frame.
struct Toy<'a> {
    code: &'a [Op],
    first_object: i64,
}

impl common::Toy for Toy<'_> {
    fn step<M: Mode>(&mut self, pc: usize, frame: &mut Frame<M>) -> Option<usize> {
        step(self.code, pc, frame, self.first_object)
    }
}

fn run(code: &[Op], config: JitConfig, page: &Page, with_layout: bool) -> Jit {
    let mut jit = Jit::new(config);
    if with_layout {
        jit.set_gc_layout(LAYOUT);
    }
    let mut ctx = Ctx::default();
    let first_object = page.object(0) as i64;
    let mut slots = vec![0i64; 8];
    let mut toy = Toy { code, first_object };
    // SAFETY: `ctx` is the toy's context, which starts with its header.
    unsafe { common::drive(&mut toy, &mut jit, &mut slots, &mut ctx.header) };
    jit
}

/// for i in 0..n { o = object(i); o.f0 = o; o.f1 = object(i + 1) }: two stores and two barriers
/// per object, and every object up to `n` carded.
fn program(n: i64) -> Vec<Op> {
    vec![
        Op::LoadI(0, 0),
        Op::LoadI(1, n),
        Op::JumpIfNotLt(0, 1, 10), // 2
        Op::ObjAt(2, 0),
        Op::Store(2, 0, 2),
        Op::AddI(3, 0, 1),
        Op::ObjAt(4, 3),
        Op::Store(2, 8, 4),
        Op::AddI(0, 0, 1),
        Op::Jump(2),
        Op::Halt, // 10
    ]
}

fn configs() -> Vec<(&'static str, JitConfig)> {
    let base = JitConfig {
        verify: true,
        ..JitConfig::default().with_threshold(3)
    };
    vec![
        (
            "interp",
            JitConfig {
                backend: BackendKind::Interp,
                ..base.clone()
            },
        ),
        ("cranelift", base),
    ]
}

const N: i64 = 200;

#[test]
fn compiled_barrier_sets_the_cards_the_interpreter_sets() {
    let reference = Page::new();
    run(
        &program(N),
        JitConfig {
            enabled: false,
            ..JitConfig::default()
        },
        &reference,
        true,
    );
    for k in 0..N as usize {
        assert!(reference.card(k), "interpreter: object {k} has no card");
    }
    assert!(
        !reference.card(N as usize),
        "object {N} was never stored into"
    );
    assert_eq!(*reference.summary, 1);
    for (name, config) in configs() {
        let page = Page::new();
        let jit = run(&program(N), config, &page, true);
        assert!(jit.n_traces() > 0, "{name}: the loop compiled");
        assert_eq!(page.cards(), reference.cards(), "{name}: card bits differ");
        assert_eq!(*page.summary, 1, "{name}: summary byte");
    }
}

#[test]
fn compiled_loop_barriers_inline_once_per_object() {
    let page = Page::new();
    let (_, config) = configs().pop().expect("cranelift config");
    let before = SLOW_CALLS.get();
    let jit = run(&program(N), config, &page, true);
    let slow_calls = SLOW_CALLS.get() - before;
    let loop_trace = jit
        .stats
        .compiled
        .iter()
        .find(|c| !c.is_bridge)
        .expect("a loop was compiled");
    let body = &loop_trace.loop_op_counts;
    // Two stores into the same object per iteration: the second barrier is removed.
    assert!(body.contains("gc_wb: 1"), "loop body: {body}");
    assert!(!body.contains("call"), "loop body: {body}");
    // Only the few interpreted iterations (before and while recording, and after the loop's
    // exit) called the barrier function: two calls each.
    assert!(
        slow_calls <= 2 * 8,
        "{slow_calls} out-of-line barrier calls for {N} iterations"
    );
}

#[test]
fn jit_without_gc_layout_interprets_and_still_barriers() {
    let page = Page::new();
    let (_, config) = configs().pop().expect("cranelift config");
    let jit = run(&program(N), config, &page, false);
    assert!(
        jit.stats.compiled.iter().all(|c| c.is_bridge),
        "no loop trace compiles without a layout"
    );
    for k in 0..N as usize {
        assert!(page.card(k), "object {k} has no card");
    }
}

#[test]
fn gc_wb_text_form_round_trips() {
    let text = "[p0, p1]\nsetfield(p0, p1, #8)\ngc_wb(p0)\njump(p0, p1)\n";
    let trace = metatrace::ir::text::parse(text).unwrap();
    metatrace::ir::verify::verify(&trace).unwrap();
    assert_eq!(trace.to_string(), text);
}

#[test]
fn gc_wb_verifier_rejects_a_non_reference_operand() {
    let trace = metatrace::ir::text::parse("[p0, i1]\ngc_wb(i1)\njump(p0, i1)\n").unwrap();
    let err = metatrace::ir::verify::verify(&trace).unwrap_err();
    assert!(err.contains("expected Ref"), "{err}");
}
