//! Where each name is defined and used, from the resolver's own tables: the
//! definitions of [`Symbols`](crate::model::Symbols), the references of
//! [`visit_references`] and the actions' `after` and anchors. Go to definition, find
//! references, rename and hover read this index.

use crate::Compilation;
use crate::model::DefKind;
use crate::model::resolve::{Reference, visit_references};
use crate::source::Span;
use compact_str::CompactString;

/// The namespace a name lives in: top-level definitions, or actions (which are named
/// per trigger and referred to by `after`, `from` and `before`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Space {
    Top,
    Action,
}

/// One place a name is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    pub name: CompactString,
    pub space: Space,
    pub definition: bool,
    /// How a reference names it (none for a definition or an action's).
    pub reference: Option<Reference>,
}

/// Every occurrence of a name, in text order.
#[derive(Clone, Debug, Default)]
pub struct Index {
    pub all: Vec<Occurrence>,
}

impl Index {
    pub fn of(c: &Compilation) -> Index {
        let Some(plan) = &c.plan else {
            return Index::default();
        };
        let mut all = Vec::new();
        for (name, def) in &c.symbols.defs {
            all.push(occurrence(def.span, name, Space::Top, true, None));
        }
        visit_references(plan, &mut |n, r| {
            if !n.span.is_dummy() {
                all.push(occurrence(n.span, &n.value, Space::Top, false, Some(r)));
            }
        });
        for a in &plan.actions {
            all.push(occurrence(
                a.name.span,
                &a.name.value,
                Space::Action,
                true,
                None,
            ));
            let anchor = a.anchor.as_ref().map(|x| &x.action);
            for n in a.after.iter().chain(anchor) {
                all.push(occurrence(n.span, &n.value, Space::Action, false, None));
            }
        }
        all.retain(|o| !o.span.is_dummy());
        all.sort_by_key(|o| (o.span.start(), o.span.end(), !o.definition));
        // The levels of an `on level …` block are shared by every action in it.
        all.dedup_by(|b, a| a.span == b.span && a.space == b.space);
        Index { all }
    }

    /// The occurrence under a byte offset (its end counts, as an editor's cursor
    /// after the last character of a word is on that word).
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        let i = self.all.partition_point(|o| o.span.end() < offset);
        self.all[i..]
            .iter()
            .take_while(|o| o.span.start() <= offset)
            .find(|o| o.span.start() <= offset && offset <= o.span.end())
    }

    /// Every occurrence of a name in a namespace.
    pub fn of_name<'a>(
        &'a self,
        name: &'a str,
        space: Space,
    ) -> impl Iterator<Item = &'a Occurrence> {
        self.all
            .iter()
            .filter(move |o| o.space == space && o.name == name)
    }

    /// Where a name is defined.
    pub fn definitions<'a>(
        &'a self,
        name: &'a str,
        space: Space,
    ) -> impl Iterator<Item = &'a Occurrence> {
        self.of_name(name, space).filter(|o| o.definition)
    }
}

fn occurrence(
    span: Span,
    name: &str,
    space: Space,
    definition: bool,
    reference: Option<Reference>,
) -> Occurrence {
    Occurrence {
        span,
        name: name.into(),
        space,
        definition,
        reference,
    }
}

/// The kinds of definition a reference may name, for completion.
pub fn kinds_for(r: Reference) -> &'static [DefKind] {
    r.expects().map(|(k, _)| k).unwrap_or(&[])
}

// ───────────── requests ─────────────

use super::{Document, Settings, position};
use crate::wording::Words;
use lsp_types::{Location, Position, TextEdit, Uri, WorkspaceEdit};

fn location(doc: &Document, uri: &Uri, span: Span, s: &Settings) -> Location {
    Location::new(uri.clone(), position::range(doc.source(), span, s.encoding))
}

/// Go to definition: where the name under the cursor is defined.
pub fn definition(doc: &Document, uri: &Uri, pos: Position, s: &Settings) -> Vec<Location> {
    let offset = position::offset(doc.source(), pos, s.encoding);
    let Some(o) = doc.names.at(offset) else {
        return Vec::new();
    };
    doc.names
        .definitions(&o.name, o.space)
        .map(|d| location(doc, uri, d.span, s))
        .collect()
}

