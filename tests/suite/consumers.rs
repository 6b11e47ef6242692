//! Real consumers of the outputs: LibreOffice opens the DOCX (the plan document and the
//! drill evaluation report) and prints it to PDF,
//! headless Chromium prints the HTML to PDF, `pdftotext` must find the title and every
//! chapter heading in both, and Graphviz renders the DOT.
//!
//! The tools come from Debian packages (`libreoffice-writer-nogui`, `chromium`,
//! `poppler-utils`, `fonts-noto-cjk`, `graphviz`), which `.ci/run` installs. When one
//! is missing locally the test prints a loud SKIP and passes; in CI they are present.
//! `tests/consumers/fonts.conf` maps the GB/T 9704 font names to Noto CJK SC, as on a
//! machine that has the official fonts.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

const PLANS: [&str; 2] = [
    "plans/soe-online-opinion.plan",
    "plans/university-crisis-comms.plan",
];

pub(crate) fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

pub(crate) fn skip(what: &str, tool: &str) {
    // `.ci/run` installs every tool and sets PLANC_REQUIRE_TOOLS: there, missing is failing.
    if std::env::var_os("PLANC_REQUIRE_TOOLS").is_some() {
        panic!("{what}: `{tool}` is required (PLANC_REQUIRE_TOOLS is set) but not installed");
    }
    eprintln!("\n\n*** SKIP {what}: `{tool}` is not installed (CI installs it; see .ci/run) ***\n");
}

/// Headless Chromium prints an HTML file to PDF, with an empty profile of its own and
/// no network (the flags the machine needs), fonts mapped as on an office machine.
pub(crate) fn chromium_print(
    chromium: &Path,
    html: &Path,
    pdf: &Path,
    profile: &Path,
) -> std::process::Output {
    Command::new(chromium)
        .env("FONTCONFIG_FILE", fonts_conf())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs")
}

