//! The working forms compiled from the plan: the information report form (信息报告单:
//! the fields the plan's own annex asks for, else the fields every first report
//! carries), a warning notice (预警信息发布单, the fields of GB/T 40054) per level, the
//! follow-up report form (续报单) with the cadence the plan sets per level, and the
//! plan's statement templates with their blanks.

use super::words;
use crate::model::display::Titles;
use crate::model::{Plan, Trigger};
use crate::render::view;
use crate::wording::{Lang, Words};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Forms {
    pub lang: &'static str,
    pub plan: String,
    pub report: Form,
    pub warnings: Vec<Form>,
    pub follow_up: Form,
    pub statements: Vec<Statement>,
}

/// A form: its title, what it is for, and its fields (a value where the plan gives
/// it, else a blank to fill in).
#[derive(Clone, Debug, Serialize)]
pub struct Form {
    pub title: String,
    pub note: Option<String>,
    pub fields: Vec<Field>,
    /// Who signs it (填报人, 审核人, 签发人 …).
    pub signatures: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Field {
    pub label: String,
    pub value: String,
    /// The lines a blank field leaves for the hand that fills it: more for an account
    /// (what happened, the spread, the measures) than for a name or a time.
    pub lines: u8,
}

/// A statement template of the plan, with the blanks (`{事件简称}`) it leaves.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    pub title: String,
    pub lines: Vec<String>,
    pub blanks: Vec<String>,
}

fn field(label: String, value: String) -> Field {
    Field {
        label,
        value,
        lines: 1,
    }
}

fn blank(label: String) -> Field {
    field(label, String::new())
}

/// Every form of a plan.
pub fn forms(plan: &Plan, lang: Lang) -> Forms {
    let t = words(plan, lang);
    let v = view::build(plan, lang, &t);
    let mut forms = Forms {
        lang: lang.code(),
        plan: v.header.title.clone(),
        report: report(plan, lang, &t),
        warnings: warnings(plan, &v, &t),
        follow_up: follow_up(plan, &t),
        statements: statements(plan),
    };
    let tall: Vec<String> = (t.lookup("cards.forms.tall").and_then(|v| v.as_array()))
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_lowercase))
        .collect();
    let all = std::iter::once(&mut forms.report)
        .chain(forms.warnings.iter_mut())
        .chain(std::iter::once(&mut forms.follow_up));
    for f in all.flat_map(|f| f.fields.iter_mut()) {
        let label = f.label.to_lowercase();
        if f.value.is_empty() && tall.iter().any(|w| label.contains(w.as_str())) {
            f.lines = 3;
        }
    }
    forms
}

/// The rows of the plan's own report form: the first column of each table row of an
/// annex whose name is a report form (`…报告单`, `…report form`), header row left out.
fn annex_fields(plan: &Plan, t: &Words) -> Option<(String, Option<String>, Vec<String>)> {
    let a = report_annex(plan, t)?;
    let text = a.text.value.as_str();
    let rows = form_rows(text);
    let note = (text.lines().map(str::trim))
        .find(|l| !l.is_empty() && !l.starts_with('|'))
        .map(str::to_string);
    (!rows.is_empty()).then(|| (a.name.value.to_string(), note, rows))
}

/// The plan's own report form: the first annex whose name says it is one.
pub fn report_annex<'a>(plan: &'a Plan, t: &Words) -> Option<&'a crate::model::Annex> {
    // `incident_report_form` names a "report form" as much as 舆情信息报告单 names a 报告单.
    let marker = t.get("cards.forms.report_annex").to_lowercase();
    (plan.annexes.iter())
        .find(|a| (a.name.value.replace('_', " ").to_lowercase()).contains(marker.as_str()))
}

/// The rows a form's table asks for: the first cell of each row, the header row left
/// out.
pub fn form_rows(text: &str) -> Vec<String> {
    (text.lines().map(str::trim))
        .filter(|l| l.starts_with('|'))
        .filter_map(|l| {
            l.trim_matches('|')
                .split('|')
                .next()
                .map(|c| c.trim().to_string())
        })
        .filter(|c| !c.is_empty() && !c.chars().all(|ch| ch == '-' || ch == ':'))
        .skip(1)
        .collect()
}

/// The signals the levels' rules measure, each with the levels that measure it, in the
/// order the plan first tests them: what a report must give for the incident to be
/// graded.
pub fn measured(plan: &Plan) -> Vec<(&'static crate::model::domain::SignalDef, Vec<String>)> {
    let domain = crate::model::domain::of(plan);
    let mut out: Vec<(&crate::model::domain::SignalDef, Vec<String>)> = Vec::new();
    for lv in &plan.levels {
        let Some(when) = &lv.when else { continue };
        for name in when.value.signals() {
            let Some(def) = domain.signal(&name.value) else {
                continue;
            };
            let level = lv.name.value.to_string();
            match out.iter_mut().find(|(d, _)| d.name == def.name) {
                Some((_, levels)) if !levels.contains(&level) => levels.push(level),
                Some(_) => {}
                None => out.push((def, vec![level])),
            }
        }
    }
    out
}

