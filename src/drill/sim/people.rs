//! People: reaching a party (slower evenings and nights, fast on duty or once
//! engaged), absences, backups (AB角), a colleague of the same unit, an acting
//! commander.

use super::super::draw::{Draws, Purpose};
use super::super::model::*;
use super::world::{lognormal, lognormal_below};
use super::{Cause, Delay, MarkKind, NEVER, Runner, Target};

/// The draws that engaging one party takes, drawn only when used: most engagements
/// need the party's own reach time and nothing else.
#[derive(Clone, Copy, Debug)]
pub(super) struct EngageDraws {
    /// The first half of the key ([`Draws::of`]).
    of: u64,
    which: u64,
}

impl EngageDraws {
    /// The draws of engaging a party for what `key` names, instance `which`.
    pub fn keyed(r: &Runner, key: u64, which: u64) -> EngageDraws {
        EngageDraws {
            of: r.draws.of(key),
            which,
        }
    }

    /// The reach time of the party.
    fn reach(&self) -> f64 {
        Draws::unit_of(self.of, self.which, Purpose::Reach)
    }

    /// The reach time of whoever stands in.
    fn backup_reach(&self) -> f64 {
        Draws::unit_of(self.of, self.which, Purpose::BackupReach)
    }

    /// The hand-over time.
    fn handover(&self) -> f64 {
        Draws::unit_of(self.of, self.which, Purpose::Handover)
    }
}

/// What engaging does when the party is out of reach and nobody stands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WhenAbsent {
    /// The work is not done ("no backup, no action").
    GiveUp,
    /// Wait for the party to come back (only the plan's declarer can declare).
    Wait,
}

/// Who stood in for an absent party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum StandIn {
    /// Nobody: the party itself did it.
    Nobody,
    /// Its backup (AB角).
    Backup,
    /// A colleague of the same unit.
    Colleague,
    /// A deputy acting as commander.
    Acting,
}

/// The result of engaging a party.
#[derive(Clone, Copy, Debug)]
pub(super) struct Engagement {
    pub at: f64,
    pub by: PartyId,
    pub stand_in: StandIn,
    pub wait: f64,
    pub reach: f64,
    pub reach_cause: Cause,
    pub handover: f64,
    pub no_backup: bool,
    pub person: PartyId,
}

impl Engagement {
    pub fn via_backup(&self) -> bool {
        self.stand_in != StandIn::Nobody
    }

    /// Why engaging took as long as it did, counted from `t`.
    pub fn delay_since(&self, t: f64) -> Delay {
        if self.wait > 0.0 && self.no_backup {
            Delay::new(self.at - t, Cause::NoBackup, Target::Backup(self.person))
        } else {
            match self.stand_in {
                StandIn::Backup | StandIn::Colleague => {
                    Delay::new(self.at - t, Cause::Handover, Target::Backup(self.person))
                }
                StandIn::Acting => {
                    Delay::new(self.at - t, Cause::Acting, Target::Backup(self.person))
                }
                StandIn::Nobody => {
                    Delay::new(self.at - t, self.reach_cause, Target::Party(self.person))
                }
            }
        }
    }

    /// The part of the time an absence took (waiting or handing over).
    pub fn absence_delay(&self) -> Delay {
        if self.wait > 0.0 {
            let cause = if self.no_backup {
                Cause::NoBackup
            } else {
                Cause::ReachSlow
            };
            Delay::new(self.wait, cause, Target::Backup(self.person))
        } else if self.stand_in == StandIn::Acting {
            Delay::new(self.handover, Cause::Acting, Target::Backup(self.person))
        } else if self.via_backup() {
            Delay::new(self.handover, Cause::Handover, Target::Backup(self.person))
        } else {
            Delay::new(0.0, Cause::None, Target::Party(self.person))
        }
    }
}

