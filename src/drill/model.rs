//! The drill model: a compact, index-based picture of a plan and its scenario library,
//! built once and then shared (read-only) by every run of a campaign.
//!
//! Names become small integers, durations become minutes, coverage hours become
//! per-day rate profiles, and `when` conditions become a tree over signal slots, so a
//! run allocates nothing it does not need and never formats a string.
//!
//! The model is built from what the front end made: the plan, its resolved symbols and
//! the scenarios (`build.rs`). It never parses or resolves anything itself. Every
//! named thing carries the stable key of its name ([`super::draw::name_key`]), so the
//! draws of a run depend on names, never on positions.

use super::params::{Mode, Params};
use crate::model::domain::Domain;
use crate::model::vocab::{self, CAPABILITIES};
use crate::model::{self as plan, CmpOp, Quantity, Value};
use crate::source::Span;

/// Index of a party (body, role, unit or external).
pub type PartyId = u16;
/// Index of an action of the plan.
pub type ActionId = u16;

/// The signals a run tracks, as slots of a [`Snapshot`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    Reach = 0,
    Growth = 1,
    Heat = 2,
    Media = 3,
    HotSearch = 4,
    Official = 5,
    Negative = 6,
    Casualties = 7,
    /// Attention of local authorities (属地监管部门): the world has it, a plan's `when`
    /// cannot test it (`official_attention` is the supervising, central authority).
    LocalOfficial = 8,
}

/// The value of every [`Signal`] at one moment, indexed by the signal.
pub type Snapshot = [f64; 9];

impl Signal {
    /// The world process a signal of domain `d` follows, and its scale (the signal is
    /// the process times the scale).
    pub fn in_domain(d: &Domain, name: &str) -> Option<(Signal, f64)> {
        let follows = d.signal(name)?.drill.as_ref()?;
        Some((Signal::from_name(&follows.follows)?, follows.scale))
    }

    pub fn from_name(s: &str) -> Option<Signal> {
        Some(match s {
            "reach" => Signal::Reach,
            "growth" => Signal::Growth,
            "heat" => Signal::Heat,
            "media" => Signal::Media,
            "hot_search" => Signal::HotSearch,
            "official_attention" => Signal::Official,
            "negative_ratio" => Signal::Negative,
            "casualties" => Signal::Casualties,
            _ => return None,
        })
    }
}

/// A compiled `when` condition.
#[derive(Clone, Debug)]
pub enum Condition {
    Or(Vec<Condition>),
    And(Vec<Condition>),
    Not(Box<Condition>),
    Compare(Signal, CmpOp, f64),
    Flag(Signal),
}

impl Condition {
    pub fn eval(&self, s: &Snapshot) -> bool {
        match self {
            Condition::Or(v) => v.iter().any(|c| c.eval_term(s)),
            Condition::And(v) => v.iter().all(|c| c.eval_term(s)),
            Condition::Not(c) => !c.eval_term(s),
            Condition::Compare(signal, op, x) => op.holds(s[*signal as usize], *x),
            Condition::Flag(signal) => s[*signal as usize] != 0.0,
        }
    }

    /// A term of an `or` or `and`: most are comparisons, tested here without a call
    /// (levels are evaluated at every change of the signals).
    #[inline(always)]
    fn eval_term(&self, s: &Snapshot) -> bool {
        match self {
            Condition::Compare(signal, op, x) => op.holds(s[*signal as usize], *x),
            Condition::Flag(signal) => s[*signal as usize] != 0.0,
            _ => self.eval(s),
        }
    }

