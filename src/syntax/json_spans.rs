//! The spans the export JSON has no value for: an item's own span (`serde(skip)`),
//! and the parts of values read from one string (a trigger's levels) or through
//! serde's buffering (an inject's effects). Each takes the span of the nearest value
//! that was written: the item's name, the string, the inject.

use crate::model::{Duty, Effect, Inject, Plan, ReportLine, Trigger};
use crate::source::{Span, Spanned};

/// Fills the spans of a plan read from JSON.
pub fn fill(plan: &mut Plan) {
    if let Some(h) = &mut plan.plan {
        h.span = h.title.span;
    }
    for x in &mut plan.principles {
        x.span = x.name.span;
    }
    for x in &mut plan.texts {
        x.span = x.name.span;
    }
    for x in &mut plan.bodies {
        x.span = x.name.span;
        duties(&mut x.duties, x.span);
    }
    for x in &mut plan.roles {
        x.span = x.name.span;
        reports(&mut x.reports_to);
        duties(&mut x.duties, x.span);
    }
    for x in &mut plan.units {
        x.span = x.name.span;
        reports(&mut x.reports_to);
        duties(&mut x.duties, x.span);
    }
    for x in &mut plan.externals {
        x.span = x.name.span;
        duties(&mut x.duties, x.span);
    }
    for x in &mut plan.channels {
        x.span = x.name.span;
    }
    for x in &mut plan.rosters {
        x.span = x.name.span;
        for s in &mut x.shifts {
            s.span = s.name.span;
        }
    }
    fill_levels(plan);
    for x in &mut plan.actions {
        x.span = x.name.span;
        trigger(&mut x.trigger);
        for g in &mut x.conditions {
            g.span = g.words.span;
        }
    }
    for x in &mut plan.resources {
        x.span = x.name.span;
    }
    for x in plan.drills.iter_mut().chain(&mut plan.trainings) {
        x.span = x.name.span;
    }
    for x in plan.templates.iter_mut().chain(&mut plan.annexes) {
        x.span = x.name.span;
    }
    for x in &mut plan.lints {
        x.span = x.code.span;
    }
    for x in &mut plan.scenarios {
        x.span = x.name.span;
        for i in &mut x.injects {
            inject(i);
        }
    }
}

fn fill_levels(plan: &mut Plan) {
    for x in &mut plan.levels {
        x.span = x.name.span;
        reports(&mut x.reports_to);
        if let Some(s) = &mut x.stand_down {
            let written = [
                s.text.as_ref().map(|t| t.span),
                s.when.as_ref().map(|w| w.span),
                s.hold.as_ref().map(|h| h.span),
            ];
            s.span = written.into_iter().flatten().next().unwrap_or(x.span);
        }
    }
}

fn duties(duties: &mut [Duty], owner: Span) {
    for d in duties {
        d.span = d.name.as_ref().map_or(owner, |n| n.span);
        if d.span.is_dummy() {
            d.span = d.text.span;
        }
    }
}

fn reports(lines: &mut [ReportLine]) {
    for r in lines {
        r.span = r.to.span;
    }
}

/// A trigger is one string (`"level red, orange"`); its names point at it.
fn trigger(t: &mut Spanned<Trigger>) {
    let at = t.span;
    match &mut t.value {
        Trigger::Level(names) => {
            *names = names
                .iter()
                .map(|n| Spanned::new(n.value.clone(), at))
                .collect();
        }
        Trigger::Event(n) => n.span = at,
        _ => {}
    }
}

/// Effects are read through serde's buffer of an internally tagged enum, which keeps
/// no spans: they point at their inject.
fn inject(i: &mut Inject) {
    i.span = i.name.span;
    let at = i.span;
    for e in &mut i.effects {
        let (a, b) = match e {
            Effect::Set { signal, value } => (&mut signal.span, Some(&mut value.span)),
            Effect::Scale { param, by } => (&mut param.span, Some(&mut by.span)),
            Effect::Unavailable { party, hold } => (&mut party.span, Some(&mut hold.span)),
            Effect::Outage { what, hold } => (&mut what.span, Some(&mut hold.span)),
            Effect::Raise { event } => (&mut event.span, None),
        };
        *a = at;
        if let Some(b) = b {
            *b = at;
        }
    }
}