/// Find references: every place the name under the cursor is written, its
/// definition too when the client asks for it.
pub fn references(
    doc: &Document,
    uri: &Uri,
    pos: Position,
    with_definition: bool,
    s: &Settings,
) -> Vec<Location> {
    let offset = position::offset(doc.source(), pos, s.encoding);
    let Some(o) = doc.names.at(offset) else {
        return Vec::new();
    };
    doc.names
        .of_name(&o.name, o.space)
        .filter(|x| with_definition || !x.definition)
        .map(|x| location(doc, uri, x.span, s))
        .collect()
}

/// The range of the name a rename would change, if the cursor is on one.
pub fn prepare_rename(doc: &Document, pos: Position, s: &Settings) -> Option<lsp_types::Range> {
    let offset = position::offset(doc.source(), pos, s.encoding);
    let o = doc.names.at(offset)?;
    doc.names.definitions(&o.name, o.space).next()?;
    Some(position::range(doc.source(), o.span, s.encoding))
}

#[allow(clippy::mutable_key_type)] // lsp-types keys the edits by `Uri`.
/// Rename: every occurrence of the name under the cursor, or why not (the new name
/// is not a name of the language, or is already defined).
pub fn rename(
    doc: &Document,
    uri: &Uri,
    pos: Position,
    new_name: &str,
    s: &Settings,
) -> Result<WorkspaceEdit, String> {
    let w = Words::of(doc.lang);
    let offset = position::offset(doc.source(), pos, s.encoding);
    let o = doc
        .names
        .at(offset)
        .filter(|o| doc.names.definitions(&o.name, o.space).next().is_some())
        .ok_or_else(|| w.get("lsp.rename.nothing"))?;
    if !is_name(new_name) {
        return Err(w.fill("lsp.rename.not_a_name", &[("name", new_name)]));
    }
    if new_name != o.name && doc.names.definitions(new_name, o.space).next().is_some() {
        return Err(w.fill("lsp.rename.exists", &[("name", new_name)]));
    }
    let edits: Vec<TextEdit> = doc
        .names
        .of_name(&o.name, o.space)
        .map(|x| TextEdit {
            range: position::range(doc.source(), x.span, s.encoding),
            new_text: new_name.to_string(),
        })
        .collect();
    let mut changes = std::collections::HashMap::new();
    changes.insert(uri.clone(), edits);
    Ok(WorkspaceEdit::new(changes))
}

