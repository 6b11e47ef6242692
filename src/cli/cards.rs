//! `planc cards PLAN [--format md|html|docx] [-o FILE] [--post NAME] [--level NAME]
//! [--size a5|a6] [--impose] [--handbook] [--templates DIR]`: the response cards (应急处置卡), one
//! per post, or bound as the 应急工作手册.

use super::{Env, Failure, Outcome};
use crate::cards::{
    self, CardsError, Filter,
    render::{Imposition, Size},
};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan file (`.plan`, export `.json`, or `-`); the built-in flagship plan when omitted.
    pub plan: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Md)]
    pub format: FormatArg,
    /// Write to this file instead of standard output (required for docx).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Only the card of this post (a role or unit, by its name or title).
    #[arg(long, value_name = "NAME")]
    pub post: Option<String>,
    /// Only what is done at this level.
    #[arg(long, value_name = "NAME")]
    pub level: Option<String>,
    /// The card's paper: A5 (two to an A4 sheet) or A6 (a pocket card).
    #[arg(long, value_enum, default_value_t = SizeArg::A5)]
    pub size: SizeArg,
    /// Two A5 cards side by side on each A4 sheet (landscape), a cut line between them
    /// (html and docx; A5 only).
    #[arg(long, conflicts_with_all = ["forms", "handbook"])]
    pub impose: bool,
    /// Bind every card with the level table, the reporting lines and the contact list
    /// as the 应急工作手册, with a table of contents.
    #[arg(long, conflicts_with = "forms")]
    pub handbook: bool,
    /// The working forms instead: the information report form, a warning notice per
    /// level, the follow-up form and the statement templates.
    #[arg(long, conflicts_with_all = ["post", "level"])]
    pub forms: bool,
    /// A directory of templates replacing the bundled ones (`cards/cards.html.j2`, …).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Md,
    Html,
    Docx,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SizeArg {
    A5,
    A6,
}

pub fn run(args: Args, env: Env) -> Outcome {
    let fmt = match args.format {
        FormatArg::Md => "md",
        FormatArg::Html => "html",
        FormatArg::Docx => "docx",
    };
    if fmt == "docx" && args.output.is_none() {
        return Err(Failure::Fatal(
            "--format docx writes a binary file: give it a path with -o FILE".into(),
        ));
    }
    let inputs: Vec<&Path> = args.plan.iter().map(Path::new).collect();
    if let Some(out) = &args.output {
        super::output::guard_not_input(out, &inputs)?;
    }
    let c = super::load(args.plan.as_deref(), env)?;
    let plan = c.plan.as_ref().expect("load returns a model");
    let lang = env.lang_for(&c.source);
    if args.forms {
        let forms = cards::forms::forms(plan, lang);
        let bytes = cards::render::forms_document(&forms, fmt, lang, args.templates.as_deref())
            .map_err(Failure::Fatal)?;
        super::emit(args.output.as_deref(), &inputs, &bytes)?;
        return Ok(0);
    }
    let filter = Filter {
        post: args.post.clone(),
        level: args.level.clone(),
        size: match args.size {
            SizeArg::A5 => Size::A5,
            SizeArg::A6 => Size::A6,
        },
    };
    let imposition = if args.impose {
        Imposition::TwoUp
    } else {
        Imposition::Single
    };
    if let Some(key) = cards::render::imposition_refused(filter.size, fmt, imposition) {
        return Err(Failure::Fatal(super::say(key, &[])));
    }
    let deck = cards::deck(plan, lang, &filter).map_err(|e| Failure::Fatal(refused(&e)))?;
    if imposition == Imposition::TwoUp {
        warn_cut_off(plan, &deck, lang);
    }
    let handbook = args.handbook.then(|| cards::handbook(plan, lang));
    let bytes = cards::render::imposed(
        &deck,
        handbook.as_ref(),
        fmt,
        lang,
        args.templates.as_deref(),
        imposition,
    )
    .map_err(Failure::Fatal)?;
    super::emit(args.output.as_deref(), &inputs, &bytes)?;
    Ok(0)
}

/// A post or level that is not the plan's, with the nearest one and the list.
fn refused(e: &CardsError) -> String {
    let (what, name, names) = match e {
        CardsError::UnknownPost { name, posts } => ("post", name, posts),
        CardsError::UnknownLevel { name, levels } => ("level", name, levels),
    };
    let hint = crate::source::suggest(name, names.iter().map(String::as_str))
        .map(|s| super::say("cards_hint", &[("s", s)]))
        .unwrap_or_default();
    super::say(
        &format!("cards_unknown_{what}"),
        &[
            ("name", name),
            ("hint", &hint),
            ("names", &names.join(", ")),
        ],
    )
}

/// An imposed card has half a sheet and no more: one longer than its page (A0026) loses
/// its end in HTML and pushes the cards after it in DOCX, so the user hears of it.
fn warn_cut_off(plan: &crate::model::Plan, deck: &cards::Deck, lang: crate::wording::Lang) {
    let t = cards::words(plan, lang);
    for card in &deck.cards {
        let Some(sheet) = &card.sheet else { continue };
        let share = sheet.share(card, &deck.source, &t);
        if share > 100.0 {
            let percent = format!("{}", share.round() as usize);
            super::note(&super::say(
                "cards_impose_long",
                &[("post", &card.title), ("percent", &percent)],
            ));
        }
    }
}
