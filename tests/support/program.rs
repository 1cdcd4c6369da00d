//! A compact s-expression view of a checked program, for check snapshots:
//! the library's own IR printer.

use icpc::ir;

/// Fields, scores, lets, rules and tiers, one per line.
pub fn show(program: &ir::Program) -> String {
    ir::print::Program(program).to_string()
}
