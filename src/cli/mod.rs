//! The command line: argument parsing and dispatch. Each command lives in its own
//! file and is thin — it loads, calls the library, prints, and picks an exit code.

mod build;
mod cards;
mod check;
mod completions;
mod diff;
mod drill;
mod explain;
mod export;
mod fmt;
mod graph;
mod lsp;
mod output;
mod preview;
mod render;
mod sandbox;
mod signals;

use crate::diagnostic::{self, Diagnostic, Lang};
use crate::source::Source;
use crate::{Compilation, FLAGSHIP, FLAGSHIP_NAME};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

/// planc — plan-as-code compiler and drill simulator for emergency plans (应急预案).
#[derive(Parser, Debug)]
#[command(name = "planc", version, about, long_about = None)]
pub struct Cli {
    /// Language of human output (default: the language the plan is written in).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// When to colour human output.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse, resolve, build the responsibility graph and run every gap rule.
    Check(check::Args),
    /// Render the formal plan document (Markdown, HTML or DOCX).
    Render(render::Args),
    /// Print the response cards (应急处置卡): one per post, what it does in each situation.
    Cards(cards::Args),
    /// Print the responsibility graph (DOT, Mermaid or JSON).
    Graph(graph::Args),
    /// Print the compiled model as JSON.
    Export(export::Args),
    /// Run randomized tabletop drills against the plan and score them.
    Drill(drill::Args),
    /// Format plans canonically, keeping every comment.
    Fmt(fmt::Args),
    /// Show what changed in meaning between two versions of a plan.
    Diff(diff::Args),
    /// Explain a diagnostic code, or list them all.
    Explain(explain::Args),
    /// Check, render, graph and drill a plan in one go, into a directory.
    Build(build::Args),
    /// Print the shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Serve the Language Server Protocol over standard input and output.
    Lsp(lsp::Args),
    /// Show the plan document and its findings in a local web page, updated on every save.
    Preview(preview::Args),
}

impl Command {
    /// Whether the command renders templates the user gave (`--templates DIR`).
    fn user_templates(&self) -> bool {
        match self {
            Command::Render(a) => a.templates.is_some(),
            Command::Drill(a) => a.templates.is_some(),
            Command::Cards(a) => a.templates.is_some(),
            _ => false,
        }
    }
}

/// How a command failed, beyond the diagnostics it printed.
#[derive(Debug)]
pub enum Failure {
    /// The input has errors (already printed): exit 1.
    Input,
    /// Usage, I/O, template or internal failure: exit 2 with this message.
    Fatal(String),
}

impl<E: std::error::Error> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure::Fatal(e.to_string())
    }
}

pub type Outcome = Result<i32, Failure>;

/// Options every command shares.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    pub lang: Option<Lang>,
    pub color: ColorArg,
}

impl Env {
    /// The output language for a plan: `--lang`, else the plan's own.
    pub fn lang_for(&self, source: &Source) -> Lang {
        self.lang.unwrap_or_else(|| Lang::detect(&source.text))
    }

    /// Whether to colour what goes to this stream.
    pub fn color_for(&self, terminal: bool) -> bool {
        match self.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// Runs the command line and returns the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            // clap quotes the arguments, which can hold anything: escaped like every
            // message (and so without clap's colours).
            let text = e.render().to_string();
            let mut err = std::io::stderr().lock();
            let _ = err
                .write_all(crate::source::printable(&text).as_bytes())
                .and_then(|_| err.flush());
            return 2;
        }
        Err(e) => {
            let _ = e.print();
            return 0;
        }
    };
    let env = Env {
        lang: cli.lang,
        color: cli.color,
    };
    let _ = MESSAGES.set(cli.lang.unwrap_or_else(locale_lang));
    if cli.command.user_templates()
        && !sandbox::inside()
        && let Some(code) = sandbox::run(&args)
    {
        return code;
    }
    let outcome = match cli.command {
        Command::Check(a) => check::run(a, env),
        Command::Render(a) => render::run(a, env),
        Command::Graph(a) => graph::run(a, env),
        Command::Export(a) => export::run(a, env),
        Command::Drill(a) => drill::run(a, env),
        Command::Fmt(a) => fmt::run(a, env),
        Command::Diff(a) => diff::run(a, env),
        Command::Explain(a) => explain::run(a, env),
        Command::Build(a) => build::run(a, env),
        Command::Completions(a) => completions::run(a),
        Command::Lsp(a) => lsp::run(a, env),
        Command::Cards(a) => cards::run(a, env),
        Command::Preview(a) => preview::run(a, env),
    };
    match outcome {
        Ok(code) => code,
        Err(Failure::Input) => 1,
        Err(Failure::Fatal(m)) => {
            note(&format!("planc: {m}"));
            2
        }
    }
}

