//! Lowering: pest pairs into the plan model, one function per rule.
//!
//! Lowering checks what the grammar cannot: dates that exist, durations that fit,
//! fields given once. Names are checked later, by `model::resolve`.
//!
//! Definitions and the fields of each block are matched through the enums the
//! grammar's table gives (`Definition`, `RoleField` …), never with a wildcard: a field
//! added to the grammar does not compile until it is lowered here. That every part
//! of a field — its optional parts, its alternatives — reaches the model is a test
//! (`grammar::tests::every_part_of_the_grammar_reaches_the_model`).

use super::grammar::{
    ActionField, BodyField, CalendarField, ChannelField, Definition, DrillField, ExternalField,
    GradeField, InjectField, LevelField, PlanField, ResourceField, RoleField, RosterField,
    ScenarioField, UnitField, is_keyword, is_punct,
};
use super::parser::Rule;
use crate::diagnostic::{Diagnostic, NameFinding, Note, ParseFinding, Thing};
use crate::model::*;
use crate::source::{Name, Span, Spanned, Text};
use pest::iterators::Pair;

type P<'i> = Pair<'i, Rule>;

/// Gives lists back the room they do not use: a list of one field grows to room for
/// four, and a big plan has hundreds of thousands of such lists.
macro_rules! shrink {
    ($($v:expr),*) => { $( $v.shrink_to_fit(); )* };
}

fn span(p: &P) -> Span {
    super::span_of(p)
}

/// The meaningful children of a pair: no keywords, punctuation or comments.
fn args<'i>(p: P<'i>) -> Vec<P<'i>> {
    p.into_inner()
        .filter(|c| {
            let r = c.as_rule();
            !(is_keyword(r) || is_punct(r) || r == Rule::COMMENT)
        })
        .collect()
}

struct Lower {
    diags: Vec<Diagnostic>,
}

/// Lowers a parsed file, or one piece of it, into `plan`.
pub(super) fn lower_into(file: P, plan: &mut Plan, diags: &mut Vec<Diagnostic>) {
    let mut l = Lower { diags: Vec::new() };
    for d in args(file) {
        l.definition(d, plan);
    }
    diags.append(&mut l.diags);
}

/// The trigger of an `on` block parsed without its actions (`on TRIGGER {}`).
pub(super) fn on_trigger(file: P) -> Option<Spanned<Trigger>> {
    let mut l = Lower { diags: Vec::new() };
    let on = args(file)
        .into_iter()
        .find(|d| d.as_rule() == Rule::on_def)?;
    Some(l.trigger_of(on))
}

/// Lowers a slice of actions of a large `on` block with its trigger.
pub(super) fn actions_into(
    slice: P,
    trigger: &Spanned<Trigger>,
    plan: &mut Plan,
    diags: &mut Vec<Diagnostic>,
) {
    let mut l = Lower { diags: Vec::new() };
    for a in args(slice) {
        if a.as_rule() == Rule::action_def {
            plan.actions.push(l.action(a, trigger.clone()));
        }
    }
    diags.append(&mut l.diags);
}

/// Gives the joined lists back the room they do not use.
pub(super) fn shrink(plan: &mut Plan) {
    shrink!(
        plan.principles,
        plan.texts,
        plan.bodies,
        plan.roles,
        plan.units,
        plan.externals,
        plan.channels,
        plan.rosters,
        plan.grades,
        plan.levels,
        plan.actions,
        plan.resources,
        plan.drills,
        plan.trainings,
        plan.templates,
        plan.annexes,
        plan.lints,
        plan.scenarios
    );
}

/// Appends the definitions of a later piece of the file to `plan`; a second header,
/// purpose or scope is reported as lowering would within one piece.
pub(super) fn join(plan: &mut Plan, piece: Plan, diags: &mut Vec<Diagnostic>) {
    let Plan {
        version: _,
        plan: header,
        purpose,
        scope,
        principles,
        texts,
        bodies,
        roles,
        units,
        externals,
        channels,
        rosters,
        grades,
        levels,
        actions,
        resources,
        drills,
        trainings,
        templates,
        annexes,
        lints,
        calendar,
        scenarios,
    } = piece;
    if let Some(h) = header {
        match &plan.plan {
            Some(first) => diags.push(
                Diagnostic::new(h.span, NameFinding::HeaderTwice).with(first.span, Note::FirstOne),
            ),
            None => plan.plan = Some(h),
        }
    }
    for (new, slot, kw) in [
        (purpose, &mut plan.purpose, "purpose"),
        (scope, &mut plan.scope, "scope"),
    ] {
        if let Some(t) = new {
            match slot {
                Some(first) => diags.push(prose_twice(t.span, first.span, kw)),
                None => *slot = Some(t),
            }
        }
    }
    plan.principles.extend(principles);
    plan.texts.extend(texts);
    plan.bodies.extend(bodies);
    plan.roles.extend(roles);
    plan.units.extend(units);
    plan.externals.extend(externals);
    plan.channels.extend(channels);
    plan.rosters.extend(rosters);
    plan.grades.extend(grades);
    plan.levels.extend(levels);
    plan.actions.extend(actions);
    plan.resources.extend(resources);
    plan.drills.extend(drills);
    plan.trainings.extend(trainings);
    plan.templates.extend(templates);
    plan.annexes.extend(annexes);
    plan.lints.extend(lints);
    plan.calendar.holidays.extend(calendar.holidays);
    plan.calendar.workdays.extend(calendar.workdays);
    plan.scenarios.extend(scenarios);
}

