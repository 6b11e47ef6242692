//! `planc drill`: randomized tabletop drills, campaigns, reports, interactive
//! tabletops and facilitator packs.

use super::{Env, Failure, Outcome};
use crate::drill::{self, campaign, output};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan file (`-` for standard input); the built-in flagship plan when omitted.
    pub plan: Option<String>,
    /// The first seed (run k of a campaign uses seed + k).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of runs: 1 is a single drill, more is a campaign.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub runs: u64,
    /// Threads for a campaign (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// Draw only this scenario.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Use the scenario files of this directory instead of the built-in library.
    #[arg(long, value_name = "DIR")]
    pub scenarios: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the evaluation report (md, html or docx, by extension).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Use the report templates of this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A facilitated tabletop: answers are read line by line from standard input.
    #[arg(long, conflicts_with_all = ["runs", "pack"])]
    pub interactive: bool,
    /// Replay a decision log (written by `--log`): the same drill, the same answers.
    #[arg(long, value_name = "FILE", requires = "interactive")]
    pub answers: Option<PathBuf>,
    /// Write the decision log of the interactive drill (JSON lines), to replay it.
    #[arg(long = "log", value_name = "FILE", requires = "interactive")]
    pub decision_log: Option<PathBuf>,
    /// Write the facilitator pack for a room drill (md, html or docx, by extension).
    /// A pack prepares a drill people play; it is not a simulated run, so it takes
    /// no `--report` and no `--runs`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["report", "runs"])]
    pub pack: Option<PathBuf>,
    /// The world: `realistic` (the calibrated chances) or `stress` (every complication
    /// likely: injects, nights, weekends, holidays).
    #[arg(long, value_enum, default_value_t = drill::params::Mode::Realistic)]
    pub mode: drill::params::Mode,
    /// `--deny warnings`: exit with 1 when the campaign cannot judge the plan.
    #[arg(long, value_name = "warnings")]
    pub deny: Vec<String>,
    /// Compare with another version of the plan: a paired campaign on the same seeds.
    #[arg(long, value_name = "NEW", conflicts_with_all = ["interactive", "pack", "report"])]
    pub compare: Option<String>,
}

/// Compiles the plan and its drill model; prints problems and fails on errors.
pub fn model(
    plan: Option<&str>,
    scenarios: Option<&Path>,
    scenario: Option<&str>,
    env: Env,
) -> Result<(crate::Compilation, drill::DrillModel), Failure> {
    let c = super::load(plan, env)?;
    let m = model_for(&c, scenarios, scenario, env)?;
    Ok((c, m))
}

