//! Suggested examples (`icpc test --suggest`): for each uncovered goal and
//! each surviving mutant, a ready-to-paste example line with the outcome
//! the rules give it today, for a person to confirm or correct.
//!
//! Records are built the way "what would it take" builds its answers: from
//! an example already written (or an empty record), change one field, or
//! two, to a value proposed by `whatif::Solver::candidates` (the member of
//! each other value class nearest the current value), or to the goal's own
//! boundary value; a tier is reached with the exact search of `whatif::Solver`. Every record is
//! evaluated, and suggested only when it meets its goal, or when the rules
//! and the mutant give it different outcomes: a suggestion is never a guess.

mod line;
mod values;

use values::{list_members, others, pred_field};

use super::Run;
use super::coverage::{Coverage, Goal, GoalKind, Side};
use super::mutants::Mutant;
use crate::RuleSet;
use crate::eval::Evaluator;
use crate::ir;
use crate::plan;
use crate::record::{Record, Value};
use crate::source::Span;
use crate::verdict::{self, Verdict};
use crate::whatif::{self, Change};

/// One suggested example.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// What it is for: the goal's or the mutant's text.
    pub span: Span,
    /// Why: the goal's hint, or the mutant it catches.
    pub reason: String,
    /// The example, as a line of the language.
    pub line: String,
}

/// A suggestion for every goal `coverage` left uncovered and every mutant
/// that survived, when one is found; in source order, without repeats.
pub fn suggest(
    rules: &RuleSet,
    run: &Run,
    coverage: Option<&Coverage>,
    mutants: &[Mutant],
) -> Vec<Suggestion> {
    let program = rules.program();
    let context = verdict::Context { as_of: run.as_of };
    let bases = bases(rules, run);
    let mut suggester = Suggester {
        rules,
        evaluator: rules.evaluator(&context),
        solver: whatif::Solver::new(rules.program(), rules.plan(), &context),
        names: (rules.suite().examples.iter())
            .map(|example| example.name.clone())
            .collect(),
        found: Vec::new(),
    };
    for goal in coverage.into_iter().flat_map(Coverage::uncovered) {
        let found = bases.iter().find_map(|base| suggester.for_goal(goal, base));
        if let Some(record) = found {
            suggester.add(goal.span, &goal.hint, &record, program);
        }
    }
    for mutant in mutants.iter().filter(|mutant| !mutant.killed) {
        let mutated = mutant.mutation.apply(program);
        let plan = plan::plan(&mutated, &plan::Options::default());
        let mut other = Evaluator::new(&plan, &context);
        let known: Vec<Record> = suggester
            .found
            .iter()
            .map(|(_, record)| record.clone())
            .collect();
        let starts: Vec<&Record> = known.iter().chain(&bases).collect();
        let tried = (starts.iter())
            .find(|record| suggester.differs(record, &mut other))
            .map(|record| (*record).clone())
            .or_else(|| {
                starts
                    .iter()
                    .find_map(|base| suggester.telling_apart(base, &mut other))
            });
        if let Some(record) = tried {
            let reason = format!("catches the mutant: {}", mutant.mutation.description);
            suggester.add(mutant.mutation.span, &reason, &record, program);
        }
    }
    let mut suggestions: Vec<Suggestion> = suggester
        .found
        .into_iter()
        .map(|(suggestion, _)| suggestion)
        .collect();
    suggestions.sort_by_key(|suggestion| suggestion.span.start);
    suggestions
}

/// `record` as an example line named `name`, expecting the outcome and
/// every score `verdict` gives it (what `--suggest` prints).
pub fn example_line(
    program: &ir::Program,
    name: &str,
    record: &Record,
    verdict: &Verdict,
) -> String {
    format!(
        "example {}: {}",
        crate::format::quoted(name),
        line::body(program, record, verdict)
    )
}

/// Where records start from: every example's record, then an empty one.
fn bases(rules: &RuleSet, run: &Run) -> Vec<Record> {
    let mut bases: Vec<Record> = (run.results.iter())
        .map(|result| super::record(rules, &rules.suite().examples[result.example]))
        .collect();
    bases.push(Record {
        values: vec![Value::Missing; rules.program().fields.len()],
        ..Record::default()
    });
    bases
}

struct Suggester<'r> {
    rules: &'r RuleSet,
    evaluator: Evaluator<'r>,
    /// Value classes and the exact search, built once per file.
    solver: whatif::Solver<'r>,
    names: Vec<String>,
    found: Vec<(Suggestion, Record)>,
}

