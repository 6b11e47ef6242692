//! pest parser, syntax-error wording and error recovery.

use super::cst;
use super::grammar::{self, Lexical, RuleKind, TOP_KEYWORDS};
use super::lower;
use super::prescan::prescan;
use super::with_offset;
use crate::diagnostic::{Diagnostic, Expect, Found, ParseFinding};
use crate::model::{Condition, Plan};
use crate::source::{Source, Span};
use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use rayon::prelude::*;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/plan.pest"]
pub(super) struct PlanParser;

/// What parsing one source gives: the lossless tree and the model (absent after a
/// syntax error), and every diagnostic found on the way.
#[derive(Debug, Default)]
pub struct Parsed {
    pub cst: Option<super::Cst>,
    pub plan: Option<Plan>,
    pub diagnostics: Vec<Diagnostic>,
}

/// At most this many syntax errors are reported for one file.
const MAX_SYNTAX_ERRORS: usize = 20;

/// Parses a plan or scenario file, keeping the lossless syntax tree.
pub fn parse(source: &Source) -> Parsed {
    parse_with(source, true)
}

/// Parses a plan or scenario file; the lossless tree is built only when asked for
/// (`fmt` needs it, `check` does not).
///
/// The file is parsed one top-level definition at a time, so memory stays bounded by
/// the largest definition rather than the file. Pieces start at lines that begin a
/// definition outside any block; if a piece fails, the whole file is parsed at once to
/// tell a real error from an unlucky cut.
pub fn parse_with(source: &Source, keep_tree: bool) -> Parsed {
    let text = source.text.as_str();
    let pre = prescan(text);
    if !pre.diagnostics.is_empty() {
        return Parsed {
            diagnostics: pre.diagnostics,
            ..Parsed::default()
        };
    }
    let pieces = pieces(text, &pre.top_starts);
    if let Some(parsed) = parse_in_pieces(text, &pieces, keep_tree) {
        return parsed;
    }
    parse_whole(text, &pieces, keep_tree)
}

/// The file cut at the lines that start a definition outside any block.
fn pieces(text: &str, top_starts: &[usize]) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = top_starts
        .iter()
        .copied()
        .filter(|&s| s > 0 && starts_definition(&text[s..]))
        .collect();
    cuts.insert(0, 0);
    cuts.iter()
        .enumerate()
        .map(|(k, &s)| (s, cuts.get(k + 1).copied().unwrap_or(text.len())))
        .collect()
}

/// Parses the pieces in parallel and joins them in file order, so the result is the
/// same whatever the number of threads; `None` when a piece does not parse alone.
fn parse_in_pieces(text: &str, pieces: &[(usize, usize)], keep_tree: bool) -> Option<Parsed> {
    let batches = batch(pieces, BATCH_BYTES);
    // A plan of ordinary size is one batch: no thread pool is started for it. A big
    // one is parsed a few batches per thread at a time, each wave joined before the
    // next starts, so that the pieces' lists and the joined lists are never all held
    // at once.
    let wave = if batches.len() == 1 {
        1
    } else {
        4 * rayon::current_num_threads().max(1)
    };
    let mut joined = Piece::default();
    for group in batches.chunks(wave) {
        let parsed: Vec<Option<Piece>> = if group.len() == 1 {
            group
                .iter()
                .map(|b| parse_batch(text, b, keep_tree))
                .collect()
        } else {
            group
                .par_iter()
                .map(|b| parse_batch(text, b, keep_tree))
                .collect()
        };
        if !parsed.iter().all(Option::is_some) {
            return None;
        }
        for piece in parsed.into_iter().flatten() {
            lower::join(&mut joined.plan, piece.plan, &mut joined.diagnostics);
            joined.diagnostics.extend(piece.diagnostics);
            joined.items.extend(piece.items);
            joined.comments.extend(piece.comments);
        }
    }
    lower::shrink(&mut joined.plan);
    Some(Parsed {
        cst: keep_tree.then(|| cst::finish(joined.items, joined.comments, text)),
        plan: Some(joined.plan),
        diagnostics: joined.diagnostics,
    })
}

