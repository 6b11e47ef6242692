//! The plan model: what a plan says, with the span of every part.
//!
//! The model is name-based: references are the names written in the plan, checked by
//! [`super::resolve`]. It serializes to the export JSON (cli.md) with spans left out.
//! The front end reads that JSON back (`syntax::json`), so a plan from another system
//! goes through the same checks; the types read themselves except where a value is
//! written in the plan language (a level's conditions), which the front end parses.

use crate::source::{Name, Span, Spanned, Text};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An enum whose variants are words of the language: the variants, `ALL`,
/// `keyword()` and `from_keyword()` from one list of `Variant = "word"`.
macro_rules! spelled {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $word:literal,)+
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            pub const ALL: [$name; [$($word),+].len()] = [$($name::$variant),+];

            /// How the plan language spells it.
            #[inline]
            pub fn keyword(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }

            /// The variant a word of the plan language spells.
            #[inline]
            pub fn from_keyword(word: &str) -> Option<$name> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

/// Serde as text: the export writes these values as a plan writes them (`2h`,
/// `2026-12-01`, `workdays 09:00-18:00`) through `Display`, and reads them back
/// through `FromStr`.
macro_rules! serde_as_text {
    (write $($t:ty),+) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )+};
    (read $($t:ty),+) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    )+};
}

serde_as_text!(write Period, Condition, Trigger, Range, Duration, Date);
serde_as_text!(read Period, Trigger, Range, Duration, Date);

/// A whole compiled plan (or a scenario file, which holds only scenarios).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Plan {
    /// The export format version: written as 2; 1 is read too.
    pub version: FormatVersion,
    pub plan: Option<Header>,
    pub purpose: Option<Text>,
    pub scope: Option<Text>,
    pub principles: Vec<Principle>,
    pub texts: Vec<Prose>,
    pub bodies: Vec<Body>,
    pub roles: Vec<Role>,
    pub units: Vec<Unit>,
    pub externals: Vec<External>,
    pub channels: Vec<Channel>,
    pub rosters: Vec<Roster>,
    /// Event grades (事件分级), when the plan grades incidents apart from its levels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<Grade>,
    pub levels: Vec<Level>,
    pub actions: Vec<Action>,
    pub resources: Vec<Resource>,
    pub drills: Vec<Exercise>,
    pub trainings: Vec<Exercise>,
    pub templates: Vec<Annex>,
    pub annexes: Vec<Annex>,
    pub lints: Vec<LintItem>,
    /// The working calendar (`calendar { … }`), when the plan gives one.
    #[serde(default, skip_serializing_if = "Calendar::is_empty")]
    pub calendar: Calendar,
    pub scenarios: Vec<Scenario>,
}

/// The working calendar: public holidays and the weekend days worked instead. Without
/// either, Monday to Friday are working days.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Calendar {
    pub holidays: Vec<Holiday>,
    pub workdays: Vec<Spanned<Date>>,
}

/// A public holiday: one day, or the days from `from` to `to`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Holiday {
    pub from: Spanned<Date>,
    pub to: Spanned<Date>,
}

/// The longest holiday a calendar may give: a year (a longer one is a typo, and it
/// would let the count of working days run on without end).
pub const MAX_HOLIDAY_DAYS: i64 = 366;

impl Calendar {
    pub fn is_empty(&self) -> bool {
        self.holidays.is_empty() && self.workdays.is_empty()
    }

    /// Whether a day is worked: a listed workday is; a holiday is not; otherwise
    /// Monday to Friday.
    pub fn is_working(&self, d: Date) -> bool {
        if self.workdays.iter().any(|w| w.value == d) {
            return true;
        }
        let off = (self.holidays.iter()).any(|h| h.from.value <= d && d <= h.to.value);
        !off && d.weekday() < 5
    }

    /// The date `n` working days after `d` (the day itself not counted). At most a
    /// century of days is walked, whatever the calendar says.
    pub fn add_working_days(&self, d: Date, n: u32) -> Date {
        let mut day = d.days_since_epoch();
        let mut left = n;
        let limit = day + 36_525 + i64::from(n) * 2;
        while left > 0 && day < limit {
            day += 1;
            if self.is_working(Date::from_days_since_epoch(day)) {
                left -= 1;
            }
        }
        Date::from_days_since_epoch(day)
    }
}

impl Plan {
    /// Whether the plan defines nothing at all.
    pub fn is_empty(&self) -> bool {
        let p = Plan {
            version: FormatVersion,
            ..Plan::default()
        };
        *self == p
    }
}