/// The drill model of a compiled plan; problems in scenario files are printed.
pub fn model_for(
    c: &crate::Compilation,
    scenarios: Option<&Path>,
    scenario: Option<&str>,
    env: Env,
) -> Result<drill::DrillModel, Failure> {
    let library = crate::compile_library(scenarios).map_err(Failure::Fatal)?;
    let mut m = match drill::build(c, &library) {
        Ok(m) => m,
        Err(failed) => {
            for (src, d) in failed {
                super::print_diagnostics_stderr(&src, &d, env);
            }
            return Err(Failure::Input);
        }
    };
    if let Some(name) = scenario
        && !m.restrict(name)
    {
        let names: Vec<&str> = m.scenarios.iter().map(|s| s.name.as_str()).collect();
        let hint = crate::model::suggest(name, names.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(Failure::Fatal(format!(
            "no scenario named `{name}`{hint} (scenarios: {})",
            names.join(", ")
        )));
    }
    if m.scenarios.is_empty() || m.cumulative.last().is_none_or(|w| *w <= 0.0) {
        return Err(Failure::Fatal(
            "the scenario library holds no scenario with a positive weight".into(),
        ));
    }
    Ok(m)
}

pub fn run(args: Args, env: Env) -> Outcome {
    let (c, mut m) = model(
        args.plan.as_deref(),
        args.scenarios.as_deref(),
        args.scenario.as_deref(),
        env,
    )?;
    m.set_mode(args.mode);
    let lang = env.lang_for(&c.source);
    let inputs: Vec<&Path> = args.plan.iter().map(Path::new).collect();
    if args.interactive {
        return interactive(&m, &c.source, &args, lang, &inputs);
    }
    if let Some(pack) = &args.pack {
        let text = drill::pack::render(
            &m,
            &c.source,
            args.seed,
            lang,
            pack,
            args.templates.as_deref(),
        )
        .map_err(Failure::Fatal)?;
        super::emit(Some(pack), &inputs, &text)?;
        return Ok(0);
    }
    if let Some(new) = &args.compare {
        return compare(&args, &c, &m, new, env, lang, &inputs);
    }
    if args.runs == 1 {
        let r = drill::run_one(&m, args.seed);
        let view = output::run_view(&r, &c.source, lang);
        let text = match args.format {
            Format::Json => output::to_json(&view.json),
            Format::Human => super::printable(output::run_human(&view, lang)),
        };
        if let Some(path) = &args.report {
            let doc = drill::report::run_report(
                &m,
                &view,
                &c.source,
                lang,
                path,
                args.templates.as_deref(),
            )
            .map_err(Failure::Fatal)?;
            super::emit(Some(path), &inputs, &doc)?;
        }
        super::emit(None, &inputs, text.as_bytes())?;
        return Ok(0);
    }
    let camp = campaign_with_progress(&m, args.seed, args.runs, args.jobs)?;
    let json = output::campaign_json(&camp, &m, &c.source, lang);
    if let Some(path) = &args.report {
        let doc = drill::report::campaign_report(
            &m,
            &camp,
            &json,
            &c.source,
            lang,
            path,
            args.templates.as_deref(),
        )
        .map_err(Failure::Fatal)?;
        super::emit(Some(path), &inputs, &doc)?;
    }
    let text = match args.format {
        Format::Json => output::to_json(&json),
        Format::Human => super::printable(output::campaign_human(&json, lang)),
    };
    super::emit(None, &inputs, text.as_bytes())?;
    let deny = args.deny.iter().any(|d| d == "warnings");
    Ok(if deny && !json.score.evaluable { 1 } else { 0 })
}

/// `planc drill OLD --compare NEW`: both versions on the same seeds.
fn compare(
    args: &Args,
    c: &crate::Compilation,
    m: &drill::DrillModel,
    new: &str,
    env: Env,
    lang: crate::wording::Lang,
    inputs: &[&Path],
) -> Outcome {
    let (c2, mut m2) = model(
        Some(new),
        args.scenarios.as_deref(),
        args.scenario.as_deref(),
        env,
    )?;
    m2.set_mode(args.mode);
    let runs = if args.runs == 1 { 1000 } else { args.runs };
    let old_c = campaign_with_progress(m, args.seed, runs, args.jobs)?;
    let new_c = campaign_with_progress(&m2, args.seed, runs, args.jobs)?;
    let json = drill::compare::compare(&old_c, &new_c, [&c.source.name, &c2.source.name]);
    let text = match args.format {
        Format::Json => output::to_json(&json),
        Format::Human => super::printable(drill::compare::human(&json, lang)),
    };
    super::emit(None, inputs, text.as_bytes())?;
    Ok(0)
}

/// `planc drill PLAN --interactive`: the tabletop is played on standard input and
/// output (or replayed from a decision log); its log and report, if asked for, are
/// written at the end.
fn interactive(
    m: &drill::DrillModel,
    src: &crate::source::Source,
    args: &Args,
    lang: crate::wording::Lang,
    inputs: &[&Path],
) -> Outcome {
    use drill::interactive::{self, Screen, log};
    use std::io::Write;
    let digest = log::digest(&src.text);
    let replay = match &args.answers {
        Some(path) => Some(read_replay(path, lang, &digest)?),
        None => None,
    };
    let seed = replay.as_ref().map_or(args.seed, |r| r.header.seed);
    let mut out = super::Printable::new(std::io::stdout().lock());
    let width = screen_width();
    let played = match &replay {
        Some(rp) => {
            let mut input = std::io::Cursor::new(rp.input());
            let mut screen = Screen {
                out: &mut out,
                width,
                echoed: false,
            };
            interactive::play(m, seed, lang, &mut input, &mut screen)
        }
        None => {
            let mut input = Answers::new(std::io::stdin().lock(), lang);
            let mut screen = Screen {
                out: &mut out,
                width,
                echoed: std::io::stdin().is_terminal(),
            };
            interactive::play(m, seed, lang, &mut input, &mut screen)
        }
    }
    .map_err(|e| Failure::Fatal(e.to_string()))?;
    if let (Some(rp), Some(path)) = (&replay, &args.answers) {
        replay_fits(rp, &played.log, path, lang)?;
    }
    let score = interactive::score(m, &played.log);
    // The answers are in; a closed pipe must not lose the report.
    let summary = interactive::summary(&played.log, &score, lang);
    let _ = writeln!(out, "\n{}", interactive::wrap(&summary, width));
    let _ = out.flush();
    if let Some(path) = &args.decision_log {
        let header = log::Header {
            planc_decisions: log::VERSION,
            seed,
            lang: lang.code().into(),
            plan: src.name.clone(),
            digest,
        };
        super::emit(
            Some(path),
            inputs,
            log::write(&header, &played.log).as_bytes(),
        )?;
    }
    if let Some(path) = &args.report {
        let (r, t) = (&played.runner, args.templates.as_deref());
        let doc = interactive::report(r, &played.log, &score, src, lang, path, t)
            .map_err(Failure::Fatal)?;
        super::emit(Some(path), inputs, &doc)?;
    }
    Ok(0)
}

/// The width the drill wraps its lines to: the terminal's, else `COLUMNS`, else 80.
fn screen_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Some((_, cols)) = console::Term::stdout().size_checked()
        && cols >= 20
    {
        return cols as usize;
    }
    (std::env::var("COLUMNS").ok())
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c >= 20)
        .unwrap_or(80)
}

