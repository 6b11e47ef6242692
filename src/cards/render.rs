//! The cards as documents: Markdown, HTML (A5 or A6 pages) and DOCX (A5 or A6 pages,
//! GB/T 9704 fonts), A5 cards also two to an A4 sheet with a cut line between them
//! (`--impose`), through `templates/cards/` (built in; `--templates DIR` overrides them).

use super::{Deck, Handbook};
use crate::wording::Lang;
use serde::Serialize;
use std::path::Path;

/// The built-in card templates.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "cards.md.j2",
        include_str!("../../templates/cards/cards.md.j2"),
    ),
    (
        "cards.html.j2",
        include_str!("../../templates/cards/cards.html.j2"),
    ),
    (
        "cards.docx.j2",
        include_str!("../../templates/cards/cards.docx.j2"),
    ),
    (
        "forms.md.j2",
        include_str!("../../templates/cards/forms.md.j2"),
    ),
    (
        "forms.html.j2",
        include_str!("../../templates/cards/forms.html.j2"),
    ),
    (
        "forms.docx.j2",
        include_str!("../../templates/cards/forms.docx.j2"),
    ),
];

pub use super::sheet::Size;

#[derive(Serialize)]
struct Context<'a> {
    deck: &'a Deck,
    /// The handbook's own parts, when the cards are bound as the 应急工作手册.
    handbook: Option<&'a Handbook>,
    size: Size,
    /// The page of the handbook's own parts (a card's own page is its sheet's).
    page: super::sheet::Layout,
    /// Two A5 pages side by side on an A4 sheet, a cut line between them.
    impose: bool,
}

/// How the card pages go onto paper.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Imposition {
    /// A page of the card's own size for each card.
    #[default]
    Single,
    /// Two A5 cards to an A4 sheet (landscape), a cut line down the middle.
    TwoUp,
}

/// Why the cards cannot be imposed as asked.
pub fn imposition_refused(size: Size, fmt: &str, imposition: Imposition) -> Option<&'static str> {
    match imposition {
        Imposition::Single => None,
        Imposition::TwoUp if fmt == "md" => Some("cards_impose_md"),
        Imposition::TwoUp if size != Size::A5 => Some("cards_impose_a6"),
        Imposition::TwoUp => None,
    }
}

fn template(name: &str, templates: Option<&Path>) -> Result<(String, String), String> {
    crate::render::page::template("cards", name, templates, TEMPLATES)
}

/// Markdown with at most one blank line between blocks and one newline at the end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The cards in `fmt` (`md`, `html` or `docx`), bound as the handbook when it is given,
/// a page each.
pub fn document(
    deck: &Deck,
    handbook: Option<&Handbook>,
    fmt: &str,
    lang: Lang,
    templates: Option<&Path>,
) -> Result<Vec<u8>, String> {
    imposed(deck, handbook, fmt, lang, templates, Imposition::Single)
}

/// The cards as [`document`] makes them, the pages imposed on sheets as asked (see
/// [`imposition_refused`] for what cannot be; a handbook is a booklet, never imposed).
pub fn imposed(
    deck: &Deck,
    handbook: Option<&Handbook>,
    fmt: &str,
    lang: Lang,
    templates: Option<&Path>,
    imposition: Imposition,
) -> Result<Vec<u8>, String> {
    let ctx = Context {
        deck,
        handbook,
        size: deck.size,
        page: super::sheet::Layout::of(deck.size, 1),
        impose: imposition == Imposition::TwoUp
            && deck.size == Size::A5
            && fmt != "md"
            && handbook.is_none(),
    };
    let value = serde_json::to_value(&ctx).map_err(|e| e.to_string())?;
    let meta = crate::render::DocxMeta {
        title: deck.plan.clone(),
        org: deck.org.clone(),
    };
    output("cards", fmt, &value, meta, lang, templates)
}

/// Template `STEM.FMT.j2` with its context: the text for md (tidied) and html, a
/// package in the plan document's styles for docx.
fn output(
    stem: &str,
    fmt: &str,
    value: &serde_json::Value,
    meta: crate::render::DocxMeta,
    lang: Lang,
    templates: Option<&Path>,
) -> Result<Vec<u8>, String> {
    let name = format!("{stem}.{fmt}.j2");
    let (text, origin) = template(&name, templates)?;
    if fmt != "docx" {
        let out = crate::render::page::render(&name, text, templates, value, lang)?;
        return Ok(if fmt == "md" { tidy(&out) } else { out }.into_bytes());
    }
    let body = crate::render::DocxBody {
        name: format!("cards/{name}"),
        text,
        origin,
    };
    crate::render::docx_with_body(body, value, &meta, lang, templates).map_err(|e| e.to_string())
}

/// The working forms in `fmt` (`md`, `html` or `docx`; A4, the plan document's page).
pub fn forms_document(
    forms: &super::forms::Forms,
    fmt: &str,
    lang: Lang,
    templates: Option<&Path>,
) -> Result<Vec<u8>, String> {
    let value = serde_json::json!({ "forms": forms });
    let meta = crate::render::DocxMeta {
        title: forms.plan.clone(),
        org: None,
    };
    output("forms", fmt, &value, meta, lang, templates)
}
