//! The command line: argument parsing and dispatch. Each command lives in its own
//! file and is thin — it loads, calls the library, prints, and picks an exit code.

mod build;
mod check;
mod completions;
mod diff;
mod drill;
mod explain;
mod export;
mod fmt;
mod graph;
mod output;
mod render;

use crate::diagnostic::{self, Diagnostic, Lang};
use crate::source::Source;
use crate::{Compilation, FLAGSHIP, FLAGSHIP_NAME};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read};
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
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let env = Env {
        lang: cli.lang,
        color: cli.color,
    };
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
    };
    match outcome {
        Ok(code) => code,
        Err(Failure::Input) => 1,
        Err(Failure::Fatal(m)) => {
            eprintln!("planc: {m}");
            2
        }
    }
}

/// Reads a plan: a path, `-` for stdin, or nothing for the flagship plan built in.
pub fn read_source(path: Option<&str>) -> Result<Result<Source, (Source, Diagnostic)>, Failure> {
    match path {
        None => {
            eprintln!("planc: no plan given; using the built-in flagship plan {FLAGSHIP_NAME}");
            Ok(Ok(Source::new(FLAGSHIP_NAME, FLAGSHIP)))
        }
        Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
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
            let bytes =
                std::fs::read(path).map_err(|e| Failure::Fatal(format!("cannot read {p}: {e}")))?;
            Ok(crate::source_from_bytes(p, bytes))
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
    eprint!("{}", diagnostic::render_human(source, diags, lang, color));
}

/// Writes a command's output: to a file atomically, or to stdout.
pub fn emit(out: Option<&Path>, inputs: &[&Path], bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    match out {
        Some(path) => {
            output::guard_not_input(path, inputs)?;
            output::write_atomic(path, bytes)?;
            Ok(())
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`planc export | head`) is not an error worth a message.
            match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.map_err(|e| Failure::Fatal(format!("cannot write to standard output: {e}"))),
            }
        }
    }
}