/// Reads a decision log for this plan, in words when it cannot be used.
fn read_replay(
    path: &Path,
    lang: crate::wording::Lang,
    digest: &str,
) -> Result<drill::interactive::log::Replay, Failure> {
    use drill::interactive::log::{self, BadKind};
    let w = crate::wording::Words::of(lang);
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        let why = e.to_string();
        Failure::Fatal(w.fill(
            "cli.decisions_unreadable",
            &[("file", &file), ("why", &why)],
        ))
    })?;
    let rp = log::read(&bytes).map_err(|bad| {
        let line = bad.line.to_string();
        let why = match bad.why {
            BadKind::Empty => w.get("cli.decisions_empty"),
            BadKind::NotUtf8 => w.get("cli.decisions_not_utf8"),
            BadKind::Json(e) => w.fill("cli.decisions_not_json", &[("error", &e)]),
            BadKind::Version(v) => {
                let (v, want) = (v.to_string(), log::VERSION.to_string());
                w.fill("cli.decisions_version", &[("version", &v), ("want", &want)])
            }
        };
        let args = [("file", file.as_str()), ("line", &line), ("why", &why)];
        Failure::Fatal(w.fill("cli.decisions_bad_line", &args))
    })?;
    let line = "1".to_string();
    let why = if rp.header.digest != digest {
        w.get("cli.decisions_other_plan")
    } else if rp.header.lang != lang.code() {
        w.fill("cli.decisions_other_lang", &[("lang", &rp.header.lang)])
    } else {
        return Ok(rp);
    };
    let args = [("file", file.as_str()), ("line", &line), ("why", &why)];
    Err(Failure::Fatal(w.fill("cli.decisions_bad_line", &args)))
}

/// A replay must ask what the log answers, question by question: a log edited by hand
/// that no longer fits is named at its first line that differs.
fn replay_fits(
    rp: &drill::interactive::log::Replay,
    played: &[drill::interactive::Decision],
    path: &Path,
    lang: crate::wording::Lang,
) -> Result<(), Failure> {
    let w = crate::wording::Words::of(lang);
    let asked: Vec<(&str, &str)> = played.iter().map(|d| (d.module, d.kind)).collect();
    let logged: Vec<(&str, &str)> = (rp.entries.iter())
        .map(|e| (e.module.as_str(), e.kind.as_str()))
        .collect();
    let Some(k) = (0..asked.len().max(logged.len())).find(|&k| asked.get(k) != logged.get(k))
    else {
        return Ok(());
    };
    let file = path.display().to_string();
    let line = (k + 2).to_string();
    let (module, kind) = logged.get(k).copied().unwrap_or(("—", "—"));
    let why = w.fill(
        "cli.decisions_not_asked",
        &[("module", module), ("kind", kind)],
    );
    let args = [("file", file.as_str()), ("line", &line), ("why", &why)];
    Err(Failure::Fatal(w.fill("cli.decisions_bad_line", &args)))
}

