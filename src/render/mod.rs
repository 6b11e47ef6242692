//! The formal document: Markdown, HTML and DOCX through the templates in `templates/`.
//!
//! ```text
//! Plan ──view::build──▶ View (serializable) ──minijinja + templates/──▶ md · html · docx parts
//!                                                                   └─zip──▶ .docx
//! ```
//!
//! The view holds every decision (numbering, resolved names, tables, matrices, the flow
//! chart layout); `templates/labels/<lang>.json` holds every word; the templates hold the
//! layout. The bundled templates are compiled into the binary; a directory given with
//! `--templates` overrides them file by file, without recompiling.
//!
//! Plan text is data: every value a template prints is escaped for its format
//! (Markdown backslash escapes, HTML and XML entities, XML-illegal control characters
//! replaced), and no plan text ever reaches the template compiler.

mod docx;
pub mod escape;
pub mod flow;
pub mod graph;
pub mod labels;
pub mod page;
pub mod prose;
pub mod view;

use crate::model::Plan;
use crate::wording::Lang;
use labels::Labels;
use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, State, UndefinedBehavior};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use view::HeadingNumbers;

/// An output format of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Md,
    Html,
    Docx,
}

impl Format {
    /// The escaping every printed value gets in this format's shared templates.
    fn escape(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Docx => "xml",
        }
    }
}

/// How to render.
#[derive(Clone, Debug)]
pub struct Options {
    pub format: Format,
    pub lang: Lang,
    /// A directory whose files replace the bundled templates of the same name.
    pub templates: Option<PathBuf>,
}

