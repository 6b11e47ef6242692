//! planc: a plan-as-code compiler and drill simulator for emergency plans (应急预案).
//!
//! ```text
//! source ──pest──▶ pairs ──lower──▶ model (spans) ──resolve──▶ symbols ──▶ graph
//!                                        │
//!                 check rules ◀──────────┤──▶ diagnostics
//! ```
//!
//! [`compile`] runs the front end; [`Compilation::check`] adds the gap rules.

pub mod cards;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod drill;
pub mod fmt;
pub mod lsp;
pub mod model;
pub mod preview;
pub mod render;
pub mod source;
pub mod syntax;
pub mod synth;
pub mod wording;

use diagnostic::{Diagnostic, ParseFinding};
use model::{Graph, Plan, Symbols};
use source::{Source, Span};
use wording::Lang;

/// The flagship plan, compiled into the binary so that planc runs anywhere.
pub const FLAGSHIP: &str = include_str!("../plans/soe-online-opinion.plan");
/// The file name the flagship plan is reported under.
pub const FLAGSHIP_NAME: &str = "plans/soe-online-opinion.plan";

/// The result of the front end on one source.
#[derive(Debug)]
pub struct Compilation {
    pub source: Source,
    /// The lossless syntax tree (absent for JSON input or after a syntax error).
    pub cst: Option<syntax::Cst>,
    /// The model (absent after a syntax error).
    pub plan: Option<Plan>,
    pub symbols: Symbols,
    pub graph: Option<Graph>,
    /// Front-end diagnostics: syntax, lowering and names.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a source is the export JSON rather than plan text.
pub fn is_json(source: &Source) -> bool {
    source.name.ends_with(".json")
        || (source.name == "<stdin>" && source.text.trim_start().starts_with('{'))
}

/// Parses (or reads the export JSON), lowers and resolves a source, keeping the
/// lossless syntax tree.
pub fn compile(source: Source) -> Compilation {
    compile_with(source, true)
}

/// Like [`compile`], without the lossless syntax tree: what checking, rendering and
/// drilling need, in less memory.
pub fn compile_model(source: Source) -> Compilation {
    compile_with(source, false)
}

fn compile_with(source: Source, keep_tree: bool) -> Compilation {
    let (cst, mut plan, mut diagnostics) = if is_json(&source) {
        match syntax::json::read(&source) {
            Ok(plan) => (None, Some(plan), Vec::new()),
            Err(d) => (None, None, vec![d]),
        }
    } else {
        let parsed = syntax::parse_with(&source, keep_tree);
        (parsed.cst, parsed.plan, parsed.diagnostics)
    };
    if let Some(p) = &mut plan {
        p.settle_deadlines();
    }
    if let Some(p) = &plan
        && p.is_empty()
        && diagnostics.is_empty()
    {
        let end = source.text.len();
        diagnostics.push(Diagnostic::new(
            Span::new(end, end),
            ParseFinding::EmptyPlan,
        ));
    }
    // Past the limit, every level's actions would be resolved, linked and checked one
    // level at a time: the plan is reported and not taken further.
    let too_many = plan.as_ref().and_then(|p| p.levels.get(model::MAX_LEVELS));
    if let (Some(p), Some(extra)) = (&plan, too_many) {
        diagnostics.push(Diagnostic::new(
            extra.name.span,
            ParseFinding::TooManyLevels {
                count: p.levels.len(),
                max: model::MAX_LEVELS,
            },
        ));
    }
    let (symbols, graph) = match &plan {
        Some(_) if too_many.is_some() => (Symbols::default(), None),
        Some(p) => {
            diagnostics.extend(model::validate(p, &source));
            let (symbols, mut d) = model::resolve(p);
            diagnostics.append(&mut d);
            let graph = Graph::build(p, &symbols);
            (symbols, Some(graph))
        }
        None => (Symbols::default(), None),
    };
    diagnostic::sort(&mut diagnostics);
    Compilation {
        source,
        cst,
        plan,
        symbols,
        graph,
        diagnostics,
    }
}

impl Compilation {
    /// Every diagnostic: the front end's, then the gap rules' (only when the front end
    /// found no error, so a typo does not cascade into false gaps), with the default
    /// configuration and today's date.
    pub fn check(&self) -> Vec<Diagnostic> {
        self.check_with(&check::Options::default())
    }

    /// [`Compilation::check`] with a configuration: the date for date-dependent rules,
    /// severities from the command line, `--deny warnings`. The plan's own `lint`
    /// block is always applied.
    pub fn check_with(&self, opts: &check::Options) -> Vec<Diagnostic> {
        let mut all = self.diagnostics.clone();
        if let (Some(plan), Some(graph)) = (&self.plan, &self.graph)
            && !all.iter().any(Diagnostic::is_error)
        {
            let cx = check::Context {
                plan,
                symbols: &self.symbols,
                graph,
                source: &self.source,
                today: opts.today,
            };
            all.extend(check::run_configured(&cx, opts));
        }
        if opts.deny_warnings {
            check::config::deny_warnings(&mut all);
        }
        diagnostic::sort(&mut all);
        all
    }

    /// Whether the front end found errors.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The language the plan is written in.
    pub fn lang(&self) -> Lang {
        Lang::detect(&self.source.text)
    }
}

/// The export JSON of a plan (cli.md: `"version"` first — 2 now, 1 still read — every
/// item named).
pub fn export_json(plan: &Plan) -> String {
    let mut s = serde_json::to_string_pretty(plan).expect("the model always serializes");
    s.push('\n');
    s
}

/// The drill's scenario library, compiled: the built-in one ([`drill::LIBRARY`]), or
/// every `.plan` file of `dir` (sorted by name). A file that is not valid UTF-8 is read
/// lossily, so that its compile errors point into it.
pub fn compile_library(dir: Option<&std::path::Path>) -> Result<Vec<Compilation>, String> {
    let Some(dir) = dir else {
        return Ok(drill::LIBRARY
            .iter()
            .map(|(name, text)| compile(Source::new(*name, *text)))
            .collect());
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "plan") && p.is_file())
        .collect();
    paths.sort();
    let mut library = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        let source = match source_from_bytes(&p.display().to_string(), bytes) {
            Ok(s) | Err((s, _)) => s,
        };
        library.push(compile(source));
    }
    if library.is_empty() {
        return Err(format!("{} holds no .plan scenario files", dir.display()));
    }
    Ok(library)
}

/// Reads bytes as a source, reporting invalid UTF-8 with its location.
pub fn source_from_bytes(name: &str, bytes: Vec<u8>) -> Result<Source, (Source, Diagnostic)> {
    if bytes.len() > crate::source::MAX_SOURCE_BYTES {
        let len = bytes.len();
        return Err((
            Source::new(name, ""),
            Diagnostic::new(Span::new(0, 0), ParseFinding::SourceTooLarge { bytes: len }),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // A BOM is not part of the plan.
            if text.starts_with('\u{feff}') {
                text.replace_range(..3, "");
            }
            Ok(Source::new(name, text))
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let bad_len = char::REPLACEMENT_CHARACTER.len_utf8();
            // Show the valid part so the location can be printed with context.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let offset = String::from_utf8_lossy(&bytes[..valid]).len();
            let src = Source::new(name, text);
            let d = Diagnostic::new(
                Span::new(offset, offset + bad_len),
                ParseFinding::InvalidUtf8,
            );
            Err((src, d))
        }
    }
}
