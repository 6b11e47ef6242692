//! `textDocument/inlayHint`: the facts the compiler works out and the text does not
//! say — an action timed from another (`within 4h from 接报登记`) is shown its time limit
//! counted from its trigger, as the resolver computes it.

use super::{Document, Settings, position};
use crate::wording::{Words, plan_spelling};
use lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, Range};

pub fn inlay_hints(doc: &Document, range: Range, s: &Settings) -> Vec<InlayHint> {
    let c = &doc.compilation;
    let Some(plan) = &c.plan else {
        return Vec::new();
    };
    let want = position::span(doc.source(), range, s.encoding);
    let w = Words::of(doc.lang);
    let mut out = Vec::new();
    for (i, a) in plan.actions.iter().enumerate() {
        let Some(anchor) = &a.anchor else {
            continue;
        };
        let at = anchor.action.span.end();
        if anchor.action.span.is_dummy() || at < want.start() || at > want.end() {
            continue;
        }
        let text = match c.symbols.limit.get(i).copied().flatten() {
            Some(m) => w.fill("lsp.inlay.limit", &[("time", &plan_spelling(m))]),
            None => w.get("lsp.inlay.no_limit"),
        };
        out.push(InlayHint {
            position: position::position(doc.source(), at, s.encoding),
            label: InlayHintLabel::String(text),
            kind: Some(InlayHintKind::TYPE),
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use lsp_types::Position;

    #[test]
    fn an_anchored_action_is_shown_its_limit_from_the_trigger() {
        let d = doc(
            "unit 甲 {}\non detect {\n  action 登记 { owner 甲 within 1h }\n  action 回应 { owner 甲 within 4h from 登记 }\n}\n",
        );
        let all = Range::new(Position::new(0, 0), Position::new(9, 0));
        let h = inlay_hints(&d, all, &settings());
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].position, at(&d, "from 登记", 0, "from 登记".len()));
        match &h[0].label {
            InlayHintLabel::String(t) => assert!(t.contains("5h"), "{t}"),
            other => panic!("{other:?}"),
        }
        let none = Range::new(Position::new(0, 0), Position::new(1, 0));
        assert!(inlay_hints(&d, none, &settings()).is_empty());
    }
}
