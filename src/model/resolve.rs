//! Name resolution: every reference names a definition of the right kind, and every
//! definition is named once. Produces the symbol table the graph is built from.

use super::types::*;
use super::vocab::{self, SignalType};
use crate::diagnostic::{Diagnostic, NameFinding, Note, SignalValue, Thing, Vocabulary};
use crate::source::{Name, Span};
use indexmap::IndexMap;

/// An insertion-ordered map with a fast hash: names are not attacker-chosen keys
/// worth SipHash, and big plans do millions of lookups.
pub type FxIndexMap<K, V> = IndexMap<K, V, rustc_hash::FxBuildHasher>;

/// What a top-level name is defined as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DefKind {
    Body,
    Role,
    Unit,
    External,
    Channel,
    Roster,
    Grade,
    Level,
    Resource,
    Drill,
    Training,
    Scenario,
}

impl DefKind {
    /// What the kind of definition is, for diagnostics.
    pub fn thing(self) -> Thing {
        match self {
            DefKind::Body => Thing::Body,
            DefKind::Role => Thing::Role,
            DefKind::Unit => Thing::Unit,
            DefKind::External => Thing::External,
            DefKind::Channel => Thing::Channel,
            DefKind::Roster => Thing::Roster,
            DefKind::Grade => Thing::Grade,
            DefKind::Level => Thing::Level,
            DefKind::Resource => Thing::Resource,
            DefKind::Drill => Thing::Drill,
            DefKind::Training => Thing::Training,
            DefKind::Scenario => Thing::Scenario,
        }
    }

    /// Bodies, roles, units and externals can be given work or told things.
    pub fn is_party(self) -> bool {
        matches!(
            self,
            DefKind::Body | DefKind::Role | DefKind::Unit | DefKind::External
        )
    }
}

/// A top-level definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Def {
    pub kind: DefKind,
    pub index: usize,
    pub span: Span,
}

/// The symbol table of a plan.
#[derive(Clone, Debug, Default)]
pub struct Symbols {
    pub defs: FxIndexMap<compact_str::CompactString, Def>,
    /// For each action, the index of the action each `after` name refers to.
    pub after: Vec<Vec<Option<usize>>>,
    /// For each action, the action its relative time limit counts from or back from.
    pub anchor: Vec<Option<usize>>,
    /// For each action, its time limit counted from its trigger in minutes: `within`,
    /// or through its anchors (`from X`: X's limit plus its own; `before X`: X's limit
    /// less its own, never below zero). None: no fixed limit, or an anchor cycle.
    pub limit: Vec<Option<u64>>,
    /// The actions whose anchors lead round in a circle.
    pub anchor_cycles: Vec<usize>,
    /// The plan's domain: an index into [`super::domain::bundled`] (0: the default).
    pub domain: usize,
}

impl Symbols {
    pub fn get(&self, name: &str) -> Option<Def> {
        self.defs.get(name).copied()
    }

    /// The domain the plan speaks (its header's `domain`, else 网络舆情).
    pub fn domain(&self) -> &'static super::domain::Domain {
        let all = super::domain::bundled();
        all.get(self.domain).unwrap_or(&all[0])
    }

    pub fn kind(&self, name: &str) -> Option<DefKind> {
        self.get(name).map(|d| d.kind)
    }
}

struct Resolver<'p> {
    plan: &'p Plan,
    syms: Symbols,
    diags: Vec<Diagnostic>,
    /// Action indices by name, in plan order.
    by_name: FxIndexMap<&'p str, Vec<usize>>,
}

/// Resolves every name of a plan.
pub fn resolve(plan: &Plan) -> (Symbols, Vec<Diagnostic>) {
    let mut by_name: FxIndexMap<&str, Vec<usize>> = FxIndexMap::default();
    for (i, a) in plan.actions.iter().enumerate() {
        by_name.entry(a.name.value.as_str()).or_default().push(i);
    }
    let mut r = Resolver {
        plan,
        syms: Symbols::default(),
        diags: Vec::new(),
        by_name,
    };
    r.domain();
    r.define_all();
    r.references();
    (r.syms, r.diags)
}