/// The version of the export format. planc writes version 2. Version 1 (before
/// relative and working-day time limits, joint owners, alternative declarers) is read by
/// the same reader: everything version 2 added is optional and absent from a version 1
/// file, so a version 1 export reads as the plan it was, and `planc diff` compares it
/// with a newer plan or export field by field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FormatVersion;

impl FormatVersion {
    /// The version planc writes.
    pub const WRITTEN: u32 = 2;
    /// The versions planc reads.
    pub const READ: [u32; 2] = [1, 2];
}

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(FormatVersion::WRITTEN)
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match u32::deserialize(d)? {
            n if FormatVersion::READ.contains(&n) => Ok(FormatVersion),
            n => Err(serde::de::Error::custom(format!(
                "export format version {n} is not supported; this planc reads versions 1 and 2"
            ))),
        }
    }
}

/// The header block: cover fields and cadences.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Header {
    pub title: Text,
    pub org: Option<Text>,
    pub number: Option<Text>,
    pub version: Option<Text>,
    pub issued: Option<Spanned<Date>>,
    pub filed: Option<Spanned<Date>>,
    /// The authority the plan is filed with (备案机关): an external party.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed_with: Option<Name>,
    pub reviewed: Option<Spanned<Date>>,
    pub approver: Option<Name>,
    pub maintainer: Option<Name>,
    pub review_every: Option<Spanned<Duration>>,
    pub drill_every: Option<Spanned<Duration>>,
    pub basis: Vec<Text>,
    pub parent: Vec<Text>,
    pub related: Vec<Text>,
    /// The bodies the plan is copied to (抄送机关).
    pub cc: Vec<Text>,
    /// The addressees of the cover letter (主送机关); with them the plan is issued by a
    /// 印发通知 and becomes its annex.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<Text>,
    /// The cover letter's own words (its default is one sentence of issue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Text>,
    /// The domain the plan speaks (`domain 网络安全`); 网络舆情 when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<Name>,
    /// The issuing authority (发文机关) when not the organization (`issuer "…"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Text>,
    /// The office that prints and sends it (印发机关, `printed_by "…"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_by: Option<Text>,
    /// How soon `within immediately` is at the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immediately: Option<Spanned<Duration>>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Principle {
    pub name: Name,
    pub text: Text,
    #[serde(skip)]
    pub span: Span,
}

spelled! {
    /// The chapter of the document a free text belongs to.
    #[derive(
        Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
    )]
    #[serde(rename_all = "snake_case")]
    pub enum Chapter {
        #[default]
        General = "general",
        Organization = "organization",
        Monitoring = "monitoring",
        Response = "response",
        PostIncident = "post_incident",
        Safeguards = "safeguards",
        Training = "training",
        Supplementary = "supplementary",
        Annex = "annex",
    }
}

/// `text CHAPTER NAME "..."`: free prose for a chapter.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Prose {
    pub chapter: Chapter,
    pub name: Name,
    pub text: Text,
    #[serde(skip)]
    pub span: Span,
}

/// A standing responsibility.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Duty {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Name>,
    pub text: Text,
    #[serde(skip)]
    pub span: Span,
}

/// The command body (应急指挥中心).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Body {
    pub name: Name,
    pub title: Option<Text>,
    pub lead: Option<Name>,
    /// Who leads it jointly with `lead` (`lead 党委书记, 校长`: 双组长).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_leads: Vec<Name>,
    pub deputies: Vec<Name>,
    pub office: Option<Name>,
    pub members: Vec<Name>,
    pub duties: Vec<Duty>,
    #[serde(skip)]
    pub span: Span,
}

/// A reporting line: information flowing up within a time limit.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ReportLine {
    pub to: Name,
    /// The time limit; for `within immediately`, the plan's bound of it.
    pub within: Option<Spanned<Duration>>,
    #[serde(default, skip_serializing_if = "Deadline::is_fixed")]
    pub deadline: Deadline,
    pub via: Option<Text>,
    #[serde(skip)]
    pub span: Span,
    /// Who makes the report, on a level's line (`by 总指挥`); a party's standing line is
    /// made by the party and has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Name>,
}

