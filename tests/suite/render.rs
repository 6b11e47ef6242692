//! Render stage: the document in Markdown, HTML and DOCX, the graph output, escaping
//! of hostile plan text, and the `render`/`graph` command line.

use crate::common;

use crate::common::docx::{paragraphs, parse_xml, unzip};
use crate::common::{code, planc, stderr, stdout};
use planc::diagnostic::Lang;
use planc::render::{self, Format, Options};
use std::path::Path;

const FLAGSHIP: &str = "plans/soe-online-opinion.plan";
const ENGLISH: &str = "plans/university-crisis-comms.plan";
const HOSTILE: &str = "tests/fixtures/render/hostile.plan";

fn compile(path: &str) -> planc::Compilation {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let c = planc::compile(common::load(&p).expect("UTF-8 plan"));
    assert!(!c.has_errors(), "{path} has errors: {:?}", c.diagnostics);
    c
}

fn render_plan(path: &str, format: Format, lang: Lang) -> Vec<u8> {
    let c = compile(path);
    let opts = Options {
        format,
        lang,
        templates: None,
    };
    render::render(c.plan.as_ref().unwrap(), &opts).expect("renders")
}

fn text(path: &str, format: Format, lang: Lang) -> String {
    String::from_utf8(render_plan(path, format, lang)).expect("UTF-8 output")
}

// ───────────────────────────── snapshots ─────────────────────────────

#[test]
fn bundled_plans_markdown_and_html() {
    for (path, name) in [(FLAGSHIP, "flagship"), (ENGLISH, "english")] {
        let lang = compile(path).lang();
        insta::assert_snapshot!(format!("{name}.md"), text(path, Format::Md, lang));
        insta::assert_snapshot!(format!("{name}.html"), text(path, Format::Html, lang));
    }
}

#[test]
fn render_fixtures_markdown() {
    insta::glob!("../fixtures", "render/*.plan", |path| {
        let rel = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .to_string_lossy()
            .trim_start_matches('/')
            .to_string();
        insta::assert_snapshot!(text(&rel, Format::Md, Lang::Zh));
    });
}

#[test]
fn flagship_in_english_translates_structure_and_keeps_plan_text() {
    let md = text(FLAGSHIP, Format::Md, Lang::En);
    assert!(md.contains("## 1. General provisions"), "{md}");
    assert!(md.contains("## 4. Emergency response"));
    assert!(md.contains("Annex 1"));
    // Headings planc writes use English spacing (no full-width space after a number).
    for heading in md.lines().filter(|l| l.starts_with('#')) {
        assert!(!heading.contains('\u{3000}'), "{heading}");
    }
    // The plan's own text stays as written.
    assert!(md.contains("示例集团有限公司网络舆情突发事件应急预案"));
    assert!(!md.contains("## 一、"));
}

#[test]
fn every_chapter_is_numbered_in_order() {
    let md = text(FLAGSHIP, Format::Md, Lang::Zh);
    let chapters: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        chapters,
        [
            "## 一、总则",
            "## 二、组织体系及职责",
            "## 三、监测与预警",
            "## 四、应急响应",
            "## 五、后期处置",
            "## 六、保障措施",
            "## 七、培训与演练",
            "## 八、附则",
            "## 附件",
        ]
    );
    assert!(md.contains("### （一）编制目的"));
    // Actions are task tables: one row each, owner and time limit in their columns.
    assert!(md.contains("| 序号 | 处置措施 | 负责 | 时限 | 工作要求 |"));
    // The graded response is one table, a time-limit column per level, highest first.
    assert!(md.contains("| 序号 | 处置措施 | 负责 | Ⅰ级 | Ⅱ级 | Ⅲ级 | Ⅳ级 | 工作要求 |"));
    assert!(md.contains("| 1 | 成立工作专班 | 集团办公室 | 30分钟内 |  |  |  |"));
}

#[test]
fn output_is_deterministic() {
    for f in [Format::Md, Format::Html, Format::Docx] {
        assert_eq!(
            render_plan(FLAGSHIP, f, Lang::Zh),
            render_plan(FLAGSHIP, f, Lang::Zh)
        );
    }
}

// ───────────────────────────── DOCX structure ─────────────────────────────