/// Whether a text is one name of the language, as the grammar reads a name where a
/// definition is named (`role NAME {}`): one token, nothing before or after it.
pub fn is_name(text: &str) -> bool {
    // A keyword would read as the keyword in some places (`after owner`).
    if text.is_empty()
        || text.len() > 200
        || text.contains(['{', '}', '#', '"'])
        || crate::syntax::KEYWORDS.contains(&text)
    {
        return false;
    }
    let probe = crate::source::Source::new("name.plan", format!("role {text} {{}}\n"));
    let parsed = crate::syntax::parse_with(&probe, false);
    parsed.diagnostics.iter().all(|d| !d.is_error())
        && parsed
            .plan
            .is_some_and(|p| p.roles.len() == 1 && p.roles[0].name.value == text)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn uri() -> Uri {
        "file:///t/p.plan".parse().expect("a uri")
    }

    #[test]
    fn names_of_the_language() {
        assert!(is_name("宣传部"));
        assert!(is_name("unit_2"));
        assert!(!is_name("两 个"));
        assert!(!is_name(""));
        assert!(!is_name("a{b"));
        assert!(!is_name("3d"));
        assert!(!is_name("owner"));
    }

    #[test]
    fn definition_and_references_of_a_unit() {
        let d = flagship();
        let s = settings();
        // `maintainer 宣传部` in the header refers to the unit.
        let pos = at(&d, "maintainer 宣传部", 0, "maintainer ".len());
        let defs = definition(&d, &uri(), pos, &s);
        assert_eq!(defs.len(), 1);
        let def_off = position::offset(d.source(), defs[0].range.start, s.encoding);
        assert!(d.text()[..def_off].ends_with("unit "), "{defs:?}");
        let refs = references(&d, &uri(), pos, false, &s);
        let owners = d.text().matches("owner 宣传部").count();
        assert!(refs.len() > owners, "{} refs, {owners} owners", refs.len());
        let with_def = references(&d, &uri(), pos, true, &s);
        assert_eq!(with_def.len(), refs.len() + 1);
    }

    #[test]
    fn rename_edits_every_reference_and_refuses_bad_names() {
        let d = flagship();
        let s = settings();
        let pos = at(&d, "maintainer 宣传部", 0, "maintainer ".len() + 3);
        let edit = rename(&d, &uri(), pos, "新闻中心", &s).expect("a rename");
        let edits = &edit.changes.as_ref().unwrap()[&uri()];
        let refs = references(&d, &uri(), pos, true, &s);
        assert_eq!(edits.len(), refs.len());
        // Applied, the plan still checks as before: no name is left dangling.
        let mut text = d.text().to_string();
        let mut spans: Vec<Span> = edits
            .iter()
            .map(|e| position::span(d.source(), e.range, s.encoding))
            .collect();
        spans.sort_by_key(|s| std::cmp::Reverse(s.start()));
        for sp in spans {
            text.replace_range(sp.range(), "新闻中心");
        }
        let after = doc(&text);
        assert!(
            !after.findings.iter().any(|f| f.is_error()),
            "{:?}",
            after.findings
        );
        assert!(!text.contains("owner 宣传部"));
        let err = rename(&d, &uri(), pos, "网信部", &s).unwrap_err();
        assert!(err.contains("网信部"), "{err}");
        let err = rename(&d, &uri(), pos, "新 闻", &s).unwrap_err();
        assert!(err.contains("新 闻"), "{err}");
        // Not on a name.
        assert!(rename(&d, &uri(), at(&d, "plan \"", 0, 1), "x", &s).is_err());
    }

    /// Renames with `rename` at the first `needle` (+ `shift`) and compiles the result.
    fn renamed(d: &Document, needle: &str, shift: usize, new: &str) -> String {
        let s = settings();
        let edit = rename(d, &uri(), at(d, needle, 0, shift), new, &s).expect("a rename");
        let mut text = d.text().to_string();
        let mut spans: Vec<Span> = edit.changes.unwrap()[&uri()]
            .iter()
            .map(|e| position::span(d.source(), e.range, s.encoding))
            .collect();
        spans.sort_by_key(|s| std::cmp::Reverse(s.start()));
        for sp in spans {
            text.replace_range(sp.range(), new);
        }
        text
    }

    #[test]
    fn renaming_a_level_and_a_role_of_the_flagship_keeps_it_meaning_the_same() {
        let d = flagship();
        let before = d.findings.len();
        for (needle, shift, old, new) in [
            ("level 橙色 {", 6, "橙色", "二级"),
            ("role 总指挥 {", 5, "总指挥", "总负责人"),
        ] {
            let text = renamed(&d, needle, shift, new);
            let after = doc(&text);
            assert!(
                !after.findings.iter().any(|f| f.is_error()),
                "{old}: {:?}",
                after.findings
            );
            assert_eq!(after.findings.len(), before, "{old}");
            let refs = d.names.of_name(old, Space::Top).count();
            assert_eq!(after.names.of_name(new, Space::Top).count(), refs, "{old}");
            assert_eq!(after.names.of_name(old, Space::Top).count(), 0, "{old}");
        }
    }

    #[test]
    fn actions_are_their_own_namespace() {
        let d = doc(
            "unit 甲 {}\non detect {\n  action 核实 { owner 甲 }\n  action 回应 { owner 甲 after 核实 }\n}\n",
        );
        let s = settings();
        let refs = references(&d, &uri(), at(&d, "after 核实", 0, 7), true, &s);
        assert_eq!(refs.len(), 2);
        let defs = definition(&d, &uri(), at(&d, "after 核实", 0, 7), &s);
        assert_eq!(defs[0].range.start, at(&d, "核实", 0, 0));
    }
}
