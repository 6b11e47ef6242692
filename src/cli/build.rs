//! `planc build PLAN [-o DIR]`: the main job in one go.

use super::{Env, Failure, Outcome};
use crate::diagnostic::{self, Lang};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan file; the built-in flagship plan when omitted.
    pub plan: Option<String>,
    /// Output directory.
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
}

pub fn run(args: Args, env: Env) -> Outcome {
    let c = super::load(args.plan.as_deref(), env)?;
    let lang = env.lang_for(&c.source);
    let diags = c.check();
    std::fs::create_dir_all(&args.output)
        .map_err(|e| Failure::Fatal(format!("cannot create {}: {e}", args.output.display())))?;
    let inputs: Vec<&Path> = args.plan.iter().map(Path::new).collect();
    let mut written: Vec<PathBuf> = Vec::new();
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), Failure> {
        let path = args.output.join(name);
        crate::output::guard_not_input(&path, &inputs)?;
        crate::output::write_atomic(&path, bytes)?;
        written.push(path);
        Ok(())
    };

    let files = [(&c.source, diags.as_slice())];
    put(
        "check.json",
        diagnostic::render_json(&files, lang).as_bytes(),
    )?;
    let human = diagnostic::render_human(&c.source, &diags, lang, false)
        + &super::check::summary_line(&diagnostic::Summary::of(&diags), 1, lang);
    put("check.txt", human.as_bytes())?;
    // ── the gap checker: the same findings as SARIF, for code-scanning tools ──
    put(
        "check.sarif",
        crate::check::sarif::render(&files, lang).as_bytes(),
    )?;
    // ──
    let plan = c.plan.as_ref().expect("load returns a model");
    put("plan.json", crate::export_json(plan).as_bytes())?;

    // ── render: the plan document (md, html, docx) and the responsibility graph ──
    for (format, name) in [
        (crate::render::Format::Md, "plan.md"),
        (crate::render::Format::Html, "plan.html"),
        (crate::render::Format::Docx, "plan.docx"),
    ] {
        let opts = crate::render::Options {
            format,
            lang,
            templates: None,
        };
        put(name, &crate::render::render(plan, &opts)?)?;
    }
    for (format, name) in [
        (crate::render::graph::GraphFormat::Dot, "graph.dot"),
        (crate::render::graph::GraphFormat::Mermaid, "graph.mmd"),
        (crate::render::graph::GraphFormat::Json, "graph.json"),
    ] {
        put(
            name,
            crate::render::graph::render_compilation(&c, lang, format).as_bytes(),
        )?;
    }
    // ── end render ──
    // ── drill: a campaign of DRILL_RUNS seeded runs with its evaluation report
    //    (md, html, docx), and a facilitator pack for a room drill ──
    {
        use crate::drill::{output as dout, pack, report};
        const DRILL_RUNS: u64 = 1000;
        let m = super::drill::model_for(&c, None, None, env)?;
        let camp = super::drill::campaign_with_progress(&m, 1, DRILL_RUNS, 0)?;
        let json = dout::campaign_json(&camp, &m, &c.source, lang);
        put("drill.json", dout::to_json(&json).as_bytes())?;
        for ext in ["md", "html", "docx"] {
            let name = format!("drill.{ext}");
            let doc =
                report::campaign_report(&m, &camp, &json, &c.source, lang, Path::new(&name), None)
                    .map_err(Failure::Fatal)?;
            put(&name, &doc)?;
        }
        let doc = pack::render(&m, &c.source, 1, lang, Path::new("drill-pack.md"), None)
            .map_err(Failure::Fatal)?;
        put("drill-pack.md", &doc)?;
    }
    // ──

    let errors = diags.iter().filter(|d| d.is_error()).count();
    for p in &written {
        eprintln!("  {}", p.display());
    }
    match lang {
        Lang::Zh => eprintln!(
            "已生成 {} 个文件到 {}；检查发现 {} 个错误",
            written.len(),
            args.output.display(),
            errors
        ),
        Lang::En => eprintln!(
            "wrote {} files to {}; the check found {} error(s)",
            written.len(),
            args.output.display(),
            errors
        ),
    }
    Ok(if errors > 0 { 1 } else { 0 })
}
