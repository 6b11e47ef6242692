//! Domains: the vocabulary a kind of plan speaks — the signals its measurable criteria
//! test, the extra kinds of channel, deliverable, resource and external party, and the
//! domain's words for the generated prose. A domain is data (`plans/domains/*.json`,
//! bundled in the binary); a plan names its own with `domain 网络安全` in its header,
//! and one without names the default, 网络舆情.
//!
//! A signal says how drills play it: it `follows` one of the processes of the drill
//! world, times a `scale` — `reach` (the logistic spread: people reached), `growth` (its
//! hourly growth factor), `heat` (its rate: posts an hour), `media` (the tier of media
//! attention), `hot_search` and `official_attention` (flags that turn on once the spread
//! passes a scenario's threshold, or by an inject), `negative_ratio` and `casualties`
//! (values a scenario draws and its injects set). A signal without `drill` is never met
//! in a drill (the criteria that test it are for the document and the reviewer).

use super::vocab::SignalType;
use serde::Deserialize;
use std::sync::OnceLock;

/// The drill world's processes a domain signal may follow (the online-opinion signals).
pub const PROCESSES: &[&str] = &[
    "reach",
    "growth",
    "heat",
    "media",
    "hot_search",
    "official_attention",
    "negative_ratio",
    "casualties",
];

/// One domain.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub name: String,
    pub aliases: Vec<String>,
    pub about: String,
    pub signals: Vec<SignalDef>,
    /// A measurable condition of this domain, for help lines.
    pub example: String,
    pub kinds: Kinds,
    /// Labels over the bundled ones (`{"zh": {"sentence": {…}}}`), the domain's words.
    pub labels: serde_json::Map<String, serde_json::Value>,
    /// The severity of rules whose standard is not this domain's (a plan's own `lint`
    /// and the command line still have the last word).
    pub lints: Vec<DomainLint>,
    /// How drills judge a plan of this domain (the online-opinion practice when absent).
    #[serde(default)]
    pub drill: DrillRules,
}

/// What drills hold a plan of the domain to.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrillRules {
    /// The external kinds a report to which is a report up (to the supervising
    /// authority, the sector regulator): `authority` when absent.
    pub upward: Option<Vec<String>>,
    /// Whether reporting to the police is action against rumours (网络舆情: 报案 against
    /// those who spread them) — in other domains it is reporting a crime.
    #[serde(default = "yes")]
    pub rumours: bool,
    /// The external norms a plan cannot loosen, replacing the online-opinion table.
    pub benchmarks: Option<Vec<BenchmarkDef>>,
    /// The levels (by position from the highest, inclusive) at which the public must be
    /// told: a run that reaches no higher level does not exercise public information.
    /// Every level when absent (网络舆情: a public response at every level, 三同步).
    pub public_levels: Option<(u8, u8)>,
}

fn yes() -> bool {
    true
}

impl Default for DrillRules {
    fn default() -> DrillRules {
        DrillRules {
            upward: None,
            rumours: true,
            benchmarks: None,
            public_levels: None,
        }
    }
}

/// A norm of the domain: a benchmark kind (`upward_report`, `decision`, …), the levels
/// it applies to by position from the highest (0 = the highest, inclusive), the minutes
/// it allows, and its source (labels `drill.benchmark_source.KEY`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkDef {
    pub kind: String,
    pub levels: (u8, u8),
    pub within: f64,
    pub source: String,
}

/// A rule's severity in a domain, and why.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainLint {
    pub code: String,
    pub level: super::LintLevel,
    pub reason: String,
}

/// A signal of a domain.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalDef {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    /// What the signal is, by language code (`zh`, `en`): documents and drill reports
    /// say it so.
    pub words: std::collections::BTreeMap<String, String>,
    /// Its unit, by language code (empty for flags, tiers and ratios).
    pub unit: std::collections::BTreeMap<String, String>,
    /// The words a report form's row uses for the signal, by language code: a row with
    /// one of them asks for it (R0007), as "传播情况" asks for the people reached.
    #[serde(default)]
    pub form: std::collections::BTreeMap<String, Vec<String>>,
    pub drill: Option<Follows>,
}

/// The type of a signal's values, as the domain file spells it.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Number,
    Ratio,
    Media,
    Flag,
}

impl Kind {
    pub fn signal_type(self) -> SignalType {
        match self {
            Kind::Number => SignalType::Number,
            Kind::Ratio => SignalType::Ratio,
            Kind::Media => SignalType::Media,
            Kind::Flag => SignalType::Flag,
        }
    }
}

/// How a drill plays a signal: a process of the world, times a scale.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Follows {
    pub follows: String,
    pub scale: f64,
}

/// Kinds a domain adds to the language's own.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kinds {
    pub channel: Vec<String>,
    pub deliverable: Vec<String>,
    pub resource: Vec<String>,
    pub external: Vec<String>,
}

