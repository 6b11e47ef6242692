//! The modules of a tabletop: a run's timeline cut where a facilitator stops the room —
//! detection, assessment and declaration, first response, escalation, stand-down and
//! recovery. Each module has its time span, the injects delivered in it (with the roles
//! they concern) and the situation at its start in the figures the plan's level
//! criteria read. Pure: from a recorded run to a list, for every front end (the
//! terminal tabletop, the facilitator pack, the room console).

use super::model::{ActionId, DrillModel, InjectEffect, PartyId};
use super::sim::{MarkKind, NEVER, Runner};

/// The phases a facilitated drill walks through, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ModuleKind {
    Detection,
    Declaration,
    FirstResponse,
    Escalation,
    StandDown,
}

impl ModuleKind {
    pub const ALL: [ModuleKind; 5] = [
        ModuleKind::Detection,
        ModuleKind::Declaration,
        ModuleKind::FirstResponse,
        ModuleKind::Escalation,
        ModuleKind::StandDown,
    ];

    /// The stable word of the module (label keys `drill.module.<key>`, JSON).
    pub fn key(self) -> &'static str {
        match self {
            ModuleKind::Detection => "detection",
            ModuleKind::Declaration => "declaration",
            ModuleKind::FirstResponse => "first_response",
            ModuleKind::Escalation => "escalation",
            ModuleKind::StandDown => "stand_down",
        }
    }
}

/// What the room is told at a moment: the figures the level criteria use and what has
/// been said publicly.
#[derive(Clone, Debug, PartialEq)]
pub struct Situation {
    pub t: f64,
    /// People exposed so far.
    pub reach: f64,
    /// Posts per hour now.
    pub heat: f64,
    /// The highest media tier reporting it (0: none, 1 local … 3 national).
    pub media: u8,
    pub hot_search: bool,
    /// The supervising authority's attention.
    pub official: bool,
    /// Local authorities' attention.
    pub local_official: bool,
    /// Public statements made so far, in order.
    pub statements: Vec<ActionId>,
    /// The level the situation meets, and the level declared.
    pub true_level: Option<u8>,
    pub declared: Option<u8>,
}

/// Something the simulation cell delivers in a module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Told {
    /// An inject of the scenario, by index.
    Inject(u16),
    /// The regulator asks for the report that was not made (a reporting line).
    Demand(u16),
    /// A statement turned out wrong and had to be corrected (a second wave).
    Correction(ActionId),
}

/// One delivery: when, what, and to whom.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    pub t: f64,
    pub told: Told,
    /// The roles it concerns (who receives it in the room).
    pub to: Vec<PartyId>,
}

/// A module of the drill: its span (`end` is where the next begins), the situation at
/// its start and what is delivered in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub kind: ModuleKind,
    pub start: f64,
    pub end: f64,
    pub situation: Situation,
    pub deliveries: Vec<Delivery>,
}

/// The situation at `t` as the timeline of a recorded run shows it.
pub fn situation_at(r: &Runner, t: f64) -> Situation {
    let mut s = Situation {
        t,
        reach: r.log.reach_at(t),
        heat: r.log.heat_at(t),
        media: 0,
        hot_search: false,
        official: false,
        local_official: false,
        statements: Vec::new(),
        true_level: None,
        declared: None,
    };
    for mk in r.log.marks.iter().take_while(|mk| mk.t <= t + 0.01) {
        match mk.kind {
            MarkKind::MediaUp(x) => s.media = s.media.max(x),
            MarkKind::HotSearch => s.hot_search = true,
            MarkKind::Official => s.official = true,
            MarkKind::LocalOfficial => s.local_official = true,
            MarkKind::Statement(a) if !s.statements.contains(&a) => s.statements.push(a),
            MarkKind::TrueLevel(l) => s.true_level = l,
            MarkKind::Declare(l) => s.declared = l,
            _ => {}
        }
    }
    s
}