/// Runs a tool with bytes on its standard input.
fn pipe(cmd: &str, args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(cmd)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the tool runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn fonts_conf() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/consumers/fonts.conf")
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    // Justified Chinese lines may be spread with spaces; compare without them.
    String::from_utf8_lossy(&o.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The title and every chapter heading (the `## ` lines) of the Markdown rendering,
/// without spaces, as the PDF text must contain them.
fn expected_headings(plan: &str) -> Vec<String> {
    let o = common::planc(&["render", plan, "--format", "md"]);
    assert_eq!(common::code(&o), 0, "{}", common::stderr(&o));
    let md = common::stdout(&o);
    md.lines()
        .filter(|l| l.starts_with("# ") || l.starts_with("## "))
        .map(|l| {
            l.trim_start_matches('#')
                .replace('\\', "")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
        .collect()
}

fn render(plan: &str, format: &str, out: &Path) {
    let o = common::planc(&[
        "render",
        plan,
        "--format",
        format,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(common::code(&o), 0, "{}", common::stderr(&o));
}

fn assert_headings(pdf_text: &str, plan: &str, what: &str) {
    let headings = expected_headings(plan);
    assert!(headings.len() >= 9, "{plan}: {headings:?}");
    for h in &headings {
        // The annex chapter heading exists only in Markdown; the PDF shows each annex.
        if h == "附件" || h == "Annexes" {
            continue;
        }
        assert!(
            pdf_text.contains(h.as_str()),
            "{what} of {plan}: `{h}` not found in the PDF text"
        );
    }
}

#[test]
fn libreoffice_opens_the_docx_and_every_chapter_prints() {
    for t in ["soffice", "pdftotext"] {
        if tool(t).is_none() {
            return skip("LibreOffice DOCX test", t);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    for plan in PLANS {
        let docx = dir.path().join("plan.docx");
        render(plan, "docx", &docx);
        let o = Command::new("soffice")
            .env("FONTCONFIG_FILE", fonts_conf())
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&docx)
            .output()
            .expect("soffice runs");
        let pdf = dir.path().join("plan.pdf");
        assert!(
            o.status.success() && pdf.is_file(),
            "LibreOffice could not convert the DOCX of {plan}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_headings(&pdftotext(&pdf), plan, "the DOCX");
        std::fs::remove_file(&pdf).unwrap();
    }
}

#[test]
fn libreoffice_opens_the_drill_report_docx_and_every_section_prints() {
    for t in ["soffice", "pdftotext"] {
        if tool(t).is_none() {
            return skip("LibreOffice drill DOCX test", t);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("drill.docx");
    let o = common::planc(&[
        "drill",
        PLANS[0],
        "--runs",
        "200",
        "--report",
        docx.to_str().unwrap(),
    ]);
    assert_eq!(common::code(&o), 0, "{}", common::stderr(&o));
    let o = Command::new("soffice")
        .env("FONTCONFIG_FILE", fonts_conf())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("soffice runs");
    let pdf = dir.path().join("drill.pdf");
    assert!(
        o.status.success() && pdf.is_file(),
        "LibreOffice could not convert the drill report: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = pdftotext(&pdf);
    for h in [
        "演练评估报告",
        "一、演练基本情况",
        "二、评估过程",
        "三、情况分析",
        "四、改进意见和建议",
        "五、评估结论",
    ] {
        assert!(
            text.contains(h),
            "`{h}` not found in the PDF of the drill report"
        );
    }
}

/// The facilitator pack's DOCX opens in LibreOffice and prints every part a facilitator
/// runs the room from.
#[test]
fn libreoffice_opens_the_pack_docx_and_every_part_prints() {
    for t in ["soffice", "pdftotext"] {
        if tool(t).is_none() {
            return skip("LibreOffice pack DOCX test", t);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("pack.docx");
    let o = common::planc(&["drill", PLANS[0], "--pack", docx.to_str().unwrap()]);
    assert_eq!(common::code(&o), 0, "{}", common::stderr(&o));
    let o = Command::new("soffice")
        .env("FONTCONFIG_FILE", fonts_conf())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("soffice runs");
    let pdf = dir.path().join("pack.pdf");
    assert!(
        o.status.success() && pdf.is_file(),
        "LibreOffice could not convert the pack: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text: String = pdftotext(&pdf).split_whitespace().collect();
    for h in [
        "桌面推演导调手册",
        "一、演练概况",
        "演练目标",
        "议程",
        "二、情景说明",
        "讨论问题",
        "三、主情景事件清单（MSEL）",
        "四、评估指南",
        "评估员签字",
        "五、附表",
        "参演人员签到表",
        "热评记录表",
        "参演人员反馈表",
    ] {
        assert!(text.contains(h), "`{h}` not found in the PDF of the pack");
    }
}

#[test]
fn chromium_prints_the_html_and_every_chapter_prints() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|t| tool(t))
    else {
        return skip("Chromium HTML test", "chromium");
    };
    if tool("pdftotext").is_none() {
        return skip("Chromium HTML test", "pdftotext");
    }
    let dir = tempfile::tempdir().unwrap();
    for plan in PLANS {
        let html = dir.path().join("plan.html");
        render(plan, "html", &html);
        let pdf = dir.path().join("plan.pdf");
        let o = chromium_print(&chromium, &html, &pdf, &dir.path().join("chromium"));
        assert!(
            pdf.is_file(),
            "Chromium did not print {plan}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_headings(&pdftotext(&pdf), plan, "the HTML");
        std::fs::remove_file(&pdf).unwrap();
    }
}

#[test]
fn graphviz_renders_the_dot() {
    if tool("dot").is_none() {
        return skip("Graphviz test", "dot");
    }
    for plan in PLANS
        .iter()
        .chain(["tests/fixtures/render/hostile.plan"].iter())
    {
        let o = common::planc(&["graph", plan, "--format", "dot"]);
        assert_eq!(common::code(&o), 0);
        for view in [&["org"][..], &["reporting"], &["level", "红色"]] {
            if view.len() == 2 && !plan.contains("soe") {
                continue;
            }
            let mut args = vec!["graph", plan, "--format", "dot", "--view"];
            args.extend_from_slice(view);
            let v = common::planc(&args);
            assert_eq!(common::code(&v), 0, "{plan} {view:?}");
            let svg = pipe("dot", &["-Tsvg"], &v.stdout);
            assert!(svg.status.success(), "dot failed on {plan} {view:?}");
        }
        let svg = pipe("dot", &["-Tsvg"], &o.stdout);
        assert!(
            svg.status.success(),
            "dot failed on {plan}: {}",
            String::from_utf8_lossy(&svg.stderr)
        );
        let svg = String::from_utf8_lossy(&svg.stdout);
        assert!(svg.contains("<svg"), "{plan}");
        assert!(
            svg.contains("宣传部") || svg.contains("communications_office"),
            "{plan}: labels missing"
        );
    }
}
