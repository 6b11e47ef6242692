//! The fixed vocabularies of the language: drill signals, capabilities and the kinds
//! a plan may name. One table each, used by the resolver, the checker and the drills.

/// What values a drill signal takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignalType {
    /// A non-negative quantity.
    Number,
    /// A share between 0 and 1.
    Ratio,
    /// A tier of media attention.
    Media,
    /// True or false.
    Flag,
}

/// The drill signals a level's `when` may test.
pub const SIGNALS: &[(&str, SignalType, &str, &str)] = &[
    (
        "reach",
        SignalType::Number,
        "累计触达人数",
        "people exposed so far",
    ),
    (
        "growth",
        SignalType::Number,
        "每小时增长倍率",
        "growth rate per hour",
    ),
    (
        "heat",
        SignalType::Number,
        "当前讨论热度（每小时新增讨论数）",
        "current discussion rate (posts per hour)",
    ),
    (
        "media",
        SignalType::Media,
        "媒体关注层级",
        "tier of media attention",
    ),
    (
        "hot_search",
        SignalType::Flag,
        "是否登上热搜",
        "on a trending list",
    ),
    (
        "official_attention",
        SignalType::Flag,
        "是否引起主管部门或监管关注",
        "noticed by a regulator or the parent body",
    ),
    (
        "negative_ratio",
        SignalType::Ratio,
        "负面评论占比",
        "share of negative comments",
    ),
    (
        "casualties",
        SignalType::Number,
        "涉及伤亡人数",
        "people hurt",
    ),
];

pub fn signal(name: &str) -> Option<SignalType> {
    SIGNALS.iter().find(|s| s.0 == name).map(|s| s.1)
}

/// Media tiers, lowest first.
pub const MEDIA_TIERS: &[&str] = &["none", "local", "provincial", "national", "foreign"];

pub fn media_tier(word: &str) -> Option<usize> {
    MEDIA_TIERS.iter().position(|t| *t == word)
}

/// The six capabilities drills score, as (Chinese name, English key).
pub const CAPABILITIES: &[(&str, &str)] = &[
    ("监测预警", "monitoring"),
    ("研判定级", "assessment"),
    ("信息报告", "reporting"),
    ("指挥协调", "coordination"),
    ("信息发布与舆论引导", "public_information"),
    ("后期处置", "recovery"),
];

/// The index of a capability named in either language.
pub fn capability(name: &str) -> Option<usize> {
    CAPABILITIES
        .iter()
        .position(|(zh, en)| *zh == name || *en == name)
}

/// Kinds of deliverable an action produces.
pub const DELIVERABLES: &[&str] = &[
    "assessment",
    "report",
    "statement",
    "press_conference",
    "meeting",
    "notice",
    "briefing",
    "takedown",
    "review",
    "archive",
    "revision",
    "other",
];

/// Kinds of monitoring channel.
pub const CHANNEL_KINDS: &[&str] = &[
    "news",
    "social",
    "wechat",
    "forum",
    "video",
    "search",
    "complaint",
    "other",
];

/// Kinds of external party.
pub const EXTERNAL_KINDS: &[&str] = &[
    "authority",
    "regulator",
    "media",
    "police",
    "partner",
    "public",
    "other",
];

/// Kinds of safeguard.
pub const RESOURCE_KINDS: &[&str] = &[
    "team",
    "platform",
    "budget",
    "communications",
    "equipment",
    "expert",
    "other",
];

/// Kinds of drill and training.
pub const EXERCISE_KINDS: &[&str] = &["tabletop", "functional", "live", "training", "other"];

/// Warning colours, in either language, highest first.
pub const COLORS: &[(&str, &str)] = &[
    ("red", "红"),
    ("orange", "橙"),
    ("yellow", "黄"),
    ("blue", "蓝"),
];

pub fn color(word: &str) -> Option<usize> {
    COLORS
        .iter()
        .position(|(en, zh)| *en == word || *zh == word)
}