/// When each module begins: detection at the first post, assessment at detection,
/// first response at the first declaration, escalation at the first public statement
/// (or the first rise of the level, if earlier), stand-down when the situation last
/// fell below the level it met (or at stand-down itself). What never happened begins
/// where the previous module ends, so the list stays in order.
fn starts(r: &Runner) -> [f64; 5] {
    let o = &r.log.outcome;
    let mut raised = NEVER;
    let mut fell = NEVER;
    let mut level: Option<u8> = None;
    for mk in &r.log.marks {
        if let MarkKind::TrueLevel(l) = mk.kind {
            if l > level && level.is_some() && raised == NEVER {
                raised = mk.t;
            }
            if l < level {
                fell = mk.t;
            }
            level = l;
        }
    }
    let end = r.log.marks.last().map_or(0.0, |mk| mk.t);
    let stand_down = if fell.is_finite() { fell } else { o.stand_down };
    let raw = [
        0.0,
        o.detect,
        o.declare,
        o.statement.min(raised.max(o.declare)),
        stand_down,
    ];
    let mut out = [0.0; 5];
    for i in 0..5 {
        let before = if i == 0 { 0.0 } else { out[i - 1] };
        let x = if raw[i].is_finite() { raw[i] } else { end };
        out[i] = x.max(before).min(end.max(before));
    }
    out
}

/// The roles an inject concerns: whoever it takes out of reach goes to the commander
/// who must name a deputy; a media inquiry to the spokesperson; a regulator's request
/// to whoever reports upward; everything else to whoever watches and assesses.
fn concerned(m: &DrillModel, scenario: usize, i: u16) -> Vec<PartyId> {
    let inj = &m.scenarios[scenario].injects[i as usize];
    let assessor = m.assessment.and_then(|a| m.actions[a as usize].owner);
    let mut to = Vec::new();
    if inj
        .effects
        .iter()
        .any(|e| matches!(e, InjectEffect::Unavailable(Some(_), _)))
    {
        to.extend(m.commander);
    }
    if inj.media {
        to.extend(m.speaker);
    }
    if inj.regulator {
        to.extend(m.lines.iter().filter(|l| l.upward).map(|l| l.from).take(1));
    }
    if to.is_empty() {
        to.extend(assessor.or(m.commander));
    }
    to.dedup();
    to
}

/// The modules of a recorded run, in order, each with at least its start; a module
/// whose phase never came (no declaration, no stand-down) is kept with an empty span,
/// so every front end shows the same five.
pub fn modules(r: &Runner) -> Vec<Module> {
    let m = r.model;
    let starts = starts(r);
    let mut out = Vec::with_capacity(5);
    for (k, kind) in ModuleKind::ALL.into_iter().enumerate() {
        let start = starts[k];
        let end = starts.get(k + 1).copied().unwrap_or(NEVER);
        let last = k + 1 == starts.len();
        let mut deliveries = Vec::new();
        for mk in &r.log.marks {
            let inside = mk.t >= start && (mk.t < end || (last && mk.t <= end));
            if !inside {
                continue;
            }
            let (told, to) = match mk.kind {
                MarkKind::Inject(i) => (Told::Inject(i), concerned(m, r.scenario, i)),
                MarkKind::Demand(l) => (Told::Demand(l), vec![m.lines[l as usize].from]),
                MarkKind::Correction(a) => (
                    Told::Correction(a),
                    m.actions[a as usize].owner.into_iter().collect(),
                ),
                _ => continue,
            };
            deliveries.push(Delivery { t: mk.t, told, to });
        }
        out.push(Module {
            kind,
            start,
            end,
            situation: situation_at(r, start),
            deliveries,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ModuleKind;

    #[test]
    fn module_words_are_distinct() {
        let mut keys: Vec<&str> = ModuleKind::ALL.iter().map(|k| k.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), ModuleKind::ALL.len());
    }
}
