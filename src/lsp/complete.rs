//! `textDocument/completion`: the keywords the grammar takes at the cursor (asked of
//! the parser itself), names of the right kind after a field that names a party, a
//! level, a roster or an action, durations after `within`, and the signals of the
//! plan's domain in a condition.

use super::{Document, Settings, keywords, position};
use crate::diagnostic::{Expect, Finding, ParseFinding};
use crate::model::DefKind;
use crate::source::Source;
use crate::wording::Words;
use lsp_types::{CompletionItem, CompletionItemKind, CompletionResponse, Documentation, Position};

/// What the word before the cursor asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// Names of these kinds of definition.
    Names(&'static [DefKind]),
    Actions,
    Duration,
    Signal,
    /// The words of a fixed vocabulary: what follows this keyword (`kind`, `color` …).
    Words(&'static str),
    Keyword,
}

const INTERNAL: &[DefKind] = &[DefKind::Body, DefKind::Role, DefKind::Unit];
const PARTY: &[DefKind] = &[
    DefKind::Body,
    DefKind::Role,
    DefKind::Unit,
    DefKind::External,
];

/// What follows a keyword, for the keywords that are followed by a name, a duration
/// or a condition.
fn after_keyword(keyword: &str) -> Option<Want> {
    Some(match keyword {
        // Work is given to the organization's own parties.
        "owner" | "approve" | "backup" | "lead" | "deputy" | "office" | "members"
        | "declared_by" | "approved_by" | "approver" | "maintainer" | "by" => Want::Names(INTERNAL),
        "consult" | "inform" | "reports_to" | "watched_by" | "filed_with" | "unavailable" => {
            Want::Names(PARTY)
        }
        "upgrade_to" | "downgrade_to" | "level" => Want::Names(&[DefKind::Level]),
        "roster" => Want::Names(&[DefKind::Roster]),
        "grade" => Want::Names(&[DefKind::Grade]),
        "scenarios" => Want::Names(&[DefKind::Scenario]),
        "after" | "from" | "before" => Want::Actions,
        "within" | "every" | "effort" | "for" | "immediately" => Want::Duration,
        "when" | "if" | "and" | "or" | "not" => Want::Signal,
        "kind" | "color" | "capability" | "deliver" | "appears_on" => {
            Want::Words(vocabulary_of(keyword))
        }
        _ => return None,
    })
}

/// The durations offered after `within` and its like.
const DURATIONS: &[&str] = &[
    "15m", "30m", "1h", "2h", "4h", "12h", "1d", "3d", "5wd", "1w", "1mo", "1y",
];

/// The completion context at a byte offset: the partial word under the cursor and
/// what it should be.
pub fn context(text: &str, offset: usize) -> (usize, Want) {
    let before = &text[..offset];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let line_start = before[..word_start]
        .rfind(['\n', '{', '}'])
        .map_or(0, |i| i + 1);
    let mut words: Vec<&str> = before[line_start..word_start].split_whitespace().collect();
    const COMMAS: [char; 3] = [',', '，', '、'];
    // In a list (`inform 甲, 乙, `) the field is the keyword before the first name.
    while let Some(t) = words.pop() {
        if t == "level" && words.last() != Some(&"on") {
            // `level NAME {`: a new name, nothing to offer.
            return (word_start, Want::Names(&[]));
        }
        if let Some(w) = after_keyword(t) {
            return (word_start, w);
        }
        if keywords::is_keyword(t) {
            break;
        }
        let name = t.trim_end_matches(COMMAS);
        if name.len() == t.len() {
            break;
        }
        if name.is_empty() && words.pop().is_none() {
            break;
        }
    }
    (word_start, Want::Keyword)
}

/// The keyword itself, as `'static` (a keyword of the table).
fn vocabulary_of(keyword: &str) -> &'static str {
    crate::syntax::KEYWORDS
        .iter()
        .find(|k| **k == keyword)
        .copied()
        .unwrap_or("")
}