/// Lowers a standalone condition (see `parser::parse_condition`), and whether it was
/// without fault.
pub(super) fn condition(p: P) -> (Condition, bool) {
    let mut l = Lower { diags: Vec::new() };
    let c = l.condition(p);
    (c, l.diags.is_empty())
}

impl Lower {
    fn once<T>(&mut self, slot: &mut Option<T>, value: T, field: &P, what: Thing) {
        if slot.is_some() {
            self.diags.push(Diagnostic::new(
                span(field),
                ParseFinding::FieldTwice {
                    keyword: field_keyword(field),
                    owner: what,
                },
            ));
        } else {
            *slot = Some(value);
        }
    }

    fn definition(&mut self, p: P, plan: &mut Plan) {
        let Some(definition) = Definition::of(p.as_rule()) else {
            return;
        };
        match definition {
            Definition::Plan => {
                if let Some(h) = &plan.plan {
                    self.diags.push(
                        Diagnostic::new(span(&p), NameFinding::HeaderTwice)
                            .with(h.span, Note::FirstOne),
                    );
                    return;
                }
                plan.plan = Some(self.header(p));
            }
            Definition::Purpose => self.prose(p, &mut plan.purpose, "purpose"),
            Definition::Scope => self.prose(p, &mut plan.scope, "scope"),
            Definition::Principle => plan.principles.push(self.principle(p)),
            Definition::Text => plan.texts.push(self.chapter_text(p)),
            Definition::Body => plan.bodies.push(self.body(p)),
            Definition::Role => plan.roles.push(self.role(p)),
            Definition::Unit => plan.units.push(self.unit(p)),
            Definition::External => plan.externals.push(self.external(p)),
            Definition::Channel => plan.channels.push(self.channel(p)),
            Definition::Roster => plan.rosters.push(self.roster(p)),
            Definition::Grade => plan.grades.push(self.grade(p)),
            Definition::Level => plan.levels.push(self.level(p)),
            Definition::On => self.on(p, &mut plan.actions),
            Definition::Resource => plan.resources.push(self.resource(p)),
            Definition::Drill => plan.drills.push(self.exercise(p)),
            Definition::Training => plan.trainings.push(self.exercise(p)),
            Definition::Template => plan.templates.push(self.annex(p)),
            Definition::Annex => plan.annexes.push(self.annex(p)),
            Definition::Lint => {
                for item in args(p) {
                    plan.lints.push(self.lint_item(item));
                }
            }
            Definition::Calendar => self.calendar(p, &mut plan.calendar),
            Definition::Scenario => plan.scenarios.push(self.scenario(p)),
        }
    }

    /// `purpose` or `scope`: one per plan.
    fn prose(&mut self, p: P, slot: &mut Option<Text>, keyword: &str) {
        let sp = span(&p);
        let t = self.text(args(p).remove(0));
        match slot {
            Some(old) => self.diags.push(prose_twice(sp, old.span, keyword)),
            None => *slot = Some(t),
        }
    }

    fn principle(&mut self, p: P) -> Principle {
        let sp = span(&p);
        let mut a = args(p).into_iter();
        let name = name(a.next().unwrap());
        let text = self.text(a.next().unwrap());
        Principle {
            name,
            text,
            span: sp,
        }
    }

    fn chapter_text(&mut self, p: P) -> Prose {
        let sp = span(&p);
        let mut a = args(p).into_iter();
        let chapter = chapter(a.next().unwrap());
        let name = name(a.next().unwrap());
        let text = self.text(a.next().unwrap());
        Prose {
            chapter,
            name,
            text,
            span: sp,
        }
    }

    /// A statement template or a free annex.
    fn annex(&mut self, p: P) -> Annex {
        let sp = span(&p);
        let mut a = args(p).into_iter();
        let name = name(a.next().unwrap());
        let text = self.text(a.next().unwrap());
        Annex {
            name,
            text,
            span: sp,
        }
    }

