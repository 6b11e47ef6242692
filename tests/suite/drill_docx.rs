//! Drill documents as DOCX: the evaluation report (campaign, single run, interactive)
//! and the facilitator pack, packaged with the plan document's parts (GB/T 9704 styles,
//! page setup, fonts, footers). Structure, escaping, `--templates`, `planc build`.

use crate::common;

use crate::common::{code, planc, planc_stdin, stderr};

/// The parts of the DOCX file at `path`.
fn unzip(path: &Path) -> BTreeMap<String, String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    common::docx::unzip(&bytes)
}

use crate::common::docx::{paragraphs, parse_xml};
use std::collections::BTreeMap;
use std::path::Path;

const FLAGSHIP: &str = "plans/soe-online-opinion.plan";
const HOSTILE: &str = "tests/fixtures/render/hostile.plan";

const SECTIONS_ZH: [&str; 5] = [
    "一、演练基本情况",
    "二、评估过程",
    "三、情况分析",
    "四、改进意见和建议",
    "五、评估结论",
];
const SECTIONS_EN: [&str; 5] = [
    "1. Overview",
    "2. Evaluation method",
    "3. Analysis",
    "4. Improvements",
    "5. Conclusion",
];

/// Every part well-formed, the package complete, every run of the body with a
/// `w:eastAsia` font. Returns the parts.
fn check_package(path: &Path) -> BTreeMap<String, String> {
    let parts = unzip(path);
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/numbering.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ] {
        assert!(
            parts.contains_key(required),
            "{}: no {required}",
            path.display()
        );
    }
    for (name, xml) in &parts {
        parse_xml(name, xml);
    }
    let doc = &parts["word/document.xml"];
    let runs = doc.matches("<w:r>").count();
    assert!(runs > 20, "{}: {runs} runs", path.display());
    assert_eq!(
        runs,
        doc.matches("<w:r><w:rPr><w:rFonts ").count(),
        "a run without rFonts"
    );
    for r in doc.split("<w:r><w:rPr><w:rFonts ").skip(1) {
        let attrs = r.split("/>").next().unwrap();
        assert!(attrs.contains("w:eastAsia=\""), "{attrs}");
    }
    parts
}

fn run_ok(args: &[&str]) {
    let o = planc(args);
    assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn campaign_report_docx_has_the_five_sections_and_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("drill.docx");
    run_ok(&[
        "drill",
        FLAGSHIP,
        "--runs",
        "200",
        "--report",
        path_str(&out),
    ]);
    let parts = check_package(&out);
    let doc = &parts["word/document.xml"];
    assert_eq!(paragraphs(doc, Some("Heading1")), SECTIONS_ZH);
    assert_eq!(
        paragraphs(doc, Some("Title")),
        ["示例集团有限公司网络舆情突发事件应急预案", "演练评估报告"]
    );
    let h2 = paragraphs(doc, Some("Heading2"));
    assert_eq!(
        h2[..4],
        [
            "（一）得分分布",
            "（二）能力评估",
            "（三）结果指标",
            "（四）覆盖情况"
        ]
    );
    let cells = paragraphs(doc, Some("TableText"));
    let heads = paragraphs(doc, Some("TableHead"));
    // The capability table: P/S/M/U counts of six capabilities.
    for h in ["能力", "平均分", "P", "S", "M", "U", "N/A"] {
        assert!(heads.iter().any(|x| x == h), "{h}");
    }
    for c in [
        "监测预警",
        "研判定级",
        "信息报告",
        "指挥协调",
        "信息发布与舆论引导",
        "后期处置",
    ] {
        assert!(cells.iter().any(|x| x == c), "{c}");
    }
    // The AAR/IP table: issue, corrective action, POETE element, owner, due.
    for h in ["问题", "纠正措施", "要素", "责任单位", "完成时限"] {
        assert!(heads.iter().any(|x| x == h), "{h}");
    }
    assert!(
        cells
            .iter()
            .any(|x| x.starts_with("培训") || x.starts_with("预案")),
        "POETE elements"
    );
    // The verdict and the pass rate.
    let body = paragraphs(doc, None).join("\n");
    assert!(body.contains("200 次推演平均得分"), "{body}");
    assert!(
        body.contains("评估结论为") && body.contains("通过率"),
        "{body}"
    );
    // The title goes into the properties.
    assert!(parts["docProps/core.xml"].contains("应急预案 演练评估报告</dc:title>"));
}