fn report(plan: &Plan, lang: Lang, t: &Words) -> Form {
    let (title, note, labels) = annex_fields(plan, t).unwrap_or_else(|| {
        let list = t.lookup("cards.forms.report_fields");
        let fields = (list.and_then(|v| v.as_array()).into_iter().flatten())
            .filter_map(|v| v.as_str().map(str::to_string))
            .chain(
                measured(plan)
                    .into_iter()
                    .filter_map(|(d, _)| d.words.get(lang.code()).cloned()),
            )
            .collect();
        let domain = &crate::model::domain::of(plan).name;
        (
            t.fill("cards.forms.report_title", &[("domain", domain)]),
            None,
            fields,
        )
    });
    Form {
        title,
        note,
        fields: labels.into_iter().map(blank).collect(),
        signatures: signatures(t, "report_signs"),
    }
}

/// A list of words under `cards.forms`.
fn signatures(t: &Words, key: &str) -> Vec<String> {
    (t.lookup(&format!("cards.forms.{key}"))
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten())
    .filter_map(|v| v.as_str().map(str::to_string))
    .collect()
}

/// A warning notice per level (GB/T 40054): category, level, issuer, what to watch
/// and what is done are the plan's; time, scope and the signature are filled in.
fn warnings(plan: &Plan, v: &view::View, t: &Words) -> Vec<Form> {
    let titles = Titles::of(plan);
    let category = crate::model::domain::of(plan).name.clone();
    let f = |k: &str| t.get(&format!("cards.forms.warning.{k}"));
    (plan.levels.iter().zip(&v.levels))
        .map(|(l, lv)| {
            let measures: Vec<String> = (plan.actions.iter())
                .filter(|a| matches!(&a.trigger.value, Trigger::Level(ls) if ls.iter().any(|n| n.value == l.name.value)))
                .filter(|a| !a.optional && a.conditions.is_empty())
                .map(|a| titles.said(&a.name.value))
                .collect();
            let watch = (lv.when.as_ref().or(lv.criteria.as_ref())).cloned().unwrap_or_default();
            Form {
                title: t.fill("cards.forms.warning.title", &[("level", &lv.heading)]),
                note: None,
                fields: vec![
                    field(f("category"), category.clone()),
                    field(f("level"), lv.heading.clone()),
                    blank(f("start")),
                    blank(f("scope")),
                    field(f("watch"), watch.lines().map(str::trim).collect::<Vec<_>>().join("")),
                    field(f("measures"), t.list("cards.list", &measures, usize::MAX)),
                    field(f("issuer"), lv.declared_by.clone().unwrap_or_default()),
                ],
                signatures: signatures(t, "warning_signs"),
            }
        })
        .collect()
}

/// The follow-up report form: the fields of a 续报, and the cadence of the plan's
/// repeated reports at each level.
fn follow_up(plan: &Plan, t: &Words) -> Form {
    let titles = Titles::of(plan);
    let mut fields: Vec<Field> = signatures(t, "follow_up_fields")
        .into_iter()
        .map(blank)
        .collect();
    for a in plan.actions.iter().filter(|a| a.every.is_some()) {
        let every = view::every_words(t, a.every.as_ref().expect("filtered").value);
        let levels: Vec<String> = a.levels().iter().map(|l| titles.said(&l.value)).collect();
        let when = if levels.is_empty() {
            situation(&a.trigger.value, &titles, t)
        } else {
            t.list("cards.list", &levels, usize::MAX)
        };
        fields.push(field(
            t.fill(
                "cards.forms.cadence",
                &[("action", &titles.said(&a.name.value))],
            ),
            t.fill(
                "cards.forms.cadence_value",
                &[("levels", &when), ("every", &every)],
            ),
        ));
    }
    Form {
        title: t.get("cards.forms.follow_up_title"),
        note: None,
        fields,
        signatures: signatures(t, "report_signs"),
    }
}

/// A situation that is not a level, as the cards name it.
fn situation(trigger: &Trigger, titles: &Titles, t: &Words) -> String {
    let key = match trigger {
        Trigger::Detect => "detect",
        Trigger::Upgrade => "upgrade",
        Trigger::Downgrade => "downgrade",
        Trigger::StandDown => "stand_down",
        Trigger::Event(e) => {
            return t.fill(
                "cards.situation.event",
                &[("event", &titles.said(&e.value))],
            );
        }
        Trigger::Level(_) => "detect",
    };
    t.get(&format!("cards.situation.{key}"))
}

fn statements(plan: &Plan) -> Vec<Statement> {
    (plan.templates.iter())
        .map(|a| {
            let text = a.text.value.as_str();
            let mut blanks: Vec<String> = Vec::new();
            let mut rest = text;
            while let Some(open) = rest.find('{') {
                let Some(len) = rest[open..].find('}') else {
                    break;
                };
                let b = rest[open..open + len + 1].to_string();
                if !blanks.contains(&b) {
                    blanks.push(b);
                }
                rest = &rest[open + len + 1..];
            }
            Statement {
                title: a.name.value.to_string(),
                lines: text.lines().map(|l| l.trim().to_string()).collect(),
                blanks,
            }
        })
        .collect()
}
