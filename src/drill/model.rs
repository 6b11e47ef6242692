//! The drill model: a compact, index-based picture of a plan and its scenario library,
//! built once and then shared (read-only) by every run of a campaign.
//!
//! Names become small integers, durations become minutes, coverage hours become
//! per-day rate profiles, and `when` conditions become a tree over signal slots, so a
//! run allocates nothing it does not need and never formats a string.

use super::params::{self, PARAMS, Params};
use crate::model::vocab::{self, CAPABILITIES};
use crate::model::{
    self, Action, CmpOp, Condition, Days, Effect, Period, Plan, Quantity, Range, Trigger, Value,
};
use crate::source::{Name, Span};

/// Index of a party (body, role, unit or external).
pub type PartyId = u16;
/// Index of an action of the plan.
pub type ActionId = u16;

/// The signals a run tracks, as slots of a snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sig {
    Reach = 0,
    Growth = 1,
    Heat = 2,
    Media = 3,
    HotSearch = 4,
    Official = 5,
    Negative = 6,
    Casualties = 7,
}

impl Sig {
    pub fn from_name(s: &str) -> Option<Sig> {
        Some(match s {
            "reach" => Sig::Reach,
            "growth" => Sig::Growth,
            "heat" => Sig::Heat,
            "media" => Sig::Media,
            "hot_search" => Sig::HotSearch,
            "official_attention" => Sig::Official,
            "negative_ratio" => Sig::Negative,
            "casualties" => Sig::Casualties,
            _ => return None,
        })
    }
}

/// A compiled condition.
#[derive(Clone, Debug)]
pub enum Cond {
    Or(Vec<Cond>),
    And(Vec<Cond>),
    Not(Box<Cond>),
    Cmp(Sig, CmpOp, f64),
    Flag(Sig),
}

impl Cond {
    pub fn eval(&self, s: &[f64; 8]) -> bool {
        match self {
            Cond::Or(v) => v.iter().any(|c| c.eval(s)),
            Cond::And(v) => v.iter().all(|c| c.eval(s)),
            Cond::Not(c) => !c.eval(s),
            Cond::Cmp(sig, op, x) => op.holds(s[*sig as usize], *x),
            Cond::Flag(sig) => s[*sig as usize] != 0.0,
        }
    }

    fn compile(c: &Condition) -> Cond {
        match c {
            Condition::Or(v) => Cond::Or(v.iter().map(Cond::compile).collect()),
            Condition::And(v) => Cond::And(v.iter().map(Cond::compile).collect()),
            Condition::Not(c) => Cond::Not(Box::new(Cond::compile(c))),
            Condition::Flag(n) => match Sig::from_name(&n.value) {
                Some(s) => Cond::Flag(s),
                None => Cond::Or(Vec::new()),
            },
            Condition::Compare { signal, op, value } => match Sig::from_name(&signal.value) {
                Some(s) => Cond::Cmp(s, *op, value_number(&value.value)),
                None => Cond::Or(Vec::new()),
            },
        }
    }