/// Runs a campaign, with a progress bar when standard error is a terminal.
pub fn campaign_with_progress(
    m: &drill::DrillModel,
    seed: u64,
    runs: u64,
    jobs: usize,
) -> Result<campaign::Campaign, Failure> {
    let bar = (std::io::stderr().is_terminal() && runs >= 2048).then(|| {
        let b = indicatif::ProgressBar::new(runs);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let tick = |n: u64| {
        if let Some(b) = &bar {
            b.inc(n);
        }
    };
    let c = campaign::run(m, seed, runs, sane_jobs(jobs), &tick).map_err(Failure::Fatal)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(c)
}

/// More threads than this many per core only cost start-up time: `--jobs 100000`
/// would spend minutes starting threads.
const JOBS_PER_CORE: usize = 4;

/// `--jobs` capped at [`JOBS_PER_CORE`] times the cores, with a warning when capped.
/// The runs are the same bytes whatever the number of threads.
fn sane_jobs(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let most = cores.saturating_mul(JOBS_PER_CORE);
    if jobs <= most {
        return jobs;
    }
    let (asked, cores_text, most_text) = (jobs.to_string(), cores.to_string(), most.to_string());
    super::note(&super::say(
        "jobs_capped",
        &[
            ("jobs", &asked),
            ("cores", &cores_text),
            ("most", &most_text),
        ],
    ));
    most
}

/// The longest answer line the interactive drill reads, in bytes; the rest of a longer
/// line is skipped. A choice is a number and a free answer a sentence or two, so this
/// leaves ample room while one giant line cannot exhaust memory.
pub const MAX_ANSWER_BYTES: usize = 4096;

/// Standard input as the interactive drill reads it: line by line, each line cut at
/// [`MAX_ANSWER_BYTES`], and a line that is not UTF-8 read with replacement characters
/// (so it is a wrong answer like any other, and the drill is still scored), each with
/// a note on standard error naming the line.
struct Answers<R> {
    inner: R,
    lang: crate::wording::Lang,
    line: Vec<u8>,
    pos: usize,
    number: usize,
}

impl<R: std::io::BufRead> Answers<R> {
    fn new(inner: R, lang: crate::wording::Lang) -> Self {
        Answers {
            inner,
            lang,
            line: Vec::new(),
            pos: 0,
            number: 0,
        }
    }

    fn next_line(&mut self) -> std::io::Result<()> {
        use std::io::{BufRead, Read};
        self.line.clear();
        self.pos = 0;
        let mut raw = Vec::new();
        let limit = MAX_ANSWER_BYTES as u64 + 1;
        if (&mut self.inner).take(limit).read_until(b'\n', &mut raw)? == 0 {
            return Ok(());
        }
        self.number += 1;
        let ended = raw.last() == Some(&b'\n');
        if !ended && raw.len() > MAX_ANSWER_BYTES {
            skip_line(&mut self.inner)?;
            raw.truncate(MAX_ANSWER_BYTES);
            // Cut at a character, not inside one.
            if let Err(e) = std::str::from_utf8(&raw)
                && e.error_len().is_none()
            {
                raw.truncate(e.valid_up_to());
            }
            raw.push(b'\n');
            self.tell("drill_answer_too_long");
        }
        if std::str::from_utf8(&raw).is_err() {
            raw = String::from_utf8_lossy(&raw).into_owned().into_bytes();
            self.tell("drill_answer_not_utf8");
        }
        self.line = raw;
        Ok(())
    }

    fn tell(&self, key: &str) {
        let (line, limit) = (self.number.to_string(), MAX_ANSWER_BYTES.to_string());
        let words = crate::wording::Words::of(self.lang);
        let args = [("line", line.as_str()), ("limit", limit.as_str())];
        super::note(&words.fill(&format!("cli.{key}"), &args));
    }
}

/// Skips to the end of the current line without keeping it.
fn skip_line(r: &mut impl std::io::BufRead) -> std::io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            r.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        r.consume(n);
    }
}

impl<R: std::io::BufRead> std::io::Read for Answers<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::io::BufRead;
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for Answers<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.line.len() {
            self.next_line()?;
        }
        Ok(&self.line[self.pos..])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.line.len());
    }
}
