//! The questions a facilitator asks in each module, built from the plan and the run:
//! choices from the plan's own names, levels and times, shuffled by the seed (one
//! stream per module, so that what was answered before never reshuffles a module).

use super::super::model::{ActionId, Capability, PartyId, PartyKind, Public, Trigger};
use super::super::modules::{self, Module, ModuleKind, Told};
use super::super::sim::{MarkKind, NEVER, Runner, What};
use super::super::words;
use crate::wording::{Lang, Words};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What an answer changes in the course of the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    /// The first declaration: too low or none delays it.
    Declare,
    /// The first statement's sign-off: a wrong one lets it out unreviewed.
    Approve(ActionId),
    /// A report up a line: a wrong answer leaves it unmade until demanded.
    Report(u16),
}

/// One question with its choices.
#[derive(Clone, Debug)]
pub struct Question {
    pub t: f64,
    /// The stable word of the kind of question (the decision log's).
    pub kind: &'static str,
    pub text: String,
    pub choices: Vec<String>,
    pub correct: usize,
    /// The credit each choice earns where practice gives part of it (a level declared
    /// too high beats none); empty: the right choice earns all, the others nothing.
    pub credit: Vec<f64>,
    pub capability: Capability,
    /// What the plan says, in words (shown after the answer and in the log).
    pub expected: String,
    pub effect: Effect,
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

/// A decision point: one module, the situation told, then questions.
pub struct Point {
    pub t: f64,
    pub module: ModuleKind,
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

/// Picks up to `n` of `pool` at random, in the order drawn.
fn draw_some(rng: &mut ChaCha8Rng, mut pool: Vec<String>, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    while out.len() < n && !pool.is_empty() {
        let j = (rng.next_u64() % pool.len() as u64) as usize;
        out.push(pool.remove(j));
    }
    out
}

/// The moment a module is put to the room: detection and declaration when the team
/// finds and decides (their ends), the response at its start, escalation when its
/// last inject has come, stand-down when the situation has fallen.
pub fn presented_at(r: &Runner, md: &Module) -> f64 {
    let o = &r.log.outcome;
    let at = match md.kind {
        ModuleKind::Detection => o.detect.min(md.end),
        ModuleKind::Declaration => md.end,
        ModuleKind::FirstResponse => md.start,
        ModuleKind::Escalation => md.deliveries.last().map_or(md.start, |d| d.t),
        ModuleKind::StandDown => md.start,
    };
    if at.is_finite() {
        at.max(md.start)
    } else {
        md.start
    }
}

/// What the questions of a module are built from: the run, its modules, its words, and
/// the stream that shuffles the choices.
struct Facilitator<'r, 'm> {
    r: &'r Runner<'m>,
    w: &'static Words,
    rng: ChaCha8Rng,
}

impl Facilitator<'_, '_> {
    /// The true level at `t`, from the timeline.
    fn level_at(&self, t: f64) -> Option<u8> {
        modules::situation_at(self.r, t).true_level
    }

    fn declared_at(&self, t: f64) -> Option<u8> {
        modules::situation_at(self.r, t).declared
    }

    fn level_question(&mut self, t: f64, effect: Effect) -> Question {
        let m = self.r.model;
        let none = self.w.get("drill.play.no_level");
        let mut choices: Vec<String> = m.levels.iter().rev().map(|x| x.name.clone()).collect();
        choices.push(none.clone());
        let right = match self.level_at(t) {
            Some(l) => m.levels[l as usize].name.clone(),
            None => none,
        };
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        let truth = severity(self.r, &right);
        let credit = (choices.iter())
            .map(|c| match severity(self.r, c) - truth {
                0 => 1.0,
                // Over-escalating costs effort; not declaring costs the response.
                1 => 0.5,
                d if d > 1 => 0.25,
                -1 if severity(self.r, c) >= 0 => 0.25,
                _ => 0.0,
            })
            .collect();
        Question {
            t,
            kind: "level",
            text: self.w.get("drill.play.which_level"),
            choices,
            correct,
            credit,
            capability: Capability::Assessment,
            expected: right,
            effect,
        }
    }

