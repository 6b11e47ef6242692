//! `planc diff`: paired fixtures (`NAME.old.plan` → `NAME.new.plan`) with their JSON
//! and revision note as snapshots, the no-difference cases, the classification of
//! every change, and the flagship plan's revision note.

use planc::diagnostic::Lang;
use planc::diff::{self, Category, Change, Kind, classify, note};
use planc::model::Plan;
use planc::source::Source;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn model(name: &str, text: &str) -> Plan {
    let c = planc::compile(Source::new(name, text));
    c.plan.unwrap_or_else(|| panic!("{name} does not parse"))
}

fn read(path: &Path) -> (String, Plan) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let plan = model(&name, &text);
    (name, plan)
}

fn pair(old: &Path) -> (String, Plan, String, Plan) {
    let new = PathBuf::from(old.to_string_lossy().replace(".old.plan", ".new.plan"));
    let (on, o) = read(old);
    let (nn, n) = read(&new);
    (on, o, nn, n)
}

fn all_pairs() -> Vec<(String, Vec<Change>)> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(repo().join("tests/fixtures/diff")).unwrap() {
        let p = e.unwrap().path();
        if p.to_string_lossy().ends_with(".old.plan") {
            let (on, o, _, n) = pair(&p);
            v.push((on, diff::diff(&o, &n)));
        }
    }
    v.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(v.len() >= 10);
    v
}

#[test]
fn fixtures() {
    insta::glob!("../fixtures", "diff/*.old.plan", |path| {
        let (on, o, nn, n) = pair(path);
        let changes = diff::diff(&o, &n);
        let versions = note::Versions {
            old_name: &on,
            new_name: &nn,
            old: &o,
            new: &n,
        };
        if on.starts_with("same_") {
            assert!(changes.is_empty(), "{on}: {changes:#?}");
        } else {
            assert!(!changes.is_empty(), "{on}: no change found");
        }
        let out = format!(
            "{}\n{}",
            diff::to_json(&changes, &[]),
            note::markdown(&changes, &versions, Lang::Zh)
        );
        insta::with_settings!({omit_expression => true}, {
            insta::assert_snapshot!(out);
        });
    });
}

/// The fixtures show every kind of change and every kind of item at least once.
#[test]
fn fixtures_cover_every_kind_of_change() {
    let pairs = all_pairs();
    let changes: Vec<&Change> = pairs.iter().flat_map(|(_, c)| c).collect();
    for k in [Kind::Added, Kind::Removed, Kind::Changed, Kind::Renamed] {
        assert!(changes.iter().any(|c| c.kind == k), "no {k:?} change");
    }
    for item in [
        "plan",
        "scope",
        "principle",
        "text",
        "body",
        "role",
        "unit",
        "external",
        "channel",
        "roster",
        "level",
        "action",
        "resource",
        "drill",
        "training",
        "template",
        "annex",
        "lint",
        "scenario",
    ] {
        assert!(
            changes.iter().any(|c| c.item == item),
            "no change to a {item}"
        );
    }
    for part in ["duty", "reports_to", "shift", "inject", "start", "spread"] {
        assert!(
            changes
                .iter()
                .any(|c| c.field.as_ref().is_some_and(|f| f.key == part)),
            "no change to a {part}"
        );
    }
}

/// Every change finds its row in the classification table, and the table says what
/// 2号令 Art 37 says: command, procedure, measures and levels are major.
#[test]
fn classification() {
    for (name, changes) in all_pairs() {
        for c in &changes {
            let item = if c.item == "text" {
                // Texts are classified by chapter; the table's `text` row covers the rest.
                "text"
            } else {
                c.item
            };
            assert!(
                classify(item, c.field.as_ref().map(|f| f.key)).is_ok(),
                "{name}: {} has no row",
                c.item_label()
            );
        }
    }
    let class = |item: &str, field: Option<&str>| classify(item, field).unwrap();
    assert_eq!(class("level", Some("when")), Some(Category::Levels));
    assert_eq!(class("level", None), Some(Category::Levels));
    assert_eq!(class("action", None), Some(Category::Measures));
    assert_eq!(class("action", Some("within")), Some(Category::Procedure));
    assert_eq!(class("action", Some("owner")), Some(Category::Procedure));
    assert_eq!(class("action", Some("deliver")), Some(Category::Measures));
    assert_eq!(class("action", Some("effort")), None);
    assert_eq!(class("unit", Some("duty")), Some(Category::Command));
    assert_eq!(class("unit", Some("reports_to")), Some(Category::Procedure));
    assert_eq!(class("role", Some("backup")), Some(Category::Command));
    assert_eq!(class("body", Some("members")), Some(Category::Command));
    assert_eq!(class("body", Some("title")), None);
    assert_eq!(class("text response", None), Some(Category::Procedure));
    for minor in [
        "plan",
        "purpose",
        "scope",
        "principle",
        "text",
        "external",
        "channel",
        "roster",
        "resource",
        "drill",
        "training",
        "template",
        "annex",
        "lint",
        "scenario",
    ] {
        assert_eq!(class(minor, Some("anything")), None, "{minor}");
    }
    assert!(classify("no_such_item", None).is_err());
    // One row per (item, field).
    let rows = diff::CLASSIFICATION;
    for (i, r) in rows.iter().enumerate() {
        assert!(
            !rows[..i]
                .iter()
                .any(|s| s.item == r.item && s.field == r.field),
            "duplicate row {} {}",
            r.item,
            r.field
        );
    }
    // The JSON flag and the note's tag come from the same table.
    let (_, changes) = all_pairs()
        .into_iter()
        .find(|(n, _)| n == "action_deadline.old.plan")
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&diff::to_json(&changes, &[])).unwrap();
    let majors: Vec<bool> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["major"].as_bool().unwrap())
        .collect();
    assert_eq!(majors, vec![false, true]);
}

