//! Every tunable number of the drill model, in one documented table.
//!
//! Times are simulated minutes. A "median" of a log-normal draw is the typical value;
//! `sigma` is the spread of its logarithm (0.5 ≈ half the draws within ×0.7–×1.4).
//! Scenario files supply the incident-specific numbers (weights, starting signals,
//! spread, injects); everything else lives here. Each field says where its number comes
//! from: a source (standards.md §3 and §4, a regulation) or a named assumption. The
//! README's calibration table lists every field with the same source; a test keeps the
//! two in step.

/// How likely the world makes every complication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Mode {
    /// The calibrated world: injects at their scenario chances.
    #[default]
    Realistic,
    /// Every complication likely: injects, nights, weekends and holidays.
    Stress,
}

/// What a benchmark holds the response to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BenchmarkKind {
    /// A public statement (not a reply to one journalist).
    Response = 0,
    /// A press conference.
    PressConference = 1,
    /// A report to the supervising authority (an external of kind `authority`).
    UpwardReport = 2,
    /// 三同步: the offline handling of the real problem, alongside the response.
    ThreeSync = 3,
    /// The review (复盘) after stand-down.
    Review = 4,
    /// The decision on a level (研判定级): a bound on the plan's time to decide.
    Decision = 5,
    /// A report up an internal line: a bound on the line's time limit.
    InternalReport = 6,
}

impl BenchmarkKind {
    pub const ALL: [BenchmarkKind; 7] = [
        BenchmarkKind::Response,
        BenchmarkKind::PressConference,
        BenchmarkKind::UpwardReport,
        BenchmarkKind::ThreeSync,
        BenchmarkKind::Review,
        BenchmarkKind::Decision,
        BenchmarkKind::InternalReport,
    ];

    /// Its stable name (JSON, labels `drill.benchmark.KEY`).
    pub fn key(self) -> &'static str {
        [
            "response",
            "press_conference",
            "upward_report",
            "three_sync",
            "review",
            "decision",
            "internal_report",
        ][self as usize]
    }

    /// The kind of this stable name.
    pub fn from_key(key: &str) -> Option<BenchmarkKind> {
        BenchmarkKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// A bound on the plan's own time limits rather than a task of its own.
    pub fn is_bound(self) -> bool {
        matches!(
            self,
            BenchmarkKind::Decision | BenchmarkKind::InternalReport
        )
    }
}

/// A norm the plan cannot loosen: what must be done, at which levels, within how long
/// of the moment the situation reached them (of the stand-down, for the review).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Benchmark {
    pub kind: BenchmarkKind,
    /// The levels it applies to, by position from the highest (0 = the highest), inclusive.
    pub from_top: (u8, u8),
    pub allowed: f64,
    /// Its source (labels `drill.benchmark_source.KEY`, standards.md §3).
    pub source: &'static str,
}

/// The benchmarks of a domain: its own table, else [`BENCHMARKS`]. A domain's entry
/// of an unknown kind is left out (the bundled files are tested to have none).
pub fn benchmarks(domain: &'static crate::model::domain::Domain) -> Vec<Benchmark> {
    let Some(own) = &domain.drill.benchmarks else {
        return BENCHMARKS.to_vec();
    };
    own.iter()
        .filter_map(|b| {
            Some(Benchmark {
                kind: BenchmarkKind::from_key(&b.kind)?,
                from_top: b.levels,
                allowed: b.within,
                source: b.source.as_str(),
            })
        })
        .collect()
}

