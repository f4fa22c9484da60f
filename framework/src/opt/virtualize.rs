//! Allocation removal: objects that never escape the trace are never allocated.
//!
//! One forward walk over the (peeled) trace, building a new op list. A `new` with an allocator
//! descriptor becomes a *virtual object*: a map from field offset to value. Its `setfield`s fill
//! the map, its `getfield`s are forwarded to the stored value (an unset field reads 0, as the
//! allocator zeroes), `cast_ptr_to_int` of it gives an *alias* (an integer name of the same
//! virtual, which is how frame slots hold references) and `cast_int_to_ptr` of an alias gives the
//! virtual back. `ptr_eq` with a virtual folds (a fresh object equals only itself), and
//! `guard_nonnull` of one holds, and a write barrier (`gc_wb`) on one is dropped.
//!
//! Any other use is an escape: the object is *materialised* right before that use (its `new` and
//! `setfield`s are emitted there, under the original names, fields first materialised
//! recursively), and from then on it is an ordinary object. At every guard, snapshot values that
//! are virtuals are listed in the snapshot's `virtuals` (recursively, each object once, so two
//! slots naming one virtual rebuild one object); the driver allocates them through the same
//! allocator when the guard fails.
//!
//! Virtuals in loops (RPython's "virtual state"): when a label operand is a virtual in the preamble
//! and the jump passes a virtual of the same shape, the label carries the object's fields instead
//! of the object, so the loop allocates nothing. The walk is optimistic: if the jump's object does
//! not match (another shape, a field that is itself a virtual, the same object twice), the walk
//! restarts with that label position excluded and the object escapes at the label instead.
//!
//! Not done: arrays (only fixed-offset fields), virtuals that are fields of exploded label
//! virtuals (they escape at the jump), and allocations without an allocator descriptor (parsed
//! test traces may have them; they stay).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{OptContext, unshare_snapshots};
use crate::ir::{Const, DescrId, Inst, OpRef, Opcode, Trace, Type, Virtual};

pub fn run(trace: &mut Trace, _ctx: &mut OptContext) {
    if !trace
        .ops
        .iter()
        .any(|i| i.opcode == Opcode::New && i.descr.is_some())
    {
        return;
    }
    unshare_snapshots(trace);
    let original = trace.clone();
    let body_refs = body_refs(&original);
    let mut no_explode: HashSet<usize> = HashSet::new();
    // Each failed attempt excludes one more label position, so this ends.
    loop {
        let mut attempt = original.clone();
        let mut walk = Walk::new(&mut attempt, &no_explode, &body_refs);
        match walk.run() {
            Ok(ops) => {
                attempt.ops = ops;
                *trace = attempt;
                return;
            }
            Err(Retry(pos)) => {
                no_explode.insert(pos);
            }
        }
    }
}

/// Values the loop body (the ops after the label) refers to: a preamble value the body uses
/// directly is loop-invariant and must not become a loop variable.
fn body_refs(trace: &Trace) -> HashSet<OpRef> {
    let mut refs = HashSet::new();
    let Some(label) = trace.label_index() else {
        return refs;
    };
    for inst in &trace.ops[label + 1..] {
        refs.extend(inst.args.iter().copied());
        if let Some(s) = inst.snapshot {
            let snapshot = trace.snapshot(s);
            refs.extend(snapshot.slots.iter().map(|&(_, v)| v));
            for v in &snapshot.virtuals {
                refs.extend(v.fields.iter().map(|&(_, f)| f));
            }
        }
    }
    refs
}

/// The walk must start again without exploding label position `.0`.
struct Retry(usize);

#[derive(Clone, Debug)]
struct VObj {
    size: i64,
    alloc: DescrId,
    fields: BTreeMap<i64, OpRef>,
    /// Other names of this object (integer casts, the label operand it replaced), defined when it
    /// is materialised.
    aliases: Vec<OpRef>,
}

