//! Name resolution: every reference names a definition of the right kind, and every
//! definition is named once. Produces the symbol table the graph is built from.

use super::types::*;
use super::vocab::{self, SignalType};
use crate::diagnostic::Diagnostic;
use crate::messages::{self as msg, Kind};
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
    Level,
    Resource,
    Drill,
    Training,
    Scenario,
}

impl DefKind {
    pub fn words(self) -> Kind {
        match self {
            DefKind::Body => ("指挥机构", "a command body"),
            DefKind::Role => ("角色", "a role"),
            DefKind::Unit => ("部门", "a unit"),
            DefKind::External => ("外部单位", "an external party"),
            DefKind::Channel => ("监测渠道", "a channel"),
            DefKind::Roster => ("值班表", "a roster"),
            DefKind::Level => ("预警级别", "a level"),
            DefKind::Resource => ("保障资源", "a resource"),
            DefKind::Drill => ("演练", "a drill"),
            DefKind::Training => ("培训", "a training"),
            DefKind::Scenario => ("情景", "a scenario"),
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

const PARTY: Kind = ("单位或角色", "a party (body, role, unit or external)");
const LEVEL: Kind = ("预警级别", "a level");
const ROSTER: Kind = ("值班表", "a roster");
const ACTION: Kind = ("行动", "an action");

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
}

impl Symbols {
    pub fn get(&self, name: &str) -> Option<Def> {
        self.defs.get(name).copied()
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
    r.define_all();
    r.references();
    (r.syms, r.diags)
}

impl<'p> Resolver<'p> {
    fn define(&mut self, name: &Name, kind: DefKind, index: usize, span: Span) {
        if let Some(first) = self.syms.defs.get(name.value.as_str()) {
            self.diags.push(msg::duplicate_definition(
                name.span,
                first.span,
                &name.value,
                kind.words(),
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
        for (i, x) in p.bodies.iter().enumerate() {
            self.define(&x.name, DefKind::Body, i, x.span);
        }
        for (i, x) in p.roles.iter().enumerate() {
            self.define(&x.name, DefKind::Role, i, x.span);
        }
        for (i, x) in p.units.iter().enumerate() {
            self.define(&x.name, DefKind::Unit, i, x.span);
        }
        for (i, x) in p.externals.iter().enumerate() {
            self.define(&x.name, DefKind::External, i, x.span);
        }
        for (i, x) in p.channels.iter().enumerate() {
            self.define(&x.name, DefKind::Channel, i, x.span);
        }
        for (i, x) in p.rosters.iter().enumerate() {
            self.define(&x.name, DefKind::Roster, i, x.span);
        }
        for (i, x) in p.levels.iter().enumerate() {
            self.define(&x.name, DefKind::Level, i, x.span);
        }
        for (i, x) in p.resources.iter().enumerate() {
            self.define(&x.name, DefKind::Resource, i, x.span);
        }
        for (i, x) in p.drills.iter().enumerate() {
            self.define(&x.name, DefKind::Drill, i, x.span);
        }
        for (i, x) in p.trainings.iter().enumerate() {
            self.define(&x.name, DefKind::Training, i, x.span);
        }
        for (i, x) in p.scenarios.iter().enumerate() {
            self.define(&x.name, DefKind::Scenario, i, x.span);
        }
        // Names in their own small namespaces.
        unique(
            &mut self.diags,
            p.principles.iter().map(|x| &x.name),
            ("原则", "a principle"),
        );
        unique(
            &mut self.diags,
            p.templates.iter().map(|x| &x.name),
            ("文本模板", "a template"),
        );
        unique(
            &mut self.diags,
            p.annexes.iter().map(|x| &x.name),
            ("附件", "an annex"),
        );
        unique(
            &mut self.diags,
            p.texts.iter().map(|x| &x.name),
            ("文字", "a text"),
        );
        for s in &p.scenarios {
            unique(
                &mut self.diags,
                s.injects.iter().map(|x| &x.name),
                ("注入事件", "an inject"),
            );
        }
        for x in p
            .bodies
            .iter()
            .map(|b| &b.duties)
            .chain(p.units.iter().map(|u| &u.duties))
            .chain(p.roles.iter().map(|r| &r.duties))
        {
            unique(
                &mut self.diags,
                x.iter().filter_map(|d| d.name.as_ref()),
                ("职责", "a duty"),
            );
        }
        // Actions: unique per trigger (the same name may serve different levels).
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
                self.diags.push(msg::duplicate_action(
                    a.name.span,
                    p.actions[first].name.span,
                    &a.name.value,
                ));
            }
        }
    }

    /// Checks that `name` is defined and is one of `allowed`.
    fn expect(&mut self, name: &Name, allowed: &[DefKind], what: Kind) {
        match self.syms.get(&name.value) {
            Some(def) if allowed.contains(&def.kind) => {}
            Some(def) => self.diags.push(msg::wrong_kind(
                name.span,
                &name.value,
                def.kind.words(),
                what,
                def.span,
            )),
            None => {
                let candidates: Vec<&str> = self
                    .syms
                    .defs
                    .iter()
                    .filter(|(_, d)| allowed.contains(&d.kind))
                    .map(|(n, _)| n.as_str())
                    .collect();
                let s = super::suggest(&name.value, candidates);
                self.diags
                    .push(msg::undefined_name(name.span, &name.value, what, s));
            }
        }
    }

    fn party(&mut self, name: &Name) {
        self.expect(
            name,
            &[
                DefKind::Body,
                DefKind::Role,
                DefKind::Unit,
                DefKind::External,
            ],
            PARTY,
        );
    }

    fn word(&mut self, name: &Name, allowed: &[&str], what: Kind) {
        if !allowed.contains(&name.value.as_str()) {
            let s = super::suggest(&name.value, allowed.iter().copied());
            self.diags
                .push(msg::unknown_word(name.span, &name.value, what, allowed, s));
        }
    }

    fn condition(&mut self, c: &Condition) {
        c.visit(&mut |c| match c {
            Condition::Flag(s) => match vocab::signal(&s.value) {
                Some(SignalType::Flag) => {}
                Some(_) => self.diags.push(msg::signal_type(
                    s.span,
                    &s.value,
                    "比较（如 `>= 1000`），不能单独使用",
                    "a comparison (such as `>= 1000`); it is not a flag",
                )),
                None => self.unknown_signal(s),
            },
            Condition::Compare { signal, value, .. } => match vocab::signal(&signal.value) {
                None => self.unknown_signal(signal),
                Some(t) => self.value(signal, t, value),
            },
            _ => {}
        });
    }

    fn unknown_signal(&mut self, s: &Name) {
        let known: Vec<&str> = vocab::SIGNALS.iter().map(|x| x.0).collect();
        let sug = super::suggest(&s.value, known.iter().copied());
        self.diags
            .push(msg::unknown_signal(s.span, &s.value, sug, &known));
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
            let (zh, en) = match t {
                SignalType::Number => (
                    "不小于 0 的数字".to_string(),
                    "a number of 0 or more".to_string(),
                ),
                SignalType::Ratio => (
                    "0 到 1 之间的比例".to_string(),
                    "a share from 0 to 1".to_string(),
                ),
                SignalType::Media => (
                    format!("媒体层级：{}", vocab::MEDIA_TIERS.join("、")),
                    format!("a media tier: {}", vocab::MEDIA_TIERS.join(", ")),
                ),
                SignalType::Flag => ("true 或 false".to_string(), "true or false".to_string()),
            };
            self.diags
                .push(msg::signal_type(value.span, &signal.value, &zh, &en));
        }
    }

    fn references(&mut self) {
        let p = self.plan;
        if let Some(h) = &p.plan {
            if let Some(a) = &h.approver {
                self.party(a);
            }
            if let Some(m) = &h.maintainer {
                self.party(m);
            }
            if let Some(f) = &h.filed_with {
                self.party(f);
            }
        }
        for b in &p.bodies {
            for n in b
                .lead
                .iter()
                .chain(&b.deputies)
                .chain(&b.office)
                .chain(&b.members)
            {
                self.party(n);
            }
        }
        for r in &p.roles {
            for n in r.backup.iter().chain(r.reports_to.iter().map(|l| &l.to)) {
                self.party(n);
            }
        }
        for u in &p.units {
            for n in u.backup.iter().chain(u.reports_to.iter().map(|l| &l.to)) {
                self.party(n);
            }
        }
        for e in &p.externals {
            if let Some(k) = &e.kind {
                self.word(
                    k,
                    vocab::EXTERNAL_KINDS,
                    ("外部单位类别", "kind of external party"),
                );
            }
        }
        for c in &p.channels {
            for n in &c.watched_by {
                self.party(n);
            }
            if let Some(r) = &c.roster {
                self.expect(r, &[DefKind::Roster], ROSTER);
            }
            if let Some(k) = &c.kind {
                self.word(k, vocab::CHANNEL_KINDS, ("渠道类别", "kind of channel"));
            }
        }
        for r in &p.rosters {
            if let Some(u) = &r.unit {
                self.party(u);
            }
        }
        let colors: Vec<&str> = vocab::COLORS.iter().flat_map(|(a, b)| [*a, *b]).collect();
        for l in &p.levels {
            if let Some(d) = &l.declared_by {
                self.party(d);
            }
            for n in l.upgrade_to.iter().chain(&l.downgrade_to) {
                self.expect(n, &[DefKind::Level], LEVEL);
            }
            if let Some(c) = &l.color {
                self.word(c, &colors, ("预警颜色", "warning colour"));
            }
            if let Some(w) = &l.when {
                self.condition(&w.value);
            }
            if let Some(sd) = &l.stand_down
                && let Some(w) = &sd.when
            {
                self.condition(&w.value);
            }
        }
        let caps: Vec<&str> = vocab::CAPABILITIES
            .iter()
            .flat_map(|(a, b)| [*a, *b])
            .collect();
        let mut after = Vec::with_capacity(p.actions.len());
        for (i, a) in p.actions.iter().enumerate() {
            for l in a.levels() {
                self.expect(l, &[DefKind::Level], LEVEL);
            }
            for n in a
                .owner
                .iter()
                .chain(&a.approve)
                .chain(&a.consult)
                .chain(&a.inform)
            {
                self.party(n);
            }
            if let Some(c) = &a.capability {
                self.word(c, &caps, ("能力", "capability"));
            }
            if let Some(d) = &a.deliver {
                self.word(
                    &d.kind,
                    vocab::DELIVERABLES,
                    ("成果类别", "kind of deliverable"),
                );
            }
            after.push(a.after.iter().map(|n| self.after_target(i, n)).collect());
        }
        self.syms.after = after;
        for r in &p.resources {
            if let Some(o) = &r.owner {
                self.party(o);
            }
            if let Some(k) = &r.kind {
                self.word(k, vocab::RESOURCE_KINDS, ("保障类别", "kind of resource"));
            }
        }
        for e in p.drills.iter().chain(&p.trainings) {
            if let Some(o) = &e.owner {
                self.party(o);
            }
            if let Some(k) = &e.kind {
                self.word(k, vocab::EXERCISE_KINDS, ("演练类别", "kind of drill"));
            }
        }
        for s in &p.scenarios {
            for k in &s.appears_on {
                self.word(k, vocab::CHANNEL_KINDS, ("渠道类别", "kind of channel"));
            }
            for i in &s.injects {
                for e in &i.effects {
                    if let Effect::Set { signal, value } = e {
                        match vocab::signal(&signal.value) {
                            None => self.unknown_signal(signal),
                            Some(t) => self.value(signal, t, value),
                        }
                    }
                }
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
            self.diags
                .push(msg::undefined_name(name.span, &name.value, ACTION, s));
        }
        pick
    }
}

fn unique<'a>(diags: &mut Vec<Diagnostic>, names: impl Iterator<Item = &'a Name>, kind: Kind) {
    let mut seen: IndexMap<&str, Span> = IndexMap::new();
    for n in names {
        if let Some(first) = seen.get(n.value.as_str()) {
            diags.push(msg::duplicate_definition(n.span, *first, &n.value, kind));
        } else {
            seen.insert(&n.value, n.span);
        }
    }
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
