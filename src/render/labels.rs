//! The wording of the document: `templates/labels/<lang>.json`, one file per language.
//!
//! Templates read the labels as `t` (`{{ t.chapter.general }}`); the view builder reads
//! the few it needs to format durations, dates, hours, conditions and the flow chart.
//! A user's labels file is merged over the bundled one, so it may override only a few
//! words.

use serde_json::Value;

/// The labels of one language.
#[derive(Clone, Debug)]
pub struct Labels {
    pub value: Value,
}

impl Labels {
    pub fn new(value: Value) -> Labels {
        Labels { value }
    }

    /// The label at a dotted path (`"chapter.general"`), or the path itself when the
    /// labels lack it, so a missing word shows up instead of vanishing.
    pub fn get(&self, path: &str) -> String {
        self.lookup(path)
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| path.to_string())
    }

    /// The label at a dotted path if it exists.
    pub fn opt(&self, path: &str) -> Option<String> {
        self.lookup(path)
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    fn lookup(&self, path: &str) -> Option<&Value> {
        path.split('.').try_fold(&self.value, |v, key| match v {
            Value::Object(m) => m.get(key),
            Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        })
    }

    /// A label with `{key}` placeholders filled in.
    pub fn fill(&self, path: &str, args: &[(&str, &str)]) -> String {
        fill(&self.get(path), args)
    }

    /// The word for a count of a duration unit (`"h"`), singular or plural.
    pub fn unit(&self, suffix: &str, count: u32) -> String {
        let forms = self.lookup(&format!("duration.{suffix}"));
        let pick = |i: usize| {
            forms
                .and_then(|f| f.get(i))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let plural = if count == 1 { pick(0) } else { pick(1) };
        plural.or_else(|| pick(0)).unwrap_or_else(|| suffix.into())
    }
}

/// Replaces every `{key}` in `pattern` with its value; unknown placeholders stay.
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match args.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_keys_only() {
        assert_eq!(fill("{a}与{b}", &[("a", "甲"), ("b", "乙")]), "甲与乙");
        assert_eq!(fill("{x} {", &[("a", "甲")]), "{x} {");
        assert_eq!(fill("{a}", &[("a", "{b}"), ("b", "no")]), "{b}");
    }

    #[test]
    fn merge_overrides_leaves() {
        let mut a = serde_json::json!({"x": {"y": 1, "z": 2}});
        merge(&mut a, serde_json::json!({"x": {"y": 3}}));
        assert_eq!(a, serde_json::json!({"x": {"y": 3, "z": 2}}));
    }
}
