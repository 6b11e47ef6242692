//! pest parser, syntax-error wording and error recovery.

use super::cst;
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
    let mut cuts: Vec<usize> = pre
        .top_starts
        .iter()
        .copied()
        .filter(|&s| s > 0 && starts_definition(&text[s..]))
        .collect();
    cuts.insert(0, 0);
    let pieces: Vec<(usize, usize)> = cuts
        .iter()
        .enumerate()
        .map(|(k, &s)| (s, cuts.get(k + 1).copied().unwrap_or(text.len())))
        .collect();
    // Pieces are parsed in parallel and joined in file order, so the result is the
    // same whatever the number of threads.
    let batches = batch(&pieces, BATCH_BYTES);
    let parse_batch = |batch: &&[(usize, usize)]| -> Option<Piece> {
        let mut piece = Piece::default();
        for &(start, end) in batch.iter() {
            if !keep_tree && end - start > SPLIT_BYTES && text[start..].starts_with("on") {
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
    };
    // A plan of ordinary size is one batch: no thread pool is started for it. A big
    // one is parsed a few batches per thread at a time, each wave joined before the
    // next starts, so that the pieces' lists and the joined lists are never all held
    // at once.
    let wave = if batches.len() == 1 {
        1
    } else {
        4 * rayon::current_num_threads().max(1)
    };
    let mut plan = Plan::default();
    let mut diagnostics = Vec::new();
    let mut items = Vec::new();
    let mut comments = Vec::new();
    let mut whole = true;
    for group in batches.chunks(wave) {
        let parsed: Vec<Option<Piece>> = if group.len() == 1 {
            group.iter().map(parse_batch).collect()
        } else {
            group.par_iter().map(parse_batch).collect()
        };
        if !parsed.iter().all(Option::is_some) {
            whole = false;
            break;
        }
        for piece in parsed.into_iter().flatten() {
            lower::join(&mut plan, piece.plan, &mut diagnostics);
            diagnostics.extend(piece.diagnostics);
            items.extend(piece.items);
            comments.extend(piece.comments);
        }
    }
    if whole {
        lower::shrink(&mut plan);
        return Parsed {
            cst: keep_tree.then(|| cst::finish(items, comments, text)),
            plan: Some(plan),
            diagnostics,
        };
    }
    drop((plan, items, comments));
    match PlanParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let file = pairs.next().expect("the file rule always yields one pair");
            let mut plan = Plan::default();
            let mut diagnostics = Vec::new();
            let mut items = Vec::new();
            let mut comments = Vec::new();
            if keep_tree {
                cst::collect_file(file.clone(), &mut items, &mut comments);
            }
            lower::lower_into(file, &mut plan, &mut diagnostics);
            Parsed {
                cst: keep_tree.then(|| cst::finish(items, comments, text)),
                plan: Some(plan),
                diagnostics,
            }
        }
        Err(first) => Parsed {
            diagnostics: recover(text, &first, &pieces),
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
            b'a' if depth == 1
                && def[i..].starts_with("action")
                && !def[i + 6..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
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

const TOP_KEYWORDS: &[&str] = &[
    "plan",
    "purpose",
    "scope",
    "principle",
    "text",
    "body",
    "role",
    "unit",
    "external",
    "channel",
    "roster",
    "level",
    "on",
    "resource",
    "drill",
    "training",
    "template",
    "annex",
    "lint",
    "scenario",
];

/// Every keyword of the language, for did-you-mean suggestions.
pub const KEYWORDS: &[&str] = &[
    "plan",
    "org",
    "number",
    "version",
    "issued",
    "filed",
    "filed_with",
    "reviewed",
    "approver",
    "maintainer",
    "review",
    "every",
    "drill",
    "basis",
    "parent",
    "related",
    "purpose",
    "scope",
    "principle",
    "text",
    "general",
    "organization",
    "monitoring",
    "response",
    "post_incident",
    "safeguards",
    "training",
    "supplementary",
    "annex",
    "body",
    "title",
    "lead",
    "deputy",
    "office",
    "members",
    "duty",
    "role",
    "holder",
    "backup",
    "reports_to",
    "within",
    "via",
    "contact",
    "unit",
    "head",
    "external",
    "kind",
    "channel",
    "watched_by",
    "hours",
    "roster",
    "daily",
    "workdays",
    "weekends",
    "holidays",
    "shift",
    "level",
    "rank",
    "color",
    "criteria",
    "when",
    "declared_by",
    "upgrade_to",
    "downgrade_to",
    "stand_down",
    "if",
    "for",
    "and",
    "or",
    "not",
    "on",
    "detect",
    "upgrade",
    "downgrade",
    "event",
    "action",
    "owner",
    "approve",
    "consult",
    "inform",
    "after",
    "deliver",
    "capability",
    "effort",
    "detail",
    "resource",
    "scenarios",
    "template",
    "lint",
    "allow",
    "warn",
    "deny",
    "scenario",
    "weight",
    "appears_on",
    "start",
    "spread",
    "onset",
    "inject",
    "at",
    "chance",
    "after_statement",
    "set",
    "scale",
    "unavailable",
    "outage",
    "raise",
    "from",
];

/// Parses a condition written on its own (the `when` of an exported level).
pub fn parse_condition(text: &str) -> Result<Condition, String> {
    if !prescan(text).diagnostics.is_empty() {
        return Err(format!("`{text}` is not a condition"));
    }
    let mut pairs = PlanParser::parse(Rule::condition, text)
        .map_err(|e| format!("`{text}` is not a condition: {}", e.variant.message()))?;
    let pair = pairs.next().ok_or_else(|| format!("`{text}` is empty"))?;
    if pair.as_span().end() != text.len() {
        return Err(format!("`{text}` has text after the condition"));
    }
    let mut diags = Vec::new();
    let cond = lower::condition(pair, &mut diags);
    match diags.first() {
        Some(d) => Err(d.message(crate::wording::Lang::En)),
        None => Ok(cond),
    }
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
    let duration_wanted = expected.contains(&Expect::Thing("duration"));
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

fn describe(rule: Rule) -> Option<Expect> {
    use Expect::*;
    Some(match rule {
        Rule::EOI => Thing("end"),
        Rule::definition
        | Rule::plan_def
        | Rule::purpose_def
        | Rule::scope_def
        | Rule::principle_def
        | Rule::text_def
        | Rule::body_def
        | Rule::role_def
        | Rule::unit_def
        | Rule::external_def
        | Rule::channel_def
        | Rule::roster_def
        | Rule::level_def
        | Rule::on_def
        | Rule::resource_def
        | Rule::drill_def
        | Rule::training_def
        | Rule::template_def
        | Rule::annex_def
        | Rule::lint_def
        | Rule::scenario_def => Thing("definition"),
        Rule::org_f => Keyword("org"),
        Rule::number_f => Keyword("number"),
        Rule::version_f => Keyword("version"),
        Rule::issued_f => Keyword("issued"),
        Rule::filed_f => Keyword("filed"),
        Rule::filed_with_f => Keyword("filed_with"),
        Rule::reviewed_f => Keyword("reviewed"),
        Rule::approver_f => Keyword("approver"),
        Rule::maintainer_f => Keyword("maintainer"),
        Rule::review_every_f => Keyword("review"),
        Rule::drill_every_f => Keyword("drill"),
        Rule::basis_f => Keyword("basis"),
        Rule::parent_f => Keyword("parent"),
        Rule::related_f => Keyword("related"),
        Rule::chapter => Thing("chapter"),
        Rule::title_f => Keyword("title"),
        Rule::lead_f => Keyword("lead"),
        Rule::deputy_f => Keyword("deputy"),
        Rule::office_f => Keyword("office"),
        Rule::members_f => Keyword("members"),
        Rule::duty_f => Keyword("duty"),
        Rule::holder_f => Keyword("holder"),
        Rule::backup_f => Keyword("backup"),
        Rule::reports_f => Keyword("reports_to"),
        Rule::contact_f => Keyword("contact"),
        Rule::head_f => Keyword("head"),
        Rule::kind_f => Keyword("kind"),
        Rule::watched_by_f => Keyword("watched_by"),
        Rule::hours_f => Keyword("hours"),
        Rule::roster_ref_f => Keyword("roster"),
        Rule::hours | Rule::period => Thing("period"),
        Rule::always => Keyword("24x7"),
        Rule::day_set => Thing("days"),
        Rule::time_range => Thing("time_range"),
        Rule::time => Thing("time"),
        Rule::roster_unit_f => Keyword("unit"),
        Rule::shift_f => Keyword("shift"),
        Rule::rank_f => Keyword("rank"),
        Rule::color_f => Keyword("color"),
        Rule::response_f => Keyword("response"),
        Rule::criteria_f => Keyword("criteria"),
        Rule::when_f => Keyword("when"),
        Rule::declared_by_f => Keyword("declared_by"),
        Rule::upgrade_f => Keyword("upgrade_to"),
        Rule::downgrade_f => Keyword("downgrade_to"),
        Rule::stand_down_f => Keyword("stand_down"),
        Rule::roman => Thing("roman"),
        Rule::condition | Rule::cond_and | Rule::cond_unary | Rule::cond_atom => Thing("condition"),
        Rule::comparison => Thing("comparison"),
        Rule::signal => Thing("signal"),
        Rule::cmp_op => Thing("operator"),
        Rule::value => Thing("value"),
        Rule::trigger => Thing("trigger"),
        Rule::action_def => Keyword("action"),
        Rule::owner_f => Keyword("owner"),
        Rule::approve_f => Keyword("approve"),
        Rule::consult_f => Keyword("consult"),
        Rule::inform_f => Keyword("inform"),
        Rule::within_f => Keyword("within"),
        Rule::every_f | Rule::repeat_f => Keyword("every"),
        Rule::after_f => Keyword("after"),
        Rule::deliver_f => Keyword("deliver"),
        Rule::capability_f => Keyword("capability"),
        Rule::effort_f => Keyword("effort"),
        Rule::detail_f => Keyword("detail"),
        Rule::scenarios_f => Keyword("scenarios"),
        Rule::lint_item => Thing("lint_item"),
        Rule::code => Thing("code"),
        Rule::weight_f => Keyword("weight"),
        Rule::appears_f => Keyword("appears_on"),
        Rule::start_f => Keyword("start"),
        Rule::spread_f => Keyword("spread"),
        Rule::onset_f => Keyword("onset"),
        Rule::param => Thing("param"),
        Rule::range | Rule::bound => Thing("range"),
        Rule::inject_def => Keyword("inject"),
        Rule::at_f => Keyword("at"),
        Rule::chance_f => Keyword("chance"),
        Rule::after_statement_f => Keyword("after_statement"),
        Rule::set_f => Keyword("set"),
        Rule::scale_f => Keyword("scale"),
        Rule::unavailable_f => Keyword("unavailable"),
        Rule::outage_f => Keyword("outage"),
        Rule::raise_f => Keyword("raise"),
        Rule::from_f => Keyword("from"),
        Rule::name | Rule::name_list => Thing("name"),
        Rule::ident | Rule::ident_list => Thing("word"),
        Rule::text | Rule::string | Rule::block_string => Thing("text"),
        Rule::string_inner | Rule::block_inner => return None,
        Rule::duration => Thing("duration"),
        Rule::date => Thing("date"),
        Rule::integer => Thing("integer"),
        Rule::number => Thing("number"),
        Rule::lbrace => Punct("{"),
        Rule::rbrace => Punct("}"),
        Rule::lparen => Punct("("),
        Rule::rparen => Punct(")"),
        Rule::comma => Punct(","),
        Rule::dots => Punct(".."),
        Rule::WHITESPACE | Rule::COMMENT => return None,
        Rule::file => Thing("definition"),
        Rule::actions => Keyword("action"),
        other => {
            // Keyword rules: `k_owner` is the keyword `owner`.
            let name = format!("{other:?}");
            let kw = name.strip_prefix("k_")?;
            return KEYWORDS.iter().find(|k| **k == kw).map(|k| Keyword(k));
        }
    })
}