/// The words of the vocabulary a keyword takes, in the block it stands in.
fn vocabulary(doc: &Document, keyword: &str, offset: usize) -> Vec<&'static str> {
    use crate::model::vocab;
    let kinds = &doc.names_from().symbols.domain().kinds;
    let with = |base: &[&'static str], extra: &'static [String]| -> Vec<&'static str> {
        base.iter()
            .copied()
            .chain(extra.iter().map(String::as_str))
            .collect()
    };
    let pairs = |p: &[(&'static str, &'static str)]| p.iter().flat_map(|(a, b)| [*a, *b]).collect();
    match (keyword, enclosing_block(doc.text(), offset)) {
        ("kind", Some("external")) => with(vocab::EXTERNAL_KINDS, &kinds.external),
        ("kind", Some("channel")) | ("appears_on", _) => with(vocab::CHANNEL_KINDS, &kinds.channel),
        ("kind", Some("resource")) => with(vocab::RESOURCE_KINDS, &kinds.resource),
        ("kind", Some("drill" | "training")) => vocab::EXERCISE_KINDS.to_vec(),
        ("deliver", _) => with(vocab::DELIVERABLES, &kinds.deliverable),
        ("capability", _) => pairs(vocab::CAPABILITIES),
        ("color", _) => pairs(vocab::COLORS),
        _ => Vec::new(),
    }
}

/// The keyword of the innermost block open at a byte offset (braces counted back
/// from the offset; the block's keyword is the first word of the line of its `{`).
fn enclosing_block(text: &str, offset: usize) -> Option<&str> {
    let mut depth = 0usize;
    for (i, c) in text[..offset].char_indices().rev() {
        match c {
            '}' => depth += 1,
            '{' if depth > 0 => depth -= 1,
            '{' => {
                let line = &text[text[..i].rfind('\n').map_or(0, |n| n + 1)..i];
                return line.split_whitespace().next();
            }
            _ => {}
        }
    }
    None
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

pub fn completion(doc: &Document, pos: Position, s: &Settings) -> Option<CompletionResponse> {
    let offset = position::offset(doc.source(), pos, s.encoding);
    let (start, want) = context(doc.text(), offset);
    let items = match want {
        Want::Names(kinds) => names(doc, kinds),
        Want::Actions => actions(doc),
        Want::Duration => DURATIONS
            .iter()
            .map(|d| item(d, CompletionItemKind::VALUE, None))
            .collect(),
        Want::Signal => signals(doc),
        Want::Words(k) => (vocabulary(doc, k, offset).into_iter())
            .map(|w| item(w, CompletionItemKind::ENUM_MEMBER, None))
            .collect(),
        Want::Keyword => keyword_items(doc, start),
    };
    Some(CompletionResponse::Array(items))
}

fn item(label: &str, kind: CompletionItemKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..CompletionItem::default()
    }
}

fn names(doc: &Document, kinds: &[DefKind]) -> Vec<CompletionItem> {
    let w = Words::of(doc.lang);
    let kind_of = |k: DefKind| match k {
        DefKind::Level => CompletionItemKind::ENUM_MEMBER,
        DefKind::Role => CompletionItemKind::INTERFACE,
        _ => CompletionItemKind::CLASS,
    };
    (doc.names_from().symbols.defs.iter())
        .filter(|(_, d)| kinds.contains(&d.kind))
        .map(|(n, d)| {
            let detail = w.get(&format!("lsp.kind.{}", super::hover::kind_key(d.kind)));
            item(n, kind_of(d.kind), Some(detail))
        })
        .collect()
}

fn actions(doc: &Document) -> Vec<CompletionItem> {
    let Some(plan) = &doc.names_from().plan else {
        return Vec::new();
    };
    let mut seen: Vec<&str> = Vec::new();
    for a in &plan.actions {
        if !seen.contains(&a.name.value.as_str()) {
            seen.push(&a.name.value);
        }
    }
    let detail = Words::of(doc.lang).get("lsp.kind.action");
    seen.iter()
        .map(|n| item(n, CompletionItemKind::FUNCTION, Some(detail.clone())))
        .collect()
}

