//! The interactive tabletop: the situation and each inject in time order, with the
//! questions a facilitator would ask — which level now, what comes first, within what
//! time, who must be told — and choices built from the plan. Answers are read line by
//! line from the reader the caller hands in (a number picks a choice, other text is
//! matched against the choices); end of input ends the drill early, and it is still
//! scored.

use super::model::{Capability, DrillModel};
use super::output;
use super::score::{Verdict, round1};
use super::sim::{MarkKind, Rating, Runner, What};
use super::{report, words};
use crate::source::Source;
use crate::wording::{Lang, Words};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::io::{BufRead, Write};
use std::path::Path;

/// One question with its choices.
#[derive(Clone, Debug)]
pub struct Question {
    pub t: f64,
    pub text: String,
    pub choices: Vec<String>,
    pub correct: usize,
    /// The credit each choice earns where practice gives part of it (a level declared
    /// too high beats none); empty: the right choice earns all, the others nothing.
    pub credit: Vec<f64>,
    pub capability: Capability,
    /// What the plan says, in words (shown after the answer and in the log).
    pub expected: String,
}

impl Question {
    /// What choice `i` earns, from 0 to 1.
    pub fn credit_of(&self, i: usize) -> f64 {
        match self.credit.get(i) {
            Some(&c) => c,
            None => f64::from(u8::from(i == self.correct)),
        }
    }
}

/// One entry of the decision log.
#[derive(Clone, Debug, Serialize)]
pub struct Decision {
    pub clock: String,
    pub question: String,
    pub answer: String,
    pub expected: String,
    pub result: String,
    pub correct: bool,
    /// What the answer earned, from 0 to 1 (part of it for a near answer).
    pub credit: f64,
    pub capability: &'static str,
}

/// A decision point: the situation told, then questions.
pub struct Point {
    pub t: f64,
    pub brief: String,
    pub questions: Vec<Question>,
}

