//! The lossless syntax tree: every item with its tokens, comments and blank lines.
//!
//! `planc fmt` prints this tree; nothing the writer put in the file but spacing is
//! lost. Comments are attached as trivia to the item they precede (own-line) or follow
//! (end of line), or to the closing of the block they end.

use super::parser::Rule;
use crate::source::Span;
use pest::iterators::Pair;

/// A whole file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cst {
    pub items: Vec<Item>,
    /// Comments after the last definition.
    pub trailing: Vec<Trivia>,
}

/// One statement: a definition or a field, with its own block if it has one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    pub span: Span,
    /// Blank lines and own-line comments before the item.
    pub leading: Vec<Trivia>,
    /// The tokens before the block (or all of them).
    pub tokens: Vec<Token>,
    pub block: Option<Block>,
    /// A comment on the same line after the item.
    pub trailing: Option<Comment>,
}

/// `{ ... }` with the items inside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    pub open: Span,
    pub close: Span,
    pub items: Vec<Item>,
    /// Comments after the last item, before `}`.
    pub closing: Vec<Trivia>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trivia {
    Comment(Comment),
    /// One or more blank lines (a paragraph break).
    BlankLine,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    /// The comment as written, marker included, without the line end.
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Keyword,
    Name,
    Word,
    Text,
    BlockText,
    Number,
    Duration,
    Date,
    TimeRange,
    Roman,
    Code,
    Operator,
    LParen,
    RParen,
    Comma,
    Dots,
}

enum Class {
    Item,
    Token(TokenKind),
    Open,
    Close,
    Comment,
    Descend,
}

fn class(rule: Rule) -> Class {
    use TokenKind::*;
    match rule {
        Rule::plan_def
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
        | Rule::scenario_def
        | Rule::action_def
        | Rule::inject_def
        | Rule::lint_item
        | Rule::org_f
        | Rule::number_f
        | Rule::version_f
        | Rule::issued_f
        | Rule::filed_f
        | Rule::filed_with_f
        | Rule::reviewed_f
        | Rule::approver_f
        | Rule::maintainer_f
        | Rule::review_every_f
        | Rule::drill_every_f
        | Rule::basis_f
        | Rule::parent_f
        | Rule::related_f
        | Rule::title_f
        | Rule::lead_f
        | Rule::deputy_f
        | Rule::office_f
        | Rule::members_f
        | Rule::duty_f
        | Rule::holder_f
        | Rule::backup_f
        | Rule::reports_f
        | Rule::contact_f
        | Rule::head_f
        | Rule::kind_f
        | Rule::watched_by_f
        | Rule::hours_f
        | Rule::roster_ref_f
        | Rule::roster_unit_f
        | Rule::shift_f
        | Rule::rank_f
        | Rule::color_f
        | Rule::response_f
        | Rule::criteria_f
        | Rule::when_f
        | Rule::declared_by_f
        | Rule::upgrade_f
        | Rule::downgrade_f
        | Rule::stand_down_f
        | Rule::owner_f
        | Rule::approve_f
        | Rule::consult_f
        | Rule::inform_f
        | Rule::within_f
        | Rule::every_f
        | Rule::repeat_f
        | Rule::after_f
        | Rule::deliver_f
        | Rule::capability_f
        | Rule::effort_f
        | Rule::detail_f
        | Rule::scenarios_f
        | Rule::weight_f
        | Rule::appears_f
        | Rule::start_f
        | Rule::spread_f
        | Rule::onset_f
        | Rule::at_f
        | Rule::chance_f
        | Rule::after_statement_f
        | Rule::set_f
        | Rule::scale_f
        | Rule::unavailable_f
        | Rule::outage_f
        | Rule::raise_f
        | Rule::from_f => Class::Item,
        Rule::lbrace => Class::Open,
        Rule::rbrace => Class::Close,
        Rule::COMMENT => Class::Comment,
        Rule::name => Class::Token(Name),
        Rule::ident => Class::Token(Word),
        Rule::string => Class::Token(Text),
        Rule::block_string => Class::Token(BlockText),
        Rule::number | Rule::integer => Class::Token(Number),
        Rule::duration => Class::Token(Duration),
        Rule::date => Class::Token(Date),
        Rule::time_range => Class::Token(TimeRange),
        Rule::always => Class::Token(Keyword),
        Rule::roman => Class::Token(Roman),
        Rule::code => Class::Token(Code),
        Rule::cmp_op => Class::Token(Operator),
        Rule::lparen => Class::Token(LParen),
        Rule::rparen => Class::Token(RParen),
        Rule::comma => Class::Token(Comma),
        Rule::dots => Class::Token(Dots),
        r if is_keyword(r) => Class::Token(Keyword),
        _ => Class::Descend,
    }
}

