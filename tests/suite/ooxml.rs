//! Every part of every DOCX planc writes — the plan document in both languages, the
//! drill report and the facilitator pack — validates against the ECMA-376 schemas
//! (`tests/data/ooxml-xsd/`, the transitional schemas with the packaging conventions),
//! with `xmllint` as the validator (issue 16, item 6). Word refuses parts that LibreOffice
//! opens, element order above all.

use crate::common::docx::unzip;
use crate::common::{code, planc, stderr};
use crate::consumers::{skip, tool};
use std::path::Path;
use std::process::Command;

const PLANS: [&str; 2] = [
    "plans/soe-online-opinion.plan",
    "plans/university-crisis-comms.plan",
];

/// The schema a part of a package validates against. `docProps/core.xml` has none
/// here: its schema imports the Dublin Core schemas from the network, which the
/// test may not reach (`--nonet`); the render tests check its fields.
fn schema(part: &str) -> Option<&'static str> {
    Some(match part {
        "[Content_Types].xml" => "opc-xsd/opc-contentTypes.xsd",
        p if p.ends_with(".rels") => "opc-xsd/opc-relationships.xsd",
        "docProps/app.xml" => "shared-documentPropertiesExtended.xsd",
        p if p.starts_with("word/") && p.ends_with(".xml") => "wml.xsd",
        _ => return None,
    })
}

/// The parts of a DOCX that fail their schema, with xmllint's words.
pub(crate) fn invalid_parts(docx: &Path) -> Vec<String> {
    let bytes = std::fs::read(docx).expect("the DOCX was written");
    let dir = tempfile::tempdir().unwrap();
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ooxml-xsd");
    let mut failed = Vec::new();
    let parts = unzip(&bytes);
    assert!(
        parts.contains_key("word/document.xml"),
        "{}",
        docx.display()
    );
    for (name, xml) in &parts {
        if name == "docProps/core.xml" {
            continue;
        }
        let schema = schema(name).unwrap_or_else(|| panic!("a part with no schema: {name}"));
        let file = dir.path().join(name.replace('/', "__"));
        std::fs::write(&file, xml).unwrap();
        let out = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(xsd.join(schema))
            .arg(&file)
            .output()
            .expect("xmllint runs");
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr);
            failed.push(format!(
                "{} {name}: {}",
                docx.display(),
                why.lines().next().unwrap_or("")
            ));
        }
    }
    failed
}

#[test]
fn every_docx_part_is_schema_valid() {
    if tool("xmllint").is_none() {
        return skip("DOCX schema validation", "xmllint");
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut written = Vec::new();
    for (i, plan) in PLANS.iter().enumerate() {
        let plan = root.join(plan);
        let plan = plan.to_str().unwrap();
        for lang in ["zh", "en"] {
            let out = dir.path().join(format!("plan{i}-{lang}.docx"));
            let o = planc(&[
                "render",
                plan,
                "--format",
                "docx",
                "--lang",
                lang,
                "-o",
                out.to_str().unwrap(),
            ]);
            assert_eq!(code(&o), 0, "{}", stderr(&o));
            written.push(out);
        }
        let report = dir.path().join(format!("report{i}.docx"));
        let o = planc(&[
            "drill",
            plan,
            "--runs",
            "20",
            "--seed",
            "1",
            "--report",
            report.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        written.push(report);
        let pack = dir.path().join(format!("pack{i}.docx"));
        let o = planc(&[
            "drill",
            plan,
            "--seed",
            "1",
            "--pack",
            pack.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        written.push(pack);
    }
    // A plan issued by a cover letter (印发通知): the letter, then the plan as its annex.
    let issued = dir.path().join("notice.plan");
    let text = std::fs::read_to_string(root.join(PLANS[0])).unwrap();
    std::fs::write(
        &issued,
        text.replacen("\n  basis ", "\n  to \"集团各部门\"\n  basis ", 1),
    )
    .unwrap();
    let out = dir.path().join("notice.docx");
    let o = planc(&[
        "render",
        issued.to_str().unwrap(),
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    written.push(out);
    let failed: Vec<String> = written.iter().flat_map(|d| invalid_parts(d)).collect();
    assert!(
        failed.is_empty(),
        "parts that break the schema:\n{}",
        failed.join("\n")
    );
}
