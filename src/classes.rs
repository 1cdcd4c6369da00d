//! Value classes: for each field of a checked program, the values that no
//! predicate of the program can tell apart.
//!
//! Two values of a field are in one class when every test of the program
//! on that field (across rules, lets and tiers) gives the same outcome on
//! both, missing values included. So a record's verdict depends only on
//! the class of each of its fields, and a search over changes of a lead
//! (what would it take, witnesses of `diff`, boundary coverage of `test`)
//! can try one value per class instead of every value.
//!
//! Candidate values come from the tests' structure, per type:
//! numbers and dates split at every threshold, range end and `in` member
//! (dates also at the edges of every `within` window, counted from the
//! as-of day) with the values just beside each split; texts by the joint
//! outcome of the field's text tests (literals, affixes, `contains`, and
//! strings generated from each regex's structure, `regex_sample`); lists by
//! which named items they hold (`lists`); plus missing. Each candidate's
//! outcomes are asked of the real evaluator ([`Evaluator::probe`] on the
//! plan's node of each predicate), and candidates with equal outcomes are
//! one class (hashed, never a linear scan). A class is real by
//! construction; that every value falls in one of them is what the
//! property test in `tests/classes.rs` checks.
//!
//! ```
//! use icpc::classes::Classes;
//! use icpc::eval::Evaluator;
//! use icpc::record::Value;
//! use icpc::verdict::Context;
//!
//! let rules = icpc::RuleSet::compile("r.icp", "\
//! schema {
//!   employees: int
//! }
//! score fit
//! rule mid: employees 10..1000 => fit +20
//! tier A: fit >= 20
//! tier B: otherwise
//! ").expect("compiles");
//! let context = Context { as_of: 20_269 };
//! let classes = Classes::build(rules.program(), rules.plan(), &context);
//! let employees = rules.program().field_id("employees").expect("declared");
//! let field = classes.field(employees);
//! // missing, below 10, 10, 11..999, 1000, above 1000 — but 10, 11..999 and
//! // 1000 give the range the same outcome, as do "below" and "above".
//! assert_eq!(field.classes().len(), 3);
//! let mut evaluator = Evaluator::new(rules.plan(), &context);
//! let class = field.class_of(&mut evaluator, &Value::Number(8.0)).expect("a class");
//! let inside = field.class_of(&mut evaluator, &Value::Number(500.0)).expect("a class");
//! // The member of the range's class nearest to 8 is 10.
//! assert_eq!(field.nearest(inside, &Value::Number(8.0)), Value::Number(10.0));
//! assert_ne!(class, inside);
//! ```

mod lists;
mod numbers;
mod regex_sample;
mod texts;

use crate::eval::Evaluator;
use crate::ir::{self, FieldId, PredId, Type};
use crate::plan::{NodeId, Plan};
use crate::record::{Record, Value};
use crate::verdict::{Context, Truth};
use rustc_hash::FxHashMap;

pub use numbers::Piece;

/// Index into [`FieldClasses::classes`].
pub type ClassId = usize;

/// The classes of every field of a program, indexed by [`FieldId`].
#[derive(Debug, Clone)]
pub struct Classes {
    fields: Vec<FieldClasses>,
}

/// One field's classes and the predicates that tell them apart.
#[derive(Debug, Clone)]
pub struct FieldClasses {
    field: FieldId,
    ty: Type,
    preds: Vec<PredId>,
    /// The plan's node of each distinct test (the plan shares one node
    /// among equal tests, which large files repeat in many rules) ...
    nodes: Vec<NodeId>,
    /// ... and per predicate, its test's index into `nodes`.
    node_of: Vec<u32>,
    classes: Vec<Class>,
    by_outcomes: FxHashMap<Vec<Truth>, ClassId>,
    /// Folded list items some test names (list fields only).
    named: Vec<String>,
    /// Whether the classes hold every joint outcome some value has
    /// (`texts::grow`); when not, a search over the field proves
    /// what can happen but not what cannot.
    complete: bool,
}

/// Values of one field that every predicate on the field treats alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    /// A value of the class (for missing, [`Value::Missing`]).
    pub representative: Value,
    /// The outcome of each of the field's predicates
    /// ([`FieldClasses::preds`] order) on any value of the class.
    pub outcomes: Vec<Truth>,
    /// For numbers and dates: the intervals the class covers, so that
    /// [`FieldClasses::nearest`] finds the member closest to a value.
    pub pieces: Vec<Piece>,
}

impl Classes {
    /// The classes of every field of `program`; `plan` must be built from
    /// it (its evaluator decides each test), `context` fixes the as-of day
    /// that `within` windows count from.
    pub fn build(program: &ir::Program, plan: &Plan, context: &Context) -> Classes {
        let mut preds: Vec<Vec<&ir::Pred>> = vec![Vec::new(); program.fields.len()];
        for condition in program.conditions() {
            collect(condition, &mut preds);
        }
        let mut evaluator = Evaluator::new(plan, context);
        let fields = (program.fields.iter().zip(preds).enumerate())
            .map(|(index, (field, mut preds))| {
                preds.sort_by_key(|pred| pred.id);
                let id = FieldId(index as u32);
                build_field(id, field.ty, &preds, plan, &mut evaluator, context)
            })
            .collect();
        Classes { fields }
    }