/// Reads a plan: a path, `-` for stdin, or nothing for the flagship plan built in.
pub fn read_source(path: Option<&str>) -> Result<Result<Source, (Source, Diagnostic)>, Failure> {
    match path {
        None => {
            note(&format!(
                "planc: no plan given; using the built-in flagship plan {FLAGSHIP_NAME}"
            ));
            Ok(Ok(Source::new(FLAGSHIP_NAME, FLAGSHIP)))
        }
        Some("-") => {
            let bytes = read_bounded(std::io::stdin().lock())
                .map_err(|e| Failure::Fatal(format!("cannot read standard input: {e}")))?;
            Ok(crate::source_from_bytes("<stdin>", bytes))
        }
        Some(p) => {
            let path = Path::new(p);
            if path.is_dir() {
                return Err(Failure::Fatal(format!(
                    "{p} is a directory, not a plan file"
                )));
            }
            let (_, bytes) = read_file_bounded(path)
                .map_err(|e| Failure::Fatal(format!("cannot read {p}: {e}")))?;
            match bytes {
                Ok(bytes) => Ok(crate::source_from_bytes(p, bytes)),
                Err(len) => Ok(Err(too_large(p, len))),
            }
        }
    }
}

/// Reads and compiles a plan. Errors are printed to stderr and end the command with
/// exit 1; warnings are left to the caller.
pub fn load(path: Option<&str>, env: Env) -> Result<Compilation, Failure> {
    let source = match read_source(path)? {
        Ok(s) => s,
        Err((src, d)) => {
            print_diagnostics_stderr(&src, &[d], env);
            return Err(Failure::Input);
        }
    };
    let c = crate::compile(source);
    if c.has_errors() {
        let errors: Vec<Diagnostic> = c
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        print_diagnostics_stderr(&c.source, &errors, env);
        return Err(Failure::Input);
    }
    Ok(c)
}

pub fn print_diagnostics_stderr(source: &Source, diags: &[Diagnostic], env: Env) {
    let lang = env.lang_for(source);
    let color = env.color_for(std::io::stderr().is_terminal());
    // The printer escapes the plan's text in the diagnostics itself.
    let text = diagnostic::render_human(source, diags, lang, color);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|_| err.flush());
}

/// Writes a command's human output (to a file or stdout), with every character that
/// would act on a terminal shown by its code ([`crate::source::printable`]). Coloured
/// text holds planc's own colour codes: its makers escaped the plan's text in it
/// before colouring, so it is written as it is.
pub fn emit_human(
    out: Option<&Path>,
    inputs: &[&Path],
    text: &str,
    colored: bool,
) -> Result<(), Failure> {
    if colored {
        return emit(out, inputs, text.as_bytes());
    }
    emit(out, inputs, crate::source::printable(text).as_bytes())
}

