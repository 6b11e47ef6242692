//! The plan model, name resolution and the responsibility graph.

pub mod graph;
pub mod resolve;
mod types;
pub mod vocab;

pub use graph::{Edge, Graph, Node, NodeKind};
pub use resolve::{DefKind, Symbols, resolve};
pub use types::*;

/// The closest candidate to a misspelled word, if one is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n = word.chars().count();
    // A typo changes a character or two; two of three CJK characters changed is
    // another word.
    let limit = match n {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= limit && *d < c.chars().count().max(n))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_close_names_only() {
        let names = ["宣传部", "网信部", "法务部"];
        assert_eq!(super::suggest("宣传部门", names), Some("宣传部"));
        assert_eq!(super::suggest("ownr", ["owner", "approve"]), Some("owner"));
        assert_eq!(super::suggest("财务处", names), None);
    }
}
