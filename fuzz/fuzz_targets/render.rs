//! Any plan that compiles: every document format renders in both languages without
//! panicking, no plan text turns into HTML markup, and every XML part of the DOCX is
//! well-formed with no XML-illegal character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planc::diagnostic::Lang;
use planc::render::{Format, Options, render};
use std::io::Read;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let c = planc::compile_model(planc::source::Source::new("fuzz.plan", text));
    let Some(plan) = c.plan.as_ref() else { return };
    if c.has_errors() {
        return;
    }
    for lang in [Lang::Zh, Lang::En] {
        for format in [Format::Md, Format::Html, Format::Docx] {
            let opts = Options { format, lang, templates: None };
            let bytes = render(plan, &opts).expect("bundled templates render any valid plan");
            match format {
                Format::Html => {
                    let html = String::from_utf8(bytes).expect("HTML is UTF-8");
                    // Plan text never becomes markup: no raw script element survives.
                    assert!(!html.contains("<script"), "unescaped markup in HTML");
                }
                Format::Docx => well_formed_docx(&bytes),
                Format::Md => {
                    String::from_utf8(bytes).expect("Markdown is UTF-8");
                }
            }
        }
    }
});

fn well_formed_docx(bytes: &[u8]) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("DOCX is a zip");
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        let mut r = quick_xml::Reader::from_str(&xml);
        let mut depth: i64 = 0;
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Text(t)) => {
                    let raw = t.into_inner();
                    let s: &str = &raw;
                    assert!(
                        !s.chars().any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}')),
                        "XML-illegal character in {name}"
                    );
                }
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}"),
            }
            assert!(depth >= 0, "{name}: unbalanced");
        }
        assert_eq!(depth, 0, "{name}: unclosed elements");
    }
}