impl<'p> Resolver<'p> {
    /// The plan's domain, by its header's `domain`.
    fn domain(&mut self) {
        let Some(name) = self.plan.plan.as_ref().and_then(|h| h.domain.as_ref()) else {
            return;
        };
        let all = super::domain::bundled();
        match all.iter().position(|d| d.names().any(|n| n == name.value)) {
            Some(i) => self.syms.domain = i,
            None => {
                let names: Vec<&str> = all.iter().flat_map(|d| d.names()).collect();
                self.word(name, &names, Vocabulary::Domain);
            }
        }
    }

    fn define(&mut self, name: &Name, kind: DefKind, index: usize, span: Span) {
        if let Some(first) = self.syms.defs.get(name.value.as_str()) {
            self.diags.push(defined_twice(
                name.span,
                first.span,
                &name.value,
                kind.thing(),
            ));
            return;
        }
        self.syms.defs.insert(
            name.value.clone(),
            Def {
                kind,
                index,
                span: if name.span.is_dummy() {
                    span
                } else {
                    name.span
                },
            },
        );
    }

    fn define_all(&mut self) {
        let p = self.plan;
        let top = [
            (DefKind::Body, names(&p.bodies, |x| (&x.name, x.span))),
            (DefKind::Role, names(&p.roles, |x| (&x.name, x.span))),
            (DefKind::Unit, names(&p.units, |x| (&x.name, x.span))),
            (
                DefKind::External,
                names(&p.externals, |x| (&x.name, x.span)),
            ),
            (DefKind::Channel, names(&p.channels, |x| (&x.name, x.span))),
            (DefKind::Roster, names(&p.rosters, |x| (&x.name, x.span))),
            (DefKind::Grade, names(&p.grades, |x| (&x.name, x.span))),
            (DefKind::Level, names(&p.levels, |x| (&x.name, x.span))),
            (
                DefKind::Resource,
                names(&p.resources, |x| (&x.name, x.span)),
            ),
            (DefKind::Drill, names(&p.drills, |x| (&x.name, x.span))),
            (
                DefKind::Training,
                names(&p.trainings, |x| (&x.name, x.span)),
            ),
            (
                DefKind::Scenario,
                names(&p.scenarios, |x| (&x.name, x.span)),
            ),
        ];
        for (kind, defs) in top {
            for (i, (name, span)) in defs.into_iter().enumerate() {
                self.define(name, kind, i, span);
            }
        }
        self.define_local();
        self.define_actions();
    }

    /// Names in their own small namespaces: principles, templates, annexes, texts, the
    /// injects of a scenario, the duties of a party.
    fn define_local(&mut self) {
        let p = self.plan;
        let d = &mut self.diags;
        unique(d, p.principles.iter().map(|x| &x.name), Thing::Principle);
        unique(d, p.templates.iter().map(|x| &x.name), Thing::Template);
        unique(d, p.annexes.iter().map(|x| &x.name), Thing::Annex);
        unique(d, p.texts.iter().map(|x| &x.name), Thing::Text);
        for s in &p.scenarios {
            unique(d, s.injects.iter().map(|x| &x.name), Thing::Inject);
        }
        let duties = p
            .bodies
            .iter()
            .map(|b| &b.duties)
            .chain(p.units.iter().map(|u| &u.duties))
            .chain(p.roles.iter().map(|r| &r.duties));
        for x in duties {
            unique(d, x.iter().filter_map(|d| d.name.as_ref()), Thing::Duty);
        }
    }

