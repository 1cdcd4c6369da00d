//! Named patterns: `let senior = /\b(vp|head|chief)\b/i`, used as `title
//! matches senior`.
//!
//! A pattern let is checked once, at its definition (E208), so a broken
//! regex used by ten rules is one error; a name after `matches` must be a
//! pattern (E802), and a pattern is no condition or list (E802).

use super::Lowerer;
use crate::ast;
use crate::check::errors;
use crate::check::lets::{self, Kind};

impl<'a> Lowerer<'a> {
    /// The regex a name after `matches` stands for; `None` (reported) when
    /// no let defines it or the let names something else.
    pub(super) fn pattern_let(&mut self, name: &ast::Ident) -> Option<&'a ast::Regex> {
        let Some(index) = self.scope.let_index(&name.name) else {
            let diagnostic = self.unknown_name(name, Kind::Pattern);
            self.diagnostics.push(diagnostic);
            return None;
        };
        let definition = self.scope.lets[index].name.span;
        let kind = match self.lets.kinds[index] {
            Kind::Pattern => return lets::pattern(self.scope, index),
            Kind::Unresolved => return None,
            Kind::Condition => "condition",
            Kind::List => "list",
        };
        let diagnostic = errors::not_a_pattern(&name.name, kind, name.span, definition);
        self.diagnostics.push(diagnostic);
        None
    }

    /// Checks the regex of every pattern let (E208), used or not.
    pub fn patterns(&mut self) {
        let scope = self.scope;
        for let_ in &scope.lets {
            if let ast::LetValue::Pattern(pattern) = &let_.value
                && let Err(problems) = self.regex(pattern)
            {
                self.diagnostics.extend(problems);
            }
        }
    }
}
