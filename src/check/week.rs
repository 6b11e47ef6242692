//! Coverage of the clock by covered periods (`24x7`, `workdays 09:00-18:00`, …).
//!
//! A day is a workday, a weekend day or a public holiday, and any kind of day can
//! follow any other (a holiday falls on a weekday; Friday is followed by Saturday).
//! A period that runs past midnight covers the early hours of the *next* day,
//! whatever kind that day is. So coverage is computed for each of the nine pairs
//! (kind of the previous day, kind of this day): a set of periods covers the whole
//! clock when every pair is covered from 00:00 to 24:00.

use crate::model::{Days, Period};

/// A kind of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DayKind {
    Workday,
    Weekend,
    Holiday,
}

impl DayKind {
    pub const ALL: [DayKind; 3] = [DayKind::Workday, DayKind::Weekend, DayKind::Holiday];

    /// The keyword of `planc`'s hours syntax for this kind of day.
    pub fn keyword(self) -> &'static str {
        match self {
            DayKind::Workday => "workdays",
            DayKind::Weekend => "weekends",
            DayKind::Holiday => "holidays",
        }
    }

    /// The same kind of day, as diagnostics name it.
    pub fn in_finding(self) -> crate::diagnostic::DayKind {
        match self {
            DayKind::Workday => crate::diagnostic::DayKind::Workday,
            DayKind::Weekend => crate::diagnostic::DayKind::Weekend,
            DayKind::Holiday => crate::diagnostic::DayKind::Holiday,
        }
    }

    fn covered_by(self, days: Days) -> bool {
        matches!(
            (days, self),
            (Days::Daily, _)
                | (Days::Workdays, DayKind::Workday)
                | (Days::Weekends, DayKind::Weekend)
                | (Days::Holidays, DayKind::Holiday)
        )
    }
}

const DAY: usize = 1440;

/// Which minutes of one day (of kind `cur`, after a day of kind `prev`) are covered.
pub fn day_coverage(periods: &[Period], prev: DayKind, cur: DayKind) -> Vec<bool> {
    let mut m = vec![false; DAY];
    for p in periods {
        if p.always {
            m.iter_mut().for_each(|x| *x = true);
            continue;
        }
        let (from, to) = (p.from as usize, p.to as usize);
        let overnight = to <= from;
        if cur.covered_by(p.days) {
            let end = if overnight { DAY } else { to };
            m[from.min(DAY)..end.min(DAY)]
                .iter_mut()
                .for_each(|x| *x = true);
        }
        if overnight && prev.covered_by(p.days) {
            m[..to.min(DAY)].iter_mut().for_each(|x| *x = true);
        }
    }
    m
}

/// An uncovered stretch of one kind of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gap {
    pub prev: DayKind,
    pub day: DayKind,
    /// Minutes of the day, `from..to`.
    pub from: u16,
    pub to: u16,
}

impl Gap {
    /// `workdays 00:00-08:00`.
    pub fn describe(&self) -> String {
        format!(
            "{} {}-{}",
            self.day.keyword(),
            hhmm(self.from),
            hhmm(self.to)
        )
    }

    /// The gap as a finding carries it.
    pub fn in_finding(&self) -> crate::diagnostic::WatchGap {
        crate::diagnostic::WatchGap {
            day: self.day.in_finding(),
            after: self.prev.in_finding(),
            from: hhmm(self.from),
            to: hhmm(self.to),
        }
    }
}

pub fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The pairs (previous day, this day) in a fixed order: same kind first.
fn pairs() -> Vec<(DayKind, DayKind)> {
    let mut v = Vec::new();
    for cur in DayKind::ALL {
        v.push((cur, cur));
        for prev in DayKind::ALL {
            if prev != cur {
                v.push((prev, cur));
            }
        }
    }
    v
}

/// The first minute-range that `claimed` covers and `actual` does not.
pub fn first_uncovered(claimed: &[Period], actual: &[Period]) -> Option<Gap> {
    for (prev, cur) in pairs() {
        let want = day_coverage(claimed, prev, cur);
        let have = day_coverage(actual, prev, cur);
        if let Some((from, to)) = first_run(|i| want[i] && !have[i]) {
            return Some(Gap {
                prev,
                day: cur,
                from,
                to,
            });
        }
    }
    None
}

/// Whether the periods cover every minute of every kind of day.
pub fn covers_everything(periods: &[Period]) -> bool {
    first_uncovered(&[Period::ALWAYS], periods).is_none()
}

/// A hole between shifts: an uncovered stretch with covered time before and after it
/// on the same day (a day following a day of the same kind).
pub fn inner_gap(periods: &[Period]) -> Option<Gap> {
    for kind in DayKind::ALL {
        let have = day_coverage(periods, kind, kind);
        let (Some(first), Some(last)) =
            (have.iter().position(|x| *x), have.iter().rposition(|x| *x))
        else {
            continue;
        };
        if let Some((from, to)) = first_run(|i| i > first && i < last && !have[i]) {
            return Some(Gap {
                prev: kind,
                day: kind,
                from,
                to,
            });
        }
    }
    None
}

fn first_run(hit: impl Fn(usize) -> bool) -> Option<(u16, u16)> {
    let start = (0..DAY).find(|&i| hit(i))?;
    let end = (start..DAY).find(|&i| !hit(i)).unwrap_or(DAY);
    Some((start as u16, end as u16))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn day_and_night_shifts_cover_the_clock() {
        let shifts = [p("daily 08:00-20:00"), p("daily 20:00-08:00")];
        assert!(covers_everything(&shifts));
        assert_eq!(inner_gap(&shifts), None);
    }

    #[test]
    fn workday_nights_leave_monday_morning_open() {
        let shifts = [
            p("workdays 08:00-20:00"),
            p("workdays 20:00-08:00"),
            p("weekends 08:00-20:00"),
        ];
        let gap = first_uncovered(&[Period::ALWAYS], &shifts).unwrap();
        assert_eq!(gap.describe(), "workdays 00:00-08:00");
        assert_eq!(gap.prev, DayKind::Weekend);
        assert!(!covers_everything(&shifts));
    }

    #[test]
    fn holidays_need_their_own_shift() {
        let shifts = [p("workdays 00:00-24:00"), p("weekends 00:00-24:00")];
        let gap = first_uncovered(&[Period::ALWAYS], &shifts).unwrap();
        assert_eq!(gap.day, DayKind::Holiday);
    }

    #[test]
    fn a_lunch_break_is_an_inner_gap() {
        let shifts = [p("workdays 08:00-12:00"), p("workdays 14:00-18:00")];
        let gap = inner_gap(&shifts).unwrap();
        assert_eq!(gap.describe(), "workdays 12:00-14:00");
    }
}
