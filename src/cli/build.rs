//! `planc build PLAN [-o DIR]`: the main job in one go.

use super::{Env, Failure, Outcome};
use crate::Compilation;
use crate::diagnostic::{self, Diagnostic};
use crate::render::{self, Format, graph::GraphFormat};
use crate::wording::{Lang, Words};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan file; the built-in flagship plan when omitted.
    pub plan: Option<String>,
    /// Output directory.
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
}

/// Runs in a build: a campaign of this many seeded runs.
const DRILL_RUNS: u64 = 1000;

/// Where the outputs go, and what has been written.
struct Out<'a> {
    dir: &'a Path,
    inputs: Vec<&'a Path>,
    written: Vec<PathBuf>,
}

impl Out<'_> {
    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<(), Failure> {
        let path = self.dir.join(name);
        super::output::guard_not_input(&path, &self.inputs)?;
        super::output::write_atomic(&path, bytes)?;
        self.written.push(path);
        Ok(())
    }
}

pub fn run(args: Args, env: Env) -> Outcome {
    let c = super::load(args.plan.as_deref(), env)?;
    let lang = env.lang_for(&c.source);
    let diags = c.check();
    std::fs::create_dir_all(&args.output)
        .map_err(|e| Failure::Fatal(format!("cannot create {}: {e}", args.output.display())))?;
    let mut out = Out {
        dir: &args.output,
        inputs: args.plan.iter().map(Path::new).collect(),
        written: Vec::new(),
    };
    check(&mut out, &c, &diags, lang)?;
    documents(&mut out, &c, lang)?;
    cards(&mut out, &c, lang)?;
    drills(&mut out, &c, lang, env)?;
    let errors = diags.iter().filter(|d| d.is_error()).count();
    for p in &out.written {
        super::note(&format!("  {}", p.display()));
    }
    let (count, dir, errors_text) = (
        out.written.len().to_string(),
        args.output.display().to_string(),
        errors.to_string(),
    );
    super::note(&Words::of(lang).fill(
        "cli.built",
        &[("count", &count), ("dir", &dir), ("errors", &errors_text)],
    ));
    Ok(if errors > 0 { 1 } else { 0 })
}

/// The gap checker's findings: JSON, human text and SARIF (for code-scanning tools).
fn check(out: &mut Out, c: &Compilation, diags: &[Diagnostic], lang: Lang) -> Result<(), Failure> {
    let files = [(&c.source, diags)];
    out.put(
        "check.json",
        diagnostic::render_json(&files, lang).as_bytes(),
    )?;
    let human = diagnostic::render_human(&c.source, diags, lang, false)
        + &super::check::summary_line(&diagnostic::Summary::of(diags), 1, lang);
    out.put("check.txt", human.as_bytes())?;
    out.put(
        "check.sarif",
        crate::check::sarif::render(&files, lang).as_bytes(),
    )
}

/// The model, the plan document (md, html, docx) and the responsibility graph.
fn documents(out: &mut Out, c: &Compilation, lang: Lang) -> Result<(), Failure> {
    let plan = c.plan.as_ref().expect("load returns a model");
    out.put("plan.json", crate::export_json(plan).as_bytes())?;
    for (format, name) in [
        (Format::Md, "plan.md"),
        (Format::Html, "plan.html"),
        (Format::Docx, "plan.docx"),
    ] {
        let opts = render::Options {
            format,
            lang,
            templates: None,
        };
        out.put(name, &render::render(plan, &opts)?)?;
    }
    for (format, name) in [
        (GraphFormat::Dot, "graph.dot"),
        (GraphFormat::Mermaid, "graph.mmd"),
        (GraphFormat::Json, "graph.json"),
    ] {
        out.put(
            name,
            render::graph::render_compilation(c, lang, format).as_bytes(),
        )?;
    }
    Ok(())
}

/// The response cards of every post, alone (A5, and two to an A4 sheet) and bound as
/// the handbook (md, html, docx).
fn cards(out: &mut Out, c: &Compilation, lang: Lang) -> Result<(), Failure> {
    use crate::cards::{self, Filter};
    let plan = c.plan.as_ref().expect("load returns a model");
    let deck = cards::deck(plan, lang, &Filter::default())
        .map_err(|e| Failure::Fatal(format!("{e:?}")))?;
    let handbook = cards::handbook(plan, lang);
    let forms = cards::forms::forms(plan, lang);
    for fmt in ["md", "html", "docx"] {
        let bytes =
            cards::render::forms_document(&forms, fmt, lang, None).map_err(Failure::Fatal)?;
        out.put(&format!("forms.{fmt}"), &bytes)?;
        let bytes =
            cards::render::document(&deck, None, fmt, lang, None).map_err(Failure::Fatal)?;
        out.put(&format!("cards.{fmt}"), &bytes)?;
        if fmt != "md" {
            let two_up = cards::render::Imposition::TwoUp;
            let bytes = cards::render::imposed(&deck, None, fmt, lang, None, two_up)
                .map_err(Failure::Fatal)?;
            out.put(&format!("cards-a4.{fmt}"), &bytes)?;
        }
        let bytes = cards::render::document(&deck, Some(&handbook), fmt, lang, None)
            .map_err(Failure::Fatal)?;
        out.put(&format!("handbook.{fmt}"), &bytes)?;
    }
    Ok(())
}

/// A drill campaign with its evaluation report (md, html, docx), and a facilitator
/// pack for a room drill.
fn drills(out: &mut Out, c: &Compilation, lang: Lang, env: Env) -> Result<(), Failure> {
    use crate::drill::{output as dout, pack, report};
    let m = super::drill::model_for(c, None, None, env)?;
    let camp = super::drill::campaign_with_progress(&m, 1, DRILL_RUNS, 0)?;
    let json = dout::campaign_json(&camp, &m, &c.source, lang);
    out.put("drill.json", dout::to_json(&json).as_bytes())?;
    for ext in ["md", "html", "docx"] {
        let name = format!("drill.{ext}");
        let doc =
            report::campaign_report(&m, &camp, &json, &c.source, lang, Path::new(&name), None)
                .map_err(Failure::Fatal)?;
        out.put(&name, &doc)?;
    }
    let doc = pack::render(&m, &c.source, 1, lang, Path::new("drill-pack.md"), None)
        .map_err(Failure::Fatal)?;
    out.put("drill-pack.md", &doc)
}
