//! Building the drill model from a compiled plan: names become indexes and keys,
//! durations minutes, coverage hours per-day rate profiles, and what each action does
//! is read once from its deliverable, its parties and its name.

use super::draw::{combine, name_key, names_key};
use super::model::*;
use super::params::{Mode, PARAMS, Params};
use crate::model::vocab;
use crate::model::{self as plan, Days, Period, Symbols};
use crate::source::{Name, Span};
use std::collections::HashMap;

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

/// The supervising authority: an external of kind `authority`, or one that says so
/// by its name (上级主管部门, 国资委) when it has no kind.
fn is_authority(p: &Party) -> bool {
    let kind = vocab::EXTERNAL_KINDS
        .iter()
        .position(|k| *k == "authority")
        .map(|k| k as u8);
    p.kind == PartyKind::External
        && (p.external_kind == kind
            || (p.external_kind.is_none()
                && has_word(
                    &p.name,
                    &["上级", "主管部门", "国资委", "authority", "supervis"],
                )))
}

/// The national rank a level's name says (红/Ⅰ/特别重大 = 1 … 蓝/Ⅳ/一般 = 4).
fn rank_by_name(name: &str) -> Option<u32> {
    let ranks: [(u32, &[&str]); 4] = [
        (1, &["红", "Ⅰ", "特别重大", "red"]),
        (2, &["橙", "Ⅱ", "重大", "orange"]),
        (3, &["黄", "Ⅲ", "较大", "yellow"]),
        (4, &["蓝", "Ⅳ", "一般", "blue"]),
    ];
    ranks
        .into_iter()
        .find(|(_, words)| has_word(name, words))
        .map(|(r, _)| r)
}

fn has_word(name: &str, words: &[&str]) -> bool {
    let lower = name.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

/// The capability an untagged action's name suggests.
fn capability_by_name(a: &plan::Action) -> Capability {
    let n = a.name.value.as_str();
    let has = |ws: &[&str]| has_word(n, ws);
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

/// The kind of work behind a deliverable: a report or other paper of a rectification,
/// an offline handling or an accountability is that work, not only its paper.
fn work_kind<'a>(p: &Params, name: &str, kind: &'a str) -> &'a str {
    if !matches!(kind, "report" | "other") {
        return kind;
    }
    p.work_by_name
        .iter()
        .find(|(w, _)| has_word(name, &[w]))
        .map_or(kind, |(_, k)| k)
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
pub(super) struct PartyNames<'p> {
    pub names: Vec<&'p str>,
    /// Each name's first position: looked up once per reference, so a search along
    /// `names` made a plan of 100,000 units quadratic.
    index: HashMap<&'p str, PartyId>,
}

impl<'p> PartyNames<'p> {
    fn new(names: Vec<&'p str>) -> Self {
        let mut index = HashMap::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            index.entry(*n).or_insert(i as PartyId);
        }
        PartyNames { names, index }
    }

    fn id(&self, n: &str) -> Option<PartyId> {
        self.index.get(n).copied()
    }

    fn of(&self, n: &Name) -> Option<PartyId> {
        self.id(&n.value)
    }
}

/// Legal counsel, by its name: its review guards what the organization says.
fn is_legal(name: &str) -> bool {
    has_word(name, &["法务", "法律", "合规", "legal", "counsel"])
}

/// What every part of the build reads: the plan, its parties by name, the tunables.
pub(super) struct Build<'p> {
    pub plan: &'p plan::Plan,
    pub names: PartyNames<'p>,
    /// How names are said in reports and packs (titles, identifiers as words).
    pub titles: plan::Titles,
    pub params: Params,
    /// The plan's domain: how its signals are played.
    pub domain: &'static crate::model::domain::Domain,
}