fn shuffle(rng: &mut ChaCha8Rng, v: &mut [String], correct: &str) -> usize {
    for i in (1..v.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v.iter().position(|x| x == correct).unwrap_or(0)
}

/// What the questions of a seed are built from: the run, its words, and the stream
/// that shuffles the choices.
struct Facilitator<'r, 'm> {
    r: &'r Runner<'m>,
    w: &'static Words,
    rng: ChaCha8Rng,
}

impl Facilitator<'_, '_> {
    /// The true level at `t`, from the timeline.
    fn level_at(&self, t: f64) -> Option<u8> {
        let mut l = None;
        for mk in &self.r.log.marks {
            if mk.t > t + 0.01 {
                break;
            }
            if let MarkKind::TrueLevel(x) = mk.kind {
                l = x;
            }
        }
        l
    }

    fn level_question(&mut self, t: f64) -> Question {
        let m = self.r.model;
        let none = self.w.get("drill.play.no_level");
        let mut choices: Vec<String> = m.levels.iter().rev().map(|x| x.name.clone()).collect();
        choices.push(none.clone());
        let right = match self.level_at(t) {
            Some(l) => m.levels[l as usize].name.clone(),
            None => none,
        };
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        // Severity of a choice: the level's index, -1 for "no level".
        let severity = |c: &str| -> i64 {
            (m.levels.iter().position(|l| l.name == c)).map_or(-1, |i| i as i64)
        };
        let truth = severity(&right);
        let credit = (choices.iter())
            .map(|c| match severity(c) - truth {
                0 => 1.0,
                // Over-escalating costs effort; not declaring costs the response.
                1 => 0.5,
                d if d > 1 => 0.25,
                -1 if severity(c) >= 0 => 0.25,
                _ => 0.0,
            })
            .collect();
        Question {
            t,
            text: self.w.get("drill.play.which_level"),
            choices,
            correct,
            credit,
            capability: Capability::Assessment,
            expected: right,
        }
    }

    /// The first action the plan starts at or just after t (by trigger time, then
    /// order), before the next moment `next`: a question never expects what an inject
    /// not yet told will start.
    fn first_action(&self, t: f64, next: f64) -> Option<super::model::ActionId> {
        let m = self.r.model;
        self.r
            .log
            .expectations
            .iter()
            .filter(|e| matches!(e.what, What::Action(_)) && e.instance == 0)
            // Started by what the trainee has been told: nothing the next moment brings.
            .filter(|e| e.triggered >= t - 0.01 && e.triggered <= (t + 90.0).min(next - 0.01))
            .find(|e| {
                !matches!(e.what, What::Action(a) if m.actions[a as usize].assessment)
                    || e.triggered < t + 1.0
            })
            .and_then(|e| match e.what {
                What::Action(a) => Some(a),
                _ => None,
            })
    }

    /// Which action comes first, and within what time it must be done.
    fn action_questions(
        &mut self,
        t: f64,
        a: super::model::ActionId,
        all_names: &[String],
    ) -> [Question; 2] {
        let m = self.r.model;
        let w = self.w;
        let action = &m.actions[a as usize];
        let right = action.said.clone();
        let mut choices = vec![right.clone()];
        let mut pool: Vec<&String> = all_names.iter().filter(|n| **n != right).collect();
        for _ in 0..3 {
            if pool.is_empty() {
                break;
            }
            let j = (self.rng.next_u64() % pool.len() as u64) as usize;
            choices.push(pool.remove(j).clone());
        }
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        let first = Question {
            t,
            text: w.get("drill.play.first_action"),
            choices,
            correct,
            credit: Vec::new(),
            capability: action.capability,
            expected: right.clone(),
        };
        let within = words::minutes(w, action.within);
        let mut choices = vec![within.clone()];
        for x in self.time_distractors(action.within) {
            let said = words::minutes(w, x);
            if choices.len() < 4 && !choices.contains(&said) {
                choices.push(said);
            }
        }
        let correct = shuffle(&mut self.rng, &mut choices, &within);
        let time = Question {
            t,
            text: w.fill("drill.play.within", &[("action", &right)]),
            choices,
            correct,
            credit: Vec::new(),
            capability: action.capability,
            expected: within,
        };
        [first, time]
    }

    /// Wrong time limits a trainee could believe: the plan's other time limits, then
    /// the times plans commonly set, near the right one (a quarter to eight times it) —
    /// drawn by the seed, so that neither the smallest nor any rank gives the answer
    /// away.
    fn time_distractors(&mut self, right: f64) -> Vec<f64> {
        const COMMON: [f64; 16] = [
            5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0, 180.0, 240.0, 360.0, 480.0,
            720.0, 1440.0, 2880.0,
        ];
        let near = |x: f64| x != right && x >= right / 4.0 && x <= right * 8.0;
        let mut plan: Vec<f64> = (self.r.model.actions.iter())
            .map(|a| a.within)
            .filter(|x| x.is_finite() && near(*x))
            .collect();
        plan.sort_by(f64::total_cmp);
        plan.dedup();
        let mut common: Vec<f64> = COMMON.iter().copied().filter(|x| near(*x)).collect();
        let mut out = Vec::new();
        for pool in [&mut plan, &mut common] {
            while out.len() < 3 && !pool.is_empty() {
                let j = (self.rng.next_u64() % pool.len() as u64) as usize;
                let x = pool.remove(j);
                if !out.contains(&x) {
                    out.push(x);
                }
            }
        }
        out
    }

    /// Who signs off the first public statement before it goes out: its approvers,
    /// against other posts of the plan.
    fn approval_question(&mut self, t: f64, a: super::model::ActionId) -> Option<Question> {
        let m = self.r.model;
        let action = &m.actions[a as usize];
        if action.approvers.is_empty() {
            return None;
        }
        let said: Vec<String> = (action.approvers.iter())
            .map(|&p| m.parties[p as usize].said.clone())
            .collect();
        let right = self.w.list("cards.list", &said, usize::MAX);
        let mut pool: Vec<String> = (m.parties.iter().enumerate())
            .filter(|(i, p)| {
                matches!(
                    p.kind,
                    super::model::PartyKind::Role | super::model::PartyKind::Unit
                ) && !action.approvers.contains(&(*i as super::model::PartyId))
            })
            .map(|(_, p)| p.said.clone())
            .collect();
        let mut choices = vec![right.clone()];
        while choices.len() < 4 && !pool.is_empty() {
            let j = (self.rng.next_u64() % pool.len() as u64) as usize;
            choices.push(pool.remove(j));
        }
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        Some(Question {
            t,
            text: self
                .w
                .fill("drill.play.approved_by", &[("action", &action.said)]),
            choices,
            correct,
            credit: Vec::new(),
            capability: action.capability,
            expected: right,
        })
    }

    /// The first public statement of the run, if one was made.
    fn first_statement(&self) -> Option<(f64, super::model::ActionId)> {
        (self.r.log.marks.iter()).find_map(|mk| match mk.kind {
            MarkKind::Statement(a) => Some((mk.t, a)),
            _ => None,
        })
    }

    /// Who must be told: the first reporting line of whoever assesses.
    fn report_question(&mut self, t: f64) -> Option<Question> {
        let m = self.r.model;
        let w = self.w;
        let line = m
            .assessment
            .and_then(|a| m.actions[a as usize].owner)
            .and_then(|p| m.lines.iter().find(|l| l.from == p))?;
        let from = &m.parties[line.from as usize].said;
        let right = m.parties[line.to as usize].said.clone();
        let mut choices = vec![right.clone()];
        for p in &m.parties {
            if choices.len() >= 4 {
                break;
            }
            if p.said != right && p.said != *from {
                choices.push(p.said.clone());
            }
        }
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        let within = words::minutes(w, line.within);
        Some(Question {
            t,
            text: w.fill("drill.play.report_to", &[("party", from)]),
            choices,
            correct,
            credit: Vec::new(),
            capability: Capability::Reporting,
            expected: w.fill(
                "drill.play.report_expected",
                &[("party", &right), ("within", &within)],
            ),
        })
    }

    /// The moments a facilitator stops at: detection, then each inject after it (six
    /// at most), with what is told.
    fn moments(&self) -> Vec<(f64, String)> {
        let (r, w) = (self.r, self.w);
        let sc = &r.model.scenarios[r.scenario];
        let mut moments: Vec<(f64, String)> = Vec::new();
        let detect = r.log.outcome.detect;
        if detect.is_finite() {
            let detail = if sc.detail.is_empty() {
                sc.title_or_name()
            } else {
                sc.detail.trim()
            };
            let clock = words::clock(detect);
            let told = [
                ("clock", clock.as_str()),
                ("detail", detail),
                ("title", sc.title_or_name()),
            ];
            moments.push((detect, w.fill("drill.play.detected", &told)));
        }
        for mk in &r.log.marks {
            if let MarkKind::Inject(i) = mk.kind
                && mk.t > detect
            {
                let inj = &sc.injects[i as usize];
                let text = if inj.detail.is_empty() {
                    &inj.name
                } else {
                    &inj.detail
                };
                let clock = words::clock(mk.t);
                let told = [
                    ("clock", clock.as_str()),
                    ("name", &inj.name),
                    ("text", text),
                ];
                moments.push((mk.t, w.fill("drill.play.inject", &told)));
            }
        }
        moments.truncate(6);
        for (t, text) in &mut moments {
            if let Some(facts) = self.so_far(*t) {
                text.push('\n');
                text.push_str(&facts);
            }
        }
        moments
    }

    /// What the situation shows by `t`, as the level's criteria read it: the media
    /// that report it (the highest so far), a hot-search listing, official attention,
    /// and what has been said publicly.
    fn so_far(&self, t: f64) -> Option<String> {
        let (r, w) = (self.r, self.w);
        let mut media = None;
        let mut facts: Vec<String> = Vec::new();
        for mk in r.log.marks.iter().filter(|mk| mk.t <= t + 0.01) {
            match mk.kind {
                MarkKind::MediaUp(_) => media = Some(mk.kind),
                MarkKind::HotSearch
                | MarkKind::Official
                | MarkKind::LocalOfficial
                | MarkKind::Statement(_) => {
                    let (said, _) = words::mark(w, r.model, r.scenario, mk.kind);
                    if !facts.contains(&said) {
                        facts.push(said);
                    }
                }
                _ => {}
            }
        }
        if let Some(k) = media {
            facts.insert(0, words::mark(w, r.model, r.scenario, k).0);
        }
        (!facts.is_empty()).then(|| {
            let sep = w.get("drill.doc.list_sep");
            w.fill("drill.play.so_far", &[("facts", &facts.join(&sep))])
        })
    }
}

/// Builds the decision points of a seed from the plan.
pub fn points(r: &Runner, lang: Lang) -> Vec<Point> {
    let mut rng = ChaCha8Rng::seed_from_u64(r.seed);
    rng.set_stream(3);
    let mut f = Facilitator {
        r,
        w: Words::of(lang),
        rng,
    };
    let all_names: Vec<String> = {
        let mut v: Vec<String> = r.model.actions.iter().map(|a| a.said.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let mut out = Vec::new();
    let moments = f.moments();
    let nexts: Vec<f64> = (moments.iter().skip(1).map(|(t, _)| *t))
        .chain([f64::INFINITY])
        .collect();
    let statement = f.first_statement();
    for ((t, brief), next) in moments.into_iter().zip(nexts) {
        let mut questions = vec![f.level_question(t)];
        if let Some(a) = f.first_action(t, next) {
            questions.extend(f.action_questions(t, a, &all_names));
        }
        // Who signs off the first statement: asked at the moment it is being drafted.
        if let Some((at, a)) = statement
            && at >= t
            && at < next
            && let Some(q) = f.approval_question(t, a)
        {
            questions.push(q);
        }
        if out.is_empty()
            && let Some(q) = f.report_question(t)
        {
            questions.push(q);
        }
        out.push(Point {
            t,
            brief,
            questions,
        });
    }
    out
}

/// An answer as typed with an input method: full-width digits, letters and signs
/// (`１`, `Ａ`) as their ASCII forms, the ideographic space as a space, trimmed.
pub fn normalize(answer: &str) -> String {
    answer
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Matches an answer line to a choice: its number, its text, a part of it, or the
/// choice it is one slip away from (the checker's did-you-mean). `None`: no choice —
/// the question is asked again.
pub fn pick(answer: &str, q: &Question) -> Option<usize> {
    let a = normalize(answer);
    if a.is_empty() {
        return None;
    }
    if let Ok(n) = a.parse::<usize>() {
        return (1..=q.choices.len()).contains(&n).then(|| n - 1);
    }
    if a.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
    {
        return None;
    }
    q.choices
        .iter()
        .position(|c| *c == a)
        .or_else(|| {
            q.choices
                .iter()
                .position(|c| c.contains(a.as_str()) || a.contains(c.as_str()))
        })
        .or_else(|| {
            let near = crate::source::suggest(&a, q.choices.iter().map(String::as_str))?;
            q.choices.iter().position(|c| c == near)
        })
}

/// Asks one question on `out` and reads answers from `input` until one names a choice;
/// `None` at the end of input. An answer that names none (a number out of range, an
/// empty line, text like no choice) is asked again, never scored.
fn ask(
    q: &Question,
    w: &Words,
    echoed: bool,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<Option<(String, usize)>> {
    writeln!(out, "  {}", q.text)?;
    for (i, c) in q.choices.iter().enumerate() {
        writeln!(out, "    {}. {}", i + 1, c)?;
    }
    loop {
        write!(out, "  > ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(None);
        }
        let line = line.trim().to_string();
        // Piped answers are not echoed: the prompt's line ends here, not on the
        // terminal's Enter.
        if !echoed {
            writeln!(out)?;
        }
        if let Some(i) = pick(&line, q) {
            return Ok(Some((line, i)));
        }
        let most = q.choices.len().to_string();
        writeln!(out, "  {}", w.fill("drill.play.again", &[("most", &most)]))?;
    }
}

/// Plays a drill: writes prompts to `out`, reads answers from `input`, and returns the
/// decision log. `echoed`: the answers appear on `out` as they are typed (a terminal),
/// so a prompt's line is ended by the typist.
pub fn play(
    r: &Runner,
    lang: Lang,
    echoed: bool,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<Vec<Decision>> {
    let w = Words::of(lang);
    let sc = &r.model.scenarios[r.scenario];
    let onset = words::weekday_time(w, r.log.outcome.onset_minute);
    let header = [("title", sc.title_or_name()), ("onset", &onset)];
    writeln!(out, "{}", w.fill("drill.play.header", &header))?;
    let mut log = Vec::new();
    let mut ended = false;
    let mut unanswered = 0usize;
    for p in points(r, lang) {
        // After the end of input nothing more is shown: the remaining questions are
        // recorded as unanswered and the drill is scored as it stands.
        if !ended {
            writeln!(out, "\n{}", p.brief)?;
        }
        for q in &p.questions {
            let answered = if ended {
                None
            } else {
                ask(q, w, echoed, input, out)?
            };
            ended |= answered.is_none();
            if answered.is_none() {
                unanswered += 1;
            }
            let chosen = answered.as_ref().map(|(_, i)| *i);
            let answer = answered.map(|(a, _)| a);
            let correct = chosen == Some(q.correct);
            let credit = chosen.map_or(0.0, |i| q.credit_of(i));
            let result = w.get(match (answer.is_some(), correct, credit > 0.0) {
                (false, _, _) => "drill.play.unanswered",
                (true, true, _) => "drill.play.right",
                (true, false, true) => "drill.play.partly",
                (true, false, false) => "drill.play.wrong",
            });
            if answer.is_some() {
                let feedback = [("result", result.as_str()), ("expected", &q.expected)];
                writeln!(out, "{}", w.fill("drill.play.feedback", &feedback))?;
            }
            log.push(Decision {
                clock: words::clock(q.t),
                question: q.text.clone(),
                answer: match (chosen, answer) {
                    (Some(i), _) => q.choices[i].clone(),
                    (None, Some(a)) => a,
                    (None, None) => "—".into(),
                },
                expected: q.expected.clone(),
                result,
                correct,
                credit,
                capability: q.capability.plan_name(),
            });
        }
    }
    if unanswered > 0 {
        let count = unanswered.to_string();
        writeln!(
            out,
            "{}",
            w.fill("drill.play.end_of_input", &[("count", &count)])
        )?;
    }
    Ok(log)
}

/// The score of a tabletop: its 0–100 score, verdict and capabilities.
#[derive(Clone, Debug)]
pub struct TabletopScore {
    pub score: f64,
    pub verdict: Verdict,
    pub capabilities: Vec<output::CapabilityJson>,
}

/// Scores a decision log: per capability the share of right answers, weighted as runs are.
pub fn score(m: &DrillModel, log: &[Decision]) -> TabletopScore {
    let mut right = [0u64; 6];
    let mut partly = [0u64; 6];
    let mut earned = [0f64; 6];
    let mut total = [0u64; 6];
    for d in log {
        let c = crate::model::vocab::capability(d.capability).unwrap_or(0);
        total[c] += 1;
        right[c] += d.correct as u64;
        partly[c] += (!d.correct && d.credit > 0.0) as u64;
        earned[c] += d.credit;
    }
    let p = &m.params;
    let (mut sum, mut weights) = (0.0, 0.0);
    let mut capabilities = Vec::new();
    for c in Capability::ALL {
        let i = c as usize;
        let score = (total[i] > 0).then(|| round1(100.0 * earned[i] / total[i] as f64));
        if let Some(s) = score {
            sum += p.weights[i] * s;
            weights += p.weights[i];
        }
        capabilities.push(output::CapabilityJson {
            name: c.plan_name(),
            rating: match score {
                None => "N/A",
                Some(s) if s >= p.rating_bands[0] => "P",
                Some(s) if s >= p.rating_bands[1] => "S",
                Some(s) if s > 0.0 => "M",
                Some(_) => "U",
            },
            score,
            counts: output::Counts {
                p: right[i],
                s: partly[i],
                m: 0,
                u: total[i] - right[i] - partly[i],
            },
        });
    }
    let score = if weights > 0.0 {
        round1(sum / weights)
    } else {
        0.0
    };
    let ratings = capabilities.iter().filter_map(|c| match c.rating {
        "P" => Some(Rating::P),
        "S" => Some(Rating::S),
        "M" => Some(Rating::M),
        "U" => Some(Rating::U),
        _ => None,
    });
    let verdict = Verdict::of_ratings(ratings);
    TabletopScore {
        score,
        verdict,
        capabilities,
    }
}

/// The closing line of a tabletop: right answers, score, verdict.
pub fn summary(log: &[Decision], s: &TabletopScore, lang: Lang) -> String {
    let w = Words::of(lang);
    let right = log.iter().filter(|d| d.correct).count().to_string();
    let total = log.len().to_string();
    let score = format!("{:.1}", s.score);
    let verdict = words::verdict(w, s.verdict);
    let pass = words::pass(w, s.verdict.pass());
    let fields = [
        ("right", right.as_str()),
        ("total", &total),
        ("score", &score),
        ("verdict", &verdict),
        ("pass", &pass),
    ];
    w.fill("drill.play.summary", &fields)
}

/// The report of a tabletop: the run's report with the tabletop's score and the
/// decision log instead of the simulated findings.
/// What a facilitated drill shows to improve: each answer that was not what the plan
/// says, with the study that closes the gap, owned by the plan's maintainer and due
/// before the next drill. A run with a wrong answer never reports nothing to improve.
pub fn to_improve(m: &DrillModel, log: &[Decision], lang: Lang) -> Vec<output::FindingRow> {
    let w = Words::of(lang);
    let owner = if m.maintainer.is_empty() {
        w.get("drill.play.improve_owner")
    } else {
        m.maintainer.clone()
    };
    (log.iter().filter(|d| !d.correct))
        .map(|d| {
            let said = [
                ("answer", d.answer.as_str()),
                ("expected", d.expected.as_str()),
            ];
            let unanswered = d.result == w.get("drill.play.unanswered");
            let key = if unanswered {
                "drill.play.gap_unanswered"
            } else {
                "drill.play.gap"
            };
            let text = w.fill(key, &said);
            let action = w.fill("drill.play.improve", &[("expected", d.expected.as_str())]);
            output::FindingRow {
                what: d.question.clone(),
                capability: d.capability.to_string(),
                rating: if d.credit > 0.0 { "S" } else { "U" },
                text: text.clone(),
                // The decision log says when; the plan section is the question's own.
                location: String::new(),
                improvement: output::Improvement {
                    issue: text,
                    action,
                    element: w.get("drill.play.improve_element"),
                    owner: owner.clone(),
                    due: w.get("drill.play.improve_due"),
                },
            }
        })
        .collect()
}

pub fn report(
    r: &Runner,
    log: &[Decision],
    s: &TabletopScore,
    src: &Source,
    lang: Lang,
    path: &Path,
    templates: Option<&Path>,
) -> Result<Vec<u8>, String> {
    let mut view = output::run_view(r, src, lang);
    view.json.score = s.score;
    view.json.verdict = s.verdict.json_name();
    view.json.capabilities = s.capabilities.clone();
    view.pass = s.verdict.pass();
    view.findings = to_improve(r.model, log, lang);
    let decisions = serde_json::to_value(log).unwrap_or_default();
    report::run_report_with(r.model, &view, src, lang, path, templates, decisions)
}