    /// A plan's condition over the signals of its domain: each signal becomes the world
    /// process it follows, its bound divided by its scale (1 in 网络舆情, so the bounds
    /// stay as written); a signal the drill does not play makes a term never met.
    pub(super) fn compile(c: &plan::Condition, d: &Domain) -> Condition {
        match c {
            plan::Condition::Or(v) => Condition::Or(merged(v, false, d)),
            plan::Condition::And(v) => Condition::And(merged(v, true, d)),
            plan::Condition::Not(c) => Condition::Not(Box::new(Condition::compile(c, d))),
            plan::Condition::Flag(n) => match Signal::in_domain(d, &n.value) {
                Some((s, _)) => Condition::Flag(s),
                None => Condition::Or(Vec::new()),
            },
            plan::Condition::Compare { signal, op, value } => {
                match Signal::in_domain(d, &signal.value) {
                    Some((s, scale)) => {
                        Condition::Compare(s, *op, value_number(&value.value) / scale)
                    }
                    None => Condition::Or(Vec::new()),
                }
            }
        }
    }

    /// The thresholds on continuous signals (reach, growth, heat) this condition tests.
    pub(super) fn thresholds(&self, out: &mut Vec<(Signal, f64)>) {
        match self {
            Condition::Or(v) | Condition::And(v) => v.iter().for_each(|c| c.thresholds(out)),
            Condition::Not(c) => c.thresholds(out),
            Condition::Compare(s @ (Signal::Reach | Signal::Growth | Signal::Heat), _, x) => {
                out.push((*s, *x))
            }
            _ => {}
        }
    }
}

/// The compiled terms of an `and` (`all`) or an `or`, with the bounds on one signal in
/// one direction merged into the tightest (`and`) or loosest (`or`) of them: `reach >= 1
/// and reach >= 2 and …` is one test, so a generated condition of 100,000 terms costs a
/// drill what one term costs (evaluated at every crossing, it was quadratic).
fn merged(terms: &[plan::Condition], all: bool, d: &Domain) -> Vec<Condition> {
    let mut out: Vec<Condition> = Vec::with_capacity(terms.len().min(64));
    // Where each (signal, operator) bound already sits in `out`: a handful of slots.
    let mut slots: Vec<(Signal, CmpOp, usize)> = Vec::new();
    for t in terms {
        let c = Condition::compile(t, d);
        let Condition::Compare(signal, op, x) = c else {
            out.push(c);
            continue;
        };
        let lower = matches!(op, CmpOp::Ge | CmpOp::Gt);
        if !x.is_finite() || !(lower || matches!(op, CmpOp::Le | CmpOp::Lt)) {
            out.push(c);
            continue;
        }
        match slots.iter().find(|(s, o, _)| *s == signal && *o == op) {
            Some(&(_, _, i)) => {
                if let Condition::Compare(_, _, y) = &mut out[i] {
                    // A lower bound tightens upwards under `and`, loosens downwards under `or`.
                    *y = if lower == all { y.max(x) } else { y.min(x) };
                }
            }
            None => {
                slots.push((signal, op, out.len()));
                out.push(c);
            }
        }
    }
    out
}

/// A word or a number of a condition or an inject as a number: media tiers by rank,
/// `true`/`false` as 1/0.
pub fn value_number(v: &Value) -> f64 {
    match v {
        Value::Number(n) => *n,
        Value::Word(w) => match vocab::media_tier(w) {
            Some(t) => t as f64,
            None => match w.as_str() {
                "true" | "yes" | "是" => 1.0,
                _ => 0.0,
            },
        },
    }
}

/// Day types of the calendar; the index of a day's profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayType {
    Workday = 0,
    Weekend = 1,
    Holiday = 2,
}

impl DayType {
    pub const ALL: [DayType; 3] = [DayType::Workday, DayType::Weekend, DayType::Holiday];
}

/// Minutes in a day.
pub(super) const DAY: usize = 1440;

/// A per-minute marking of each day type.
pub(super) type DayMinutes = [[bool; DAY]; 3];

/// One piece of a day: minutes `[from, to)` at a detection rate (per minute) and
/// whether a roster is on shift.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    pub from: u16,
    pub to: u16,
    pub rate: f64,
    pub on_duty: bool,
}

