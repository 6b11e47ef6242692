//! DOCX helpers shared by the plan-document and drill-report tests.

use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::Read;

/// The parts of a DOCX, by name.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).expect("UTF-8 part");
        parts.insert(f.name().to_string(), s);
    }
    parts
}

/// Parses an XML part completely; panics with the part name on the first error.
pub fn parse_xml(name: &str, xml: &str) {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => {
                // No character may be XML-illegal.
                let s: &str = t.as_ref();
                assert!(
                    !s.chars().any(planc::render::escape::is_illegal),
                    "{name}: illegal character in {s:?}"
                );
            }
            Ok(Event::GeneralRef(r)) => {
                // Every entity must be one XML predefines (or a legal character).
                assert!(resolve(&r).is_some(), "{name}: unknown entity {r:?}");
            }
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed at {}: {e}", r.error_position()),
        }
    }
    assert_eq!(depth, 0, "{name}: unbalanced elements");
}

/// The character an entity reference stands for.
pub fn resolve(r: &quick_xml::events::BytesRef) -> Option<char> {
    if r.is_char_ref() {
        return r
            .resolve_char_ref()
            .ok()
            .flatten()
            .filter(|c| !planc::render::escape::is_illegal(*c));
    }
    let name: &str = r.as_ref();
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// The text of every `w:p` with the given style (`None`: every paragraph), in order.
pub fn paragraphs(document: &str, style: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut r = quick_xml::Reader::from_str(document);
    let (mut cur, mut matches, mut in_t) = (String::new(), style.is_none(), false);
    loop {
        match r.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                cur.clear();
                matches = style.is_none();
            }
            Event::Empty(e) if e.name().as_ref() == "w:pStyle" => {
                let v = e.try_get_attribute("w:val").unwrap().unwrap();
                let v: &str = v.value.as_ref();
                matches = style.is_none_or(|s| s == v);
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_t => cur.push_str(t.as_ref()),
            Event::GeneralRef(g) if in_t => cur.extend(resolve(&g)),
            Event::End(e) if matches && e.name().as_ref() == "w:p" => out.push(cur.clone()),
            _ => {}
        }
    }
    out
}
