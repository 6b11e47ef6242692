//! Every tunable number of the drill model, in one documented table.
//!
//! Times are simulated minutes. A "median" of a log-normal draw is the typical value;
//! `sigma` is the spread of its logarithm (0.5 ≈ half the draws within ×0.7–×1.4).
//! Scenario files supply the incident-specific numbers (weights, starting signals,
//! spread, injects); everything else lives here. The README documents this table.

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
    /// Chance that an onset falls on a public holiday when the scenario does not say.
    pub holiday_chance: f64,
    /// A holiday lasts this many days from the onset day (drawn uniformly, inclusive).
    pub holiday_days: (u32, u32),

    // ── detection ──
    /// Mean time to notice a post on a watched channel while a duty roster is on shift.
    pub detect_mean_roster: f64,
    /// … in office hours on a workday without a roster on shift.
    pub detect_mean_office: f64,
    /// … inside the channel's declared hours but outside office hours with nobody on
    /// shift (a 24-hour claim with no roster behind it).
    pub detect_mean_offhours: f64,
    /// Reach at which someone calls the organization about an unnoticed incident.
    pub forced_reach: f64,
    /// Median and sigma of the delay between such a call (or a media inquiry) and detection.
    pub call_delay: (f64, f64),
    /// Time allowed to detect, from the first post (implicit expectation 监测发现).
    pub detect_deadline: f64,

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
    /// Median and sigma of the sign-off itself once the approver is reached.
    pub approval_work: (f64, f64),
    /// Sigma of every work time.
    pub work_sigma: f64,
    /// Median work time by kind of deliverable when the action has no `effort`.
    pub work_default: &'static [(&'static str, f64)],
    /// Median work time for any other kind.
    pub work_other: f64,

    // ── spread ──
    /// Default spread parameters when a scenario omits them: (name, lo, hi).
    pub spread_default: &'static [(&'static str, f64, f64)],
    /// Response effect: a first public statement within `.0` minutes of detection
    /// multiplies growth and the remaining capacity by `.1`.
    pub damp: &'static [(f64, f64)],
    /// … later than every window above.
    pub damp_late: f64,
    /// A media inquiry with no public statement this long after it raises media one tier.
    pub media_grace: f64,

    // ── levels and expectations ──
    /// Time allowed to declare a level the situation has reached, when the assessment
    /// action has no `within`.
    pub declare_deadline: f64,
    /// Time allowed for a reporting line without `within`.
    pub report_deadline: f64,
    /// Time allowed for an action without `within` or `every`.
    pub action_deadline: f64,
    /// At most this many instances of one `every` action per run.
    pub every_cap: u32,
    /// Without a stand-down condition: heat below this share of its peak …
    pub stand_down_heat_share: f64,
    /// … for this long.
    pub stand_down_hold: f64,
    /// The incident phase ends at this horizon (7 days).
    pub horizon: f64,

    // ── scoring ──
    /// Points for P, S, M, U.
    pub points: [f64; 4],
    /// Weights of the six capabilities (监测预警, 研判定级, 信息报告, 指挥协调,
    /// 信息发布与舆论引导, 后期处置); capabilities with nothing expected are left out
    /// and the rest renormalized.
    pub weights: [f64; 6],
    /// Verdict thresholds: 优 (and no capability rated U), 良, 中; below is 差.
    pub verdict: [f64; 3],
    /// Improvement items are due this many days after the drill, by POETE element.
    pub due_days: [u32; 5],
}

/// A uniform draw `u` in [0, 1) stands in for a standard normal one in a log-normal
/// time (hand-overs, the delay of an outside call): `median · exp(sigma · (2u − 1) ·
/// UNIFORM_SPREAD)`. Stretched by this factor, the uniform on [−1, 1) has a standard
/// deviation of 1.7/√3 ≈ 0.98, close to the normal's 1, with no long tail.
pub const UNIFORM_SPREAD: f64 = 1.7;

/// The defaults.
pub const PARAMS: Params = Params {
    night_from: 22 * 60,
    night_to: 6 * 60,
    office_from: 9 * 60,
    office_to: 18 * 60,
    holiday_chance: 0.08,
    holiday_days: (1, 3),

    detect_mean_roster: 15.0,
    detect_mean_office: 45.0,
    detect_mean_offhours: 240.0,
    forced_reach: 50_000.0,
    call_delay: (30.0, 0.5),
    detect_deadline: 60.0,

    reach_duty: 5.0,
    reach_office: 10.0,
    reach_evening: 30.0,
    reach_night: 60.0,
    reach_engaged: 4.0,
    reach_sigma: 0.6,
    handover: (30.0, 0.5),
    approval_work: (10.0, 0.5),
    work_sigma: 0.4,
    work_default: &[
        ("assessment", 20.0),
        ("report", 20.0),
        ("statement", 40.0),
        ("press_conference", 180.0),
        ("meeting", 45.0),
        ("notice", 15.0),
        ("briefing", 30.0),
        ("takedown", 60.0),
        ("review", 960.0),
        ("archive", 120.0),
        ("revision", 2880.0),
    ],
    work_other: 30.0,

    spread_default: &[
        ("reach", 500.0, 3000.0),
        ("growth", 0.3, 0.8),
        ("negative_ratio", 0.4, 0.7),
        ("casualties", 0.0, 0.0),
        ("capacity", 100_000.0, 1_000_000.0),
        ("talk", 0.02, 0.05),
        ("hot_search", 500_000.0, 1_500_000.0),
        ("provincial", 100_000.0, 400_000.0),
        ("national", 1_000_000.0, 3_000_000.0),
        ("official", 800_000.0, 2_000_000.0),
    ],
    damp: &[(60.0, 0.3), (240.0, 0.6)],
    damp_late: 0.9,
    media_grace: 120.0,

    declare_deadline: 60.0,
    report_deadline: 60.0,
    action_deadline: 240.0,
    every_cap: 36,
    stand_down_heat_share: 0.02,
    stand_down_hold: 72.0 * 60.0,
    horizon: 7.0 * 1440.0,

    points: [100.0, 75.0, 40.0, 0.0],
    weights: [20.0, 15.0, 15.0, 15.0, 25.0, 10.0],
    verdict: [90.0, 75.0, 60.0],
    due_days: [30, 30, 60, 60, 90],
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
        "引起主管部门关注时的触达人数",
        "reach at which a regulator takes notice",
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
        "新闻发言人：名称含“发言人”的角色，否则第一个发布声明的行动的负责方",
        "the role named 发言人/spokesperson, else the owner of the first statement",
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