/// Why a document could not be rendered.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed to compile or to render.
    Template {
        file: String,
        line: Option<usize>,
        message: String,
    },
    /// A labels file is not valid JSON.
    Labels {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Packaging the DOCX failed.
    Package(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template {
                file,
                line: Some(line),
                message,
            } => write!(f, "template error in {file}:{line}: {message}"),
            RenderError::Template {
                file,
                line: None,
                message,
            } => write!(f, "template error in {file}: {message}"),
            RenderError::Labels {
                file,
                line,
                column,
                message,
            } => write!(f, "labels error in {file}:{line}:{column}: {message}"),
            RenderError::Package(m) => write!(f, "cannot package the document: {m}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// The bundled template set, compiled into the binary.
pub const BUNDLED: &[(&str, &str)] = &[
    ("labels/zh.json", crate::wording::BUNDLED_ZH),
    ("labels/en.json", crate::wording::BUNDLED_EN),
    ("sentences.j2", include_str!("../../templates/sentences.j2")),
    ("document.md", include_str!("../../templates/document.md")),
    (
        "document.html",
        include_str!("../../templates/document.html"),
    ),
    ("style.css", include_str!("../../templates/style.css")),
    ("flow.svg", include_str!("../../templates/flow.svg")),
    (
        "docx/[Content_Types].xml",
        include_str!("../../templates/docx/[Content_Types].xml"),
    ),
    (
        "docx/_rels/.rels",
        include_str!("../../templates/docx/_rels/.rels"),
    ),
    (
        "docx/docProps/core.xml",
        include_str!("../../templates/docx/docProps/core.xml"),
    ),
    (
        "docx/docProps/app.xml",
        include_str!("../../templates/docx/docProps/app.xml"),
    ),
    (
        "docx/word/_rels/document.xml.rels",
        include_str!("../../templates/docx/word/_rels/document.xml.rels"),
    ),
    (
        "docx/word/document.xml",
        include_str!("../../templates/docx/word/document.xml"),
    ),
    (
        "docx/word/styles.xml",
        include_str!("../../templates/docx/word/styles.xml"),
    ),
    (
        "docx/word/settings.xml",
        include_str!("../../templates/docx/word/settings.xml"),
    ),
    (
        "docx/word/fontTable.xml",
        include_str!("../../templates/docx/word/fontTable.xml"),
    ),
    (
        "docx/word/numbering.xml",
        include_str!("../../templates/docx/word/numbering.xml"),
    ),
    (
        "docx/word/footer1.xml",
        include_str!("../../templates/docx/word/footer1.xml"),
    ),
    (
        "docx/word/footer2.xml",
        include_str!("../../templates/docx/word/footer2.xml"),
    ),
    (
        "docx/word/footer3.xml",
        include_str!("../../templates/docx/word/footer3.xml"),
    ),
    (
        "docx/macros.xml",
        include_str!("../../templates/docx/macros.xml"),
    ),
];

/// Whether a template file really lies in the `--templates` directory: a symbolic
/// link inside it pointing out of it is not followed, so a shared template
/// directory cannot make planc read (and print) any file on the machine.
pub fn within(dir: &Path, file: &Path) -> bool {
    match (std::fs::canonicalize(dir), std::fs::canonicalize(file)) {
        (Ok(d), Ok(f)) => f.starts_with(d),
        _ => false,
    }
}

fn bundled(name: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// Where templates come from: the bundled set, each file replaceable from a directory,
/// plus the body of a document other than the plan (see [`docx_with_body`]).
#[derive(Clone, Debug, Default)]
struct Source {
    dir: Option<PathBuf>,
    body: Option<DocxBody>,
}

impl Source {
    /// A template name is a relative path with no `..`.
    fn user_path(&self, name: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        let rel = Path::new(name);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return None;
        }
        let p = dir.join(rel);
        (p.is_file() && within(dir, &p)).then_some(p)
    }

    fn load(&self, name: &str) -> Result<Option<String>, minijinja::Error> {
        if let Some(b) = self.body.as_ref().filter(|b| b.name == name) {
            return Ok(Some(b.text.clone()));
        }
        if let Some(p) = self.user_path(name) {
            return std::fs::read_to_string(&p).map(Some).map_err(|e| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("cannot read {}: {e}", p.display()),
                )
            });
        }
        Ok(bundled(name).map(str::to_string))
    }

    /// How a template is named in messages: its path in the user's directory, or
    /// `templates/NAME (bundled)`.
    fn describe(&self, name: &str) -> String {
        if let Some(b) = self.body.as_ref().filter(|b| b.name == name) {
            return b.origin.clone();
        }
        match self.user_path(name) {
            Some(p) => p.display().to_string(),
            None => format!("templates/{name} (bundled)"),
        }
    }

    /// The labels of a language: the bundled ones, or a copy with the user's labels
    /// file merged over it.
    fn labels(
        &self,
        lang: Lang,
        domain: Option<&crate::model::domain::Domain>,
    ) -> Result<Cow<'static, Labels>, RenderError> {
        let words = (domain.and_then(|d| d.labels.get(lang.code())))
            .filter(|v| v.as_object().is_some_and(|o| !o.is_empty()));
        let Some(p) = self.user_path(lang.labels_file()) else {
            return Ok(match words {
                None => Cow::Borrowed(Labels::of(lang)),
                Some(w) => {
                    let mut value = Labels::of(lang).value().clone();
                    labels::merge(&mut value, w.clone());
                    Cow::Owned(Labels::new(value))
                }
            });
        };
        let file = p.display().to_string();
        let text = std::fs::read_to_string(&p).map_err(|e| RenderError::Labels {
            file: file.clone(),
            line: 0,
            column: 0,
            message: e.to_string(),
        })?;
        let over =
            serde_json::from_str::<serde_json::Value>(&text).map_err(|e| RenderError::Labels {
                file,
                line: e.line(),
                column: e.column(),
                message: e.to_string().split(" at line ").next().unwrap_or("").into(),
            })?;
        let mut value = Labels::of(lang).value().clone();
        // The domain's words over the bundled ones, the user's over both.
        if let Some(w) = words {
            labels::merge(&mut value, w.clone());
        }
        labels::merge(&mut value, over);
        Ok(Cow::Owned(Labels::new(value)))
    }
}