    /// Actions: unique per trigger (the same name may serve different levels).
    fn define_actions(&mut self) {
        let p = self.plan;
        for (i, a) in p.actions.iter().enumerate() {
            let same = self
                .by_name
                .get(a.name.value.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            if let Some(&first) = same
                .iter()
                .take_while(|&&j| j < i)
                .find(|&&j| triggers_overlap(&a.trigger.value, &p.actions[j].trigger.value))
            {
                self.diags.push(
                    Diagnostic::new(
                        a.name.span,
                        NameFinding::ActionTwice {
                            name: a.name.value.to_string(),
                        },
                    )
                    .with(p.actions[first].name.span, Note::FirstDefined),
                );
            }
        }
    }

    /// Checks that `name` is defined and is one of `allowed`.
    fn expect(&mut self, name: &Name, allowed: &[DefKind], what: Thing) {
        match self.syms.get(&name.value) {
            Some(def) if allowed.contains(&def.kind) => {}
            Some(def) => self.diags.push(
                Diagnostic::new(
                    name.span,
                    NameFinding::WrongKind {
                        name: name.value.to_string(),
                        found: def.kind.thing(),
                        expected: what,
                    },
                )
                .with(
                    def.span,
                    Note::DefinedHere {
                        name: name.value.to_string(),
                    },
                ),
            ),
            None => {
                let candidates: Vec<&str> = self
                    .syms
                    .defs
                    .iter()
                    .filter(|(_, d)| allowed.contains(&d.kind))
                    .map(|(n, _)| n.as_str())
                    .collect();
                let s = super::suggest(&name.value, candidates);
                self.diags.push(undefined(name, what, s));
            }
        }
    }

    fn word(&mut self, name: &Name, allowed: &[&str], vocabulary: Vocabulary) {
        if !allowed.contains(&name.value.as_str()) {
            let s = super::suggest(&name.value, allowed.iter().copied());
            self.diags.push(Diagnostic::new(
                name.span,
                NameFinding::UnknownWord {
                    word: name.value.to_string(),
                    vocabulary,
                    allowed: allowed.iter().map(|w| w.to_string()).collect(),
                    suggestion: s.map(str::to_string),
                },
            ));
        }
    }

    fn condition(&mut self, c: &Condition) {
        c.visit(&mut |c| match c {
            Condition::Flag(s) => match self.signal(&s.value) {
                Some(SignalType::Flag) => {}
                Some(_) => self
                    .diags
                    .push(signal_type(s.span, &s.value, SignalValue::Comparison)),
                None => self.unknown_signal(s),
            },
            Condition::Compare { signal, value, .. } => match self.signal(&signal.value) {
                None => self.unknown_signal(signal),
                Some(t) => self.value(signal, t, value),
            },
            _ => {}
        });
    }

    /// The type of a signal of the plan's domain.
    fn signal(&self, name: &str) -> Option<SignalType> {
        self.syms
            .domain()
            .signal(name)
            .map(|s| s.kind.signal_type())
    }

    fn unknown_signal(&mut self, s: &Name) {
        let domain = self.syms.domain();
        let known: Vec<&str> = domain.signals.iter().map(|x| x.name.as_str()).collect();
        let sug = super::suggest(&s.value, known.iter().copied());
        self.diags.push(Diagnostic::new(
            s.span,
            NameFinding::UnknownSignal {
                name: s.value.to_string(),
                suggestion: sug.map(str::to_string),
                known: known.iter().map(|k| k.to_string()).collect(),
            },
        ));
    }

    fn value(&mut self, signal: &Name, t: SignalType, value: &crate::source::Spanned<Value>) {
        let ok = match (&value.value, t) {
            (Value::Number(n), SignalType::Number) => *n >= 0.0,
            (Value::Number(n), SignalType::Ratio) => (0.0..=1.0).contains(n),
            (Value::Word(w), SignalType::Media) => vocab::media_tier(w).is_some(),
            (Value::Word(w), SignalType::Flag) => w == "true" || w == "false",
            _ => false,
        };
        if !ok {
            let expected = match t {
                SignalType::Number => SignalValue::Number,
                SignalType::Ratio => SignalValue::Ratio,
                SignalType::Media => SignalValue::Media {
                    tiers: vocab::MEDIA_TIERS.iter().map(|t| t.to_string()).collect(),
                },
                SignalType::Flag => SignalValue::Flag,
            };
            self.diags
                .push(signal_type(value.span, &signal.value, expected));
        }
    }

    fn references(&mut self) {
        let p = self.plan;
        visit_references(p, &mut |name, reference| {
            if let Some((kinds, thing)) = reference.expects() {
                self.expect(name, kinds, thing)
            }
        });
        self.vocabulary();
        for l in &p.levels {
            if let Some(w) = &l.when {
                self.condition(&w.value);
            }
            if let Some(sd) = &l.stand_down
                && let Some(w) = &sd.when
            {
                self.condition(&w.value);
            }
        }
        let guards = p.actions.iter().flat_map(|a| &a.conditions);
        for w in guards.filter_map(|g| g.when.as_ref()) {
            self.condition(&w.value);
        }
        let after = p
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| a.after.iter().map(|n| self.after_target(i, n)).collect())
            .collect();
        self.syms.after = after;
        let anchor = (p.actions.iter().enumerate())
            .map(|(i, a)| {
                let x = a.anchor.as_ref()?;
                self.after_target(i, &x.action)
            })
            .collect();
        self.syms.anchor = anchor;
        (self.syms.limit, self.syms.anchor_cycles) = limits(&p.actions, &self.syms.anchor);
        for s in &p.scenarios {
            for i in &s.injects {
                for e in &i.effects {
                    if let Effect::Set { signal, value } = e {
                        match self.signal(&signal.value) {
                            None => self.unknown_signal(signal),
                            Some(t) => self.value(signal, t, value),
                        }
                    }
                }
            }
        }
    }