/// A position held by a person (总指挥, 新闻发言人).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Role {
    pub name: Name,
    /// The post's full title, as documents print it (`title "Incident Commander"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    pub holder: Option<Text>,
    /// `holders "…"`: a class of posts, each holder doing the role's work for their own
    /// part (each college's party secretary).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub class: bool,
    pub backup: Option<Name>,
    pub reports_to: Vec<ReportLine>,
    pub duties: Vec<Duty>,
    pub contact: Option<Text>,
    #[serde(skip)]
    pub span: Span,
}

/// A department with duties.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Unit {
    pub name: Name,
    pub title: Option<Text>,
    pub head: Option<Text>,
    pub backup: Option<Name>,
    pub reports_to: Vec<ReportLine>,
    pub duties: Vec<Duty>,
    pub contact: Option<Text>,
    #[serde(skip)]
    pub span: Span,
}

/// A party outside the organization: receives reports, has no duties.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct External {
    pub name: Name,
    pub title: Option<Text>,
    pub kind: Option<Name>,
    pub contact: Option<Text>,
    pub duties: Vec<Duty>,
    #[serde(skip)]
    pub span: Span,
}

/// A watched place (news site, Weibo, WeChat, forum, video platform).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Channel {
    pub name: Name,
    pub title: Option<Text>,
    pub kind: Option<Name>,
    pub watched_by: Vec<Name>,
    pub hours: Option<Spanned<Vec<Period>>>,
    pub roster: Option<Name>,
    #[serde(skip)]
    pub span: Span,
}

/// A duty roster (值班).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Roster {
    pub name: Name,
    pub unit: Option<Name>,
    /// An on-call rotation: the role held in turn (`role 值班工程师`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Name>,
    /// How often the turn passes on (`rotation every 7d`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation: Option<Spanned<Duration>>,
    /// A second holder on call, paged after this long without an answer
    /// (`secondary after 15m`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary: Option<Spanned<Duration>>,
    pub shifts: Vec<Shift>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Shift {
    pub name: Name,
    pub period: Spanned<Period>,
    #[serde(skip)]
    pub span: Span,
}

spelled! {
    /// Which days a period covers.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Days {
        #[default]
        Daily = "daily",
        Workdays = "workdays",
        Weekends = "weekends",
        Holidays = "holidays",
    }
}

/// A covered period: `24x7`, or days with a time range in minutes of the day.
/// `to <= from` runs past midnight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Period {
    pub always: bool,
    pub days: Days,
    pub from: u16,
    pub to: u16,
}

impl Period {
    pub const ALWAYS: Period = Period {
        always: true,
        days: Days::Daily,
        from: 0,
        to: 0,
    };
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.always {
            return f.write_str("24x7");
        }
        write!(
            f,
            "{} {:02}:{:02}-{:02}:{:02}",
            self.days.keyword(),
            self.from / 60,
            self.from % 60,
            self.to / 60,
            self.to % 60
        )
    }
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Period, String> {
        let s = s.trim();
        if s == "24x7" {
            return Ok(Period::ALWAYS);
        }
        let (days, range) = s
            .split_once(' ')
            .ok_or_else(|| format!("`{s}` is not a period such as `workdays 09:00-18:00`"))?;
        let days = Days::from_keyword(days)
            .ok_or_else(|| format!("`{days}` is not daily, workdays, weekends or holidays"))?;
        let (a, b) = range
            .trim()
            .split_once('-')
            .ok_or_else(|| format!("`{range}` is not a time range such as `09:00-18:00`"))?;
        Ok(Period {
            always: false,
            days,
            from: parse_time(a)?,
            to: parse_time(b)?,
        })
    }
}

/// `HH:MM` to minutes of the day; `24:00` is allowed as the end of a day.
pub fn parse_time(s: &str) -> Result<u16, String> {
    let (h, m) = s
        .split_once(':')
        .ok_or_else(|| format!("`{s}` is not a time such as 08:30"))?;
    let h: u16 = h.parse().map_err(|_| format!("`{s}` is not a time"))?;
    let m: u16 = m.parse().map_err(|_| format!("`{s}` is not a time"))?;
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return Err(format!("`{s}` is not a time of day (00:00 to 24:00)"));
    }
    Ok(h * 60 + m)
}

/// The most levels a plan may have. Plans grade incidents in two to five levels; a
/// drill keeps the levels it has reached in one 64-bit set, and every level multiplies
/// what the document and the checks say about each action of a block.
pub const MAX_LEVELS: usize = 64;

/// An event grade (事件分级): 特别重大, 重大, 较大, 一般, highest first. Levels map to
/// grades with their `grade`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Grade {
    pub name: Name,
    pub title: Option<Text>,
    pub criteria: Option<Text>,
    #[serde(skip)]
    pub span: Span,
}

