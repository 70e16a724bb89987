//! Two tabs on one library record, driven through every interleaving proptest finds of
//! edits, writes, messages arriving and the person's choices, decided by
//! `netwright_core::library`'s `write` and `heard` exactly as the app does: no edit is
//! ever lost without the person having chosen so.

use netwright_core::library::{heard, write, Heard, Write};
use proptest::prelude::*;

#[derive(Debug, Clone, Copy)]
enum Op {
    Edit(usize),
    Write(usize),
    Deliver(usize),
    KeepMine(usize),
    TakeTheirs(usize),
}

fn op() -> impl Strategy<Value = Op> {
    (0..5u8, 0..2usize).prop_map(|(k, t)| match k {
        0 => Op::Edit(t),
        1 => Op::Write(t),
        2 => Op::Deliver(t),
        3 => Op::KeepMine(t),
        _ => Op::TakeTheirs(t),
    })
}

#[derive(Debug, Clone, Default)]
struct Tab {
    /// The revision the document is based on.
    base: u64,
    /// The edits the document holds.
    doc: Vec<u32>,
    unsaved: bool,
    conflict: bool,
    /// Messages (revisions written by the other tab) not yet delivered.
    inbox: Vec<u64>,
    /// Moved to a copy of its own (no longer on the record).
    left: bool,
}

#[derive(Debug, Default)]
struct World {
    rev: u64,
    stored: Vec<u32>,
    tabs: [Tab; 2],
    /// Designs kept as copies by "keep mine".
    copies: Vec<Vec<u32>>,
    /// Edits the person chose to drop ("take theirs").
    dropped: Vec<u32>,
    next: u32,
    made: Vec<u32>,
}

impl World {
    fn new() -> World {
        let mut w = World {
            rev: 1,
            ..World::default()
        };
        for t in &mut w.tabs {
            t.base = 1;
        }
        w
    }

    fn step(&mut self, op: Op) {
        match op {
            Op::Edit(i) if !self.tabs[i].left => {
                self.next += 1;
                self.made.push(self.next);
                let t = &mut self.tabs[i];
                t.doc.push(self.next);
                t.unsaved = true;
            }
            Op::Write(i) if !self.tabs[i].left && !self.tabs[i].conflict => {
                match write(self.tabs[i].base, Some(self.rev)) {
                    Write::Put(r) => {
                        self.rev = r;
                        self.stored = self.tabs[i].doc.clone();
                        let t = &mut self.tabs[i];
                        t.base = r;
                        t.unsaved = false;
                        self.tabs[1 - i].inbox.push(r);
                    }
                    Write::Conflict(_) => self.tabs[i].conflict = true,
                }
            }
            Op::Deliver(i) if !self.tabs[i].left => {
                if self.tabs[i].inbox.is_empty() {
                    return;
                }
                let theirs = self.tabs[i].inbox.remove(0);
                let t = &mut self.tabs[i];
                match heard(t.base, theirs, t.unsaved) {
                    Heard::Ignore => {}
                    // The app reads the record as it is now.
                    Heard::Adopt => {
                        t.doc = self.stored.clone();
                        t.base = self.rev;
                    }
                    Heard::Conflict => t.conflict = true,
                }
            }
            Op::KeepMine(i) if self.tabs[i].conflict => {
                let t = &mut self.tabs[i];
                self.copies.push(t.doc.clone());
                t.left = true;
            }
            Op::TakeTheirs(i) if self.tabs[i].conflict => {
                let t = &mut self.tabs[i];
                self.dropped
                    .extend(t.doc.iter().filter(|e| !self.stored.contains(e)));
                t.doc = self.stored.clone();
                t.base = self.rev;
                t.unsaved = false;
                t.conflict = false;
            }
            _ => {}
        }
    }

    /// Every edit is stored, in a copy, dropped by choice, or held by a tab that is
    /// asking the person or will still write it.
    fn check(&self) -> Result<(), TestCaseError> {
        for e in &self.made {
            let held = self
                .tabs
                .iter()
                .any(|t| !t.left && t.doc.contains(e) && (t.unsaved || t.conflict));
            let kept = self.stored.contains(e)
                || self.copies.iter().any(|c| c.contains(e))
                || self.dropped.contains(e)
                || held;
            prop_assert!(kept, "edit {e} was lost: {self:?}");
        }
        // A tab that says it has nothing unsaved holds exactly a stored version.
        for t in &self.tabs {
            if !t.left && !t.unsaved && !t.conflict && t.base == self.rev {
                prop_assert_eq!(&t.doc, &self.stored);
            }
        }
        Ok(())
    }
}

proptest! {
    #[test]
    fn no_interleaving_loses_an_edit(ops in proptest::collection::vec(op(), 0..60)) {
        let mut w = World::new();
        for op in ops {
            w.step(op);
            w.check()?;
        }
        // Let everything settle: deliver every message, and every tab writes.
        for _ in 0..4 {
            for i in 0..2 {
                while !w.tabs[i].left && !w.tabs[i].inbox.is_empty() {
                    w.step(Op::Deliver(i));
                }
                w.step(Op::Write(i));
            }
        }
        w.check()?;
    }
}
