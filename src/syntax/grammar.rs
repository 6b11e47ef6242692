//! The words of the language as the grammar declares them.
//!
//! `build.rs` reads `grammar/plan.pest` and writes the table included here: the
//! keywords, what each rule is, and one enum per kind of block with its fields. The
//! parser's "expected …" wording, the lossless tree's token classes, `is_keyword`,
//! did-you-mean and lowering's field dispatch all derive from it, so a keyword or a
//! field is added to the grammar and nowhere else in this table.

use super::parser::Rule;

/// What a rule of the grammar is to the rest of the front end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RuleKind {
    /// `k_owner`: the keyword `owner`.
    Keyword(&'static str),
    /// A top-level definition (`role_def`), with the keyword that starts it.
    TopLevel(&'static str),
    /// A field or a nested block (`owner_f`, `action_def`), with the keyword that
    /// starts it.
    Field(&'static str),
    /// `{`, `,`, `..` …
    Punct(Punct),
    /// Any other rule that makes pairs: names, texts, numbers, conditions …
    Lexical(Lexical),
    /// A rule that never makes a pair of its own.
    Silent,
}

include!(concat!(env!("OUT_DIR"), "/grammar_table.rs"));

/// The keyword a definition or a field starts with (`on_def` → `on`); empty for a
/// rule that starts with none.
pub(super) const fn leading_keyword(rule: Rule) -> &'static str {
    match kind(rule) {
        RuleKind::Keyword(k) | RuleKind::TopLevel(k) | RuleKind::Field(k) => k,
        RuleKind::Punct(_) | RuleKind::Lexical(_) | RuleKind::Silent => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Chapter, Days, Trigger};
    use crate::source::Source;

    fn keywords_of(rule: &str) -> Vec<&'static str> {
        let (_, words) = KEYWORD_CHOICES
            .iter()
            .find(|(r, _)| *r == rule)
            .unwrap_or_else(|| panic!("the grammar has no keyword choice `{rule}`"));
        words.to_vec()
    }

    /// The model spells chapters, days and triggers for the documents and the export;
    /// the grammar is where they are defined.
    #[test]
    fn the_model_spells_keywords_as_the_grammar_does() {
        let chapters: Vec<&str> = Chapter::ALL.iter().map(|c| c.keyword()).collect();
        assert_eq!(chapters, keywords_of("chapter"));
        let days: Vec<&str> = Days::ALL.iter().map(|d| d.keyword()).collect();
        assert_eq!(days, keywords_of("day_set"));
        for word in keywords_of("trigger") {
            let text = match word {
                "level" | "event" => format!("{word} 甲"),
                _ => word.to_string(),
            };
            let trigger: Trigger = text.parse().expect("the export reads every trigger");
            assert_eq!(trigger.to_string(), text);
        }
    }

    /// Every keyword is a whole word of the grammar, and every top-level keyword one.
    #[test]
    fn keywords_are_words_and_top_keywords_are_keywords() {
        for k in KEYWORDS {
            assert!(
                k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{k}"
            );
        }
        for t in TOP_KEYWORDS {
            assert!(KEYWORDS.contains(t), "{t}");
        }
    }

    fn model_of(text: &str, what: &str) -> String {
        let parsed = super::super::parse_with(&Source::new("sample.plan", text), false);
        let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{what}: `{text}`: {errors:?}");
        let plan = parsed
            .plan
            .unwrap_or_else(|| panic!("{what}: `{text}` gives no model"));
        serde_json::to_string(&plan).expect("the model serializes")
    }

    /// Lowering is exhaustive: every statement of the grammar, every optional part
    /// of it and every alternative reaches the model (and so the export).
    #[test]
    fn every_part_of_the_grammar_reaches_the_model() {
        let mut failures = Vec::new();
        for (what, a, b) in SAMPLE_PAIRS {
            if model_of(a, what) == model_of(b, what) {
                failures.push(format!("{what}:\n    {a}\n    {b}"));
            }
        }
        assert!(
            failures.is_empty(),
            "lowering drops what these texts say:\n{}",
            failures.join("\n")
        );
        assert!(SAMPLE_PAIRS.len() > 150, "{} pairs", SAMPLE_PAIRS.len());
    }
}
