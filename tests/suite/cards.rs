//! `planc cards`: the card of every post of the bundled plans (snapshots), an action
//! moved to another owner moving between cards, every line of a card traced to the
//! plan and the document, the DOCX schema-valid and printed by LibreOffice, and the
//! command's refusals.

use crate::common::{code, planc, stderr, stdout};
use crate::consumers::{skip, tool};
use planc::cards::{self, Filter};
use planc::wording::Lang;
use std::path::Path;

const PLANS: [&str; 3] = [
    "plans/soe-online-opinion.plan",
    "plans/university-crisis-comms.plan",
    "plans/cyber-incident.plan",
];

/// `planc cards PLAN ARGS… -o OUT`, which must succeed.
fn write_cards(plan: &Path, args: &[&str], out: &Path) {
    let mut all = vec!["cards", plan.to_str().unwrap()];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let o = planc(&all);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

/// LibreOffice prints each document to a PDF of the same stem in `dir`.
fn soffice_pdf(dir: &Path, docs: &[&Path]) {
    let o = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(docs)
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Each card's title as printed: 应急处置卡：总指挥.
fn titles(deck: &cards::Deck, t: &planc::wording::Words) -> Vec<String> {
    (deck.cards.iter())
        .map(|c| {
            format!(
                "{}{}{}",
                t.get("cards.title"),
                t.get("cards.colon"),
                c.title
            )
        })
        .collect()
}

/// What `pdfinfo` says of a PDF.
fn pdfinfo(pdf: &Path) -> String {
    let o = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo");
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn compile(path: &str) -> planc::Compilation {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&p).expect("the plan");
    let c = planc::compile(planc::source::Source::new(path, text));
    assert!(!c.has_errors(), "{path}");
    c
}

fn md(plan: &planc::model::Plan, lang: Lang, filter: &Filter) -> String {
    let deck = cards::deck(plan, lang, filter).expect("cards");
    let bytes = cards::render::document(&deck, None, "md", lang, None).expect("md");
    String::from_utf8(bytes).unwrap()
}

#[test]
fn the_card_of_every_post() {
    for path in PLANS {
        let c = compile(path);
        let plan = c.plan.as_ref().unwrap();
        let lang = c.lang();
        let deck = cards::deck(plan, lang, &Filter::default()).unwrap();
        assert!(deck.cards.len() >= 5, "{path}: {} cards", deck.cards.len());
        let stem = Path::new(path).file_stem().unwrap().to_str().unwrap();
        for card in &deck.cards {
            let one = Filter {
                post: Some(card.name.clone()),
                ..Filter::default()
            };
            insta::assert_snapshot!(format!("cards@{stem}@{}", card.name), md(plan, lang, &one));
        }
    }
}

#[test]
fn an_action_given_to_another_owner_moves_between_cards() {
    let c = compile(PLANS[0]);
    let mut plan = c.plan.clone().unwrap();
    let lead_of = |plan: &planc::model::Plan, post: &str| -> Vec<String> {
        let deck = cards::deck(plan, Lang::Zh, &Filter::default()).unwrap();
        let card = deck.cards.iter().find(|c| c.name == post);
        card.map(|c| {
            (c.situations.iter().flat_map(|s| &s.steps))
                .filter(|s| s.part == "lead")
                .map(|s| s.action.clone())
                .collect()
        })
        .unwrap_or_default()
    };
    assert!(lead_of(&plan, "宣传部").contains(&"首次回应".to_string()));
    assert!(!lead_of(&plan, "网信部").contains(&"首次回应".to_string()));
    let before = lead_of(&plan, "宣传部").len();
    for a in plan
        .actions
        .iter_mut()
        .filter(|a| a.name.value == "首次回应")
    {
        a.owner.as_mut().unwrap().value = "网信部".into();
    }
    assert!(!lead_of(&plan, "宣传部").contains(&"首次回应".to_string()));
    assert!(lead_of(&plan, "网信部").contains(&"首次回应".to_string()));
    assert!(lead_of(&plan, "宣传部").len() < before);
    let changed = cards::changed(c.plan.as_ref().unwrap(), &plan, Lang::Zh);
    assert!(changed.contains(&"宣传部".to_string()), "{changed:?}");
    assert!(changed.contains(&"网信部".to_string()), "{changed:?}");
    // 法务部 is consulted on it: its card names the new lead, and is reprinted too;
    // 纪检监察部 has no part in it.
    assert!(changed.contains(&"法务部".to_string()), "{changed:?}");
    assert!(!changed.contains(&"纪检监察部".to_string()), "{changed:?}");
}

#[test]
fn every_line_traces_to_the_plan_and_its_section() {
    for path in PLANS {
        let c = compile(path);
        let plan = c.plan.as_ref().unwrap();
        let titles = planc::model::display::Titles::of(plan);
        let said: Vec<String> = plan
            .actions
            .iter()
            .map(|a| titles.said(&a.name.value))
            .collect();
        let doc = planc::render::render(
            plan,
            &planc::render::Options {
                format: planc::render::Format::Md,
                lang: Lang::Zh,
                templates: None,
            },
        )
        .unwrap();
        let doc = String::from_utf8(doc).unwrap();
        let deck = cards::deck(plan, Lang::Zh, &Filter::default()).unwrap();
        for card in &deck.cards {
            for s in &card.situations {
                assert!(!s.section.is_empty(), "{path}: {} {}", card.name, s.heading);
                // The section cited begins with a chapter heading of the document.
                let chapter = s.section.split('（').next().unwrap();
                assert!(
                    doc.contains(chapter),
                    "{path}: {chapter} is not in the document"
                );
                for st in &s.steps {
                    assert!(said.contains(&st.action), "{path}: {}", st.action);
                    assert!(!st.time.is_empty(), "{path}: {}", st.action);
                }
            }
        }
    }
}

#[test]
fn the_docx_is_schema_valid_and_prints() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut written = Vec::new();
    for (i, path) in PLANS.iter().enumerate() {
        for size in ["a5", "a6"] {
            let out = dir.path().join(format!("cards{i}-{size}.docx"));
            write_cards(
                &root.join(path),
                &["--format", "docx", "--size", size],
                &out,
            );
            written.push(out);
        }
    }
    if tool("xmllint").is_none() {
        skip("the cards' DOCX schema validation", "xmllint");
    } else {
        let bad: Vec<String> = written
            .iter()
            .flat_map(|d| crate::ooxml::invalid_parts(d))
            .collect();
        assert!(bad.is_empty(), "{bad:#?}");
    }
    if tool("soffice").is_none() {
        return skip("the cards in LibreOffice", "soffice");
    }
    soffice_pdf(dir.path(), &[&written[0]]);
    let info = pdfinfo(&dir.path().join("cards0-a5.pdf"));
    // 148 × 210 mm is 419.5 × 595.3 pt.
    assert!(info.contains("419.") && info.contains("595."), "{info}");
}

#[test]
fn the_command_refuses_an_unknown_post_with_the_nearest_one() {
    let o = planc(&["cards", PLANS[0], "--post", "宣传处", "--lang", "zh"]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("宣传处") && err.contains("宣传部"), "{err}");
    let o = planc(&["cards", PLANS[0], "--level", "紫色"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("红色"), "{}", stderr(&o));
    let o = planc(&[
        "cards",
        PLANS[0],
        "--post",
        "宣传部",
        "--level",
        "红色",
        "--format",
        "html",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.contains("@page { size: A5"), "{html}");
    assert_eq!(html.matches("<section class=\"card\"").count(), 1);
}

#[test]
fn build_writes_the_cards_and_plan_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let o = planc(&["build", PLANS[0], "-o", dir.path().to_str().unwrap()]);
    assert!(code(&o) <= 1, "{}", stderr(&o));
    for f in ["cards.md", "cards.html", "cards.docx"] {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
    let md = std::fs::read_to_string(dir.path().join("cards.md")).unwrap();
    assert!(md.matches("# 应急处置卡").count() >= 10, "{md}");
    // Markup in a plan's names reads as written, never as markup.
    let o = planc(&[
        "cards",
        "tests/fixtures/render/hostile.plan",
        "--format",
        "html",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stdout(&o).contains("<script"), "{}", stdout(&o));
}

#[test]
fn diff_names_the_cards_to_reprint() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(PLANS[0])).unwrap();
    let new = dir.path().join("new.plan");
    // The first action 宣传部 leads goes to 网信部.
    std::fs::write(
        &new,
        text.replacen("    owner 宣传部", "    owner 网信部", 1),
    )
    .unwrap();
    let new = new.to_str().unwrap();
    let o = planc(&["diff", PLANS[0], new, "--lang", "zh"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.starts_with("需重印的处置卡"))
        .expect(&out);
    assert!(line.contains("宣传部") && line.contains("网信部"), "{line}");
    assert!(!line.contains("纪检监察部"), "{line}");
    let o = planc(&["diff", PLANS[0], new, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let cards = v["cards_to_reprint"].as_array().expect("the cards");
    assert!(cards.iter().any(|c| c == "网信部"), "{v}");
    // The same plan twice: nothing to reprint.
    let o = planc(&["diff", PLANS[0], PLANS[0], "--format", "md"]);
    assert!(!stdout(&o).contains("需重印"), "{}", stdout(&o));
}

#[test]
fn the_handbook_binds_the_cards_with_levels_reporting_and_contacts() {
    let c = compile(PLANS[0]);
    let plan = c.plan.as_ref().unwrap();
    let deck = cards::deck(plan, Lang::Zh, &Filter::default()).unwrap();
    let hb = cards::handbook(plan, Lang::Zh);
    assert_eq!(hb.levels.len(), plan.levels.len());
    assert!(!hb.reporting.is_empty() && !hb.contacts.is_empty());
    let bytes = cards::render::document(&deck, Some(&hb), "md", Lang::Zh, None).unwrap();
    let md = String::from_utf8(bytes).unwrap();
    let contents = md.find("## 目录").expect("a table of contents");
    for part in [
        "## 一、分级标准",
        "## 二、报告关系",
        "## 三、应急处置卡",
        "## 四、联络表",
    ] {
        let at = md.find(part).unwrap_or_else(|| panic!("{part}"));
        assert!(at > contents, "{part}");
    }
    // Every card is in it, after its part's heading and before the contact list.
    let (cards_at, contacts_at) = (
        md.find("## 三、应急处置卡").unwrap(),
        md.find("## 四、联络表").unwrap(),
    );
    for card in &deck.cards {
        let heading = format!("### 应急处置卡：{}\n", card.title);
        let at = md.find(&heading).unwrap_or_else(|| panic!("{heading}"));
        assert!(cards_at < at && at < contacts_at, "{heading}");
    }
    // The DOCX handbook is schema-valid.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("handbook.docx");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    write_cards(
        &root.join(PLANS[0]),
        &["--handbook", "--format", "docx"],
        &out,
    );
    if tool("xmllint").is_some() {
        let bad = crate::ooxml::invalid_parts(&out);
        assert!(bad.is_empty(), "{bad:#?}");
    }
}

#[test]
fn the_forms_come_from_the_plan() {
    let c = compile(PLANS[0]);
    let plan = c.plan.as_ref().unwrap();
    let f = cards::forms::forms(plan, Lang::Zh);
    // The flagship's own report form (its annex 舆情信息报告单), row by row.
    assert_eq!(f.report.title, "舆情信息报告单");
    assert!(
        f.report
            .fields
            .iter()
            .any(|x| x.label.starts_with("舆情来源")),
        "{:?}",
        f.report
    );
    assert!(
        f.report.fields.iter().all(|x| x.label != "填报项目"),
        "the header row is not a field"
    );
    // A warning notice per level, its issuer the level's declarer.
    assert_eq!(f.warnings.len(), plan.levels.len());
    let red = &f.warnings[0];
    let issuer = red.fields.last().unwrap();
    assert_eq!(issuer.value, "总指挥");
    // The follow-up form carries the plan's cadences.
    assert!(
        f.follow_up
            .fields
            .iter()
            .any(|x| x.label.contains("续报") && x.value.contains("2小时")),
        "{:?}",
        f.follow_up
    );
    // Each statement template with its blanks.
    assert_eq!(f.statements.len(), plan.templates.len());
    assert!(f.statements[0].blanks.contains(&"{事件简称}".to_string()));
    // A plan without its own report form gets the fields every first report carries.
    let cyber = compile(PLANS[2]);
    let g = cards::forms::forms(cyber.plan.as_ref().unwrap(), Lang::Zh);
    assert!(g.report.title.contains("网络安全"), "{}", g.report.title);
    assert!(g.report.fields.len() >= 6);
    // … and a row for each figure its levels are graded by (R0007 holds a plan's own
    // form to the same).
    for want in ["受影响的重要网络和信息系统数", "泄露或被窃取的个人信息条数"]
    {
        assert!(
            g.report.fields.iter().any(|x| x.label == want),
            "{want}: {:?}",
            g.report
        );
    }
    // An account gets room for the hand; a name or a time one line.
    let lines = |label: &str| {
        (f.report.fields.iter())
            .find(|x| x.label == label)
            .map(|x| x.lines)
    };
    assert_eq!(lines("主要内容"), Some(3));
    assert_eq!(lines("报告时间"), Some(1));
    // Every format; the DOCX schema-valid.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("forms.docx");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan_path = root.join(PLANS[0]);
    for fmt in ["md", "html"] {
        let o = planc(&[
            "cards",
            plan_path.to_str().unwrap(),
            "--forms",
            "--format",
            fmt,
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stdout(&o).contains("预警信息发布单"), "{fmt}");
    }
    write_cards(&plan_path, &["--forms", "--format", "docx"], &out);
    if tool("xmllint").is_some() {
        let bad = crate::ooxml::invalid_parts(&out);
        assert!(bad.is_empty(), "{bad:#?}");
    }
    // Every blank is a content control to fill in on screen, named by its row.
    let parts = crate::common::docx::unzip(&std::fs::read(&out).unwrap());
    let xml = &parts["word/document.xml"];
    let blanks = (std::iter::once(&f.report)
        .chain(&f.warnings)
        .chain([&f.follow_up]))
    .flat_map(|f| &f.fields)
    .filter(|x| x.value.is_empty())
    .count();
    assert_eq!(xml.matches("<w:sdt>").count(), blanks);
    assert!(xml.contains("<w:alias w:val=\"主要内容\"/>"));
    // LibreOffice prints each form on a page of its own: the report form, a warning
    // notice per level, the follow-up form, then a page per statement template.
    if tool("soffice").is_some() && tool("pdfinfo").is_some() {
        soffice_pdf(dir.path(), &[&out]);
        let info = pdfinfo(&dir.path().join("forms.pdf"));
        let pages = 2 + f.warnings.len() + f.statements.len();
        assert!(
            info.contains(&format!("Pages:           {pages}\n")),
            "{pages} pages: {info}"
        );
    }
    let o = planc(&[
        "cards",
        plan_path.to_str().unwrap(),
        "--forms",
        "--post",
        "宣传部",
    ]);
    assert_eq!(code(&o), 2, "--forms makes no card of a post");
}

/// Chromium prints the HTML cards on A5 pages, about as many as LibreOffice prints the
/// DOCX (within a fifth: the two lay tables out differently).
#[test]
fn the_html_cards_print_on_a5_in_chromium() {
    let Some(chromium) = tool("chromium") else {
        return skip("the cards printed by Chromium", "chromium");
    };
    if tool("soffice").is_none() || tool("pdfinfo").is_none() {
        return skip("the cards printed by Chromium", "soffice/pdfinfo");
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan = root.join(PLANS[0]);
    let (html, docx) = (dir.path().join("c.html"), dir.path().join("c.docx"));
    for (fmt, out) in [("html", &html), ("docx", &docx)] {
        write_cards(&plan, &["--format", fmt], out);
    }
    let pdf = dir.path().join("c-html.pdf");
    let o = crate::consumers::chromium_print(&chromium, &html, &pdf, &dir.path().join("profile"));
    assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&o.stderr));
    soffice_pdf(dir.path(), &[&docx]);
    let info = pdfinfo;
    let pages = |text: &str| -> f64 {
        let line = text.lines().find(|l| l.starts_with("Pages:")).unwrap();
        line.split_whitespace().last().unwrap().parse().unwrap()
    };
    let (h, d) = (info(&pdf), info(&dir.path().join("c.pdf")));
    assert!(
        h.contains("420 x 594.96") || h.contains("419.5"),
        "an A5 page: {h}"
    );
    let ratio = pages(&h) / pages(&d);
    assert!(
        (0.8..=1.2).contains(&ratio),
        "HTML {} pages, DOCX {} pages",
        pages(&h),
        pages(&d)
    );
}

/// Where each card's text ends on its pages, as a share of the text block: one entry
/// per card (found by its title), the pages it takes and how far down its last page
/// its last line reaches.
fn printed(pdf: &Path, titles: &[String], margin_pt: f64) -> Vec<(usize, f64)> {
    let o = std::process::Command::new("pdftotext")
        .args(["-bbox-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let xml = String::from_utf8_lossy(&o.stdout);
    // Per page: its height, its text and the lowest line's bottom.
    let mut pages: Vec<(f64, String, f64)> = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let attr = |text: &str, name: &str| -> f64 {
            let at = text.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            text[at..].split('"').next().unwrap().parse().unwrap()
        };
        let height = attr(page, "height");
        let mut bottom: f64 = 0.0;
        let mut text = String::new();
        for line in page.split("<line ").skip(1) {
            bottom = bottom.max(attr(line, "yMax"));
            for w in line.split("<word ").skip(1) {
                let w = w
                    .split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("");
                text.push_str(w);
            }
            text.push('\n');
        }
        pages.push((height, text, bottom));
    }
    let starts: Vec<usize> = (titles.iter())
        .map(|t| {
            let t: String = t.split_whitespace().collect();
            (pages.iter())
                .position(|p| p.1.split_whitespace().collect::<String>().contains(&t))
                .unwrap_or_else(|| panic!("{t} is printed"))
        })
        .collect();
    (starts.iter().enumerate())
        .map(|(i, &at)| {
            let end = starts.get(i + 1).copied().unwrap_or(pages.len());
            let (height, _, bottom) = &pages[end - 1];
            let share = (bottom - margin_pt) * 100.0 / (height - 2.0 * margin_pt);
            (end - at, share)
        })
        .collect()
}

/// Every card of the bundled plans is printed on one page by LibreOffice and by
/// Chromium, and the checker's estimate (A0026) agrees with both: a card it puts
/// under 97 % of a page fits, one over 103 % spills, and on one page the estimate is
/// within 8 points of where the printed text ends.
#[test]
fn every_card_is_one_page_as_the_checker_measures() {
    let Some(chromium) = tool("chromium") else {
        return skip("the cards' pages", "chromium");
    };
    if tool("soffice").is_none() || tool("pdftotext").is_none() {
        return skip("the cards' pages", "soffice/pdftotext");
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    for (i, path) in PLANS.iter().enumerate() {
        for fmt in ["docx", "html"] {
            let out = dir.path().join(format!("c{i}.{fmt}"));
            write_cards(&root.join(path), &["--format", fmt], &out);
            if fmt == "html" {
                let pdf = dir.path().join(format!("c{i}-html.pdf"));
                let o = crate::consumers::chromium_print(
                    &chromium,
                    &out,
                    &pdf,
                    &dir.path().join("profile"),
                );
                assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&o.stderr));
            } else {
                docs.push(out);
            }
        }
    }
    let docs: Vec<&Path> = docs.iter().map(|d| d.as_path()).collect();
    soffice_pdf(dir.path(), &docs);
    let (mut report, mut bad) = (Vec::new(), Vec::new());
    for (i, path) in PLANS.iter().enumerate() {
        let c = compile(path);
        let plan = c.plan.as_ref().unwrap();
        let lang = c.lang();
        let deck = cards::deck(plan, lang, &Filter::default()).unwrap();
        let t = cards::words(plan, lang);
        let titles = titles(&deck, &t);
        let margin = f64::from(deck.cards[0].sheet.as_ref().unwrap().layout.margin) / 20.0;
        for pdf in [format!("c{i}.pdf"), format!("c{i}-html.pdf")] {
            let pages = printed(&dir.path().join(&pdf), &titles, margin);
            for (card, (n, real)) in deck.cards.iter().zip(pages) {
                let est = card.sheet.as_ref().unwrap().share(card, &deck.source, &t);
                let line = format!(
                    "{path} {pdf} {}: {n} page(s), printed to {real:.0} %, estimated {est:.0} %",
                    card.name
                );
                if n != 1 || est >= 103.0 || (est - real).abs() > 8.0 {
                    bad.push(line.clone());
                }
                report.push(line);
            }
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(bad.is_empty(), "{bad:#?}");
}

/// Each title's page and horizontal centre in a PDF, from `pdftotext -bbox`: the words
/// of one line joined until they spell the title.
fn title_places(pdf: &Path, titles: &[String]) -> Vec<(usize, f64)> {
    let o = std::process::Command::new("pdftotext")
        .args(["-bbox-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let xml = String::from_utf8_lossy(&o.stdout);
    let attr = |text: &str, name: &str| -> f64 {
        let at = text.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        text[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut found = Vec::new();
    for (p, page) in xml.split("<page ").skip(1).enumerate() {
        for line in page.split("<line ").skip(1) {
            let words: String = (line.split("<word ").skip(1))
                .filter_map(|w| w.split('>').nth(1)?.split('<').next())
                .collect();
            if titles.contains(&words) {
                found.push((p, (attr(line, "xMin") + attr(line, "xMax")) / 2.0));
            }
        }
    }
    found
}

/// `--impose` puts two A5 cards side by side on each A4 sheet, in DOCX (two columns,
/// the separator the cut line) as printed by LibreOffice and in HTML as printed by
/// Chromium: landscape A4, the cards in order, one in each half; the markdown and A6
/// pocket cards are refused with what to do instead.
#[test]
fn imposed_cards_put_two_a5_pages_on_each_a4_sheet() {
    for args in [
        &["--impose"][..],
        &["--impose", "--size", "a6", "--format", "html"],
    ] {
        let mut all = vec!["cards", PLANS[0]];
        all.extend_from_slice(args);
        let o = planc(&all);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(stderr(&o).contains("--impose"), "{}", stderr(&o));
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan = root.join(PLANS[0]);
    let (html, docx) = (dir.path().join("a4.html"), dir.path().join("a4.docx"));
    for (fmt, out) in [("html", &html), ("docx", &docx)] {
        let o = planc(&[
            "cards",
            plan.to_str().unwrap(),
            "--impose",
            "--format",
            fmt,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(stderr(&o), "", "no card of the flagship is cut off");
    }
    // A card too long for its half of the sheet is named on stderr.
    let long = root.join("tests/fixtures/check/err_A0026_card_too_long.plan");
    let out = dir.path().join("long.html");
    let o = planc(&[
        "cards",
        long.to_str().unwrap(),
        "--impose",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("宣传部") && stderr(&o).contains("A0026"),
        "{}",
        stderr(&o)
    );
    if tool("xmllint").is_some() {
        let bad = crate::ooxml::invalid_parts(&docx);
        assert!(bad.is_empty(), "{bad:#?}");
    }
    let Some(chromium) = tool("chromium") else {
        return skip("the imposed cards' sheets", "chromium");
    };
    if tool("soffice").is_none() || tool("pdftotext").is_none() {
        return skip("the imposed cards' sheets", "soffice/pdftotext");
    }
    let html_pdf = dir.path().join("a4-html.pdf");
    let o = crate::consumers::chromium_print(&chromium, &html, &html_pdf, &dir.path().join("p"));
    assert!(html_pdf.is_file(), "{}", String::from_utf8_lossy(&o.stderr));
    soffice_pdf(dir.path(), &[&docx]);
    let c = compile(PLANS[0]);
    let plan = c.plan.as_ref().unwrap();
    let deck = cards::deck(plan, c.lang(), &Filter::default()).unwrap();
    let titles = titles(&deck, &cards::words(plan, c.lang()));
    for pdf in [dir.path().join("a4.pdf"), html_pdf] {
        let info = pdfinfo(&pdf);
        // A4 landscape: 841.9 × 595.3 pt.
        let size: Vec<f64> = (info.lines())
            .find(|l| l.starts_with("Page size:"))
            .map(|l| {
                l.split_whitespace()
                    .filter_map(|w| w.parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        let a4 = size.len() == 2 && (size[0] - 841.9).abs() < 1.0 && (size[1] - 595.3).abs() < 1.0;
        assert!(a4, "{info}");
        let places = title_places(&pdf, &titles);
        assert_eq!(
            places.len(),
            titles.len(),
            "{pdf:?}: every title once: {places:?}"
        );
        for (i, (page, x)) in places.iter().enumerate() {
            assert_eq!(
                *page,
                i / 2,
                "{pdf:?}: {} on sheet {}",
                titles[i],
                i / 2 + 1
            );
            // The A5 halves are centred at 210.5 and 631.4 pt.
            let centre = if i % 2 == 0 { 210.5 } else { 631.4 };
            assert!(
                (x - centre).abs() < 15.0,
                "{pdf:?}: {} centred at {x}",
                titles[i]
            );
        }
    }
}
