//! The plan model, name resolution and the responsibility graph.

pub mod display;
pub mod domain;
pub mod graph;
pub mod resolve;
mod types;
mod validate;
pub mod vocab;

pub use display::Titles;
pub use graph::{Edge, Graph, Node, NodeKind};
pub use resolve::{DefKind, Symbols, resolve};
pub use types::*;
pub use validate::{NUMBER_LIMIT, validate};

pub use crate::source::suggest;

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
