//! The drill model: a compact, index-based picture of a plan and its scenario library,
//! built once and then shared (read-only) by every run of a campaign.
//!
//! Names become small integers, durations become minutes, coverage hours become
//! per-day rate profiles, and `when` conditions become a tree over signal slots, so a
//! run allocates nothing it does not need and never formats a string.
//!
//! The model is built from what the front end made: the plan, its resolved symbols and
//! the scenarios. It never parses or resolves anything itself.

use super::params::{PARAMS, Params};
use crate::model::vocab::{self, CAPABILITIES};
use crate::model::{self as plan, CmpOp, Days, Period, Quantity, Symbols, Value};
use crate::source::{Name, Span};

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
}

/// The value of every [`Signal`] at one moment, indexed by the signal.
pub type Snapshot = [f64; 8];

impl Signal {
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
            Condition::Or(v) => v.iter().any(|c| c.eval(s)),
            Condition::And(v) => v.iter().all(|c| c.eval(s)),
            Condition::Not(c) => !c.eval(s),
            Condition::Compare(signal, op, x) => op.holds(s[*signal as usize], *x),
            Condition::Flag(signal) => s[*signal as usize] != 0.0,
        }
    }

    fn compile(c: &plan::Condition) -> Condition {
        match c {
            plan::Condition::Or(v) => Condition::Or(v.iter().map(Condition::compile).collect()),
            plan::Condition::And(v) => Condition::And(v.iter().map(Condition::compile).collect()),
            plan::Condition::Not(c) => Condition::Not(Box::new(Condition::compile(c))),
            plan::Condition::Flag(n) => match Signal::from_name(&n.value) {
                Some(s) => Condition::Flag(s),
                None => Condition::Or(Vec::new()),
            },
            plan::Condition::Compare { signal, op, value } => {
                match Signal::from_name(&signal.value) {
                    Some(s) => Condition::Compare(s, *op, value_number(&value.value)),
                    None => Condition::Or(Vec::new()),
                }
            }
        }
    }

    /// The thresholds on continuous signals (reach, growth, heat) this condition tests.
    fn thresholds(&self, out: &mut Vec<(Signal, f64)>) {
        match self {
            Condition::Or(v) | Condition::And(v) => v.iter().for_each(|c| c.thresholds(out)),
            Condition::Not(c) => c.thresholds(out),
            Condition::Compare(s @ (Signal::Reach | Signal::Growth | Signal::Heat), _, x)
                if !out.contains(&(*s, *x)) =>
            {
                out.push((*s, *x))
            }
            _ => {}
        }
    }
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
const DAY: usize = 1440;

/// A per-minute marking of each day type.
type DayMinutes = [[bool; DAY]; 3];

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
    pub kind: PartyKind,
    /// Who acts when this party is unavailable.
    pub backup: Option<PartyId>,
    /// The span of the `backup` field, or of the definition when there is none.
    pub backup_span: Span,
    /// For a body: the role that leads it (reaching a body means convening it).
    pub lead: Option<PartyId>,
    /// Pieces of a day (by [`DayType`]) when a roster of this unit is on shift (empty:
    /// none).
    pub duty: [Vec<(u16, u16)>; 3],
    pub span: Span,
}

/// A reporting line.
#[derive(Clone, Debug)]
pub struct ReportingLine {
    pub from: PartyId,
    pub to: PartyId,
    pub within: f64,
    pub span: Span,
}

