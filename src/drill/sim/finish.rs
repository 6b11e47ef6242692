//! The end of a run: the benchmarks the plan cannot loosen, what the run exercised
//! that the plan has nothing for, the rating of every expectation, and the root cause
//! behind each late one.

use super::super::model::*;
use super::super::params::BenchmarkKind;
use super::{Cause, Expectation, MarkKind, NEVER, Quality, Rating, Runner, Target, What};

/// The capability a benchmark holds to account.
fn benchmark_capability(kind: BenchmarkKind) -> Capability {
    match kind {
        BenchmarkKind::Response | BenchmarkKind::PressConference => Capability::PublicInformation,
        BenchmarkKind::UpwardReport => Capability::Reporting,
        BenchmarkKind::ThreeSync => Capability::Coordination,
        BenchmarkKind::Review => Capability::Recovery,
        BenchmarkKind::Decision => Capability::Assessment,
        BenchmarkKind::InternalReport => Capability::Reporting,
    }
}

/// Whether an expectation's work meets a benchmark of a kind.
fn meets(m: &DrillModel, e: &Expectation, kind: BenchmarkKind) -> bool {
    match e.what {
        What::Action(a) => {
            let action = &m.actions[a as usize];
            match kind {
                BenchmarkKind::Response => action.is_public(),
                BenchmarkKind::PressConference => action.public == Public::PressConference,
                BenchmarkKind::UpwardReport => action.facets.upward,
                BenchmarkKind::ThreeSync => action.facets.offline,
                BenchmarkKind::Review => action.facets.review,
                BenchmarkKind::Decision | BenchmarkKind::InternalReport => false,
            }
        }
        What::Report(line) => kind == BenchmarkKind::UpwardReport && m.lines[line as usize].upward,
        _ => false,
    }
}

/// Whether the plan has anything that could meet a benchmark of a kind.
fn plan_meets(m: &DrillModel, kind: BenchmarkKind) -> bool {
    let by_action = m.actions.iter().any(|a| match kind {
        BenchmarkKind::Response => a.is_public(),
        BenchmarkKind::PressConference => a.public == Public::PressConference,
        BenchmarkKind::UpwardReport => a.facets.upward,
        BenchmarkKind::ThreeSync => a.facets.offline,
        BenchmarkKind::Review => a.facets.review,
        BenchmarkKind::Decision | BenchmarkKind::InternalReport => false,
    });
    by_action || (kind == BenchmarkKind::UpwardReport && m.lines.iter().any(|l| l.upward))
}