fn signals(doc: &Document) -> Vec<CompletionItem> {
    let lang = doc.lang.code();
    doc.names_from()
        .symbols
        .domain()
        .signals
        .iter()
        .map(|sig| {
            item(
                &sig.name,
                CompletionItemKind::FIELD,
                sig.words.get(lang).cloned(),
            )
        })
        .collect()
}

/// The keywords the grammar takes where the word starts: the parser is asked to read
/// the text up to there followed by a character that cannot go on, and what it
/// expected there is the answer.
fn keyword_items(doc: &Document, start: usize) -> Vec<CompletionItem> {
    let text = &doc.text()[..start];
    // A long text: the parser reads from the start of the definition the cursor is in.
    let from = if text.len() > WHOLE_PREFIX {
        definition_start(text)
    } else {
        0
    };
    let words = expected_keywords(&doc.source().name, &text[from..]);
    words
        .into_iter()
        .map(|k| {
            let mut it = item(k, CompletionItemKind::KEYWORD, None);
            it.documentation = keywords::doc(k)
                .and_then(|d| d.first())
                .map(|d| Documentation::String(d.clone()));
            it
        })
        .collect()
}

/// Up to this many bytes before the cursor, the parser reads them all.
const WHOLE_PREFIX: usize = 64 * 1024;

/// Where the top-level definition that `text` ends in starts: the last line start
/// outside every block, text and comment.
fn definition_start(text: &str) -> usize {
    let (mut depth, mut last, mut at_line_start) = (0usize, 0usize, true);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if at_line_start && depth == 0 {
            last = i;
        }
        at_line_start = false;
        match b[i] {
            b'\n' => at_line_start = true,
            b'#' => i = text[i..].find('\n').map_or(b.len(), |n| i + n) - 1,
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                i = text[i + 3..]
                    .find("\"\"\"")
                    .map_or(b.len(), |n| i + 3 + n + 2);
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' && b[j] != b'\n' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j.min(b.len());
            }
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    last
}

