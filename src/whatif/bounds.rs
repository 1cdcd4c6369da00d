//! Bounds of a partly decided search state: which outcomes each condition
//! can still have, which rules surely fire or may fire, what the scores
//! can still be, and whether a tier can still hold.
//!
//! A predicate whose field is decided has one outcome; one whose field
//! may still change has the set of outcomes its field's classes give.
//! Conditions combine these sets by Kleene logic operand by operand, which
//! over-approximates (two tests of one field are treated as independent),
//! so a bound never rules out a reachable state; with every field decided
//! each set has one member and the bound is the verdict itself.

use crate::ast::CompareOp;
use crate::ir::{self, CondKind, Literal, PredTest, Subject};
use crate::semantics;
use crate::verdict::Truth;

/// A set of possible truths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Truths(u8);

impl Truths {
    /// Every outcome.
    pub const ALL: Truths = Truths(0b111);

    /// Just this outcome.
    pub fn one(truth: Truth) -> Truths {
        Truths(1 << truth as u8)
    }

    /// Both sets' outcomes.
    pub fn union(self, other: Truths) -> Truths {
        Truths(self.0 | other.0)
    }

    /// Whether `truth` is possible.
    pub fn has(self, truth: Truth) -> bool {
        self.0 & (1 << truth as u8) != 0
    }

    /// Each outcome negated.
    pub fn not(self) -> Truths {
        // False and true trade places; unknown stays.
        Truths((self.0 & 0b010) | ((self.0 & 0b001) << 2) | ((self.0 & 0b100) >> 2))
    }
}

/// Kleene conjunction (`AND`) and disjunction (`OR`) of two sets, every
/// pair of members combined, looked up by the sets' bits (`AND[a][b]`):
/// the innermost step of every search, so a table, not a loop.
const AND: [[u8; 8]; 8] = table(true);
const OR: [[u8; 8]; 8] = table(false);

/// The table of `and` (the least of each pair, false < unknown < true,
/// as [`Truth::and`]) or of `or` (the greatest, as [`Truth::or`]).
const fn table(and: bool) -> [[u8; 8]; 8] {
    let mut out = [[0u8; 8]; 8];
    let mut a = 0;
    while a < 8 {
        let mut b = 0;
        while b < 8 {
            let mut x = 0;
            while x < 3 {
                let mut y = 0;
                while y < 3 {
                    if a & (1 << x) != 0 && b & (1 << y) != 0 {
                        let z = if (x < y) == and { x } else { y };
                        out[a][b] |= 1 << z;
                    }
                    y += 1;
                }
                x += 1;
            }
            b += 1;
        }
        a += 1;
    }
    out
}

/// The possible outcomes of a condition, given those of its predicates.
/// `lets` caches each let's outcome set for this state (all `None` at
/// the start of a state). An `and` that can only be false (an `or` only
/// true) stops reading its operands: every operand has some outcome, so
/// the rest cannot change it.
pub fn cond<F>(
    program: &ir::Program,
    cond: &ir::Cond,
    pred: &F,
    lets: &mut [Option<Truths>],
) -> Truths
where
    F: Fn(&ir::Pred) -> Truths + ?Sized,
{
    match &cond.kind {
        CondKind::And(operands) => {
            let mut acc = Truths::one(Truth::True);
            for operand in operands {
                let next = self::cond(program, operand, pred, lets);
                acc = Truths(AND[acc.0 as usize][next.0 as usize]);
                if acc == Truths::one(Truth::False) {
                    break;
                }
            }
            acc
        }
        CondKind::Or(operands) => {
            let mut acc = Truths::one(Truth::False);
            for operand in operands {
                let next = self::cond(program, operand, pred, lets);
                acc = Truths(OR[acc.0 as usize][next.0 as usize]);
                if acc == Truths::one(Truth::True) {
                    break;
                }
            }
            acc
        }
        CondKind::Not(inner) => self::cond(program, inner, pred, lets).not(),
        CondKind::Let(id) => {
            if let Some(known) = lets[id.0 as usize] {
                return known;
            }
            let truths = self::cond(program, &program.let_(*id).body, pred, lets);
            lets[id.0 as usize] = Some(truths);
            truths
        }
        CondKind::Pred(test) => pred(test),
    }
}

/// What the rules can still do to a lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlook {
    /// The least each score can be.
    pub low: Vec<i64>,
    /// The most each score can be.
    pub high: Vec<i64>,
    /// A disqualifier fires whatever the undecided fields hold.
    pub surely_disqualified: bool,
}

impl Outlook {
    /// Bounds from each rule's possible outcomes (rules in file order).
    pub fn new(program: &ir::Program, rules: impl Iterator<Item = Truths>) -> Outlook {
        let mut outlook = Outlook {
            low: vec![0; program.scores.len()],
            high: vec![0; program.scores.len()],
            surely_disqualified: false,
        };
        let capped = !program.caps.is_empty();
        let (mut lows, mut highs) = (Vec::new(), Vec::new());
        for (rule_index, (rule, truths)) in program.rules.iter().zip(rules).enumerate() {
            let surely = truths == Truths::one(Truth::True);
            let maybe = truths.has(Truth::True);
            for (score, delta) in rule.adds() {
                let index = score.0 as usize;
                if surely || (maybe && delta < 0) {
                    outlook.low[index] = outlook.low[index].saturating_add(delta);
                    if capped {
                        lows.push((rule_index as u32, index, delta));
                    }
                }
                if surely || (maybe && delta > 0) {
                    outlook.high[index] = outlook.high[index].saturating_add(delta);
                    if capped {
                        highs.push((rule_index as u32, index, delta));
                    }
                }
            }
            outlook.surely_disqualified |= surely && rule.disqualifies();
        }
        if capped {
            // Caps are monotone: the capped least and most bound the
            // capped score.
            let scores = program.scores.len();
            outlook.low = semantics::cap::totals_of(&program.caps, scores, lows);
            outlook.high = semantics::cap::totals_of(&program.caps, scores, highs);
        }
        outlook
    }

