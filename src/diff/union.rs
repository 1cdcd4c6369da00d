//! One reader for two versions of a rule file, so `icpc diff --leads`
//! reads each lead once and scores it with both.
//!
//! The union's fields are the new version's, in order, then the fields
//! only the old version tests; the old program is rewritten to those
//! field ids, so one `record::Record` serves both plans. The reader's
//! program holds both versions' conditions (nothing else reads it), so
//! `data::used_fields` of it is every field either version tests.

use crate::ir;

/// Two programs over one field layout.
#[derive(Debug, Clone)]
pub struct Union {
    /// What the readers read by: the union's fields, both versions' conditions.
    pub reader: ir::Program,
    /// The old program, its field ids rewritten into the union's.
    pub old: ir::Program,
}

/// A field both versions test, with different types: one record cannot
/// type its values for both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeConflict {
    /// The field.
    pub field: String,
    /// Its type in the old version.
    pub old: ir::Type,
    /// Its type in the new version.
    pub new: ir::Type,
}

/// The union of `old` and `new`.
pub fn union(old: &ir::Program, new: &ir::Program) -> Result<Union, TypeConflict> {
    let mut fields = new.fields.clone();
    let mut map = Vec::with_capacity(old.fields.len());
    let (old_used, new_used) = (crate::data::used_fields(old), crate::data::used_fields(new));
    for (index, field) in old.fields.iter().enumerate() {
        let index = match new.field_id(&field.name) {
            Some(id) if new.field(id).ty == field.ty => id.0,
            Some(id) => {
                let old_reads = old_used.contains(&ir::FieldId(index as u32));
                if old_reads && new_used.contains(&id) {
                    return Err(TypeConflict {
                        field: field.name.clone(),
                        old: field.ty,
                        new: new.field(id).ty,
                    });
                }
                if old_reads {
                    fields[id.0 as usize].ty = field.ty;
                }
                id.0
            }
            None => {
                fields.push(field.clone());
                (fields.len() - 1) as u32
            }
        };
        map.push(ir::FieldId(index));
    }
    let mut remapped = old.clone();
    remapped.fields = fields.clone();
    for condition in conditions_mut(&mut remapped) {
        remap(condition, &map);
    }
    let mut reader = new.clone();
    reader.fields = fields;
    let offset = reader.lets.len() as u32;
    let mut lets = remapped.lets.clone();
    let mut rules = remapped.rules.clone();
    let mut segments = remapped.segments.clone();
    for condition in (lets.iter_mut().map(|let_| &mut let_.body))
        .chain(rules.iter_mut().map(|rule| &mut rule.condition))
        .chain(segments.iter_mut().map(|segment| &mut segment.condition))
    {
        shift_lets(condition, offset);
    }
    reader.lets.extend(lets);
    reader.rules.extend(rules);
    reader.segments.extend(segments);
    Ok(Union {
        reader,
        old: remapped,
    })
}

fn conditions_mut(program: &mut ir::Program) -> impl Iterator<Item = &mut ir::Cond> {
    let tiers = program
        .tiers
        .iter_mut()
        .filter_map(|tier| tier.condition.as_mut());
    let segments = (program.segments.iter_mut()).map(|segment| &mut segment.condition);
    (program.rules.iter_mut().map(|rule| &mut rule.condition))
        .chain(tiers)
        .chain(segments)
        .chain(program.lets.iter_mut().map(|let_| &mut let_.body))
}

fn remap(condition: &mut ir::Cond, map: &[ir::FieldId]) {
    walk(condition, &mut |kind| {
        if let ir::CondKind::Pred(pred) = kind
            && let ir::Subject::Field(field) = &mut pred.subject
            && let Some(mapped) = map.get(field.0 as usize)
        {
            *field = *mapped;
        }
    });
}

fn shift_lets(condition: &mut ir::Cond, offset: u32) {
    walk(condition, &mut |kind| {
        if let ir::CondKind::Let(id) = kind {
            id.0 += offset;
        }
    });
}

fn walk(condition: &mut ir::Cond, visit: &mut dyn FnMut(&mut ir::CondKind)) {
    match &mut condition.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            operands.iter_mut().for_each(|operand| walk(operand, visit));
        }
        ir::CondKind::Not(inner) => walk(inner, visit),
        ir::CondKind::Let(_) | ir::CondKind::Pred(_) => visit(&mut condition.kind),
    }
}