    fn header(&mut self, p: P) -> Header {
        let mut h = Header {
            span: span(&p),
            ..Header::default()
        };
        let mut a = args(p).into_iter();
        h.title = self.text(a.next().unwrap());
        const W: Thing = Thing::PlanHeader;
        for f in a {
            let Some(field) = PlanField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone()).into_iter().next_back().unwrap();
            match field {
                PlanField::Org => {
                    let t = self.text(v);
                    self.once(&mut h.org, t, &f, W)
                }
                PlanField::Number => {
                    let t = self.text(v);
                    self.once(&mut h.number, t, &f, W)
                }
                PlanField::Version => {
                    let t = self.text(v);
                    self.once(&mut h.version, t, &f, W)
                }
                PlanField::Issued => self.date_once(&mut h.issued, v, &f, W),
                PlanField::Filed => self.date_once(&mut h.filed, v, &f, W),
                PlanField::Reviewed => self.date_once(&mut h.reviewed, v, &f, W),
                PlanField::Approver => self.once(&mut h.approver, name(v), &f, W),
                PlanField::Maintainer => self.once(&mut h.maintainer, name(v), &f, W),
                PlanField::FiledWith => self.once(&mut h.filed_with, name(v), &f, W),
                PlanField::ReviewEvery => self.duration_once(&mut h.review_every, v, &f, W),
                PlanField::DrillEvery => self.duration_once(&mut h.drill_every, v, &f, W),
                PlanField::Basis => h.basis.push(self.text(v)),
                PlanField::Parent => h.parent.push(self.text(v)),
                PlanField::Related => h.related.push(self.text(v)),
                PlanField::Cc => h.cc.push(self.text(v)),
                PlanField::Immediately => self.duration_once(&mut h.immediately, v, &f, W),
                PlanField::To => h.to.push(self.text(v)),
                PlanField::Notice => {
                    let t = self.text(v);
                    self.once(&mut h.notice, t, &f, W)
                }
                PlanField::Domain => self.once(&mut h.domain, name(v), &f, W),
                PlanField::Issuer => {
                    let t = self.text(v);
                    self.once(&mut h.issuer, t, &f, W)
                }
                PlanField::PrintedBy => {
                    let t = self.text(v);
                    self.once(&mut h.printed_by, t, &f, W)
                }
            }
        }
        h
    }

    /// A date field given once.
    fn date_once(&mut self, slot: &mut Option<Spanned<Date>>, v: P, f: &P, what: Thing) {
        if let Some(d) = self.date(v) {
            self.once(slot, d, f, what)
        }
    }

    /// A deadline, cadence or effort given once (`model::validate` refuses zero).
    fn duration_once(&mut self, slot: &mut Option<Spanned<Duration>>, v: P, f: &P, what: Thing) {
        if let Some(d) = self.duration(v) {
            self.once(slot, d, f, what)
        }
    }

    fn duty(&mut self, f: P) -> Duty {
        let sp = span(&f);
        let a = args(f);
        let (name, text) = if a.len() == 2 {
            (Some(name(a[0].clone())), a[1].clone())
        } else {
            (None, a[0].clone())
        };
        Duty {
            name,
            text: self.text(text),
            span: sp,
        }
    }

    fn report(&mut self, f: P) -> ReportLine {
        let mut r = ReportLine {
            span: span(&f),
            ..ReportLine::default()
        };
        for a in args(f) {
            match a.as_rule() {
                Rule::name => r.to = name(a),
                Rule::deadline => {
                    if let Some((deadline, within)) = self.deadline(a) {
                        (r.deadline, r.within) = (deadline, within);
                    }
                }
                Rule::text => r.via = Some(self.text(a)),
                _ => {}
            }
        }
        r
    }

    fn body(&mut self, p: P) -> Body {
        let mut b = Body {
            span: span(&p),
            ..Body::default()
        };
        let mut a = args(p).into_iter();
        b.name = name(a.next().unwrap());
        const W: Thing = Thing::Body;
        for f in a {
            let Some(field) = BodyField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                BodyField::Title => {
                    let t = self.text(v[0].clone());
                    self.once(&mut b.title, t, &f, W)
                }
                BodyField::Lead => {
                    let mut leads = names(v[0].clone()).into_iter();
                    if let Some(first) = leads.next() {
                        self.once(&mut b.lead, first, &f, W);
                    }
                    b.co_leads.extend(leads);
                }
                BodyField::Deputy => b.deputies.extend(names(v[0].clone())),
                BodyField::Office => self.once(&mut b.office, name(v[0].clone()), &f, W),
                BodyField::Members => b.members.extend(names(v[0].clone())),
                BodyField::Duty => b.duties.push(self.duty(f)),
            }
        }
        shrink!(b.deputies, b.members, b.duties);
        b
    }

    fn role(&mut self, p: P) -> Role {
        let mut r = Role {
            span: span(&p),
            ..Role::default()
        };
        let mut a = args(p).into_iter();
        r.name = name(a.next().unwrap());
        const W: Thing = Thing::Role;
        for f in a {
            let Some(field) = RoleField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                RoleField::Title => {
                    let t = self.text(v[0].clone());
                    self.once(&mut r.title, t, &f, W)
                }
                RoleField::Holder => {
                    let t = self.text(v[0].clone());
                    self.once(&mut r.holder, t, &f, W)
                }
                RoleField::Holders => {
                    let t = self.text(v[0].clone());
                    r.class = r.class || r.holder.is_none();
                    self.once(&mut r.holder, t, &f, W)
                }
                RoleField::Backup => self.once(&mut r.backup, name(v[0].clone()), &f, W),
                RoleField::Reports => r.reports_to.push(self.report(f)),
                RoleField::Duty => r.duties.push(self.duty(f)),
                RoleField::Contact => {
                    let t = self.text(v[0].clone());
                    self.once(&mut r.contact, t, &f, W)
                }
            }
        }
        shrink!(r.reports_to, r.duties);
        r
    }

    fn unit(&mut self, p: P) -> Unit {
        let mut u = Unit {
            span: span(&p),
            ..Unit::default()
        };
        let mut a = args(p).into_iter();
        u.name = name(a.next().unwrap());
        const W: Thing = Thing::Unit;
        for f in a {
            let Some(field) = UnitField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                UnitField::Title => {
                    let t = self.text(v[0].clone());
                    self.once(&mut u.title, t, &f, W)
                }
                UnitField::Head => {
                    let t = self.text(v[0].clone());
                    self.once(&mut u.head, t, &f, W)
                }
                UnitField::Backup => self.once(&mut u.backup, name(v[0].clone()), &f, W),
                UnitField::Reports => u.reports_to.push(self.report(f)),
                UnitField::Duty => u.duties.push(self.duty(f)),
                UnitField::Contact => {
                    let t = self.text(v[0].clone());
                    self.once(&mut u.contact, t, &f, W)
                }
            }
        }
        shrink!(u.reports_to, u.duties);
        u
    }

    fn external(&mut self, p: P) -> External {
        let mut e = External {
            span: span(&p),
            ..External::default()
        };
        let mut a = args(p).into_iter();
        e.name = name(a.next().unwrap());
        const W: Thing = Thing::External;
        for f in a {
            let Some(field) = ExternalField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                ExternalField::Title => {
                    let t = self.text(v[0].clone());
                    self.once(&mut e.title, t, &f, W)
                }
                ExternalField::Kind => self.once(&mut e.kind, name(v[0].clone()), &f, W),
                ExternalField::Contact => {
                    let t = self.text(v[0].clone());
                    self.once(&mut e.contact, t, &f, W)
                }
                ExternalField::Duty => e.duties.push(self.duty(f)),
            }
        }
        shrink!(e.duties);
        e
    }

    fn channel(&mut self, p: P) -> Channel {
        let mut c = Channel {
            span: span(&p),
            ..Channel::default()
        };
        let mut a = args(p).into_iter();
        c.name = name(a.next().unwrap());
        const W: Thing = Thing::Channel;
        for f in a {
            let Some(field) = ChannelField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                ChannelField::Title => {
                    let t = self.text(v[0].clone());
                    self.once(&mut c.title, t, &f, W)
                }
                ChannelField::Kind => self.once(&mut c.kind, name(v[0].clone()), &f, W),
                ChannelField::WatchedBy => c.watched_by.extend(names(v[0].clone())),
                ChannelField::Hours => {
                    let h = self.hours(v[0].clone());
                    self.once(&mut c.hours, h, &f, W)
                }
                ChannelField::RosterRef => self.once(&mut c.roster, name(v[0].clone()), &f, W),
            }
        }
        shrink!(c.watched_by);
        c
    }

    fn hours(&mut self, p: P) -> Spanned<Vec<Period>> {
        let sp = span(&p);
        let periods = args(p).into_iter().map(|x| self.period(x).value).collect();
        Spanned::new(periods, sp)
    }

    fn period(&mut self, p: P) -> Spanned<Period> {
        let sp = span(&p);
        let a = args(p);
        if a[0].as_rule() == Rule::always {
            return Spanned::new(Period::ALWAYS, sp);
        }
        let days = Days::from_keyword(a[0].as_str()).unwrap_or_default();
        let range = a[1].clone();
        let times: Vec<P> = range.clone().into_inner().collect();
        let mut t = [0u16; 2];
        for (i, tp) in times.iter().enumerate().take(2) {
            match parse_time(tp.as_str()) {
                Ok(m) => t[i] = m,
                Err(_) => self.diags.push(Diagnostic::new(
                    span(tp),
                    ParseFinding::BadTime {
                        text: tp.as_str().into(),
                    },
                )),
            }
        }
        Spanned::new(
            Period {
                always: false,
                days,
                from: t[0],
                to: t[1],
            },
            sp,
        )
    }

    /// `calendar { … }`: its days join those of any other calendar block.
    fn calendar(&mut self, p: P, c: &mut Calendar) {
        for f in args(p) {
            let Some(field) = CalendarField::of(f.as_rule()) else {
                continue;
            };
            let dates: Vec<Spanned<Date>> =
                args(f).into_iter().filter_map(|d| self.date(d)).collect();
            match (field, dates.as_slice()) {
                (CalendarField::Holiday, [one]) => c.holidays.push(Holiday {
                    from: one.clone(),
                    to: one.clone(),
                }),
                (CalendarField::Holiday, [from, to]) => c.holidays.push(Holiday {
                    from: from.clone(),
                    to: to.clone(),
                }),
                (CalendarField::Workday, [one]) => c.workdays.push(one.clone()),
                _ => {}
            }
        }
    }

    fn grade(&mut self, p: P) -> Grade {
        let mut g = Grade {
            span: span(&p),
            ..Grade::default()
        };
        let mut a = args(p).into_iter();
        g.name = name(a.next().unwrap());
        const W: Thing = Thing::Grade;
        for f in a {
            let Some(field) = GradeField::of(f.as_rule()) else {
                continue;
            };
            let t = self.text(args(f.clone())[0].clone());
            match field {
                GradeField::Title => self.once(&mut g.title, t, &f, W),
                GradeField::Criteria => self.once(&mut g.criteria, t, &f, W),
            }
        }
        g
    }

    fn roster(&mut self, p: P) -> Roster {
        let mut r = Roster {
            span: span(&p),
            ..Roster::default()
        };
        let mut a = args(p).into_iter();
        r.name = name(a.next().unwrap());
        const W: Thing = Thing::Roster;
        for f in a {
            let Some(field) = RosterField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                RosterField::RosterUnit => self.once(&mut r.unit, name(v[0].clone()), &f, W),
                RosterField::RosterRole => self.once(&mut r.role, name(v[0].clone()), &f, W),
                RosterField::Rotation => {
                    let d = v.last().cloned().unwrap();
                    self.duration_once(&mut r.rotation, d, &f, W)
                }
                RosterField::Secondary => {
                    let d = v.last().cloned().unwrap();
                    self.duration_once(&mut r.secondary, d, &f, W)
                }
                RosterField::Shift => {
                    let period = self.period(v[1].clone());
                    r.shifts.push(Shift {
                        name: name(v[0].clone()),
                        period,
                        span: span(&f),
                    })
                }
            }
        }
        shrink!(r.shifts);
        r
    }

    fn level(&mut self, p: P) -> Level {
        let mut l = Level {
            span: span(&p),
            ..Level::default()
        };
        let mut a = args(p).into_iter();
        l.name = name(a.next().unwrap());
        const W: Thing = Thing::Level;
        for f in a {
            let Some(field) = LevelField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                LevelField::Rank => {
                    let sp = span(&v[0]);
                    match v[0].as_str().parse::<u32>() {
                        // A rank below 1 reads; `model::validate` refuses it.
                        Ok(n) => self.once(&mut l.rank, Spanned::new(n, sp), &f, W),
                        _ => self.diags.push(Diagnostic::new(
                            sp,
                            ParseFinding::BadRank {
                                text: v[0].as_str().into(),
                            },
                        )),
                    }
                }
                LevelField::Color => self.once(&mut l.color, name(v[0].clone()), &f, W),
                LevelField::Response => {
                    // Out of range (`response 0`, `response 11`) is the validation's to say.
                    let n = crate::model::response_level(v[0].as_str()).unwrap_or(0);
                    self.once(&mut l.response, Spanned::new(n, span(&v[0])), &f, W)
                }
                LevelField::Criteria => {
                    let t = self.text(v[0].clone());
                    self.once(&mut l.criteria, t, &f, W)
                }
                LevelField::When => {
                    let sp = span(&v[0]);
                    let c = self.condition(v[0].clone());
                    self.once(&mut l.when, Spanned::new(c, sp), &f, W)
                }
                LevelField::DeclaredBy => {
                    if l.declared_by.is_none() {
                        l.declared_by_also = v[1..].iter().map(|n| name(n.clone())).collect();
                    }
                    self.once(&mut l.declared_by, name(v[0].clone()), &f, W)
                }
                LevelField::Upgrade => self.once(&mut l.upgrade_to, name(v[0].clone()), &f, W),
                LevelField::MayFollow => {
                    let follow = MayFollow {
                        level: name(v[0].clone()),
                        condition: v.get(1).map(|t| self.text(t.clone())),
                        span: span(&f),
                    };
                    self.once(&mut l.may_follow, follow, &f, W)
                }
                LevelField::Downgrade => self.once(&mut l.downgrade_to, name(v[0].clone()), &f, W),
                LevelField::Grade => self.once(&mut l.grade, name(v[0].clone()), &f, W),
                LevelField::StandDown => {
                    let s = self.stand_down(&f, v);
                    self.once(&mut l.stand_down, s, &f, W)
                }
                LevelField::LevelReports => {
                    // The first name is the recipient, a second one (after `by`) the reporter.
                    let mut names = v.into_iter().filter(|x| x.as_rule() == Rule::name);
                    let mut r = self.report(f);
                    r.to = names.next().map(name).unwrap_or_default();
                    r.by = names.next().map(name);
                    l.reports_to.push(r);
                }
                LevelField::LevelRoster => self.once(&mut l.roster, name(v[0].clone()), &f, W),
            }
        }
        l
    }

    /// `stand_down "…" if COND for D approved_by R`: every part optional but one.
    fn stand_down(&mut self, f: &P, parts: Vec<P>) -> StandDown {
        let mut s = StandDown {
            span: span(f),
            ..StandDown::default()
        };
        for x in parts {
            match x.as_rule() {
                Rule::text => s.text = Some(self.text(x)),
                Rule::condition => {
                    let sp = span(&x);
                    s.when = Some(Spanned::new(self.condition(x), sp))
                }
                Rule::duration => s.hold = self.duration(x),
                Rule::name => s.approved_by = Some(name(x)),
                _ => {}
            }
        }
        s
    }

    fn condition(&mut self, p: P) -> Condition {
        match p.as_rule() {
            Rule::condition => {
                let mut items: Vec<Condition> =
                    args(p).into_iter().map(|c| self.condition(c)).collect();
                if items.len() == 1 {
                    items.pop().unwrap()
                } else {
                    Condition::Or(items)
                }
            }
            Rule::cond_and => {
                let mut items: Vec<Condition> =
                    args(p).into_iter().map(|c| self.condition(c)).collect();
                if items.len() == 1 {
                    items.pop().unwrap()
                } else {
                    Condition::And(items)
                }
            }
            Rule::cond_unary => {
                let negated = p.clone().into_inner().any(|c| c.as_rule() == Rule::k_not);
                let inner = self.condition(args(p).remove(0));
                if negated {
                    Condition::Not(Box::new(inner))
                } else {
                    inner
                }
            }
            Rule::cond_atom => self.condition(args(p).remove(0)),
            Rule::comparison => {
                let a = args(p);
                let signal = name(a[0].clone().into_inner().next().unwrap());
                let op = CmpOp::parse(a[1].as_str()).unwrap_or(CmpOp::Eq);
                let vp = a[2].clone().into_inner().next().unwrap();
                let vs = span(&vp);
                let value = match vp.as_rule() {
                    Rule::number => Value::Number(self.number(&vp)),
                    _ => Value::Word(vp.as_str().to_string()),
                };
                Condition::Compare {
                    signal,
                    op,
                    value: Spanned::new(value, vs),
                }
            }
            Rule::signal => Condition::Flag(name(p.into_inner().next().unwrap())),
            _ => Condition::default(),
        }
    }

    fn trigger_of(&mut self, p: P) -> Spanned<Trigger> {
        let tp = args(p).into_iter().next().unwrap();
        let tsp = span(&tp);
        let kw = tp.clone().into_inner().next().map(|k| k.as_rule());
        let targs = args(tp);
        let trigger = match kw {
            Some(Rule::k_level) => Trigger::Level(names(targs[0].clone()).into()),
            Some(Rule::k_upgrade) => Trigger::Upgrade,
            Some(Rule::k_downgrade) => Trigger::Downgrade,
            Some(Rule::k_stand_down) => Trigger::StandDown,
            Some(Rule::k_event) => Trigger::Event(name(targs[0].clone())),
            _ => Trigger::Detect,
        };
        Spanned::new(trigger, tsp)
    }

    fn on(&mut self, p: P, actions: &mut Vec<Action>) {
        let trigger = self.trigger_of(p.clone());
        for ap in args(p).into_iter().skip(1) {
            actions.push(self.action(ap, trigger.clone()));
        }
    }

    /// `within 30m`, `within immediately` or `within as_needed`: once per action.
    fn action_within(&mut self, x: &mut Action, v: &[P], f: &P) {
        const W: Thing = Thing::Action;
        if let Some((deadline, within)) = self.deadline(v[0].clone()) {
            // One `within` per action, whatever its kind.
            let first = x.within.is_none() && x.deadline == Deadline::Fixed;
            let mut seen = (!first).then_some(());
            self.once(&mut seen, (), f, W);
            if first {
                (x.deadline, x.within) = (deadline, within);
                x.anchor = v.get(1).map(|a| anchor(a.clone()));
            }
        }
    }

    /// A time limit: its kind and its duration (the default bound for `immediately`,
    /// none for `as_needed`); none at all for a duration that cannot be read.
    fn deadline(&mut self, p: P) -> Option<(Deadline, Option<Spanned<Duration>>)> {
        let d = p.into_inner().next().expect("a deadline has one part");
        Some(match d.as_rule() {
            Rule::k_immediately => (
                Deadline::Immediately,
                Some(Spanned::new(IMMEDIATELY, span(&d))),
            ),
            // No limit: `within` stays empty, the kind says why.
            Rule::k_as_needed => (Deadline::AsNeeded, None),
            _ => (Deadline::Fixed, Some(self.duration(d)?)),
        })
    }

    fn action(&mut self, p: P, trigger: Spanned<Trigger>) -> Action {
        let mut x = Action {
            span: span(&p),
            trigger,
            ..Action::default()
        };
        let mut a = args(p).into_iter();
        x.name = name(a.next().unwrap());
        const W: Thing = Thing::Action;
        for f in a {
            let Some(field) = ActionField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                ActionField::Title => {
                    let t = self.text(v[0].clone());
                    self.once(&mut x.title, t, &f, W)
                }
                ActionField::ActionOwner => {
                    if x.owner.is_none() {
                        x.co_owners = v.get(1).map(|n| names(n.clone())).unwrap_or_default();
                    }
                    self.once(&mut x.owner, name(v[0].clone()), &f, W)
                }
                ActionField::Approve => x.approve.push(name(v[0].clone())),
                ActionField::Consult => x.consult.extend(names(v[0].clone())),
                ActionField::Inform => x.inform.extend(names(v[0].clone())),
                ActionField::Within => self.action_within(&mut x, &v, &f),
                ActionField::Every => {
                    if let Some(d) = self.duration(v[0].clone()) {
                        self.once(&mut x.every, d, &f, W)
                    }
                }
                ActionField::Repeat => {
                    if let (Some(d), Some(h)) =
                        (self.duration(v[0].clone()), self.duration(v[1].clone()))
                    {
                        if x.every.is_some() {
                            self.once(&mut x.every, d, &f, W);
                        } else {
                            x.every = Some(d);
                            x.every_for = Some(h);
                        }
                    }
                }
                ActionField::Effort => {
                    if let Some(d) = self.duration(v[0].clone()) {
                        self.once(&mut x.effort, d, &f, W)
                    }
                }
                ActionField::After => x.after.extend(names(v[0].clone())),
                ActionField::Deliver => {
                    let d = Deliverable {
                        kind: name(v[0].clone()),
                        title: v.get(1).map(|t| self.text(t.clone())),
                    };
                    self.once(&mut x.deliver, d, &f, W)
                }
                ActionField::Capability => self.once(&mut x.capability, name(v[0].clone()), &f, W),
                ActionField::Detail => {
                    let t = self.text(v[0].clone());
                    self.once(&mut x.detail, t, &f, W)
                }
                ActionField::Optional | ActionField::If | ActionField::Unless => {
                    self.action_condition(&mut x, field, v, &f)
                }
                ActionField::Invoke => {
                    let t = self.text(v[0].clone());
                    self.once(&mut x.invoke, t, &f, W)
                }
            }
        }
        shrink!(x.approve, x.consult, x.inform, x.after);
        x
    }

    /// `optional`, `if "…" [when …]`, `unless "…" [when …]`.
    fn action_condition(&mut self, x: &mut Action, field: ActionField, v: Vec<P>, f: &P) {
        if field == ActionField::Optional {
            if x.optional {
                let mut slot = Some(());
                self.once(&mut slot, (), f, Thing::Action);
            }
            x.optional = true;
            return;
        }
        let mut v = v.into_iter();
        let words = self.text(v.next().expect("a condition has its words"));
        let when = v.next().map(|c| {
            let sp = span(&c);
            Spanned::new(self.condition(c), sp)
        });
        x.conditions.push(Guard {
            words,
            unless: field == ActionField::Unless,
            when,
            span: span(f),
        });
    }

    fn resource(&mut self, p: P) -> Resource {
        let mut r = Resource {
            span: span(&p),
            ..Resource::default()
        };
        let mut a = args(p).into_iter();
        r.name = name(a.next().unwrap());
        const W: Thing = Thing::Resource;
        for f in a {
            let Some(field) = ResourceField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                ResourceField::Kind => self.once(&mut r.kind, name(v[0].clone()), &f, W),
                ResourceField::Owner => self.once(&mut r.owner, name(v[0].clone()), &f, W),
                ResourceField::Detail => {
                    let t = self.text(v[0].clone());
                    self.once(&mut r.detail, t, &f, W)
                }
            }
        }
        r
    }

    fn exercise(&mut self, p: P) -> Exercise {
        let mut e = Exercise {
            span: span(&p),
            ..Exercise::default()
        };
        let mut a = args(p).into_iter();
        e.name = name(a.next().unwrap());
        const W: Thing = Thing::Exercise;
        for f in a {
            let Some(field) = DrillField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                DrillField::Kind => self.once(&mut e.kind, name(v[0].clone()), &f, W),
                DrillField::Every => {
                    if let Some(d) = self.duration(v[0].clone()) {
                        self.once(&mut e.every, d, &f, W)
                    }
                }
                DrillField::Owner => self.once(&mut e.owner, name(v[0].clone()), &f, W),
                DrillField::Detail => {
                    let t = self.text(v[0].clone());
                    self.once(&mut e.detail, t, &f, W)
                }
                DrillField::Scenarios => e.scenarios.extend(names(v[0].clone())),
            }
        }
        shrink!(e.scenarios);
        e
    }

    fn lint_item(&mut self, p: P) -> LintItem {
        let sp = span(&p);
        let level = p
            .clone()
            .into_inner()
            .next()
            .and_then(|k| LintLevel::from_keyword(k.as_str()))
            .unwrap_or_default();
        let a = args(p);
        LintItem {
            level,
            code: name(a[0].clone()),
            reason: a.get(1).map(|t| self.text(t.clone())),
            span: sp,
        }
    }

    fn scenario(&mut self, p: P) -> Scenario {
        let mut s = Scenario {
            span: span(&p),
            ..Scenario::default()
        };
        let mut a = args(p).into_iter();
        s.name = name(a.next().unwrap());
        const W: Thing = Thing::Scenario;
        for f in a {
            let Some(field) = ScenarioField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                ScenarioField::Title => {
                    let t = self.text(v[0].clone());
                    self.once(&mut s.title, t, &f, W)
                }
                ScenarioField::Weight => {
                    let n = Spanned::new(self.number(&v[0]), span(&v[0]));
                    self.once(&mut s.weight, n, &f, W)
                }
                ScenarioField::Appears => s.appears_on.extend(
                    v[0].clone()
                        .into_inner()
                        .filter(|x| x.as_rule() == Rule::ident)
                        .map(|x| name(x)),
                ),
                ScenarioField::Start => {
                    for x in v {
                        let p = self.param(x);
                        s.start.push(p);
                    }
                }
                ScenarioField::Spread => {
                    for x in v {
                        let p = self.param(x);
                        s.spread.push(p);
                    }
                }
                ScenarioField::Onset => s.onset.push(Onset {
                    kind: name(v[0].clone()),
                    chance: Spanned::new(self.number(&v[1]), span(&v[1])),
                }),
                ScenarioField::Detail => {
                    let t = self.text(v[0].clone());
                    self.once(&mut s.detail, t, &f, W)
                }
                ScenarioField::Inject => s.injects.push(self.inject(f)),
            }
        }
        shrink!(s.appears_on, s.start, s.spread, s.onset, s.injects);
        s
    }

    fn param(&mut self, p: P) -> Param {
        let a = args(p);
        Param {
            name: name(a[0].clone()),
            range: self.range(a[1].clone()),
        }
    }

    fn range(&mut self, p: P) -> Spanned<Range> {
        let sp = span(&p);
        let bounds: Vec<Quantity> = args(p)
            .into_iter()
            .map(|b| {
                let q = b.into_inner().next().unwrap();
                match q.as_rule() {
                    Rule::duration => Quantity::Duration(
                        self.duration(q)
                            .map(|d| d.value)
                            .unwrap_or(Duration::from_minutes(0)),
                    ),
                    _ => Quantity::Number(self.number(&q)),
                }
            })
            .collect();
        let lo = bounds[0];
        let hi = *bounds.get(1).unwrap_or(&lo);
        Spanned::new(Range { lo, hi }, sp)
    }

    fn inject(&mut self, p: P) -> Inject {
        let mut i = Inject {
            span: span(&p),
            ..Inject::default()
        };
        let mut a = args(p).into_iter();
        i.name = name(a.next().unwrap());
        const W: Thing = Thing::Inject;
        for f in a {
            let Some(field) = InjectField::of(f.as_rule()) else {
                continue;
            };
            let v = args(f.clone());
            match field {
                InjectField::At => {
                    let r = self.range(v[0].clone());
                    self.once(&mut i.at, r, &f, W)
                }
                InjectField::Chance => {
                    let n = Spanned::new(self.number(&v[0]), span(&v[0]));
                    self.once(&mut i.chance, n, &f, W)
                }
                InjectField::AfterStatement => {
                    let r = self.range(v[0].clone());
                    self.once(&mut i.after_statement, r, &f, W)
                }
                InjectField::Kind => self.once(&mut i.kind, name(v[0].clone()), &f, W),
                InjectField::From => {
                    let t = self.text(v[0].clone());
                    self.once(&mut i.from, t, &f, W)
                }
                InjectField::Detail => {
                    let t = self.text(v[0].clone());
                    self.once(&mut i.detail, t, &f, W)
                }
                InjectField::Set => {
                    let vp = v[1].clone().into_inner().next().unwrap();
                    let vs = span(&vp);
                    let value = match vp.as_rule() {
                        Rule::number => Value::Number(self.number(&vp)),
                        _ => Value::Word(vp.as_str().to_string()),
                    };
                    i.effects.push(Effect::Set {
                        signal: name(v[0].clone()),
                        value: Spanned::new(value, vs),
                    })
                }
                InjectField::Scale => {
                    let by = self.range(v[1].clone());
                    i.effects.push(Effect::Scale {
                        param: name(v[0].clone()),
                        by,
                    })
                }
                InjectField::Unavailable => {
                    let hold = self.range(v[1].clone());
                    i.effects.push(Effect::Unavailable {
                        party: name(v[0].clone()),
                        hold,
                    })
                }
                InjectField::Outage => {
                    let hold = self.range(v[1].clone());
                    i.effects.push(Effect::Outage {
                        what: name(v[0].clone()),
                        hold,
                    })
                }
                InjectField::Raise => i.effects.push(Effect::Raise {
                    event: name(v[0].clone()),
                }),
            }
        }
        shrink!(i.effects);
        i
    }

    fn text(&mut self, p: P) -> Text {
        let inner = if p.as_rule() == Rule::text {
            p.into_inner().next().unwrap()
        } else {
            p
        };
        let sp = span(&inner);
        let raw = inner.as_str();
        let value = if inner.as_rule() == Rule::block_string {
            block_value(&raw[3..raw.len() - 3])
        } else {
            self.unescape(&raw[1..raw.len() - 1], sp.start() + 1)
        };
        Spanned::new(value.into(), sp)
    }

    fn unescape(&mut self, s: &str, offset: usize) -> String {
        if !s.contains('\\') {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut chars = s.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((j, other)) => {
                    self.diags.push(Diagnostic::new(
                        Span::new(offset + i, offset + j + other.len_utf8()),
                        ParseFinding::BadEscape { escape: other },
                    ));
                    out.push(other);
                }
                None => {}
            }
        }
        out
    }

    fn duration(&mut self, p: P) -> Option<Spanned<Duration>> {
        let sp = span(&p);
        match p.as_str().parse::<Duration>() {
            Ok(d) => Some(Spanned::new(d, sp)),
            Err(_) => {
                self.diags.push(Diagnostic::new(
                    sp,
                    ParseFinding::DurationTooLong {
                        text: p.as_str().into(),
                    },
                ));
                None
            }
        }
    }

    fn date(&mut self, p: P) -> Option<Spanned<Date>> {
        let sp = span(&p);
        match p.as_str().parse::<Date>() {
            Ok(d) => Some(Spanned::new(d, sp)),
            Err(_) => {
                self.diags.push(Diagnostic::new(
                    sp,
                    ParseFinding::BadDate {
                        text: p.as_str().into(),
                    },
                ));
                None
            }
        }
    }

    fn number(&mut self, p: &P) -> f64 {
        number_value(p.as_str()).unwrap_or_else(|| {
            self.diags.push(Diagnostic::new(
                span(p),
                ParseFinding::BadNumber {
                    text: p.as_str().into(),
                },
            ));
            0.0
        })
    }
}