/// The labels as the templates' global `t`. The bundled ones are converted once per
/// language and process, since every document of a run shares them.
#[expect(
    clippy::ptr_arg,
    reason = "whether the labels are borrowed (bundled) or owned decides the cache"
)]
fn labels_global(t: &Cow<'static, Labels>, lang: Lang) -> Value {
    static BUNDLED_T: [OnceLock<Value>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    match t {
        Cow::Owned(t) => Value::from_serialize(t.value()),
        Cow::Borrowed(t) => {
            let slot = Lang::ALL
                .iter()
                .position(|l| *l == lang)
                .unwrap_or_default();
            BUNDLED_T[slot]
                .get_or_init(|| Value::from_serialize(t.value()))
                .clone()
        }
    }
}

/// The steps a template may take beyond what the data asks for. A template is a
/// program: without a bound, a user's loop within a loop runs for hours. The bundled
/// templates take a few steps per byte of plan (the flagship: 35,000 for its HTML,
/// 160,000 for a DOCX part by part), far inside the budget.
const FUEL_BASE: u64 = 100_000_000;

/// The steps allowed per item of the plan (an action, a level, a unit …).
const FUEL_PER_ITEM: u64 = 20_000;

/// The steps allowed per byte of a drill document's data.
const FUEL_PER_BYTE: u64 = 200;

/// The fuel of one render of a document made from other data (a drill report, a
/// facilitator pack): the base and a share per byte of the data as JSON.
pub fn fuel_for_data<C: serde::Serialize + ?Sized>(ctx: &C) -> u64 {
    let weight = serde_json::to_vec(ctx).map_or(0, |v| v.len() as u64);
    FUEL_BASE.saturating_add(weight.saturating_mul(FUEL_PER_BYTE))
}

/// The fuel of one render of a plan's document: the base and a share per item.
fn fuel(plan: &Plan) -> u64 {
    let items = plan.principles.len()
        + plan.texts.len()
        + plan.bodies.len()
        + plan.roles.len()
        + plan.units.len()
        + plan.externals.len()
        + plan.channels.len()
        + plan.rosters.len()
        + plan.levels.len()
        + plan.actions.len() * (1 + plan.levels.len().min(16))
        + plan.resources.len()
        + plan.drills.len()
        + plan.trainings.len()
        + plan.templates.len()
        + plan.annexes.len()
        + plan.scenarios.len();
    FUEL_BASE.saturating_add((items as u64).saturating_mul(FUEL_PER_ITEM))
}

/// Renders the document of a plan.
pub fn render(plan: &Plan, opts: &Options) -> Result<Vec<u8>, RenderError> {
    let lang = opts.lang;
    let source = Source {
        dir: opts.templates.clone(),
        body: None,
    };
    let t = source.labels(lang, Some(crate::model::domain::of(plan)))?;
    let view = view::build(plan, lang, &t);
    let mut env = environment(&source, opts.format, HeadingNumbers::new(&t), fuel(plan));
    // The labels are a global so that imported macro files see them too.
    env.add_global("t", labels_global(&t, lang));
    let ctx = minijinja::context! {
        format => match opts.format { Format::Md => "md", Format::Html => "html", Format::Docx => "docx" },
        ..Value::from_serialize(&view)
    };
    let run = |name: &str| -> Result<String, RenderError> {
        let tmpl = env
            .get_template(name)
            .map_err(|e| template_error(&source, name, e))?;
        tmpl.render(&ctx)
            .map_err(|e| template_error(&source, name, e))
    };
    match opts.format {
        Format::Md => Ok(tidy_markdown(&run("document.md")?).into_bytes()),
        Format::Html => Ok(run("document.html")?.into_bytes()),
        Format::Docx => docx_parts(&env, &source, &ctx, "docx/word/document.xml"),
    }
}

/// The body of a DOCX that is not the plan document (a drill report, a facilitator
/// pack): the template that becomes `word/document.xml`.
#[derive(Clone, Debug)]
pub struct DocxBody {
    /// Its template name, e.g. `drill/report.docx.j2` (how errors name it when it is
    /// bundled; it ends in neither `.xml` nor `.md`, so it is XML-escaped as a DOCX part).
    pub name: String,
    /// The template text.
    pub text: String,
    /// Where it came from, for error messages: a path, or `templates/NAME (bundled)`.
    pub origin: String,
}

/// What the package properties (`docProps/`) record about a document.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DocxMeta {
    pub title: String,
    pub org: Option<String>,
}

