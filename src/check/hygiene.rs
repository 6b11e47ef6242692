//! H: hygiene — definitions nobody uses, names that only look alike, characters that
//! cannot be seen or that reorder text (Trojan Source), and personal data.
//! (H0006 and H0007, about the `lint` block, live in [`super::config`].)

use super::Context;
use crate::diagnostic::{Diagnostic, HygieneFinding as Found, Note, Thing};
use crate::model::resolve::visit_references;
use crate::source::{Name, Span, is_bidi, is_hidden, is_invisible};
// Hash sets, not trees: these only answer membership, and a big plan asks it
// hundreds of thousands of times (output order comes from the sorted names).
use rustc_hash::{FxHashMap, FxHashSet};

/// Every name the plan refers to (not the names it defines): one flag per defined
/// name, since a big plan has hundreds of thousands of references to a tenth as many
/// names.
fn references(cx: &Context) -> Vec<bool> {
    let mut used = vec![false; cx.symbols.defs.len()];
    visit_references(cx.plan, &mut |n: &Name, _| {
        if let Some(i) = cx.symbols.defs.get_index_of(n.value.as_str()) {
            used[i] = true;
        }
    });
    used
}

/// The rules of the family, in code order.
pub const RULES: &[super::Rule] = &[
    unused_definition,
    confusable_names,
    invisible_characters,
    bidi_controls,
    personal_data,
    placeholders,
];

/// H0001: every role, unit, external party and roster is used somewhere.
pub fn unused_definition(cx: &Context) -> Vec<Diagnostic> {
    let used = references(cx);
    let p = cx.plan;
    let defs = p
        .roles
        .iter()
        .map(|x| (&x.name, Thing::Role))
        .chain(p.units.iter().map(|x| (&x.name, Thing::Unit)))
        .chain(p.externals.iter().map(|x| (&x.name, Thing::External)))
        .chain(p.rosters.iter().map(|x| (&x.name, Thing::Roster)));
    defs.filter(|(n, _)| {
        !cx.symbols
            .defs
            .get_index_of(n.value.as_str())
            .is_some_and(|i| used[i])
    })
    .map(|(n, thing)| {
        Diagnostic::new(
            n.span,
            Found::Unused {
                name: n.value.to_string(),
                thing,
            },
        )
    })
    .collect()
}

/// Folds a name to what it looks like: invisible characters dropped, full-width
/// forms to ASCII, Cyrillic and Greek look-alikes to Latin letters, Roman numerals
/// and circled digits to plain ones (a small NFKC-like table).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hidden(c) {
            continue;
        }
        let u = c as u32;
        if (0xFF01..=0xFF5E).contains(&u) {
            out.push(char::from_u32(u - 0xFF01 + 0x21).unwrap_or(c));
            continue;
        }
        if c == '\u{3000}' {
            out.push(' ');
            continue;
        }
        if ('①'..='⑨').contains(&c) {
            out.push(char::from_u32(u - '①' as u32 + '1' as u32).unwrap_or(c));
            continue;
        }
        let roman = match c {
            'Ⅰ' | 'ⅰ' => Some("I"),
            'Ⅱ' | 'ⅱ' => Some("II"),
            'Ⅲ' | 'ⅲ' => Some("III"),
            'Ⅳ' | 'ⅳ' => Some("IV"),
            'Ⅴ' | 'ⅴ' => Some("V"),
            'Ⅵ' | 'ⅵ' => Some("VI"),
            'Ⅶ' | 'ⅶ' => Some("VII"),
            'Ⅷ' | 'ⅷ' => Some("VIII"),
            'Ⅸ' | 'ⅸ' => Some("IX"),
            'Ⅹ' | 'ⅹ' => Some("X"),
            _ => None,
        };
        if let Some(r) = roman {
            out.push_str(r);
            continue;
        }
        out.push(match c {
            'а' => 'a',
            'е' => 'e',
            'о' | 'ο' => 'o',
            'р' | 'ρ' => 'p',
            'с' => 'c',
            'у' => 'y',
            'х' | 'χ' => 'x',
            'і' => 'i',
            'ј' => 'j',
            'ѕ' => 's',
            'ԁ' => 'd',
            'А' | 'Α' => 'A',
            'В' | 'Β' => 'B',
            'Е' | 'Ε' => 'E',
            'К' | 'Κ' => 'K',
            'М' | 'Μ' => 'M',
            'Н' | 'Η' => 'H',
            'О' | 'Ο' => 'O',
            'Р' | 'Ρ' => 'P',
            'С' => 'C',
            'Т' | 'Τ' => 'T',
            'Х' | 'Χ' => 'X',
            'І' | 'Ι' => 'I',
            'Ј' => 'J',
            'Ѕ' => 'S',
            'Ζ' => 'Z',
            'Ν' => 'N',
            'Υ' => 'Y',
            other => other,
        });
    }
    out
}