/// A channel as the drill sees it.
#[derive(Clone, Debug)]
pub struct Channel {
    pub name: String,
    /// The name as reports say it (its title, or an identifier as words).
    pub said: String,
    pub key: u64,
    pub kind: Option<u8>,
    pub watched: bool,
    pub has_roster: bool,
    /// Pieces of a workday, a weekend day and a holiday (by [`DayType`]), covering
    /// 0..1440.
    pub profiles: [Vec<Piece>; 3],
    pub span: Span,
    /// The span of `hours` (or of the channel when it has none).
    pub hours_span: Span,
}

impl Channel {
    /// Whether it is covered (watched) at a minute of a day of a type.
    pub fn piece(&self, day_type: DayType, minute: u16) -> &Piece {
        let p = &self.profiles[day_type as usize];
        let i = p.partition_point(|x| x.to <= minute);
        &p[i.min(p.len() - 1)]
    }
}

/// What kind of definition a party is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartyKind {
    Body,
    Role,
    Unit,
    External,
}

#[derive(Clone, Debug)]
pub struct Party {
    pub name: String,
    /// The name as reports say it (its title, or an identifier as words).
    pub said: String,
    pub key: u64,
    pub kind: PartyKind,
    /// For an external: its kind (index into `vocab::EXTERNAL_KINDS`).
    pub external_kind: Option<u8>,
    /// Legal counsel (法务, 法律, 合规, legal, counsel): its review guards statements.
    pub legal: bool,
    /// Who acts when this party is unavailable.
    pub backup: Option<PartyId>,
    /// The span of the `backup` field, or of the definition when there is none.
    pub backup_span: Span,
    /// For a body: the role that leads it (reaching a body means convening it).
    pub lead: Option<PartyId>,
    /// Pieces of a day (by [`DayType`]) when a roster of this unit is on shift (empty:
    /// none).
    pub duty: DayPieces,
    pub span: Span,
    /// The rosters of this unit that a level puts on duty: the lowest level (severity
    /// index) from which each is on shift, and its pieces of a day as in `duty`.
    pub level_duty: Vec<(u8, DayPieces)>,
    /// A role held by a class of posts (`holders`): its holders work in parallel, each
    /// for their own part, and one away is replaced by a colleague like a unit's.
    pub class: bool,
    /// An external a report to which is a report up (its kind is one the domain names,
    /// `authority` by default).
    pub upward: bool,
    /// A role held in an on-call rotation with a second holder on call: minutes until
    /// the secondary is paged when the primary has not answered.
    pub secondary: Option<f64>,
}

/// Pieces of a day (minutes from midnight, end excluded) by [`DayType`].
pub type DayPieces = [Vec<(u16, u16)>; 3];

/// A reporting line.
#[derive(Clone, Debug)]
pub struct ReportingLine {
    pub from: PartyId,
    pub to: PartyId,
    pub key: u64,
    pub within: f64,
    /// To the supervising authority (an external of kind `authority`).
    pub upward: bool,
    /// A bit per level at which the line is used: a line to an external that the plan's
    /// level actions inform is reserved to those levels.
    pub levels: u64,
    pub span: Span,
    /// A level's own line (`reports_to` in a level block): made when the level is
    /// declared, whoever has been told by then.
    pub at_level: bool,
}