impl Runner<'_> {
    /// Adds the benchmarks, rates every expectation and records the outcome measures.
    pub(super) fn finish(&mut self) {
        let m = self.model;
        let end_t = if self.response.stood_down.is_finite() {
            self.response.stood_down
        } else {
            m.params.horizon
        };
        self.log.outcome.peak_reach = self.world.spread.reach(end_t);
        if self.response.detected == NEVER
            && let Some(i) = self.response.detect_expectation
        {
            let (cause, target) = self.detection_cause(m.params.horizon);
            let e = &mut self.log.expectations[i as usize];
            e.cause = cause;
            e.target = target;
        }
        let top = self.response.reached_at.iter().rposition(|t| t.is_finite());
        self.log.outcome.top_level = top.map(|l| l as u8);
        let first = self.first_meeting();
        for kind in BenchmarkKind::ALL.into_iter().filter(|k| !k.is_bound()) {
            self.benchmark(kind, first[kind as usize]);
        }
        self.uncovered();
        self.rate_all();
        self.mark(end_t, MarkKind::End);
    }

    /// Per benchmark kind: the expectation done first (the earliest in the log among
    /// equals) whose work meets it. One pass over the log for every kind.
    fn first_meeting(&self) -> [Option<usize>; 7] {
        let m = self.model;
        let mut first: [Option<usize>; 7] = [None; 7];
        for (i, x) in self.log.expectations.iter().enumerate() {
            if !x.done.is_finite() || !matches!(x.what, What::Action(_) | What::Report(_)) {
                continue;
            }
            for kind in BenchmarkKind::ALL {
                let slot = &mut first[kind as usize];
                let earlier = slot.is_none_or(|j| {
                    x.done.total_cmp(&self.log.expectations[j].done) == std::cmp::Ordering::Less
                });
                if earlier && meets(m, x, kind) {
                    *slot = Some(i);
                }
            }
        }
        first
    }

    /// The benchmark of a kind for this run: due from when the situation reached the
    /// lowest level of the strictest band it applies to (from stand-down for the
    /// review), met by the first work of the plan that does what it asks (`first`,
    /// from [`Runner::first_meeting`]).
    fn benchmark(&mut self, kind: BenchmarkKind, first: Option<usize>) {
        let m = self.model;
        let mut due: Option<(f64, f64, u8)> = None;
        for b in m.benchmarks.iter().filter(|b| b.kind == kind) {
            let (hi, lo) = b.from_top;
            let lowest = m.levels.iter().enumerate().find(|(i, l)| {
                l.from_top >= hi && l.from_top <= lo && self.response.reached_at[*i].is_finite()
            });
            let Some((l, _)) = lowest else {
                continue;
            };
            let from = if kind == BenchmarkKind::Review {
                self.response.stood_down
            } else {
                self.response.reached_at[l]
            };
            if from.is_finite() && due.is_none_or(|(f, a, _)| from + b.allowed < f + a) {
                due = Some((from, b.allowed, l as u8));
            }
        }
        let Some((from, allowed, level)) = due else {
            return;
        };
        let mut e = Expectation::new(
            What::Benchmark(kind, level),
            benchmark_capability(kind),
            from,
            from,
            allowed,
        );
        e.critical = matches!(kind, BenchmarkKind::Response | BenchmarkKind::UpwardReport);
        e.post_incident = kind == BenchmarkKind::Review;
        e.target = Target::Benchmark(kind, level);
        match first {
            Some(i) => {
                let x = self.log.expectations[i];
                e.done = x.done;
                e.by = x.by;
                e.upstream = Some(i as u32);
                e.cause = x.cause;
                e.target = if x.cause == Cause::None {
                    e.target
                } else {
                    x.target
                };
                e.cause_minutes = x.cause_minutes;
            }
            None if !plan_meets(m, kind) => e.cause = Cause::NotInPlan,
            None => {}
        }
        self.push_expectation(e);
    }

    /// A capability the run exercised with nothing of the plan to rate is a task the
    /// plan left undone, never N/A.
    fn uncovered(&mut self) {
        let m = self.model;
        let top = self.log.outcome.top_level;
        let reached = top.is_some();
        // The public is told from the domain's levels up: a run whose highest level is
        // below them does not exercise public information.
        let (hi, lo) = m.public_levels;
        let public = top.is_some_and(|l| {
            let from_top = m.levels[l as usize].from_top;
            from_top >= hi && from_top <= lo
        });
        let stood_down = self.response.stood_down.is_finite();
        let exercised = |c: Capability| match c {
            Capability::Monitoring | Capability::Assessment => true,
            Capability::Reporting | Capability::Coordination => reached,
            Capability::PublicInformation => public,
            Capability::Recovery => stood_down,
        };
        for c in Capability::ALL {
            if exercised(c) && !self.log.expectations.iter().any(|e| e.capability == c) {
                let from = self.log.outcome.detect.min(self.model.params.horizon);
                let mut e = Expectation::new(What::Uncovered(c), c, from, from, 0.0);
                e.cause = Cause::NotInPlan;
                e.target = Target::Plan;
                self.push_expectation(e);
            }
        }
    }

    /// Rates every expectation and links each late one to the root of its lateness.
    fn rate_all(&mut self) {
        let m = self.model;
        let never = match m.assessment {
            None => (Cause::NoAssessment, Target::Plan),
            Some(a) => (Cause::ReassessLate, Target::Action(a)),
        };
        let horizon = m.params.horizon;
        for i in 0..self.log.expectations.len() {
            let e = &mut self.log.expectations[i];
            // Post-incident work has no horizon: it is rated however late it is done.
            let limit = if e.post_incident { NEVER } else { horizon };
            e.rating = rate(e, limit, never);
            let root = match e.upstream {
                Some(u) if e.rating != Rating::P && (u as usize) < i => {
                    let up = self.log.expectations[u as usize];
                    if up.rating != Rating::P {
                        up.root
                    } else {
                        i as u32
                    }
                }
                _ => i as u32,
            };
            self.log.expectations[i].root = root;
        }
    }
}

/// Rates an expectation done by `limit` (else U, saying why); a declaration never made
/// takes the cause in `never`. A wrong statement is at best M; calling a genuine event
/// a rumour is U.
fn rate(e: &mut Expectation, limit: f64, never: (Cause, Target)) -> Rating {
    let allowed = (e.deadline - e.due_from).max(0.0);
    if !e.deadline.is_finite() {
        // Nothing made it due (the post never became visible enough).
        return Rating::P;
    }
    if !e.done.is_finite() || e.done > limit {
        if matches!(e.what, What::Declare(_)) && e.cause == Cause::None {
            e.cause = never.0;
            e.target = never.1;
        }
        if e.cause == Cause::None {
            e.cause = Cause::Horizon;
        }
        return Rating::U;
    }
    let by_time = if e.done <= e.deadline + 1e-9 {
        Rating::P
    } else if e.done <= e.deadline + allowed + 1e-9 {
        Rating::S
    } else {
        Rating::M
    };
    match e.quality {
        Quality::Sound => by_time,
        Quality::Misstated => by_time.max(Rating::M),
        Quality::DebunkedGenuine => Rating::U,
    }
}