/// A warning level (预警级别).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Level {
    pub name: Name,
    pub rank: Option<Spanned<u32>>,
    pub color: Option<Name>,
    pub response: Option<Spanned<u8>>,
    pub criteria: Option<Text>,
    pub when: Option<Spanned<Condition>>,
    pub declared_by: Option<Name>,
    /// Who else may declare it by their authority (`declared_by A or B`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declared_by_also: Vec<Name>,
    pub upgrade_to: Option<Name>,
    pub downgrade_to: Option<Name>,
    pub stand_down: Option<StandDown>,
    /// The event grade it answers (`grade 特别重大`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Name>,
    #[serde(skip)]
    pub span: Span,
    /// The reporting lines of this level only (`reports_to` inside the level block):
    /// they add to the parties' standing lines while the response is at this level.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reports_to: Vec<ReportLine>,
    /// A duty roster on duty only while the response is at this level or higher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roster: Option<Name>,
    /// A higher level whose measures the response may take (`may_follow 红色 if "…"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub may_follow: Option<MayFollow>,
}

/// `may_follow 红色 if "…"`: 参照红色响应处置 — when the condition in words holds, or as
/// the declarer judges necessary when there is none.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MayFollow {
    pub level: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<Text>,
    #[serde(skip)]
    pub span: Span,
}

impl Plan {
    /// The commander as the plan names them: the lead of its first command body (the
    /// graph's `commander`).
    pub fn commander(&self) -> Option<&Name> {
        self.bodies.first().and_then(|b| b.lead.as_ref())
    }
}

impl Level {
    /// Who makes a report of this level: the line's `by`, else the level's declarer;
    /// none when the plan names neither (then the commander reports).
    pub fn reporter<'a>(&'a self, line: &'a ReportLine) -> Option<&'a Name> {
        line.by.as_ref().or(self.declared_by.as_ref())
    }
}

/// When the response at a level ends (解除).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct StandDown {
    pub text: Option<Text>,
    pub when: Option<Spanned<Condition>>,
    #[serde(rename = "for")]
    pub hold: Option<Spanned<Duration>>,
    #[serde(skip)]
    pub span: Span,
    /// Who approves ending the response (`approved_by`); none: the level's declarer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<Name>,
}

/// What kind of time limit a `within` is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    /// A duration from the trigger (`within 30m`).
    #[default]
    Fixed,
    /// At once (立即): `within` holds the plan's bound of it.
    Immediately,
    /// When the situation calls for it (视情): no fixed limit, `within` is none.
    AsNeeded,
}

/// What a relative time limit counts from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    #[serde(rename = "kind")]
    pub side: AnchorSide,
    /// The action it counts from.
    pub action: Name,
}

spelled! {
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum AnchorSide {
        /// `from X`: counted from when X is done.
        #[default]
        From = "from",
        /// `before X`: due that long before X's own time limit.
        Before = "before",
    }
}

impl Deadline {
    pub fn is_fixed(&self) -> bool {
        *self == Deadline::Fixed
    }

    /// As the plan spells it (`fixed` for a duration).
    pub fn keyword(self) -> &'static str {
        match self {
            Deadline::Fixed => "fixed",
            Deadline::Immediately => "immediately",
            Deadline::AsNeeded => "as_needed",
        }
    }
}

/// How soon "immediately" is when the plan does not say (`immediately 15m`): the
/// bound within which immediate work is to be done. An assumption of practice
/// (立即 in Chinese plans is read as a quarter of an hour at most), documented in the
/// README; the plan's header sets its own.
pub const IMMEDIATELY: Duration = Duration {
    count: 15,
    unit: DurUnit::Minute,
};

impl Plan {
    /// Gives every `within immediately` the plan's bound (its header's `immediately`,
    /// else [`IMMEDIATELY`]), keeping the span where the plan said it.
    pub fn settle_deadlines(&mut self) {
        let bound = (self.plan.as_ref())
            .and_then(|h| h.immediately.as_ref())
            .map_or(IMMEDIATELY, |d| d.value);
        let settle =
            |within: &mut Option<Spanned<Duration>>, deadline: Deadline, at: Span| match deadline {
                Deadline::Immediately => {
                    let span = within.as_ref().map_or(at, |w| w.span);
                    *within = Some(Spanned::new(bound, span));
                }
                Deadline::AsNeeded => *within = None,
                Deadline::Fixed => {}
            };
        for a in &mut self.actions {
            settle(&mut a.within, a.deadline, a.span);
        }
        let lines = (self.roles.iter_mut().flat_map(|r| r.reports_to.iter_mut()))
            .chain(self.units.iter_mut().flat_map(|u| u.reports_to.iter_mut()));
        for l in lines {
            settle(&mut l.within, l.deadline, l.span);
        }
        for l in self.levels.iter_mut().flat_map(|l| l.reports_to.iter_mut()) {
            settle(&mut l.within, l.deadline, l.span);
        }
    }
}