/// Parses and lowers a batch of pieces; `None` when one of them does not parse.
fn parse_batch(text: &str, batch: &[(usize, usize)], keep_tree: bool) -> Option<Piece> {
    let mut piece = Piece::default();
    for &(start, end) in batch {
        if !keep_tree && end - start > SPLIT_BYTES && text[start..].starts_with(ON) {
            parse_large_on(text, start, end, &mut piece)?;
            continue;
        }
        with_offset(start, || {
            let mut pairs = PlanParser::parse(Rule::file, &text[start..end]).ok()?;
            let file = pairs.next().expect("the file rule always yields one pair");
            if keep_tree {
                cst::collect_file(file.clone(), &mut piece.items, &mut piece.comments);
            }
            lower::lower_into(file, &mut piece.plan, &mut piece.diagnostics);
            Some(())
        })?;
    }
    Some(piece)
}

/// Parses the file at once: after a piece failed, to tell a real error from an
/// unlucky cut, and to word the errors.
fn parse_whole(text: &str, pieces: &[(usize, usize)], keep_tree: bool) -> Parsed {
    match PlanParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let file = pairs.next().expect("the file rule always yields one pair");
            let mut piece = Piece::default();
            if keep_tree {
                cst::collect_file(file.clone(), &mut piece.items, &mut piece.comments);
            }
            lower::lower_into(file, &mut piece.plan, &mut piece.diagnostics);
            Parsed {
                cst: keep_tree.then(|| cst::finish(piece.items, piece.comments, text)),
                plan: Some(piece.plan),
                diagnostics: piece.diagnostics,
            }
        }
        Err(first) => Parsed {
            diagnostics: recover(text, &first, pieces),
            ..Parsed::default()
        },
    }
}

/// Pieces are parsed in batches of about this many bytes: big enough that a batch
/// costs little to join, small enough that several run in parallel.
const BATCH_BYTES: usize = 256 * 1024;

/// An `on` block bigger than this is parsed action by action when no syntax tree is
/// kept: pest holds the tokens of everything it parses at once, about twenty-five
/// times the text, and a generated plan can put thousands of actions in one block.
const SPLIT_BYTES: usize = 64 * 1024;

/// Parses a large `on` block: its header `on TRIGGER {` alone, then its actions in
/// slices of whole actions. `None` when any part fails to parse, and the caller falls
/// back to parsing the file whole (which also words the errors).
fn parse_large_on(text: &str, start: usize, end: usize, piece: &mut Piece) -> Option<()> {
    let (open, action_starts, close) = block_layout(&text[start..end])?;
    let (open, close) = (start + open, start + close);
    let header = format!("{}}}", &text[start..=open]);
    let trigger = with_offset(start, || {
        let mut pairs = PlanParser::parse(Rule::file, &header).ok()?;
        lower::on_trigger(pairs.next()?)
    })?;
    let starts: Vec<usize> = action_starts.into_iter().map(|a| start + a).collect();
    let mut slice_start = open + 1;
    let mut k = 0;
    while slice_start < close {
        // Whole actions up to about SPLIT_BYTES per slice.
        let mut slice_end = close;
        while k < starts.len() && starts[k] <= slice_start {
            k += 1;
        }
        if let Some(&next) = starts[k..]
            .iter()
            .find(|&&a| a - slice_start >= SPLIT_BYTES)
        {
            slice_end = next;
        }
        with_offset(slice_start, || {
            let mut pairs = PlanParser::parse(Rule::actions, &text[slice_start..slice_end]).ok()?;
            lower::actions_into(
                pairs.next()?,
                &trigger,
                &mut piece.plan,
                &mut piece.diagnostics,
            );
            Some(())
        })?;
        slice_start = slice_end;
    }
    Some(())
}

/// The keywords that start an `on` block and an action in it.
const ON: &str = grammar::leading_keyword(Rule::on_def);
const ACTION: &str = grammar::leading_keyword(Rule::action_def);
/// A constant, so that the scan below stays one jump per byte.
const ACTION_START: u8 = ACTION.as_bytes()[0];

