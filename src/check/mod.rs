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
pub mod catalog;
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

pub use catalog::{CATALOG, Entry};
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

/// Every rule, in code order.
pub const RULES: &[Rule] = &[
    // S: structure
    structure::missing_chapters,
    structure::missing_basis,
    structure::missing_header_fields,
    structure::filing_late,
    structure::dates_out_of_order,
    structure::evaluation_overdue,
    structure::review_cadence,
    structure::no_linked_plans,
    // O: organization
    organization::without_duties,
    organization::role_without_holder,
    organization::critical_role_without_backup,
    organization::backup_same_person,
    organization::backup_loop,
    organization::body_lead,
    organization::external_given_work,
    organization::no_command_body,
    // R: reporting
    reporting::reporting_cycle,
    reporting::cannot_reach_commander,
    reporting::no_upward_report,
    reporting::line_without_limit,
    // L: levels
    levels::rank_order,
    levels::colour_response_order,
    levels::no_criteria,
    levels::no_measurable_criteria,
    levels::thresholds_not_monotonic,
    levels::no_declarer,
    levels::no_stand_down,
    levels::level_without_actions,
    levels::no_upgrade_path,
    levels::not_reached_by_upgrade,
    levels::wrong_direction,
    levels::response_copies_levels,
    levels::no_response_level,
    // A: actions
    actions::action_without_owner,
    actions::external_owner,
    actions::several_accountable,
    actions::after_cycle,
    actions::repeated_without_cadence,
    actions::without_deadline,
    actions::level_without_release,
    actions::slower_higher_level,
    actions::no_post_incident,
    actions::no_detect_action,
    // T: timing
    timing::chain_exceeds_deadline,
    timing::effort_exceeds_deadline,
    timing::first_release_late,
    timing::prerequisite_may_not_happen,
    // M: monitoring
    monitoring::unwatched_channel,
    monitoring::claim_without_roster,
    monitoring::roster_does_not_cover,
    monitoring::roster_gap,
    monitoring::channel_without_hours,
    monitoring::roster_incomplete,
    // G: safeguards and drills
    safeguards::resource_without_owner,
    safeguards::no_drill_cadence,
    safeguards::drills_too_rare,
    safeguards::exercise_incomplete,
    safeguards::missing_safeguards,
    safeguards::no_training,
    // H: hygiene
    hygiene::unused_definition,
    hygiene::confusable_names,
    hygiene::invisible_characters,
    hygiene::bidi_controls,
    hygiene::personal_data,
];

/// Runs every rule (without configuration).
pub fn run(cx: &Context) -> Vec<Diagnostic> {
    RULES.iter().flat_map(|rule| rule(cx)).collect()
}

/// Runs every rule and applies the plan's `lint` block and the command-line
/// configuration. Returns the diagnostics to show.
pub fn run_configured(cx: &Context, opts: &Options) -> Vec<Diagnostic> {
    let raw = run(cx);
    config::apply(cx.plan, raw, opts)
}