/// The response levels, Ⅰ to Ⅹ, with the Latin spelling each may be written in: plans
/// have two to five, some more.
pub const ROMANS: [(&str, &str); 10] = [
    ("Ⅰ", "I"),
    ("Ⅱ", "II"),
    ("Ⅲ", "III"),
    ("Ⅳ", "IV"),
    ("Ⅴ", "V"),
    ("Ⅵ", "VI"),
    ("Ⅶ", "VII"),
    ("Ⅷ", "VIII"),
    ("Ⅸ", "IX"),
    ("Ⅹ", "X"),
];

/// Roman numeral of a response level, 1..=10.
pub fn roman(n: u8) -> &'static str {
    (n as usize)
        .checked_sub(1)
        .and_then(|i| ROMANS.get(i))
        .map_or("?", |r| r.0)
}

/// The response level a numeral says (`Ⅲ`, `III` or `3`).
pub fn response_level(text: &str) -> Option<u8> {
    if let Some(i) = ROMANS.iter().position(|(r, l)| *r == text || *l == text) {
        return Some(i as u8 + 1);
    }
    text.parse::<u8>().ok()
}

/// A measurable condition over drill signals.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    Or(Vec<Condition>),
    And(Vec<Condition>),
    Not(Box<Condition>),
    Compare {
        signal: Name,
        op: CmpOp,
        value: Spanned<Value>,
    },
    Flag(Name),
}

impl Default for Condition {
    fn default() -> Self {
        Condition::And(Vec::new())
    }
}

spelled! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum CmpOp {
        Ge = ">=",
        Gt = ">",
        Le = "<=",
        Lt = "<",
        Eq = "==",
        Ne = "!=",
    }
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        self.keyword()
    }

    pub fn parse(s: &str) -> Option<CmpOp> {
        CmpOp::from_keyword(s)
    }

    /// Compares two numbers.
    pub fn holds(self, a: f64, b: f64) -> bool {
        match self {
            CmpOp::Ge => a >= b,
            CmpOp::Gt => a > b,
            CmpOp::Le => a <= b,
            CmpOp::Lt => a < b,
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
        }
    }
}

/// The right-hand side of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Word(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => f.write_str(&format_number(*n)),
            Value::Word(w) => f.write_str(w),
        }
    }
}

/// A number without a needless fraction: `100000`, `0.6`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl Condition {
    fn fmt_prec(&self, f: &mut fmt::Formatter<'_>, prec: u8) -> fmt::Result {
        match self {
            Condition::Or(items) => {
                if prec > 0 {
                    f.write_str("(")?;
                }
                for (i, c) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    c.fmt_prec(f, 1)?;
                }
                if prec > 0 {
                    f.write_str(")")?;
                }
                Ok(())
            }
            Condition::And(items) => {
                if prec > 1 {
                    f.write_str("(")?;
                }
                for (i, c) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" and ")?;
                    }
                    c.fmt_prec(f, 2)?;
                }
                if prec > 1 {
                    f.write_str(")")?;
                }
                Ok(())
            }
            Condition::Not(c) => {
                f.write_str("not ")?;
                c.fmt_prec(f, 3)
            }
            Condition::Compare { signal, op, value } => {
                write!(f, "{} {} {}", signal.value, op.as_str(), value.value)
            }
            Condition::Flag(s) => f.write_str(&s.value),
        }
    }

    /// Every signal the condition mentions, with its span.
    pub fn signals(&self) -> Vec<&Name> {
        let mut out = Vec::new();
        self.visit(&mut |c| match c {
            Condition::Compare { signal, .. } | Condition::Flag(signal) => out.push(signal),
            _ => {}
        });
        out
    }

    /// Moves every span of the condition: one parsed alone, out of a longer text.
    pub fn relocate(&mut self, f: &mut dyn FnMut(Span) -> Span) {
        match self {
            Condition::Or(items) | Condition::And(items) => {
                for c in items {
                    c.relocate(f);
                }
            }
            Condition::Not(c) => c.relocate(f),
            Condition::Compare { signal, value, .. } => {
                signal.span = f(signal.span);
                value.span = f(value.span);
            }
            Condition::Flag(signal) => signal.span = f(signal.span),
        }
    }

    pub fn visit<'a>(&'a self, f: &mut dyn FnMut(&'a Condition)) {
        f(self);
        match self {
            Condition::Or(items) | Condition::And(items) => {
                for c in items {
                    c.visit(f);
                }
            }
            Condition::Not(c) => c.visit(f),
            _ => {}
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_prec(f, 0)
    }
}