    /// The first action the plan starts at or just after t (by trigger time, then
    /// order), before the next moment `next`: a question never expects what an inject
    /// not yet told will start.
    fn first_action(&self, t: f64, next: f64) -> Option<ActionId> {
        let m = self.r.model;
        self.r
            .log
            .expectations
            .iter()
            .filter(|e| matches!(e.what, What::Action(_)) && e.instance == 0)
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
    fn action_questions(&mut self, t: f64, a: ActionId, all_names: &[String]) -> [Question; 2] {
        let m = self.r.model;
        let w = self.w;
        let action = &m.actions[a as usize];
        let right = action.said.clone();
        let pool: Vec<String> = all_names.iter().filter(|n| **n != right).cloned().collect();
        let mut choices = vec![right.clone()];
        choices.extend(draw_some(&mut self.rng, pool, 3));
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        let first = Question {
            t,
            kind: "first_action",
            text: w.get("drill.play.first_action"),
            choices,
            correct,
            credit: Vec::new(),
            capability: action.capability,
            expected: right.clone(),
            effect: Effect::None,
        };
        let time = self.time_question(
            t,
            "within",
            action.within,
            w.fill("drill.play.within", &[("action", &right)]),
            action.capability,
        );
        [first, time]
    }

    /// A time limit, against wrong ones a trainee could believe.
    fn time_question(
        &mut self,
        t: f64,
        kind: &'static str,
        right: f64,
        text: String,
        capability: Capability,
    ) -> Question {
        let w = self.w;
        let within = words::minutes(w, right);
        let mut choices = vec![within.clone()];
        for x in self.time_distractors(right) {
            let said = words::minutes(w, x);
            if choices.len() < 4 && !choices.contains(&said) {
                choices.push(said);
            }
        }
        let correct = shuffle(&mut self.rng, &mut choices, &within);
        Question {
            t,
            kind,
            text,
            choices,
            correct,
            credit: Vec::new(),
            capability,
            expected: within,
            effect: Effect::None,
        }
    }

    /// Wrong time limits a trainee could believe: the plan's other time limits, then
    /// the times plans commonly set, near the right one (a quarter to eight times it) —
    /// drawn by the seed, so that neither the smallest nor any rank gives the answer
    /// away.
    fn time_distractors(&mut self, right: f64) -> Vec<f64> {
        const COMMON: [f64; 18] = [
            5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0, 180.0, 240.0, 360.0, 480.0,
            720.0, 1440.0, 2880.0, 4320.0, 10080.0,
        ];
        let near = |x: f64| x != right && x >= right / 4.0 && x <= right * 8.0;
        let m = self.r.model;
        let mut plan: Vec<f64> = (m.actions.iter().map(|a| a.within))
            .chain(m.lines.iter().map(|l| l.within))
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

    /// Posts and units of the plan other than `not`, as choices.
    fn other_posts(&self, not: &[PartyId]) -> Vec<String> {
        let m = self.r.model;
        (m.parties.iter().enumerate())
            .filter(|(i, p)| {
                matches!(p.kind, PartyKind::Role | PartyKind::Unit)
                    && !not.contains(&(*i as PartyId))
            })
            .map(|(_, p)| p.said.clone())
            .collect()
    }

    /// Who signs off the first public statement before it goes out: its approvers,
    /// against other posts of the plan.
    fn approval_question(&mut self, t: f64, a: ActionId) -> Option<Question> {
        let m = self.r.model;
        let action = &m.actions[a as usize];
        if action.approvers.is_empty() {
            return None;
        }
        let said: Vec<String> = (action.approvers.iter())
            .map(|&p| m.parties[p as usize].said.clone())
            .collect();
        let right = self.w.list("cards.list", &said, usize::MAX);
        let pool = self.other_posts(&action.approvers);
        let mut choices = vec![right.clone()];
        choices.extend(draw_some(&mut self.rng, pool, 3));
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        Some(Question {
            t,
            kind: "approved_by",
            text: self
                .w
                .fill("drill.play.approved_by", &[("action", &action.said)]),
            choices,
            correct,
            credit: Vec::new(),
            capability: action.capability,
            expected: right,
            effect: Effect::Approve(a),
        })
    }

    /// Which statement goes out first (what the holding statement is): the plan's
    /// statement of the run against its other public communications.
    fn statement_question(&mut self, t: f64, a: ActionId) -> Option<Question> {
        let m = self.r.model;
        let right = m.actions[a as usize].said.clone();
        let mut pool: Vec<String> = (m.actions.iter())
            .filter(|x| x.speaks() || x.facets.debunk || x.facets.legal_action)
            .map(|x| x.said.clone())
            .filter(|s| *s != right)
            .collect();
        pool.sort();
        pool.dedup();
        if pool.is_empty() {
            return None;
        }
        let mut choices = vec![right.clone()];
        choices.extend(draw_some(&mut self.rng, pool, 3));
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        Some(Question {
            t,
            kind: "statement",
            text: self.w.get("drill.play.statement"),
            choices,
            correct,
            credit: Vec::new(),
            capability: Capability::PublicInformation,
            expected: right,
            effect: Effect::None,
        })
    }

    /// The first statement of the run before `until`, if one was made.
    fn first_statement(&self, until: f64) -> Option<(f64, ActionId)> {
        (self.r.log.marks.iter()).find_map(|mk| match mk.kind {
            MarkKind::Statement(a) if mk.t < until => Some((mk.t, a)),
            _ => None,
        })
    }

    /// Who must be told: the first reporting line of whoever assesses.
    fn report_question(&mut self, t: f64) -> Option<Question> {
        let m = self.r.model;
        let w = self.w;
        let (k, line) = m
            .assessment
            .and_then(|a| m.actions[a as usize].owner)
            .and_then(|p| m.lines.iter().enumerate().find(|(_, l)| l.from == p))?;
        let from = &m.parties[line.from as usize].said;
        let right = m.parties[line.to as usize].said.clone();
        let pool = self.other_posts(&[line.from, line.to]);
        let mut choices = vec![right.clone()];
        choices.extend(draw_some(&mut self.rng, pool, 3));
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        let within = words::minutes(w, line.within);
        Some(Question {
            t,
            kind: "report_to",
            text: w.fill("drill.play.report_to", &[("party", from)]),
            choices,
            correct,
            credit: Vec::new(),
            capability: Capability::Reporting,
            expected: w.fill(
                "drill.play.report_expected",
                &[("party", &right), ("within", &within)],
            ),
            effect: Effect::Report(k as u16),
        })
    }

    /// Reporting to the supervising authority: from which level, within what time —
    /// the plan's upward line, against other levels and times. Asked only of a plan
    /// with such a line; a wrong level while the report is due leaves it unmade.
    fn upward_question(&mut self, t: f64) -> Option<Question> {
        let m = self.r.model;
        let w = self.w;
        // Each level may have its own line up: the one of the lowest level says from
        // which level on the authority is told.
        let lowest_of = |l: &super::super::model::ReportingLine| {
            (0..m.levels.len()).find(|&x| l.levels & (1 << x) != 0)
        };
        let (line, lowest) = (m.lines.iter())
            .filter(|l| l.upward)
            .filter_map(|l| Some((l, lowest_of(l)?)))
            .min_by_key(|x| x.1)?;
        let said = |l: usize, x: f64| {
            let within = words::minutes(w, x);
            let level = &m.levels[l].name;
            w.fill(
                "drill.play.upward_choice",
                &[("level", level), ("within", &within)],
            )
        };
        let mut times = vec![line.within];
        times.extend(self.time_distractors(line.within).into_iter().take(2));
        let right = said(lowest, line.within);
        let grid: Vec<(usize, f64)> = (0..m.levels.len())
            .flat_map(|l| times.iter().map(move |&x| (l, x)))
            .filter(|&(l, x)| (l, x) != (lowest, line.within))
            .collect();
        let mut choices = vec![right.clone()];
        let pool: Vec<String> = grid.iter().map(|&(l, x)| said(l, x)).collect();
        choices.extend(draw_some(&mut self.rng, pool, 3));
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        // The right level with a wrong time still reports; a wrong level may not.
        let credit = (choices.iter())
            .map(|c| {
                if *c == right {
                    1.0
                } else if times.iter().any(|&x| *c == said(lowest, x)) {
                    0.5
                } else {
                    0.0
                }
            })
            .collect();
        // Due when the level declared has a line up; the one steered is that level's.
        let due_line = self.declared_at(t).and_then(|l| {
            (m.lines.iter().enumerate())
                .find(|(_, x)| x.upward && x.levels & (1 << l) != 0)
                .map(|(k, _)| k)
        });
        let to = &m.parties[line.to as usize].said;
        Some(Question {
            t,
            kind: "upward",
            text: w.fill("drill.play.upward", &[("party", to)]),
            choices,
            correct,
            credit,
            capability: Capability::Reporting,
            expected: right,
            effect: due_line.map_or(Effect::None, |k| Effect::Report(k as u16)),
        })
    }

    /// Press conferences: from which level the plan holds one. Asked only of a plan
    /// that has one.
    fn press_question(&mut self, t: f64) -> Option<Question> {
        let m = self.r.model;
        let lowest = (0..m.levels.len()).find(|&l| {
            (m.actions.iter()).any(|a| {
                a.public == Public::PressConference
                    && matches!(a.trigger, Trigger::Levels(b) if b & (1 << l) != 0)
            })
        })?;
        let right = m.levels[lowest].name.clone();
        let mut choices: Vec<String> = m.levels.iter().map(|l| l.name.clone()).collect();
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        Some(Question {
            t,
            kind: "press_conference",
            text: self.w.get("drill.play.press"),
            choices,
            correct,
            credit: Vec::new(),
            capability: Capability::PublicInformation,
            expected: right,
            effect: Effect::None,
        })
    }

    /// 三同步: what is done offline while the story is answered online — the plan's
    /// offline action of the run, against its other actions. Asked only when the run
    /// started one by `until`.
    fn offline_question(&mut self, t: f64, until: f64, all_names: &[String]) -> Option<Question> {
        let m = self.r.model;
        let a = (self.r.log.expectations.iter())
            .filter(|e| e.triggered < until)
            .find_map(|e| match e.what {
                What::Action(a) if m.actions[a as usize].facets.offline => Some(a),
                _ => None,
            })?;
        let action = &m.actions[a as usize];
        let right = action.said.clone();
        let pool: Vec<String> = (all_names.iter())
            .filter(|n| {
                **n != right && !m.actions.iter().any(|x| x.said == **n && x.facets.offline)
            })
            .cloned()
            .collect();
        let mut choices = vec![right.clone()];
        choices.extend(draw_some(&mut self.rng, pool, 3));
        let correct = shuffle(&mut self.rng, &mut choices, &right);
        Some(Question {
            t,
            kind: "offline",
            text: self.w.get("drill.play.offline"),
            choices,
            correct,
            credit: Vec::new(),
            capability: action.capability,
            expected: right,
            effect: Effect::None,
        })
    }

    /// When to stand down: how long the situation must stay low at the level declared,
    /// and who approves ending the response. Asked only of a level that says.
    fn stand_down_questions(&mut self, t: f64) -> Vec<Question> {
        let m = self.r.model;
        let w = self.w;
        let Some(l) = self.declared_at(t).or(self.r.log.outcome.top_level) else {
            return Vec::new();
        };
        let level = &m.levels[l as usize];
        let mut out = Vec::new();
        if let Some(sd) = &level.stand_down {
            let text = w.fill("drill.play.stand_down", &[("level", &level.name)]);
            out.push(self.time_question(t, "stand_down", sd.hold, text, Capability::Recovery));
        }
        let by = level.stand_down_by.or(level.declared_by);
        if let Some(p) = by {
            let right = m.parties[p as usize].said.clone();
            let pool = self.other_posts(&[p]);
            let mut choices = vec![right.clone()];
            choices.extend(draw_some(&mut self.rng, pool, 3));
            let correct = shuffle(&mut self.rng, &mut choices, &right);
            out.push(Question {
                t,
                kind: "stand_down_by",
                text: w.get("drill.play.stand_down_by"),
                choices,
                correct,
                credit: Vec::new(),
                capability: Capability::Recovery,
                expected: right,
                effect: Effect::None,
            });
        }
        out
    }
}

/// The severity of a level choice: its index, -1 for "no level".
fn severity(r: &Runner, c: &str) -> i64 {
    (r.model.levels.iter().position(|l| l.name == c)).map_or(-1, |i| i as i64)
}

/// The situation of a module in words: when, what was delivered since the previous
/// module was put to the room, and the figures the level criteria read.
fn brief(r: &Runner, w: &Words, mods: &[Module], k: usize, t: f64, since: f64) -> String {
    let m = r.model;
    let sc = &m.scenarios[r.scenario];
    let md = &mods[k];
    let name = w.get(&format!("drill.module.{}", md.kind.key()));
    let clock = words::clock(t);
    let mut lines = vec![w.fill("drill.play.module", &[("module", &name), ("clock", &clock)])];
    if md.kind == ModuleKind::Detection {
        let detail = if sc.detail.is_empty() {
            sc.title_or_name()
        } else {
            sc.detail.trim()
        };
        let told = [
            ("clock", clock.as_str()),
            ("detail", detail),
            ("title", sc.title_or_name()),
        ];
        lines.push(w.fill("drill.play.detected", &told));
    }
    for d in mods.iter().flat_map(|x| &x.deliveries) {
        if d.t <= since || d.t > t + 0.01 {
            continue;
        }
        let clock = words::clock(d.t);
        let text = match d.told {
            Told::Inject(i) => {
                let inj = &sc.injects[i as usize];
                let text = if inj.detail.is_empty() {
                    &inj.name
                } else {
                    &inj.detail
                };
                let told = [
                    ("clock", clock.as_str()),
                    ("name", &inj.name),
                    ("text", text),
                ];
                w.fill("drill.play.inject", &told)
            }
            Told::Demand(_) | Told::Correction(_) => {
                let kind = match d.told {
                    Told::Demand(l) => MarkKind::Demand(l),
                    Told::Correction(a) => MarkKind::Correction(a),
                    Told::Inject(i) => MarkKind::Inject(i),
                };
                let said = words::mark(w, m, r.scenario, kind).0;
                w.fill("drill.play.told", &[("clock", &clock), ("text", &said)])
            }
        };
        let to: Vec<String> =
            d.to.iter()
                .map(|&p| m.parties[p as usize].said.clone())
                .collect();
        if to.is_empty() {
            lines.push(text);
        } else {
            let to = w.list("cards.list", &to, usize::MAX);
            lines.push(w.fill("drill.play.delivered", &[("text", &text), ("to", &to)]));
        }
    }
    lines.push(figures(r, w, t));
    lines.join("\n")
}

/// The figures at `t`: reach, heat, media, hot search, official attention, and what has
/// been said publicly.
pub fn figures(r: &Runner, w: &Words, t: f64) -> String {
    let m = r.model;
    let s = modules::situation_at(r, t);
    let yes_no = |b: bool| w.get(if b { "drill.play.yes" } else { "drill.play.no" });
    let said: Vec<String> = (s.statements.iter())
        .map(|&a| m.actions[a as usize].said.clone())
        .collect();
    let said = if said.is_empty() {
        w.get("drill.play.nothing_said")
    } else {
        w.list("cards.list", &said, usize::MAX)
    };
    let reach = words::people(w, s.reach);
    let heat = format!("{}", s.heat.max(0.0).round() as u64);
    let media = words::media_tier(w, s.media);
    let hot = yes_no(s.hot_search);
    let official = yes_no(s.official || s.local_official);
    let fields = [
        ("reach", reach.as_str()),
        ("heat", &heat),
        ("media", &media),
        ("hot", &hot),
        ("official", &official),
        ("said", &said),
    ];
    w.fill("drill.play.figures", &fields)
}

/// The names of the plan's actions, sorted, each once: the pool of wrong choices.
fn action_names(r: &Runner) -> Vec<String> {
    let mut v: Vec<String> = r.model.actions.iter().map(|a| a.said.clone()).collect();
    v.sort();
    v.dedup();
    v
}

/// The point of module `k` of a recorded run: its situation and its questions (none
/// when the plan has nothing to ask there).
pub fn point(r: &Runner, lang: Lang, k: usize) -> Option<Point> {
    let mods = modules::modules(r);
    let md = mods.get(k)?;
    if r.log.outcome.detect == NEVER {
        return None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(r.seed);
    rng.set_stream(3 + k as u64);
    let mut f = Facilitator {
        r,
        w: Words::of(lang),
        rng,
    };
    let at: Vec<f64> = mods.iter().map(|x| presented_at(r, x)).collect();
    let t = at[k];
    let next = at.get(k + 1).copied().unwrap_or(NEVER);
    let since = if k == 0 { f64::NEG_INFINITY } else { at[k - 1] };
    let names = action_names(r);
    let mut questions = Vec::new();
    let first = |f: &mut Facilitator, qs: &mut Vec<Question>| {
        if let Some(a) = f.first_action(t, next) {
            qs.extend(f.action_questions(t, a, &names));
        }
    };
    match md.kind {
        ModuleKind::Detection => {
            first(&mut f, &mut questions);
            questions.extend(f.report_question(t));
        }
        ModuleKind::Declaration => questions.push(f.level_question(t, Effect::Declare)),
        ModuleKind::FirstResponse => {
            if let Some((_, a)) = f.first_statement(mods[k].end.max(next)) {
                questions.extend(f.statement_question(t, a));
                questions.extend(f.approval_question(t, a));
            }
            questions.extend(f.upward_question(t));
            first(&mut f, &mut questions);
        }
        ModuleKind::Escalation => {
            questions.push(f.level_question(t, Effect::None));
            questions.extend(f.press_question(t));
            questions.extend(f.offline_question(t, next, &names));
        }
        ModuleKind::StandDown => questions.extend(f.stand_down_questions(t)),
    }
    if questions.is_empty() {
        return None;
    }
    let brief = brief(r, f.w, &mods, k, t, since);
    Some(Point {
        t,
        module: md.kind,
        brief,
        questions,
    })
}

/// The decision points of a recorded run, module by module, as its course stands.
pub fn points(r: &Runner, lang: Lang) -> Vec<Point> {
    (0..ModuleKind::ALL.len())
        .filter_map(|k| point(r, lang, k))
        .collect()
}