    /// Words from the fixed vocabularies: kinds, colours, capabilities, deliverables.
    fn vocabulary(&mut self) {
        let p = self.plan;
        let kinds = &self.syms.domain().kinds;
        let with = |base: &[&'static str], extra: &'static [String]| -> Vec<&'static str> {
            (base.iter().copied())
                .chain(extra.iter().map(String::as_str))
                .collect()
        };
        let (externals, channels) = (
            with(vocab::EXTERNAL_KINDS, &kinds.external),
            with(vocab::CHANNEL_KINDS, &kinds.channel),
        );
        let (deliverables, resources) = (
            with(vocab::DELIVERABLES, &kinds.deliverable),
            with(vocab::RESOURCE_KINDS, &kinds.resource),
        );
        for k in p.externals.iter().filter_map(|e| e.kind.as_ref()) {
            self.word(k, &externals, Vocabulary::ExternalKind);
        }
        let channel_kinds = p.channels.iter().filter_map(|c| c.kind.as_ref());
        let appears_on = p.scenarios.iter().flat_map(|s| &s.appears_on);
        for k in channel_kinds.chain(appears_on) {
            self.word(k, &channels, Vocabulary::ChannelKind);
        }
        let colors: Vec<&str> = vocab::COLORS.iter().flat_map(|(a, b)| [*a, *b]).collect();
        for c in p.levels.iter().filter_map(|l| l.color.as_ref()) {
            self.word(c, &colors, Vocabulary::Colour);
        }
        let caps: Vec<&str> = vocab::CAPABILITIES
            .iter()
            .flat_map(|(a, b)| [*a, *b])
            .collect();
        for a in &p.actions {
            if let Some(c) = &a.capability {
                self.word(c, &caps, Vocabulary::Capability);
            }
            if let Some(d) = &a.deliver {
                self.word(&d.kind, &deliverables, Vocabulary::DeliverableKind);
            }
        }
        for k in p.resources.iter().filter_map(|r| r.kind.as_ref()) {
            self.word(k, &resources, Vocabulary::ResourceKind);
        }
        for e in p.drills.iter().chain(&p.trainings) {
            if let Some(k) = &e.kind {
                self.word(k, vocab::EXERCISE_KINDS, Vocabulary::ExerciseKind);
            }
        }
    }

    /// Finds the action an `after` name means: one of the same trigger first, then one
    /// whose levels overlap, then the only action of that name.
    fn after_target(&mut self, from: usize, name: &Name) -> Option<usize> {
        let acts = &self.plan.actions;
        let me = &acts[from].trigger.value;
        let same: &[usize] = self
            .by_name
            .get(name.value.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let pick = same
            .iter()
            .copied()
            .find(|&j| acts[j].trigger.value == *me)
            .or_else(|| {
                same.iter()
                    .copied()
                    .find(|&j| triggers_overlap(&acts[j].trigger.value, me))
            })
            .or_else(|| {
                same.iter()
                    .copied()
                    .find(|&j| acts[j].trigger.value == Trigger::Detect)
            })
            .or_else(|| (same.len() == 1).then(|| same[0]));
        if pick.is_none() {
            let names: Vec<&str> = acts.iter().map(|a| a.name.value.as_str()).collect();
            let s = super::suggest(&name.value, names);
            self.diags.push(undefined(name, Thing::Action, s));
        }
        pick
    }
}

/// Every action's time limit from its trigger (see [`Symbols::limit`]). Each action
/// has at most one anchor, so the anchors form chains that end at an action without
/// one or run into a circle; a chain is walked once, without recursion, so a plan of
/// a hundred thousand chained actions costs a hundred thousand steps.
fn limits(actions: &[Action], anchor: &[Option<usize>]) -> (Vec<Option<u64>>, Vec<usize>) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let own = |a: &Action| a.within.as_ref().map(|w| w.value.minutes());
    let mut state = vec![State::New; actions.len()];
    let mut limit: Vec<Option<u64>> = vec![None; actions.len()];
    let mut cycles = Vec::new();
    for start in 0..actions.len() {
        let mut path = Vec::new();
        let mut i = start;
        while state[i] == State::New {
            state[i] = State::OnPath;
            path.push(i);
            match anchor.get(i).copied().flatten() {
                Some(j) => i = j,
                None => break,
            }
        }
        // A chain that runs into itself: every action on the circle has no limit.
        if state[i] == State::OnPath && anchor.get(i).copied().flatten().is_some() {
            let from = path.iter().position(|&k| k == i).unwrap_or(0);
            cycles.extend(path[from..].iter().copied());
            for &k in &path[from..] {
                state[k] = State::Done;
            }
            path.truncate(from);
        }
        for &k in path.iter().rev() {
            let a = &actions[k];
            limit[k] = match (a.anchor.as_ref(), anchor.get(k).copied().flatten()) {
                (Some(x), Some(j)) => match x.side {
                    AnchorSide::From => limit[j].zip(own(a)).map(|(l, d)| l.saturating_add(d)),
                    AnchorSide::Before => limit[j].zip(own(a)).map(|(l, d)| l.saturating_sub(d)),
                },
                _ => own(a),
            };
            state[k] = State::Done;
        }
    }
    cycles.sort_unstable();
    (limit, cycles)
}