/// What starts an action.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Trigger {
    #[default]
    Detect,
    /// Shared by every action of an `on level …` block, so that a block of many
    /// actions holds its list of levels once.
    Level(std::sync::Arc<[Name]>),
    Upgrade,
    Downgrade,
    StandDown,
    Event(Name),
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trigger::Detect => f.write_str("detect"),
            Trigger::Level(ls) => {
                f.write_str("level ")?;
                for (i, l) in ls.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(&l.value)?;
                }
                Ok(())
            }
            Trigger::Upgrade => f.write_str("upgrade"),
            Trigger::Downgrade => f.write_str("downgrade"),
            Trigger::StandDown => f.write_str("stand_down"),
            Trigger::Event(e) => write!(f, "event {}", e.value),
        }
    }
}

impl std::str::FromStr for Trigger {
    type Err = String;
    fn from_str(s: &str) -> Result<Trigger, String> {
        let s = s.trim();
        let (head, rest) = s.split_once(' ').unwrap_or((s, ""));
        let names = |rest: &str| -> Vec<Name> {
            rest.split(',')
                .map(|n| Name::new(n.trim().into(), Span::default()))
                .filter(|n| !n.value.is_empty())
                .collect()
        };
        Ok(match head {
            "detect" => Trigger::Detect,
            "upgrade" => Trigger::Upgrade,
            "downgrade" => Trigger::Downgrade,
            "stand_down" => Trigger::StandDown,
            "level" if !rest.trim().is_empty() => Trigger::Level(names(rest).into()),
            "event" if !rest.trim().is_empty() => {
                Trigger::Event(Spanned::new(rest.trim().into(), Span::default()))
            }
            _ => {
                return Err(format!(
                    "`{s}` is not a trigger: detect, level NAME[, NAME], upgrade, downgrade, stand_down or event NAME"
                ));
            }
        })
    }
}

/// Something the plan says must be done, by whom, by when.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Action {
    pub name: Name,
    /// What documents and reports call it (`title "Draft the holding statement"`); it
    /// names every action of this name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    #[serde(rename = "on")]
    pub trigger: Spanned<Trigger>,
    pub owner: Option<Name>,
    /// Who do it jointly under the owner, who leads (`owner A with B, C`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_owners: Vec<Name>,
    pub approve: Vec<Name>,
    pub consult: Vec<Name>,
    pub inform: Vec<Name>,
    /// The time limit; for `within immediately`, the plan's bound of it.
    pub within: Option<Spanned<Duration>>,
    #[serde(default, skip_serializing_if = "Deadline::is_fixed")]
    pub deadline: Deadline,
    /// What `within` counts from when not the trigger (`within 4h from 接报登记`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    pub every: Option<Spanned<Duration>>,
    /// How long repeated work goes on (`every 1d for 7d`); without it, while the
    /// trigger holds.
    pub every_for: Option<Spanned<Duration>>,
    pub after: Vec<Name>,
    pub deliver: Option<Deliverable>,
    pub capability: Option<Name>,
    pub effort: Option<Spanned<Duration>>,
    pub detail: Option<Text>,
    #[serde(skip)]
    pub span: Span,
    /// `optional` (必要时): done at the command's discretion, never required.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// `if` / `unless`: the conditions that must all hold for the action to be done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Guard>,
    /// `invoke "《…》"`: the plan this action starts (启动).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoke: Option<Text>,
}

/// A condition an action is done under: `if "…"` (如…) or `unless "…"` (如未…), in
/// words, with an optional measurable form (`when`) the drill evaluates.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Guard {
    pub words: Text,
    /// `unless`: the action is the otherwise branch, done when the condition fails.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unless: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Spanned<Condition>>,
    #[serde(skip)]
    pub span: Span,
}

