//! The interactive tabletop: the situation and each inject in time order, with the
//! questions a facilitator would ask — which level now, what comes first, within what
//! time, who must be told — and choices built from the plan. Answers are read line by
//! line from standard input (a number picks a choice, other text is matched against
//! the choices); end of input ends the drill early, and it is still scored.

use super::model::DrillModel;
use super::output;
use super::score::{Verdict, round1};
use super::sim::{MarkKind, Runner, What};
use super::{report, words};
use crate::cli::{Failure, Outcome};
use crate::diagnostic::Lang;
use crate::source::Source;
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
    pub capability: u8,
    /// What the plan says, in words (shown after the answer and in the log).
    pub expected: String,
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

/// Builds the decision points of a seed from the plan.
pub fn points(r: &Runner, lang: Lang) -> Vec<Point> {
    let m = r.m;
    let zh = lang == Lang::Zh;
    let mut rng = ChaCha8Rng::seed_from_u64(r.seed);
    rng.set_stream(3);
    let sc = &m.scenarios[r.scenario];
    let level_at = |t: f64| -> i8 {
        let mut l = -1;
        for mk in &r.marks {
            if mk.t > t + 0.01 {
                break;
            }
            if let MarkKind::TrueLevel(x) = mk.kind {
                l = x;
            }
        }
        l
    };
    let none = if zh {
        "暂不定级，继续监测"
    } else {
        "no level yet; keep watching"
    }
    .to_string();
    let level_q = |t: f64, rng: &mut ChaCha8Rng| -> Question {
        let l = level_at(t);
        let mut choices: Vec<String> = m.levels.iter().rev().map(|x| x.name.clone()).collect();
        choices.push(none.clone());
        let right = if l >= 0 {
            m.levels[l as usize].name.clone()
        } else {
            none.clone()
        };
        let correct = shuffle(rng, &mut choices, &right);
        Question {
            t,
            text: if zh {
                "按预案的分级标准，现在应是什么级别？".into()
            } else {
                "By the plan's criteria, which level is it now?".into()
            },
            choices,
            correct,
            capability: 1,
            expected: right,
        }
    };
    // The first action the plan starts at or just after t (by trigger time, then order).
    let first_action = |t: f64| {
        r.exps
            .iter()
            .filter(|e| matches!(e.what, What::Action(_)) && e.instance == 0)
            .filter(|e| e.trig >= t - 0.01 && e.trig <= t + 90.0)
            .find(|e| {
                !matches!(e.what, What::Action(a) if m.actions[a as usize].assessment)
                    || e.trig < t + 1.0
            })
            .copied()
    };
    let all_names: Vec<String> = {
        let mut v: Vec<String> = m.actions.iter().map(|a| a.name.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let mut out = Vec::new();
    let mut moments: Vec<(f64, String)> = Vec::new();
    let detect = r.outcome.detect;
    if detect.is_finite() {
        moments.push((
            detect,
            if zh {
                format!(
                    "{}发现：{}",
                    words::clock(detect),
                    if sc.detail.is_empty() {
                        sc.title_or_name()
                    } else {
                        sc.detail.trim()
                    }
                )
            } else {
                format!("{} detected: {}", words::clock(detect), sc.title_or_name())
            },
        ));
    }
    for mk in &r.marks {
        if let MarkKind::Inject(i) = mk.kind
            && mk.t > detect
        {
            let inj = &sc.injects[i as usize];
            let text = if inj.detail.is_empty() {
                inj.name.clone()
            } else {
                inj.detail.clone()
            };
            moments.push((
                mk.t,
                format!("{} {}：{}", words::clock(mk.t), inj.name, text),
            ));
        }
    }
    moments.truncate(6);
    for (t, brief) in moments {
        let mut qs = vec![level_q(t, &mut rng)];
        if let Some(e) = first_action(t) {
            let What::Action(a) = e.what else { continue };
            let am = &m.actions[a as usize];
            let right = am.name.clone();
            let mut choices = vec![right.clone()];
            let mut pool: Vec<&String> = all_names.iter().filter(|n| **n != right).collect();
            for _ in 0..3 {
                if pool.is_empty() {
                    break;
                }
                let j = (rng.next_u64() % pool.len() as u64) as usize;
                choices.push(pool.remove(j).clone());
            }
            let correct = shuffle(&mut rng, &mut choices, &right);
            qs.push(Question {
                t,
                text: if zh {
                    "首先应当启动哪项处置措施？".into()
                } else {
                    "Which action comes first?".into()
                },
                choices,
                correct,
                capability: am.capability,
                expected: right.clone(),
            });
            let within = words::minutes(am.within, lang);
            let mut choices: Vec<String> = [0.5, 1.0, 2.0, 4.0]
                .iter()
                .map(|f| words::minutes((am.within * f).max(5.0), lang))
                .collect();
            choices.dedup();
            let correct = shuffle(&mut rng, &mut choices, &within);
            qs.push(Question {
                t,
                text: if zh {
                    format!("“{right}”应在多长时间内完成？")
                } else {
                    format!("Within what time must “{right}” be done?")
                },
                choices,
                correct,
                capability: am.capability,
                expected: within,
            });
        }
        // Who must be told: the first reporting line of whoever assesses.
        if out.is_empty()
            && let Some(line) = m
                .assessment
                .and_then(|a| m.actions[a as usize].owner)
                .and_then(|p| m.lines.iter().find(|l| l.from == p))
        {
            let right = m.parties[line.to as usize].name.clone();
            let mut choices = vec![right.clone()];
            for p in &m.parties {
                if choices.len() >= 4 {
                    break;
                }
                if p.name != right && p.name != m.parties[line.from as usize].name {
                    choices.push(p.name.clone());
                }
            }
            let correct = shuffle(&mut rng, &mut choices, &right);
            qs.push(Question {
                t,
                text: if zh {
                    format!("{} 应当首先向谁报告？", m.parties[line.from as usize].name)
                } else {
                    format!(
                        "Whom must {} tell first?",
                        m.parties[line.from as usize].name
                    )
                },
                choices,
                correct,
                capability: 2,
                expected: format!("{right}（{}）", words::minutes(line.within, lang)),
            });
        }
        out.push(Point {
            t,
            brief,
            questions: qs,
        });
    }
    out
}

/// Matches an answer line to a choice: its number, or its text.
pub fn pick(answer: &str, q: &Question) -> Option<usize> {
    let a = answer.trim();
    if a.is_empty() {
        return None;
    }
    if let Ok(n) = a.parse::<usize>() {
        return (1..=q.choices.len()).contains(&n).then(|| n - 1);
    }
    q.choices.iter().position(|c| c == a).or_else(|| {
        q.choices
            .iter()
            .position(|c| c.contains(a) || a.contains(c.as_str()))
    })
}

/// Plays a drill: writes prompts to `out`, reads answers from `input`.
pub fn play(
    r: &Runner,
    lang: Lang,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<Vec<Decision>> {
    let zh = lang == Lang::Zh;
    let m = r.m;
    let sc = &m.scenarios[r.scenario];
    writeln!(
        out,
        "{} {}（{}）",
        if zh { "桌面推演：" } else { "tabletop:" },
        sc.title_or_name(),
        words::weekday_time(r.outcome.onset_minute, lang)
    )?;
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
            let mut line = String::new();
            if !ended {
                writeln!(out, "  {}", q.text)?;
                for (i, c) in q.choices.iter().enumerate() {
                    writeln!(out, "    {}. {}", i + 1, c)?;
                }
                write!(out, "  > ")?;
                out.flush()?;
                if input.read_line(&mut line)? == 0 {
                    ended = true;
                    writeln!(out)?;
                }
            }
            let answer = if ended {
                unanswered += 1;
                None
            } else {
                Some(line.trim().to_string())
            };
            let chosen = answer.as_deref().and_then(|a| pick(a, q));
            let correct = chosen == Some(q.correct);
            let result = match (answer.is_some(), correct, zh) {
                (false, _, true) => "未作答",
                (false, _, false) => "no answer",
                (true, true, true) => "正确",
                (true, true, false) => "right",
                (true, false, true) => "不符合预案",
                (true, false, false) => "not what the plan says",
            };
            if answer.is_some() {
                let plan = if zh { "预案要求" } else { "the plan" };
                writeln!(out, "  {result}；{plan}：{}", q.expected)?;
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
                result: result.into(),
                correct,
                capability: words::capability(q.capability as usize, Lang::Zh),
            });
        }
    }
    if unanswered > 0 {
        writeln!(
            out,
            "{}",
            if zh {
                format!("输入结束：其余 {unanswered} 个问题记为未作答。")
            } else {
                format!("end of input: the remaining {unanswered} question(s) count as unanswered.")
            }
        )?;
    }
    Ok(log)
}

