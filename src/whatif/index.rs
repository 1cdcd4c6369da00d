//! Which rules read which predicates, built once per program: when a
//! search moves one field to another class, only the predicates of that
//! field change, so only the rules (and lets) that read them are
//! evaluated again.

use super::circuit::Circuit;
use crate::ir::{self, FieldId, PredId, ScoreId};

/// The dependencies of a program's rules on its predicates and fields.
#[derive(Debug, Clone)]
pub struct Index {
    /// Per rule: the predicates on fields its condition reads, lets
    /// included, ascending.
    pub rule_preds: Vec<Vec<PredId>>,
    /// Per rule: the fields its condition reads, ascending.
    pub rule_fields: Vec<Vec<FieldId>>,
    /// Per predicate: the rules that read it.
    pub pred_rules: Vec<Vec<u32>>,
    /// Per predicate: the lets whose value depends on it.
    pub pred_lets: Vec<Vec<u32>>,
    /// The rules' conditions as a circuit, for incremental bounds.
    pub circuit: Circuit,
    /// Per segment: the predicates on fields its condition reads, lets
    /// included, ascending.
    pub segment_preds: Vec<Vec<PredId>>,
    /// Per segment: the fields its condition reads, ascending.
    pub segment_fields: Vec<Vec<FieldId>>,
    /// Per predicate: its field, for a test of a field.
    pub pred_field: Vec<Option<FieldId>>,
    /// Per tier: the scores its condition tests, ascending.
    pub tier_scores: Vec<Vec<ScoreId>>,
    /// Per segment: the scores its condition tests, ascending.
    pub segment_scores: Vec<Vec<ScoreId>>,
}

impl Index {
    /// The index of `program`.
    pub fn new(program: &ir::Program) -> Index {
        let preds = program.pred_count as usize;
        let mut pred_field = vec![None; preds];
        let mut let_preds: Vec<Option<Vec<PredId>>> = vec![None; program.lets.len()];
        for id in 0..program.lets.len() {
            let_reads(program, id, &mut let_preds, &mut pred_field);
        }
        let mut pred_lets = vec![Vec::new(); preds];
        for (id, reads) in let_preds.iter().enumerate() {
            for pred in reads.iter().flatten() {
                pred_lets[pred.0 as usize].push(id as u32);
            }
        }
        let mut field_reads = |cond: &ir::Cond| {
            let mut reads = Vec::new();
            cond_reads(program, cond, &mut let_preds, &mut pred_field, &mut reads);
            reads
        };
        let rule_reads: Vec<Vec<PredId>> = (program.rules.iter())
            .map(|rule| field_reads(&rule.condition))
            .collect();
        let segment_reads: Vec<Vec<PredId>> = (program.segments.iter())
            .map(|segment| field_reads(&segment.condition))
            .collect();
        // Every field predicate's field is known once every condition is read.
        let on_fields = |mut reads: Vec<PredId>| {
            reads.sort_unstable();
            reads.dedup();
            reads.retain(|pred| pred_field[pred.0 as usize].is_some());
            reads
        };
        let rule_preds: Vec<Vec<PredId>> = rule_reads.into_iter().map(on_fields).collect();
        let segment_preds: Vec<Vec<PredId>> = segment_reads.into_iter().map(on_fields).collect();
        let mut pred_rules = vec![Vec::new(); preds];
        for (index, reads) in rule_preds.iter().enumerate() {
            for pred in reads {
                pred_rules[pred.0 as usize].push(index as u32);
            }
        }
        let fields_of = |reads: &Vec<PredId>| {
            let mut fields: Vec<FieldId> = (reads.iter())
                .filter_map(|pred| pred_field[pred.0 as usize])
                .collect();
            fields.sort_unstable();
            fields.dedup();
            fields
        };
        let scores_of = |cond: &ir::Cond| {
            let mut scores = Vec::new();
            let mut seen = vec![false; program.lets.len()];
            scores_read(program, cond, &mut seen, &mut scores);
            scores.sort_unstable();
            scores.dedup();
            scores
        };
        Index {
            tier_scores: (program.tiers.iter())
                .map(|tier| tier.condition.as_ref().map(scores_of).unwrap_or_default())
                .collect(),
            segment_scores: (program.segments.iter())
                .map(|segment| scores_of(&segment.condition))
                .collect(),
            rule_fields: rule_preds.iter().map(fields_of).collect(),
            segment_fields: segment_preds.iter().map(fields_of).collect(),
            rule_preds,
            segment_preds,
            pred_rules,
            pred_lets,
            circuit: Circuit::new(program),
            pred_field,
        }
    }
}

/// The predicates a let reads, its own lets' included (each let once).
fn let_reads<'a>(
    program: &ir::Program,
    id: usize,
    let_preds: &'a mut Vec<Option<Vec<PredId>>>,
    pred_field: &mut [Option<FieldId>],
) -> &'a [PredId] {
    if let_preds[id].is_none() {
        // Mark it first: lets form no cycles, but a let read twice is read once.
        let_preds[id] = Some(Vec::new());
        let mut reads = Vec::new();
        let body = &program.lets[id].body;
        cond_reads(program, body, let_preds, pred_field, &mut reads);
        reads.sort_unstable();
        reads.dedup();
        let_preds[id] = Some(reads);
    }
    let_preds[id].as_deref().unwrap_or_default()
}

fn cond_reads(
    program: &ir::Program,
    cond: &ir::Cond,
    let_preds: &mut Vec<Option<Vec<PredId>>>,
    pred_field: &mut [Option<FieldId>],
    out: &mut Vec<PredId>,
) {
    match &cond.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            for operand in operands {
                cond_reads(program, operand, let_preds, pred_field, out);
            }
        }
        ir::CondKind::Not(inner) => cond_reads(program, inner, let_preds, pred_field, out),
        ir::CondKind::Let(id) => {
            let reads = let_reads(program, id.0 as usize, let_preds, pred_field);
            out.extend_from_slice(reads);
        }
        ir::CondKind::Pred(pred) => {
            if let ir::Subject::Field(field) = pred.subject {
                pred_field[pred.id.0 as usize] = Some(field);
            }
            out.push(pred.id);
        }
    }
}

/// The scores `cond` tests, lets included (each let read once).
fn scores_read(program: &ir::Program, cond: &ir::Cond, seen: &mut [bool], out: &mut Vec<ScoreId>) {
    match &cond.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            for operand in operands {
                scores_read(program, operand, seen, out);
            }
        }
        ir::CondKind::Not(inner) => scores_read(program, inner, seen, out),
        ir::CondKind::Let(id) => {
            if !std::mem::replace(&mut seen[id.0 as usize], true) {
                scores_read(program, &program.let_(*id).body, seen, out);
            }
        }
        ir::CondKind::Pred(pred) => {
            if let ir::Subject::Score(score) = pred.subject {
                out.push(score);
            }
        }
    }
}