/// A level, ordered by severity (index 0 is the lowest).
#[derive(Clone, Debug)]
pub struct Level {
    pub name: String,
    pub key: u64,
    /// Position from the highest level (0 = the highest), for the benchmarks.
    pub from_top: u8,
    pub condition: Option<Condition>,
    /// The `when` condition in words, as the document says it, in Chinese and in
    /// English (for the facilitator pack, which evaluators read — never the code).
    pub criteria: [Option<String>; 2],
    /// The plan's own criteria text (`criteria "…"`), on one line: what the evaluators
    /// read beside the measurable rule.
    pub prose: Option<String>,
    pub declared_by: Option<PartyId>,
    /// Who else may declare it (`declared_by A or B`): whoever decides first.
    pub declared_by_also: Vec<PartyId>,
    pub stand_down: Option<StandDown>,
    pub has_actions: bool,
    pub span: Span,
    /// Who approves ending the response (`stand_down … approved_by`); none: the declarer.
    pub stand_down_by: Option<PartyId>,
    /// `may_follow`: the higher level (severity index) whose measures the response may
    /// take, and whether a condition in words decides it (else the declarer's judgement).
    pub may_follow: Option<(u8, bool)>,
    /// The event grade it answers (`grade 较大`), by its title when it has one.
    pub grade: Option<String>,
}

/// When a level stands down: its condition has held for `hold` minutes.
#[derive(Clone, Debug)]
pub struct StandDown {
    pub condition: Condition,
    pub hold: f64,
}

/// What starts an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    Detect,
    /// A bit per level (by severity index).
    Levels(u64),
    Upgrade,
    Downgrade,
    StandDown,
    Event(u16),
    /// An event no inject raises and no known word.
    Never,
}

/// The six capabilities an exercise evaluates (HSEEP core capabilities as the plan
/// names them, [`CAPABILITIES`]), in their fixed order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Capability {
    Monitoring = 0,
    Assessment = 1,
    Reporting = 2,
    Coordination = 3,
    PublicInformation = 4,
    Recovery = 5,
}

impl Capability {
    pub const ALL: [Capability; 6] = [
        Capability::Monitoring,
        Capability::Assessment,
        Capability::Reporting,
        Capability::Coordination,
        Capability::PublicInformation,
        Capability::Recovery,
    ];

    /// The capability at an index of [`CAPABILITIES`] (wrapping past the end).
    pub fn of_index(i: usize) -> Capability {
        Capability::ALL[i % 6]
    }

    /// The plan's own name of it (`监测预警`), which the JSON output carries.
    pub fn plan_name(self) -> &'static str {
        CAPABILITIES[self as usize].0
    }
}

/// What kind of public communication an action is, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Public {
    /// Not a public communication.
    No,
    /// A public statement (平台回复, 情况说明, 通报, 澄清): it dampens the spread.
    Statement,
    /// A press conference.
    PressConference,
    /// A reply to journalists who asked (媒体答复): not a public response.
    MediaReply,
}

/// What the action does, as far as quality and the benchmarks care.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// 辟谣/澄清: says what is spread is false.
    pub debunk: bool,
    /// Reports people to the police (依法维权, 报案).
    pub legal_action: bool,
    /// Handles the real problem offline (源头处置, 问题整改): 三同步.
    pub offline: bool,
    /// Establishes the facts (事实核查): a statement issued after it has them.
    pub fact_finding: bool,
    /// Reports to the supervising authority.
    pub upward: bool,
    /// The review (复盘) after stand-down.
    pub review: bool,
    /// Consults or is approved by legal counsel.
    pub legal_review: bool,
    /// Consults a unit for its facts (a unit other than the owner and legal counsel).
    pub facts_consulted: bool,
}