/// The benchmarks, each with its source in standards.md §3.
pub const BENCHMARKS: &[Benchmark] = &[
    // 黄金4小时 (standards.md §3): 定位—定性—定调—定责 within 4 h, at every level.
    Benchmark {
        kind: BenchmarkKind::Response,
        from_top: (0, u8::MAX),
        allowed: 240.0,
        source: "golden_4h",
    },
    // Provincial master plans: authoritative information within 5 h of a major case.
    Benchmark {
        kind: BenchmarkKind::Response,
        from_top: (0, 1),
        allowed: 300.0,
        source: "provincial_5h",
    },
    // 国办发〔2016〕61号: major public opinion answered within 24 h …
    Benchmark {
        kind: BenchmarkKind::Response,
        from_top: (2, 2),
        allowed: 1440.0,
        source: "gov_61_24h",
    },
    // … the rest within 48 h.
    Benchmark {
        kind: BenchmarkKind::Response,
        from_top: (3, u8::MAX),
        allowed: 2880.0,
        source: "gov_61_48h",
    },
    // Provincial master plans: a press conference within 24 h of a major case.
    Benchmark {
        kind: BenchmarkKind::PressConference,
        from_top: (0, 0),
        allowed: 1440.0,
        source: "provincial_24h",
    },
    // Level Ⅰ/Ⅱ: a flash report to the supervising authority within 1 h of the decision,
    // the decision itself allowed 1 h.
    Benchmark {
        kind: BenchmarkKind::UpwardReport,
        from_top: (0, 1),
        allowed: 120.0,
        source: "flash_report_1h",
    },
    // 三同步 (国办发〔2016〕61号): the real problem handled alongside the response.
    Benchmark {
        kind: BenchmarkKind::ThreeSync,
        from_top: (0, 1),
        allowed: 1440.0,
        source: "three_sync",
    },
    // The decision on a level within 1 h (the flash-report rule of level Ⅰ allows 1 h
    // for the decision and 1 h for the report): the plan's time to decide is held to it.
    Benchmark {
        kind: BenchmarkKind::Decision,
        from_top: (0, u8::MAX),
        allowed: 60.0,
        source: "decision_1h",
    },
    // Reports up internal lines within 30 min (事发后30分钟内电话报告, the common rule
    // of enterprise plans; the written report follows within 1 h): a looser line is
    // held to it.
    Benchmark {
        kind: BenchmarkKind::InternalReport,
        from_top: (0, u8::MAX),
        allowed: 30.0,
        source: "report_1h",
    },
    // The review (复盘) report within 72 h after the response ends.
    Benchmark {
        kind: BenchmarkKind::Review,
        from_top: (0, u8::MAX),
        allowed: 4320.0,
        source: "review_72h",
    },
];

/// The whole table. [`PARAMS`] holds the defaults.
#[derive(Clone, Debug)]
pub struct Params {
    // ── calendar ──
    /// Night starts at this minute of the day (22:00).
    pub night_from: u16,
    /// Night ends at this minute of the day (06:00).
    pub night_to: u16,
    /// Office hours on workdays, used for reach times and for channels without `hours`.
    pub office_from: u16,
    pub office_to: u16,
    /// Relative weight of a first post in each hour of the day (00–23).
    pub onset_hours: [f64; 24],
    /// Share of onsets on a weekend when the scenario does not say.
    pub weekend_share: f64,
    /// Chance that an onset falls on a public holiday when the scenario does not say.
    pub holiday_chance: f64,
    /// A holiday lasts this many days from the onset day (drawn uniformly, inclusive).
    pub holiday_days: (u32, u32),

    // ── detection ──
    /// Mean time to notice a visible post on a watched channel while a duty roster is on shift.
    pub detect_mean_roster: f64,
    /// … in office hours on a workday without a roster on shift.
    pub detect_mean_office: f64,
    /// … inside the channel's declared hours but outside office hours with nobody on
    /// shift (a 24-hour claim with no roster behind it).
    pub detect_mean_offhours: f64,
    /// Reach at which a post is fully visible to monitoring; below it the chance to
    /// notice it falls in proportion.
    pub detect_full_reach: f64,
    /// The least visibility of a post (a share of [`Params::detect_full_reach`]).
    pub detect_min_visibility: f64,
    /// Monitoring sees a post this long after it is posted at the earliest (crawling and
    /// indexing).
    pub detect_latency: f64,
    /// Longest step over which visibility is taken as constant (numerics, not the world).
    pub detect_step: f64,
    /// Reach at which someone calls the organization about an unnoticed incident.
    pub forced_reach: f64,
    /// Median and sigma of the delay between such a call (or a media inquiry) and detection.
    pub call_delay: (f64, f64),
    /// Detection is due once reach passes this …
    pub detect_due_reach: f64,
    /// … within this long (监测发现).
    pub detect_allowance: f64,
    /// Time allowed to notice that a followed incident reached another level.
    pub change_notice: f64,