impl Runner<'_> {
    pub(super) fn unavailable_until(&self, p: PartyId, t: f64) -> Option<f64> {
        let mut until: Option<f64> = None;
        for a in &self.world.absences {
            if a.party == p && a.from <= t && t < a.until {
                until = Some(until.map_or(a.until, |u: f64| u.max(a.until)));
            }
        }
        until
    }

    /// Whether a roster of the party is on shift at `t`: a standing one, or one the
    /// declared level (or a lower one) puts on duty.
    fn on_duty(&self, p: PartyId, t: f64) -> bool {
        self.on_duty_at(p, self.calendar(t))
    }

    /// [`Runner::on_duty`] at a time already turned into its day type and minute.
    fn on_duty_at(&self, p: PartyId, (ty, minute, _): (DayType, u16, u32)) -> bool {
        let on = |d: &crate::drill::model::DayPieces| {
            d[ty as usize]
                .iter()
                .any(|&(a, b)| a <= minute && minute < b)
        };
        let party = &self.model.parties[p as usize];
        on(&party.duty)
            || (party.level_duty.iter())
                .any(|(from, d)| self.response.declared.is_some_and(|l| l >= *from) && on(d))
    }

    /// Time to reach a party at `t` (from a uniform draw), and whether it was at night /
    /// off hours.
    pub(super) fn reach(&mut self, p: PartyId, t: f64, u: f64) -> (f64, Cause) {
        let params = &self.model.params;
        let (median, cause) = if self.response.engaged[p as usize] <= t {
            (params.reach_engaged, Cause::ReachSlow)
        } else {
            let calendar = self.calendar(t);
            let (ty, minute, _) = calendar;
            if self.on_duty_at(p, calendar) {
                (params.reach_duty, Cause::ReachSlow)
            } else if self.is_night(minute) {
                (params.reach_night, Cause::ReachNight)
            } else if ty == DayType::Workday
                && minute >= params.office_from
                && minute < params.office_to
            {
                (params.reach_office, Cause::ReachSlow)
            } else {
                (params.reach_evening, Cause::ReachOffHours)
            }
        };
        let r = lognormal(median, params.reach_sigma, u);
        let e = &mut self.response.engaged[p as usize];
        *e = e.min(t + r);
        (r, cause)
    }

    /// The person behind a party: a body is convened by its lead.
    pub(super) fn person(&self, p: PartyId) -> PartyId {
        let party = &self.model.parties[p as usize];
        match (party.kind, party.lead) {
            (PartyKind::Body, Some(l)) => l,
            _ => p,
        }
    }

    fn backup_of(&self, p: PartyId, person: PartyId) -> Option<PartyId> {
        let parties = &self.model.parties;
        parties[person as usize]
            .backup
            .or(if p != person {
                parties[p as usize].backup
            } else {
                None
            })
            .filter(|&b| b != person)
    }

    /// Who stands in for an absent person at `t`, how, and with what hand-over.
    fn stand_in(
        &self,
        p: PartyId,
        person: PartyId,
        t: f64,
    ) -> Option<(PartyId, StandIn, (f64, f64))> {
        let m = self.model;
        let params = &m.params;
        // A second holder on call (an on-call rotation) is paged at once.
        if let Some(after) = m.parties[person as usize].secondary {
            return Some((person, StandIn::Colleague, (after, 0.0)));
        }
        // A unit is people: someone else of it (the one on duty first) takes the work;
        // so is a class of posts.
        let party = &m.parties[person as usize];
        if party.kind == PartyKind::Unit || party.class {
            let handover = if self.on_duty(person, t) {
                (1.0, 0.1)
            } else {
                params.unit_handover
            };
            return Some((person, StandIn::Colleague, handover));
        }
        if let Some(b) = self.backup_of(p, person)
            && self.unavailable_until(b, t).is_none()
        {
            return Some((b, StandIn::Backup, params.handover));
        }
        if Some(person) == m.commander {
            let acting = m
                .acting
                .iter()
                .copied()
                .find(|&d| d != person && self.unavailable_until(d, t).is_none())?;
            return Some((acting, StandIn::Acting, params.acting_handover));
        }
        None
    }

    /// Engages a party at `t`. An unavailable person is replaced (a colleague of the
    /// unit, the backup, an acting commander) after a hand-over; with nobody to stand
    /// in the work is not done at all unless `absent` says to wait.
    pub(super) fn engage(
        &mut self,
        p: PartyId,
        t: f64,
        draws: EngageDraws,
        absent: WhenAbsent,
    ) -> Engagement {
        let person = self.person(p);
        let plain = |at, wait, reach, reach_cause, no_backup| Engagement {
            at,
            by: person,
            stand_in: StandIn::Nobody,
            wait,
            reach,
            reach_cause,
            handover: 0.0,
            no_backup,
            person,
        };
        let Some(until) = self.unavailable_until(person, t) else {
            let (r, cause) = self.reach(person, t, draws.reach());
            if let Some(e) = self.page_secondary(person, t, r, draws) {
                return e;
            }
            // Whoever cannot be reached for a while is replaced by the backup.
            if let Some(b) = self.backup_of(p, person)
                && self.unavailable_until(b, t).is_none()
            {
                let (median, sigma) = self.model.params.handover;
                if let Some(h) = lognormal_below(median, sigma, draws.handover(), r) {
                    let (rb, cause_b) = self.reach(b, t + h, draws.backup_reach());
                    if h + rb < r {
                        return Engagement {
                            at: t + h + rb,
                            by: b,
                            stand_in: StandIn::Backup,
                            wait: 0.0,
                            reach: rb,
                            reach_cause: cause_b,
                            handover: h,
                            no_backup: false,
                            person,
                        };
                    }
                }
            }
            return plain(t + r, 0.0, r, cause, false);
        };
        if let Some((by, stand_in, (median, sigma))) = self.stand_in(p, person, t) {
            let h = lognormal(median, sigma, draws.handover());
            let (r, cause) = self.reach(by, t + h, draws.backup_reach());
            if stand_in == StandIn::Acting {
                self.mark(t + h, MarkKind::Acting(by));
            }
            return Engagement {
                at: t + h + r,
                by,
                stand_in,
                wait: 0.0,
                reach: r,
                reach_cause: cause,
                handover: h,
                no_backup: false,
                person,
            };
        }
        if absent == WhenAbsent::GiveUp {
            return plain(NEVER, NEVER, 0.0, Cause::None, true);
        }
        let (r, cause) = self.reach(person, until, draws.reach());
        plain(until + r, until - t, r, cause, true)
    }

    /// An on-call rotation pages its secondary when the primary has not answered by
    /// then: the secondary engages if they answer before the primary does.
    fn page_secondary(
        &mut self,
        person: PartyId,
        t: f64,
        r: f64,
        draws: EngageDraws,
    ) -> Option<Engagement> {
        let after = self.model.parties[person as usize].secondary?;
        if after >= r {
            return None;
        }
        let (rb, cause) = self.reach(person, t + after, draws.backup_reach());
        (after + rb < r).then_some(Engagement {
            at: t + after + rb,
            by: person,
            stand_in: StandIn::Colleague,
            wait: 0.0,
            reach: rb,
            reach_cause: cause,
            handover: after,
            no_backup: false,
            person,
        })
    }

    /// A person's part of some work starts when they are free: a role is one person
    /// and does one thing at a time. Returns the first time from `t` with `minutes`
    /// free (before a later booking if it fits in the gap, else after it); books them
    /// until `start + minutes`.
    pub(super) fn book(&mut self, p: PartyId, t: f64, minutes: f64) -> f64 {
        let party = &self.model.parties[p as usize];
        if party.kind != PartyKind::Role || party.class || !t.is_finite() {
            return t;
        }
        let busy = minutes.min(self.model.params.hands_on_cap);
        book_first_gap(&mut self.response.booked[p as usize], t, busy)
    }
}

