//! The scenario library as the drill sees it: spread parameters, onset chances and
//! injects, with the plan's parties, channels and events resolved to indexes.

use super::draw::name_key;
use super::model::{
    Action, ActionId, Between, Channel, Inject, InjectEffect, InjectTime, ModelIssue, OnsetChances,
    PartyId, PerParam, Scaled, Scenario, ScenarioParam, Signal, value_number,
};
use super::params::{self, Params};
use crate::model::{self as plan, Range, suggest, vocab};

/// What compiling the scenarios needs of the plan and of the rest of the drill model.
pub(super) struct Library<'a> {
    pub plan: &'a plan::Plan,
    /// The names of the parties, by [`PartyId`].
    pub names: &'a [&'a str],
    pub params: &'a Params,
    pub actions: &'a [Action],
    pub channels: &'a [Channel],
    pub events: &'a [String],
    /// Events the plan answers, by event index.
    pub answered: &'a [bool],
    pub assessment: Option<ActionId>,
    pub commander: Option<PartyId>,
    /// The plan's domain: the signals an inject may set.
    pub domain: &'a crate::model::domain::Domain,
}

fn range_minutes(r: &Range) -> Between {
    let (a, b) = (r.lo.value(), r.hi.value());
    if a <= b { (a, b) } else { (b, a) }
}

fn text(t: &Option<crate::source::Spanned<impl ToString>>) -> String {
    t.as_ref().map_or(String::new(), |t| t.value.to_string())
}

/// The effects of one inject, as compiled, with what they say about it.
struct Effects {
    list: Vec<InjectEffect>,
    visible: bool,
    media: bool,
    personnel: bool,
}