#[test]
fn drill_docx_shares_the_plan_documents_styles_page_setup_and_footers() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.docx");
    let plan = dir.path().join("plan.docx");
    run_ok(&[
        "drill",
        FLAGSHIP,
        "--seed",
        "3",
        "--report",
        path_str(&report),
    ]);
    run_ok(&[
        "render",
        FLAGSHIP,
        "--format",
        "docx",
        "-o",
        path_str(&plan),
    ]);
    let (r, p) = (unzip(&report), unzip(&plan));
    for part in [
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/numbering.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ] {
        assert_eq!(r[part], p[part], "{part} differs from the plan document's");
    }
    // The page setup of the first (or only) section: the plan's 版记 has one of its own.
    let sect = |d: &str| {
        let from = d.find("<w:sectPr>").expect("sectPr");
        let to = from + d[from..].find("</w:sectPr>").expect("sectPr ends");
        d[from..to].to_string()
    };
    assert_eq!(sect(&r["word/document.xml"]), sect(&p["word/document.xml"]));
    assert!(r["word/document.xml"].contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
}

#[test]
fn english_report_docx() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("drill.docx");
    run_ok(&[
        "drill",
        "--lang",
        "en",
        FLAGSHIP,
        "--runs",
        "50",
        "--report",
        path_str(&out),
    ]);
    let parts = check_package(&out);
    let doc = &parts["word/document.xml"];
    assert_eq!(paragraphs(doc, Some("Heading1")), SECTIONS_EN);
    assert_eq!(
        paragraphs(doc, Some("Heading2"))[0],
        "3.1 Score distribution"
    );
    let body = paragraphs(doc, None).join("\n");
    assert!(body.contains("Over 50 runs the mean score is"), "{body}");
    assert!(!body.contains("演练基本情况"));
}

