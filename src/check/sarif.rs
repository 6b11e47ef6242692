//! SARIF 2.1.0 output of `planc check --format sarif`: one run, `tool.driver.name`
//! "planc", one `rules[]` entry per code of the catalogue, columns counted in
//! Unicode code points (`columnKind`), lines and columns from 1.

use crate::diagnostic::{Code, Diagnostic, Severity, words};
use crate::source::{Source, Span};
use crate::wording::{Lang, Words};
use serde::Serialize;

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Message,
    full_description: Message,
    help: Message,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    family: String,
    tags: Vec<String>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties>,
}

#[derive(Serialize)]
struct ResultProperties {
    help: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file name as a relative URI reference: `/` separators, everything outside the
/// unreserved set percent-encoded (so `<stdin>` and Chinese names stay valid).
pub fn uri(name: &str) -> String {
    let mut out = String::new();
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out += &format!("%{b:02X}");
        }
    }
    out
}

fn region(source: &Source, span: Span) -> Region {
    let len = source.text.len();
    let start = span.start().min(len);
    let end = span.end().min(len).max(start);
    let (start_line, start_column) = source.line_col(start);
    let (end_line, end_column) = source.line_col(end);
    Region {
        start_line: start_line.max(1),
        start_column: start_column.max(1),
        end_line: end_line.max(start_line).max(1),
        end_column: end_column.max(1),
        byte_offset: start,
        byte_length: end - start,
    }
}

fn physical(source: &Source, index: usize, span: Span) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri(&source.name),
            index: Some(index),
        },
        region: region(source, span),
    }
}

/// One `rules[]` entry per code of the catalogue.
fn rules(lang: Lang) -> Vec<Rule> {
    let w = Words::of(lang);
    Code::all()
        .map(|code| {
            let words = |k: &str| w.get(&format!("code.{code}.{k}"));
            let e = code.entry();
            // The family is a tag: the same in every language.
            let family = words::family(code, Lang::En);
            Rule {
                id: code.as_str(),
                short_description: Message {
                    text: words("summary"),
                },
                full_description: Message {
                    text: words("what"),
                },
                help: Message {
                    text: format!("{}\n\n{}", words("why"), e.source),
                },
                default_configuration: Configuration {
                    level: level(e.severity),
                },
                properties: RuleProperties {
                    family: family.clone(),
                    tags: vec![family],
                },
            }
        })
        .collect()
}

fn result(source: &Source, index: usize, d: &Diagnostic, lang: Lang) -> SarifResult {
    let text = d.text(lang);
    SarifResult {
        rule_id: d.code().as_str(),
        rule_index: Code::all().position(|c| c == d.code()),
        level: level(d.severity),
        message: Message { text: text.message },
        locations: vec![Location {
            id: None,
            physical_location: physical(source, index, d.span),
            message: (!text.label.is_empty()).then_some(Message { text: text.label }),
        }],
        related_locations: d
            .related
            .iter()
            .enumerate()
            .map(|(k, l)| Location {
                id: Some(k),
                physical_location: physical(source, index, l.span),
                message: Some(Message {
                    text: words::note(&l.note, lang),
                }),
            })
            .collect(),
        properties: text.help.map(|help| ResultProperties { help }),
    }
}

/// The SARIF log of one check over one or more files.
pub fn render(files: &[(&Source, &[Diagnostic])], lang: Lang) -> String {
    let rules = rules(lang);
    let mut artifacts = Vec::new();
    let mut results = Vec::new();
    for (index, (source, diags)) in files.iter().enumerate() {
        artifacts.push(Artifact {
            location: ArtifactLocation {
                uri: uri(&source.name),
                index: None,
            },
        });
        results.extend(diags.iter().map(|d| result(source, index, d, lang)));
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "planc",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            artifacts,
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    s.push('\n');
    s
}