impl Library<'_> {
    /// Compiles every scenario (each with the index of its source); problems come back
    /// with that index.
    pub fn scenarios(
        &self,
        scenarios: &[(usize, &plan::Scenario)],
    ) -> (Vec<Scenario>, Vec<ModelIssue>) {
        let mut issues = Vec::new();
        let compiled = scenarios
            .iter()
            .map(|&(source, s)| {
                let mut found = Vec::new();
                let sc = self.scenario(s, &mut found);
                issues.extend(found.into_iter().map(|diagnostic| ModelIssue {
                    scenario: source,
                    diagnostic,
                }));
                sc
            })
            .collect();
        (compiled, issues)
    }

    fn party(&self, n: &str) -> Option<PartyId> {
        self.names
            .iter()
            .position(|x| *x == n)
            .map(|i| i as PartyId)
    }

    fn party_of(&self, n: &crate::source::Name) -> Option<PartyId> {
        self.party(&n.value)
    }

    /// The party a role keyword of an `unavailable` inject names
    /// ([`params::ROLE_KEYWORDS`]).
    fn keyword(&self, w: &str) -> Option<PartyId> {
        let plan = self.plan;
        let first_body = plan.bodies.first();
        match w {
            "commander" => self.commander,
            "deputy" => first_body
                .and_then(|b| b.deputies.first())
                .and_then(|n| self.party_of(n)),
            "spokesperson" => self.spokesperson(),
            "assessor" => self.assessment.and_then(|a| self.actions[a as usize].owner),
            "monitor" => plan
                .channels
                .iter()
                .find_map(|c| c.watched_by.first())
                .and_then(|n| self.party_of(n)),
            "office" => first_body
                .and_then(|b| b.office.as_ref())
                .and_then(|n| self.party_of(n)),
            _ => None,
        }
    }

    /// The spokesperson: the role named so, else the role consulted on public
    /// statements, else the owner of the first statement.
    pub fn spokesperson(&self) -> Option<PartyId> {
        let named = self
            .plan
            .roles
            .iter()
            .find(|r| r.name.value.contains("发言人") || r.name.value.contains("spokes"))
            .and_then(|r| self.party(&r.name.value));
        let role = |p: &PartyId| {
            self.plan
                .roles
                .iter()
                .any(|r| self.party(&r.name.value) == Some(*p))
        };
        let consulted = || {
            self.actions
                .iter()
                .filter(|a| a.speaks())
                .flat_map(|a| a.consult.iter())
                .find(|p| role(p))
                .copied()
        };
        named.or_else(consulted).or_else(|| {
            self.actions
                .iter()
                .find(|a| a.is_public())
                .and_then(|a| a.owner)
        })
    }

    fn scenario(
        &self,
        s: &plan::Scenario,
        issues: &mut Vec<crate::diagnostic::Diagnostic>,
    ) -> Scenario {
        let kinds: Vec<u8> = s
            .appears_on
            .iter()
            .filter_map(|k| vocab::CHANNEL_KINDS.iter().position(|x| *x == k.value))
            .map(|k| k as u8)
            .collect();
        let channels: Vec<u16> = self
            .channels
            .iter()
            .enumerate()
            .filter(|(_, c)| kinds.is_empty() || c.kind.is_some_and(|k| kinds.contains(&k)))
            .map(|(i, _)| i as u16)
            .collect();
        let unwatched_kinds = kinds
            .iter()
            .copied()
            .filter(|k| {
                !self
                    .channels
                    .iter()
                    .any(|c| c.kind == Some(*k) && c.watched)
            })
            .collect();
        let params = self.spread(s, issues);
        let onset = self.onset(s, issues);
        let injects = s.injects.iter().map(|i| self.inject(i, issues)).collect();
        let weight = s.weight.as_ref().map_or(1.0, |w| w.value);
        Scenario {
            name: s.name.value.to_string(),
            key: name_key(&s.name.value),
            title: text(&s.title),
            detail: text(&s.detail),
            weight: if weight.is_finite() && weight > 0.0 {
                weight
            } else {
                0.0
            },
            channels,
            unwatched_kinds,
            params,
            onset,
            injects,
        }
    }

    /// The spread parameters: the defaults, then the scenario's `start` and `spread`.
    fn spread(
        &self,
        s: &plan::Scenario,
        issues: &mut Vec<crate::diagnostic::Diagnostic>,
    ) -> PerParam<Between> {
        let mut params = [(0.0, 0.0); ScenarioParam::COUNT];
        for (i, (name, lo, hi)) in self.params.spread_default.iter().enumerate() {
            debug_assert_eq!(*name, params::SCENARIO_PARAMS[i].0);
            params[i] = (*lo, *hi);
        }
        // A domain signal that borrows a drawn value of the world (a count or a share
        // the scenario sets) starts from nothing unless the scenario says otherwise: the
        // world's default for it belongs to another domain.
        for sig in &self.domain.signals {
            if let Some(f) = sig.drill.as_ref().filter(|f| f.follows != sig.name)
                && let Some(i) = params::SCENARIO_PARAMS
                    .iter()
                    .position(|(n, _, _)| *n == f.follows)
                && matches!(f.follows.as_str(), "negative_ratio" | "casualties")
            {
                params[i] = (0.0, 0.0);
            }
        }
        for given in s.start.iter().chain(&s.spread) {
            let name = &given.name;
            // A signal of the plan's domain starts as the world value it follows.
            let (word, scale) = match self
                .domain
                .signal(&name.value)
                .and_then(|x| x.drill.as_ref())
            {
                Some(f) if f.follows != name.value => (f.follows.as_str(), f.scale),
                _ => (name.value.as_str(), 1.0),
            };
            match params::SCENARIO_PARAMS
                .iter()
                .position(|(n, _, _)| *n == word)
            {
                Some(i) => {
                    let (lo, hi) = range_minutes(&given.range.value);
                    params[i] = (lo / scale, hi / scale);
                }
                None => issues.push(super::findings::drill_unknown_param(
                    name.span,
                    &name.value,
                    suggest(&name.value, params::SCENARIO_PARAMS.iter().map(|x| x.0)),
                )),
            }
        }
        PerParam(params)
    }

    fn onset(
        &self,
        s: &plan::Scenario,
        issues: &mut Vec<crate::diagnostic::Diagnostic>,
    ) -> OnsetChances {
        let mut onset = OnsetChances {
            night: self.params.night_share(),
            weekend: self.params.weekend_share,
            holiday: self.params.holiday_chance,
        };
        for o in &s.onset {
            let chance = o.chance.value.clamp(0.0, 1.0);
            match o.kind.value.as_str() {
                "night" => onset.night = chance,
                "weekend" => onset.weekend = chance,
                "holiday" => onset.holiday = chance,
                other => issues.push(super::findings::drill_unknown_onset(
                    o.kind.span,
                    other,
                    suggest(other, params::ONSET_KINDS.iter().copied()),
                )),
            }
        }
        onset
    }

    fn inject(
        &self,
        inj: &plan::Inject,
        issues: &mut Vec<crate::diagnostic::Diagnostic>,
    ) -> Inject {
        let effects = self.effects(inj, issues);
        let kind = inj.kind.as_ref().map_or("info", |k| k.value.as_str());
        let answered = effects.list.iter().all(|e| match e {
            InjectEffect::Raise(Some(i)) => {
                self.answered.get(*i as usize).copied().unwrap_or(false)
            }
            InjectEffect::Raise(None) => false,
            _ => true,
        });
        Inject {
            name: inj.name.value.to_string(),
            key: name_key(&inj.name.value),
            regulator: kind == "regulator",
            time: inject_time(&inj.name.value),
            answered,
            kind: inj
                .kind
                .as_ref()
                .map_or("info".into(), |k| k.value.to_string()),
            from: text(&inj.from),
            detail: text(&inj.detail),
            at: inj.at.as_ref().map(|r| range_minutes(&r.value)),
            chance: inj.chance.as_ref().map_or(1.0, |c| c.value.clamp(0.0, 1.0)),
            after_statement: inj
                .after_statement
                .as_ref()
                .map(|r| range_minutes(&r.value)),
            effects: effects.list,
            visible: effects.visible,
            media: effects.media,
            personnel: effects.personnel,
        }
    }

    fn effects(
        &self,
        inj: &plan::Inject,
        issues: &mut Vec<crate::diagnostic::Diagnostic>,
    ) -> Effects {
        let mut out = Effects {
            list: Vec::new(),
            visible: false,
            media: inj.kind.as_ref().is_some_and(|k| k.value == "media"),
            personnel: false,
        };
        for e in &inj.effects {
            match e {
                plan::Effect::Set { signal, value } => {
                    if let Some((sig, scale)) = Signal::in_domain(self.domain, &signal.value) {
                        out.media |= sig == Signal::Media;
                        let x = value_number(&value.value);
                        let x = if sig == Signal::Media { x } else { x / scale };
                        out.list.push(InjectEffect::Set(sig, x));
                        out.visible = true;
                    }
                }
                plan::Effect::Scale { param, by } => match scaled(&param.value) {
                    Some(w) => {
                        out.list
                            .push(InjectEffect::Scale(w, range_minutes(&by.value)));
                        out.visible = true;
                    }
                    None => issues.push(super::findings::drill_unknown_scale(
                        param.span,
                        &param.value,
                        suggest(&param.value, ["growth", "capacity", "reach", "talk"]),
                    )),
                },
                plan::Effect::Unavailable { party: who, hold } => {
                    let id = self.party(&who.value).or_else(|| self.keyword(&who.value));
                    out.personnel = true;
                    out.list
                        .push(InjectEffect::Unavailable(id, range_minutes(&hold.value)));
                }
                plan::Effect::Outage { what, hold } => {
                    let kind = vocab::CHANNEL_KINDS
                        .iter()
                        .position(|x| *x == what.value)
                        .map(|k| k as u8);
                    out.list
                        .push(InjectEffect::Outage(kind, range_minutes(&hold.value)));
                }
                plan::Effect::Raise { event } => {
                    out.visible = true;
                    let id = self.events.iter().position(|x| *x == event.value);
                    out.list.push(InjectEffect::Raise(id.map(|i| i as u16)));
                }
            }
        }
        out
    }
}

/// The time an inject says it happens at, by its name (夜间 / night, 节假日 / holiday,
/// 周末 / weekend): such an inject happens only then.
fn inject_time(name: &str) -> InjectTime {
    let lower = name.to_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| lower.contains(w));
    if has(&["夜间", "深夜", "凌晨", "night"]) {
        InjectTime::Night
    } else if has(&["节假日", "假期", "假日", "holiday"]) {
        InjectTime::Holiday
    } else if has(&["周末", "weekend"]) {
        InjectTime::Weekend
    } else {
        InjectTime::Any
    }
}

/// What a `scale` effect's parameter names.
fn scaled(param: &str) -> Option<Scaled> {
    match param {
        "growth" => Some(Scaled::Growth),
        "capacity" => Some(Scaled::Capacity),
        "reach" => Some(Scaled::Reach),
        "talk" | "heat" => Some(Scaled::Talk),
        _ => None,
    }
}