    // ── people ──
    /// Median time to reach a party on duty (a roster of its unit on shift).
    pub reach_duty: f64,
    /// … in office hours on a workday.
    pub reach_office: f64,
    /// … evenings, weekends and holidays outside the night.
    pub reach_evening: f64,
    /// … at night.
    pub reach_night: f64,
    /// … once the party is already engaged in this incident.
    pub reach_engaged: f64,
    /// Sigma of every reach time.
    pub reach_sigma: f64,
    /// Median and sigma of a hand-over to a backup (AB角) when the holder is unavailable.
    pub handover: (f64, f64),
    /// Median and sigma of a hand-over inside a unit when the person asked is out.
    pub unit_handover: (f64, f64),
    /// Median and sigma of a deputy taking command while the commander is unreachable
    /// and has no backup.
    pub acting_handover: (f64, f64),
    /// Median and sigma of the sign-off itself once the approver is reached.
    pub approval_work: (f64, f64),
    /// Median and sigma of the journalists' calls the speaker takes each time media
    /// attention rises a tier (once the incident is known) and after each public
    /// statement.
    pub media_calls: (f64, f64),
    /// Sigma of every work time.
    pub work_sigma: f64,
    /// Median work time by kind of deliverable when the action has no `effort`.
    pub work_default: &'static [(&'static str, f64)],
    /// Median work time for any other kind.
    pub work_other: f64,
    /// Words in an action's name that say what kind of work a report or other
    /// deliverable is (rectification, offline handling, accountability).
    pub work_by_name: &'static [(&'static str, &'static str)],
    /// A person (a role) is busy with a task for its work time up to this much; longer
    /// work (rectification, accountability) is carried on by others meanwhile.
    pub hands_on_cap: f64,
    /// An owner with a loose deadline starts later: by this share of the time allowed …
    pub urgency_share: f64,
    /// … beyond this much (a deadline within it is worked on at once).
    pub urgency_free: f64,

    // ── spread ──
    /// Default spread parameters when a scenario omits them: (name, lo, hi).
    pub spread_default: &'static [(&'static str, f64, f64)],
    /// A range whose ends differ by more than this factor is drawn on a log scale.
    pub log_scale_ratio: f64,
    /// Response effect: a first public statement within `.0` minutes of detection
    /// multiplies growth and the remaining capacity by `.1`.
    pub damp: &'static [(f64, f64)],
    /// … later than every window above.
    pub damp_late: f64,
    /// A statement takes effect this long after it is issued.
    pub response_lag: f64,
    /// A media inquiry with no public statement this long after it raises media one tier.
    pub media_grace: f64,
    /// Each person reported hurt multiplies growth by 1 + this …
    pub casualty_growth: f64,
    /// … counting at most this many.
    pub casualty_cap: f64,
    /// So many people hurt bring provincial media …
    pub casualty_media: f64,
    /// … and so many the central authorities' attention.
    pub casualty_central: f64,

    // ── quality ──
    /// Chance that a reviewed statement is wrong.
    pub misstatement_base: f64,
    /// Added without the legal review.
    pub misstatement_no_legal: f64,
    /// Added without the business unit's facts.
    pub misstatement_no_facts: f64,
    /// An approval catches this share of errors (the chance is multiplied by 1 − it).
    pub approval_catches: f64,
    /// A wrong statement is corrected this long after it is issued …
    pub correction_delay: f64,
    /// … and the correction multiplies growth and the remaining capacity (a second wave).
    pub correction_wave: (f64, f64),
    /// 辟谣 of a genuine event multiplies growth and the remaining capacity.
    pub debunk_genuine_wave: (f64, f64),

    // ── levels and expectations ──
    /// Time allowed to declare a level the situation has reached, when the assessment
    /// action has no `within`.
    pub declare_deadline: f64,
    /// Time allowed for a reporting line without `within`.
    pub report_deadline: f64,
    /// Time allowed for an action without `within` or `every`.
    pub action_deadline: f64,
    /// Time allowed for a written reply to a regulator's request (an inject of kind
    /// `regulator`).
    pub regulator_request: f64,
    /// Tabletop: a level declared lower than the situation meets is corrected this
    /// much later, and one not declared at all this much later (the next assessment
    /// round catches it).
    pub tabletop_declare_late: (f64, f64),
    /// Tabletop: a report up a line that was not made is demanded by the regulator this
    /// long after it was due, and made only then.
    pub tabletop_demand_after: f64,
    /// A level is lowered only after the situation stayed below it this long.
    pub downgrade_hold: f64,
    /// At most this many instances of one `every` action per run (a guard; the level
    /// holding is what ends a repetition).
    pub every_cap: u32,
    /// The chance that the command decides to do an `optional` (必要时) action when its
    /// trigger comes: decided once per action and run.
    pub optional_done: f64,
    /// The chance that a condition in words (`if "…"` without a measurable form) holds
    /// in a run: drawn once per run per wording.
    pub condition_holds: f64,
    /// Without a stand-down condition: heat below this share of its peak …
    pub stand_down_heat_share: f64,
    /// … for this long.
    pub stand_down_hold: f64,
    /// Time allowed to stand down once the stand-down condition has held.
    pub stand_down_decide: f64,
    /// A press conference ends between these minutes of the day; one that would end
    /// outside them is held the next morning at `.0` + 60.
    pub press_hours: (u16, u16),
    /// The incident phase ends at this horizon (7 days).
    pub horizon: f64,

    // ── scoring ──
    /// Points for P, S, M, U.
    pub points: [f64; 4],
    /// Weights of the six capabilities (监测预警, 研判定级, 信息报告, 指挥协调,
    /// 信息发布与舆论引导, 后期处置); capabilities the run did not exercise are left
    /// out and the rest renormalized.
    pub weights: [f64; 6],
    /// Weight of a critical task within its capability (other tasks weigh 1).
    pub critical_weight: f64,
    /// A capability scoring at least these is rated P, S, M (below: U).
    pub rating_bands: [f64; 3],
    /// The repeats of an `every` action done on time in at least these shares rate the
    /// task P, S (some done: M; none: U).
    pub repeat_bands: [f64; 2],
    /// A plan whose campaign exercises less than this share of its actions is not evaluable.
    pub evaluable_share: f64,
    /// Improvement items are due this many days after the drill, by POETE element.
    pub due_days: [u32; 5],

    // ── stress mode ──
    /// In `--mode stress`, every inject fires with at least this chance …
    pub stress_inject_chance: f64,
    /// … and onsets fall at night, on weekends and on holidays with at least these.
    pub stress_onset: (f64, f64, f64),
}