    /// One field's classes.
    pub fn field(&self, field: FieldId) -> &FieldClasses {
        &self.fields[field.0 as usize]
    }

    /// Every field's classes, in field order.
    pub fn fields(&self) -> &[FieldClasses] {
        &self.fields
    }
}

/// Adds each predicate on a field to its field's list (once: the program's
/// conditions hold each predicate once).
fn collect<'a>(cond: &'a ir::Cond, preds: &mut [Vec<&'a ir::Pred>]) {
    match &cond.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            operands.iter().for_each(|operand| collect(operand, preds));
        }
        ir::CondKind::Not(inner) => collect(inner, preds),
        ir::CondKind::Let(_) => {}
        ir::CondKind::Pred(pred) => match pred.subject {
            ir::Subject::Field(field) => preds[field.0 as usize].push(pred),
            ir::Subject::Score(_) => {}
        },
    }
}

fn build_field(
    field: FieldId,
    ty: Type,
    preds: &[&ir::Pred],
    plan: &Plan,
    evaluator: &mut Evaluator<'_>,
    context: &Context,
) -> FieldClasses {
    let tests: Vec<&ir::PredTest> = preds.iter().map(|pred| &pred.test).collect();
    let mut candidates: Vec<(Value, Option<Piece>)> = vec![(Value::Missing, None)];
    let mut named = Vec::new();
    match ty {
        Type::Int | Type::Number | Type::Date => {
            candidates.extend(numbers::candidates(&tests, ty, context.as_of));
        }
        // Grown below, each candidate asked as it is made.
        Type::Text => {}
        Type::TextList => {
            let (items, lists) = lists::candidates(&tests);
            named = items;
            candidates.extend(lists.into_iter().map(|v| (v, None)));
        }
        Type::Bool => {
            candidates.extend([true, false].map(|b| (Value::Bool(b), None)));
        }
        Type::Any => {
            candidates.extend(texts::any_candidates(&tests).into_iter().map(|v| (v, None)))
        }
    }
    let mut nodes: Vec<NodeId> = Vec::new();
    let mut index: FxHashMap<NodeId, u32> = FxHashMap::default();
    let node_of = (preds.iter())
        .map(|pred| {
            let node = plan.arena.preds[pred.id.0 as usize];
            *index.entry(node).or_insert_with(|| {
                nodes.push(node);
                nodes.len() as u32 - 1
            })
        })
        .collect();
    let mut classes = FieldClasses {
        field,
        ty,
        preds: preds.iter().map(|pred| pred.id).collect(),
        nodes,
        node_of,
        classes: Vec::new(),
        by_outcomes: FxHashMap::default(),
        named,
        complete: true,
    };
    let mut adder = Adder {
        record: classes.record(),
        distinct: Vec::new(),
    };
    for (value, piece) in candidates {
        adder.add(&mut classes, evaluator, value, piece);
    }
    if ty == Type::Text {
        let mut sink = TextSink {
            adder: &mut adder,
            classes: &mut classes,
            evaluator,
        };
        classes.complete = texts::grow(&tests, &mut sink);
    }
    classes
}

/// What [`texts::grow`] puts its candidates into.
trait Sink {
    /// Asks a value's outcomes and puts it in their class.
    fn add(&mut self, value: Value) -> Put;
    /// Drops every class from `class` on.
    fn drop_from(&mut self, class: ClassId);
}

/// A text field's classes as they grow.
struct TextSink<'a, 'p> {
    adder: &'a mut Adder,
    classes: &'a mut FieldClasses,
    evaluator: &'a mut Evaluator<'p>,
}

impl Sink for TextSink<'_, '_> {
    fn add(&mut self, value: Value) -> Put {
        (self.adder).add(self.classes, self.evaluator, value, None)
    }

    fn drop_from(&mut self, class: ClassId) {
        self.classes.classes.truncate(class);
        self.classes.by_outcomes.retain(|_, id| *id < class);
    }
}

/// Puts candidate values of a field into their classes, reusing one
/// record and one buffer of outcomes.
struct Adder {
    record: Record,
    distinct: Vec<Truth>,
}

impl Adder {
    /// Asks `value`'s outcomes and puts it in their class (opening one,
    /// or standing for it when simpler).
    fn add(
        &mut self,
        classes: &mut FieldClasses,
        evaluator: &mut Evaluator<'_>,
        value: Value,
        piece: Option<Piece>,
    ) -> Put {
        let slot = classes.field.0 as usize;
        self.record.values[slot] = value;
        evaluator.probe_all(&self.record, &classes.nodes, &mut self.distinct);
        let value = std::mem::replace(&mut self.record.values[slot], Value::Missing);
        let outcomes = classes.spread(&self.distinct);
        let next = classes.classes.len();
        let id = *classes.by_outcomes.entry(outcomes.clone()).or_insert(next);
        let put = if id == next {
            classes.classes.push(Class {
                representative: value,
                outcomes,
                pieces: Vec::new(),
            });
            Put::Opened(id)
        } else if simpler(&value, &classes.classes[id].representative) {
            classes.classes[id].representative = value;
            Put::Stands(id)
        } else {
            Put::Joined(id)
        };
        classes.classes[id].pieces.extend(piece);
        put
    }
}

