//! The grammar's own words about each keyword: the `///` comments of the rules of
//! `grammar/plan.pest` that start with it (`owner_f = { k_owner ~ … }`), for hover. The
//! keywords themselves are the one keyword table's ([`crate::syntax::KEYWORDS`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

const GRAMMAR: &str = include_str!("../../grammar/plan.pest");

/// The documentation of a keyword: each rule it starts, its comment (a keyword that
/// starts several rules, such as `every`, has several).
pub fn doc(keyword: &str) -> Option<&'static [String]> {
    docs().get(keyword).map(Vec::as_slice)
}

fn docs() -> &'static BTreeMap<&'static str, Vec<String>> {
    static DOCS: OnceLock<BTreeMap<&'static str, Vec<String>>> = OnceLock::new();
    DOCS.get_or_init(|| read(GRAMMAR))
}

/// Reads the comments of the rules that begin with a keyword.
fn read(grammar: &'static str) -> BTreeMap<&'static str, Vec<String>> {
    let mut out: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut comment: Vec<&str> = Vec::new();
    for line in grammar.lines() {
        if let Some(c) = line.strip_prefix("///") {
            comment.push(c.trim());
            continue;
        }
        if comment.is_empty() {
            continue;
        }
        let doc = comment.join(" ");
        comment.clear();
        let Some((_, body)) = line.split_once('=') else {
            continue;
        };
        let body = body
            .trim_start_matches([' ', '_', '@', '$', '!', '{'])
            .trim_start();
        let first = body.split([' ', '~', '}', ')']).next().unwrap_or("");
        let Some(k) = first.strip_prefix("k_") else {
            continue;
        };
        if let Some(&keyword) = crate::syntax::KEYWORDS.iter().find(|w| **w == k) {
            let entry = out.entry(keyword).or_default();
            if !entry.contains(&doc) {
                entry.push(doc);
            }
        }
    }
    out
}

/// Whether a word is a keyword of the language.
pub fn is_keyword(word: &str) -> bool {
    crate::syntax::KEYWORDS.contains(&word)
}

/// The keywords that start a top-level definition: those of the rules the grammar's
/// `definition` chooses from.
pub fn top_level() -> &'static [&'static str] {
    static TOP: OnceLock<Vec<&'static str>> = OnceLock::new();
    TOP.get_or_init(|| {
        let Some((_, rest)) = GRAMMAR.split_once("\ndefinition = _{") else {
            return Vec::new();
        };
        let choice = rest.split('}').next().unwrap_or("");
        let rules: Vec<&str> = choice
            .split('|')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .collect();
        let mut out = Vec::new();
        for r in rules {
            let start = format!("\n{r} = ");
            let Some((_, body)) = GRAMMAR.split_once(start.as_str()) else {
                continue;
            };
            let body = body
                .trim_start_matches([' ', '_', '@', '$', '!', '{'])
                .trim_start();
            let first = body.split([' ', '~', '}', ')']).next().unwrap_or("");
            if let Some(k) = first.strip_prefix("k_")
                && let Some(&kw) = crate::syntax::KEYWORDS.iter().find(|w| **w == k)
            {
                out.push(kw);
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_have_their_grammar_doc() {
        let owner = super::doc("owner").expect("owner is documented");
        assert!(owner.iter().any(|d| d.contains("owner")), "{owner:?}");
        let org = super::doc("org").unwrap();
        assert!(org[0].contains("示例集团有限公司"), "{org:?}");
        assert!(super::doc("unit").is_some());
        assert!(super::doc("no_such_keyword").is_none());
    }
}