/// Where a block's `{` and its closing `}` are in a definition, and where each
/// `action` inside it starts, ignoring texts and comments.
fn block_layout(def: &str) -> Option<(usize, Vec<usize>, usize)> {
    let b = def.as_bytes();
    let mut depth = 0usize;
    let mut open = None;
    let mut close = None;
    let mut actions = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' if def[i..].starts_with("\"\"\"") => {
                i += 3 + def[i + 3..].find("\"\"\"")? + 3;
                continue;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => {
                depth += 1;
                if depth == 1 && open.is_none() {
                    open = Some(i);
                }
            }
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            ACTION_START
                if depth == 1
                    && def[i..].starts_with(ACTION)
                    && !def[i + ACTION.len()..]
                        .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    && (i == 0
                        || !(b[i - 1].is_ascii_alphanumeric()
                            || b[i - 1] == b'_'
                            || b[i - 1] >= 0x80)) =>
            {
                actions.push(i);
            }
            _ => {}
        }
        i += 1;
    }
    Some((open?, actions, close?))
}

/// Groups consecutive pieces into batches of at least `bytes` (the last may be less).
fn batch(pieces: &[(usize, usize)], bytes: usize) -> Vec<&[(usize, usize)]> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut size = 0;
    for (i, &(s, e)) in pieces.iter().enumerate() {
        size += e - s;
        if size >= bytes {
            out.push(&pieces[from..=i]);
            from = i + 1;
            size = 0;
        }
    }
    if from < pieces.len() {
        out.push(&pieces[from..]);
    }
    out
}

/// Batches of top-level pieces of a file, parsed and lowered.
#[derive(Default)]
struct Piece {
    plan: Plan,
    diagnostics: Vec<Diagnostic>,
    items: Vec<super::Item>,
    comments: Vec<super::Comment>,
}

/// The first error, then one per later piece that fails on its own: one slip does
/// not hide the others.
fn recover(
    text: &str,
    first: &pest::error::Error<Rule>,
    pieces: &[(usize, usize)],
) -> Vec<Diagnostic> {
    let mut diagnostics = vec![syntax_error(first, text, 0)];
    let first_at = diagnostics[0].span.start();
    for &(start, end) in pieces {
        if diagnostics.len() >= MAX_SYNTAX_ERRORS {
            break;
        }
        // Only pieces after the last reported error: an error inside a piece ends it.
        if start <= first_at || start < diagnostics.last().map(|d| d.span.start()).unwrap_or(0) {
            continue;
        }
        if let Err(e) = PlanParser::parse(Rule::file, &text[start..end]) {
            diagnostics.push(syntax_error(&e, &text[start..end], start));
        }
    }
    diagnostics
}

/// Whether a line begins with a top-level keyword.
fn starts_definition(line: &str) -> bool {
    let word: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    TOP_KEYWORDS.contains(&word.as_str())
}

/// Why a condition written on its own (the `when` of an exported level) cannot be
/// read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConditionError {
    /// It cannot be read as a condition: it holds what no plan text may (a NUL byte,
    /// an open quote, deep nesting) or what lowering refuses.
    Unreadable { text: String },
    /// The grammar does not read it as a condition; `reason` is the parser's.
    NotACondition { text: String, reason: String },
    /// Something follows a whole condition.
    TrailingText { text: String },
    /// A number in it is too large for a measurable criterion.
    NumberOutOfRange { number: String },
}

impl std::fmt::Display for ConditionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConditionError::Unreadable { text } => write!(f, "`{text}` is not a condition"),
            ConditionError::NotACondition { text, reason } => {
                write!(f, "`{text}` is not a condition: {reason}")
            }
            ConditionError::TrailingText { text } => {
                write!(f, "`{text}` has text after the condition")
            }
            ConditionError::NumberOutOfRange { number } => {
                write!(f, "the number `{number}` is out of range")
            }
        }
    }
}