/// Human text escaped as [`emit_human`] escapes it, for output that shares a writer
/// with JSON.
pub fn printable(text: String) -> String {
    match crate::source::printable(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// Writes human output to stdout, escaped as [`emit_human`] does.
pub fn print_human(text: &str) -> Result<(), Failure> {
    print(crate::source::printable(text).as_bytes())
}

/// A writer for human text that goes to the terminal piece by piece (the interactive
/// drill's prompts): each piece is escaped as [`emit_human`] escapes, and a character
/// cut between two writes waits for its end.
pub struct Printable<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Printable<W> {
    pub fn new(inner: W) -> Self {
        Printable {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 at all: written with replacement characters.
            Err(_) => self.pending.len(),
        };
        let rest = self.pending.split_off(whole);
        let text = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending = rest;
        self.inner
            .write_all(crate::source::printable(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes a command's output: to a file atomically, or to stdout.
pub fn emit(out: Option<&Path>, inputs: &[&Path], bytes: &[u8]) -> Result<(), Failure> {
    match out {
        Some(path) => {
            output::guard_not_input(path, inputs)?;
            output::write_atomic(path, bytes)?;
            Ok(())
        }
        None => print(bytes),
    }
}

/// Set once standard output is found closed: nothing more is written to it.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes to standard output. A closed pipe (`planc fmt --check DIR | head -1`) means
/// the reader has seen enough: planc stops writing there, finishes its work and exits
/// with the status the work gives, without a message. Any other failure (a full disk)
/// is an I/O failure, exit 2.
pub fn print(bytes: &[u8]) -> Result<(), Failure> {
    use std::sync::atomic::Ordering;
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        r => r.map_err(|e| Failure::Fatal(format!("cannot write to standard output: {e}"))),
    }
}

/// Writes a line to standard error. A closed or full standard error leaves nowhere to
/// report anything, so the line is dropped and the work goes on.
pub fn note(line: &str) {
    // Every note is human text, and many quote a path or a name of the plan.
    let line = crate::source::printable(line);
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(line.as_bytes())
        .and_then(|_| err.write_all(b"\n"))
        .and_then(|_| err.flush());
}

/// The language of the command line's own messages.
static MESSAGES: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Without `--lang` the command line speaks the locale's language.
fn locale_lang() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return if v.to_string_lossy().starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

/// A message of the command line's own, from the `cli` labels.
pub fn say(key: &str, args: &[(&str, &str)]) -> String {
    let lang = *MESSAGES.get_or_init(locale_lang);
    crate::wording::Words::of(lang).fill(&format!("cli.{key}"), args)
}

/// Reads a stream up to the documented limit on sources and one byte more, so a
/// source that is too large is reported (P0010) without reading it to the end.
pub fn read_bounded(r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    r.take(crate::source::MAX_SOURCE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a file with the same limit, with its metadata as it was opened. A regular
/// file larger than the limit is known from its size (`Err(size)`), without reading.
pub fn read_file_bounded(
    path: &Path,
) -> std::io::Result<(std::fs::Metadata, Result<Vec<u8>, u64>)> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_file() && meta.len() > crate::source::MAX_SOURCE_BYTES as u64 {
        let len = meta.len();
        return Ok((meta, Err(len)));
    }
    let bytes = read_bounded(file)?;
    Ok((meta, Ok(bytes)))
}

/// The P0013 of a source too large to read.
pub fn too_large(name: &str, bytes: u64) -> (Source, Diagnostic) {
    let finding = diagnostic::ParseFinding::SourceTooLarge {
        bytes: usize::try_from(bytes).unwrap_or(usize::MAX),
    };
    let span = crate::source::Span::new(0, 0);
    (Source::new(name, ""), Diagnostic::new(span, finding))
}

#[cfg(test)]
mod tests {
    use super::Printable;
    use std::io::Write;

    #[test]
    fn printable_writer_escapes_across_writes() {
        let mut out = Printable::new(Vec::new());
        let text = "宣\u{1b}[2J传\u{9b}部\n".as_bytes();
        // Cut inside 宣, inside U+009B and inside 部.
        for piece in [
            &text[..1],
            &text[1..6],
            &text[6..11],
            &text[11..14],
            &text[14..],
        ] {
            out.write_all(piece).unwrap();
        }
        out.flush().unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            "宣\\u{1b}[2J传\\u{9b}部\n"
        );
    }
}
