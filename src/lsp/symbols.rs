//! `textDocument/documentSymbol`: the plan's outline from its lossless tree — every
//! top-level definition by its kind (header, bodies, roles, units, externals, levels,
//! `on` blocks with their actions, scenarios with their injects …).

use super::{Document, Settings, position};
use crate::syntax::{Item, TokenKind};
use crate::wording::Words;
use lsp_types::{DocumentSymbol, SymbolKind};

pub fn document_symbols(doc: &Document, s: &Settings) -> Vec<DocumentSymbol> {
    let Some(cst) = &doc.compilation.cst else {
        return Vec::new();
    };
    let w = Words::of(doc.lang);
    cst.items
        .iter()
        .filter_map(|it| symbol(doc, it, w, s))
        .collect()
}

/// The symbol of a definition (and of the definitions in its block that have a block
/// of their own: actions, injects).
#[allow(deprecated)] // `DocumentSymbol::deprecated` is a field the type still has.
fn symbol(doc: &Document, it: &Item, w: &Words, s: &Settings) -> Option<DocumentSymbol> {
    let src = doc.source();
    let first = it.tokens.first()?;
    if first.kind != TokenKind::Keyword {
        return None;
    }
    let keyword = src.slice(first.span);
    let rest = &it.tokens[1..];
    // The name (or the header's title, or an `on` block's trigger) is what follows the
    // keyword on its line.
    let named: Vec<_> = rest
        .iter()
        .filter(|t| !matches!(t.kind, TokenKind::BlockText))
        .take(if keyword == "on" { 8 } else { 1 })
        .collect();
    let selection = match (named.first(), named.last()) {
        (Some(a), Some(b)) => a.span.join(b.span),
        _ => first.span,
    };
    let name = match keyword {
        "on" => format!("on {}", src.slice(selection)),
        _ if named.is_empty() => keyword.to_string(),
        _ => src.slice(selection).trim_matches('"').to_string(),
    };
    let children: Vec<DocumentSymbol> = it
        .block
        .iter()
        .flat_map(|b| &b.items)
        .filter(|c| c.block.is_some())
        .filter_map(|c| symbol(doc, c, w, s))
        .collect();
    let (kind, key) = kind(keyword);
    let detail = w.opt(&format!("lsp.kind.{key}"));
    let range = position::range(src, it.span, s.encoding);
    let selection_range = position::range(src, selection, s.encoding);
    Some(DocumentSymbol {
        name: if name.is_empty() {
            keyword.to_string()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: (!children.is_empty()).then_some(children),
    })
}

fn kind(keyword: &str) -> (SymbolKind, &'static str) {
    match keyword {
        "plan" => (SymbolKind::FILE, "plan"),
        "body" => (SymbolKind::NAMESPACE, "body"),
        "role" => (SymbolKind::INTERFACE, "role"),
        "unit" => (SymbolKind::CLASS, "unit"),
        "external" => (SymbolKind::OBJECT, "external"),
        "channel" => (SymbolKind::PROPERTY, "channel"),
        "roster" => (SymbolKind::STRUCT, "roster"),
        "grade" => (SymbolKind::ENUM, "grade"),
        "level" => (SymbolKind::ENUM_MEMBER, "level"),
        "on" => (SymbolKind::EVENT, "on"),
        "action" => (SymbolKind::FUNCTION, "action"),
        "resource" => (SymbolKind::VARIABLE, "resource"),
        "drill" => (SymbolKind::METHOD, "drill"),
        "training" => (SymbolKind::METHOD, "training"),
        "scenario" => (SymbolKind::MODULE, "scenario"),
        "inject" => (SymbolKind::EVENT, "inject"),
        "principle" | "purpose" | "scope" | "text" => (SymbolKind::STRING, "text"),
        "template" | "annex" => (SymbolKind::STRING, "annex"),
        _ => (SymbolKind::KEY, "other"),
    }
}

/// `workspace/symbol`: the definitions of every open plan whose name holds the query
/// (any case), by document then position.
pub fn workspace_symbols<'a>(
    docs: impl IntoIterator<Item = (&'a lsp_types::Uri, &'a Document)>,
    query: &str,
    s: &Settings,
) -> Vec<lsp_types::WorkspaceSymbol> {
    use super::names::Space;
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for (uri, doc) in docs {
        let w = Words::of(doc.lang);
        for o in doc.names.all.iter().filter(|o| o.definition) {
            if !o.name.to_lowercase().contains(&query) {
                continue;
            }
            let key = match o.space {
                Space::Action => "action",
                Space::Top => match doc.compilation.symbols.kind(&o.name) {
                    Some(k) => super::hover::kind_key(k),
                    None => continue,
                },
            };
            let range = position::range(doc.source(), o.span, s.encoding);
            out.push(lsp_types::WorkspaceSymbol {
                name: o.name.to_string(),
                kind: kind(key).0,
                tags: None,
                container_name: w.opt(&format!("lsp.kind.{key}")),
                location: lsp_types::OneOf::Left(lsp_types::Location::new(uri.clone(), range)),
                data: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn the_outline_of_the_flagship() {
        let d = flagship();
        let all = document_symbols(&d, &settings());
        let unit = all
            .iter()
            .find(|x| x.name == "宣传部")
            .expect("the unit 宣传部");
        assert_eq!(unit.kind, SymbolKind::CLASS);
        assert!(
            all.iter()
                .any(|x| x.name == "红色" && x.kind == SymbolKind::ENUM_MEMBER)
        );
        let on = all
            .iter()
            .find(|x| x.kind == SymbolKind::EVENT && x.children.is_some())
            .expect("an on block with actions");
        assert!(on.name.starts_with("on "), "{}", on.name);
        for c in on.children.as_ref().unwrap() {
            assert_eq!(c.kind, SymbolKind::FUNCTION);
            assert!(c.range.start >= on.range.start && c.range.end <= on.range.end);
            assert!(c.selection_range.start >= c.range.start);
        }
    }

    #[test]
    fn workspace_symbols_across_open_plans() {
        let a = doc("unit 宣传部 {}\nrole 总指挥 {}\n");
        let b = flagship();
        let (ua, ub): (lsp_types::Uri, lsp_types::Uri) = (
            "file:///a.plan".parse().unwrap(),
            "file:///b.plan".parse().unwrap(),
        );
        let found = workspace_symbols([(&ua, &a), (&ub, &b)], "宣传", &settings());
        let names: Vec<&str> = found.iter().map(|x| x.name.as_str()).collect();
        assert!(
            names.iter().filter(|n| **n == "宣传部").count() == 2,
            "{names:?}"
        );
        assert!(found.iter().all(|x| x.name.contains("宣传")));
        assert_eq!(found[0].kind, SymbolKind::CLASS);
    }
}