/// Books `busy` minutes in the first gap from `t` of a person's bookings (intervals
/// sorted by start, not overlapping) and returns when the work starts.
fn book_first_gap(slots: &mut Vec<(f64, f64)>, t: f64, busy: f64) -> f64 {
    let mut start = t;
    let mut at = slots.len();
    // Bookings that do not overlap and are sorted by start end in order too: those
    // over by `t` are skipped at once (a commander signs off dozens of rounds a run).
    let over = slots.partition_point(|&(_, to)| to <= t);
    for (k, &(from, to)) in slots.iter().enumerate().skip(over) {
        if to <= start {
            continue;
        }
        if start + busy <= from {
            at = k;
            break;
        }
        start = start.max(to);
    }
    if busy > 0.0 {
        slots.insert(at, (start, start + busy));
    }
    start
}

#[cfg(test)]
mod tests {
    use super::book_first_gap;
    use crate::drill::sim::world::{lognormal, lognormal_below};

    #[test]
    fn a_log_normal_below_a_bound_is_the_log_normal_exactly() {
        // Across the draws and bounds around the median, in the tails and at the value
        // itself: the same answer and the same bits as comparing the full draw.
        for i in 1..2000 {
            let u = i as f64 / 2000.0;
            let v = lognormal(30.0, 0.5, u);
            // From the median up the quantile is never negative (the shortcut's premise).
            assert!(u < 0.5 || crate::drill::draw::inverse_normal(u) >= 0.0);
            for x in [
                0.5,
                4.0,
                15.0,
                29.9,
                30.0,
                60.0,
                400.0,
                v,
                v * (1.0 + 1e-15),
            ] {
                let expected = (v < x).then_some(v.to_bits());
                assert_eq!(lognormal_below(30.0, 0.5, u, x).map(f64::to_bits), expected);
            }
        }
    }

    #[test]
    fn work_goes_into_the_first_gap_long_enough_and_bookings_stay_sorted() {
        let mut s = Vec::new();
        // Free: at once.
        assert_eq!(book_first_gap(&mut s, 10.0, 20.0), 10.0);
        // Overlapping the booking: after it.
        assert_eq!(book_first_gap(&mut s, 15.0, 10.0), 30.0);
        assert_eq!(s, vec![(10.0, 30.0), (30.0, 40.0)]);
        // Asked for later in time, booked first.
        assert_eq!(book_first_gap(&mut s, 100.0, 10.0), 100.0);
        // Fits in the gap before the later booking (40..100): not pushed behind it.
        assert_eq!(book_first_gap(&mut s, 45.0, 30.0), 45.0);
        // Does not fit in what is left of the gap (75..100): after every booking that
        // overlaps it.
        assert_eq!(book_first_gap(&mut s, 70.0, 40.0), 110.0);
        assert_eq!(
            s,
            vec![
                (10.0, 30.0),
                (30.0, 40.0),
                (45.0, 75.0),
                (100.0, 110.0),
                (110.0, 150.0)
            ]
        );
        assert!(s.windows(2).all(|w| w[0].1 <= w[1].0), "no overlap: {s:?}");
        // No time asked: nothing is booked, but a busy person still starts when free.
        assert_eq!(book_first_gap(&mut s, 20.0, 0.0), 30.0);
        assert_eq!(s.len(), 5);
    }
}