#[derive(Clone, Debug)]
pub struct Action {
    pub name: String,
    /// The name as reports say it (its title, or an identifier as words).
    pub said: String,
    /// The key of its name and trigger (the same name may be at several levels).
    pub key: u64,
    pub trigger: Trigger,
    pub owner: Option<PartyId>,
    pub approvers: Vec<PartyId>,
    pub consult: Vec<PartyId>,
    /// Time allowed in minutes (from `within`, else `every`, else a default).
    pub within: f64,
    pub every: Option<f64>,
    /// Repetitions stop this many minutes after the first (`every 1d for 7d`).
    pub every_for: Option<f64>,
    pub after: Vec<ActionId>,
    /// `within … from X`: the time allowed counts from when X is done (X is also in
    /// `after`).
    pub from: Option<ActionId>,
    /// `within 5wd`: the time allowed ends with the fifth working day after the day it
    /// counts from, by the run's calendar (`within` holds the shortest it can be).
    pub working_days: u32,
    /// `within 1d before X` where X counts working days: X, and the minutes before
    /// X's limit (then X's limit is counted on the run's calendar too).
    pub before: Option<(ActionId, f64)>,
    /// Median work time.
    pub work: f64,
    pub capability: Capability,
    pub public: Public,
    pub facets: Facets,
    /// How much later than at once its owner starts (a loose deadline, less urgency).
    pub lag: f64,
    /// The plan's assessment action (研判定级).
    pub assessment: bool,
    /// A critical task: its failure rates the capability U.
    pub critical: bool,
    /// A statement comes after it: it drafts what is said (口径拟定).
    pub drafts: bool,
    pub span: Span,
    pub owner_span: Span,
    pub within_span: Span,
    pub approve_span: Span,
    pub consult_span: Span,
    pub after_span: Span,
    /// `optional` (必要时): the command decides, run by run, whether it is done.
    pub optional: bool,
    /// `if` / `unless`: all must hold when the action would start.
    pub guards: Vec<Guard>,
    /// The plan it starts (`invoke`), as written: the timeline names it.
    pub invoke: Option<String>,
}

/// A compiled condition of an action.
#[derive(Clone, Debug)]
pub struct Guard {
    /// Its words, for the reports.
    pub words: String,
    /// The key of its words: one draw per run per wording, shared by every action that
    /// says them, so that `if X` and `unless X` take opposite branches.
    pub key: u64,
    /// `unless`: the action is done when the condition does not hold.
    pub unless: bool,
    /// The measurable form, evaluated on the world's signals instead of a draw (from
    /// this action or another with the same words).
    pub when: Option<Condition>,
}

/// Why an action was not required in a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Optional, and the command decided against it.
    Discretion,
    /// This condition (its index among the action's guards) did not hold.
    Condition(u8),
}

impl Action {
    /// A public statement or press conference: it dampens the spread and counts as a
    /// public response.
    pub fn is_public(&self) -> bool {
        matches!(self.public, Public::Statement | Public::PressConference)
    }

    /// Its quality can fail (a statement, press conference or reply that says something).
    pub fn speaks(&self) -> bool {
        self.public != Public::No
    }
}

/// The parameters of a scenario's spread, by slot (see [`params::SCENARIO_PARAMS`],
/// whose order this is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScenarioParam {
    Reach = 0,
    Growth = 1,
    Negative = 2,
    Casualties = 3,
    Capacity = 4,
    Talk = 5,
    HotSearch = 6,
    Provincial = 7,
    National = 8,
    Official = 9,
    LocalOfficial = 10,
    Genuine = 11,
}

impl ScenarioParam {
    pub const COUNT: usize = 12;
}

/// One value (or range) per [`ScenarioParam`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PerParam<T>(pub [T; ScenarioParam::COUNT]);

impl<T> std::ops::Index<ScenarioParam> for PerParam<T> {
    type Output = T;
    fn index(&self, p: ScenarioParam) -> &T {
        &self.0[p as usize]
    }
}

/// What an inject's `scale` multiplies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scaled {
    Growth,
    Capacity,
    Reach,
    Talk,
}

/// A range of a draw: `(low, high)`.
pub type Between = (f64, f64);

#[derive(Clone, Debug)]
pub enum InjectEffect {
    Set(Signal, f64),
    Scale(Scaled, Between),
    /// A party out of reach for a drawn number of minutes.
    Unavailable(Option<PartyId>, Between),
    /// `None`: every channel (the monitoring platform); else one kind of channel.
    Outage(Option<u8>, Between),
    Raise(Option<u16>),
}

/// When an inject can happen, if it says (its name or text names a time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InjectTime {
    Any,
    Night,
    Holiday,
    Weekend,
}