/// A level, ordered by severity (index 0 is the lowest).
#[derive(Clone, Debug)]
pub struct Level {
    pub name: String,
    pub condition: Option<Condition>,
    /// The `when` condition as the plan states it (for the facilitator pack).
    pub criteria: Option<String>,
    pub declared_by: Option<PartyId>,
    pub stand_down: Option<StandDown>,
    pub has_actions: bool,
    pub span: Span,
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

#[derive(Clone, Debug)]
pub struct Action {
    pub name: String,
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
    /// Median work time.
    pub work: f64,
    pub capability: Capability,
    /// A public statement or press conference (the first one dampens the spread).
    pub public: bool,
    /// The plan's assessment action (研判定级).
    pub assessment: bool,
    /// A critical task: its failure rates the capability U.
    pub critical: bool,
    pub span: Span,
    pub owner_span: Span,
    pub within_span: Span,
    pub approve_span: Span,
    pub consult_span: Span,
    pub after_span: Span,
    /// Random draws one instance uses (fixed, so plans stay comparable seed by seed).
    pub draws: usize,
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
}

impl ScenarioParam {
    pub const COUNT: usize = 10;
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

#[derive(Clone, Debug)]
pub struct Inject {
    pub name: String,
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

/// The compiled drill model of one plan with its scenario library.
#[derive(Clone, Debug)]
pub struct DrillModel {
    pub params: Params,
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
    pub commander: Option<PartyId>,
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
}

/// A problem found while compiling the drill model (shown as a diagnostic).
#[derive(Debug, Clone)]
pub struct ModelIssue {
    pub scenario: usize,
    pub diagnostic: crate::diagnostic::Diagnostic,
}

fn minutes(d: &Option<crate::source::Spanned<plan::Duration>>) -> Option<f64> {
    d.as_ref().map(|d| d.value.minutes() as f64)
}

/// Infers the capability of an action the plan does not tag.
fn infer_capability(a: &plan::Action) -> Capability {
    if let Some(c) = &a.capability
        && let Some(i) = vocab::capability(&c.value)
    {
        return Capability::of_index(i);
    }
    if a.trigger.value == plan::Trigger::StandDown {
        return Capability::Recovery;
    }
    if let Some(d) = &a.deliver {
        match d.kind.value.as_str() {
            "assessment" => return Capability::Assessment,
            "report" | "briefing" => return Capability::Reporting,
            "statement" | "press_conference" | "takedown" => return Capability::PublicInformation,
            "meeting" | "notice" => return Capability::Coordination,
            "review" | "archive" | "revision" => return Capability::Recovery,
            _ => {}
        }
    }
    capability_by_name(a)
}

/// The capability an untagged action's name suggests.
fn capability_by_name(a: &plan::Action) -> Capability {
    let n = a.name.value.as_str();
    let has = |ws: &[&str]| ws.iter().any(|w| n.contains(w));
    if has(&["监测", "预警", "monitor"]) {
        Capability::Monitoring
    } else if has(&["研判", "定级", "assess"]) {
        Capability::Assessment
    } else if has(&["报告", "上报", "续报", "报送", "report"]) {
        Capability::Reporting
    } else if has(&["回应", "声明", "发布", "辟谣", "引导", "statement", "press"]) {
        Capability::PublicInformation
    } else if has(&["复盘", "总结", "善后", "追责", "归档", "修订", "review"]) {
        Capability::Recovery
    } else if a.trigger.value == plan::Trigger::Detect {
        Capability::Assessment
    } else {
        Capability::Coordination
    }
}

fn deliverable_kind(a: &plan::Action, capability: Capability) -> &str {
    if let Some(d) = &a.deliver {
        return d.kind.value.as_str();
    }
    match capability {
        Capability::Assessment => "assessment",
        Capability::Reporting => "report",
        Capability::PublicInformation => "statement",
        Capability::Coordination => "meeting",
        Capability::Recovery => "review",
        Capability::Monitoring => "other",
    }
}

fn day_types(days: Days) -> &'static [DayType] {
    match days {
        Days::Daily => &DayType::ALL,
        Days::Workdays => &[DayType::Workday],
        Days::Weekends => &[DayType::Weekend],
        Days::Holidays => &[DayType::Holiday],
    }
}

/// Marks the minutes of each day type a period covers (a range past midnight wraps
/// into the morning of the same day type).
fn mark(period: &Period, minutes: &mut DayMinutes) {
    let types: &[DayType] = if period.always {
        &DayType::ALL
    } else {
        day_types(period.days)
    };
    for &t in types {
        let day = &mut minutes[t as usize];
        if period.always {
            day.iter_mut().for_each(|m| *m = true);
            continue;
        }
        let (a, b) = (period.from as usize, (period.to as usize).min(DAY));
        if a < b {
            day[a..b].iter_mut().for_each(|m| *m = true);
        } else {
            day[a.min(DAY)..].iter_mut().for_each(|m| *m = true);
            day[..b].iter_mut().for_each(|m| *m = true);
        }
    }
}

fn is_office(p: &Params, day_type: DayType, minute: u16) -> bool {
    day_type == DayType::Workday && minute >= p.office_from && minute < p.office_to
}

/// Runs of equal values of a per-minute function, as pieces.
fn pieces(f: impl Fn(u16) -> (f64, bool)) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for m in 0..DAY as u16 {
        let (rate, on_duty) = f(m);
        match out.last_mut() {
            Some(p) if p.rate == rate && p.on_duty == on_duty => p.to = m + 1,
            _ => out.push(Piece {
                from: m,
                to: m + 1,
                rate,
                on_duty,
            }),
        }
    }
    out
}

fn intervals(minutes: &[bool; DAY]) -> Vec<(u16, u16)> {
    let mut out: Vec<(u16, u16)> = Vec::new();
    for (m, &on) in minutes.iter().enumerate() {
        if !on {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.1 as usize == m => last.1 = m as u16 + 1,
            _ => out.push((m as u16, m as u16 + 1)),
        }
    }
    out
}

/// The parties of a plan by name (bodies, roles, units, externals, in that order).
struct PartyNames<'p> {
    names: Vec<&'p str>,
}