/// The defaults.
pub const PARAMS: Params = Params {
    night_from: 22 * 60,
    night_to: 6 * 60,
    office_from: 9 * 60,
    office_to: 18 * 60,
    onset_hours: [
        3.0, 2.0, 1.2, 0.8, 0.6, 0.7, 1.2, 2.2, 3.5, 4.5, 5.0, 5.0, 5.2, 4.8, 4.6, 4.6, 4.8, 5.0,
        5.2, 5.8, 6.6, 7.0, 6.4, 4.8,
    ],
    weekend_share: 2.0 / 7.0,
    holiday_chance: 0.08,
    holiday_days: (1, 5),

    detect_mean_roster: 15.0,
    detect_mean_office: 45.0,
    detect_mean_offhours: 240.0,
    detect_full_reach: 20_000.0,
    detect_min_visibility: 0.02,
    detect_latency: 5.0,
    detect_step: 30.0,
    forced_reach: 50_000.0,
    call_delay: (30.0, 0.5),
    detect_due_reach: 5000.0,
    detect_allowance: 60.0,
    change_notice: 30.0,

    reach_duty: 5.0,
    reach_office: 10.0,
    reach_evening: 30.0,
    reach_night: 60.0,
    reach_engaged: 4.0,
    reach_sigma: 0.6,
    handover: (30.0, 0.5),
    unit_handover: (20.0, 0.5),
    acting_handover: (60.0, 0.5),
    approval_work: (10.0, 0.5),
    media_calls: (60.0, 0.5),
    work_sigma: 0.4,
    work_default: &[
        ("assessment", 20.0),
        ("report", 20.0),
        ("statement", 40.0),
        ("press_conference", 120.0),
        ("meeting", 45.0),
        ("notice", 15.0),
        ("briefing", 30.0),
        ("takedown", 60.0),
        ("review", 960.0),
        ("archive", 2880.0),
        ("revision", 30240.0),
        ("rectification", 2880.0),
        ("offline", 240.0),
        ("accountability", 20160.0),
    ],
    work_other: 30.0,
    work_by_name: &[
        ("整改", "rectification"),
        ("rectif", "rectification"),
        ("追究", "accountability"),
        ("追责", "accountability"),
        ("accountab", "accountability"),
        ("处置", "offline"),
        ("remed", "offline"),
    ],
    hands_on_cap: 180.0,
    urgency_share: 0.5,
    urgency_free: 30.0,

    spread_default: &[
        ("reach", 500.0, 3000.0),
        ("growth", 0.3, 0.8),
        ("negative_ratio", 0.4, 0.7),
        ("casualties", 0.0, 0.0),
        ("capacity", 50_000.0, 500_000.0),
        ("talk", 0.02, 0.05),
        ("hot_search", 500_000.0, 1_500_000.0),
        ("provincial", 200_000.0, 600_000.0),
        ("national", 1_500_000.0, 4_000_000.0),
        ("official", 3_000_000.0, 8_000_000.0),
        ("local_official", 100_000.0, 400_000.0),
        ("genuine", 1.0, 1.0),
    ],
    log_scale_ratio: 4.0,
    damp: &[(60.0, 0.3), (240.0, 0.6)],
    damp_late: 0.9,
    response_lag: 30.0,
    media_grace: 120.0,
    casualty_growth: 0.15,
    casualty_cap: 5.0,
    casualty_media: 3.0,
    casualty_central: 10.0,

    misstatement_base: 0.02,
    misstatement_no_legal: 0.15,
    misstatement_no_facts: 0.10,
    approval_catches: 0.3,
    correction_delay: 60.0,
    correction_wave: (1.5, 1.3),
    debunk_genuine_wave: (2.0, 1.5),

    declare_deadline: 60.0,
    report_deadline: 60.0,
    action_deadline: 240.0,
    regulator_request: 60.0,
    tabletop_declare_late: (60.0, 120.0),
    tabletop_demand_after: 120.0,
    downgrade_hold: 720.0,
    every_cap: 500,
    optional_done: 0.5,
    condition_holds: 0.5,
    stand_down_heat_share: 0.02,
    stand_down_hold: 72.0 * 60.0,
    stand_down_decide: 120.0,
    press_hours: (8 * 60, 21 * 60),
    horizon: 7.0 * 1440.0,

    points: [100.0, 75.0, 40.0, 0.0],
    weights: [20.0, 15.0, 15.0, 15.0, 25.0, 10.0],
    critical_weight: 2.0,
    rating_bands: [90.0, 75.0, 50.0],
    repeat_bands: [0.9, 0.6],
    evaluable_share: 0.5,
    due_days: [30, 30, 60, 60, 90],

    stress_inject_chance: 0.9,
    stress_onset: (0.5, 0.5, 0.25),
};

