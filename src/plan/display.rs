//! `Display` for [`Plan`]: what `icpc plan rules.icp` prints, so a reviewer
//! sees what the optimizer did: the passes that ran, the fields read, each
//! node with its id and the rules and tiers that use it, then the roots.
//! Deterministic: everything prints in arena or file order.

use super::compile::FoldedSet;
use super::{Arena, Node, NodeId, Plan, Test};
use crate::{date, ir};
use std::collections::BTreeSet;
use std::fmt::{self, Display, Formatter, Write};

/// How many users a node line names before it says "and N more".
const NAMED_USERS: usize = 3;

impl Display for Plan {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let passes = if self.passes.is_empty() {
            "none".into()
        } else {
            self.passes.join(", ")
        };
        writeln!(f, "passes: {passes}")?;
        let fields: Vec<&str> = self
            .used_fields()
            .iter()
            .map(|id| self.fields[id.0 as usize].as_str())
            .collect();
        writeln!(f, "fields read: {}", fields.join(", "))?;
        let users = self.users();
        writeln!(f, "nodes:")?;
        for (index, node) in self.arena.nodes.iter().enumerate() {
            if !users[index].is_empty() {
                let node = self.describe(node);
                writeln!(
                    f,
                    "  #{index:<3} {node:<48} {}",
                    self.user_list(&users[index])
                )?;
            }
        }
        writeln!(f, "rules:")?;
        for (rule, root) in self.rules.iter().zip(&self.arena.rules) {
            writeln!(
                f,
                "  {}: #{} => {}",
                rule.name,
                root.0,
                (rule.effects.iter())
                    .map(|effect| self.effect(effect))
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
        writeln!(f, "tiers:")?;
        for (name, root) in self.tiers.iter().zip(&self.arena.tiers) {
            match root {
                Some(root) => writeln!(f, "  {name}: #{}", root.0)?,
                None => writeln!(f, "  {name}: otherwise")?,
            }
        }
        Ok(())
    }
}

impl Plan {
    /// For each node, the rules (`0..R`) and tiers (`R..`) that reach it.
    fn users(&self) -> Vec<BTreeSet<usize>> {
        let arena: &Arena = &self.arena;
        let mut users = vec![BTreeSet::new(); arena.nodes.len()];
        for (user, root) in arena.rules.iter().enumerate() {
            users[root.0 as usize].insert(user);
        }
        for (tier, root) in arena.tiers.iter().enumerate() {
            if let Some(root) = root {
                users[root.0 as usize].insert(arena.rules.len() + tier);
            }
        }
        // Parents come after children: a backward sweep hands users down.
        for index in (0..arena.nodes.len()).rev() {
            for child in arena.nodes[index].children() {
                let inherited = users[index].clone();
                users[child.0 as usize].extend(inherited);
            }
        }
        users
    }

    fn user_list(&self, users: &BTreeSet<usize>) -> String {
        let names: Vec<String> = (users.iter().take(NAMED_USERS))
            .map(|user| match self.rules.get(*user) {
                Some(rule) => rule.name.clone(),
                None => format!("tier {}", self.tiers[user - self.rules.len()]),
            })
            .collect();
        let mut list = format!("used by {}", names.join(", "));
        if users.len() > NAMED_USERS {
            let _ = write!(list, " and {} more", users.len() - NAMED_USERS);
        }
        list
    }

    fn effect(&self, effect: &ir::Effect) -> String {
        match effect {
            ir::Effect::Add { score, delta } => {
                let name = self
                    .scores
                    .get(score.0 as usize)
                    .map_or("?", String::as_str);
                format!("{name} {delta:+}")
            }
            ir::Effect::Disqualify { reason } => format!("disqualify {reason:?}"),
        }
    }

    /// One node in words.
    fn describe(&self, node: &Node) -> String {
        let ids = |operands: &[NodeId]| {
            operands
                .iter()
                .map(|id| format!("#{}", id.0))
                .collect::<Vec<_>>()
                .join(" ")
        };
        match node {
            Node::Const(truth) => truth.as_str().into(),
            Node::And(operands) => format!("and {}", ids(operands)),
            Node::Or(operands) => format!("or {}", ids(operands)),
            Node::Not(inner) => format!("not #{}", inner.0),
            Node::Test(subject, test) => format!("{} {}", self.subject(*subject), TestText(test)),
        }
    }

    fn subject(&self, subject: ir::Subject) -> &str {
        let name = match subject {
            ir::Subject::Field(field) => self.fields.get(field.0 as usize),
            ir::Subject::Score(score) => self.scores.get(score.0 as usize),
        };
        name.map_or("?", String::as_str)
    }
}

/// A test after its subject, in the language's own words.
struct TestText<'a>(&'a Test);

impl Display for TestText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            Test::Missing(true) => f.write_str("is missing"),
            Test::Missing(false) => f.write_str("is present"),
            Test::Number(op, number) => write!(f, "{} {}", op.as_str(), number.get()),
            Test::NumberRange(low, high) => write!(f, "{}..{}", low.get(), high.get()),
            Test::Date(op, day) => write!(f, "{} {}", op.as_str(), date::format(*day)),
            Test::Bool(op, value) => write!(f, "{} {value}", op.as_str()),
            Test::Text(op, text) => write!(f, "{} {text:?}", op.as_str()),
            Test::TextIn(items) => write!(f, "in {}", SetText(items)),
            Test::HasAny(items) => write!(f, "has any {}", SetText(items)),
            Test::HasAll(items) => write!(f, "has all {items:?}"),
            Test::Affix(op, text) => write!(f, "{} {text:?}", op.as_str()),
            Test::Matches {
                pattern,
                case_insensitive,
                set,
            } => {
                let flag = if *case_insensitive { "i" } else { "" };
                write!(f, "matches /{pattern}/{flag}")?;
                match set {
                    Some(set) => write!(f, " (regex set {set})"),
                    None => Ok(()),
                }
            }
            Test::Within(days) => write!(f, "within {days} days"),
        }
    }
}

/// A folded set, marked `(hashed)` when `compile` hashes it instead of
/// scanning it.
struct SetText<'a>(&'a [Box<str>]);

impl Display for SetText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)?;
        if self.0.len() > FoldedSet::SCAN_LIMIT {
            f.write_str(" (hashed)")?;
        }
        Ok(())
    }
}