/// H0002: no two different names look the same.
pub fn confusable_names(cx: &Context) -> Vec<Diagnostic> {
    let defs = cx.symbols.defs.len();
    let all = || {
        cx.symbols
            .defs
            .iter()
            .map(|(n, d)| (n.as_str(), d.span))
            .chain(
                cx.plan
                    .actions
                    .iter()
                    .map(|a| (a.name.value.as_str(), a.name.span)),
            )
            .enumerate()
    };
    // Folding is idempotent, so two different names that both fold to themselves
    // cannot look alike: only a name that folds to something else, and the name it
    // folds to, take part. In most plans there is none, and nothing is held.
    let keys: FxHashSet<String> = all()
        .filter_map(|(_, (n, _))| {
            let f = fold(n);
            (f != n).then_some(f)
        })
        .collect();
    if keys.is_empty() {
        return Vec::new();
    }
    let mut seen_actions = FxHashSet::default();
    let mut names: Vec<(&str, Span, String)> = Vec::new();
    for (k, (name, span)) in all() {
        let key = fold(name);
        if key == name && !keys.contains(name) {
            continue;
        }
        if k >= defs && !seen_actions.insert(name) {
            continue;
        }
        names.push((name, span, key));
    }
    names.sort_by_key(|(_, s, _)| (s.start(), s.end()));
    let mut first: FxHashMap<&str, (&str, Span)> = FxHashMap::default();
    let mut out = Vec::new();
    for (name, span, key) in &names {
        match first.get(key.as_str()) {
            Some(&(other, other_span)) => {
                if other != *name {
                    out.push(
                        Diagnostic::new(
                            *span,
                            Found::Confusable {
                                name: name.to_string(),
                                other: other.to_string(),
                            },
                        )
                        .with(
                            other_span,
                            Note::IsHere {
                                name: other.to_string(),
                            },
                        ),
                    );
                }
            }
            None => {
                first.insert(key, (name, *span));
            }
        }
    }
    out
}

/// Runs of characters matching `pick` in the source, at most `max`.
fn runs(text: &str, pick: fn(char) -> bool, max: usize) -> Vec<(Span, Vec<char>)> {
    let mut out: Vec<(Span, Vec<char>)> = Vec::new();
    let mut cur: Option<(usize, usize, Vec<char>)> = None;
    for (i, c) in text.char_indices() {
        if pick(c) && !(i == 0 && c == '\u{FEFF}') {
            match &mut cur {
                Some((_, end, cs)) if *end == i => {
                    *end = i + c.len_utf8();
                    cs.push(c);
                }
                _ => {
                    if let Some((s, e, cs)) = cur.take() {
                        out.push((Span::new(s, e), cs));
                    }
                    cur = Some((i, i + c.len_utf8(), vec![c]));
                }
            }
        }
        if out.len() >= max {
            return out;
        }
    }
    if let Some((s, e, cs)) = cur {
        out.push((Span::new(s, e), cs));
    }
    out.truncate(max);
    out
}

/// At most this many character findings per file.
const MAX_CHAR_FINDINGS: usize = 20;

/// H0003: the source has no invisible characters (zero-width spaces, fillers, …).
pub fn invisible_characters(cx: &Context) -> Vec<Diagnostic> {
    runs(&cx.source.text, is_invisible, MAX_CHAR_FINDINGS)
        .into_iter()
        .map(|(span, chars)| Diagnostic::new(span, Found::Invisible { chars }))
        .collect()
}

/// H0004: the source has no bidirectional control characters.
pub fn bidi_controls(cx: &Context) -> Vec<Diagnostic> {
    runs(&cx.source.text, is_bidi, MAX_CHAR_FINDINGS)
        .into_iter()
        .map(|(span, chars)| Diagnostic::new(span, Found::Bidi { chars }))
        .collect()
}

/// H0005: no mobile phone or identity-card number in the plan: contacts are posts
/// and duty lines, never a person's own data.
pub fn personal_data(cx: &Context) -> Vec<Diagnostic> {
    let text = &cx.source.text;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() && out.len() < MAX_CHAR_FINDINGS {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let run = &bytes[start..i];
        let mobile = run.len() == 11 && run[0] == b'1' && (b'3'..=b'9').contains(&run[1]);
        let id_x = run.len() == 17 && matches!(bytes.get(i), Some(b'X' | b'x'));
        let id = run.len() == 18 || id_x;
        if mobile || id {
            let end = if id_x { i + 1 } else { i };
            out.push(Diagnostic::new(
                Span::new(start, end),
                Found::PersonalData { mobile },
            ));
        }
    }
    out
}