#[test]
fn docx_parts_are_well_formed_and_complete() {
    let parts = unzip(&render_plan(FLAGSHIP, Format::Docx, Lang::Zh));
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/numbering.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
    ] {
        assert!(parts.contains_key(required), "missing {required}");
    }
    for (name, xml) in &parts {
        parse_xml(name, xml);
    }
    // Every relationship target exists.
    let rels = &parts["word/_rels/document.xml.rels"];
    for target in rels.split("Target=\"").skip(1) {
        let t = target.split('"').next().unwrap();
        assert!(parts.contains_key(&format!("word/{t}")), "dangling {t}");
    }
}

#[test]
fn docx_page_setup_follows_gbt_9704() {
    let parts = unzip(&render_plan(FLAGSHIP, Format::Docx, Lang::Zh));
    let doc = &parts["word/document.xml"];
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
    assert!(doc.contains(r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588""#));
    // 22 lines: the text block (16838 − 2098 − 1984 twips) over the line pitch.
    assert!(doc.contains(r#"w:linePitch="579""#));
    assert_eq!((16838 - 2098 - 1984) / 579, 22);
    // 28 characters: 16 pt condensed by 0.25 pt (w:spacing −5 twentieths) over the
    // 11906 − 1588 − 1474 twips of the text block.
    let styles = &parts["word/styles.xml"];
    assert!(styles.contains(r#"<w:spacing w:val="-5"/>"#));
    assert_eq!((11906 - 1588 - 1474) / (320 - 5), 28);
    // Odd and even footers with "— PAGE —".
    assert!(parts["word/settings.xml"].contains("<w:evenAndOddHeaders/>"));
    for f in ["word/footer1.xml", "word/footer2.xml"] {
        let x = &parts[f];
        assert!(
            x.contains(" PAGE ") && x.contains("— ") && x.contains(" —"),
            "{f}"
        );
    }
    assert!(parts["word/footer1.xml"].contains(r#"<w:jc w:val="right"/>"#));
    assert!(parts["word/footer2.xml"].contains(r#"<w:jc w:val="left"/>"#));
    // The 版记 section (the last sectPr) prints no page number (§7.5): both its footers
    // are the empty one, which every other section leaves alone.
    assert!(!parts["word/footer3.xml"].contains("<w:r>"));
    let (body, last) = doc.rsplit_once("<w:sectPr>").unwrap();
    assert!(last.contains(r#"<w:footerReference w:type="default" r:id="rId7"/>"#));
    assert!(last.contains(r#"<w:footerReference w:type="even" r:id="rId7"/>"#));
    assert!(!body.contains(r#"r:id="rId7""#));
}

#[test]
fn docx_every_run_names_an_east_asian_font() {
    let parts = unzip(&render_plan(FLAGSHIP, Format::Docx, Lang::Zh));
    for name in ["word/document.xml", "word/footer1.xml", "word/footer2.xml"] {
        let x = &parts[name];
        let runs = x.matches("<w:r>").count();
        assert!(runs > 0);
        let fonted = x.matches("<w:r><w:rPr><w:rFonts ").count();
        assert_eq!(runs, fonted, "{name}: a run without rFonts");
        for r in x.split("<w:r><w:rPr><w:rFonts ").skip(1) {
            let attrs = r.split("/>").next().unwrap();
            assert!(attrs.contains("w:eastAsia=\""), "{name}: {attrs}");
        }
    }
    let styles = &parts["word/styles.xml"];
    for (style, font) in [
        ("Title", "方正小标宋简体"),
        ("Heading1", "黑体"),
        ("Heading2", "楷体_GB2312"),
        ("Heading3", "仿宋_GB2312"),
        ("Heading4", "仿宋_GB2312"),
        ("Normal", "仿宋_GB2312"),
    ] {
        let def = styles
            .split(&format!("w:styleId=\"{style}\""))
            .nth(1)
            .unwrap_or_else(|| panic!("style {style}"))
            .split("</w:style>")
            .next()
            .unwrap();
        assert!(
            def.contains(&format!("w:eastAsia=\"{font}\"")),
            "{style}: {def}"
        );
    }
}

#[test]
fn docx_headings_are_the_chapter_outline() {
    let parts = unzip(&render_plan(FLAGSHIP, Format::Docx, Lang::Zh));
    let doc = &parts["word/document.xml"];
    assert_eq!(
        paragraphs(doc, Some("Title")),
        ["示例集团有限公司网络舆情突发事件应急预案"]
    );
    assert_eq!(
        paragraphs(doc, Some("Heading1")),
        [
            "一、总则",
            "二、组织体系及职责",
            "三、监测与预警",
            "四、应急响应",
            "五、后期处置",
            "六、保障措施",
            "七、培训与演练",
            "八、附则",
        ]
    );
    let h2 = paragraphs(doc, Some("Heading2"));
    assert!(h2.contains(&"（一）编制目的".to_string()), "{h2:?}");
    let annexes = paragraphs(doc, Some("AnnexTitle"));
    assert!(annexes.contains(&"应急响应职责矩阵（RACI）".to_string()));
    // The level responses are task tables; a level–response matrix would say it again.
    assert!(
        !annexes.contains(&"分级响应矩阵".to_string()),
        "{annexes:?}"
    );
    assert!(annexes.contains(&"应急联络表".to_string()));
    assert!(annexes.contains(&"应急响应流程图".to_string()));
    // The annexes are tables.
    assert!(doc.matches("<w:tbl>").count() >= 4);
    // Chinese is justified; English is set ragged right (no gaping word spaces).
    let styles =
        |lang| unzip(&render_plan(FLAGSHIP, Format::Docx, lang))["word/styles.xml"].clone();
    assert!(styles(Lang::Zh).contains(r#"<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:spacing w:line="579" w:lineRule="exact"/><w:jc w:val="both"/>"#));
    assert!(
        styles(Lang::En)
            .contains(r#"<w:spacing w:line="579" w:lineRule="exact"/><w:jc w:val="left"/>"#)
    );
}

// ───────────────────────────── escaping ─────────────────────────────

#[test]
fn hostile_text_is_literal_in_markdown() {
    let md = text(HOSTILE, Format::Md, Lang::Zh);
    assert!(md.contains("{{ 7\\*7 }}"), "{md}");
    assert!(!md.contains("49"));
    assert!(md.contains("{% for x in range(3) %}{{ x }}{% endfor %}"));
    assert!(md.contains("{% raw %}"));
    assert!(md.contains("\\<script\\>"));
    assert!(!md.contains("<script>"));
    assert!(md.contains("\\]\\]\\>"));
    assert!(md.contains("\\&amp;"));
    assert!(!md.contains('\u{1}'));
    // A table cell with `|` stays one cell.
    assert!(md.contains("电话 \\| 书面"));
}

#[test]
fn hostile_text_is_escaped_in_html() {
    let html = text(HOSTILE, Format::Html, Lang::Zh);
    assert_eq!(html.matches("<script").count(), 0, "no script element");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("{{ 7*7 }}"));
    assert!(html.contains("]]&gt;"));
    assert!(html.contains("&amp;amp;"));
    assert!(!html.chars().any(planc::render::escape::is_illegal));
}

#[test]
fn hostile_text_is_well_formed_xml_in_docx() {
    let parts = unzip(&render_plan(HOSTILE, Format::Docx, Lang::Zh));
    for (name, xml) in &parts {
        parse_xml(name, xml);
    }
    let doc = &parts["word/document.xml"];
    let title = paragraphs(doc, Some("Title"));
    assert_eq!(title, ["预案 {{ 7*7 }} <script>alert(1)</script> & ]]>"]);
    // The injected closing tags are text, not structure.
    let body = paragraphs(doc, Some("Normal")).join("\n");
    assert!(body.contains("</w:t></w:r><w:r><w:t>注入"), "{body}");
    assert!(body.contains("\u{FFFD}"), "control characters replaced");
    assert!(parts["docProps/core.xml"].contains("<dc:title>预案 {{ 7*7 }} &lt;script&gt;"));
}

// ───────────────────────────── graph ─────────────────────────────

#[test]
fn graph_formats_are_deterministic_and_chinese() {
    for format in ["dot", "mermaid", "json"] {
        let a = planc(&["graph", FLAGSHIP, "--format", format]);
        let b = planc(&["graph", FLAGSHIP, "--format", format]);
        assert_eq!(code(&a), 0, "{}", stderr(&a));
        assert_eq!(a.stdout, b.stdout, "{format} differs between runs");
        let out = stdout(&a);
        assert!(out.contains("宣传部") && out.contains("部门"), "{format}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&planc(&["graph", FLAGSHIP, "--format", "json"]).stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert!(json["nodes"].as_array().unwrap().len() > 20);
    assert!(
        json["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "reports_to" && e["within_minutes"].is_u64())
    );
    let dot = stdout(&planc(&["graph", FLAGSHIP]));
    assert!(dot.starts_with("digraph planc {"));
    assert!(dot.contains("报告 1小时内"), "{dot}");
}

// ───────────────────────────── command line ─────────────────────────────

#[test]
fn render_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["md", "html", "docx"] {
        let out = dir.path().join(format!("plan.{f}"));
        let o = planc(&[
            "render",
            FLAGSHIP,
            "--format",
            f,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(std::fs::metadata(&out).unwrap().len() > 1000);
    }
    let o = planc(&["render", FLAGSHIP, "--format", "md"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("# 示例集团有限公司网络舆情突发事件应急预案"));
}

#[test]
fn docx_needs_an_output_file() {
    let o = planc(&["render", FLAGSHIP, "--format", "docx"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("-o"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn render_refuses_to_overwrite_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.plan");
    std::fs::copy(HOSTILE, &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let p = plan.to_str().unwrap();
    let o = planc(&["render", p, "--format", "md", "-o", p]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("input plan"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

#[test]
fn user_templates_replace_bundled_ones_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("document.md"),
        "TITLE={{ header.title }} CHAPTERS={{ outline | length }}\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("labels")).unwrap();
    std::fs::write(
        dir.path().join("labels/zh.json"),
        r#"{"chapter": {"general": "第一章 总则"}}"#,
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let o = planc(&["render", HOSTILE, "--format", "md", "--templates", d]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "TITLE=预案 {{ 7\\*7 }} \\<script\\>alert(1)\\</script\\> \\& \\]\\]\\> CHAPTERS=8\n"
    );
    // HTML still comes from the bundled template, with the user's label merged in.
    let o = planc(&["render", HOSTILE, "--format", "html", "--templates", d]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("<h2>一、第一章 总则</h2>"));
}

#[test]
fn broken_user_template_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("document.md"),
        "# {{ header.title }}\n\nfine\n{% for x in outline %}\n{{ x.title \n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let o = planc(&["render", HOSTILE, "--format", "md", "--templates", d]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    let file = dir.path().join("document.md");
    assert!(
        err.contains(&format!("{}:5", file.display())),
        "file and line: {err}"
    );
    assert!(o.stdout.is_empty());

    // A mistake at render time, in an included file, names that file.
    std::fs::write(
        dir.path().join("document.md"),
        "{% include \"part.md\" %}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("part.md"),
        "ok\n{{ header.title | nosuchfilter }}\n",
    )
    .unwrap();
    let o = planc(&["render", HOSTILE, "--format", "md", "--templates", d]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}:2", dir.path().join("part.md").display())),
        "{err}"
    );

    // A broken labels file too.
    std::fs::remove_file(dir.path().join("document.md")).unwrap();
    std::fs::create_dir(dir.path().join("labels")).unwrap();
    std::fs::write(dir.path().join("labels/zh.json"), "{\n  \"doc\": ,\n}").unwrap();
    let o = planc(&["render", HOSTILE, "--format", "md", "--templates", d]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("zh.json:2:"), "{}", stderr(&o));
}

#[test]
fn lang_en_renders_english_labels() {
    let o = planc(&["render", FLAGSHIP, "--format", "md", "--lang", "en"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains("## 2. Organization and duties"),
        "{}",
        stdout(&o)
    );
}

// ───────────────────────────── prose structure ─────────────────────────────

/// A plan text keeps its structure in every format: a table written with `|` lines is
/// a table, a line ended on purpose (a signature above its date) keeps its break, and
/// lines the writer wrapped are joined with no stray space (issue 16, item 1).
#[test]
fn plan_text_keeps_its_tables_line_breaks_and_wrapping() {
    let md = text(FLAGSHIP, Format::Md, Lang::Zh);
    assert!(
        md.contains("\n| 报告时间 | 年　月　日　时　分 |"),
        "report form table"
    );
    assert!(md.contains("示例集团有限公司\\\n{日期}"), "signature break");
    assert!(md.contains("的要求，总部部门"), "wrapped principle");
    assert!(!md.contains("\\| 填报项目 \\|"), "pipes printed as text");

    let html = text(FLAGSHIP, Format::Html, Lang::Zh);
    assert!(html.contains("<td>报告时间</td><td>年　月　日　时　分</td>"));
    assert!(html.contains("示例集团有限公司<br>{日期}"));
    assert!(html.contains("的要求，总部部门"));

    let parts = unzip(&render_plan(FLAGSHIP, Format::Docx, Lang::Zh));
    let doc = &parts["word/document.xml"];
    let contact = doc.find(">集团党委书记、董事长<").expect("contact row");
    let table_start = doc[..contact].rfind("<w:tbl>").expect("in a table");
    assert!(
        !doc[table_start..contact].contains("</w:tbl>"),
        "contact row in a table"
    );
    // The statement templates sign with the company above the date, in one paragraph.
    let signed = doc
        .match_indices(">示例集团有限公司</w:t></w:r>")
        .any(|(at, _)| {
            let rest = &doc[at..];
            let para_end = rest.find("</w:p>").unwrap_or(rest.len());
            rest[..para_end].contains("<w:br/><w:t xml:space=\"preserve\">{日期}</w:t>")
        });
    assert!(
        signed,
        "the date under the signature, in the same paragraph"
    );
    let body = paragraphs(doc, Some("Normal")).join("\n");
    assert!(body.contains("的要求，总部部门"));
    assert!(!body.contains("一、{调查进展}二、"), "items run together");
}

// ───────────────────────────── each clause said once ─────────────────────────────

/// The sentences of a Markdown document's prose (not its tables, headings or charts),
/// each without the bold name that opens an item.
fn prose_sentences(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in md.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if fenced || line.starts_with('|') || line.starts_with('#') {
            continue;
        }
        let body = match line.find("**：").or_else(|| line.find("**: ")) {
            Some(at) => &line[at + "**".len()..],
            None => line,
        };
        let body = body.strip_suffix('\\').unwrap_or(body);
        out.extend(
            body.split(['。', '！', '？', '；'])
                .flat_map(|s| s.split(". "))
                .map(|s| s.trim().trim_start_matches(['：', ':']).trim().to_string())
                .filter(|s| sentence_length(s) >= 12),
        );
    }
    out
}

/// A sentence's length as a reader counts it: Chinese characters and Latin words.
fn sentence_length(s: &str) -> usize {
    let cjk = s.chars().filter(|c| *c as u32 >= 0x2E80).count();
    let words = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    cjk + words
}

/// Both bundled plans say each clause once: no sentence of 12 or more characters twice,
/// no two sections with the same title (issue 16, item 3).
#[test]
fn each_clause_is_said_once() {
    for (plan, lang) in [(FLAGSHIP, Lang::Zh), (ENGLISH, Lang::En)] {
        let md = text(plan, Format::Md, lang);
        let mut seen = std::collections::BTreeMap::new();
        for s in prose_sentences(&md) {
            *seen.entry(s).or_insert(0) += 1;
        }
        let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
        assert!(twice.is_empty(), "{plan}: said twice: {twice:#?}");

        let mut titles = std::collections::BTreeSet::new();
        for h in md
            .lines()
            .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        {
            let title = h.trim_start_matches('#').trim();
            let title = title
                .split_once(['、', '）', '　'])
                .map_or(title, |(_, rest)| rest)
                .trim();
            assert!(
                titles.insert(title.to_string()),
                "{plan}: two sections {title}"
            );
        }
    }
}

/// The 公文 elements of GB/T 9704 in the DOCX: no cover fields under the title (签发
/// named a role), the 附件说明 after the body, the 署名 above the 成文日期 with the date
/// two characters right of the organization, and the 版记 at the foot of the last page
/// (issue 16, item 2).
#[test]
fn docx_has_the_closing_elements_of_an_official_document() {
    let parts = unzip(&render_plan(FLAGSHIP, Format::Docx, Lang::Zh));
    let doc = &parts["word/document.xml"];
    assert!(
        !doc.contains("w:val=\"Meta\""),
        "cover fields under the title"
    );
    assert!(!doc.contains(">签发："), "签发 naming a role");
    let note = doc.find(">附件：<").expect("附件说明");
    let first_annex = doc.find("w:val=\"AnnexLabel\"").expect("annexes");
    let org = doc[note..].find(">示例集团有限公司<").expect("署名") + note;
    let date = doc[org..].find(">2026年3月16日<").expect("成文日期") + org;
    assert!(
        note < org && date < first_annex,
        "附件说明, 署名, 成文日期 before the annexes"
    );
    let indent = |at: usize| -> u32 {
        let p = &doc[doc[..at].rfind("<w:p>").unwrap()..at];
        let v = p.split("w:right=\"").nth(1).expect("a right indent");
        v.split('"').next().unwrap().parse().unwrap()
    };
    // 示例集团有限公司 is 8 characters, 2026年3月16日 6.5: the date two characters in,
    // the organization 2.5 — its first character two left of the date's.
    assert_eq!((indent(org), indent(date)), (787, 630));
    let colophon = doc.rfind("2026年3月16日印发").expect("版记");
    assert!(colophon > first_annex, "版记 after the annexes");
    let para = &doc[doc[..colophon].rfind("<w:p>").unwrap()..colophon];
    assert!(
        para.contains("w:yAlign=\"bottom\""),
        "版记 at the foot of the page"
    );
    assert!(
        para.contains("<w:top ") && para.contains("<w:bottom "),
        "版记 rules"
    );
}

/// 抄送机关 (`cc`) are printed in the 版记 above the 印发 line, in the same frame at the
/// foot of the last page, in every format; without `cc` there is no 抄送 line.
#[test]
fn copied_to_bodies_are_in_the_colophon() {
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FLAGSHIP))
        .unwrap()
        .replacen(
            "\n  basis ",
            "\n  cc \"国务院国资委新闻中心\"\n  cc \"集团各所属企业\"\n  basis ",
            1,
        );
    let c = planc::compile(planc::source::Source::new("cc.plan", source));
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let plan = c.plan.as_ref().unwrap();
    let out = |format| {
        let opts = Options {
            format,
            lang: Lang::Zh,
            templates: None,
        };
        render::render(plan, &opts).expect("renders")
    };
    let line = "抄送：国务院国资委新闻中心，集团各所属企业。";
    let doc = unzip(&out(Format::Docx))["word/document.xml"].clone();
    let at = doc.find(line).expect("抄送 in the DOCX");
    let para = &doc[doc[..at].rfind("<w:p>").unwrap()..];
    let para = &para[..para.find("</w:p>").unwrap()];
    assert!(para.contains("w:yAlign=\"bottom\"") && para.contains("2026年3月16日印发"));
    let html = String::from_utf8(out(Format::Html)).unwrap();
    assert!(html.contains(&format!("<div class=\"colophon cc\">{line}</div>")));
    let md = String::from_utf8(out(Format::Md)).unwrap();
    assert!(md.trim_end().ends_with(line), "{}", &md[md.len() - 200..]);
    let plain = unzip(&render_plan(FLAGSHIP, Format::Docx, Lang::Zh))["word/document.xml"].clone();
    assert!(!plain.contains("抄送"));
}

/// A plan with addressees (`to`) is issued by a 印发通知: its title, the 主送机关, the
/// sentence of issue, the 附件说明 naming the plan, the 署名 and 成文日期, then the plan
/// as its one annex, which signs nothing itself (GB/T 9704 §7.3). Without `to`, the plan
/// stands alone and signs at its end.
#[test]
fn addressees_make_a_cover_letter_with_the_plan_as_its_annex() {
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FLAGSHIP))
        .unwrap()
        .replacen(
            "\n  basis ",
            "\n  to \"集团各部门\"\n  to \"各所属企业\"\n  basis ",
            1,
        );
    let c = planc::compile(planc::source::Source::new("notice.plan", source));
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let plan = c.plan.as_ref().unwrap();
    let opts = Options {
        format: Format::Docx,
        lang: Lang::Zh,
        templates: None,
    };
    let doc = unzip(&render::render(plan, &opts).unwrap())["word/document.xml"].clone();
    let paras = paragraphs(&doc, None);
    let title = "示例集团有限公司网络舆情突发事件应急预案";
    // Each paragraph in turn, each after the one before.
    let mut from = 0;
    for p in [
        format!("关于印发《{title}》的通知"),
        "集团各部门，各所属企业：".to_string(),
        format!("现将《{title}》印发给你们，请结合实际认真贯彻执行。"),
        format!("附件：{title}"),
        "示例集团有限公司".to_string(),
        "2026年3月16日".to_string(),
        "附件".to_string(),
        title.to_string(),
        "一、总则".to_string(),
    ] {
        let i = (paras[from..].iter().position(|x| *x == p))
            .unwrap_or_else(|| panic!("no paragraph {p:?} after {:?}", &paras[..from]));
        from += i + 1;
    }
    // One 署名: the letter's; the plan after it signs nothing.
    let signed = paras.iter().filter(|p| *p == "2026年3月16日").count();
    assert_eq!(signed, 1, "the date is signed once");
    let plain = unzip(&render_plan(FLAGSHIP, Format::Docx, Lang::Zh))["word/document.xml"].clone();
    let plain = paragraphs(&plain, None);
    assert!(!plain.iter().any(|p| p.starts_with("关于印发")));
    assert!(
        plain.iter().any(|p| p == "2026年3月16日"),
        "a plan alone signs at its end"
    );
    // The same letter in HTML and Markdown.
    for format in [Format::Html, Format::Md] {
        let opts = Options {
            format,
            lang: Lang::Zh,
            templates: None,
        };
        let out = String::from_utf8(render::render(plan, &opts).unwrap()).unwrap();
        let letter = out.find("的通知").expect("the letter's title");
        let plan_title = out[letter..]
            .find(&format!("# {title}"))
            .or_else(|| out[letter..].find(&format!("<h1 class=\"title\">{title}")));
        assert!(
            plan_title.is_some(),
            "{format:?}: the plan follows the letter"
        );
        assert!(out.contains("集团各部门，各所属企业："), "{format:?}");
    }
}

/// An identifier (`communications_office`) is never printed in the English document's
/// prose or tables: a definition's title, or the name as words (issue 16, item 5).
/// The flow chart's boxes still print names (left for a later step).
#[test]
fn english_document_prints_no_identifiers() {
    let md = text(ENGLISH, Format::Md, Lang::En);
    let mut found = Vec::new();
    // The flow chart's boxes too (issue 16: `draft_holding_statement` in the chart).
    for line in md.lines() {
        let identifier = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
            w.contains('_') && w.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        };
        if line.split_whitespace().any(identifier) {
            found.push(line.to_string());
        }
    }
    assert!(found.is_empty(), "identifiers in prose: {found:#?}");
    // Headings in sentence case: a name made of an identifier starts with a capital.
    let lowercase: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with('#'))
        .filter(|l| {
            let title = l
                .trim_start_matches(['#', ' '])
                .trim_start_matches("Annex ")
                .trim_start_matches(|c: char| c.is_ascii_digit() || ".　 ".contains(c));
            title.starts_with(|c: char| c.is_ascii_lowercase())
        })
        .collect();
    assert!(
        lowercase.is_empty(),
        "headings not in sentence case: {lowercase:#?}"
    );
}

/// A level's colour is printed in the level table where its name does not say it
/// (issue 16, item 9); a level named after its colour is not told twice.
#[test]
fn level_table_prints_the_warning_colour() {
    let md = text(ENGLISH, Format::Md, Lang::En);
    assert!(md.contains("\n| critical (Red) | Level Ⅰ response |"));
    let zh = text(FLAGSHIP, Format::Md, Lang::Zh);
    assert!(zh.contains("\n| 红色 | Ⅰ级响应 |"));
}

/// `within immediately` prints as 立即 and `within as_needed` as 视情, in the task
/// tables, the reporting table and the flow chart; never as a number of minutes.
#[test]
fn immediate_and_open_time_limits_are_said_in_words() {
    let md = text(
        "tests/fixtures/parse/ok_deadlines.plan",
        Format::Md,
        Lang::Zh,
    );
    for cell in [
        "| 总指挥 | 上级 | 立即 |",
        "| 副总指挥 | 总指挥 | 视情 | 电话 |",
        "| 1 | 核实登记 | 宣传部 | 立即 |",
        "| 1 | 跟踪 | 网信部 | 视情 |",
        "核实登记<br/>宣传部 · 立即",
    ] {
        assert!(md.contains(cell), "{cell} not in:\n{md}");
    }
    assert!(!md.contains("10分钟"), "the bound of 立即 is not printed");
}

/// A time limit counted from another action, back from one, or in working days
/// prints as the whole phrase (接报登记后4小时内, 书面报告前1天, 5个工作日内), in the task
/// tables and the flow chart, in both languages.
#[test]
fn relative_and_working_day_limits_are_said_as_phrases() {
    let plan = "tests/fixtures/parse/ok_relative_deadlines.plan";
    let zh = text(plan, Format::Md, Lang::Zh);
    for cell in [
        "| 核实情况 | 宣传部 | 接报登记后4小时内 |",
        "| 立即核查 | 宣传部 | 接报登记后立即 |",
        "| 书面报告 | 宣传部 | 5个工作日内 |",
        "| 报送材料 | 宣传部 | 书面报告前1天 |",
        "核实情况<br/>宣传部 · 接报登记后4小时内",
    ] {
        assert!(zh.contains(cell), "{cell} not in:\n{zh}");
    }
    let en = text(plan, Format::Md, Lang::En);
    for cell in [
        "within 5 working days",
        "1 day before 书面报告",
        "immediately after 接报登记",
    ] {
        assert!(en.contains(cell), "{cell} not in:\n{en}");
    }
}

/// `owner A with B, C` prints as 由A牵头、B和C配合 in the owner column, and `declared_by A
/// or B` as "A或B" in the level table and the level's sentence, in both languages.
#[test]
fn joint_owners_and_alternative_declarers_are_said() {
    let plan = "tests/fixtures/parse/ok_joint_owners.plan";
    let zh = text(plan, Format::Md, Lang::Zh);
    for cell in [
        "| 联合处置 | 网信部牵头，法务部、业务部门配合 | 2小时内 |",
        "| 总指挥或上级主管部门 |",
        "由总指挥或上级主管部门宣布。",
    ] {
        assert!(zh.contains(cell), "{cell} not in:\n{zh}");
    }
    let en = text(plan, Format::Md, Lang::En);
    for cell in [
        "网信部 (lead), with 法务部, 业务部门",
        "Declared by the 总指挥 or 上级主管部门.",
    ] {
        assert!(en.contains(cell), "{cell} not in:\n{en}");
    }
}

/// Event grades apart from warning levels: the levels section gives the grades, highest
/// first, with the levels that answer each (two levels may share a grade), before the
/// level table, in Markdown, HTML and DOCX alike.
#[test]
fn event_grades_are_tabled_with_the_levels_that_answer_them() {
    let plan = "tests/fixtures/parse/ok_grades.plan";
    let md = text(plan, Format::Md, Lang::Zh);
    assert!(
        md.contains("事件分为3级，由高到低依次为特别重大、重大、一般"),
        "{md}"
    );
    assert!(
        md.contains("| 重大 | 造成系统长时间中断或局部瘫痪。 | 橙色、黄色 |"),
        "{md}"
    );
    assert!(md.find("| 事件级别 |") < md.find("| 预警级别 |"));
    let html = text(plan, Format::Html, Lang::Zh);
    assert!(html.contains("<td>橙色、黄色</td>"), "{html}");
    let en = text(plan, Format::Md, Lang::En);
    assert!(
        en.contains("| Event grade | Criteria | Warning levels |"),
        "{en}"
    );
}

/// A plan of the 网络安全 domain is written in that domain's words: the level section
/// speaks of 网络安全事件 (not 网络舆情) and the measurable criteria name its signals in
/// words, in both languages.
#[test]
fn a_domain_gives_its_words_to_the_document() {
    let plan = "plans/cyber-incident.plan";
    let zh = text(plan, Format::Md, Lang::Zh);
    assert!(zh.contains("根据网络安全事件的性质"), "{zh}");
    assert!(!zh.contains("网络舆情的性质"));
    assert!(zh.contains("受影响的重要网络和信息系统数≥50"), "{zh}");
    let en = text(plan, Format::Md, Lang::En);
    assert!(en.contains("important systems affected ≥ 50"), "{en}");
}

/// What the RACI annex and the contact annex say is not said again in the body: the
/// action tables name no one consulted or told, and a department's duties do not repeat
/// its head and stand-in, which the contact annex lists.
#[test]
fn annexes_own_the_consulted_the_informed_and_the_stand_ins() {
    let md = text(FLAGSHIP, Format::Md, Lang::Zh);
    let body = &md[..md.find("附件1\n").unwrap_or(md.len())];
    let rows: Vec<&str> = body.lines().filter(|l| l.starts_with("| ")).collect();
    assert!(
        !rows
            .iter()
            .any(|l| l.contains("事先征求") || l.contains("完成后告知")),
        "an action table says who is consulted or told"
    );
    assert!(body.contains("各项措施事先征求意见和事后告知的部门见附件1"));
    assert!(
        !body.contains("负责人为宣传部部长"),
        "a head is said in the duties"
    );
    // The contact annex still lists the head and the stand-in.
    assert!(md.matches("宣传部部长").count() >= 1);
}

/// The grades table of a plan with `grade` blocks is fitted like every other table (its
/// first column was left to the browser and squeezed).
#[test]
fn html_grades_table_has_fitted_columns() {
    let html = text("plans/cyber-incident.plan", Format::Html, Lang::Zh);
    assert!(
        html.contains(r#"<table class="grid grades"><colgroup><col style="width: "#),
        "the grades table has no fitted columns"
    );
}