#[derive(Clone, Debug)]
pub struct Inject {
    pub name: String,
    pub key: u64,
    pub kind: String,
    pub from: String,
    pub detail: String,
    pub at: Option<Between>,
    pub chance: f64,
    pub after_statement: Option<Between>,
    pub effects: Vec<InjectEffect>,
    /// The team hears of it (sets, scales or raises something): triggers a re-assessment.
    pub visible: bool,
    /// A media inquiry: an unanswered one escalates media; before detection it forces it.
    pub media: bool,
    /// Blocks a key person (for the findings and the facilitator pack).
    pub personnel: bool,
    /// A request from local authorities (kind `regulator`): a written reply is due.
    pub regulator: bool,
    /// The time it can happen at.
    pub time: InjectTime,
    /// It raises an event the plan answers (or raises nothing).
    pub answered: bool,
}

/// Chances of an onset at night, on a weekend and on a holiday.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OnsetChances {
    pub night: f64,
    pub weekend: f64,
    pub holiday: f64,
}

#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: String,
    pub key: u64,
    pub title: String,
    pub detail: String,
    pub weight: f64,
    /// Channels of the plan where the incident appears.
    pub channels: Vec<u16>,
    /// Channel kinds where it appears that the plan does not watch at all.
    pub unwatched_kinds: Vec<u8>,
    pub params: PerParam<Between>,
    pub onset: OnsetChances,
    pub injects: Vec<Inject>,
}

impl Scenario {
    pub fn title_or_name(&self) -> &str {
        if self.title.is_empty() {
            &self.name
        } else {
            &self.title
        }
    }
}

/// A chapter of the plan document and its sections, by key (the document's outline,
/// so that findings name the chapter and section of what they point at).
#[derive(Clone, Debug, Default)]
pub struct OutlineChapter {
    pub key: &'static str,
    /// Section keys, with the plan's own title for free-text sections.
    pub sections: Vec<(&'static str, Option<String>)>,
}

/// The compiled drill model of one plan with its scenario library.
#[derive(Clone, Debug)]
pub struct DrillModel {
    pub params: Params,
    pub mode: Mode,
    pub parties: Vec<Party>,
    pub channels: Vec<Channel>,
    pub levels: Vec<Level>,
    pub actions: Vec<Action>,
    pub lines: Vec<ReportingLine>,
    pub events: Vec<String>,
    pub scenarios: Vec<Scenario>,
    /// Cumulative scenario weights for drawing.
    pub cumulative: Vec<f64>,
    /// Thresholds on continuous signals in levels and stand-down conditions.
    pub thresholds: Vec<(Signal, f64)>,
    pub assessment: Option<ActionId>,
    /// What the plan allows before its assessment starts (the `within`s of the actions
    /// it comes after): part of the plan's own time to decide.
    pub assessment_chain: f64,
    pub commander: Option<PartyId>,
    /// Who speaks for the organisation (the `spokesperson` of an `unavailable`
    /// inject): journalists' calls take this person's time.
    pub speaker: Option<PartyId>,
    /// Who acts as commander while the commander is unreachable and has no backup: the
    /// command body's deputies, in order.
    pub acting: Vec<PartyId>,
    /// Events the plan answers, by event index.
    pub answered_events: Vec<bool>,
    /// Actions in an order where every `after` comes first.
    pub order: Vec<ActionId>,
    /// Where findings about the plan as a whole point (the header, else the first item).
    pub plan_span: Span,
    /// The monitoring platform among the resources, if any.
    pub platform_span: Option<Span>,
    /// The plan's maintainer (owner of improvement items by default).
    pub maintainer: String,
    pub title: String,
    pub org: String,
    /// The plan document's chapters and sections.
    pub outline: Vec<OutlineChapter>,
    /// Whether any level has a measurable `when`.
    pub measurable: bool,
    /// The external norms the plan is held to: its domain's, else the online-opinion
    /// table ([`crate::drill::params::BENCHMARKS`]).
    pub benchmarks: Vec<crate::drill::params::Benchmark>,
    /// The levels (by position from the highest) at which the public must be told
    /// (the domain's; every level by default).
    pub public_levels: (u8, u8),
    /// A measurable condition of the plan's domain (advice for a plan without one).
    pub example: &'static str,
}

/// A problem found while compiling the drill model (shown as a diagnostic).
#[derive(Debug, Clone)]
pub struct ModelIssue {
    pub scenario: usize,
    pub diagnostic: crate::diagnostic::Diagnostic,
}

impl DrillModel {
    /// A quantity as minutes or a plain number.
    pub fn quantity(q: Quantity) -> f64 {
        q.value()
    }