/// The `k_*` rules.
pub(super) fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::k_plan
            | Rule::k_org
            | Rule::k_number
            | Rule::k_version
            | Rule::k_issued
            | Rule::k_filed
            | Rule::k_filed_with
            | Rule::k_reviewed
            | Rule::k_approver
            | Rule::k_maintainer
            | Rule::k_review
            | Rule::k_every
            | Rule::k_drill
            | Rule::k_basis
            | Rule::k_parent
            | Rule::k_related
            | Rule::k_purpose
            | Rule::k_scope
            | Rule::k_principle
            | Rule::k_text
            | Rule::k_general
            | Rule::k_organization
            | Rule::k_monitoring
            | Rule::k_response
            | Rule::k_post_incident
            | Rule::k_safeguards
            | Rule::k_training
            | Rule::k_supplementary
            | Rule::k_annex
            | Rule::k_body
            | Rule::k_title
            | Rule::k_lead
            | Rule::k_deputy
            | Rule::k_office
            | Rule::k_members
            | Rule::k_duty
            | Rule::k_role
            | Rule::k_holder
            | Rule::k_backup
            | Rule::k_reports_to
            | Rule::k_within
            | Rule::k_via
            | Rule::k_contact
            | Rule::k_unit
            | Rule::k_head
            | Rule::k_external
            | Rule::k_kind
            | Rule::k_channel
            | Rule::k_watched_by
            | Rule::k_hours
            | Rule::k_roster
            | Rule::k_daily
            | Rule::k_workdays
            | Rule::k_weekends
            | Rule::k_holidays
            | Rule::k_shift
            | Rule::k_level
            | Rule::k_rank
            | Rule::k_color
            | Rule::k_criteria
            | Rule::k_when
            | Rule::k_declared_by
            | Rule::k_upgrade_to
            | Rule::k_downgrade_to
            | Rule::k_stand_down
            | Rule::k_if
            | Rule::k_for
            | Rule::k_and
            | Rule::k_or
            | Rule::k_not
            | Rule::k_on
            | Rule::k_detect
            | Rule::k_upgrade
            | Rule::k_downgrade
            | Rule::k_event
            | Rule::k_action
            | Rule::k_owner
            | Rule::k_approve
            | Rule::k_consult
            | Rule::k_inform
            | Rule::k_after
            | Rule::k_deliver
            | Rule::k_capability
            | Rule::k_effort
            | Rule::k_detail
            | Rule::k_resource
            | Rule::k_scenarios
            | Rule::k_template
            | Rule::k_lint
            | Rule::k_allow
            | Rule::k_warn
            | Rule::k_deny
            | Rule::k_scenario
            | Rule::k_weight
            | Rule::k_appears_on
            | Rule::k_start
            | Rule::k_spread
            | Rule::k_onset
            | Rule::k_inject
            | Rule::k_at
            | Rule::k_chance
            | Rule::k_after_statement
            | Rule::k_set
            | Rule::k_scale
            | Rule::k_unavailable
            | Rule::k_outage
            | Rule::k_raise
            | Rule::k_from
    )
}

use super::span_of;

/// Collects the items and comments of one parsed `file` pair (the whole file or one
/// piece of it); [`finish`] then places the comments.
pub(super) fn collect_file(file: Pair<Rule>, items: &mut Vec<Item>, comments: &mut Vec<Comment>) {
    for p in file.into_inner() {
        match class(p.as_rule()) {
            Class::Item => items.push(item(p, comments)),
            Class::Comment => comments.push(comment(&p)),
            _ => {}
        }
    }
}

/// Attaches the comments of the whole file to its items.
pub(super) fn finish(mut items: Vec<Item>, mut comments: Vec<Comment>, text: &str) -> Cst {
    comments.sort_by_key(|c| c.span.start());
    let mut trailing = Vec::new();
    attach(&mut items, &mut trailing, &comments, 0, text);
    Cst { items, trailing }
}

fn comment(p: &Pair<Rule>) -> Comment {
    Comment {
        span: span_of(p),
        text: p.as_str().trim_end().to_string(),
    }
}

fn item(p: Pair<Rule>, comments: &mut Vec<Comment>) -> Item {
    let mut it = Item {
        span: span_of(&p),
        ..Item::default()
    };
    collect(p, &mut it, comments);
    // pest's implicit whitespace runs before an optional or repeated part even when
    // that part is absent, so a pair can end after the spaces, line ends and comments
    // that follow it. The item ends at its last token or its closing brace.
    let last_token = it.tokens.last().map(|t| t.span.end());
    let close = it.block.as_ref().map(|b| b.close.end());
    if let Some(end) = last_token.max(close) {
        it.span = Span::new(it.span.start(), end);
    }
    it
}