impl Guard {
    /// The keyword that writes it: `if` or `unless`.
    pub fn keyword(&self) -> &'static str {
        if self.unless { "unless" } else { "if" }
    }
}

impl Action {
    /// Whether the action may not be done in a given response: optional or conditional.
    pub fn is_uncertain(&self) -> bool {
        self.optional || !self.conditions.is_empty()
    }

    /// The levels that trigger this action (empty unless `on level`).
    pub fn levels(&self) -> &[Name] {
        match &self.trigger.value {
            Trigger::Level(ls) => &ls[..],
            _ => &[],
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Deliverable {
    pub kind: Name,
    pub title: Option<Text>,
}

/// A safeguard: team, platform, budget, communications.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Resource {
    pub name: Name,
    pub kind: Option<Name>,
    pub owner: Option<Name>,
    pub detail: Option<Text>,
    #[serde(skip)]
    pub span: Span,
}

/// A drill or a training programme the plan schedules.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Exercise {
    pub name: Name,
    pub kind: Option<Name>,
    pub every: Option<Spanned<Duration>>,
    pub owner: Option<Name>,
    pub detail: Option<Text>,
    pub scenarios: Vec<Name>,
    #[serde(skip)]
    pub span: Span,
}

/// A named text of the annexes: statement template or free annex.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Annex {
    pub name: Name,
    pub text: Text,
    #[serde(skip)]
    pub span: Span,
}

spelled! {
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum LintLevel {
        #[default]
        Allow = "allow",
        Warn = "warn",
        Deny = "deny",
    }
}

/// A deliberate exception to a checker rule, recorded in the plan.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LintItem {
    pub level: LintLevel,
    pub code: Name,
    pub reason: Option<Text>,
    #[serde(skip)]
    pub span: Span,
}

/// An incident family the drill generator can draw.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    pub name: Name,
    pub title: Option<Text>,
    pub weight: Option<Spanned<f64>>,
    pub appears_on: Vec<Name>,
    pub start: Vec<Param>,
    pub spread: Vec<Param>,
    pub onset: Vec<Onset>,
    pub detail: Option<Text>,
    pub injects: Vec<Inject>,
    #[serde(skip)]
    pub span: Span,
}

/// A named parameter drawn from a range.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Param {
    pub name: Name,
    pub range: Spanned<Range>,
}

/// `onset night 0.3`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Onset {
    pub kind: Name,
    pub chance: Spanned<f64>,
}

/// A quantity: a plain number or a duration (kept in minutes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Quantity {
    Number(f64),
    Duration(Duration),
}

impl Quantity {
    /// The number, or the duration in minutes.
    pub fn value(self) -> f64 {
        match self {
            Quantity::Number(n) => n,
            Quantity::Duration(d) => d.minutes() as f64,
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Number(n) => f.write_str(&format_number(*n)),
            Quantity::Duration(d) => d.fmt(f),
        }
    }
}

/// A uniform range to draw from, or a single value when `lo == hi`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub lo: Quantity,
    pub hi: Quantity,
}

impl Default for Range {
    fn default() -> Self {
        Range {
            lo: Quantity::Number(0.0),
            hi: Quantity::Number(0.0),
        }
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lo == self.hi {
            self.lo.fmt(f)
        } else {
            write!(f, "{}..{}", self.lo, self.hi)
        }
    }
}

impl std::str::FromStr for Range {
    type Err = String;
    fn from_str(s: &str) -> Result<Range, String> {
        let q = |t: &str| -> Result<Quantity, String> {
            let t = t.trim();
            if let Ok(d) = t.parse::<Duration>() {
                return Ok(Quantity::Duration(d));
            }
            t.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(Quantity::Number)
                .ok_or_else(|| format!("`{t}` is not a number or a duration"))
        };
        match s.split_once("..") {
            Some((a, b)) => Ok(Range {
                lo: q(a)?,
                hi: q(b)?,
            }),
            None => {
                let v = q(s)?;
                Ok(Range { lo: v, hi: v })
            }
        }
    }
}

/// An event delivered during a drill.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Inject {
    pub name: Name,
    pub at: Option<Spanned<Range>>,
    pub chance: Option<Spanned<f64>>,
    pub after_statement: Option<Spanned<Range>>,
    pub kind: Option<Name>,
    pub from: Option<Text>,
    pub detail: Option<Text>,
    pub effects: Vec<Effect>,
    #[serde(skip)]
    pub span: Span,
}

