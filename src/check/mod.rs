//! The gap checker: small rules over the model and the responsibility graph, each
//! with a stable code. A rule is a function from the context to its diagnostics;
//! the checker runs them all, concatenates what they find, and applies the
//! configuration (the plan's `lint` block, then the command line).
//!
//! Rules apply to what a file defines. A rule about a definition (a unit without
//! duties, a level without a rank) fires wherever that definition is; a rule about
//! something the whole plan lacks (chapters, cover fields, a command body, an upward
//! report, post-incident or detection actions, drills, training, safeguards) fires
//! only in a plan — a file with a `plan` header — so a scenario library or a
//! fragment gets no structure or organization findings.

mod actions;
pub mod config;
mod hygiene;
mod levels;
mod monitoring;
mod organization;
mod reporting;
mod safeguards;
pub mod sarif;
mod structure;
mod timing;
pub mod week;

pub use config::{Options, today_utc};

use crate::diagnostic::Diagnostic;
use crate::model::DefKind;
use crate::model::{Date, Graph, Header, Plan, Symbols};
use crate::source::Source;

/// What a rule sees.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub symbols: &'a Symbols,
    pub graph: &'a Graph,
    /// The text the plan was read from (character-level hygiene rules).
    pub source: &'a Source,
    /// The date the date-dependent rules measure against (`--today`).
    pub today: Date,
}

impl<'a> Context<'a> {
    fn def(&self, name: &str, kind: DefKind) -> Option<usize> {
        self.symbols
            .get(name)
            .filter(|d| d.kind == kind)
            .map(|d| d.index)
    }

    /// The role of that name, through the symbol table (not a scan).
    pub fn role(&self, name: &str) -> Option<&'a crate::model::Role> {
        self.def(name, DefKind::Role).map(|i| &self.plan.roles[i])
    }

    /// The unit of that name.
    pub fn unit(&self, name: &str) -> Option<&'a crate::model::Unit> {
        self.def(name, DefKind::Unit).map(|i| &self.plan.units[i])
    }

    /// The roster of that name.
    pub fn roster(&self, name: &str) -> Option<&'a crate::model::Roster> {
        self.def(name, DefKind::Roster)
            .map(|i| &self.plan.rosters[i])
    }

    /// The level of that name.
    pub fn level(&self, name: &str) -> Option<&'a crate::model::Level> {
        self.def(name, DefKind::Level).map(|i| &self.plan.levels[i])
    }
}

impl Context<'_> {
    /// The plan header, when the file is a plan (and not a scenario library or a fragment).
    pub fn header(&self) -> Option<&Header> {
        self.plan.plan.as_ref()
    }

    /// Whether the file defines an organization (roles or units).
    pub fn has_organization(&self) -> bool {
        !self.plan.roles.is_empty() || !self.plan.units.is_empty()
    }
}

/// A gap rule.
pub type Rule = fn(&Context) -> Vec<Diagnostic>;

/// Every family's rules, in code order. A family's file lists its own rules.
pub const RULES: &[&[Rule]] = &[
    structure::RULES,
    organization::RULES,
    reporting::RULES,
    levels::RULES,
    actions::RULES,
    timing::RULES,
    monitoring::RULES,
    safeguards::RULES,
    hygiene::RULES,
];

/// Runs every rule (without configuration).
pub fn run(cx: &Context) -> Vec<Diagnostic> {
    RULES
        .iter()
        .flat_map(|family| family.iter())
        .flat_map(|rule| rule(cx))
        .collect()
}

/// Runs every rule and applies the plan's `lint` block and the command-line
/// configuration. Returns the diagnostics to show.
pub fn run_configured(cx: &Context, opts: &Options) -> Vec<Diagnostic> {
    let raw = run(cx);
    config::apply(cx.plan, raw, opts)
}
