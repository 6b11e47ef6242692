//! Code lenses: over each level, how the plan fares in a short drill campaign when a
//! situation rises to that level — the runs whose highest level it was, and how many of
//! them passed. A lens is resolved when the editor shows it; the campaign runs once per
//! version of the document and is shared by its lenses. Clicking one runs a longer
//! campaign ([`drill_level`]) and says the result with its mean score.

use super::{Document, Settings, position};
use crate::drill::{self, DrillModel, Runner};
use crate::wording::Words;
use lsp_types::{CodeLens, Command, Uri};
use serde_json::{Value, json};
use std::sync::OnceLock;

/// The command a lens carries (the client passes it back: `workspace/executeCommand`).
pub const DRILL_COMMAND: &str = "planc.drillLevel";

/// Runs of the campaign behind the lenses: enough to tell a level that fails often,
/// short enough for the flagship to take tens of milliseconds.
pub const LENS_RUNS: u64 = 200;

/// Runs of the campaign a click asks for.
pub const CLICK_RUNS: u64 = 2000;

/// How each level fared, by the drill model's level index.
#[derive(Clone, Debug, Default)]
pub struct LevelRuns {
    pub runs: u64,
    pub names: Vec<String>,
    /// Runs whose highest level was this one.
    pub reached: Vec<u64>,
    /// Of those, the runs that passed (优 or 良).
    pub passed: Vec<u64>,
    pub score_sum: Vec<f64>,
}

impl LevelRuns {
    fn of(m: &DrillModel, runs: u64) -> LevelRuns {
        let n = m.levels.len();
        let mut out = LevelRuns {
            runs,
            names: m.levels.iter().map(|l| l.name.clone()).collect(),
            reached: vec![0; n],
            passed: vec![0; n],
            score_sum: vec![0.0; n],
        };
        let mut r = Runner::new(m);
        // Seeds from 1, as `planc drill` counts them: a lens and `planc drill --seed 1`
        // see the same runs.
        for seed in 1..=runs {
            r.run(seed);
            let Some(top) = r.log.outcome.top_level.map(usize::from) else {
                continue;
            };
            if top >= n {
                continue;
            }
            let s = drill::score::score(m, &r.log.expectations);
            out.reached[top] += 1;
            out.passed[top] += u64::from((s.verdict as usize) < 2);
            out.score_sum[top] += s.score;
        }
        out
    }

    fn index(&self, level: &str) -> Option<usize> {
        self.names.iter().position(|n| n == level)
    }
}

/// The bundled scenario library, compiled once per process.
fn library() -> &'static [crate::Compilation] {
    static LIBRARY: OnceLock<Vec<crate::Compilation>> = OnceLock::new();
    LIBRARY.get_or_init(|| crate::compile_library(None).unwrap_or_default())
}

/// A level's runs in a campaign of `runs` on the document's plan; `Err` with the reason
/// where the plan cannot be drilled (errors, or scenarios the drill refuses).
pub fn campaign(doc: &Document, runs: u64) -> Result<LevelRuns, String> {
    let c = &doc.compilation;
    if c.plan.is_none() || doc.findings.iter().any(|d| d.is_error()) {
        return Err(Words::of(doc.lang).get("lsp.lens.has_errors"));
    }
    let m = drill::build(c, library()).map_err(|failed| {
        let first = failed
            .iter()
            .flat_map(|(_, d)| d.first())
            .next()
            .map(|d| d.message(doc.lang))
            .unwrap_or_default();
        Words::of(doc.lang).fill("lsp.lens.cannot_drill", &[("reason", &first)])
    })?;
    Ok(LevelRuns::of(&m, runs))
}

/// The lenses of a document, unresolved: one over each level's name.
pub fn lenses(doc: &Document, uri: &Uri, s: &Settings) -> Vec<CodeLens> {
    let Some(plan) = &doc.compilation.plan else {
        return Vec::new();
    };
    plan.levels
        .iter()
        .map(|l| CodeLens {
            range: position::range(doc.source(), l.name.span, s.encoding),
            command: None,
            data: Some(json!({ "uri": uri.as_str(), "level": l.name.value.as_str() })),
        })
        .collect()
}

/// The document a lens to resolve belongs to (`data.uri`), and its level.
pub fn lens_target(lens: &CodeLens) -> Option<(&str, &str)> {
    let data = lens.data.as_ref()?;
    Some((data.get("uri")?.as_str()?, data.get("level")?.as_str()?))
}