/// What an inject does to the drill world.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    /// `set media provincial`
    Set { signal: Name, value: Spanned<Value> },
    /// `scale growth 2..3`
    Scale { param: Name, by: Spanned<Range> },
    /// `unavailable commander for 12h`
    Unavailable {
        party: Name,
        #[serde(rename = "for")]
        hold: Spanned<Range>,
    },
    /// `outage monitoring for 4h`
    Outage {
        what: Name,
        #[serde(rename = "for")]
        hold: Spanned<Range>,
    },
    /// `raise 媒体求证`
    Raise { event: Name },
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Number(n) => s.serialize_f64(*n),
            Value::Word(w) => s.serialize_str(w),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum V {
            N(f64),
            W(String),
            B(bool),
        }
        Ok(match V::deserialize(d)? {
            V::N(n) => Value::Number(n),
            V::W(w) => Value::Word(w),
            V::B(b) => Value::Word(b.to_string()),
        })
    }
}

/// A duration as written: a count and a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration {
    pub count: u32,
    pub unit: DurUnit,
}

spelled! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum DurUnit {
        Minute = "m",
        Hour = "h",
        Day = "d",
        Week = "w",
        Month = "mo",
        Year = "y",
        /// 工作日: a day of work by the plan's calendar (weekends and holidays skipped).
        WorkingDay = "wd",
    }
}

impl DurUnit {
    pub fn suffix(self) -> &'static str {
        self.keyword()
    }

    pub fn minutes(self) -> u64 {
        match self {
            DurUnit::Minute => 1,
            DurUnit::Hour => 60,
            DurUnit::Day => 1440,
            DurUnit::Week => 7 * 1440,
            DurUnit::Month => 30 * 1440,
            DurUnit::Year => 365 * 1440,
            // The least a working day can take: N working days in a row. The drill
            // counts them on its calendar; the static rules use this lower bound.
            DurUnit::WorkingDay => 1440,
        }
    }
}

/// The longest duration a plan may state: a century. Longer is a typo, and keeping
/// every duration below it means sums of durations never overflow.
pub const MAX_DURATION_MINUTES: u64 = 100 * 365 * 1440;

impl Duration {
    pub fn minutes(self) -> u64 {
        self.count as u64 * self.unit.minutes()
    }

    pub fn from_minutes(m: u64) -> Duration {
        Duration {
            count: m.min(u32::MAX as u64) as u32,
            unit: DurUnit::Minute,
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.count, self.unit.suffix())
    }
}

impl std::str::FromStr for Duration {
    type Err = String;
    fn from_str(s: &str) -> Result<Duration, String> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let (n, unit) = s.split_at(digits);
        let unit = DurUnit::from_keyword(unit)
            .ok_or_else(|| format!("`{s}` is not a duration such as 30m, 2h, 3d, 6mo or 1y"))?;
        let count: u64 = n
            .parse()
            .map_err(|_| format!("`{s}` is not a duration such as 30m, 2h, 3d, 6mo or 1y"))?;
        if count.saturating_mul(unit.minutes()) > MAX_DURATION_MINUTES {
            return Err(format!("`{s}` is longer than a century"));
        }
        Ok(Duration {
            count: count as u32,
            unit,
        })
    }
}

/// A calendar date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn days_since_epoch(self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date {
            year: (if m <= 2 { y + 1 } else { y }) as i32,
            month: m,
            day: d,
        }
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u8
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let bad = || format!("`{s}` is not a date such as 2026-12-01");
        if parts.len() != 3 || parts[0].len() != 4 {
            return Err(bad());
        }
        let y: i32 = parts[0].parse().map_err(|_| bad())?;
        let m: u8 = parts[1].parse().map_err(|_| bad())?;
        let d: u8 = parts[2].parse().map_err(|_| bad())?;
        Date::new(y, m, d).ok_or_else(|| format!("`{s}` is not a day of the calendar"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for s in ["1970-01-01", "2024-02-29", "2026-12-01", "2000-03-01"] {
            let d: Date = s.parse().unwrap();
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        }
        assert!("2026-02-30".parse::<Date>().is_err());
        assert_eq!("2026-11-30".parse::<Date>().unwrap().weekday(), 0);
    }

    #[test]
    fn durations_parse_and_refuse_overflow() {
        assert_eq!("6mo".parse::<Duration>().unwrap().minutes(), 6 * 30 * 1440);
        assert!("99999999999999h".parse::<Duration>().is_err());
        assert!("101y".parse::<Duration>().is_err());
    }
}