impl PartyNames<'_> {
    fn id(&self, n: &str) -> Option<PartyId> {
        self.names
            .iter()
            .position(|x| *x == n)
            .map(|i| i as PartyId)
    }

    fn of(&self, n: &Name) -> Option<PartyId> {
        self.id(&n.value)
    }
}

/// What every part of the build reads: the plan, its parties by name, the tunables.
struct Build<'p> {
    plan: &'p plan::Plan,
    names: PartyNames<'p>,
    params: Params,
}

impl<'p> Build<'p> {
    fn new(plan: &'p plan::Plan) -> Build<'p> {
        let names = plan
            .bodies
            .iter()
            .map(|b| b.name.value.as_str())
            .chain(plan.roles.iter().map(|r| r.name.value.as_str()))
            .chain(plan.units.iter().map(|u| u.name.value.as_str()))
            .chain(plan.externals.iter().map(|e| e.name.value.as_str()))
            .collect();
        Build {
            plan,
            names: PartyNames { names },
            params: PARAMS.clone(),
        }
    }

    // ── parties ──

    fn parties(&self) -> Vec<Party> {
        let plan = self.plan;
        let party = |name: &Name, kind, backup_span: Span, span: Span| Party {
            name: name.value.to_string(),
            kind,
            backup: None,
            backup_span,
            lead: None,
            duty: Default::default(),
            span,
        };
        let mut parties: Vec<Party> = Vec::new();
        for b in &plan.bodies {
            parties.push(party(&b.name, PartyKind::Body, b.span, b.span));
        }
        for r in &plan.roles {
            let backup_span = r.backup.as_ref().map_or(r.span, |b| b.span);
            parties.push(party(&r.name, PartyKind::Role, backup_span, r.span));
        }
        for u in &plan.units {
            let backup_span = u.backup.as_ref().map_or(u.span, |b| b.span);
            parties.push(party(&u.name, PartyKind::Unit, backup_span, u.span));
        }
        for e in &plan.externals {
            parties.push(party(&e.name, PartyKind::External, e.span, e.span));
        }
        self.backups(&mut parties);
        self.duty_rosters(&mut parties);
        parties
    }

    fn backups(&self, parties: &mut [Party]) {
        let plan = self.plan;
        let (bodies, roles) = (plan.bodies.len(), plan.roles.len());
        for (i, b) in plan.bodies.iter().enumerate() {
            parties[i].lead = b.lead.as_ref().and_then(|n| self.names.of(n));
            parties[i].backup = b.deputies.first().and_then(|n| self.names.of(n));
        }
        for (i, r) in plan.roles.iter().enumerate() {
            parties[bodies + i].backup = r.backup.as_ref().and_then(|n| self.names.of(n));
        }
        for (i, u) in plan.units.iter().enumerate() {
            parties[bodies + roles + i].backup = u.backup.as_ref().and_then(|n| self.names.of(n));
        }
    }

    /// The duty rosters of units, merged per day type.
    fn duty_rosters(&self, parties: &mut [Party]) {
        for r in &self.plan.rosters {
            let Some(u) = r.unit.as_ref().and_then(|n| self.names.of(n)) else {
                continue;
            };
            let mut m = [[false; DAY]; 3];
            for s in &r.shifts {
                mark(&s.period.value, &mut m);
            }
            let u = &mut parties[u as usize];
            for (t, day) in m.iter().enumerate() {
                let mut merged = *day;
                for &(a, b) in &u.duty[t] {
                    merged[a as usize..b as usize]
                        .iter_mut()
                        .for_each(|x| *x = true);
                }
                u.duty[t] = intervals(&merged);
            }
        }
    }

    // ── channels ──

    fn channel(&self, c: &plan::Channel) -> Channel {
        let p = &self.params;
        let watched = !c.watched_by.is_empty();
        let mut covered = [[false; DAY]; 3];
        match &c.hours {
            Some(h) => h.value.iter().for_each(|per| mark(per, &mut covered)),
            None if watched => {
                for m in p.office_from..p.office_to {
                    covered[DayType::Workday as usize][m as usize] = true;
                }
            }
            None => {}
        }
        let (duty, has_roster) = self.channel_rosters(c, watched);
        let profiles = DayType::ALL.map(|t| {
            let (duty, covered) = (&duty[t as usize], &covered[t as usize]);
            pieces(|m| {
                let on_duty = duty[m as usize];
                let cov = (watched && covered[m as usize]) || on_duty;
                let rate = if !cov {
                    0.0
                } else if on_duty {
                    1.0 / p.detect_mean_roster
                } else if is_office(p, t, m) {
                    1.0 / p.detect_mean_office
                } else {
                    1.0 / p.detect_mean_offhours
                };
                (rate, on_duty)
            })
        });
        Channel {
            name: c.name.value.to_string(),
            kind: c.kind.as_ref().and_then(|k| channel_kind(&k.value)),
            watched: watched || has_roster,
            has_roster,
            profiles,
            span: c.span,
            hours_span: c.hours.as_ref().map_or(c.span, |h| h.span),
        }
    }

    /// The rosters behind a channel: named, or staffed by a unit that watches it.
    fn channel_rosters(&self, c: &plan::Channel, watched: bool) -> (DayMinutes, bool) {
        let mut duty = [[false; DAY]; 3];
        let mut has_roster = false;
        for r in &self.plan.rosters {
            let named = c.roster.as_ref().is_some_and(|n| n.value == r.name.value);
            let staffed = r
                .unit
                .as_ref()
                .is_some_and(|u| c.watched_by.iter().any(|w| w.value == u.value));
            if named || (staffed && watched) {
                has_roster = true;
                for s in &r.shifts {
                    mark(&s.period.value, &mut duty);
                }
            }
        }
        (duty, has_roster)
    }

    // ── levels, by severity ──

    fn levels(&self) -> Vec<Level> {
        let plan = self.plan;
        let mut order: Vec<usize> = (0..plan.levels.len()).collect();
        // rank 1 is the highest; without a rank, the plan's order (first = highest).
        order.sort_by_key(|&i| {
            std::cmp::Reverse(
                plan.levels[i]
                    .rank
                    .as_ref()
                    .map_or(i as u32 + 1, |r| r.value),
            )
        });
        let mut levels: Vec<Level> = order.iter().map(|&i| self.level(&plan.levels[i])).collect();
        levels.truncate(64);
        levels
    }

    fn level(&self, l: &plan::Level) -> Level {
        Level {
            name: l.name.value.to_string(),
            condition: l.when.as_ref().map(|w| Condition::compile(&w.value)),
            criteria: l.when.as_ref().map(|w| w.value.to_string()),
            declared_by: l.declared_by.as_ref().and_then(|n| self.names.of(n)),
            stand_down: l.stand_down.as_ref().and_then(|s| {
                s.when.as_ref().map(|w| StandDown {
                    condition: Condition::compile(&w.value),
                    hold: minutes(&s.hold).unwrap_or(self.params.stand_down_hold),
                })
            }),
            has_actions: false,
            span: l.span,
        }
    }

    /// The events actions wait for, in plan order.
    fn events(&self) -> Vec<String> {
        let mut events: Vec<String> = Vec::new();
        for a in &self.plan.actions {
            if let plan::Trigger::Event(e) = &a.trigger.value
                && !events.iter().any(|x| *x == e.value)
            {
                events.push(e.value.to_string());
            }
        }
        events
    }

    // ── actions ──

    fn actions(&self, symbols: &Symbols, levels: &mut [Level], events: &[String]) -> Vec<Action> {
        let mut actions: Vec<Action> = Vec::new();
        for a in self.plan.actions.iter().take(u16::MAX as usize) {
            let trigger = trigger(&a.trigger.value, levels, events);
            if let Trigger::Levels(bits) = trigger {
                for (i, l) in levels.iter_mut().enumerate() {
                    if bits & (1 << i) != 0 {
                        l.has_actions = true;
                    }
                }
            }
            actions.push(self.action(a, trigger));
        }
        for (i, deps) in symbols.after.iter().enumerate().take(actions.len()) {
            actions[i].after = deps
                .iter()
                .flatten()
                .filter(|&&j| j < actions.len() && j != i)
                .map(|&j| j as ActionId)
                .collect();
        }
        actions
    }

    fn action(&self, a: &plan::Action, trigger: Trigger) -> Action {
        let p = &self.params;
        let capability = infer_capability(a);
        let kind = deliverable_kind(a, capability);
        let every = minutes(&a.every);
        let work = match minutes(&a.effort) {
            Some(e) => e.max(1.0),
            None => p
                .work_default
                .iter()
                .find(|(k, _)| *k == kind)
                .map_or(p.work_other, |(_, m)| *m),
        };
        let approvers: Vec<PartyId> = a.approve.iter().filter_map(|n| self.names.of(n)).collect();
        let consult: Vec<PartyId> = a.consult.iter().filter_map(|n| self.names.of(n)).collect();
        Action {
            name: a.name.value.to_string(),
            trigger,
            owner: a.owner.as_ref().and_then(|n| self.names.of(n)),
            draws: 4 + consult.len() + 3 * approvers.len(),
            approvers,
            consult,
            within: minutes(&a.within)
                .or(every)
                .unwrap_or(p.action_deadline)
                .max(1.0),
            every: every.map(|e| e.max(10.0)),
            every_for: minutes(&a.every_for),
            after: Vec::new(),
            work,
            capability,
            public: matches!(kind, "statement" | "press_conference"),
            assessment: false,
            critical: false,
            span: a.span,
            owner_span: a.owner.as_ref().map_or(a.span, |o| o.span),
            within_span: a.within.as_ref().map_or(a.span, |w| w.span),
            approve_span: a.approve.first().map_or(a.span, |n| n.span),
            consult_span: a.consult.first().map_or(a.span, |n| n.span),
            after_span: a.after.first().map_or(a.span, |n| n.span),
        }
    }

    // ── reporting lines ──

    fn lines(&self) -> Vec<ReportingLine> {
        let plan = self.plan;
        let mut lines = Vec::new();
        let mut push_lines = |from: usize, reports_to: &[plan::ReportLine]| {
            for l in reports_to {
                if let Some(to) = self.names.of(&l.to) {
                    lines.push(ReportingLine {
                        from: from as PartyId,
                        to,
                        within: minutes(&l.within)
                            .unwrap_or(self.params.report_deadline)
                            .max(1.0),
                        span: l.span,
                    });
                }
            }
        };
        let bodies = plan.bodies.len();
        for (i, r) in plan.roles.iter().enumerate() {
            push_lines(bodies + i, &r.reports_to);
        }
        for (i, u) in plan.units.iter().enumerate() {
            push_lines(bodies + plan.roles.len() + i, &u.reports_to);
        }
        lines
    }
}

/// What starts an action, as the drill sees it.
fn trigger(t: &plan::Trigger, levels: &[Level], events: &[String]) -> Trigger {
    match t {
        plan::Trigger::Detect => Trigger::Detect,
        plan::Trigger::Level(ls) => {
            let mut bits = 0u64;
            for l in ls {
                if let Some(i) = levels.iter().position(|x| x.name == l.value) {
                    bits |= 1 << i;
                }
            }
            Trigger::Levels(bits)
        }
        plan::Trigger::Upgrade => Trigger::Upgrade,
        plan::Trigger::Downgrade => Trigger::Downgrade,
        plan::Trigger::StandDown => Trigger::StandDown,
        plan::Trigger::Event(e) => match events.iter().position(|x| *x == e.value) {
            Some(i) => Trigger::Event(i as u16),
            None => Trigger::Never,
        },
    }
}

/// Marks the assessment action (the first `on detect` action that assesses, else the
/// first that assesses) and the critical tasks; returns the assessment action.
fn mark_critical(actions: &mut [Action]) -> Option<ActionId> {
    let assessment = actions
        .iter()
        .position(|a| a.trigger == Trigger::Detect && a.capability == Capability::Assessment)
        .or_else(|| {
            actions
                .iter()
                .position(|a| a.capability == Capability::Assessment)
        })
        .map(|i| i as ActionId);
    if let Some(i) = assessment {
        actions[i as usize].assessment = true;
        actions[i as usize].critical = true;
    }
    // The first public statement of each trigger is critical.
    for i in 0..actions.len() {
        if actions[i].public
            && actions[i].every.is_none()
            && !actions[..i]
                .iter()
                .any(|b| b.public && b.trigger == actions[i].trigger)
        {
            actions[i].critical = true;
        }
    }
    assessment
}

fn thresholds(levels: &[Level]) -> Vec<(Signal, f64)> {
    let mut thresholds = Vec::new();
    for l in levels {
        if let Some(c) = &l.condition {
            c.thresholds(&mut thresholds);
        }
        if let Some(s) = &l.stand_down {
            s.condition.thresholds(&mut thresholds);
        }
    }
    thresholds
}

fn channel_kind(word: &str) -> Option<u8> {
    vocab::CHANNEL_KINDS
        .iter()
        .position(|x| *x == word)
        .map(|k| k as u8)
}

impl DrillModel {
    /// Compiles a plan (with its resolved symbols) and a scenario library (each
    /// scenario with the index of the source it came from). Issues found in scenarios
    /// are returned with that index.
    pub fn build(
        plan: &plan::Plan,
        symbols: &Symbols,
        scenarios: &[(usize, &plan::Scenario)],
    ) -> (DrillModel, Vec<ModelIssue>) {
        let b = Build::new(plan);
        let parties = b.parties();
        let channels: Vec<Channel> = plan.channels.iter().map(|c| b.channel(c)).collect();
        let mut levels = b.levels();
        let thresholds = thresholds(&levels);
        let events = b.events();
        let mut actions = b.actions(symbols, &mut levels, &events);
        let assessment = mark_critical(&mut actions);
        let order = topological_order(&actions);
        let lines = b.lines();
        let commander = plan
            .bodies
            .first()
            .and_then(|b| b.lead.as_ref())
            .and_then(|n| b.names.of(n));
        let library = super::scenario::Library {
            plan,
            names: &b.names.names,
            params: &b.params,
            actions: &actions,
            channels: &channels,
            events: &events,
            assessment,
            commander,
        };
        let (compiled, issues) = library.scenarios(scenarios);
        let mut total = 0.0;
        let cumulative = compiled
            .iter()
            .map(|s| {
                total += s.weight;
                total
            })
            .collect();
        let header = plan.plan.as_ref();
        let model = DrillModel {
            params: b.params.clone(),
            parties,
            channels,
            levels,
            actions,
            lines,
            events,
            scenarios: compiled,
            cumulative,
            thresholds,
            assessment,
            commander,
            order,
            plan_span: plan_span(plan),
            platform_span: plan
                .resources
                .iter()
                .find(|r| r.kind.as_ref().is_some_and(|k| k.value == "platform"))
                .map(|r| r.span),
            maintainer: header
                .and_then(|h| h.maintainer.as_ref())
                .map_or(String::new(), |m| m.value.to_string()),
            title: header.map_or(String::new(), |h| h.title.value.to_string()),
            org: header
                .and_then(|h| h.org.as_ref())
                .map_or(String::new(), |o| o.value.to_string()),
        };
        (model, issues)
    }

