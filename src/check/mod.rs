//! The gap checker: small rules over the model and the responsibility graph, each
//! with a stable code. A rule is a function from the context to its diagnostics;
//! the checker runs them all and concatenates what they find.

mod basic;

use crate::diagnostic::Diagnostic;
use crate::model::{Graph, Plan, Symbols};

/// What a rule sees.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub symbols: &'a Symbols,
    pub graph: &'a Graph,
}

/// A gap rule.
pub type Rule = fn(&Context) -> Vec<Diagnostic>;

/// Every rule, in code order.
pub const RULES: &[Rule] = &[
    basic::action_without_owner,
    basic::after_cycle,
    basic::reporting_cycle,
];

/// Runs every rule.
pub fn run(cx: &Context) -> Vec<Diagnostic> {
    RULES.iter().flat_map(|rule| rule(cx)).collect()
}