/// Where [`Adder::add`] put a value.
enum Put {
    /// In a class it opened.
    Opened(ClassId),
    /// In a class it now stands for (simpler than the representative).
    Stands(ClassId),
    /// In a class that keeps its representative.
    Joined(ClassId),
}

impl Put {
    fn class(&self) -> ClassId {
        match self {
            Put::Opened(class) | Put::Stands(class) | Put::Joined(class) => *class,
        }
    }
}

/// Whether a text or list stands for its class better than another: it
/// is not empty where the other is, or shorter, or as long and first in
/// order. So the representative does
/// not depend on the order the tests are written in. Numbers and dates
/// keep the first, the lowest of their pieces' values.
fn simpler(value: &Value, than: &Value) -> bool {
    match (value, than) {
        (Value::Text(a), Value::Text(b)) | (Value::Present(a), Value::Present(b)) => {
            (a.is_empty(), a.len(), a) < (b.is_empty(), b.len(), b)
        }
        (Value::List(a), Value::List(b)) => (a.len(), a) < (b.len(), b),
        _ => false,
    }
}

impl FieldClasses {
    /// Whether every joint outcome of the field's predicates that some
    /// value has is one of [`FieldClasses::classes`]: only then does a
    /// search that finds nothing over this field prove that nothing
    /// exists.
    pub fn complete(&self) -> bool {
        self.complete
    }

    /// The field these classes partition.
    pub fn field(&self) -> FieldId {
        self.field
    }

    /// The predicates on the field, ascending by id; a class's outcomes
    /// follow this order.
    pub fn preds(&self) -> &[PredId] {
        &self.preds
    }

    /// The classes; the first is always the class of missing values.
    pub fn classes(&self) -> &[Class] {
        &self.classes
    }

    /// The class of a value, found by asking the evaluator its outcomes;
    /// `None` only if the value's outcomes match no class (which the
    /// property test says does not happen).
    pub fn class_of(&self, evaluator: &mut Evaluator<'_>, value: &Value) -> Option<ClassId> {
        let outcomes = self.outcomes(evaluator, value);
        self.by_outcomes.get(&outcomes).copied()
    }

    /// The outcome of each of the field's predicates on a value.
    pub fn outcomes(&self, evaluator: &mut Evaluator<'_>, value: &Value) -> Vec<Truth> {
        let mut record = self.record();
        record.values[self.field.0 as usize] = value.clone();
        self.probe(evaluator, &record)
    }

    /// The member of `class` closest to `current`: for numbers and dates
    /// the smallest move (`employees` 8 into `10..1000` is 10); for lists
    /// the current list with the named items the class needs added and the
    /// ones it must not hold removed, other items kept; else the class's
    /// representative.
    pub fn nearest(&self, class: ClassId, current: &Value) -> Value {
        let class = &self.classes[class];
        match (self.ty, current) {
            (Type::Int | Type::Number | Type::Date, Value::Number(_) | Value::Date(_)) => {
                numbers::nearest(&class.pieces, current, self.ty)
                    .unwrap_or_else(|| class.representative.clone())
            }
            (Type::TextList, Value::List(items)) => {
                lists::edit(items, &self.named, &class.representative)
            }
            _ => class.representative.clone(),
        }
    }

    /// [`FieldClasses::nearest`], checked: falls back to the
    /// representative should the nearest value land in another class.
    /// Only an edited list needs asking the evaluator: a representative is
    /// in its class by construction, and a number or date nearest is taken
    /// from one of the class's own pieces.
    pub fn value_in(
        &self,
        evaluator: &mut Evaluator<'_>,
        class: ClassId,
        current: &Value,
    ) -> Value {
        let near = self.nearest(class, current);
        let checked = match near {
            Value::List(_) => near != self.classes[class].representative,
            Value::Missing
            | Value::Number(_)
            | Value::Text(_)
            | Value::Bool(_)
            | Value::Date(_)
            | Value::Present(_) => false,
        };
        if !checked || self.class_of(evaluator, &near) == Some(class) {
            near
        } else {
            self.classes[class].representative.clone()
        }
    }

    fn record(&self) -> Record {
        Record {
            values: vec![Value::Missing; self.field.0 as usize + 1],
            ..Record::default()
        }
    }

    fn probe(&self, evaluator: &mut Evaluator<'_>, record: &Record) -> Vec<Truth> {
        let mut distinct = Vec::with_capacity(self.nodes.len());
        evaluator.probe_all(record, &self.nodes, &mut distinct);
        self.spread(&distinct)
    }

    /// Per predicate, the outcome of its test among `distinct` (one per
    /// [`FieldClasses::nodes`] entry).
    fn spread(&self, distinct: &[Truth]) -> Vec<Truth> {
        (self.node_of.iter())
            .map(|at| distinct[*at as usize])
            .collect()
    }
}
