//! Page images of the printed documents. Both bundled plans, in Chinese and in English,
//! are printed the way a reader prints them — the DOCX by LibreOffice, the HTML by
//! headless Chromium — and every page is rasterised (`pdftoppm -r 30 -gray`, one PGM
//! image a page) and looked at:
//!
//! - a page has ink inside the text block (an empty page, or one with only its page
//!   number, fails);
//! - nothing is inked in the left or right margin outside the GB/T 9704 text block (A4,
//!   left margin 28 mm, right 26 mm) beyond a small tolerance: a table or a chart wider
//!   than the text block fails. The page numbers sit inside the text block horizontally
//!   (one character in from its edge), the masthead rule and the 版记 rules span it;
//! - the HTML prints within 10 % of the DOCX's page count.
//!
//! Each document is converted once and its images serve every assertion; every failure is
//! collected and reported with the plan, the language, the format and the page.
//! The tools are those of `consumers` (SKIP when missing, a failure in CI).

use crate::common;
use crate::consumers::{skip, tool};

use std::path::{Path, PathBuf};
use std::process::Command;

const PLANS: [&str; 2] = [
    "plans/soe-online-opinion.plan",
    "plans/university-crisis-comms.plan",
];
const LANGS: [&str; 2] = ["zh", "en"];

/// The resolution of the page images, in dots per inch.
const DPI: f64 = 30.0;
/// A4 and the GB/T 9704 text block, in millimetres from the top left corner of the page.
const PAGE_W: f64 = 210.0;
const PAGE_H: f64 = 297.0;
const BLOCK_LEFT: f64 = 28.0;
const BLOCK_RIGHT: f64 = PAGE_W - 26.0;
const BLOCK_TOP: f64 = 37.0;
const BLOCK_BOTTOM: f64 = PAGE_H - 35.0;
/// The masthead's top below the top of the text block (GB/T 9704 §7.2.1).
const MASTHEAD_DROP: f64 = 35.0;
/// How far ink may stray past the text block's left or right edge: a rule drawn on the
/// edge, anti-aliased, darkens the pixel column beside it (one pixel is 0.85 mm at 30 dpi).
const MARGIN_TOLERANCE: f64 = 1.5;
/// A pixel at least this dark (0 black, 255 white) is ink.
const INK: u8 = 160;
/// A page with fewer ink pixels than this inside its text block is blank.
const MIN_INK: usize = 20;
/// Ink pixels allowed in the margins of a page (a speck, never a table's edge).
const MAX_MARGIN_INK: usize = 2;
/// The HTML's page count may differ from the DOCX's by this fraction of it.
const PAGE_COUNT_TOLERANCE: f64 = 0.10;