fn repository_plans() -> Vec<(String, String)> {
    fn below(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                below(&p, out);
            } else if p.extension().is_some_and(|x| x == "plan") {
                out.push(p);
            }
        }
    }
    let mut paths = Vec::new();
    below(&repo().join("plans"), &mut paths);
    below(&repo().join("tests/fixtures"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

/// Formatting never makes a difference: diff(x, fmt(x)) is empty for every plan.
#[test]
fn formatting_is_no_difference() {
    let mut seen = 0;
    for (name, text) in repository_plans() {
        let Ok(formatted) = planc::fmt::format(&Source::new(&name, text.as_str())) else {
            continue;
        };
        let a = model(&name, &text);
        let b = model(&name, &formatted);
        assert_eq!(diff::diff(&a, &b), Vec::new(), "{name}");
        seen += 1;
    }
    assert!(seen >= 10);
}

/// A plan and its export JSON are the same plan.
#[test]
fn export_json_is_no_difference() {
    let text = std::fs::read_to_string(repo().join("plans/soe-online-opinion.plan")).unwrap();
    let plan = model("soe.plan", &text);
    let json = planc::export_json(&plan);
    let from_json = model("soe.json", &json);
    assert!(diff::diff(&plan, &from_json).is_empty());
}

/// Everything differs from nothing: an empty old version (a new file in git) lists
/// every item as added, and the other way round as removed.
#[test]
fn against_an_empty_plan() {
    let text = std::fs::read_to_string(repo().join("plans/soe-online-opinion.plan")).unwrap();
    let plan = model("soe.plan", &text);
    let empty = Plan::default();
    let added = diff::diff(&empty, &plan);
    assert!(!added.is_empty() && added.iter().all(|c| c.kind == Kind::Added));
    let removed = diff::diff(&plan, &empty);
    assert_eq!(removed.len(), added.len());
    assert!(removed.iter().all(|c| c.kind == Kind::Removed));
}

/// Two versions of the flagship plan: the revision note a reviewer would file.
#[test]
fn flagship_revision_note() {
    let new_text = std::fs::read_to_string(repo().join("plans/soe-online-opinion.plan")).unwrap();
    // The old version: an older version number, a member unit fewer, a higher
    // threshold for 橙色, short videos watched on workdays only by one unit, and (below)
    // a slower first response at 橙色.
    let edits: &[(&str, &str)] = &[
        ("version \"2026.1\"", "version \"2025.1\""),
        ("集团办公室, 法务部, 安全生产部", "集团办公室, 法务部"),
        (
            "when reach >= 50万 or media",
            "when reach >= 100万 or media",
        ),
        (
            "  kind video\n  watched_by 宣传部, 网信部\n  hours 24x7\n  roster 舆情值班\n",
            "  kind video\n  watched_by 宣传部\n  hours workdays 09:00-18:00\n",
        ),
    ];
    let mut old_text = new_text.clone();
    for (from, to) in edits {
        assert!(
            old_text.contains(from),
            "the flagship no longer has {from:?}"
        );
        old_text = old_text.replacen(from, to, 1);
    }
    // 橙色 首次回应: within 1h in the new version, 4h in the old one.
    let orange = old_text.find("on level 橙色 {").expect("on level 橙色");
    let first = orange
        + old_text[orange..]
            .find("action 首次回应 {")
            .expect("首次回应");
    let within = first + old_text[first..].find("within 1h").expect("within 1h");
    old_text.replace_range(within..within + "within 1h".len(), "within 4h");
    let old = model("v2025.1.plan", &old_text);
    let new = model("v2026.1.plan", &new_text);
    let changes = diff::diff(&old, &new);
    let versions = note::Versions {
        old_name: "soe-online-opinion.plan@v2025.1",
        new_name: "soe-online-opinion.plan",
        old: &old,
        new: &new,
    };
    let zh = note::markdown(&changes, &versions, Lang::Zh);
    assert!(zh.contains("### 四、应急响应"), "{zh}");
    assert!(
        zh.contains("橙色预警“首次回应”时限由4小时调整为1小时"),
        "{zh}"
    );
    assert!(
        zh.contains("应当按照预案编制程序重新审批，并重新备案"),
        "{zh}"
    );
    let en = note::markdown(&changes, &versions, Lang::En);
    insta::assert_snapshot!("flagship_note_zh", zh);
    insta::assert_snapshot!("flagship_note_en", en);
}

/// Bounding a repetition (`every 24h` → `every 24h for 7d`) is a change of the
/// response procedure, reported on its own field.
#[test]
fn bounding_a_repetition_is_a_major_change() {
    let old = model(
        "old.plan",
        "unit 宣传部 { duty \"x\" }\non stand_down { action 跟踪监测 { owner 宣传部 every 24h } }\n",
    );
    let new = model(
        "new.plan",
        "unit 宣传部 { duty \"x\" }\non stand_down { action 跟踪监测 { owner 宣传部 every 24h for 7d } }\n",
    );
    let changes = diff::diff(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:?}");
    let c = &changes[0];
    assert_eq!(c.field.as_ref().unwrap().key, "every_for");
    assert!(c.category.is_some(), "major");
}