/// Renders a DOCX whose body is `body` and whose every other part — GB/T 9704 styles
/// and page setup, fonts, settings, numbering, the "— 1 —" footers, properties — is the
/// plan document's, from `templates/docx/` (`templates` replaces them file by file).
///
/// The body template sees `ctx`, `header` (the [`DocxMeta`]), `format` = `"docx"`, the
/// labels as `t`, `num()`, and the `paras`/`fill`/`cell` filters; it imports
/// `docx/macros.xml` for runs, paragraphs, headings and tables, and so writes the
/// `w:eastAsia` font on every run. Every value it prints is XML-escaped.
pub fn docx_with_body<C: serde::Serialize>(
    body: DocxBody,
    ctx: &C,
    meta: &DocxMeta,
    lang: Lang,
    templates: Option<&Path>,
) -> Result<Vec<u8>, RenderError> {
    let name = body.name.clone();
    let source = Source {
        dir: templates.map(Path::to_path_buf),
        body: Some(body),
    };
    let t = source.labels(lang, None)?;
    let mut env = environment(
        &source,
        Format::Docx,
        HeadingNumbers::new(&t),
        fuel_for_data(ctx),
    );
    env.add_global("t", labels_global(&t, lang));
    let ctx = minijinja::context! {
        format => "docx",
        header => Value::from_serialize(meta),
        ..Value::from_serialize(ctx)
    };
    docx_parts(&env, &source, &ctx, &name)
}

/// Renders the parts of a DOCX (`document` is the template of `word/document.xml`;
/// every other part is `docx/PART`) and zips them.
fn docx_parts(
    env: &Environment<'static>,
    source: &Source,
    ctx: &Value,
    document: &str,
) -> Result<Vec<u8>, RenderError> {
    let mut parts = Vec::new();
    for part in docx::PARTS {
        let name = if *part == "word/document.xml" {
            document.to_string()
        } else {
            format!("docx/{part}")
        };
        let tmpl = env
            .get_template(&name)
            .map_err(|e| template_error(source, &name, e))?;
        let text = tmpl
            .render(ctx)
            .map_err(|e| template_error(source, &name, e))?;
        parts.push((*part, text));
    }
    docx::package(&parts).map_err(RenderError::Package)
}

fn template_error(source: &Source, name: &str, e: minijinja::Error) -> RenderError {
    // Report the innermost template that failed (an include, a macro file).
    let mut inner: &dyn std::error::Error = &e;
    let mut deepest = &e;
    while let Some(next) = inner.source() {
        if let Some(me) = next.downcast_ref::<minijinja::Error>() {
            deepest = me;
        }
        inner = next;
    }
    let file = deepest.name().unwrap_or(name);
    let mut message = deepest.kind().to_string();
    if let Some(d) = deepest.detail() {
        message.push_str(": ");
        message.push_str(d);
    }
    RenderError::Template {
        file: source.describe(file),
        line: deepest.line(),
        message,
    }
}

/// The template environment for one format, numbering headings as the language's
/// labels say.
fn environment(
    source: &Source,
    format: Format,
    headings: HeadingNumbers,
    fuel: u64,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(fuel));
    let src = source.clone();
    env.set_loader(move |name| src.load(name));
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    let shared = format.escape();
    env.set_auto_escape_callback(move |name| {
        let ext = name.rsplit('.').next().unwrap_or("");
        match ext {
            "md" => AutoEscape::Custom("md"),
            "html" => AutoEscape::Custom("html"),
            "xml" | "rels" | "svg" => AutoEscape::Custom("xml"),
            "css" | "json" => AutoEscape::None,
            _ => AutoEscape::Custom(shared),
        }
    });
    env.set_formatter(|out, state, value| {
        if value.is_undefined() || value.is_none() {
            return Ok(());
        }
        let kind = match state.auto_escape() {
            AutoEscape::Custom(k) if !value.is_safe() => k,
            _ => return minijinja::escape_formatter(out, state, value),
        };
        let text = value.to_string();
        let written = match kind {
            "md" => escape::markdown(out, &text),
            "html" => escape::html(out, &text),
            _ => escape::xml(out, &text),
        };
        written.map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write"))
    });
    env.add_filter("fill", fill_filter);
    env.add_filter("paras", paras_filter);
    env.add_filter("blocks", blocks_filter);
    env.add_filter("inline", inline_filter);
    env.add_filter("cell", cell_filter);
    env.add_filter("mermaid", mermaid_filter);
    env.add_filter("capfirst", capfirst_filter);
    env.add_function("fit", fit_function);
    env.add_filter("run_in", |items: Vec<String>, sep: String| {
        prose::run_in(&items, &sep)
    });
    env.add_function("num", move |level: usize, n: usize| {
        Value::from_safe_string(headings.format(level, n, 0))
    });
    env
}