#[test]
fn single_run_interactive_and_pack_docx() {
    let dir = tempfile::tempdir().unwrap();
    // One run.
    let one = dir.path().join("one.docx");
    run_ok(&["drill", FLAGSHIP, "--seed", "2", "--report", path_str(&one)]);
    let parts = check_package(&one);
    let doc = &parts["word/document.xml"];
    assert_eq!(paragraphs(doc, Some("Heading1")), SECTIONS_ZH);
    let body = paragraphs(doc, None).join("\n");
    assert!(body.contains("本次推演得分"), "{body}");
    // The Gantt chart as a table: trigger, deadline, done, rating.
    let heads = paragraphs(doc, Some("TableHead"));
    for h in ["预期行动", "触发", "时限", "完成", "评定"] {
        assert!(heads.iter().any(|x| x == h), "{h}");
    }
    // An interactive tabletop: its decision log is an annex.
    let tabletop = dir.path().join("tabletop.docx");
    let o = planc_stdin(
        &[
            "drill",
            FLAGSHIP,
            "--interactive",
            "--seed",
            "3",
            "--report",
            path_str(&tabletop),
        ],
        "1\n".repeat(60).as_bytes(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let parts = check_package(&tabletop);
    let doc = &parts["word/document.xml"];
    assert_eq!(paragraphs(doc, Some("Heading1")), SECTIONS_ZH);
    assert_eq!(paragraphs(doc, Some("AnnexLabel")), ["附：决策记录"]);
    // The facilitator pack.
    let pack = dir.path().join("pack.docx");
    run_ok(&["drill", FLAGSHIP, "--pack", path_str(&pack)]);
    let parts = check_package(&pack);
    let doc = &parts["word/document.xml"];
    assert_eq!(
        paragraphs(doc, Some("Heading1")),
        [
            "一、演练概况",
            "二、情景说明",
            "三、主情景事件清单（MSEL）",
            "四、评估指南",
            "五、附表"
        ]
    );
    let cells = paragraphs(doc, Some("TableText"));
    assert!(cells.iter().any(|c| c == "T+0:00"), "MSEL times");
    assert!(cells.iter().filter(|c| *c == "☐").count() >= 9, "forms");
}

#[test]
fn drill_docx_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.docx"), dir.path().join("b.docx"));
    for p in [&a, &b] {
        run_ok(&[
            "drill",
            FLAGSHIP,
            "--runs",
            "100",
            "--jobs",
            "2",
            "--report",
            path_str(p),
        ]);
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn hostile_plan_and_scenario_text_is_escaped_in_drill_docx() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("scenarios");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(
        lib.join("evil.plan"),
        "scenario 恶意情景 {\n  title \"情景 <b>粗</b> & {{ 1+1 }} ]]>\"\n  weight 1\n  \
         appears_on social\n  start reach 200万..300万\n  \
         detail \"细节 {% if x %} </w:t></w:r> & <script>\"\n  \
         inject 来电 { kind media at 10m set media local from \"来源 <x> & {{ y }}\" \
         detail \"注入 </w:t> & {{ z }}\" }\n}\n",
    )
    .unwrap();
    let lib = path_str(&lib).to_string();
    for (args, name) in [
        (vec!["--seed", "1", "--report"], "one.docx"),
        (vec!["--runs", "30", "--report"], "camp.docx"),
        (vec!["--pack"], "pack.docx"),
    ] {
        let out = dir.path().join(name);
        let mut a = vec!["drill", HOSTILE, "--scenarios", &lib];
        a.extend(args);
        a.push(path_str(&out));
        run_ok(&a);
        let parts = check_package(&out);
        let doc = &parts["word/document.xml"];
        assert_eq!(
            paragraphs(doc, Some("Title"))[0],
            "预案 {{ 7*7 }} <script>alert(1)</script> & ]]>",
            "{name}"
        );
        let text = paragraphs(doc, None).join("\n");
        if name != "camp.docx" {
            assert!(text.contains("情景 <b>粗</b> & {{ 1+1 }} ]]>"), "{name}");
        }
        if name == "pack.docx" {
            assert!(text.contains("来源 <x> & {{ y }}"), "{name}: {text}");
            assert!(text.contains("注入 </w:t> & {{ z }}"), "{name}: {text}");
        } else {
            assert!(text.contains("示例 & 集团 <b>粗体</b>"), "{name}: org");
        }
        // Where the plan wrote `{{ 7*7 }}`, a template engine would have written 49.
        assert!(!text.contains("预案 49"), "{name}: template code ran");
        assert!(
            parts["docProps/core.xml"].contains("<dc:title>预案 {{ 7*7 }} &lt;script&gt;"),
            "{name}"
        );
    }
}

#[test]
fn user_templates_replace_the_drill_body_and_the_shared_parts() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("templates");
    std::fs::create_dir_all(t.join("drill")).unwrap();
    std::fs::create_dir_all(t.join("docx/docProps")).unwrap();
    std::fs::write(
        t.join("drill/report.docx.j2"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         {% import \"docx/macros.xml\" as x %}\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>\
         {{ x.p(\"自定义：\" ~ plan.title, \"Title\") }}{{ x.page() }}</w:body></w:document>\n",
    )
    .unwrap();
    std::fs::write(
        t.join("docx/docProps/app.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>{{ header.org }} 自定义</Application></Properties>\n",
    )
    .unwrap();
    let out = dir.path().join("r.docx");
    run_ok(&[
        "drill",
        FLAGSHIP,
        "--report",
        path_str(&out),
        "--templates",
        path_str(&t),
    ]);
    let parts = unzip(&out);
    for (name, xml) in &parts {
        parse_xml(name, xml);
    }
    assert_eq!(
        paragraphs(&parts["word/document.xml"], Some("Title")),
        ["自定义：示例集团有限公司网络舆情突发事件应急预案"]
    );
    assert!(
        parts["docProps/app.xml"].contains("<Application>示例集团有限公司 自定义</Application>")
    );
    // A broken body template: exit 2 naming the file and the line.
    std::fs::write(t.join("drill/report.docx.j2"), "<w:document>\n{% if %}\n").unwrap();
    let o = planc(&[
        "drill",
        FLAGSHIP,
        "--report",
        path_str(&out),
        "--templates",
        path_str(&t),
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("report.docx.j2:2"), "{err}");
}

#[test]
fn build_writes_the_drill_report_as_docx() {
    let dir = tempfile::tempdir().unwrap();
    let o = planc(&["build", FLAGSHIP, "-o", path_str(dir.path())]);
    assert!(code(&o) <= 1, "{}", stderr(&o));
    let parts = check_package(&dir.path().join("drill.docx"));
    assert_eq!(
        paragraphs(&parts["word/document.xml"], Some("Heading1")),
        SECTIONS_ZH
    );
    for f in ["drill.md", "drill.html", "drill.json", "drill-pack.md"] {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
}

/// The Markdown report escapes plan text like the plan document does: markup in a
/// plan's title reads as written, it is never raw HTML.
#[test]
fn markdown_report_escapes_plan_text() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("r.md");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_planc"))
        .args([
            "drill",
            "tests/fixtures/render/hostile.plan",
            "--runs",
            "3",
            "--report",
        ])
        .arg(&md)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("\\<script\\>"), "{text}");
    assert!(!text.contains("<script>"), "raw markup in the report");
}