    /// Whether some tier up to `target` can hold with scores in bounds.
    pub fn can_reach(&self, program: &ir::Program, target: u32) -> bool {
        if self.surely_disqualified {
            return false;
        }
        let mut lets = vec![None; program.lets.len()];
        let pred = |pred: &ir::Pred| self.score_test(pred);
        program.tiers[..=target as usize].iter().any(|tier| {
            tier.condition.as_ref().is_none_or(|condition| {
                lets.fill(None);
                self::cond(program, condition, &pred, &mut lets).has(Truth::True)
            })
        })
    }

    /// Whether tier `tier`'s own condition can hold with scores in bounds.
    pub fn can_hold(&self, program: &ir::Program, tier: usize) -> bool {
        if self.surely_disqualified {
            return false;
        }
        let mut lets = vec![None; program.lets.len()];
        let pred = |pred: &ir::Pred| self.score_test(pred);
        program.tiers[tier]
            .condition
            .as_ref()
            .is_none_or(|condition| {
                self::cond(program, condition, &pred, &mut lets).has(Truth::True)
            })
    }

    /// Whether segment `segment`'s condition can hold on a lead no
    /// disqualifier stops: its field tests' outcomes from `table` (by
    /// `PredId`), its score tests' from these bounds.
    pub fn may_join(&self, program: &ir::Program, segment: usize, table: &[Truths]) -> bool {
        if self.surely_disqualified {
            return false;
        }
        let mut lets = vec![None; program.lets.len()];
        let pred = |pred: &ir::Pred| match pred.subject {
            Subject::Field(_) => table[pred.id.0 as usize],
            Subject::Score(_) => self.score_test(pred),
        };
        let condition = &program.segments[segment].condition;
        self::cond(program, condition, &pred, &mut lets).has(Truth::True)
    }

    /// The outcomes a tier's test of a score can have in bounds.
    fn score_test(&self, pred: &ir::Pred) -> Truths {
        let Subject::Score(score) = pred.subject else {
            return Truths::ALL;
        };
        let (low, high) = (
            self.low[score.0 as usize] as f64,
            self.high[score.0 as usize] as f64,
        );
        let number = |literal: &Literal| match literal {
            Literal::Number(number) => Some(*number),
            Literal::Text(_) | Literal::Bool(_) | Literal::Date(_) => None,
        };
        let (can_hold, can_fail) = match &pred.test {
            PredTest::Compare(op, literal) => match number(literal) {
                Some(n) => compare(*op, n, low, high),
                None => return Truths::ALL,
            },
            PredTest::Range(from, to) => match (number(from), number(to)) {
                (Some(from), Some(to)) => (from.max(low) <= to.min(high), low < from || high > to),
                _ => return Truths::ALL,
            },
            PredTest::In { values, negated } => {
                let values: Vec<f64> = values.iter().filter_map(number).collect();
                let inside = values.iter().any(|n| low <= *n && *n <= high);
                let outside = !(low == high && values.contains(&low));
                if *negated {
                    (outside, inside)
                } else {
                    (inside, outside)
                }
            }
            PredTest::Missing(missing) => (!missing, *missing),
            PredTest::HasAny(_)
            | PredTest::HasAll(_)
            | PredTest::Text(..)
            | PredTest::Matches { .. }
            | PredTest::Within(_) => return Truths::ALL,
        };
        let mut truths = Truths(0);
        if can_hold {
            truths = truths.union(Truths::one(Truth::True));
        }
        if can_fail {
            truths = truths.union(Truths::one(Truth::False));
        }
        truths
    }
}

/// Whether `score OP n` can hold, and can fail, for a score in `low..=high`.
fn compare(op: CompareOp, n: f64, low: f64, high: f64) -> (bool, bool) {
    match op {
        CompareOp::Ge => (high >= n, low < n),
        CompareOp::Gt => (high > n, low <= n),
        CompareOp::Le => (low <= n, high > n),
        CompareOp::Lt => (low < n, high >= n),
        CompareOp::Eq => (low <= n && n <= high, low < high || low != n),
        CompareOp::Ne => (low < high || low != n, low <= n && n <= high),
    }
}

#[cfg(test)]
mod tests {
    use super::{AND, OR, Truths};
    use crate::verdict::Truth;

    /// The tables combine every pair of members with [`Truth::and`] and
    /// [`Truth::or`], and `not` negates each member.
    #[test]
    fn the_tables_are_kleene_logic_over_sets() {
        let all = [Truth::False, Truth::Unknown, Truth::True];
        for a in 0..8u8 {
            let members = |set: u8| all.into_iter().filter(move |t| Truths(set).has(*t));
            let not = members(a).fold(Truths(0), |out, t| out.union(Truths::one(!t)));
            assert_eq!(Truths(a).not(), not, "not {a:03b}");
            for b in 0..8u8 {
                let pairs = |op: fn(Truth, Truth) -> Truth| {
                    members(a)
                        .flat_map(|x| members(b).map(move |y| op(x, y)))
                        .fold(Truths(0), |out, t| out.union(Truths::one(t)))
                };
                assert_eq!(Truths(AND[a as usize][b as usize]), pairs(Truth::and));
                assert_eq!(Truths(OR[a as usize][b as usize]), pairs(Truth::or));
            }
        }
    }
}