/// The parameters a scenario may give in `start` and `spread`, with their meaning.
pub const SCENARIO_PARAMS: &[(&str, &str, &str)] = &[
    ("reach", "首帖触达人数", "people reached by the first post"),
    (
        "growth",
        "每小时传播速率（逻辑斯蒂增长率）",
        "logistic growth rate per hour",
    ),
    (
        "negative_ratio",
        "负面评论占比",
        "share of negative comments",
    ),
    ("casualties", "涉及伤亡人数", "people hurt"),
    (
        "capacity",
        "可能触达的总人数上限",
        "how many people the story can reach at most",
    ),
    (
        "talk",
        "每新增触达一人产生的讨论数",
        "posts per newly reached person",
    ),
    (
        "hot_search",
        "登上热搜时的触达人数",
        "reach at which it trends",
    ),
    (
        "provincial",
        "省级媒体跟进时的触达人数",
        "reach at which provincial media follow",
    ),
    (
        "national",
        "全国性媒体跟进时的触达人数",
        "reach at which national media follow",
    ),
    (
        "official",
        "引起上级主管部门（中央层面）关注时的触达人数",
        "reach at which the supervising (central) authority takes notice",
    ),
    (
        "local_official",
        "引起属地监管部门关注时的触达人数",
        "reach at which local authorities take notice",
    ),
    (
        "genuine",
        "所传内容属实的概率（0–1）",
        "chance that what is spread is true (0–1)",
    ),
];