fn collect(p: Pair<Rule>, it: &mut Item, comments: &mut Vec<Comment>) {
    for c in p.into_inner() {
        match class(c.as_rule()) {
            Class::Item => {
                let child = item(c, comments);
                if let Some(b) = it.block.as_mut() {
                    b.items.push(child);
                }
            }
            Class::Token(kind) => it.tokens.push(Token {
                kind,
                span: span_of(&c),
            }),
            Class::Open => {
                it.block = Some(Block {
                    open: span_of(&c),
                    ..Block::default()
                })
            }
            Class::Close => {
                if let Some(b) = it.block.as_mut() {
                    b.close = span_of(&c);
                }
            }
            Class::Comment => comments.push(comment(&c)),
            Class::Descend => collect(c, it, comments),
        }
    }
}

fn has_newline(s: &str) -> bool {
    s.contains(['\n', '\r'])
}

/// Whether the whitespace between two tokens holds an empty line.
fn has_blank_line(s: &str) -> bool {
    let mut newlines = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                newlines += 1;
            }
            '\n' => newlines += 1,
            _ => {}
        }
    }
    newlines >= 2
}

/// Places the comments of a region (a file or a block) on the items they belong to.
/// `start` is where the region's content begins (after `{`).
fn attach(
    items: &mut [Item],
    closing: &mut Vec<Trivia>,
    comments: &[Comment],
    start: usize,
    text: &str,
) {
    let mut ci = 0;
    let mut cursor = start;
    let mut region_empty = true;
    let mut prev: Option<usize> = None;
    for idx in 0..items.len() {
        let item_start = items[idx].span.start();
        let item_end = items[idx].span.end();
        let mut leading = Vec::new();
        while ci < comments.len() && comments[ci].span.start() < item_start {
            let c = &comments[ci];
            let gap = &text[cursor..c.span.start()];
            if let Some(p) = prev
                && !has_newline(gap)
                && items[p].trailing.is_none()
                && cursor == items[p].span.end()
            {
                items[p].trailing = Some(c.clone());
            } else {
                if has_blank_line(gap) && !region_empty {
                    leading.push(Trivia::BlankLine);
                }
                leading.push(Trivia::Comment(c.clone()));
                region_empty = false;
            }
            cursor = c.span.end();
            ci += 1;
        }
        if has_blank_line(&text[cursor..item_start]) && !region_empty {
            leading.push(Trivia::BlankLine);
        }
        // Comments inside the item: in its block they go to the block's items; between
        // its own tokens they move in front of it.
        let inner_from = ci;
        while ci < comments.len() && comments[ci].span.start() < item_end {
            ci += 1;
        }
        let inner = &comments[inner_from..ci];
        let item = &mut items[idx];
        if let Some(block) = item.block.as_mut() {
            let (inside, outside): (Vec<Comment>, Vec<Comment>) =
                inner.iter().cloned().partition(|c| {
                    c.span.start() >= block.open.end() && c.span.end() <= block.close.start()
                });
            for c in outside {
                leading.push(Trivia::Comment(c));
            }
            let open_end = block.open.end();
            attach(
                &mut block.items,
                &mut block.closing,
                &inside,
                open_end,
                text,
            );
        } else {
            for c in inner {
                leading.push(Trivia::Comment(c.clone()));
            }
        }
        item.leading = leading;
        region_empty = false;
        cursor = item_end;
        prev = Some(idx);
    }
    while ci < comments.len() {
        let c = &comments[ci];
        let gap = &text[cursor..c.span.start()];
        if let Some(p) = prev
            && !has_newline(gap)
            && items[p].trailing.is_none()
            && cursor == items[p].span.end()
        {
            items[p].trailing = Some(c.clone());
        } else {
            if has_blank_line(gap) && !region_empty {
                closing.push(Trivia::BlankLine);
            }
            closing.push(Trivia::Comment(c.clone()));
            region_empty = false;
        }
        cursor = c.span.end();
        ci += 1;
    }
}

impl Cst {
    /// Every comment in the tree, in order of appearance in the tree.
    pub fn comments(&self) -> Vec<&Comment> {
        fn walk<'a>(items: &'a [Item], closing: &'a [Trivia], out: &mut Vec<&'a Comment>) {
            for it in items {
                for t in &it.leading {
                    if let Trivia::Comment(c) = t {
                        out.push(c);
                    }
                }
                if let Some(b) = &it.block {
                    walk(&b.items, &b.closing, out);
                }
                if let Some(c) = &it.trailing {
                    out.push(c);
                }
            }
            for t in closing {
                if let Trivia::Comment(c) = t {
                    out.push(c);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &self.trailing, &mut out);
        out
    }
}