    /// Keeps only the scenario of this name; false when there is none.
    pub fn restrict(&mut self, name: &str) -> bool {
        let Some(i) = self.scenarios.iter().position(|s| s.name == name) else {
            return false;
        };
        let mut s = self.scenarios.swap_remove(i);
        if s.weight <= 0.0 {
            s.weight = 1.0;
        }
        self.cumulative = vec![s.weight];
        self.scenarios = vec![s];
        true
    }

    /// A quantity as minutes or a plain number.
    pub fn quantity(q: Quantity) -> f64 {
        q.value()
    }

    /// The name of a party (`?` for an index out of range).
    pub fn party_name(&self, p: PartyId) -> &str {
        self.parties
            .get(p as usize)
            .map_or("?", |x| x.name.as_str())
    }
}

/// Where findings about the plan as a whole point: the header, else the first level,
/// else the first action.
fn plan_span(plan: &plan::Plan) -> Span {
    plan.plan
        .as_ref()
        .map(|h| h.span)
        .or_else(|| plan.levels.first().map(|l| l.span))
        .or_else(|| plan.actions.first().map(|a| a.span))
        .unwrap_or_default()
}

/// Where a depth-first walk over `after` stands with an action.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    Open,
    Done,
}

fn topological_order(actions: &[Action]) -> Vec<ActionId> {
    // Depth-first over `after`, with an explicit stack (plans may be large); cycles are
    // broken in plan order.
    let n = actions.len();
    let mut state = vec![Visit::New; n];
    let mut out = Vec::with_capacity(n);
    // (action, how many of its `after` were visited)
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != Visit::New {
            continue;
        }
        state[root] = Visit::Open;
        stack.push((root, 0));
        while let Some(&mut (i, ref mut next)) = stack.last_mut() {
            if let Some(&d) = actions[i].after.get(*next) {
                *next += 1;
                let d = d as usize;
                if state[d] == Visit::New {
                    state[d] = Visit::Open;
                    stack.push((d, 0));
                }
            } else {
                state[i] = Visit::Done;
                out.push(i as ActionId);
                stack.pop();
            }
        }
    }
    out
}
