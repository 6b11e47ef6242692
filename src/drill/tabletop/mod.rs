//! The facilitated tabletop engine: the scenario unfolds in modules (detection,
//! assessment and declaration, first response, escalation, stand-down); each module
//! tells the situation in the figures the plan's criteria use and the injects to the
//! roles they concern, then asks the questions a facilitator asks across every
//! capability. The answers feed the run: the trainee's decision becomes the run's
//! course for that decision ([`Steer`]), so the next module shows what it brought.
//!
//! The terminal is one front end ([`play`]); any other reads the same modules and
//! questions. Answers are read line by line (a number picks a choice, other text is
//! matched against the choices); end of input ends the drill early, and it is still
//! scored. The decision log ([`log`]) replays a drill byte for byte.

mod input;
pub mod log;
pub mod questions;
mod scoring;

pub use input::{Answered, Screen, normalize, pick, wrap};
pub use questions::{Effect, Point, Question, figures, point, points, presented_at};
pub use scoring::{TabletopScore, report, score, strengths, summary, to_improve};

use super::model::DrillModel;
use super::modules::ModuleKind;
use super::sim::{Runner, Steer};
use super::words;
use crate::wording::{Lang, Words};
use serde::Serialize;
use std::io::{BufRead, Write};

/// One entry of the decision log.
#[derive(Clone, Debug, Serialize)]
pub struct Decision {
    /// The module asked in, and the kind of question (stable words).
    pub module: &'static str,
    pub kind: &'static str,
    pub clock: String,
    pub question: String,
    pub answer: String,
    pub expected: String,
    pub result: String,
    pub correct: bool,
    /// What the answer earned, from 0 to 1 (part of it for a near answer).
    pub credit: f64,
    pub capability: &'static str,
    /// The choice taken (from 1), none when unanswered.
    pub choice: Option<usize>,
    /// Every line typed for it, those asked again too.
    pub typed: Vec<String>,
}

/// What a drill played: its decisions, and the run as they steered it.
pub struct Played<'m> {
    pub log: Vec<Decision>,
    pub runner: Runner<'m>,
}

/// What an answer to `q` changes in the run's course.
fn steer_by(m: &DrillModel, q: &Question, chosen: Option<usize>, steer: &mut Steer) {
    let wrong = chosen != Some(q.correct);
    match q.effect {
        Effect::None => {}
        Effect::Declare => {
            let truth = q.choices[q.correct].as_str();
            let sev = |c: &str| m.levels.iter().position(|l| l.name == c);
            let Some(truth) = sev(truth) else {
                return;
            };
            let (low, none) = m.params.tabletop_declare_late;
            steer.declare_late = match chosen.map(|i| sev(&q.choices[i])) {
                Some(Some(c)) if c >= truth => 0.0,
                Some(Some(_)) => low,
                _ => none,
            };
        }
        Effect::Approve(a) if wrong => steer.unreviewed = Some(a),
        Effect::Report(line) if wrong && q.credit_of(chosen.unwrap_or(usize::MAX)) == 0.0 => {
            // One line steered per drill: the first report missed.
            steer.missed_line = steer.missed_line.or(Some(line));
        }
        _ => {}
    }
}

/// The result of an answer in words.
fn result_of(w: &Words, q: &Question, chosen: Option<usize>) -> String {
    let credit = chosen.map_or(0.0, |i| q.credit_of(i));
    w.get(match (chosen, chosen == Some(q.correct), credit > 0.0) {
        (None, _, _) => "drill.play.unanswered",
        (Some(_), true, _) => "drill.play.right",
        (Some(_), false, true) => "drill.play.partly",
        (Some(_), false, false) => "drill.play.wrong",
    })
}

/// The decision log's entry of an answer.
fn decision(w: &Words, module: ModuleKind, q: &Question, answered: Answered) -> Decision {
    let chosen = answered.chosen;
    Decision {
        module: module.key(),
        kind: q.kind,
        clock: words::clock(q.t),
        question: q.text.clone(),
        answer: match (chosen, answered.typed.last()) {
            (Some(i), _) => q.choices[i].clone(),
            (None, Some(a)) => a.clone(),
            (None, None) => "—".into(),
        },
        expected: q.expected.clone(),
        result: result_of(w, q, chosen),
        correct: chosen == Some(q.correct),
        credit: chosen.map_or(0.0, |i| q.credit_of(i)),
        capability: q.capability.plan_name(),
        choice: chosen.map(|i| i + 1),
        typed: answered.typed,
    }
}

/// Plays a drill of `seed`: writes each module's situation and questions to the
/// screen, reads answers from `input`, steers the run by them, and returns the
/// decisions with the run they produced.
pub fn play<'m, W: Write>(
    m: &'m DrillModel,
    seed: u64,
    lang: Lang,
    input: &mut impl BufRead,
    s: &mut Screen<'_, W>,
) -> std::io::Result<Played<'m>> {
    let w = Words::of(lang);
    let mut r = Runner::new(m);
    r.record = true;
    r.run(seed);
    if m.scenarios.is_empty() {
        return Ok(Played {
            log: Vec::new(),
            runner: r,
        });
    }
    let sc = &m.scenarios[r.scenario];
    let onset = words::weekday_time(w, r.log.outcome.onset_minute);
    let header = [("title", sc.title_or_name()), ("onset", &onset)];
    s.say(&w.fill("drill.play.header", &header))?;
    let mut steer = Steer::default();
    let mut log = Vec::new();
    let mut ended = false;
    for k in 0..ModuleKind::ALL.len() {
        // The run so far as the answers steered it: this module shows their course.
        if r.steer != steer {
            r.steer = steer.clone();
            r.run(seed);
        }
        let Some(p) = point(&r, lang, k) else {
            continue;
        };
        // After the end of input nothing more is shown: the remaining questions are
        // recorded as unanswered and the drill is scored as it stands.
        if !ended {
            writeln!(s.out)?;
            s.say(&p.brief)?;
        }
        for q in &p.questions {
            let answered = if ended {
                Answered {
                    typed: Vec::new(),
                    chosen: None,
                }
            } else {
                input::ask(q, w, input, s)?
            };
            ended |= answered.chosen.is_none();
            if answered.chosen.is_some() {
                let result = result_of(w, q, answered.chosen);
                let feedback = [("result", result.as_str()), ("expected", &q.expected)];
                s.say(&w.fill("drill.play.feedback", &feedback))?;
            }
            steer_by(m, q, answered.chosen, &mut steer);
            log.push(decision(w, p.module, q, answered));
        }
    }
    let unanswered = log.iter().filter(|d| d.choice.is_none()).count();
    if unanswered > 0 {
        let count = unanswered.to_string();
        s.say(&w.fill("drill.play.end_of_input", &[("count", &count)]))?;
    }
    if r.steer != steer {
        r.steer = steer;
        r.run(seed);
    }
    Ok(Played { log, runner: r })
}