/// Kinds of onset a scenario may weigh (`onset night 0.3`).
pub const ONSET_KINDS: &[&str] = &["night", "weekend", "holiday"];

/// Role keywords an `unavailable` inject may name instead of a party; resolved against
/// the plan when the drill is compiled.
pub const ROLE_KEYWORDS: &[(&str, &str, &str)] = &[
    (
        "commander",
        "总指挥：第一个指挥机构的 lead",
        "the lead of the first command body",
    ),
    (
        "deputy",
        "副总指挥：第一个指挥机构的第一个 deputy",
        "the first deputy of the first command body",
    ),
    (
        "spokesperson",
        "新闻发言人：名称含“发言人”的角色，否则公开发布行动所征求意见的角色，否则第一个发布声明的行动的负责方",
        "the role named 发言人/spokesperson, else the role consulted on public statements, else the owner of the first statement",
    ),
    (
        "assessor",
        "研判定级行动的负责方",
        "the owner of the assessment action",
    ),
    (
        "monitor",
        "第一个监测渠道的值守方",
        "the first watcher of the first channel",
    ),
    (
        "office",
        "指挥机构的办公室（日常工作部门）",
        "the office unit of the command body",
    ),
];

impl Params {
    /// Whether a minute of the day is at night.
    pub fn is_night(&self, minute: u16) -> bool {
        if self.night_from > self.night_to {
            minute >= self.night_from || minute < self.night_to
        } else {
            minute >= self.night_from && minute < self.night_to
        }
    }

    /// The share of onsets at night by the hours profile alone.
    pub fn night_share(&self) -> f64 {
        let (mut night, mut all) = (0.0, 0.0);
        for (h, w) in self.onset_hours.iter().enumerate() {
            all += w;
            if self.is_night((h * 60) as u16) {
                night += w;
            }
        }
        if all > 0.0 { night / all } else { 0.0 }
    }

    /// Median work time of a kind of deliverable.
    pub fn work_of(&self, kind: &str) -> f64 {
        self.work_default
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(self.work_other, |(_, m)| *m)
    }

    /// How much later an owner starts on work allowed `within` minutes.
    pub fn urgency_lag(&self, within: f64) -> f64 {
        self.urgency_share * (within - self.urgency_free).max(0.0)
    }
}