/// `{{ say.exercise(e) | capfirst }}`: a clause made to open a table cell, its first
/// letter a capital ("organized by …" after a name, "Organized by …" on its own); the
/// rest, names among it, is left as it is, and so is whether it is already escaped.
fn capfirst_filter(value: Value) -> Value {
    let text = value.to_string();
    let mut chars = text.chars();
    let out = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    };
    if value.is_safe() {
        Value::from_safe_string(out)
    } else {
        Value::from(out)
    }
}

/// `{{ t.sentence.x | fill(name=value, …) }}`: a label with its placeholders filled.
fn fill_filter(pattern: String, kwargs: Kwargs) -> Result<String, minijinja::Error> {
    let mut args: Vec<(String, String)> = Vec::new();
    for key in kwargs.args() {
        let v: Value = kwargs.get(key)?;
        let s = if v.is_none() || v.is_undefined() {
            String::new()
        } else {
            v.to_string()
        };
        args.push((key.to_string(), s));
    }
    let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Ok(labels::fill(&pattern, &refs))
}

/// `{{ lines | mermaid }}`: a Mermaid node label, lines joined by `<br/>`.
fn mermaid_filter(v: Value) -> Value {
    let text = match v.try_iter() {
        Ok(items) if v.as_str().is_none() => items
            .map(|i| escape::mermaid(&i.to_string()))
            .collect::<Vec<_>>()
            .join("<br/>"),
        _ => escape::mermaid(&v.to_string()),
    };
    Value::from_safe_string(text)
}

/// Collapses runs of blank lines (left by template control flow) to one, outside
/// fenced code blocks, and ends the text with one line end.
fn tidy_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    let mut fenced = false;
    for line in s.lines() {
        let line = line.trim_end();
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if line.is_empty() && !fenced {
            blank += 1;
            continue;
        }
        if blank > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `{% for line in text | paras %}`: the lines of a text (for a table cell).
fn paras_filter(text: Option<String>) -> Vec<String> {
    prose::lines(&text.unwrap_or_default())
}

/// `{% for b in text | blocks %}`: the paragraphs and tables of a text.
fn blocks_filter(text: Option<String>) -> Value {
    Value::from_serialize(prose::blocks(&text.unwrap_or_default()))
}

/// `fit(rows, total[, column])`: DOCX column widths (twips) for a table's rows, header
/// first (`prose::fit_widths`), `column` the twips of a display column when the text is
/// not the tables' 五号, `spare` the column that takes the width left once every cell
/// fits (by default every column, in proportion). A cell that is none counts as empty.
fn fit_function(
    rows: Vec<Vec<Option<Value>>>,
    total: u32,
    column: Option<u32>,
    spare: Option<usize>,
) -> Vec<u32> {
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|c| match c {
                    Some(v) if !v.is_none() && !v.is_undefined() => v.to_string(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect();
    let column = column.unwrap_or(prose::COLUMN_TWIPS);
    prose::fit_widths_spare(&rows, total, column, spare)
}

/// `{{ text | inline }}`: a text as one line, for a place inside a sentence.
fn inline_filter(text: Option<String>) -> String {
    prose::inline(&text.unwrap_or_default())
}

/// `{{ text | cell }}` in Markdown: a table cell, escaped, with its paragraphs joined
/// by `<br>` (a table row must stay on one line).
fn cell_filter(state: &State, text: Value) -> Value {
    if text.is_none() || text.is_undefined() {
        return Value::from_safe_string(String::new());
    }
    let escaped: Vec<String> = prose::lines(&text.to_string())
        .iter()
        .map(|l| match state.auto_escape() {
            AutoEscape::Custom("md") => escape::to_string(escape::markdown, l),
            AutoEscape::Custom("html") => escape::to_string(escape::html, l),
            _ => escape::to_string(escape::xml, l),
        })
        .collect();
    Value::from_safe_string(escaped.join("<br>"))
}