impl std::error::Error for ConditionError {}

/// Parses a condition written on its own (the `when` of an exported level).
pub fn parse_condition(text: &str) -> Result<Condition, ConditionError> {
    if !prescan(text).diagnostics.is_empty() {
        return Err(ConditionError::Unreadable { text: text.into() });
    }
    let mut pairs =
        PlanParser::parse(Rule::condition, text).map_err(|e| ConditionError::NotACondition {
            text: text.into(),
            reason: e.variant.message().into_owned(),
        })?;
    let pair = pairs.next().expect("a parsed condition is one pair");
    if pair.as_span().end() != text.len() {
        return Err(ConditionError::TrailingText { text: text.into() });
    }
    let (condition, well_formed) = lower::condition(pair.clone());
    if well_formed {
        return Ok(condition);
    }
    // The fault lowering finds in a condition is a number out of range.
    let number = pair
        .into_inner()
        .flatten()
        .find(|p| p.as_rule() == Rule::number && lower::number_value(p.as_str()).is_none());
    Err(match number {
        Some(n) => ConditionError::NumberOutOfRange {
            number: n.as_str().into(),
        },
        None => ConditionError::Unreadable { text: text.into() },
    })
}

/// Turns a pest error into a diagnostic that names what was expected in plain words
/// and points at the token where parsing stopped.
fn syntax_error(e: &pest::error::Error<Rule>, text: &str, offset: usize) -> Diagnostic {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let found = token_at(text, pos);
    let span = if found.is_empty() {
        // End of input or a line end: point at the place itself.
        let next = text[pos..].chars().next().map(char::len_utf8).unwrap_or(0);
        Span::new(offset + pos, offset + pos + next)
    } else {
        Span::new(offset + pos, offset + pos + found.len())
    };
    let (mut expected, unexpected): (Vec<Expect>, Vec<Expect>) = match &e.variant {
        ErrorVariant::ParsingError {
            positives,
            negatives,
        } => (
            positives.iter().filter_map(|r| describe(*r)).collect(),
            negatives.iter().filter_map(|r| describe(*r)).collect(),
        ),
        ErrorVariant::CustomError { .. } => (Vec::new(), Vec::new()),
    };
    expected.sort();
    expected.dedup();
    let _ = unexpected;
    // A misspelled keyword: suggest the closest expected one.
    let keywords: Vec<&str> = expected
        .iter()
        .filter_map(|x| match x {
            Expect::Keyword(k) => Some(*k),
            _ => None,
        })
        .collect();
    let duration_wanted = expected.contains(&Expect::Thing("duration"))
        || expected.contains(&Expect::Thing("deadline"));
    // `2 hours`: the number alone is the token; the unit is the word after it.
    let spaced = || {
        let rest = &text[pos + found.len()..];
        let rest = rest.trim_start_matches([' ', '\t']);
        let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        duration_in_words(&format!("{found}{word}"))
    };
    let suggestion = if duration_wanted && let Some(d) = duration_in_words(&found).or_else(spaced) {
        Some(d)
    } else if !found.is_empty() && found.chars().all(|c| c.is_alphanumeric() || c == '_') {
        crate::model::suggest(&found, keywords.iter().copied()).map(str::to_string)
    } else {
        None
    };
    // `owner 宣传部, 网信部`: a comma where no list is taken, after a field's one name.
    let one_name = (matches!(found.as_str(), "," | "，" | "、")
        && !expected.contains(&Expect::Punct(",")))
    .then(|| {
        // The field is the last keyword before the comma on its line.
        let line = text[..pos].rsplit('\n').next().unwrap_or("");
        (line.split(|c: char| c.is_whitespace() || c == '{').rev())
            .find(|w| super::grammar::KEYWORDS.contains(w))
            .map(str::to_string)
    })
    .flatten();
    let found = if !found.is_empty() {
        Found::Token(found)
    } else if pos >= text.len() {
        Found::End
    } else {
        Found::LineEnd
    };
    Diagnostic::new(
        span,
        ParseFinding::Syntax {
            found,
            expected,
            suggestion,
            one_name,
        },
    )
}