fn unique<'a>(diags: &mut Vec<Diagnostic>, names: impl Iterator<Item = &'a Name>, kind: Thing) {
    let mut seen: IndexMap<&str, Span> = IndexMap::new();
    for n in names {
        if let Some(first) = seen.get(n.value.as_str()) {
            diags.push(defined_twice(n.span, *first, &n.value, kind));
        } else {
            seen.insert(&n.value, n.span);
        }
    }
}

/// The name and span of each definition of a list.
fn names<T>(list: &[T], name: impl Fn(&T) -> (&Name, Span)) -> Vec<(&Name, Span)> {
    list.iter().map(name).collect()
}

/// How a name is referred to: the place in the plan that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    Approver,
    Maintainer,
    FiledWith,
    /// Lead, deputy, office or member of a command body.
    BodySeat,
    Backup,
    ReportsTo,
    Watch,
    ChannelRoster,
    RosterUnit,
    /// The role an on-call rotation is held by (`role` in a roster).
    RosterRole,
    Declarer,
    LevelChange,
    ActionLevel,
    Owner,
    Approve,
    Consult,
    Inform,
    ResourceOwner,
    ExerciseOwner,
    ExerciseScenario,
    /// The event grade a level answers.
    LevelGrade,
    /// Who makes a level's report (`reports_to … by 总指挥` in a level).
    Reporter,
    /// Who approves ending the response at a level (`stand_down … approved_by`).
    StandDownApprover,
    /// The duty roster a level puts on duty (`roster` in a level).
    LevelRoster,
    /// A party an inject makes unavailable (or a role keyword such as `commander`).
    Unavailable,
}

impl Reference {
    /// The kinds of definition the reference may name, and how to call them, for the
    /// references name resolution checks.
    pub fn expects(self) -> Option<(&'static [DefKind], Thing)> {
        const PARTY: &[DefKind] = &[
            DefKind::Body,
            DefKind::Role,
            DefKind::Unit,
            DefKind::External,
        ];
        match self {
            Reference::LevelGrade => Some((&[DefKind::Grade], Thing::Grade)),
            Reference::RosterRole => Some((&[DefKind::Role], Thing::Role)),
            Reference::ChannelRoster | Reference::LevelRoster => {
                Some((&[DefKind::Roster], Thing::Roster))
            }
            Reference::LevelChange | Reference::ActionLevel => {
                Some((&[DefKind::Level], Thing::Level))
            }
            Reference::ExerciseScenario | Reference::Unavailable => None,
            _ => Some((PARTY, Thing::Party)),
        }
    }
}