/// Scores a decision log: per capability the share of right answers, weighted as runs are.
pub fn score(m: &DrillModel, log: &[Decision]) -> (f64, Verdict, Vec<output::CapJson>) {
    let mut right = [0u64; 6];
    let mut total = [0u64; 6];
    for d in log {
        let c = crate::model::vocab::capability(d.capability).unwrap_or(0);
        total[c] += 1;
        right[c] += d.correct as u64;
    }
    let p = &m.params;
    let (mut sum, mut w) = (0.0, 0.0);
    let mut caps = Vec::new();
    for c in 0..6 {
        let score = (total[c] > 0).then(|| round1(100.0 * right[c] as f64 / total[c] as f64));
        if let Some(s) = score {
            sum += p.weights[c] * s;
            w += p.weights[c];
        }
        caps.push(output::CapJson {
            name: words::capability(c, Lang::Zh),
            rating: match score {
                None => "N/A",
                Some(s) if s >= p.verdict[0] => "P",
                Some(s) if s >= p.verdict[1] => "S",
                Some(s) if s > 0.0 => "M",
                Some(_) => "U",
            },
            score,
            counts: output::Counts {
                p: right[c],
                s: 0,
                m: 0,
                u: total[c] - right[c],
            },
        });
    }
    let s = if w > 0.0 { round1(sum / w) } else { 0.0 };
    let any_u = caps.iter().any(|c| c.rating == "U");
    let v = if s >= p.verdict[0] && !any_u {
        Verdict::Excellent
    } else if s >= p.verdict[1] {
        Verdict::Good
    } else if s >= p.verdict[2] {
        Verdict::Fair
    } else {
        Verdict::Poor
    };
    (s, v, caps)
}