/// A lens with its title: the level's runs in the document's campaign.
pub fn resolve(doc: &Document, mut lens: CodeLens) -> CodeLens {
    let Some((uri, level)) = lens_target(&lens).map(|(u, l)| (u.to_string(), l.to_string())) else {
        return lens;
    };
    let title = match doc.lens_runs() {
        Ok(runs) => summary(runs, &level, doc.lang, "lsp.lens"),
        Err(reason) => reason.clone(),
    };
    lens.command = Some(Command {
        title,
        command: DRILL_COMMAND.to_string(),
        arguments: Some(vec![Value::from(uri), Value::from(level)]),
    });
    lens
}

/// The words of a level's runs: `prefix.reached` or `prefix.never`.
fn summary(runs: &LevelRuns, level: &str, lang: crate::diagnostic::Lang, prefix: &str) -> String {
    let w = Words::of(lang);
    let Some(i) = runs.index(level) else {
        return w.get("lsp.lens.unknown");
    };
    let reached = runs.reached[i];
    if reached == 0 {
        return w.fill(
            &format!("{prefix}.never"),
            &[("runs", &runs.runs.to_string())],
        );
    }
    let percent = (runs.passed[i] as f64 * 100.0 / reached as f64).round();
    let mean = runs.score_sum[i] / reached as f64;
    w.fill(
        &format!("{prefix}.reached"),
        &[
            ("runs", &runs.runs.to_string()),
            ("reached", &reached.to_string()),
            ("passed", &format!("{percent:.0}")),
            ("mean", &format!("{mean:.1}")),
            ("level", level),
        ],
    )
}

/// A click on a lens: a longer campaign, said in a sentence for the editor's message.
pub fn drill_level(doc: &Document, level: &str) -> String {
    match campaign(doc, CLICK_RUNS) {
        Ok(runs) => summary(&runs, level, doc.lang, "lsp.lens.click"),
        Err(reason) => reason,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn uri() -> Uri {
        "file:///t/p.plan".parse().expect("a uri")
    }

    #[test]
    fn every_level_of_the_flagship_has_a_lens_that_says_its_runs() {
        let d = flagship();
        let plan = d.compilation.plan.as_ref().unwrap();
        let all = lenses(&d, &uri(), &settings());
        assert_eq!(all.len(), plan.levels.len());
        let runs = d.lens_runs().as_ref().expect("the flagship drills");
        assert_eq!(runs.runs, LENS_RUNS);
        // Every run that reaches a level counts once, at its highest.
        assert!(runs.reached.iter().sum::<u64>() <= LENS_RUNS);
        assert!(runs.reached.iter().any(|&n| n > 0), "{runs:?}");
        for lens in all {
            let level = lens_target(&lens).unwrap().1.to_string();
            let r = resolve(&d, lens);
            let c = r.command.expect("a title");
            assert_eq!(c.command, DRILL_COMMAND);
            let i = runs.index(&level).expect("a drilled level");
            if runs.reached[i] > 0 {
                assert!(
                    c.title.contains(&runs.reached[i].to_string()),
                    "{}",
                    c.title
                );
                assert!(c.title.contains('%'), "{}", c.title);
            } else {
                assert!(!c.title.contains('%'), "{}", c.title);
            }
        }
    }

    #[test]
    fn a_plan_with_errors_says_so_instead_of_drilling() {
        let text = crate::FLAGSHIP.replacen("owner 宣传部", "owner 宣传郎", 1);
        let d = doc(&text);
        let all = lenses(&d, &uri(), &settings());
        let r = resolve(&d, all.into_iter().next().expect("a lens"));
        let title = r.command.unwrap().title;
        assert_eq!(title, Words::of(d.lang).get("lsp.lens.has_errors"));
    }

    #[test]
    fn a_click_runs_the_longer_campaign() {
        let d = flagship();
        let runs = d.lens_runs().as_ref().unwrap();
        let busiest = (0..runs.names.len())
            .max_by_key(|&i| runs.reached[i])
            .unwrap();
        let text = drill_level(&d, &runs.names[busiest]);
        assert!(text.contains(&CLICK_RUNS.to_string()), "{text}");
        assert!(text.contains(&runs.names[busiest]), "{text}");
    }
}