/// A duration written the way a document writes it (`30分钟`, `2小时`, `3 days`
/// without the space): the plan's own spelling of it (`30m`, `2h`, `3d`).
fn duration_in_words(found: &str) -> Option<String> {
    let digits = found.len() - found.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let (count, word) = found.split_at(digits);
    let unit = match word.to_lowercase().as_str() {
        "分钟" | "分" | "min" | "mins" | "minute" | "minutes" => "m",
        "小时" | "个小时" | "时" | "hr" | "hrs" | "hour" | "hours" => "h",
        "天" | "日" | "day" | "days" => "d",
        "个工作日" | "工作日" | "workday" | "workdays" | "business_days" => "wd",
        "周" | "星期" | "个星期" | "wk" | "wks" | "week" | "weeks" => "w",
        "个月" | "月" | "month" | "months" => "mo",
        "年" | "yr" | "yrs" | "year" | "years" => "y",
        _ => return None,
    };
    Some(format!("{count}{unit}"))
}

/// The token at a byte offset: a word, a quoted text's start, or one character.
fn token_at(text: &str, pos: usize) -> String {
    let rest = match text.get(pos..) {
        Some(r) => r,
        None => return String::new(),
    };
    let mut chars = rest.chars();
    match chars.next() {
        None => String::new(),
        Some(c) if c == '\n' || c == '\r' => String::new(),
        Some(c) if c.is_alphanumeric() || c == '_' => rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .take(40)
            .collect(),
        Some(c) => c.to_string(),
    }
}

/// How a rule reads in "expected …": keywords, definitions, fields and punctuation
/// as the grammar declares them, the other tokens in the words a plan writer knows.
fn describe(rule: Rule) -> Option<Expect> {
    Some(match grammar::kind(rule) {
        RuleKind::Keyword(k) | RuleKind::Field(k) => Expect::Keyword(k),
        RuleKind::TopLevel(_) => Expect::Thing("definition"),
        RuleKind::Punct(p) => Expect::Punct(p.text()),
        RuleKind::Lexical(token) => return describe_token(token),
        RuleKind::Silent => return None,
    })
}

fn describe_token(token: Lexical) -> Option<Expect> {
    use Expect::Thing;
    Some(match token {
        Lexical::EOI => Thing("end"),
        Lexical::file => Thing("definition"),
        Lexical::actions => return describe(Rule::action_def),
        Lexical::chapter => Thing("chapter"),
        Lexical::hours | Lexical::period => Thing("period"),
        Lexical::deadline => Thing("deadline"),
        Lexical::anchor => Thing("anchor"),
        Lexical::always => Expect::Keyword("24x7"),
        Lexical::day_set => Thing("days"),
        Lexical::time_range => Thing("time_range"),
        Lexical::time => Thing("time"),
        Lexical::roman => Thing("roman"),
        Lexical::condition | Lexical::cond_and | Lexical::cond_unary | Lexical::cond_atom => {
            Thing("condition")
        }
        Lexical::comparison => Thing("comparison"),
        Lexical::signal => Thing("signal"),
        Lexical::cmp_op => Thing("operator"),
        Lexical::value => Thing("value"),
        Lexical::trigger => Thing("trigger"),
        Lexical::lint_item => Thing("lint_item"),
        Lexical::code => Thing("code"),
        Lexical::param => Thing("param"),
        Lexical::range | Lexical::bound => Thing("range"),
        Lexical::name | Lexical::name_list => Thing("name"),
        Lexical::ident | Lexical::ident_list => Thing("word"),
        Lexical::text | Lexical::string | Lexical::block_string => Thing("text"),
        Lexical::duration => Thing("duration"),
        Lexical::date => Thing("date"),
        Lexical::integer => Thing("integer"),
        Lexical::number => Thing("number"),
        Lexical::string_inner | Lexical::block_inner | Lexical::COMMENT => return None,
    })
}
