//! What was found: one kind per diagnostic, with plain data (names, minutes, the
//! allowed words). No words here — [`super::words`] turns a finding into text, in
//! exactly one place. Families follow the code letters.

use super::*;

/// A finding of any family.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    Parse(ParseFinding),
    Name(NameFinding),
    Structure(StructureFinding),
    Organization(OrganizationFinding),
    Reporting(ReportingFinding),
    Level(LevelFinding),
    Action(ActionFinding),
    Timing(TimingFinding),
    Monitoring(MonitoringFinding),
    Safeguard(SafeguardFinding),
    Hygiene(HygieneFinding),
    Scenario(ScenarioFinding),
}

/// What the parser met where it stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Token(String),
    LineEnd,
    End,
}

/// What the parser wanted, in words a plan writer knows.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Expect {
    Keyword(&'static str),
    Punct(&'static str),
    /// A kind of token, named by its label in `diag.expect` (`duration`, `date`, …).
    Thing(&'static str),
}

/// What a name stands for, or the block a field belongs to (labels `diag.thing`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Thing {
    PlanHeader,
    Body,
    Role,
    Unit,
    External,
    Party,
    Channel,
    Roster,
    Grade,
    Level,
    Action,
    Resource,
    Drill,
    Training,
    Exercise,
    Scenario,
    Inject,
    Principle,
    Template,
    Annex,
    Text,
    Duty,
}

/// A closed vocabulary a word must come from (labels `diag.vocabulary`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocabulary {
    ExternalKind,
    ChannelKind,
    Colour,
    Capability,
    DeliverableKind,
    ResourceKind,
    ExerciseKind,
    Domain,
}

/// The kind of value a signal takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignalValue {
    /// A number signal used as a flag.
    Comparison,
    Number,
    Ratio,
    Media {
        tiers: Vec<String>,
    },
    Flag,
}

/// A kind of day of a week of watch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    Workday,
    Weekend,
    Holiday,
}

/// Hours of a week nobody watches: a time range on one kind of day, after another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WatchGap {
    pub day: DayKind,
    /// The kind of the day before (the same as `day` when it does not matter).
    pub after: DayKind,
    pub from: String,
    pub to: String,
}

/// What a secondary label says about its span (labels `diag.note`).
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    FirstOne,
    FirstDefined,
    DefinedHere {
        name: String,
    },
    IsHere {
        name: String,
    },
    IssueDate,
    ReportingLineInCycle,
    DependencyInCycle,
    /// What a relative time limit counts from.
    Anchor,
    BackupInRing,
    RankOf {
        level: String,
    },
    ColourOf {
        level: String,
    },
    ResponseOf {
        level: String,
    },
    ThresholdOf {
        level: String,
    },
    DeadlineAt {
        level: String,
    },
    DefinedAsExternal {
        name: String,
    },
    AnotherApprover,
    ChainReport {
        from: String,
        to: String,
        minutes: u64,
        total: u64,
    },
    ChainPrerequisite {
        action: String,
        minutes: u64,
    },
    Effort,
    Roster,
}

macro_rules! from_family {
    ($($family:ident => $variant:ident),* $(,)?) => {
        $(impl From<$family> for Finding {
            fn from(f: $family) -> Finding {
                Finding::$variant(f)
            }
        })*
    };
}

from_family! {
    ParseFinding => Parse,
    NameFinding => Name,
    StructureFinding => Structure,
    OrganizationFinding => Organization,
    ReportingFinding => Reporting,
    LevelFinding => Level,
    ActionFinding => Action,
    TimingFinding => Timing,
    MonitoringFinding => Monitoring,
    SafeguardFinding => Safeguard,
    HygieneFinding => Hygiene,
    ScenarioFinding => Scenario,
}