    /// The least time a benchmark of this kind allows at any level (a bound), if the
    /// plan is held to one.
    pub fn allowed(&self, kind: crate::drill::params::BenchmarkKind) -> Option<f64> {
        (self.benchmarks.iter())
            .filter(|b| b.kind == kind)
            .map(|b| b.allowed)
            .reduce(f64::min)
    }

    /// The name of a party (`?` for an index out of range).
    pub fn party_name(&self, p: PartyId) -> &str {
        self.parties
            .get(p as usize)
            .map_or("?", |x| x.said.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> plan::Condition {
        let src = format!(
            "plan \"p\" {{ approver 甲 }}\nrole 甲 {{ holder \"h\" }}\nlevel L {{ rank 1 criteria \"c\" when {text} declared_by 甲 }}\n"
        );
        let c = crate::compile(crate::source::Source::new("m.plan", src));
        let plan = c.plan.expect("a model");
        plan.levels[0]
            .when
            .as_ref()
            .expect("a condition")
            .value
            .clone()
    }

    /// Naive evaluation of the plan's condition, term by term, to hold the merge to.
    fn naive(c: &plan::Condition, s: &Snapshot) -> bool {
        match c {
            plan::Condition::Or(v) => v.iter().any(|c| naive(c, s)),
            plan::Condition::And(v) => v.iter().all(|c| naive(c, s)),
            plan::Condition::Not(c) => !naive(c, s),
            other => Condition::compile(other, crate::model::domain::default_domain()).eval(s),
        }
    }

    #[test]
    fn merged_bounds_decide_as_every_term_does() {
        for text in [
            "reach >= 1000 and reach >= 5000 and heat > 3 and heat > 1 and reach <= 90000 and reach < 80000",
            "reach >= 1000 or reach >= 5000 or heat < 3 or heat <= 1 or media >= local",
            "(reach >= 10 or heat > 5) and reach >= 20 and not (heat < 2) and reach != 30",
            "reach > 500 and reach >= 500 and reach == 700",
        ] {
            let p = parsed(text);
            let c = Condition::compile(&p, crate::model::domain::default_domain());
            for reach in [
                0.0, 10.0, 20.0, 30.0, 499.0, 500.0, 501.0, 700.0, 1000.0, 4999.0, 5000.0,
                79_999.0, 80_000.0, 90_000.0, 1e9,
            ] {
                for heat in [0.0, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0] {
                    let mut s: Snapshot = [0.0; 9];
                    s[Signal::Reach as usize] = reach;
                    s[Signal::Heat as usize] = heat;
                    assert_eq!(
                        c.eval(&s),
                        naive(&p, &s),
                        "{text} at reach {reach}, heat {heat}"
                    );
                }
            }
        }
        // 100 lower bounds on reach under `and` are one test.
        let long: Vec<String> = (0..100).map(|k| format!("reach >= {}", 1000 + k)).collect();
        match Condition::compile(
            &parsed(&long.join(" and ")),
            crate::model::domain::default_domain(),
        ) {
            Condition::And(v) => assert_eq!(v.len(), 1),
            other => panic!("expected an and, got {other:?}"),
        }
    }
}