impl<'p> Build<'p> {
    pub fn new(plan: &'p plan::Plan, domain: &'static crate::model::domain::Domain) -> Build<'p> {
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
            names: PartyNames::new(names),
            titles: plan::Titles::of(plan),
            params: PARAMS.clone(),
            domain,
        }
    }

    // ── parties ──

    pub fn parties(&self) -> Vec<Party> {
        let plan = self.plan;
        let party = |name: &Name, kind, backup_span: Span, span: Span| Party {
            name: name.value.to_string(),
            said: self.titles.said(&name.value),
            key: name_key(&name.value),
            kind,
            external_kind: None,
            legal: is_legal(&name.value),
            backup: None,
            backup_span,
            lead: None,
            duty: Default::default(),
            level_duty: Vec::new(),
            class: false,
            secondary: None,
            upward: false,
            span,
        };
        let mut parties: Vec<Party> = Vec::new();
        for b in &plan.bodies {
            parties.push(party(&b.name, PartyKind::Body, b.span, b.span));
        }
        for r in &plan.roles {
            let backup_span = r.backup.as_ref().map_or(r.span, |b| b.span);
            let mut p = party(&r.name, PartyKind::Role, backup_span, r.span);
            p.class = r.class;
            parties.push(p);
        }
        for u in &plan.units {
            let backup_span = u.backup.as_ref().map_or(u.span, |b| b.span);
            parties.push(party(&u.name, PartyKind::Unit, backup_span, u.span));
        }
        for e in &plan.externals {
            let mut p = party(&e.name, PartyKind::External, e.span, e.span);
            p.external_kind = e
                .kind
                .as_ref()
                .and_then(|k| vocab::EXTERNAL_KINDS.iter().position(|x| *x == k.value))
                .map(|k| k as u8);
            p.legal = false;
            p.upward = match &self.domain.drill.upward {
                Some(kinds) => match &e.kind {
                    Some(k) => kinds.iter().any(|x| *x == *k.value),
                    None => is_authority(&p),
                },
                None => is_authority(&p),
            };
            parties.push(p);
        }
        self.backups(&mut parties);
        self.duty_rosters(&mut parties);
        self.secondaries(&mut parties);
        parties
    }

    /// The on-call rotations with a second holder on call: when each pages it.
    fn secondaries(&self, parties: &mut [Party]) {
        for r in &self.plan.rosters {
            let role = r.role.as_ref().and_then(|n| self.names.of(n));
            if let (Some(p), Some(after)) = (role, &r.secondary) {
                parties[p as usize].secondary = Some(after.value.minutes() as f64);
            }
        }
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

    /// Whether a level names the roster: it is on duty only from that level up.
    fn level_roster(&self, r: &plan::Roster) -> bool {
        (self.plan.levels.iter())
            .any(|l| l.roster.as_ref().is_some_and(|n| n.value == r.name.value))
    }

    /// Who a roster puts on duty: its unit, or the role held in turn.
    fn on_duty(&self, r: &plan::Roster) -> Option<PartyId> {
        r.unit
            .as_ref()
            .or(r.role.as_ref())
            .and_then(|n| self.names.of(n))
    }

    /// The rosters levels put on duty, on their units, each from the lowest level that
    /// names it.
    pub fn level_duty(&self, parties: &mut [Party], levels: &[Level]) {
        for r in self.plan.rosters.iter().filter(|r| self.level_roster(r)) {
            let Some(u) = self.on_duty(r) else {
                continue;
            };
            let from = (self.plan.levels.iter())
                .filter(|l| l.roster.as_ref().is_some_and(|n| n.value == r.name.value))
                .filter_map(|l| levels.iter().position(|x| x.name == *l.name.value))
                .min();
            let Some(from) = from else {
                continue;
            };
            let mut m = [[false; DAY]; 3];
            for s in &r.shifts {
                mark(&s.period.value, &mut m);
            }
            let duty = [0, 1, 2].map(|t| intervals(&m[t]));
            parties[u as usize].level_duty.push((from as u8, duty));
        }
    }

    /// The duty rosters of units, merged per day type (those a level names are on
    /// duty only from that level up: [`Build::level_duty`]).
    fn duty_rosters(&self, parties: &mut [Party]) {
        for r in self.plan.rosters.iter().filter(|r| !self.level_roster(r)) {
            let Some(u) = self.on_duty(r) else {
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

    /// Who acts as commander when the commander cannot: the first body's deputies.
    pub fn acting(&self) -> Vec<PartyId> {
        self.plan
            .bodies
            .first()
            // Who leads jointly stands in first, then the deputies.
            .map(|b| {
                (b.co_leads.iter().chain(&b.deputies))
                    .filter_map(|n| self.names.of(n))
                    .collect()
            })
            .unwrap_or_default()
    }

    // ── channels ──

    pub fn channel(&self, c: &plan::Channel) -> Channel {
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
            said: self.titles.said(&c.name.value),
            key: name_key(&c.name.value),
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
        for r in self.plan.rosters.iter().filter(|r| !self.level_roster(r)) {
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

    /// Each level's measurable rule as the document words it, in both languages.
    fn criteria_in_words(&self, levels: &mut [Level]) {
        use crate::render::view;
        use crate::wording::{Lang, Words};
        for (k, lang) in [Lang::Zh, Lang::En].into_iter().enumerate() {
            let v = view::build(self.plan, lang, Words::of(lang));
            for l in levels.iter_mut() {
                l.criteria[k] = (v.levels.iter())
                    .find(|x| x.name == l.name)
                    .and_then(|x| x.when.clone());
            }
        }
    }

    pub fn levels(&self) -> Vec<Level> {
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
        self.criteria_in_words(&mut levels);
        let n = levels.len();
        for (i, l) in levels.iter_mut().enumerate() {
            l.from_top = (n - 1 - i).min(u8::MAX as usize) as u8;
        }
        // A rank says the level's place on the national scale (rank 1 = Ⅰ, the
        // gravest), which the benchmarks use, whatever the plan's number of levels.
        for (l, &i) in levels.iter_mut().zip(&order) {
            let rank = plan.levels[i]
                .rank
                .as_ref()
                .map(|r| r.value)
                .or_else(|| rank_by_name(&l.name));
            if let Some(r) = rank {
                l.from_top = r.saturating_sub(1).min(u8::MAX as u32) as u8;
            }
        }
        // `may_follow`: a higher level by severity index (a lower or unknown one is
        // the checker's L0011, and plays no part).
        for (k, &i) in order.iter().enumerate().take(levels.len()) {
            let Some(f) = &plan.levels[i].may_follow else {
                continue;
            };
            let target = (order.iter().take(levels.len()))
                .position(|&j| plan.levels[j].name.value == f.level.value);
            if let Some(t) = target.filter(|&t| t > k) {
                levels[k].may_follow = Some((t as u8, f.condition.is_some()));
            }
        }
        levels
    }

    fn level(&self, l: &plan::Level) -> Level {
        Level {
            name: l.name.value.to_string(),
            key: name_key(&l.name.value),
            from_top: 0,
            condition: (l.when.as_ref()).map(|w| Condition::compile(&w.value, self.domain)),
            criteria: [None, None],
            prose: (l.criteria.as_ref())
                .map(|t| t.value.lines().map(str::trim).collect::<String>())
                .filter(|t| !t.is_empty()),
            declared_by: l.declared_by.as_ref().and_then(|n| self.names.of(n)),
            declared_by_also: (l.declared_by_also.iter())
                .filter_map(|n| self.names.of(n))
                .collect(),
            stand_down: l.stand_down.as_ref().and_then(|s| {
                s.when.as_ref().map(|w| StandDown {
                    condition: Condition::compile(&w.value, self.domain),
                    hold: minutes(&s.hold).unwrap_or(self.params.stand_down_hold),
                })
            }),
            has_actions: false,
            span: l.span,
            stand_down_by: (l.stand_down.as_ref())
                .and_then(|s| s.approved_by.as_ref())
                .and_then(|n| self.names.of(n)),
            may_follow: None,
            grade: l.grade.as_ref().map(|g| self.titles.said(&g.value)),
        }
    }

    /// The events actions wait for, in plan order.
    pub fn events(&self) -> Vec<String> {
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

    pub fn actions(
        &self,
        symbols: &Symbols,
        parties: &[Party],
        levels: &mut [Level],
        events: &[String],
    ) -> Vec<Action> {
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
            actions.push(self.action(a, trigger, parties));
        }
        share_measurable_forms(&mut actions);
        for (i, deps) in symbols.after.iter().enumerate().take(actions.len()) {
            actions[i].after = deps
                .iter()
                .flatten()
                .filter(|&&j| j < actions.len() && j != i)
                .map(|&j| j as ActionId)
                .collect();
        }
        self.anchors(symbols, &mut actions);
        actions
    }

    /// Relative time limits: `from X` waits for X and counts from it; `before X` is
    /// due its own span before X's limit, both counted from the trigger.
    fn anchors(&self, symbols: &Symbols, actions: &mut [Action]) {
        for (i, a) in self.plan.actions.iter().enumerate().take(actions.len()) {
            let (Some(x), Some(Some(j))) = (&a.anchor, symbols.anchor.get(i)) else {
                continue;
            };
            if *j >= actions.len() || *j == i || a.deadline == plan::Deadline::AsNeeded {
                continue;
            }
            match x.side {
                plan::AnchorSide::From => {
                    let j = *j as ActionId;
                    actions[i].from = Some(j);
                    if !actions[i].after.contains(&j) {
                        actions[i].after.push(j);
                    }
                }
                plan::AnchorSide::Before => {
                    if let Some(limit) = symbols.limit.get(i).copied().flatten() {
                        actions[i].within = (limit as f64).max(1.0);
                        actions[i].working_days = 0;
                    }
                    let own = a.within.as_ref().map_or(0.0, |w| w.value.minutes() as f64);
                    let x = &self.plan.actions[*j];
                    if x.anchor.is_none() && actions[*j].working_days > 0 {
                        actions[i].before = Some((*j as ActionId, own));
                    }
                }
            }
        }
    }

    fn action(&self, a: &plan::Action, trigger: Trigger, parties: &[Party]) -> Action {
        let p = &self.params;
        let capability = infer_capability(a);
        let kind = work_kind(p, &a.name.value, deliverable_kind(a, capability));
        let every = minutes(&a.every);
        let work = match minutes(&a.effort) {
            Some(e) => e.max(1.0),
            None => p.work_of(kind),
        };
        let approvers: Vec<PartyId> = a.approve.iter().filter_map(|n| self.names.of(n)).collect();
        // Joint owners work with the lead: it needs them on board before the work is done.
        let consult: Vec<PartyId> = (a.co_owners.iter().chain(&a.consult))
            .filter_map(|n| self.names.of(n))
            .collect();
        let owner = a.owner.as_ref().and_then(|n| self.names.of(n));
        let within = minutes(&a.within)
            .or(every)
            .unwrap_or(p.action_deadline)
            .max(1.0);
        let public = public_kind(a, kind, &trigger, &self.informed(a, parties));
        let facets = self.facets(a, kind, public, owner, parties);
        Action {
            name: a.name.value.to_string(),
            said: self.titles.said(&a.name.value),
            key: names_key(
                std::iter::once(a.name.value.as_str())
                    .chain(a.levels().iter().map(|l| l.value.as_str())),
            ),
            trigger,
            owner,
            approvers,
            consult,
            within,
            every: every.map(|e| e.max(10.0)),
            every_for: minutes(&a.every_for),
            after: Vec::new(),
            from: None,
            before: None,
            working_days: (a.within.as_ref())
                .filter(|w| w.value.unit == plan::DurUnit::WorkingDay)
                .map_or(0, |w| w.value.count),
            work,
            capability,
            public,
            facets,
            lag: p.urgency_lag(within),
            assessment: false,
            critical: false,
            drafts: false,
            span: a.span,
            owner_span: a.owner.as_ref().map_or(a.span, |o| o.span),
            within_span: a.within.as_ref().map_or(a.span, |w| w.span),
            approve_span: a.approve.first().map_or(a.span, |n| n.span),
            consult_span: a.consult.first().map_or(a.span, |n| n.span),
            after_span: a.after.first().map_or(a.span, |n| n.span),
            optional: a.optional,
            guards: a.conditions.iter().map(|g| self.guard(g)).collect(),
            invoke: a.invoke.as_ref().map(|t| t.value.to_string()),
        }
    }

    /// An action's condition: its words' key and its own measurable form.
    fn guard(&self, g: &plan::Guard) -> Guard {
        Guard {
            words: g.words.value.to_string(),
            key: name_key(&g.words.value),
            unless: g.unless,
            when: g
                .when
                .as_ref()
                .map(|c| Condition::compile(&c.value, self.domain)),
        }
    }

    /// The external kinds an action informs.
    fn informed(&self, a: &plan::Action, parties: &[Party]) -> Vec<Option<u8>> {
        a.inform
            .iter()
            .filter_map(|n| self.names.of(n))
            .filter(|&p| parties[p as usize].kind == PartyKind::External)
            .map(|p| parties[p as usize].external_kind)
            .collect()
    }

    fn facets(
        &self,
        a: &plan::Action,
        kind: &str,
        public: Public,
        owner: Option<PartyId>,
        parties: &[Party],
    ) -> Facets {
        let name = a.name.value.as_str();
        let informed = self.informed(a, parties);
        let informs = |k: &str| {
            let k = vocab::EXTERNAL_KINDS
                .iter()
                .position(|x| *x == k)
                .map(|k| k as u8);
            informed.iter().any(|x| *x == k && k.is_some())
        };
        let legal = |n: &Name| self.names.of(n).is_some_and(|p| parties[p as usize].legal);
        let facts = |n: &Name| {
            self.names.of(n).is_some_and(|p| {
                let party = &parties[p as usize];
                party.kind == PartyKind::Unit && !party.legal && Some(p) != owner
            })
        };
        Facets {
            debunk: public != Public::No && has_word(name, &["辟谣", "澄清", "debunk", "rebut"]),
            legal_action: self.domain.drill.rumours
                && (informs("police") || has_word(name, &["报案", "维权"])),
            offline: matches!(kind, "offline" | "rectification"),
            fact_finding: false,
            upward: (a.inform.iter())
                .any(|n| self.names.of(n).is_some_and(|p| parties[p as usize].upward))
                && matches!(kind, "report" | "briefing"),
            review: kind == "review",
            legal_review: a.consult.iter().chain(&a.approve).any(legal),
            facts_consulted: a.consult.iter().any(facts),
        }
    }

    // ── reporting lines ──

    /// The reporting lines: the parties' standing lines, then each level's own lines
    /// (reserved to that level). A level's line from a party to a recipient replaces, at
    /// that level, the party's standing line to the same recipient.
    pub fn lines(
        &self,
        parties: &[Party],
        levels: &[Level],
        actions: &[Action],
        plan_actions: &[plan::Action],
    ) -> Vec<ReportingLine> {
        let plan = self.plan;
        let at_levels = self.level_lines(parties, levels);
        let mut lines = Vec::new();
        let mut push_lines = |from: usize, reports_to: &[plan::ReportLine]| {
            for l in reports_to {
                let Some(to) = self.names.of(&l.to) else {
                    continue;
                };
                let external = parties[to as usize].kind == PartyKind::External;
                let replaced = (at_levels.iter())
                    .filter(|x| x.from as usize == from && x.to == to)
                    .fold(0u64, |bits, x| bits | x.levels);
                let mut line = self.line(parties, from as PartyId, to, l);
                line.levels = if external {
                    self.reserved_levels(to, actions, plan_actions)
                } else {
                    u64::MAX
                } & !replaced;
                lines.push(line);
            }
        };
        let bodies = plan.bodies.len();
        for (i, r) in plan.roles.iter().enumerate() {
            push_lines(bodies + i, &r.reports_to);
        }
        for (i, u) in plan.units.iter().enumerate() {
            push_lines(bodies + plan.roles.len() + i, &u.reports_to);
        }
        lines.extend(at_levels);
        lines
    }

    /// One reporting line from `from` to `to`, used at every level.
    fn line(
        &self,
        parties: &[Party],
        from: PartyId,
        to: PartyId,
        l: &plan::ReportLine,
    ) -> ReportingLine {
        ReportingLine {
            from,
            to,
            key: names_key([
                parties[from as usize].name.as_str(),
                parties[to as usize].name.as_str(),
            ]),
            within: minutes(&l.within)
                .unwrap_or(self.params.report_deadline)
                .max(1.0),
            upward: parties[to as usize].upward,
            levels: u64::MAX,
            at_level: false,
            span: l.span,
        }
    }

    /// The levels' own lines, each from its reporter (the line's `by`, the level's
    /// declarer, else the commander) and reserved to its level.
    fn level_lines(&self, parties: &[Party], levels: &[Level]) -> Vec<ReportingLine> {
        let commander = (self.plan.commander()).and_then(|n| self.names.of(n));
        let mut lines = Vec::new();
        for lv in &self.plan.levels {
            let Some(bit) = levels.iter().position(|x| x.name == *lv.name.value) else {
                continue;
            };
            for l in &lv.reports_to {
                let from = match lv.reporter(l) {
                    Some(n) => self.names.of(n),
                    None => commander,
                };
                let (Some(from), Some(to)) = (from, self.names.of(&l.to)) else {
                    continue;
                };
                let mut line = self.line(parties, from, to, l);
                line.key = combine(line.key, levels[bit].key);
                line.levels = 1 << bit;
                line.at_level = true;
                lines.push(line);
            }
        }
        lines
    }

    /// The levels at which the plan reports to an external: those of its level
    /// actions that inform it, else every level.
    fn reserved_levels(
        &self,
        to: PartyId,
        actions: &[Action],
        plan_actions: &[plan::Action],
    ) -> u64 {
        let mut bits = 0u64;
        for (a, p) in actions.iter().zip(plan_actions) {
            if let Trigger::Levels(b) = a.trigger
                && p.inform.iter().any(|n| self.names.of(n) == Some(to))
            {
                bits |= b;
            }
        }
        if bits == 0 { u64::MAX } else { bits }
    }

    // ── the document's outline ──

    pub fn outline(&self) -> Vec<OutlineChapter> {
        use crate::render::view;
        use crate::wording::{Lang, Words};
        // Only the outline's keys and the plan's own section titles are kept, which
        // do not depend on the language.
        view::build(self.plan, Lang::Zh, Words::of(Lang::Zh))
            .outline
            .into_iter()
            .map(|c| OutlineChapter {
                key: c.key,
                sections: c
                    .sections
                    .into_iter()
                    .map(|s| {
                        let own = matches!(s.key, "text" | "resources").then_some(s.title);
                        (s.key, own)
                    })
                    .collect(),
            })
            .collect()
    }
}

/// What kind of public communication an action is. A statement triggered by an event
/// that only journalists are told of is a reply to them, not a public response.
fn public_kind(a: &plan::Action, kind: &str, trigger: &Trigger, informed: &[Option<u8>]) -> Public {
    let media = vocab::EXTERNAL_KINDS
        .iter()
        .position(|k| *k == "media")
        .map(|k| k as u8);
    match kind {
        "press_conference" => Public::PressConference,
        "statement" => {
            let to_journalists = !informed.is_empty() && informed.iter().all(|k| *k == media);
            let reply = has_word(&a.name.value, &["答复", "reply"]);
            if matches!(trigger, Trigger::Event(_)) && (to_journalists || reply) {
                Public::MediaReply
            } else {
                Public::Statement
            }
        }
        _ => Public::No,
    }
}

/// What starts an action, as the drill sees it.
fn trigger(t: &plan::Trigger, levels: &[Level], events: &[String]) -> Trigger {
    match t {
        plan::Trigger::Detect => Trigger::Detect,
        plan::Trigger::Level(ls) => {
            let mut bits = 0u64;
            for l in ls.iter() {
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

/// Marks the actions a statement comes after: they draft what is said, so whoever is
/// consulted on them as a person is the speaker at work.
fn mark_drafting(actions: &mut [Action]) {
    for i in 0..actions.len() {
        if actions[i].speaks() {
            for k in 0..actions[i].after.len() {
                let d = actions[i].after[k] as usize;
                actions[d].drafts = true;
            }
        }
    }
}

/// Marks the assessment action (the first `on detect` action that assesses, else the
/// first that assesses), the fact-finding actions and the critical tasks; returns the
/// assessment action.
fn mark_critical(actions: &mut [Action], parties: &[Party]) -> Option<ActionId> {
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
    for a in actions.iter_mut() {
        let by_unit = a
            .owner
            .is_some_and(|p| parties[p as usize].kind == PartyKind::Unit);
        a.facets.fact_finding = a.capability == Capability::Assessment && !a.assessment && by_unit;
    }
    // The first public statement of each trigger is critical.
    for i in 0..actions.len() {
        if actions[i].is_public()
            && actions[i].every.is_none()
            && !actions[..i]
                .iter()
                .any(|b| b.is_public() && b.trigger == actions[i].trigger)
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
    // Sorted and unique, n log n however many terms the conditions have.
    thresholds.sort_by(|a, b| (a.0 as u8).cmp(&(b.0 as u8)).then(a.1.total_cmp(&b.1)));
    thresholds.dedup();
    thresholds
}

fn channel_kind(word: &str) -> Option<u8> {
    vocab::CHANNEL_KINDS
        .iter()
        .position(|x| *x == word)
        .map(|k| k as u8)
}

/// The plan's own time before its assessment starts: the longest chain of `within`s
/// of what the assessment comes after.
fn assessment_chain(actions: &[Action], a: Option<ActionId>) -> f64 {
    fn chain(actions: &[Action], a: ActionId, depth: u32) -> f64 {
        if depth > 16 {
            return 0.0;
        }
        actions[a as usize]
            .after
            .iter()
            .map(|&d| actions[d as usize].within + chain(actions, d, depth + 1))
            .fold(0.0, f64::max)
    }
    a.map_or(0.0, |a| chain(actions, a, 0))
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
        let b = Build::new(plan, symbols.domain());
        let mut parties = b.parties();
        let channels: Vec<Channel> = plan.channels.iter().map(|c| b.channel(c)).collect();
        let mut levels = b.levels();
        b.level_duty(&mut parties, &levels);
        let events = b.events();
        let mut actions = b.actions(symbols, &parties, &mut levels, &events);
        let assessment = mark_critical(&mut actions, &parties);
        mark_drafting(&mut actions);
        let lines = b.lines(&parties, &levels, &actions, &plan.actions);
        let commander = plan
            .bodies
            .first()
            .and_then(|b| b.lead.as_ref())
            .and_then(|n| b.names.of(n));
        let answered_events: Vec<bool> = (0..events.len())
            .map(|i| {
                actions
                    .iter()
                    .any(|a| a.trigger == Trigger::Event(i as u16))
            })
            .collect();
        let library = super::scenario::Library {
            plan,
            names: &b.names.names,
            params: &b.params,
            actions: &actions,
            channels: &channels,
            events: &events,
            answered: &answered_events,
            assessment,
            commander,
            domain: b.domain,
        };
        let speaker = library.spokesperson();
        let (compiled, issues) = library.scenarios(scenarios);
        let model = DrillModel {
            params: b.params.clone(),
            mode: Mode::Realistic,
            cumulative: cumulative(&compiled),
            thresholds: thresholds(&levels),
            measurable: levels.iter().any(|l| l.condition.is_some()),
            assessment_chain: assessment_chain(&actions, assessment),
            order: topological_order(&actions),
            acting: b.acting(),
            outline: b.outline(),
            plan_span: plan_span(plan),
            platform_span: plan
                .resources
                .iter()
                .find(|r| r.kind.as_ref().is_some_and(|k| k.value == "platform"))
                .map(|r| r.span),
            maintainer: header_text(plan, |h| {
                h.maintainer.as_ref().map(|m| b.titles.said(&m.value))
            }),
            title: header_text(plan, |h| Some(h.title.value.to_string())),
            org: header_text(plan, |h| h.org.as_ref().map(|o| o.value.to_string())),
            parties,
            channels,
            levels,
            actions,
            lines,
            events,
            answered_events,
            scenarios: compiled,
            assessment,
            commander,
            speaker,
            benchmarks: super::params::benchmarks(b.domain),
            public_levels: b.domain.drill.public_levels.unwrap_or((0, u8::MAX)),
            example: b.domain.example.as_str(),
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

    /// The world of `--mode stress`: every inject likely, and nights, weekends and
    /// holidays too.
    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
        if mode != Mode::Stress {
            return;
        }
        let p = &self.params;
        let (night, weekend, holiday) = p.stress_onset;
        for s in &mut self.scenarios {
            for i in &mut s.injects {
                i.chance = i.chance.max(p.stress_inject_chance);
            }
            s.onset.night = s.onset.night.max(night);
            s.onset.weekend = s.onset.weekend.max(weekend);
            s.onset.holiday = s.onset.holiday.max(holiday);
        }
    }
}

fn cumulative(scenarios: &[Scenario]) -> Vec<f64> {
    let mut total = 0.0;
    scenarios
        .iter()
        .map(|s| {
            total += s.weight;
            total
        })
        .collect()
}

fn header_text(plan: &plan::Plan, f: impl Fn(&plan::Header) -> Option<String>) -> String {
    plan.plan.as_ref().and_then(f).unwrap_or_default()
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

/// One reading per wording: a condition in words without a measurable form takes that
/// of the first condition of the plan with the same words, if any, so that `if X when
/// …` and `unless X` stay exclusive.
fn share_measurable_forms(actions: &mut [Action]) {
    let mut forms: HashMap<u64, Condition> = HashMap::new();
    for g in actions.iter().flat_map(|a| &a.guards) {
        if let Some(c) = &g.when {
            forms.entry(g.key).or_insert_with(|| c.clone());
        }
    }
    for g in actions.iter_mut().flat_map(|a| &mut a.guards) {
        if g.when.is_none() {
            g.when = forms.get(&g.key).cloned();
        }
    }
}