impl Suggester<'_> {
    fn verdict(&mut self, record: &Record) -> Verdict {
        self.evaluator.eval(record).clone()
    }

    /// A record from `base` that meets `goal`.
    fn for_goal(&mut self, goal: &Goal, base: &Record) -> Option<Record> {
        if let GoalKind::Tier(tier) = goal.kind {
            let answer = self.solver.solve(base, tier, &whatif::Limits::default());
            let record = match answer {
                whatif::Answer::Reachable { changes, .. } => whatif::apply(base, &changes),
                whatif::Answer::AlreadyThere { .. } | whatif::Answer::AlreadyIn => base.clone(),
                whatif::Answer::Unreachable(_) => return None,
            };
            return self.meets(goal, &record).then_some(record);
        }
        let changes = self.changes(goal, base);
        for change in &changes {
            let record = whatif::apply(base, std::slice::from_ref(change));
            if self.meets(goal, &record) {
                return Some(record);
            }
        }
        if !matches!(goal.kind, GoalKind::Fires { .. } | GoalKind::Segment { .. }) {
            return None;
        }
        for (index, first) in changes.iter().enumerate() {
            for second in changes[index + 1..]
                .iter()
                .filter(|second| second.field != first.field)
            {
                let record = whatif::apply(base, &[first.clone(), second.clone()]);
                if self.meets(goal, &record) {
                    return Some(record);
                }
            }
        }
        None
    }

    fn meets(&mut self, goal: &Goal, record: &Record) -> bool {
        let verdict = self.verdict(record);
        let program = self.rules.program();
        super::coverage::met_by(goal, program, &mut self.evaluator, record, &verdict)
    }

    /// The single changes worth trying for `goal`: its own boundary value or
    /// a missing field first, then what "what would it take" proposes.
    fn changes(&self, goal: &Goal, base: &Record) -> Vec<Change> {
        let program = self.rules.program();
        let mut changes = Vec::new();
        let field = match &goal.kind {
            GoalKind::Boundary {
                field,
                threshold,
                side,
            } => {
                let value = match side {
                    Side::JustBelow => threshold - 1.0,
                    Side::At => *threshold,
                    Side::JustAbove => threshold + 1.0,
                };
                let value = match program.field(*field).ty {
                    ir::Type::Date => Value::Date(value as i32),
                    ir::Type::Int
                    | ir::Type::Number
                    | ir::Type::Text
                    | ir::Type::Bool
                    | ir::Type::TextList
                    | ir::Type::Any => Value::Number(value),
                };
                changes.push(Change {
                    field: *field,
                    value,
                });
                Some(*field)
            }
            GoalKind::Truth { pred, .. } => {
                let field = pred_field(program, *pred);
                if let Some(field) = field {
                    changes.push(Change {
                        field,
                        value: Value::Missing,
                    });
                    changes.extend(
                        others(program.field(field).ty).map(|value| Change { field, value }),
                    );
                }
                field
            }
            GoalKind::Fires { .. } | GoalKind::Tier(_) | GoalKind::Segment { .. } => None,
        };
        let proposed = self.solver.candidates(base);
        changes.extend(
            proposed
                .into_iter()
                .filter(|change| field.is_none_or(|field| change.field == field)),
        );
        changes
    }

    /// A record from `base`, or from `base` with one change, on which the
    /// rules and `other` (a mutant's plan) give different outcomes.
    fn telling_apart(&mut self, base: &Record, other: &mut Evaluator<'_>) -> Option<Record> {
        let program = self.rules.program();
        let mut records = vec![base.clone()];
        for change in self.solver.candidates(base) {
            records.push(whatif::apply(base, std::slice::from_ref(&change)));
        }
        for (field, value) in list_members(program) {
            records.push(whatif::apply(base, &[Change { field, value }]));
        }
        for field in 0..program.fields.len() {
            let field = ir::FieldId(field as u32);
            if *base.get(field) != Value::Missing {
                records.push(whatif::apply(
                    base,
                    &[Change {
                        field,
                        value: Value::Missing,
                    }],
                ));
            }
        }
        records
            .into_iter()
            .find(|record| self.differs(record, other))
    }

    /// Whether the rules and `other` give `record` different outcomes.
    fn differs(&mut self, record: &Record, other: &mut Evaluator<'_>) -> bool {
        let program = self.rules.program();
        let ours = self.verdict(record);
        line::outcome(program, &ours) != line::outcome(program, other.eval(record))
    }

    fn add(&mut self, span: Span, reason: &str, record: &Record, program: &ir::Program) {
        let verdict = self.verdict(record);
        let body = line::body(program, record, &verdict);
        if let Some((existing, _)) = self
            .found
            .iter_mut()
            .find(|(found, _)| found.line.ends_with(&body))
        {
            if !existing.reason.contains(reason) {
                existing.reason.push_str("; also ");
                existing.reason.push_str(reason);
            }
            return;
        }
        let name = self.name(reason);
        self.found.push((
            Suggestion {
                span,
                reason: reason.to_string(),
                line: example_line(program, &name, record, &verdict),
            },
            record.clone(),
        ));
    }

    /// A name from the reason, unique among the examples and suggestions.
    fn name(&mut self, reason: &str) -> String {
        let plain = match reason.strip_prefix("catches the mutant: ") {
            Some(mutant) => format!("catches: {mutant}"),
            None => reason.trim_start_matches("no example ").to_string(),
        }
        .replace('`', "");
        let mut name = plain.clone();
        let mut count = 1;
        while self.names.contains(&name) {
            count += 1;
            name = format!("{plain} ({count})");
        }
        self.names.push(name.clone());
        name
    }
}