/// Words that mark text still to be written.
const PLACEHOLDER_WORDS: &[&str] = &["待填", "待补充", "to be filled", "TBD"];

/// The longest `{…}` field counted as a placeholder, in characters.
const MAX_FIELD: usize = 24;

/// Where the text at `at` holds a placeholder, its end: a placeholder word, or a
/// `{field}` outside a statement template (those are forms by nature).
fn placeholder_at(text: &str, at: usize, in_template: bool) -> Option<usize> {
    let rest = &text[at..];
    if let Some(w) = PLACEHOLDER_WORDS.iter().find(|w| rest.starts_with(**w)) {
        return Some(at + w.len());
    }
    if in_template || !rest.starts_with('{') || rest.starts_with("{{") {
        return None;
    }
    let body = &rest[1..];
    // A field is short and inside its string: look no further than its longest form,
    // and never past a closing quote.
    let window = body
        .char_indices()
        .nth(MAX_FIELD + 1)
        .map_or(body.len(), |(at, _)| at);
    let end = body[..window].find(['}', '\n', '{', '"'])?;
    let field = &body[..end];
    let fits = !field.trim().is_empty() && field.chars().count() <= MAX_FIELD;
    (body[end..].starts_with('}') && fits).then_some(at + 1 + end + 1)
}

/// H0008: no text is left to be filled in (`待填`, `{事件简称}` outside a statement
/// template): a document about to be issued has none. Only the plan's text counts —
/// inside `"…"` and `"""…"""`, not names, braces of blocks or comments. One finding, at
/// the first, with the count.
pub fn placeholders(cx: &Context) -> Vec<Diagnostic> {
    #[derive(PartialEq)]
    enum In {
        Code,
        Quoted,
        Triple,
    }
    let text = cx.source.text.as_str();
    // An export JSON keeps no template locations: there, only placeholder words count,
    // not `{fields}`, which statement templates hold by nature.
    let json = text.trim_start().starts_with('{');
    let mut templates: Vec<std::ops::Range<usize>> = (cx.plan.templates.iter())
        .map(|t| t.text.span.range())
        .collect();
    templates.sort_by_key(|r| r.start);
    // The first template not yet behind `i` (`i` only grows).
    let mut next_template = 0;
    let (mut state, mut i, mut count) = (In::Code, 0, 0);
    let mut first: Option<(usize, usize)> = None;
    // The end of the line `i` is on, found once per line: a ten-megabyte line is
    // scanned once, not once per character.
    let mut line_end = 0;
    while i < text.len() {
        let rest = &text[i..];
        let step = rest.chars().next().map_or(1, char::len_utf8);
        match state {
            In::Code if rest.starts_with("\"\"\"") => (state, i) = (In::Triple, i + 3),
            In::Code if rest.starts_with('"') => (state, i) = (In::Quoted, i + 1),
            In::Code if rest.starts_with('#') => i += rest.find('\n').unwrap_or(rest.len()),
            In::Code => i += step,
            In::Triple if rest.starts_with("\"\"\"") => (state, i) = (In::Code, i + 3),
            In::Quoted if rest.starts_with('\\') => {
                i += 1 + rest[1..].chars().next().map_or(0, char::len_utf8)
            }
            In::Quoted if rest.starts_with(['"', '\n']) => (state, i) = (In::Code, i + 1),
            In::Quoted | In::Triple => {
                if i >= line_end {
                    line_end = rest.find('\n').map_or(text.len(), |n| i + n);
                }
                while templates.get(next_template).is_some_and(|r| r.end <= i) {
                    next_template += 1;
                }
                let in_template =
                    json || templates.get(next_template).is_some_and(|r| r.start <= i);
                match placeholder_at(&text[..line_end], i, in_template) {
                    Some(end) => {
                        count += 1;
                        first.get_or_insert((i, end));
                        i = end;
                    }
                    None => i += step,
                }
            }
        }
    }
    let Some((start, end)) = first else {
        return Vec::new();
    };
    let sample = text[start..end].to_string();
    vec![Diagnostic::new(
        Span::new(start, end),
        Found::Placeholders { count, sample },
    )]
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_catches_look_alikes() {
        assert_eq!(fold("宣传部\u{200B}"), "宣传部");
        assert_eq!(fold("ＰＲ部"), "PR部");
        assert_eq!(fold("Ⅰ级"), fold("I级"));
        assert_eq!(fold("сеo"), "ceo");
        assert_ne!(fold("宣传部"), fold("网信部"));
    }
}
