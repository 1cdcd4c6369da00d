//! Behaviour-level canonical texts of conditions, rules and tiers: equal
//! texts, same outcome on every lead. The rule set's fingerprint hashes
//! them and `icpc diff` compares rules and tiers across versions with them.
//!
//! Unlike [`key`] (which keys a let use by name), a let use stands for its
//! body, spliced into an enclosing `and`/`or` of its own kind, so renaming
//! a let or folding a condition into one changes nothing; operands of
//! `and`/`or` are sorted (Kleene `and`/`or` commute) and repeats dropped
//! (they are idempotent). Each let's text is built once; a body longer
//! than [`INLINE_LIMIT`] stands as its digest instead, so the text of a
//! program stays linear in its size however lets nest.

use crate::ir::{self, key};

/// Let bodies up to this many bytes of canonical text are inlined at each use.
pub const INLINE_LIMIT: usize = 4096;

/// The canonical texts of one program, with each let's text built once.
#[derive(Debug, Clone)]
pub struct Canon<'p> {
    program: &'p ir::Program,
    lets: Vec<Node>,
}

/// A canonical condition: its text and, for `and`/`or`, its operands (so an
/// enclosing chain of the same kind can splice them).
#[derive(Debug, Clone)]
struct Node {
    chain: Option<&'static str>,
    operands: Vec<String>,
    text: String,
}

impl<'p> Canon<'p> {
    /// Builds every let's text, in order.
    pub fn new(program: &'p ir::Program) -> Canon<'p> {
        let mut canon = Canon {
            program,
            lets: Vec::with_capacity(program.lets.len()),
        };
        for let_ in &program.lets {
            // INVARIANT: a let's body refers only to earlier lets.
            let mut node = canon.node(&let_.body);
            if node.text.len() > INLINE_LIMIT {
                node = leaf(format!("let:{}", hex(hash(node.text.as_bytes()))));
            }
            canon.lets.push(node);
        }
        canon
    }

    /// A condition's canonical text.
    pub fn cond(&self, condition: &ir::Cond) -> String {
        self.node(condition).text
    }

    /// A rule's condition and effect (not its name).
    pub fn rule(&self, rule: &ir::Rule) -> String {
        format!(
            "{} => {}",
            self.cond(&rule.condition),
            self.effects(&rule.effects)
        )
    }

    /// A rule's effects, sorted: the order they are written in changes
    /// nothing.
    pub fn effects(&self, effects: &[ir::Effect]) -> String {
        let mut texts: Vec<String> = effects.iter().map(|effect| self.effect(effect)).collect();
        texts.sort();
        texts.join(", ")
    }

    /// An effect, with the score by name.
    pub fn effect(&self, effect: &ir::Effect) -> String {
        match effect {
            ir::Effect::Add { score, delta } => {
                format!("{}{delta:+}", self.program.score(*score).name)
            }
            ir::Effect::Disqualify { reason } => format!("dq{reason:?}"),
        }
    }

    /// A tier's condition (`otherwise` for an `otherwise` tier).
    pub fn tier(&self, tier: &ir::Tier) -> String {
        tier.condition
            .as_ref()
            .map_or_else(|| "otherwise".to_string(), |condition| self.cond(condition))
    }

    fn node(&self, condition: &ir::Cond) -> Node {
        match &condition.kind {
            ir::CondKind::And(operands) => self.chain("and", operands),
            ir::CondKind::Or(operands) => self.chain("or", operands),
            ir::CondKind::Not(inner) => leaf(format!("(not {})", self.cond(inner))),
            ir::CondKind::Let(id) => self
                .lets
                .get(id.0 as usize)
                .cloned()
                .unwrap_or_else(|| leaf("let?".to_string())),
            ir::CondKind::Pred(pred) => {
                let ty = match pred.subject {
                    ir::Subject::Field(field) => self.program.field(field).ty.as_str(),
                    ir::Subject::Score(_) => "score",
                };
                leaf(format!("{ty}{}", key::pred(self.program, pred)))
            }
        }
    }

    fn chain(&self, name: &'static str, operands: &[ir::Cond]) -> Node {
        let mut texts = Vec::with_capacity(operands.len());
        for operand in operands {
            let node = self.node(operand);
            if node.chain == Some(name) {
                texts.extend(node.operands);
            } else {
                texts.push(node.text);
            }
        }
        texts.sort_unstable();
        texts.dedup();
        if texts.len() == 1 {
            return leaf(texts.remove(0));
        }
        Node {
            chain: Some(name),
            text: format!("({name} {})", texts.join(" ")),
            operands: texts,
        }
    }
}

fn leaf(text: String) -> Node {
    Node {
        chain: None,
        operands: Vec::new(),
        text,
    }
}

/// 128-bit FNV-1a: stable across platforms and releases, no dependency.
pub fn hash(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes.iter().fold(OFFSET, |hash, &byte| {
        (hash ^ u128::from(byte)).wrapping_mul(PRIME)
    })
}

/// A hash as 32 hex digits.
pub fn hex(value: u128) -> String {
    format!("{value:032x}")
}