/// The bundled domain files, the default first.
const FILES: &[(&str, &str)] = &[
    (
        "online-opinion.json",
        include_str!("../../plans/domains/online-opinion.json"),
    ),
    (
        "cybersecurity.json",
        include_str!("../../plans/domains/cybersecurity.json"),
    ),
];

/// Every bundled domain, the default (网络舆情) first.
pub fn bundled() -> &'static [Domain] {
    static ALL: OnceLock<Vec<Domain>> = OnceLock::new();
    ALL.get_or_init(|| {
        FILES
            .iter()
            .map(|(file, text)| {
                serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("bundled domain {file} does not read: {e}"))
            })
            .collect()
    })
}

/// The default domain.
pub fn default_domain() -> &'static Domain {
    &bundled()[0]
}

/// The domain a plan speaks: the one its header names, else the default (a name that
/// is not a domain is reported by the resolver; here it falls back).
pub fn of(plan: &super::Plan) -> &'static Domain {
    (plan.plan.as_ref())
        .and_then(|h| h.domain.as_ref())
        .and_then(|n| find(&n.value))
        .unwrap_or_else(default_domain)
}

/// The bundled domain a plan names, by its name or an alias.
pub fn find(name: &str) -> Option<&'static Domain> {
    bundled()
        .iter()
        .find(|d| d.name == name || d.aliases.iter().any(|a| a == name))
}

impl Domain {
    pub fn signal(&self, name: &str) -> Option<&SignalDef> {
        self.signals.iter().find(|s| s.name == name)
    }

    /// The names a plan of this domain may write for a domain (name and aliases).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::SIGNALS;

    /// The bundled files read (a broken one fails here, never in a user's run), their
    /// names are unique, and every drill mapping names a process of the world.
    #[test]
    fn bundled_domains_read_and_map_onto_the_world() {
        let all = bundled();
        assert!(all.len() >= 2);
        let mut names: Vec<&str> = all.iter().flat_map(|d| d.names()).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "a domain name is used twice");
        for d in all {
            assert!(!d.signals.is_empty(), "{}", d.name);
            for l in &d.lints {
                let code = crate::diagnostic::Code::configurable_from(&l.code);
                assert!(code.is_ok(), "{}: {}", d.name, l.code);
                assert!(!l.reason.trim().is_empty());
            }
            // Every kind a domain adds has its words in every language.
            let extra = (d.kinds.channel.iter().chain(&d.kinds.resource))
                .chain(&d.kinds.external)
                .map(|k| ("kind", k))
                .chain(d.kinds.deliverable.iter().map(|k| ("deliver", k)));
            for (table, k) in extra {
                for lang in crate::wording::Lang::ALL {
                    let words = d.labels.get(lang.code()).and_then(|l| l.get(table)?.get(k));
                    assert!(
                        words.is_some(),
                        "{}: {table}.{k} in {}",
                        d.name,
                        lang.code()
                    );
                }
            }
            for s in &d.signals {
                for lang in crate::wording::Lang::ALL {
                    assert!(s.words.contains_key(lang.code()), "{}: {}", d.name, s.name);
                }
                if let Some(f) = &s.drill {
                    assert!(s.kind != Kind::Media || f.follows == "media", "{}", s.name);
                    assert!(
                        PROCESSES.contains(&f.follows.as_str()),
                        "{}: {}",
                        d.name,
                        f.follows
                    );
                    assert!(f.scale.is_finite() && f.scale > 0.0);
                }
            }
        }
    }

    /// Each domain's example condition reads as a condition over its own signals: help
    /// lines quote it, so a plan writer can paste it.
    #[test]
    fn every_example_is_a_condition_of_its_domain() {
        for d in bundled() {
            let text = format!(
                "plan \"p\" {{ domain {} }}\nlevel L {{ rank 1 when {} }}\n",
                d.name, d.example
            );
            let c = crate::compile(crate::source::Source::new("example.plan", text.as_str()));
            let bad: Vec<_> = (c.diagnostics.iter())
                .filter(|x| matches!(x.code().as_str().as_bytes()[0], b'P' | b'N'))
                .collect();
            assert!(bad.is_empty(), "{}: {:?}", d.name, bad);
        }
    }

    /// The default domain is the language's signal table, word for word.
    #[test]
    fn the_default_domain_is_online_opinion() {
        let d = default_domain();
        assert_eq!(d.name, "网络舆情");
        assert_eq!(d.signals.len(), SIGNALS.len());
        for (s, (name, ty, zh, en)) in d.signals.iter().zip(SIGNALS) {
            let w = |l: &str| s.words.get(l).map(String::as_str);
            assert_eq!(
                (s.name.as_str(), s.kind.signal_type(), w("zh"), w("en")),
                (*name, *ty, Some(*zh), Some(*en))
            );
        }
    }
}