/// Calls `f` for every name the plan refers to (not the names it defines), with how
/// it is referred to — the one walk over references that resolution and the checks
/// share. `after` names are actions, resolved on their own.
pub fn visit_references<'p>(p: &'p Plan, f: &mut dyn FnMut(&'p Name, Reference)) {
    let mut each = |names: &mut dyn Iterator<Item = &'p Name>, r: Reference| {
        names.for_each(|n| f(n, r));
    };
    if let Some(h) = &p.plan {
        each(&mut h.approver.iter(), Reference::Approver);
        each(&mut h.maintainer.iter(), Reference::Maintainer);
        each(&mut h.filed_with.iter(), Reference::FiledWith);
    }
    for b in &p.bodies {
        let seats = (b.lead.iter().chain(&b.co_leads))
            .chain(&b.deputies)
            .chain(&b.office);
        each(&mut seats.chain(&b.members), Reference::BodySeat);
    }
    let parties = p
        .roles
        .iter()
        .map(|r| (&r.backup, &r.reports_to))
        .chain(p.units.iter().map(|u| (&u.backup, &u.reports_to)));
    for (backup, lines) in parties {
        each(&mut backup.iter(), Reference::Backup);
        each(&mut lines.iter().map(|l| &l.to), Reference::ReportsTo);
    }
    for c in &p.channels {
        each(&mut c.watched_by.iter(), Reference::Watch);
        each(&mut c.roster.iter(), Reference::ChannelRoster);
    }
    for r in &p.rosters {
        each(&mut r.unit.iter(), Reference::RosterUnit);
        each(&mut r.role.iter(), Reference::RosterRole);
    }
    for l in &p.levels {
        each(&mut l.declared_by.iter(), Reference::Declarer);
        each(&mut l.declared_by_also.iter(), Reference::Declarer);
        each(
            &mut l.reports_to.iter().map(|r| &r.to),
            Reference::ReportsTo,
        );
        let reporters = l.reports_to.iter().filter_map(|r| r.by.as_ref());
        each(&mut reporters.into_iter(), Reference::Reporter);
        let approver = l.stand_down.as_ref().and_then(|s| s.approved_by.as_ref());
        each(&mut approver.into_iter(), Reference::StandDownApprover);
        each(&mut l.roster.iter(), Reference::LevelRoster);
        let follow = l.may_follow.as_ref().map(|f| &f.level);
        let changes = (l.upgrade_to.iter().chain(&l.downgrade_to)).chain(follow);
        each(&mut changes.into_iter(), Reference::LevelChange);
        each(&mut l.grade.iter(), Reference::LevelGrade);
    }
    for a in &p.actions {
        each(&mut a.levels().iter(), Reference::ActionLevel);
        each(&mut a.owner.iter(), Reference::Owner);
        each(&mut a.co_owners.iter(), Reference::Owner);
        each(&mut a.approve.iter(), Reference::Approve);
        each(&mut a.consult.iter(), Reference::Consult);
        each(&mut a.inform.iter(), Reference::Inform);
    }
    for r in &p.resources {
        each(&mut r.owner.iter(), Reference::ResourceOwner);
    }
    for e in p.drills.iter().chain(&p.trainings) {
        each(&mut e.owner.iter(), Reference::ExerciseOwner);
        each(&mut e.scenarios.iter(), Reference::ExerciseScenario);
    }
    let effects = p
        .scenarios
        .iter()
        .flat_map(|s| &s.injects)
        .flat_map(|i| &i.effects);
    for e in effects {
        if let Effect::Unavailable { party, .. } = e {
            f(party, Reference::Unavailable);
        }
    }
}

fn defined_twice(span: Span, first: Span, name: &str, thing: Thing) -> Diagnostic {
    Diagnostic::new(
        span,
        NameFinding::DefinedTwice {
            name: name.into(),
            thing,
        },
    )
    .with(first, Note::FirstDefined)
}

fn undefined(name: &Name, expected: Thing, suggestion: Option<&str>) -> Diagnostic {
    Diagnostic::new(
        name.span,
        NameFinding::Undefined {
            name: name.value.to_string(),
            expected,
            suggestion: suggestion.map(str::to_string),
        },
    )
}

fn signal_type(span: Span, signal: &str, expected: SignalValue) -> Diagnostic {
    Diagnostic::new(
        span,
        NameFinding::SignalType {
            signal: signal.into(),
            expected,
        },
    )
}

/// Whether two triggers can fire together (so their actions share one namespace).
pub fn triggers_overlap(a: &Trigger, b: &Trigger) -> bool {
    match (a, b) {
        (Trigger::Level(x), Trigger::Level(y)) => {
            x.iter().any(|l| y.iter().any(|m| m.value == l.value))
        }
        (Trigger::Event(x), Trigger::Event(y)) => x.value == y.value,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}