/// The keywords valid at the end of `prefix`.
pub fn expected_keywords(name: &str, prefix: &str) -> Vec<&'static str> {
    const PROBE: char = '\u{2603}';
    let probe = Source::new(name, format!("{prefix}{PROBE}"));
    let parsed = crate::syntax::parse_with(&probe, false);
    let at = prefix.len();
    let expected = parsed.diagnostics.iter().find_map(|d| match &d.finding {
        Finding::Parse(ParseFinding::Syntax { expected, .. }) if d.span.start() == at => {
            Some(expected)
        }
        _ => None,
    });
    let Some(expected) = expected else {
        return Vec::new();
    };
    let mut out: Vec<&'static str> = Vec::new();
    for e in expected {
        match e {
            Expect::Keyword(k) => out.push(k),
            Expect::Thing("definition") => out.extend(keywords::top_level()),
            _ => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn labels(r: Option<CompletionResponse>) -> Vec<String> {
        match r {
            Some(CompletionResponse::Array(v)) => v.into_iter().map(|i| i.label).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn contexts() {
        let c = |t: &str| context(t, t.len()).1;
        assert_eq!(c("  action 甲 { owner "), Want::Names(INTERNAL));
        assert_eq!(c("  action 甲 { owner 宣"), Want::Names(INTERNAL));
        assert_eq!(c("    inform 甲, 乙, "), Want::Names(PARTY));
        assert_eq!(c("  upgrade_to "), Want::Names(&[DefKind::Level]));
        assert_eq!(c("    within "), Want::Duration);
        assert_eq!(c("  when reach >= 5 or "), Want::Signal);
        assert_eq!(c("  when "), Want::Signal);
        assert_eq!(c("  "), Want::Keyword);
        assert_eq!(c("  ow"), Want::Keyword);
    }

    #[test]
    fn owners_levels_durations_signals_keywords() {
        let d = flagship();
        let s = settings();
        let pos = at(&d, "owner 宣传部", 0, "owner ".len());
        let owners = labels(completion(&d, pos, &s));
        assert!(owners.contains(&"宣传部".to_string()) && owners.contains(&"总指挥".to_string()));
        assert!(!owners.contains(&"红色".to_string()));
        let pos = at(&d, "upgrade_to 红色", 0, "upgrade_to ".len());
        let levels = labels(completion(&d, pos, &s));
        assert!(levels.contains(&"红色".to_string()) && !levels.contains(&"宣传部".to_string()));
        let pos = at(&d, "within 1h", 0, "within ".len());
        assert!(labels(completion(&d, pos, &s)).contains(&"30m".to_string()));
        let pos = at(&d, "when reach", 0, "when ".len());
        assert!(labels(completion(&d, pos, &s)).contains(&"reach".to_string()));
    }

    #[test]
    fn vocabulary_words_by_block() {
        let s = settings();
        let text = "external 网信办 {\n  kind \n}\nchannel 微博 {\n  kind \n}\n";
        let d = doc(text);
        let first = text.find("kind ").unwrap() + 5;
        let second = text.rfind("kind ").unwrap() + 5;
        let words = |off| {
            labels(completion(
                &d,
                position::position(d.source(), off, s.encoding),
                &s,
            ))
        };
        let (ext, chan) = (words(first), words(second));
        assert!(
            !ext.is_empty() && !chan.is_empty() && ext != chan,
            "{ext:?} {chan:?}"
        );
        let kinds = crate::model::vocab::EXTERNAL_KINDS;
        assert!(
            kinds.iter().all(|k| ext.contains(&k.to_string())),
            "{ext:?}"
        );
    }

    #[test]
    fn names_are_offered_while_the_plan_does_not_parse() {
        let s = settings();
        let good = "unit 甲 {}\non detect {\n  action 核实 { owner 甲 }\n}\n";
        let first = doc(good);
        let typing = good.replace("owner 甲 }", "owner  }\n  action 回应 { owner ");
        let d = Document::after(Some(&first), "test.plan", typing.clone(), 2, &s);
        assert!(d.compilation.plan.is_none());
        let end = typing.rfind("owner ").unwrap() + "owner ".len();
        let pos = position::position(d.source(), end, s.encoding);
        assert_eq!(labels(completion(&d, pos, &s)), vec!["甲".to_string()]);
    }

    #[test]
    fn a_long_text_is_read_from_the_definition_at_the_cursor() {
        let head = "unit 甲 { title \"{\" }  # }\npurpose \"\"\"\n  }{\n  \"\"\"\n";
        let text = format!("{head}on detect {{\n  action 乙 {{\n    ");
        let from = definition_start(&text);
        assert_eq!(&text[from..from + 9], "on detect");
        let big = format!("{}{text}", "unit 丙 {}\n".repeat(10_000));
        assert!(big.len() > WHOLE_PREFIX);
        let d = doc(&big);
        let s = settings();
        let pos = position::position(d.source(), big.len(), s.encoding);
        let words = labels(completion(&d, pos, &s));
        assert!(words.contains(&"owner".to_string()), "{words:?}");
    }

    #[test]
    fn keywords_valid_at_the_cursor() {
        let top = expected_keywords("t.plan", "unit 甲 {}\n");
        assert!(top.contains(&"unit") && top.contains(&"level"), "{top:?}");
        assert!(!top.contains(&"owner"), "{top:?}");
        let action = expected_keywords("t.plan", "on detect {\n  action 甲 {\n    ");
        assert!(
            action.contains(&"owner") && action.contains(&"within"),
            "{action:?}"
        );
        assert!(!action.contains(&"rank"), "{action:?}");
        let level = expected_keywords("t.plan", "level 红 {\n  ");
        assert!(
            level.contains(&"rank") && !level.contains(&"owner"),
            "{level:?}"
        );
    }
}