/// An exploded label position: the body's virtual and which of its fields the label carries.
struct Exploded {
    pos: usize,
    obj: OpRef,
    size: i64,
    alloc: DescrId,
    /// Field offset and either `Ok(label parameter)` or `Err(fixed value)`.
    fields: Vec<(i64, Result<OpRef, OpRef>)>,
}

struct Walk<'a> {
    trace: &'a mut Trace,
    out: Vec<Inst>,
    virt: HashMap<OpRef, VObj>,
    /// Alias -> the object it names.
    canon: HashMap<OpRef, OpRef>,
    /// Removed results -> the value they stand for.
    fwd: HashMap<OpRef, OpRef>,
    defined: HashSet<OpRef>,
    no_explode: &'a HashSet<usize>,
    body_refs: &'a HashSet<OpRef>,
    exploded: Vec<Exploded>,
}

impl<'a> Walk<'a> {
    fn new(
        trace: &'a mut Trace,
        no_explode: &'a HashSet<usize>,
        body_refs: &'a HashSet<OpRef>,
    ) -> Walk<'a> {
        let defined = trace.inputs.iter().copied().collect();
        Walk {
            trace,
            out: Vec::new(),
            virt: HashMap::new(),
            canon: HashMap::new(),
            fwd: HashMap::new(),
            defined,
            no_explode,
            body_refs,
            exploded: Vec::new(),
        }
    }

    fn resolve(&self, r: OpRef) -> OpRef {
        let mut r = r;
        while let Some(&next) = self.fwd.get(&r) {
            r = next;
        }
        r
    }

    /// The virtual object `r` names, if it is still virtual.
    fn virt_of(&self, r: OpRef) -> Option<OpRef> {
        let r = self.resolve(r);
        let c = self.canon.get(&r).copied().unwrap_or(r);
        self.virt.contains_key(&c).then_some(c)
    }

    fn push(&mut self, inst: Inst) {
        if let Some(res) = inst.res {
            self.defined.insert(res);
        }
        self.out.push(inst);
    }

    fn plain(opcode: Opcode, args: Vec<OpRef>, res: Option<OpRef>, imm: i64) -> Inst {
        Inst {
            opcode,
            args,
            res,
            imm,
            descr: None,
            snapshot: None,
        }
    }

    /// Emits the allocation of virtual `c` (and of the virtuals its fields name) here.
    fn materialise(&mut self, c: OpRef) {
        let Some(obj) = self.virt.remove(&c) else {
            return;
        };
        self.push(Inst {
            opcode: Opcode::New,
            args: Vec::new(),
            res: Some(c),
            imm: obj.size,
            descr: Some(obj.alloc),
            snapshot: None,
        });
        // Aliases first: a field may refer back to this object through one.
        for &a in &obj.aliases {
            if self.defined.contains(&a) {
                continue;
            }
            let opcode = match self.trace.type_of(a) {
                Type::Int => Opcode::CastPtrToInt,
                _ => Opcode::SameAsR,
            };
            self.push(Self::plain(opcode, vec![c], Some(a), 0));
        }
        for (&offset, &value) in &obj.fields {
            let value = self.resolve(value);
            if let Some(d) = self.virt_of(value) {
                self.materialise(d);
            }
            self.push(Self::plain(Opcode::Setfield, vec![c, value], None, offset));
        }
    }

    /// Materialises every virtual among `args` and returns them resolved.
    fn escape_args(&mut self, args: &[OpRef]) -> Vec<OpRef> {
        for &a in args {
            if let Some(c) = self.virt_of(a) {
                self.materialise(c);
            }
        }
        args.iter().map(|&a| self.resolve(a)).collect()
    }

    /// Rewrites the snapshot of `inst` (already in the output) to list the virtuals it names.
    fn fix_snapshot(&mut self, s: crate::ir::SnapshotId) {
        let mut snapshot = self.trace.snapshot(s).clone();
        let mut listed: Vec<OpRef> = Vec::new();
        let mut work: Vec<OpRef> = Vec::new();
        for (_, value) in &mut snapshot.slots {
            *value = self.resolve(*value);
            if let Some(c) = self.virt_of(*value) {
                *value = c;
                work.push(c);
            }
        }
        for v in &mut snapshot.virtuals {
            for (_, value) in &mut v.fields {
                *value = self.resolve(*value);
                if let Some(c) = self.virt_of(*value) {
                    *value = c;
                    work.push(c);
                }
            }
        }
        while let Some(c) = work.pop() {
            if listed.contains(&c) {
                continue;
            }
            listed.push(c);
            let obj = &self.virt[&c];
            let (size, alloc) = (obj.size, obj.alloc);
            let raw: Vec<(i64, OpRef)> = obj.fields.iter().map(|(&o, &f)| (o, f)).collect();
            let mut fields = Vec::new();
            for (offset, value) in raw {
                let mut value = self.resolve(value);
                if let Some(d) = self.virt_of(value) {
                    value = d;
                    work.push(d);
                }
                fields.push((offset, value));
            }
            snapshot.virtuals.push(Virtual {
                id: c,
                size,
                alloc,
                fields,
            });
        }
        self.trace.snapshots[s.0 as usize] = snapshot;
    }

    /// Every virtual reachable through fields from the virtuals `roots` name (roots included).
    fn reachable(&self, roots: impl IntoIterator<Item = OpRef>) -> HashSet<OpRef> {
        let mut seen = HashSet::new();
        let mut work: Vec<OpRef> = roots.into_iter().filter_map(|r| self.virt_of(r)).collect();
        while let Some(c) = work.pop() {
            if seen.insert(c) {
                for &f in self.virt[&c].fields.values() {
                    if let Some(d) = self.virt_of(f) {
                        work.push(d);
                    }
                }
            }
        }
        seen
    }

    fn run(&mut self) -> Result<Vec<Inst>, Retry> {
        let ops = std::mem::take(&mut self.trace.ops);
        for inst in ops {
            self.step(inst)?;
        }
        Ok(std::mem::take(&mut self.out))
    }

    fn zero(&mut self, ty: Type) -> OpRef {
        self.trace.constant(match ty {
            Type::Float => Const::Float(0.0),
            Type::Ref => Const::Ref(0),
            _ => Const::Int(0),
        })
    }

    fn step(&mut self, inst: Inst) -> Result<(), Retry> {
        use Opcode::*;
        let op = inst.opcode;
        match op {
            New if inst.descr.is_some() => {
                let res = inst.res.expect("new has a result");
                self.virt.insert(
                    res,
                    VObj {
                        size: inst.imm,
                        alloc: inst.descr.expect("checked"),
                        fields: BTreeMap::new(),
                        aliases: Vec::new(),
                    },
                );
                return Ok(());
            }
            Setfield => {
                if let Some(c) = self.virt_of(inst.args[0]) {
                    let value = self.resolve(inst.args[1]);
                    self.virt
                        .get_mut(&c)
                        .expect("virtual")
                        .fields
                        .insert(inst.imm, value);
                    return Ok(());
                }
            }
            GetfieldI | GetfieldF | GetfieldR | GetfieldPureI | GetfieldPureF | GetfieldPureR => {
                if let Some(c) = self.virt_of(inst.args[0]) {
                    let res = inst.res.expect("loads have results");
                    let ty = self.trace.type_of(res);
                    let value = match self.virt[&c].fields.get(&inst.imm) {
                        Some(&v) => self.resolve(v),
                        None => self.zero(ty),
                    };
                    if self.trace.type_of(value) == ty {
                        self.fwd.insert(res, value);
                        return Ok(());
                    }
                    // A field read at another type than it was written: let the object escape.
                }
            }
            CastPtrToInt => {
                if let Some(c) = self.virt_of(inst.args[0]) {
                    let res = inst.res.expect("cast result");
                    self.canon.insert(res, c);
                    self.virt.get_mut(&c).expect("virtual").aliases.push(res);
                    return Ok(());
                }
            }
            CastIntToPtr | SameAsR => {
                if let Some(c) = self.virt_of(inst.args[0]) {
                    self.fwd.insert(inst.res.expect("cast result"), c);
                    return Ok(());
                }
            }
            PtrEq | PtrNe => {
                let (a, b) = (self.virt_of(inst.args[0]), self.virt_of(inst.args[1]));
                if a.is_some() || b.is_some() {
                    let same = a == b;
                    let k = self.trace.const_int((same == (op == PtrEq)) as i64);
                    self.fwd.insert(inst.res.expect("compare result"), k);
                    return Ok(());
                }
            }
            GuardNonnull if self.virt_of(inst.args[0]).is_some() => return Ok(()),
            // A barrier on an object that does not exist yet is not needed: if it is materialised
            // (at an escape, or at an exit by the driver), that is through the `new` allocator,
            // whose objects need no barrier until the next safepoint (`GcLayout`'s allocator
            // contract), and the fields are written then. Letting the barrier escape the object
            // would allocate every object that ever received a reference.
            GcWb if self.virt_of(inst.args[0]).is_some() => return Ok(()),
            Label => return self.label(inst),
            Jump => return self.jump(inst),
            _ => {}
        }
        let args = self.escape_args(&inst.args);
        let snapshot = inst.snapshot;
        self.push(Inst { args, ..inst });
        if let Some(s) = snapshot {
            self.fix_snapshot(s);
        }
        Ok(())
    }

    fn label(&mut self, inst: Inst) -> Result<(), Retry> {
        let mut new_args = Vec::new();
        let mut params: HashSet<OpRef> = inst.args.iter().copied().collect();
        // Count how often each virtual appears among the operands: one object at two positions
        // cannot be split into two sets of fields.
        let mut uses: HashMap<OpRef, usize> = HashMap::new();
        for &a in &inst.args {
            if let Some(c) = self.virt_of(a) {
                *uses.entry(c).or_default() += 1;
            }
        }
        let in_body: HashSet<OpRef> = self.body_refs.iter().map(|&r| self.resolve(r)).collect();
        let mut plans: Vec<Option<Exploded>> = Vec::new();
        for (pos, &arg) in inst.args.iter().enumerate() {
            let plan = match self.virt_of(arg) {
                Some(c) if !self.no_explode.contains(&pos) => {
                    if uses[&c] > 1 {
                        return Err(Retry(pos));
                    }
                    let obj = self.virt[&c].clone();
                    let mut fields = Vec::new();
                    for (&offset, &value) in &obj.fields {
                        let value = self.resolve(value);
                        if value.is_const()
                            || in_body.contains(&value)
                            || self.trace.inputs.contains(&value)
                        {
                            if self.virt_of(value).is_some() {
                                return Err(Retry(pos));
                            }
                            fields.push((offset, Err(value)));
                        } else if self.virt_of(value).is_some() || !params.insert(value) {
                            return Err(Retry(pos));
                        } else {
                            fields.push((offset, Ok(value)));
                        }
                    }
                    Some(Exploded {
                        pos,
                        obj: c,
                        size: obj.size,
                        alloc: obj.alloc,
                        fields,
                    })
                }
                _ => None,
            };
            plans.push(plan);
        }
        // An exploded object must not also be reachable from an object that is materialised here:
        // that would make two objects of one.
        let kept = self.reachable(
            inst.args
                .iter()
                .enumerate()
                .filter(|(pos, _)| plans[*pos].is_none())
                .map(|(_, &a)| a),
        );
        for plan in plans.iter().flatten() {
            if kept.contains(&plan.obj) {
                return Err(Retry(plan.pos));
            }
        }
        // Positions that stay: their value must exist under the operand's own name.
        for (pos, &arg) in inst.args.iter().enumerate() {
            if plans[pos].is_some() {
                continue;
            }
            if let Some(c) = self.virt_of(arg) {
                self.materialise(c);
            }
            if !self.defined.contains(&arg) {
                let value = self.resolve(arg);
                let opcode = match self.trace.type_of(arg) {
                    Type::Int => Opcode::SameAsI,
                    Type::Float => Opcode::SameAsF,
                    _ => Opcode::SameAsR,
                };
                self.push(Self::plain(opcode, vec![value], Some(arg), 0));
            }
        }
        for (pos, &arg) in inst.args.iter().enumerate() {
            match &plans[pos] {
                None => new_args.push(arg),
                Some(plan) => {
                    for (_, f) in &plan.fields {
                        if let Ok(p) = f {
                            new_args.push(*p);
                        }
                    }
                }
            }
        }
        self.push(Inst {
            args: new_args,
            ..inst.clone()
        });
        // In the loop body, the operands name the loop variables, not the preamble's values.
        for &a in &inst.args {
            self.fwd.remove(&a);
            self.canon.remove(&a);
        }
        for plan in plans.into_iter().flatten() {
            let arg = inst.args[plan.pos];
            let ty = self.trace.type_of(arg);
            let obj = if ty == Type::Ref {
                arg
            } else {
                self.trace.new_value(Type::Ref)
            };
            let fields = plan
                .fields
                .iter()
                .map(|&(o, f)| (o, f.unwrap_or_else(|v| v)))
                .collect();
            let aliases = if obj == arg { Vec::new() } else { vec![arg] };
            if obj != arg {
                self.canon.insert(arg, obj);
            }
            self.defined.remove(&arg);
            self.virt.insert(
                obj,
                VObj {
                    size: plan.size,
                    alloc: plan.alloc,
                    fields,
                    aliases,
                },
            );
            self.exploded.push(Exploded { obj, ..plan });
        }
        Ok(())
    }

    fn jump(&mut self, inst: Inst) -> Result<(), Retry> {
        let exploded = std::mem::take(&mut self.exploded);
        let exploded_pos: HashMap<usize, &Exploded> = exploded.iter().map(|e| (e.pos, e)).collect();
        let mut uses: HashMap<OpRef, usize> = HashMap::new();
        for &a in &inst.args {
            if let Some(c) = self.virt_of(a) {
                *uses.entry(c).or_default() += 1;
            }
        }
        // Check every exploded position first: a mismatch restarts the walk.
        for e in &exploded {
            let Some(&arg) = inst.args.get(e.pos) else {
                return Err(Retry(e.pos));
            };
            let Some(c) = self.virt_of(arg) else {
                return Err(Retry(e.pos));
            };
            let obj = &self.virt[&c];
            if uses[&c] > 1
                || obj.size != e.size
                || obj.alloc != e.alloc
                || obj.fields.len() != e.fields.len()
            {
                return Err(Retry(e.pos));
            }
            for &(offset, f) in &e.fields {
                let Some(&value) = obj.fields.get(&offset) else {
                    return Err(Retry(e.pos));
                };
                let value = self.resolve(value);
                match f {
                    Ok(param) => {
                        if self.trace.type_of(param) != self.trace.type_of(value)
                            || self.virt_of(value).is_some()
                        {
                            return Err(Retry(e.pos));
                        }
                    }
                    Err(fixed) => {
                        if fixed != value {
                            return Err(Retry(e.pos));
                        }
                    }
                }
            }
        }
        let kept = self.reachable(
            inst.args
                .iter()
                .enumerate()
                .filter(|(pos, _)| !exploded_pos.contains_key(pos))
                .map(|(_, &a)| a),
        );
        for e in &exploded {
            if kept.contains(&self.virt_of(inst.args[e.pos]).expect("checked above")) {
                return Err(Retry(e.pos));
            }
        }
        let mut new_args = Vec::new();
        for (pos, &arg) in inst.args.iter().enumerate() {
            match exploded_pos.get(&pos) {
                None => {
                    let a = self.escape_args(&[arg]);
                    new_args.push(a[0]);
                }
                Some(e) => {
                    let c = self.virt_of(arg).expect("checked above");
                    for &(offset, f) in &e.fields {
                        if f.is_ok() {
                            let value = self.virt[&c].fields[&offset];
                            new_args.push(self.resolve(value));
                        }
                    }
                }
            }
        }
        self.push(Inst {
            args: new_args,
            ..inst
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests;