/// A greyscale image: `pdftoppm -gray` writes binary PGM (P5), 8 bits a pixel.
struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Gray {
    fn parse(bytes: &[u8]) -> Result<Gray, String> {
        // The header is four tokens — P5, width, height, maximum value — separated by
        // white space (with `#` comments), then one white-space byte and the pixels.
        let mut fields = Vec::new();
        let mut i = 0;
        while fields.len() < 4 {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if bytes.get(i) == Some(&b'#') {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if start == i {
                return Err("the PGM header ends early".into());
            }
            fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
        }
        if fields[0] != "P5" {
            return Err(format!("not a binary PGM (P5) but `{}`", fields[0]));
        }
        let number = |s: &str| s.parse::<usize>().map_err(|e| format!("`{s}`: {e}"));
        let (width, height, max) = (
            number(&fields[1])?,
            number(&fields[2])?,
            number(&fields[3])?,
        );
        if max != 255 {
            return Err(format!("maximum grey value {max}, expected 255"));
        }
        let pixels = bytes.get(i + 1..).unwrap_or_default();
        if pixels.len() != width * height {
            return Err(format!(
                "{} bytes of pixels for {width}×{height}",
                pixels.len()
            ));
        }
        Ok(Gray {
            width,
            height,
            pixels: pixels.to_vec(),
        })
    }

    fn at(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// The pixel column or row at a distance from the page's left or top edge.
    fn px(mm: f64) -> usize {
        (mm / 25.4 * DPI).round() as usize
    }

    fn mm(px: usize) -> f64 {
        px as f64 * 25.4 / DPI
    }

    /// The ink pixels inside a rectangle (pixel bounds, half open).
    fn ink(&self, xs: std::ops::Range<usize>, ys: std::ops::Range<usize>) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for y in ys.start..ys.end.min(self.height) {
            for x in xs.start..xs.end.min(self.width) {
                if self.at(x, y) < INK {
                    found.push((x, y));
                }
            }
        }
        found
    }
}

/// What is wrong with one page image, if anything.
fn look_at(page: &Gray) -> Vec<String> {
    let mut wrong = Vec::new();
    let (w, h) = (page.width, page.height);
    // A4 at 30 dpi is 248 × 351 pixels; another size means another paper or resolution.
    if w.abs_diff(Gray::px(PAGE_W)) > 2 || h.abs_diff(Gray::px(PAGE_H)) > 2 {
        wrong.push(format!("the page is {w}×{h} pixels, not A4 at {DPI} dpi"));
        return wrong;
    }
    let inside = page.ink(
        Gray::px(BLOCK_LEFT)..Gray::px(BLOCK_RIGHT),
        Gray::px(BLOCK_TOP)..Gray::px(BLOCK_BOTTOM),
    );
    if inside.len() < MIN_INK {
        wrong.push(format!(
            "the page is blank: {} ink pixels inside the text block",
            inside.len()
        ));
    }
    let left_edge = Gray::px(BLOCK_LEFT - MARGIN_TOLERANCE);
    let right_edge = Gray::px(BLOCK_RIGHT + MARGIN_TOLERANCE) + 1;
    for (side, ink) in [
        ("left", page.ink(0..left_edge, 0..h)),
        ("right", page.ink(right_edge..w, 0..h)),
    ] {
        if ink.len() > MAX_MARGIN_INK {
            let xs = ink.iter().map(|p| p.0);
            let ys = ink.iter().map(|p| p.1);
            let (x0, x1) = (xs.clone().min().unwrap(), xs.max().unwrap());
            let (y0, y1) = (ys.clone().min().unwrap(), ys.max().unwrap());
            wrong.push(format!(
                "ink in the {side} margin, outside the text block ({BLOCK_LEFT}–{BLOCK_RIGHT} mm \
                 from the left edge): {} pixels at {:.0}–{:.0} mm across, {:.0}–{:.0} mm down \
                 (a table or chart wider than the text block?)",
                ink.len(),
                Gray::mm(x0),
                Gray::mm(x1 + 1),
                Gray::mm(y0),
                Gray::mm(y1 + 1),
            ));
        }
    }
    wrong
}

/// Rasterises a PDF, one greyscale image a page, in page order.
fn pages(pdf: &Path) -> Vec<Gray> {
    let dir = pdf.with_extension("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let o = Command::new("pdftoppm")
        .args(["-r", &DPI.to_string(), "-gray"])
        .arg(pdf)
        .arg(dir.join("p"))
        .output()
        .expect("pdftoppm runs");
    assert!(
        o.status.success(),
        "pdftoppm failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    // p-1.pgm … or p-01.pgm …: the number is padded to the width of the page count.
    let mut files: Vec<(usize, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let n = p.file_stem()?.to_str()?.strip_prefix("p-")?.parse().ok()?;
            Some((n, p))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|(n, p)| {
            Gray::parse(&std::fs::read(p).unwrap())
                .unwrap_or_else(|e| panic!("page {n} of {}: {e}", pdf.display()))
        })
        .collect()
}

fn fonts_conf() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/consumers/fonts.conf")
}

fn render(plan: &str, lang: &str, format: &str, out: &Path) {
    let o = common::planc(&[
        "render",
        plan,
        "--format",
        format,
        "--lang",
        lang,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(common::code(&o), 0, "{}", common::stderr(&o));
}

/// One document: a plan in a language, its DOCX and HTML, and their PDFs once printed.
struct Doc {
    plan: &'static str,
    lang: &'static str,
    docx: PathBuf,
    html: PathBuf,
}

impl Doc {
    fn pdf(path: &Path) -> PathBuf {
        path.with_extension(format!(
            "{}.pdf",
            path.extension().unwrap().to_string_lossy()
        ))
    }
}

/// LibreOffice prints every DOCX in one run (one start-up); the PDFs take the DOCX's name.
/// `blank_pages`: the PDF keeps the blank pages LibreOffice inserts (before an even-page
/// section), as a printer prints them; otherwise they are left out, as LibreOffice does
/// by default.
fn print_docx(docs: &[Doc], dir: &Path, blank_pages: bool) {
    let out = dir.join("lo");
    let filter = if blank_pages {
        r#"pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}"#
    } else {
        "pdf"
    };
    let o = Command::new("soffice")
        .env("FONTCONFIG_FILE", fonts_conf())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(&out)
        .args(docs.iter().map(|d| &d.docx))
        .output()
        .expect("soffice runs");
    for d in docs {
        let pdf = out.join(d.docx.file_stem().unwrap()).with_extension("pdf");
        assert!(
            o.status.success() && pdf.is_file(),
            "LibreOffice could not print the DOCX of {} ({}): {}",
            d.plan,
            d.lang,
            String::from_utf8_lossy(&o.stderr)
        );
        std::fs::rename(&pdf, Doc::pdf(&d.docx)).unwrap();
    }
}

fn print_html(chromium: &Path, doc: &Doc, dir: &Path) {
    let pdf = Doc::pdf(&doc.html);
    let profile = tempfile::tempdir_in(dir).unwrap();
    let o = crate::consumers::chromium_print(chromium, &doc.html, &pdf, profile.path());
    assert!(
        pdf.is_file(),
        "Chromium did not print the HTML of {} ({}): {}",
        doc.plan,
        doc.lang,
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The flow chart annex's title and its first and last boxes, read off the Markdown
/// rendering (the Mermaid chart's stadium-shaped start and end nodes).
fn flow_chart(doc: &Doc) -> Option<(String, String, String)> {
    let o = common::planc(&["render", doc.plan, "--format", "md", "--lang", doc.lang]);
    let md = common::stdout(&o);
    let at = md.find("```mermaid")?;
    let title = md[..at]
        .lines()
        .rev()
        .find(|l| l.starts_with("### "))?
        .split('\u{3000}')
        .nth(1)?
        .trim()
        .to_string();
    let chart = &md[at..md[at + 3..].find("```").map_or(md.len(), |e| at + 3 + e)];
    let ends: Vec<String> = chart
        .lines()
        .filter_map(|l| Some(l.split_once("([\"")?.1.split_once("\"])")?.0.to_string()))
        .collect();
    Some((title, ends.first()?.clone(), ends.last()?.clone()))
}

/// Whether the flow chart of a document's DOCX or HTML runs over more than one page
/// (issue: "the flow chart splits over two pages"): its first and last boxes must be
/// on the page that carries its title last (the first mention is the body's list of
/// annexes).
fn flow_chart_split(doc: &Doc) -> Option<String> {
    let (title, first, last) = flow_chart(doc)?;
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let mut out = Vec::new();
    for (format, file) in [("DOCX", &doc.docx), ("HTML", &doc.html)] {
        let o = Command::new("pdftotext")
            .arg(Doc::pdf(file))
            .arg("-")
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&o.stdout).to_string();
        let pages: Vec<String> = text.split('\u{c}').map(squeeze).collect();
        let Some(n) = pages.iter().rposition(|p| p.contains(&squeeze(&title))) else {
            out.push(format!("{format}: no page carries the title {title:?}"));
            continue;
        };
        for node in [&first, &last] {
            if !pages[n].contains(&squeeze(node)) {
                out.push(format!(
                    "{format}: the flow chart is not on one page: {node:?} is not on page {}, \
                     where {title:?} is",
                    n + 1
                ));
            }
        }
    }
    (!out.is_empty()).then(|| format!("{} ({}): {}", doc.plan, doc.lang, out.join("; ")))
}

#[test]
fn every_printed_page_has_text_and_nothing_outside_the_text_block() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|t| tool(t))
    else {
        return skip("page-image test", "chromium");
    };
    for t in ["soffice", "pdftoppm"] {
        if tool(t).is_none() {
            return skip("page-image test", t);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let mut docs = Vec::new();
    for plan in PLANS {
        let stem = Path::new(plan).file_stem().unwrap().to_string_lossy();
        for lang in LANGS {
            let doc = Doc {
                plan,
                lang,
                docx: dir.path().join(format!("{stem}-{lang}.docx")),
                html: dir.path().join(format!("{stem}-{lang}.html")),
            };
            render(plan, lang, "docx", &doc.docx);
            render(plan, lang, "html", &doc.html);
            docs.push(doc);
        }
    }
    print_docx(&docs, dir.path(), false);
    let mut wrong = Vec::new();
    for doc in &docs {
        print_html(&chromium, doc, dir.path());
        let mut count = [0; 2];
        for (i, (format, file)) in [("DOCX", &doc.docx), ("HTML", &doc.html)]
            .into_iter()
            .enumerate()
        {
            let images = pages(&Doc::pdf(file));
            count[i] = images.len();
            if images.is_empty() {
                wrong.push(format!("{} ({}), {format}: no pages", doc.plan, doc.lang));
            }
            // The masthead (both bundled plans name their organization) stands 35 mm
            // below the top of the text block (GB/T 9704 §7.2.1); nothing is above it.
            if let (Some(first), "DOCX") = (images.first(), format) {
                let ink = first.ink(
                    Gray::px(BLOCK_LEFT)..Gray::px(BLOCK_RIGHT),
                    0..Gray::px(PAGE_H / 2.0),
                );
                let top = ink.iter().map(|&(_, y)| y).min().map(Gray::mm);
                if top.is_none_or(|t| (t - (BLOCK_TOP + MASTHEAD_DROP)).abs() > 2.0) {
                    let top = top.map_or("nowhere".to_string(), |t| format!("{t:.1} mm"));
                    wrong.push(format!(
                        "{} ({}), DOCX, page 1: the masthead's top is at {top}, not \
                         {MASTHEAD_DROP} mm below the text block ({} mm from the top)",
                        doc.plan,
                        doc.lang,
                        BLOCK_TOP + MASTHEAD_DROP
                    ));
                }
            }
            for (n, page) in images.iter().enumerate() {
                for w in look_at(page) {
                    wrong.push(format!(
                        "{} ({}), {format}, page {}: {w}",
                        doc.plan,
                        doc.lang,
                        n + 1
                    ));
                }
            }
        }
        if let Some(w) = flow_chart_split(doc) {
            wrong.push(w);
        }
        let [docx, html] = count;
        if docx > 0 && html.abs_diff(docx) as f64 > PAGE_COUNT_TOLERANCE * docx as f64 {
            wrong.push(format!(
                "{} ({}): the HTML prints on {html} pages, the DOCX on {docx}: more than \
                 {:.0} % apart",
                doc.plan,
                doc.lang,
                PAGE_COUNT_TOLERANCE * 100.0
            ));
        }
        eprintln!(
            "pages: {} ({}): DOCX {docx}, HTML {html}",
            doc.plan, doc.lang
        );
    }
    assert!(
        wrong.is_empty(),
        "{} problems in the printed pages:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn a_pgm_image_is_read_and_looked_at() {
    let (w, h) = (Gray::px(PAGE_W), Gray::px(PAGE_H));
    let image = |ink: &dyn Fn(usize, usize) -> bool| {
        let mut bytes = format!("P5\n# pdftoppm\n{w} {h}\n255\n").into_bytes();
        for y in 0..h {
            for x in 0..w {
                bytes.push(if ink(x, y) { 0 } else { 255 });
            }
        }
        Gray::parse(&bytes).unwrap()
    };
    let line = |x0: f64, x1: f64| {
        move |x: usize, y: usize| y == Gray::px(100.0) && x >= Gray::px(x0) && x < Gray::px(x1)
    };
    assert!(look_at(&image(&line(BLOCK_LEFT, BLOCK_RIGHT))).is_empty());
    let blank = look_at(&image(&|_, _| false));
    assert!(blank.len() == 1 && blank[0].contains("blank"), "{blank:?}");
    let wide = look_at(&image(&line(BLOCK_LEFT, BLOCK_LEFT + 1.2 * 156.0)));
    assert!(
        wide.len() == 1 && wide[0].contains("right margin"),
        "{wide:?}"
    );
    let number_only = look_at(&image(&|x, y| {
        y == Gray::px(275.0) && x >= Gray::px(170.0) && x < Gray::px(180.0)
    }));
    assert!(number_only.len() == 1 && number_only[0].contains("blank"));
    assert!(Gray::parse(b"P6\n1 1\n255\n\0\0\0").is_err());
    assert!(Gray::parse(b"P5\n2 2\n255\n\0").is_err());
}

/// The text of each page of a PDF (`pdftotext`, pages parted by form feeds).
fn page_texts(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The number a page prints in its footer ("— 12 —"), if any.
fn page_number(page: &str) -> Option<u32> {
    let line = page.lines().rev().find(|l| !l.trim().is_empty())?;
    let (_, rest) = line.split_once('—')?;
    let (digits, _) = rest.split_once('—')?;
    digits.trim().parse().ok()
}

/// Where the page numbers are wrong, if anywhere: pages are numbered from 1 in print
/// order, except the 版记 page (`imprint`) and a blank page right before it, which carry
/// none (GB/T 9704 §7.5).
fn numbering_faults(pages: &[String], imprint: usize) -> Vec<String> {
    let mut wrong = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        // Blank: nothing printed but, perhaps, a page number.
        let lines = page.lines().filter(|l| !l.trim().is_empty()).count();
        let blank = lines == 0 || (lines == 1 && page_number(page).is_some());
        let bare = i == imprint || (i + 1 == imprint && blank);
        match (page_number(page), bare) {
            (Some(n), true) => wrong.push(format!("page {} prints the number {n}", i + 1)),
            (None, false) => wrong.push(format!("page {} prints no number", i + 1)),
            (Some(n), false) if n as usize != i + 1 => {
                wrong.push(format!("page {} prints the number {n}", i + 1))
            }
            _ => {}
        }
    }
    wrong
}

#[test]
fn page_numbers_are_found_and_checked() {
    let page = |text: &str, n: Option<u32>| match n {
        Some(n) => format!("{text}\n\n                — {n} —\n"),
        None => format!("{text}\n"),
    };
    assert_eq!(page_number(&page("一、总则 2026", Some(12))), Some(12));
    assert_eq!(page_number(&page("2026年3月16日印发", None)), None);
    let good = vec![
        page("正文", Some(1)),
        page("正文", Some(2)),
        String::new(),
        page("示例集团有限公司 2026年3月16日印发", None),
    ];
    assert!(numbering_faults(&good, 3).is_empty());
    // A number on the blank page or on the 版记 page, or one missing or out of order.
    let mut bad = good.clone();
    bad[2] = page("", Some(3));
    assert_eq!(numbering_faults(&bad, 3).len(), 1);
    let mut bad = good.clone();
    bad[3] = page("2026年3月16日印发", Some(4));
    assert_eq!(numbering_faults(&bad, 3).len(), 1);
    let mut bad = good.clone();
    bad[1] = page("正文", Some(3));
    assert_eq!(numbering_faults(&bad, 3).len(), 1);
    let mut bad = good;
    bad[1] = page("正文", None);
    assert_eq!(numbering_faults(&bad, 3).len(), 1);
}

/// GB/T 9704 §7.4–7.5: the 版记 (issuing organization and date of issue) is on the last
/// page, an even one (the back of the last sheet), and on no other; that page, and the
/// blank page LibreOffice inserts before it when the text ends on an even page, carry no
/// page number, every other page its own. The PDF keeps the blank pages, as the printer
/// prints them. The three bundled plans end on odd and on even pages between them.
/// Chromium prints the HTML's 版记 on a page of its own without a number too (it inserts
/// no blank page: CSS `break-before: left` is not honoured there, so the page may be odd).
#[test]
fn the_imprint_is_on_the_last_page_and_that_page_is_even() {
    for t in ["soffice", "pdftotext"] {
        if tool(t).is_none() {
            return skip("imprint test", t);
        }
    }
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|t| tool(t));
    let dir = tempfile::tempdir().unwrap();
    let mut docs = Vec::new();
    for plan in PLANS.iter().chain(&["plans/cyber-incident.plan"]) {
        let stem = Path::new(plan).file_stem().unwrap().to_string_lossy();
        for lang in LANGS {
            let doc = Doc {
                plan,
                lang,
                docx: dir.path().join(format!("{stem}-{lang}.docx")),
                html: dir.path().join(format!("{stem}-{lang}.html")),
            };
            render(plan, lang, "docx", &doc.docx);
            if chromium.is_some() {
                render(plan, lang, "html", &doc.html);
            }
            docs.push(doc);
        }
    }
    print_docx(&docs, dir.path(), true);
    let mut wrong = Vec::new();
    // The 版记's date line: "2026年3月16日印发" or "Issued 16 March 2026".
    let imprint = |p: &String| p.contains("印发\n") || p.contains("印发 ") || p.contains("Issued ");
    for doc in &docs {
        let mut printed = vec![("DOCX", Doc::pdf(&doc.docx))];
        if let Some(chromium) = &chromium {
            print_html(chromium, doc, dir.path());
            printed.push(("HTML", Doc::pdf(&doc.html)));
        }
        for (format, pdf) in printed {
            let pages = page_texts(&pdf);
            let with: Vec<usize> = (0..pages.len()).filter(|&i| imprint(&pages[i])).collect();
            let last = pages.len().saturating_sub(1);
            if with != [last] {
                wrong.push(format!(
                    "{} ({}), {format}: the 版记 is on pages {with:?} of {}, not on the last alone",
                    doc.plan,
                    doc.lang,
                    pages.len()
                ));
                continue;
            }
            if format == "DOCX" && pages.len() % 2 == 1 {
                wrong.push(format!(
                    "{} ({}), DOCX: the 版记 is on page {}, an odd one",
                    doc.plan,
                    doc.lang,
                    pages.len()
                ));
            }
            for w in numbering_faults(&pages, last) {
                wrong.push(format!("{} ({}), {format}: {w}", doc.plan, doc.lang));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
