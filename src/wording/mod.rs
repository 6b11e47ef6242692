//! Every word planc prints, in one mechanism: the labels files
//! `templates/labels/<lang>.json`.
//!
//! The templates read them as `t` (`{{ t.chapter.general }}`); Rust code reads them
//! through [`Words`] — diagnostics, drill output, revision notes, the command line.
//! Nothing outside this module chooses words by language: code asks for a label by its
//! path and fills its `{placeholders}`. A user's labels file (`--templates DIR`) is
//! merged over the bundled one, so it may override only a few words.
//!
//! This is the bottom layer: it knows no plan, no check and no drill.

mod time;

pub use time::{Amount, DurationStyle, duration, plan_spelling};

use serde_json::Value;
use std::sync::OnceLock;

/// The language of everything planc writes for people.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chinese when the text is mostly written in Chinese, else English.
    pub fn detect(text: &str) -> Lang {
        let cjk = text
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count();
        if cjk * 20 >= text.chars().filter(|c| c.is_alphabetic()).count() && cjk > 0 {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The labels file's name: `zh`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The path of the language's labels file inside a template set.
    pub fn labels_file(self) -> &'static str {
        match self {
            Lang::Zh => "labels/zh.json",
            Lang::En => "labels/en.json",
        }
    }

    /// The bundled labels text of the language.
    pub fn bundled_labels(self) -> &'static str {
        match self {
            Lang::Zh => BUNDLED_ZH,
            Lang::En => BUNDLED_EN,
        }
    }

    /// Both languages, in a fixed order.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language `{s}` (zh or en)")),
        }
    }
}

/// The bundled labels, compiled into the binary.
pub const BUNDLED_ZH: &str = include_str!("../../templates/labels/zh.json");
pub const BUNDLED_EN: &str = include_str!("../../templates/labels/en.json");

/// The labels of one language: a tree of words addressed by dotted paths.
#[derive(Clone, Debug)]
pub struct Words {
    value: Value,
}

impl Words {
    pub fn new(value: Value) -> Words {
        Words { value }
    }

    /// The bundled labels of a language, parsed once.
    pub fn of(lang: Lang) -> &'static Words {
        static ZH: OnceLock<Words> = OnceLock::new();
        static EN: OnceLock<Words> = OnceLock::new();
        let cell = match lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        };
        cell.get_or_init(|| {
            Words::new(
                serde_json::from_str(lang.bundled_labels())
                    .expect("the bundled labels are valid JSON (a unit test parses them)"),
            )
        })
    }

    /// The whole tree, for templates.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The label at a dotted path (`"chapter.general"`), or the path itself when the
    /// labels lack it, so a missing word shows up instead of vanishing.
    pub fn get(&self, path: &str) -> String {
        self.str(path).unwrap_or(path).to_string()
    }

    /// The label at a dotted path if it exists.
    pub fn opt(&self, path: &str) -> Option<String> {
        self.str(path).map(str::to_string)
    }

    /// The label at a dotted path, borrowed.
    pub fn str(&self, path: &str) -> Option<&str> {
        self.lookup(path).and_then(Value::as_str)
    }

    /// The value at a dotted path (a label, a list of labels or a subtree).
    pub fn lookup(&self, path: &str) -> Option<&Value> {
        path.split('.').try_fold(&self.value, |v, key| match v {
            Value::Object(m) => m.get(key),
            Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        })
    }

    /// A label with `{key}` placeholders filled in.
    pub fn fill(&self, path: &str, args: &[(&str, &str)]) -> String {
        fill(self.str(path).unwrap_or(path), args)
    }

    /// The word for a count of a duration unit (`"h"`), singular or plural, from the
    /// table at `table` (`duration`, `duration_short`).
    pub fn unit_in(&self, table: &str, suffix: &str, count: u64) -> String {
        let forms = self.lookup(&format!("{table}.{suffix}"));
        let pick = |i: usize| {
            forms
                .and_then(|f| f.get(i))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let plural = if count == 1 { pick(0) } else { pick(1) };
        plural.or_else(|| pick(0)).unwrap_or_else(|| suffix.into())
    }

    /// The word for a count of a duration unit in the document's table.
    pub fn unit(&self, suffix: &str, count: u32) -> String {
        self.unit_in("duration", suffix, u64::from(count))
    }

    /// Items joined as a reader lists them: `A、B 或 C` / `A, B or C` (the words at
    /// `table`: `sep`, `last`, and `more` for a list cut after `max` items).
    pub fn list(&self, table: &str, items: &[String], max: usize) -> String {
        let sep = self.get(&format!("{table}.sep"));
        if items.len() > max {
            let head = items[..max].join(&sep);
            return self.fill(&format!("{table}.more"), &[("items", &head)]);
        }
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [head @ .., last] => {
                let last_sep = self.get(&format!("{table}.last"));
                format!("{}{last_sep}{last}", head.join(&sep))
            }
        }
    }
}

/// Replaces every `{key}` in `pattern` with its value. A key is a name of letters,
/// digits and `_`; any other brace is text, and unknown placeholders stay as written.
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let key_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let key = &after[..key_len];
        let closed = after[key_len..].starts_with('}');
        match args.iter().find(|(k, _)| *k == key) {
            Some((_, v)) if closed && !key.is_empty() => {
                out.push_str(v);
                rest = &after[key_len + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Merges `over` into `base`: objects key by key, everything else replaced.
pub fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// Every dotted path to a leaf label (strings and lists of strings), sorted.
pub fn leaf_paths(v: &Value) -> Vec<String> {
    fn walk(v: &Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let p = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(v, &p, out);
                }
            }
            _ => out.push(prefix.to_string()),
        }
    }
    let mut out = Vec::new();
    walk(v, "", &mut out);
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_keys_only() {
        assert_eq!(fill("{a}与{b}", &[("a", "甲"), ("b", "乙")]), "甲与乙");
        assert_eq!(fill("{x} {", &[("a", "甲")]), "{x} {");
        assert_eq!(fill("{a}", &[("a", "{b}"), ("b", "no")]), "{b}");
        assert_eq!(
            fill("lint { allow {code} } {", &[("code", "A0001")]),
            "lint { allow A0001 } {"
        );
    }

    #[test]
    fn merge_overrides_leaves() {
        let mut a = serde_json::json!({"x": {"y": 1, "z": 2}});
        merge(&mut a, serde_json::json!({"x": {"y": 3}}));
        assert_eq!(a, serde_json::json!({"x": {"y": 3, "z": 2}}));
    }

    #[test]
    fn both_languages_have_the_same_labels() {
        let zh = leaf_paths(Words::of(Lang::Zh).value());
        let en = leaf_paths(Words::of(Lang::En).value());
        let only_zh: Vec<_> = zh.iter().filter(|p| !en.contains(p)).collect();
        let only_en: Vec<_> = en.iter().filter(|p| !zh.contains(p)).collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "labels only in zh: {only_zh:?}; only in en: {only_en:?}"
        );
    }

    #[test]
    fn detects_the_language_of_a_text() {
        assert_eq!(Lang::detect("应急预案 plan"), Lang::Zh);
        assert_eq!(Lang::detect("an emergency plan"), Lang::En);
    }
}
