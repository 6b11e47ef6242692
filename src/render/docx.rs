//! DOCX packaging: the parts rendered from `templates/docx/` zipped into an Office
//! Open XML package. Deterministic: fixed part order and timestamps.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The parts of the package, in the order they are written. `[Content_Types].xml`
/// comes first, as the format recommends.
pub const PARTS: &[&str] = &[
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
    "word/footer3.xml",
];

/// Zips rendered parts into a DOCX.
pub fn package(parts: &[(&str, String)]) -> Result<Vec<u8>, String> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(64 * 1024)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::DEFAULT);
    for (name, text) in parts {
        zip.start_file(*name, options).map_err(|e| e.to_string())?;
        zip.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    let cursor = zip.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}