/// `planc drill PLAN --interactive`.
pub fn run_cli(
    m: &DrillModel,
    src: &Source,
    seed: u64,
    lang: Lang,
    report_path: Option<&Path>,
    templates: Option<&Path>,
    inputs: &[&Path],
) -> Outcome {
    let r = super::run_one(m, seed);
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout().lock();
    let log = play(&r, lang, &mut input, &mut out).map_err(|e| Failure::Fatal(e.to_string()))?;
    let (s, v, caps) = score(m, &log);
    let zh = lang == Lang::Zh;
    let right = log.iter().filter(|d| d.correct).count();
    let _ = writeln!(
        out,
        "\n{} {}/{}  {} {:.1}  {} {}  {}",
        if zh { "答对" } else { "right" },
        right,
        log.len(),
        if zh { "得分" } else { "score" },
        s,
        if zh { "评估结论" } else { "verdict" },
        if zh { v.zh() } else { v.en() },
        match (v.pass(), zh) {
            (true, true) => "通过",
            (false, true) => "未通过",
            (true, false) => "PASS",
            (false, false) => "FAIL",
        }
    );
    let _ = out.flush();
    if let Some(path) = report_path {
        let mut view = output::run_view(&r, src, lang);
        view.json.score = s;
        view.json.verdict = v.zh();
        view.json.capabilities = caps;
        view.pass = v.pass();
        view.findings.clear();
        let decisions = serde_json::to_value(&log).unwrap_or_default();
        let doc = report::run_report_with(m, &view, src, lang, path, templates, decisions)
            .map_err(Failure::Fatal)?;
        crate::cli::emit(Some(path), inputs, &doc)?;
    }
    Ok(0)
}
