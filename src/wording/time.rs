//! The one duration formatter. Every duration planc prints goes through [`duration`];
//! the styles differ only in the words they take from the labels.

use super::Words;

/// What is measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount<'a> {
    /// A duration as the plan wrote it: a count and a unit suffix (`m`, `h`, `d`, `w`,
    /// `mo`, `y`).
    Written { count: u64, suffix: &'a str },
    /// A number of minutes (possibly not finite: something that never happened).
    Minutes(f64),
}

/// How it is said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationStyle {
    /// The plan's own spelling, the same in every language: `45m`, `1h30m`, `1d6h`.
    Plan,
    /// Count and unit word from `duration` (`30分钟`, `30 minutes`); minutes are said in
    /// their largest whole unit (`2小时`, `2 hours`).
    Words,
    /// Count and short unit word from `duration_short` (`30分钟`, `30 min`, `2 days`).
    Short,
    /// Elapsed time from `elapsed`: days, hours and minutes by the shape of the amount
    /// (`2小时5分`, `2 h 5 min`, `1天3小时`); `elapsed.never` when it never ended.
    Elapsed,
}

/// Minutes in a unit suffix.
fn unit_minutes(suffix: &str) -> Option<u64> {
    Some(match suffix {
        "m" => 1,
        "h" => 60,
        "d" => 1440,
        "w" => 10_080,
        "mo" => 43_200,
        "y" => 525_600,
        "wd" => 1440,
        _ => return None,
    })
}

/// A duration in the given style.
pub fn duration(w: &Words, amount: Amount<'_>, style: DurationStyle) -> String {
    match style {
        DurationStyle::Plan => plan_spelling(whole_minutes(amount)),
        DurationStyle::Words | DurationStyle::Short => {
            let table = if style == DurationStyle::Words {
                "duration"
            } else {
                "duration_short"
            };
            let (count, suffix) = match amount {
                Amount::Written { count, suffix } => (count, suffix),
                Amount::Minutes(_) => largest_whole_unit(whole_minutes(amount)),
            };
            let count = count.min(u64::from(u32::MAX));
            format!(
                "{count}{}{}",
                w.get(&format!("{table}.sep")),
                w.unit_in(table, suffix, count)
            )
        }
        DurationStyle::Elapsed => elapsed(w, amount),
    }
}

fn whole_minutes(amount: Amount<'_>) -> u64 {
    match amount {
        Amount::Written { count, suffix } => {
            count.saturating_mul(unit_minutes(suffix).unwrap_or(1))
        }
        Amount::Minutes(x) if x.is_finite() => x.max(0.0).round() as u64,
        Amount::Minutes(_) => 0,
    }
}

/// The largest unit of minutes, days, hours or minutes, that divides the amount.
fn largest_whole_unit(m: u64) -> (u64, &'static str) {
    if m > 0 && m.is_multiple_of(1440) {
        (m / 1440, "d")
    } else if m > 0 && m.is_multiple_of(60) {
        (m / 60, "h")
    } else {
        (m, "m")
    }
}

/// Minutes as a plan writer spells a duration: `45m`, `1h30m`, `2d`, `1d6h`.
pub fn plan_spelling(minutes: u64) -> String {
    if minutes == 0 {
        return "0m".into();
    }
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut s = String::new();
    for (n, u) in [(d, "d"), (h, "h"), (m, "m")] {
        if n > 0 {
            s += &format!("{n}{u}");
        }
    }
    s
}

fn elapsed(w: &Words, amount: Amount<'_>) -> String {
    if let Amount::Minutes(x) = amount
        && !x.is_finite()
    {
        return w.get("elapsed.never");
    }
    let m = whole_minutes(amount);
    let (d, h, mm) = (m / 1440, (m % 1440) / 60, m % 60);
    let (d, h, mm) = (d.to_string(), h.to_string(), mm.to_string());
    let shape = match (m / 1440, (m % 1440) / 60, m % 60) {
        (0, 0, _) => "m",
        (0, _, 0) => "h",
        (0, _, _) => "hm",
        (_, 0, _) => "d",
        _ => "dh",
    };
    w.fill(
        &format!("elapsed.{shape}"),
        &[("d", &d), ("h", &h), ("m", &mm)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::Lang;

    fn say(lang: Lang, amount: Amount<'_>, style: DurationStyle) -> String {
        duration(Words::of(lang), amount, style)
    }

    #[test]
    fn plan_spelling_is_compact() {
        assert_eq!(plan_spelling(0), "0m");
        assert_eq!(plan_spelling(90), "1h30m");
        assert_eq!(plan_spelling(2880), "2d");
        assert_eq!(plan_spelling(1440 + 360), "1d6h");
    }

    #[test]
    fn words_and_short_words() {
        let w = |count, suffix| Amount::Written { count, suffix };
        assert_eq!(say(Lang::Zh, w(30, "m"), DurationStyle::Words), "30分钟");
        assert_eq!(say(Lang::En, w(1, "h"), DurationStyle::Words), "1 hour");
        assert_eq!(say(Lang::En, w(2, "d"), DurationStyle::Words), "2 days");
        assert_eq!(
            say(Lang::En, Amount::Minutes(120.0), DurationStyle::Words),
            "2 hours"
        );
        assert_eq!(say(Lang::En, w(30, "m"), DurationStyle::Short), "30 min");
        assert_eq!(say(Lang::En, w(1, "d"), DurationStyle::Short), "1 day");
        assert_eq!(say(Lang::Zh, w(6, "mo"), DurationStyle::Short), "6个月");
    }

    #[test]
    fn elapsed_time_by_shape() {
        let e = |lang, x| say(lang, Amount::Minutes(x), DurationStyle::Elapsed);
        assert_eq!(e(Lang::Zh, 45.0), "45分钟");
        assert_eq!(e(Lang::Zh, 125.0), "2小时5分");
        assert_eq!(e(Lang::Zh, 120.0), "2小时");
        assert_eq!(e(Lang::Zh, 1440.0 + 200.0), "1天3小时");
        assert_eq!(e(Lang::En, 125.0), "2 h 5 min");
        assert_eq!(e(Lang::En, 2880.0), "2 d");
        assert_eq!(e(Lang::En, f64::INFINITY), "never");
        assert_eq!(e(Lang::Zh, f64::INFINITY), "未完成");
    }
}
