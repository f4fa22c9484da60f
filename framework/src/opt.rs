//! The optimiser: an ordered list of passes over the whole trace.
//!
//! To add a pass: add a module under `opt/`, add it to [`PIPELINE`], add tests next to it. The
//! names double as `METATRACE_LOG=opt.<name>` categories and as the `passes` list of golden tests.
//! Between passes, [`optimize`] runs the IR verifier when `cfg!(debug_assertions)` is on or the
//! context asks for it.

pub mod dce;
pub mod divmod;
pub mod fold;
pub mod heap;
pub mod int_bounds;
pub mod peel;
pub mod unbox;
pub mod virtualize;

use std::collections::{HashMap, HashSet};

use crate::ir::{OpRef, Trace, verify::verify};

/// An optimisation pass: a function over the whole trace.
pub type Pass = fn(&mut Trace, &mut OptContext);

/// Optimisation passes, in order. Each is a function over the whole trace.
pub const PIPELINE: &[(&str, Pass)] = &[
    ("peel", peel::run),
    ("fold", fold::run),
    ("virtualize", virtualize::run),
    ("int_bounds", int_bounds::run),
    ("heap", heap::run),
    ("divmod", divmod::run),
    ("fold", fold::run),
    ("unbox", unbox::run),
    ("dce", dce::run),
];

/// Settings and counters shared by the passes.
#[derive(Debug, Default)]
pub struct OptContext {
    /// Run the verifier after every pass even in release builds.
    pub verify: bool,
    /// Peel loops (off for bridges, which do not loop).
    pub peel: bool,
    /// Per-pass log lines (ops before/after), when logging is on.
    pub log: Vec<String>,
}

impl OptContext {
    /// The context unit tests use: verify always, peel on.
    pub fn for_tests() -> OptContext {
        OptContext {
            verify: true,
            peel: true,
            log: Vec::new(),
        }
    }
}

/// Runs the pipeline over `trace`. Returns an error naming the pass after which verification failed.
pub fn optimize(trace: &mut Trace, ctx: &mut OptContext) -> Result<(), String> {
    optimize_with(trace, ctx, PIPELINE)
}

/// Runs `passes` over `trace` (golden tests choose a subset).
pub fn optimize_with(
    trace: &mut Trace,
    ctx: &mut OptContext,
    passes: &[(&str, Pass)],
) -> Result<(), String> {
    let check = ctx.verify || cfg!(debug_assertions);
    if check {
        verify(trace).map_err(|e| format!("before optimisation: {e}"))?;
    }
    for (name, pass) in passes {
        let before = trace.ops.len();
        pass(trace, ctx);
        ctx.log
            .push(format!("opt.{name}: {before} -> {} ops", trace.ops.len()));
        if check {
            verify(trace).map_err(|e| format!("after pass `{name}`: {e}\n{trace}"))?;
        }
    }
    Ok(())
}

/// A substitution of values, applied to operands and snapshots as a pass walks the trace.
#[derive(Default)]
pub(crate) struct Subst {
    map: HashMap<OpRef, OpRef>,
}

impl Subst {
    pub(crate) fn get(&self, r: OpRef) -> OpRef {
        let mut r = r;
        while let Some(&next) = self.map.get(&r) {
            r = next;
        }
        r
    }

    pub(crate) fn insert(&mut self, from: OpRef, to: OpRef) {
        if from != to {
            self.map.insert(from, to);
        }
    }

    pub(crate) fn remove_if(&mut self, mut f: impl FnMut(OpRef) -> bool) {
        self.map.retain(|k, _| !f(*k));
    }

    /// Rewrites the operands and the snapshot of op `idx`. The label's operands are never
    /// rewritten: they name the loop variables, which the body refers to.
    pub(crate) fn apply(&self, trace: &mut Trace, idx: usize) {
        if self.map.is_empty() || trace.ops[idx].opcode == crate::ir::Opcode::Label {
            return;
        }
        let inst = &mut trace.ops[idx];
        for arg in &mut inst.args {
            *arg = self.get(*arg);
        }
        if let Some(s) = inst.snapshot {
            let snapshot = &mut trace.snapshots[s.0 as usize];
            for (_, value) in &mut snapshot.slots {
                *value = self.get(*value);
            }
            for v in &mut snapshot.virtuals {
                for (_, value) in &mut v.fields {
                    *value = self.get(*value);
                }
            }
        }
    }
}

/// Snapshots are shared between guards of one opcode; a pass that rewrites snapshots per op would
/// rewrite a shared one twice. This gives every guard its own copy first.
pub(crate) fn unshare_snapshots(trace: &mut Trace) {
    let mut seen = HashSet::new();
    for idx in 0..trace.ops.len() {
        if let Some(s) = trace.ops[idx].snapshot
            && !seen.insert(s)
        {
            let copy = trace.snapshots[s.0 as usize].clone();
            trace.ops[idx].snapshot = Some(trace.add_snapshot(copy));
        }
    }
}

/// Values that change from one loop iteration to the next: the label's operands and everything
/// computed from them before the label. After the label, facts about these values are stale.
/// Any other value before the label, a load or call result included, is one SSA value for the
/// whole loop: when the body uses it (an invariant the heap pass forwarded), what was proved
/// about it in the preamble still holds.
pub(crate) fn variant_values(trace: &Trace) -> HashSet<OpRef> {
    let Some(label) = trace.label_index() else {
        return HashSet::new();
    };
    let mut variant: HashSet<OpRef> = trace.ops[label]
        .args
        .iter()
        .copied()
        .filter(|a| !a.is_const())
        .collect();
    for inst in &trace.ops[..label] {
        if let Some(res) = inst.res
            && inst.args.iter().any(|a| variant.contains(a))
        {
            variant.insert(res);
        }
    }
    variant
}

/// The label's operands: values a pass must not replace before the label (they name the loop
/// variables, re-bound by the jump).
pub(crate) fn label_args(trace: &Trace) -> HashSet<OpRef> {
    match trace.label_index() {
        Some(l) => trace.ops[l]
            .args
            .iter()
            .copied()
            .filter(|a| !a.is_const())
            .collect(),
        None => HashSet::new(),
    }
}

/// Removes the ops at `dead` indexes.
pub(crate) fn remove_ops(trace: &mut Trace, dead: &[bool]) {
    let mut idx = 0;
    trace.ops.retain(|_| {
        let keep = !dead[idx];
        idx += 1;
        keep
    });
}