/// The value of a number as written (`10万`, `1_000`, `0.6`), if it is finite; its
/// range is `model::validate`'s to check.
pub(super) fn number_value(s: &str) -> Option<f64> {
    let (digits, mult) = if let Some(d) = s.strip_suffix('万') {
        (d, 1e4)
    } else if let Some(d) = s.strip_suffix('亿') {
        (d, 1e8)
    } else {
        (s, 1.0)
    };
    match digits.replace('_', "").parse::<f64>() {
        Ok(n) if (n * mult).is_finite() => Some(n * mult),
        _ => None,
    }
}

/// The keywords of a field as written, for the duplicate-field message.
fn field_keyword(f: &P) -> String {
    f.clone()
        .into_inner()
        .take_while(|c| is_keyword(c.as_rule()))
        .map(|c| c.as_str().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `from 接报登记` or `before 评估复盘会`.
fn anchor(p: P) -> Anchor {
    let mut parts = p.into_inner();
    let side = match parts.next().map(|k| k.as_rule()) {
        Some(Rule::k_before) => AnchorSide::Before,
        _ => AnchorSide::From,
    };
    Anchor {
        side,
        action: name(parts.next().expect("an anchor names an action")),
    }
}

fn name(p: P) -> Name {
    let sp = span(&p);
    Spanned::new(p.as_str().into(), sp)
}

fn names(p: P) -> Vec<Name> {
    p.into_inner()
        .filter(|c| c.as_rule() == Rule::name)
        .map(name)
        .collect()
}

fn chapter(p: P) -> Chapter {
    Chapter::from_keyword(p.as_str()).unwrap_or_default()
}

/// The value of a `"""` block: the lines between the delimiters, without their
/// common indentation. A first line that holds only spaces is dropped, and so is a
/// last one; a first line with text is kept as it is.
pub fn block_value(raw: &str) -> String {
    let lines: Vec<&str> = split_lines(raw);
    let mut lines: &[&str] = &lines;
    let mut first: Option<&str> = None;
    if let Some((l0, rest)) = lines.split_first() {
        if l0.trim().is_empty() {
            lines = rest;
        } else {
            first = Some(l0);
            lines = rest;
        }
    }
    if let Some((last, rest)) = lines.split_last()
        && last.trim().is_empty()
    {
        lines = rest;
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<&str> = Vec::new();
    if let Some(f) = first {
        out.push(f);
    }
    for l in lines {
        if l.trim().is_empty() {
            out.push("");
        } else {
            out.push(&l[indent..]);
        }
    }
    out.join("\n")
}

fn split_lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            out.push(&s[start..i]);
            start = i + 1;
        } else if b[i] == b'\r' {
            out.push(&s[start..i]);
            if b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push(&s[start..]);
    out
}

fn prose_twice(span: Span, first: Span, keyword: &str) -> Diagnostic {
    Diagnostic::new(
        span,
        NameFinding::ProseTwice {
            keyword: keyword.into(),
        },
    )
    .with(first, Note::FirstOne)
}