    /// The thresholds on continuous signals (reach, growth, heat) this condition tests.
    fn thresholds(&self, out: &mut Vec<(Sig, f64)>) {
        match self {
            Cond::Or(v) | Cond::And(v) => v.iter().for_each(|c| c.thresholds(out)),
            Cond::Not(c) => c.thresholds(out),
            Cond::Cmp(s @ (Sig::Reach | Sig::Growth | Sig::Heat), _, x)
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

/// Day types of the calendar.
pub const WORKDAY: usize = 0;
pub const WEEKEND: usize = 1;
pub const HOLIDAY: usize = 2;

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
pub struct ChannelM {
    pub name: String,
    pub kind: Option<u8>,
    pub watched: bool,
    pub has_roster: bool,
    /// Pieces of a workday, a weekend day and a holiday, covering 0..1440.
    pub profiles: [Vec<Piece>; 3],
    pub span: Span,
    /// The span of `hours` (or of the channel when it has none).
    pub hours_span: Span,
}

impl ChannelM {
    /// Whether it is covered (watched) at a minute of a day of a type.
    pub fn piece(&self, day_type: usize, minute: u16) -> &Piece {
        let p = &self.profiles[day_type];
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
pub struct PartyM {
    pub name: String,
    pub kind: PartyKind,
    /// Who acts when this party is unavailable.
    pub backup: Option<PartyId>,
    /// The span of the `backup` field, or of the definition when there is none.
    pub backup_span: Span,
    /// For a body: the role that leads it (reaching a body means convening it).
    pub lead: Option<PartyId>,
    /// Pieces of a day when a roster of this unit is on shift (empty: none).
    pub duty: [Vec<(u16, u16)>; 3],
    pub span: Span,
}

/// A reporting line.
#[derive(Clone, Debug)]
pub struct LineM {
    pub from: PartyId,
    pub to: PartyId,
    pub within: f64,
    pub span: Span,
}

/// A level, ordered by severity (index 0 is the lowest).
#[derive(Clone, Debug)]
pub struct LevelM {
    pub name: String,
    pub cond: Option<Cond>,
    pub declared_by: Option<PartyId>,
    pub stand_down: Option<(Cond, f64)>,
    pub has_actions: bool,
    pub span: Span,
    /// The index of this level in the plan.
    pub plan_index: usize,
}

/// What starts an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerM {
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

#[derive(Clone, Debug)]
pub struct ActionM {
    pub name: String,
    pub trigger: TriggerM,
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
    pub capability: u8,
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

/// The scenario parameters, by slot (see [`params::SCENARIO_PARAMS`]).
pub const P_REACH: usize = 0;
pub const P_GROWTH: usize = 1;
pub const P_NEGATIVE: usize = 2;
pub const P_CASUALTIES: usize = 3;
pub const P_CAPACITY: usize = 4;
pub const P_TALK: usize = 5;
pub const P_HOT: usize = 6;
pub const P_PROVINCIAL: usize = 7;
pub const P_NATIONAL: usize = 8;
pub const P_OFFICIAL: usize = 9;
pub const N_PARAMS: usize = 10;

/// What an inject's `scale` multiplies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleWhat {
    Growth,
    Capacity,
    Reach,
    Talk,
}

#[derive(Clone, Debug)]
pub enum EffectM {
    Set(Sig, f64),
    Scale(ScaleWhat, f64, f64),
    Unavailable(Option<PartyId>, f64, f64),
    /// `None`: every channel (the monitoring platform); else one kind of channel.
    Outage(Option<u8>, f64, f64),
    Raise(Option<u16>),
}

#[derive(Clone, Debug)]
pub struct InjectM {
    pub name: String,
    pub kind: String,
    pub from: String,
    pub detail: String,
    pub at: Option<(f64, f64)>,
    pub chance: f64,
    pub after_statement: Option<(f64, f64)>,
    pub effects: Vec<EffectM>,
    /// The team hears of it (sets, scales or raises something): triggers a re-assessment.
    pub visible: bool,
    /// A media inquiry: an unanswered one escalates media; before detection it forces it.
    pub media: bool,
    /// Blocks a key person (for the findings and the facilitator pack).
    pub personnel: bool,
}

#[derive(Clone, Debug)]
pub struct ScenarioM {
    pub name: String,
    pub title: String,
    pub detail: String,
    pub weight: f64,
    /// Channels of the plan where the incident appears.
    pub channels: Vec<u16>,
    /// Channel kinds where it appears that the plan does not watch at all.
    pub unwatched_kinds: Vec<u8>,
    pub params: [(f64, f64); N_PARAMS],
    /// Chances of a night, weekend and holiday onset.
    pub onset: [f64; 3],
    pub injects: Vec<InjectM>,
}

/// The compiled drill model of one plan with its scenario library.
#[derive(Clone, Debug)]
pub struct DrillModel {
    pub params: Params,
    pub parties: Vec<PartyM>,
    pub channels: Vec<ChannelM>,
    pub levels: Vec<LevelM>,
    pub actions: Vec<ActionM>,
    pub lines: Vec<LineM>,
    pub events: Vec<String>,
    pub scenarios: Vec<ScenarioM>,
    /// Cumulative scenario weights for drawing.
    pub cumulative: Vec<f64>,
    /// Thresholds on continuous signals in levels and stand-down conditions.
    pub thresholds: Vec<(Sig, f64)>,
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

/// Capability indexes.
pub const C_MONITOR: u8 = 0;
pub const C_ASSESS: u8 = 1;
pub const C_REPORT: u8 = 2;
pub const C_COORD: u8 = 3;
pub const C_PUBLIC: u8 = 4;
pub const C_RECOVERY: u8 = 5;

/// A problem found while compiling the drill model (shown as a diagnostic).
#[derive(Debug, Clone)]
pub struct ModelIssue {
    pub scenario: usize,
    pub diagnostic: crate::diagnostic::Diagnostic,
}

fn minutes(d: &Option<crate::source::Spanned<model::Duration>>) -> Option<f64> {
    d.as_ref().map(|d| d.value.minutes() as f64)
}

fn range_minutes(r: &Range) -> (f64, f64) {
    let (a, b) = (r.lo.value(), r.hi.value());
    if a <= b { (a, b) } else { (b, a) }
}

/// Infers the capability of an action the plan does not tag.
fn infer_capability(a: &Action) -> u8 {
    if let Some(c) = &a.capability
        && let Some(i) = vocab::capability(&c.value)
    {
        return i as u8;
    }
    if a.trigger.value == Trigger::StandDown {
        return C_RECOVERY;
    }
    if let Some(d) = &a.deliver {
        match d.kind.value.as_str() {
            "assessment" => return C_ASSESS,
            "report" | "briefing" => return C_REPORT,
            "statement" | "press_conference" | "takedown" => return C_PUBLIC,
            "meeting" | "notice" => return C_COORD,
            "review" | "archive" | "revision" => return C_RECOVERY,
            _ => {}
        }
    }
    let n = a.name.value.as_str();
    let has = |ws: &[&str]| ws.iter().any(|w| n.contains(w));
    if has(&["监测", "预警", "monitor"]) {
        C_MONITOR
    } else if has(&["研判", "定级", "assess"]) {
        C_ASSESS
    } else if has(&["报告", "上报", "续报", "报送", "report"]) {
        C_REPORT
    } else if has(&["回应", "声明", "发布", "辟谣", "引导", "statement", "press"]) {
        C_PUBLIC
    } else if has(&["复盘", "总结", "善后", "追责", "归档", "修订", "review"]) {
        C_RECOVERY
    } else if a.trigger.value == Trigger::Detect {
        C_ASSESS
    } else {
        C_COORD
    }
}

fn deliverable_kind(a: &Action, cap: u8) -> &str {
    if let Some(d) = &a.deliver {
        return d.kind.value.as_str();
    }
    match cap {
        C_ASSESS => "assessment",
        C_REPORT => "report",
        C_PUBLIC => "statement",
        C_COORD => "meeting",
        C_RECOVERY => "review",
        _ => "other",
    }
}

fn day_types(days: Days) -> &'static [usize] {
    match days {
        Days::Daily => &[WORKDAY, WEEKEND, HOLIDAY],
        Days::Workdays => &[WORKDAY],
        Days::Weekends => &[WEEKEND],
        Days::Holidays => &[HOLIDAY],
    }
}

/// Marks the minutes of each day type a period covers (a range past midnight wraps
/// into the morning of the same day type).
fn mark(period: &Period, minutes: &mut [[bool; 1440]; 3]) {
    let types: &[usize] = if period.always {
        &[WORKDAY, WEEKEND, HOLIDAY]
    } else {
        day_types(period.days)
    };
    for &t in types {
        if period.always {
            minutes[t].iter_mut().for_each(|m| *m = true);
            continue;
        }
        let (a, b) = (period.from as usize, (period.to as usize).min(1440));
        if a < b {
            minutes[t][a..b].iter_mut().for_each(|m| *m = true);
        } else {
            minutes[t][a.min(1440)..].iter_mut().for_each(|m| *m = true);
            minutes[t][..b].iter_mut().for_each(|m| *m = true);
        }
    }
}

fn is_office(p: &Params, day_type: usize, minute: u16) -> bool {
    day_type == WORKDAY && minute >= p.office_from && minute < p.office_to
}

/// Runs of equal values of a per-minute function, as pieces.
fn pieces(f: impl Fn(u16) -> (f64, bool)) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for m in 0..1440u16 {
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

fn intervals(minutes: &[bool; 1440]) -> Vec<(u16, u16)> {
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

impl DrillModel {
    /// Compiles a plan and a scenario library (each scenario with the index of the
    /// source it came from). Issues found in scenarios are returned with that index.
    pub fn build(
        plan: &Plan,
        scenarios: &[(usize, &model::Scenario)],
    ) -> (DrillModel, Vec<ModelIssue>) {
        let p = PARAMS.clone();
        let mut issues = Vec::new();

        // ── parties ──
        let mut parties: Vec<PartyM> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        for b in &plan.bodies {
            names.push(&b.name.value);
            parties.push(PartyM {
                name: b.name.value.to_string(),
                kind: PartyKind::Body,
                backup: None,
                backup_span: b.span,
                lead: None,
                duty: Default::default(),
                span: b.span,
            });
        }
        for r in &plan.roles {
            names.push(&r.name.value);
            parties.push(PartyM {
                name: r.name.value.to_string(),
                kind: PartyKind::Role,
                backup: None,
                backup_span: r.backup.as_ref().map_or(r.span, |b| b.span),
                lead: None,
                duty: Default::default(),
                span: r.span,
            });
        }
        for u in &plan.units {
            names.push(&u.name.value);
            parties.push(PartyM {
                name: u.name.value.to_string(),
                kind: PartyKind::Unit,
                backup: None,
                backup_span: u.backup.as_ref().map_or(u.span, |b| b.span),
                lead: None,
                duty: Default::default(),
                span: u.span,
            });
        }
        for e in &plan.externals {
            names.push(&e.name.value);
            parties.push(PartyM {
                name: e.name.value.to_string(),
                kind: PartyKind::External,
                backup: None,
                backup_span: e.span,
                lead: None,
                duty: Default::default(),
                span: e.span,
            });
        }
        let party = |n: &str| -> Option<PartyId> {
            names.iter().position(|x| *x == n).map(|i| i as PartyId)
        };
        let party_of = |n: &Name| party(&n.value);
        let nb = plan.bodies.len();
        let nr = plan.roles.len();
        for (i, b) in plan.bodies.iter().enumerate() {
            parties[i].lead = b.lead.as_ref().and_then(party_of);
            parties[i].backup = b.deputies.first().and_then(party_of);
        }
        for (i, r) in plan.roles.iter().enumerate() {
            parties[nb + i].backup = r.backup.as_ref().and_then(party_of);
        }
        for (i, u) in plan.units.iter().enumerate() {
            parties[nb + nr + i].backup = u.backup.as_ref().and_then(party_of);
        }
        // Duty rosters of units.
        for r in &plan.rosters {
            let Some(u) = r.unit.as_ref().and_then(party_of) else {
                continue;
            };
            let mut m = [[false; 1440]; 3];
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

        // ── channels ──
        let mut channels = Vec::new();
        for c in &plan.channels {
            let watched = !c.watched_by.is_empty();
            let mut covered = [[false; 1440]; 3];
            match &c.hours {
                Some(h) => h.value.iter().for_each(|per| mark(per, &mut covered)),
                None if watched => {
                    for m in p.office_from..p.office_to {
                        covered[WORKDAY][m as usize] = true;
                    }
                }
                None => {}
            }
            // Rosters behind the channel: named, or staffed by a unit that watches it.
            let mut duty = [[false; 1440]; 3];
            let mut has_roster = false;
            for r in &plan.rosters {
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
            let profiles = [WORKDAY, WEEKEND, HOLIDAY].map(|t| {
                pieces(|m| {
                    let on_duty = duty[t][m as usize];
                    let cov = (watched && covered[t][m as usize]) || on_duty;
                    let rate = if !cov {
                        0.0
                    } else if on_duty {
                        1.0 / p.detect_mean_roster
                    } else if is_office(&p, t, m) {
                        1.0 / p.detect_mean_office
                    } else {
                        1.0 / p.detect_mean_offhours
                    };
                    (rate, on_duty)
                })
            });
            channels.push(ChannelM {
                name: c.name.value.to_string(),
                kind: c
                    .kind
                    .as_ref()
                    .and_then(|k| vocab::CHANNEL_KINDS.iter().position(|x| *x == k.value))
                    .map(|k| k as u8),
                watched: watched || has_roster,
                has_roster,
                profiles,
                span: c.span,
                hours_span: c.hours.as_ref().map_or(c.span, |h| h.span),
            });
        }

        // ── levels, by severity ──
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
        let mut levels: Vec<LevelM> = order
            .iter()
            .map(|&i| {
                let l = &plan.levels[i];
                LevelM {
                    name: l.name.value.to_string(),
                    cond: l.when.as_ref().map(|w| Cond::compile(&w.value)),
                    declared_by: l.declared_by.as_ref().and_then(party_of),
                    stand_down: l.stand_down.as_ref().and_then(|s| {
                        s.when.as_ref().map(|w| {
                            (
                                Cond::compile(&w.value),
                                minutes(&s.hold).unwrap_or(p.stand_down_hold),
                            )
                        })
                    }),
                    has_actions: false,
                    span: l.span,
                    plan_index: i,
                }
            })
            .collect();
        levels.truncate(64);
        let level_names: Vec<String> = levels.iter().map(|l| l.name.clone()).collect();
        let level_of = |n: &str| level_names.iter().position(|l| l == n);
        let mut thresholds = Vec::new();
        for l in &levels {
            if let Some(c) = &l.cond {
                c.thresholds(&mut thresholds);
            }
            if let Some((c, _)) = &l.stand_down {
                c.thresholds(&mut thresholds);
            }
        }

        // ── events ──
        let mut events: Vec<String> = Vec::new();
        for a in &plan.actions {
            if let Trigger::Event(e) = &a.trigger.value
                && !events.iter().any(|x| *x == e.value)
            {
                events.push(e.value.to_string());
            }
        }

        // ── actions ──
        let mut actions: Vec<ActionM> = Vec::new();
        for a in plan.actions.iter().take(u16::MAX as usize) {
            let trigger = match &a.trigger.value {
                Trigger::Detect => TriggerM::Detect,
                Trigger::Level(ls) => {
                    let mut bits = 0u64;
                    for l in ls {
                        if let Some(i) = level_of(&l.value) {
                            bits |= 1 << i;
                        }
                    }
                    TriggerM::Levels(bits)
                }
                Trigger::Upgrade => TriggerM::Upgrade,
                Trigger::Downgrade => TriggerM::Downgrade,
                Trigger::StandDown => TriggerM::StandDown,
                Trigger::Event(e) => match events.iter().position(|x| *x == e.value) {
                    Some(i) => TriggerM::Event(i as u16),
                    None => TriggerM::Never,
                },
            };
            if let TriggerM::Levels(bits) = trigger {
                for (i, l) in levels.iter_mut().enumerate() {
                    if bits & (1 << i) != 0 {
                        l.has_actions = true;
                    }
                }
            }
            let cap = infer_capability(a);
            let kind = deliverable_kind(a, cap);
            let every = minutes(&a.every);
            let work = match minutes(&a.effort) {
                Some(e) => e.max(1.0),
                None => p
                    .work_default
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .map_or(p.work_other, |(_, m)| *m),
            };
            let approvers: Vec<PartyId> = a.approve.iter().filter_map(party_of).collect();
            let consult: Vec<PartyId> = a.consult.iter().filter_map(party_of).collect();
            let public = matches!(kind, "statement" | "press_conference");
            actions.push(ActionM {
                name: a.name.value.to_string(),
                trigger,
                owner: a.owner.as_ref().and_then(party_of),
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
                capability: cap,
                public,
                assessment: false,
                critical: false,
                span: a.span,
                owner_span: a.owner.as_ref().map_or(a.span, |o| o.span),
                within_span: a.within.as_ref().map_or(a.span, |w| w.span),
                approve_span: a.approve.first().map_or(a.span, |n| n.span),
                consult_span: a.consult.first().map_or(a.span, |n| n.span),
                after_span: a.after.first().map_or(a.span, |n| n.span),
            });
        }
        let (syms, _) = model::resolve(plan);
        for (i, deps) in syms.after.iter().enumerate().take(actions.len()) {
            actions[i].after = deps
                .iter()
                .flatten()
                .filter(|&&j| j < actions.len() && j != i)
                .map(|&j| j as ActionId)
                .collect();
        }
        // The assessment action: the first `on detect` action that assesses.
        let assessment = actions
            .iter()
            .position(|a| a.trigger == TriggerM::Detect && a.capability == C_ASSESS)
            .or_else(|| actions.iter().position(|a| a.capability == C_ASSESS))
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
        // A topological order over `after` (cycles are broken in plan order).
        let order = topo(&actions);

        // ── reporting lines ──
        let mut lines = Vec::new();
        let mut push_lines = |from: PartyId, rl: &[model::ReportLine]| {
            for l in rl {
                if let Some(to) = party_of(&l.to) {
                    lines.push(LineM {
                        from,
                        to,
                        within: minutes(&l.within).unwrap_or(p.report_deadline).max(1.0),
                        span: l.span,
                    });
                }
            }
        };
        for (i, r) in plan.roles.iter().enumerate() {
            push_lines((nb + i) as PartyId, &r.reports_to);
        }
        for (i, u) in plan.units.iter().enumerate() {
            push_lines((nb + nr + i) as PartyId, &u.reports_to);
        }

        // ── scenarios ──
        let commander = plan
            .bodies
            .first()
            .and_then(|b| b.lead.as_ref())
            .and_then(party_of);
        let keyword = |w: &str| -> Option<PartyId> {
            match w {
                "commander" => commander,
                "deputy" => plan
                    .bodies
                    .first()
                    .and_then(|b| b.deputies.first())
                    .and_then(party_of),
                "spokesperson" => plan
                    .roles
                    .iter()
                    .find(|r| r.name.value.contains("发言人") || r.name.value.contains("spokes"))
                    .and_then(|r| party(&r.name.value))
                    .or_else(|| actions.iter().find(|a| a.public).and_then(|a| a.owner)),
                "assessor" => assessment.and_then(|a| actions[a as usize].owner),
                "monitor" => plan
                    .channels
                    .iter()
                    .find_map(|c| c.watched_by.first())
                    .and_then(party_of),
                "office" => plan
                    .bodies
                    .first()
                    .and_then(|b| b.office.as_ref())
                    .and_then(party_of),
                _ => None,
            }
        };
        let mut compiled = Vec::new();
        for &(src, s) in scenarios {
            let mut params = [(0.0, 0.0); N_PARAMS];
            for (i, (name, lo, hi)) in p.spread_default.iter().enumerate() {
                debug_assert_eq!(*name, params::SCENARIO_PARAMS[i].0);
                params[i] = (*lo, *hi);
            }
            for prm in s.start.iter().chain(&s.spread) {
                match params::SCENARIO_PARAMS
                    .iter()
                    .position(|(n, _, _)| *n == prm.name.value)
                {
                    Some(i) => params[i] = range_minutes(&prm.range.value),
                    None => issues.push(ModelIssue {
                        scenario: src,
                        diagnostic: super::findings::drill_unknown_param(
                            prm.name.span,
                            &prm.name.value,
                            model::suggest(
                                &prm.name.value,
                                params::SCENARIO_PARAMS.iter().map(|x| x.0),
                            ),
                        ),
                    }),
                }
            }
            let mut onset = [0.0, 0.0, p.holiday_chance];
            for o in &s.onset {
                match params::ONSET_KINDS.iter().position(|k| *k == o.kind.value) {
                    Some(i) => onset[i] = o.chance.value.clamp(0.0, 1.0),
                    None => issues.push(ModelIssue {
                        scenario: src,
                        diagnostic: super::findings::drill_unknown_onset(
                            o.kind.span,
                            &o.kind.value,
                            model::suggest(&o.kind.value, params::ONSET_KINDS.iter().copied()),
                        ),
                    }),
                }
            }
            let kinds: Vec<u8> = s
                .appears_on
                .iter()
                .filter_map(|k| vocab::CHANNEL_KINDS.iter().position(|x| *x == k.value))
                .map(|k| k as u8)
                .collect();
            let chans: Vec<u16> = channels
                .iter()
                .enumerate()
                .filter(|(_, c)| kinds.is_empty() || c.kind.is_some_and(|k| kinds.contains(&k)))
                .map(|(i, _)| i as u16)
                .collect();
            let unwatched_kinds = kinds
                .iter()
                .copied()
                .filter(|k| !channels.iter().any(|c| c.kind == Some(*k) && c.watched))
                .collect();
            let mut injects = Vec::new();
            for inj in &s.injects {
                let mut effects = Vec::new();
                let mut visible = false;
                let mut media = inj.kind.as_ref().is_some_and(|k| k.value == "media");
                let mut personnel = false;
                for e in &inj.effects {
                    match e {
                        Effect::Set { signal, value } => {
                            if let Some(sig) = Sig::from_name(&signal.value) {
                                if sig == Sig::Media {
                                    media = true;
                                }
                                effects.push(EffectM::Set(sig, value_number(&value.value)));
                                visible = true;
                            }
                        }
                        Effect::Scale { param, by } => {
                            let what = match param.value.as_str() {
                                "growth" => Some(ScaleWhat::Growth),
                                "capacity" => Some(ScaleWhat::Capacity),
                                "reach" => Some(ScaleWhat::Reach),
                                "talk" | "heat" => Some(ScaleWhat::Talk),
                                _ => None,
                            };
                            match what {
                                Some(w) => {
                                    let (a, b) = range_minutes(&by.value);
                                    effects.push(EffectM::Scale(w, a, b));
                                    visible = true;
                                }
                                None => issues.push(ModelIssue {
                                    scenario: src,
                                    diagnostic: super::findings::drill_unknown_scale(
                                        param.span,
                                        &param.value,
                                        model::suggest(
                                            &param.value,
                                            ["growth", "capacity", "reach", "talk"],
                                        ),
                                    ),
                                }),
                            }
                        }
                        Effect::Unavailable { party: who, hold } => {
                            let id = party(&who.value).or_else(|| keyword(&who.value));
                            let (a, b) = range_minutes(&hold.value);
                            personnel = true;
                            effects.push(EffectM::Unavailable(id, a, b));
                        }
                        Effect::Outage { what, hold } => {
                            let kind = vocab::CHANNEL_KINDS
                                .iter()
                                .position(|x| *x == what.value)
                                .map(|k| k as u8);
                            let (a, b) = range_minutes(&hold.value);
                            effects.push(EffectM::Outage(kind, a, b));
                        }
                        Effect::Raise { event } => {
                            visible = true;
                            effects.push(EffectM::Raise(
                                events
                                    .iter()
                                    .position(|x| *x == event.value)
                                    .map(|i| i as u16),
                            ));
                        }
                    }
                }
                injects.push(InjectM {
                    name: inj.name.value.to_string(),
                    kind: inj
                        .kind
                        .as_ref()
                        .map_or("info".into(), |k| k.value.to_string()),
                    from: inj
                        .from
                        .as_ref()
                        .map_or(String::new(), |t| t.value.to_string()),
                    detail: inj
                        .detail
                        .as_ref()
                        .map_or(String::new(), |t| t.value.to_string()),
                    at: inj.at.as_ref().map(|r| range_minutes(&r.value)),
                    chance: inj.chance.as_ref().map_or(1.0, |c| c.value.clamp(0.0, 1.0)),
                    after_statement: inj
                        .after_statement
                        .as_ref()
                        .map(|r| range_minutes(&r.value)),
                    effects,
                    visible,
                    media,
                    personnel,
                });
            }
            let weight = s.weight.as_ref().map_or(1.0, |w| w.value);
            compiled.push(ScenarioM {
                name: s.name.value.to_string(),
                title: s
                    .title
                    .as_ref()
                    .map_or(String::new(), |t| t.value.to_string()),
                detail: s
                    .detail
                    .as_ref()
                    .map_or(String::new(), |t| t.value.to_string()),
                weight: if weight.is_finite() && weight > 0.0 {
                    weight
                } else {
                    0.0
                },
                channels: chans,
                unwatched_kinds,
                params,
                onset,
                injects,
            });
        }
        let mut total = 0.0;
        let cumulative = compiled
            .iter()
            .map(|s| {
                total += s.weight;
                total
            })
            .collect();

        let plan_span = plan
            .plan
            .as_ref()
            .map(|h| h.span)
            .or_else(|| plan.levels.first().map(|l| l.span))
            .or_else(|| plan.actions.first().map(|a| a.span))
            .unwrap_or_default();
        let platform_span = plan
            .resources
            .iter()
            .find(|r| r.kind.as_ref().is_some_and(|k| k.value == "platform"))
            .map(|r| r.span);
        let header = plan.plan.as_ref();
        let model = DrillModel {
            params: p,
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
            plan_span,
            platform_span,
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

    pub fn capability_name(i: usize) -> &'static str {
        CAPABILITIES[i].0
    }

    /// A quantity as minutes or a plain number.
    pub fn quantity(q: Quantity) -> f64 {
        q.value()
    }
}

fn topo(actions: &[ActionM]) -> Vec<ActionId> {
    // Depth-first over `after`, with an explicit stack (plans may be large).
    let n = actions.len();
    let mut state = vec![0u8; n];
    let mut out = Vec::with_capacity(n);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        stack.push((root, 0));
        while let Some(&mut (i, ref mut k)) = stack.last_mut() {
            if let Some(&d) = actions[i].after.get(*k) {
                *k += 1;
                let d = d as usize;
                if state[d] == 0 {
                    state[d] = 1;
                    stack.push((d, 0));
                }
            } else {
                state[i] = 2;
                out.push(i as ActionId);
                stack.pop();
            }
        }
    }
    out
}
