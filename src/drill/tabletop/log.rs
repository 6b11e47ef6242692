//! The decision log of a tabletop, as a file: JSON lines, the first a header (format
//! version, seed, language, the plan's file and digest), then one line per question
//! with what was typed for it. Replaying it types the same lines into the same drill,
//! so it gives the same bytes as the live run.

use super::Decision;
use serde::{Deserialize, Serialize};

/// The format version a log carries on its first line.
pub const VERSION: u32 = 1;

/// The first line of a log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub planc_decisions: u32,
    pub seed: u64,
    pub lang: String,
    pub plan: String,
    /// FNV-1a of the plan's text: a log replays only on the plan it was made with.
    pub digest: String,
}

/// One answered (or unanswered) question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub module: String,
    pub kind: String,
    pub clock: String,
    /// The choice taken (from 1); `null`: unanswered.
    pub choice: Option<usize>,
    pub answer: String,
    pub typed: Vec<String>,
}

/// A log read back: its header and entries.
#[derive(Clone, Debug, PartialEq)]
pub struct Replay {
    pub header: Header,
    pub entries: Vec<Entry>,
}

impl Replay {
    /// What was typed, line by line, as the drill reads it.
    pub fn input(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for e in &self.entries {
            for t in &e.typed {
                out.extend_from_slice(t.as_bytes());
                out.push(b'\n');
            }
        }
        out
    }
}

/// FNV-1a 64 of a text, in hex (not a cryptographic digest: it tells an edited plan).
pub fn digest(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The log of a drill, as the file holds it.
pub fn write(header: &Header, log: &[Decision]) -> String {
    let mut out = serde_json::to_string(header).unwrap_or_default();
    out.push('\n');
    for d in log {
        let e = Entry {
            module: d.module.into(),
            kind: d.kind.into(),
            clock: d.clock.clone(),
            choice: d.choice,
            answer: d.answer.clone(),
            typed: d.typed.clone(),
        };
        out.push_str(&serde_json::to_string(&e).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Why a log cannot be read: the line (from 1) and what is wrong there.
#[derive(Clone, Debug, PartialEq)]
pub struct Bad {
    pub line: usize,
    pub why: BadKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BadKind {
    Empty,
    NotUtf8,
    /// Not the JSON of a header or an entry (serde's words).
    Json(String),
    Version(u32),
}

/// Reads a log; blank lines are skipped.
pub fn read(bytes: &[u8]) -> Result<Replay, Bad> {
    let text = std::str::from_utf8(bytes).map_err(|e| Bad {
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        why: BadKind::NotUtf8,
    })?;
    let mut lines = (text.lines().enumerate())
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((n, first)) = lines.next() else {
        return Err(Bad {
            line: 1,
            why: BadKind::Empty,
        });
    };
    let json = |line: usize| {
        move |e: serde_json::Error| Bad {
            line,
            why: BadKind::Json(e.to_string()),
        }
    };
    let header: Header = serde_json::from_str(first).map_err(json(n))?;
    if header.planc_decisions != VERSION {
        return Err(Bad {
            line: n,
            why: BadKind::Version(header.planc_decisions),
        });
    }
    let mut entries = Vec::new();
    for (n, l) in lines {
        entries.push(serde_json::from_str::<Entry>(l).map_err(json(n))?);
    }
    Ok(Replay { header, entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_log_names_its_line() {
        let header = r#"{"planc_decisions":1,"seed":3,"lang":"zh","plan":"p","digest":"0"}"#;
        assert_eq!(read(b"").unwrap_err().why, BadKind::Empty);
        assert_eq!(read(b"{").unwrap_err().line, 1);
        let two = format!("{header}\n\n{{\"module\":1}}\n");
        assert_eq!(read(two.as_bytes()).unwrap_err().line, 3);
        let v2 = header.replace(":1,", ":2,");
        assert_eq!(read(v2.as_bytes()).unwrap_err().why, BadKind::Version(2));
        let bad = format!("{header}\n\u{ff}");
        let mut bytes = bad.into_bytes();
        bytes.pop();
        bytes.pop();
        bytes.push(0xff);
        assert_eq!(read(&bytes).unwrap_err().line, 2);
        assert_eq!(read(header.as_bytes()).unwrap().entries.len(), 0);
    }
}
