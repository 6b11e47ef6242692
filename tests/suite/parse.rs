//! Parse stage: every fixture in tests/fixtures/parse. `ok_*` parse without a
//! diagnostic and snapshot their model as export JSON; `err_*` snapshot their
//! diagnostics as a user sees them (Chinese, no colour), carets included.

use crate::common;

use planc::diagnostic::Lang;

#[test]
fn parse_fixtures() {
    insta::glob!("../fixtures", "parse/*.plan", |path| {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let output = match common::load(path) {
            Err((src, d)) => {
                assert!(name.starts_with("err_"), "{name}: unreadable");
                common::human(&src, &[d], Lang::Zh)
            }
            Ok(src) => {
                let c = planc::compile(src);
                let parse_errors: Vec<_> = c
                    .diagnostics
                    .iter()
                    .filter(|d| d.code().as_str().starts_with('P'))
                    .cloned()
                    .collect();
                if name.starts_with("ok_") {
                    assert!(parse_errors.is_empty(), "{name}: {parse_errors:?}");
                    planc::export_json(c.plan.as_ref().expect("a model"))
                } else {
                    assert!(!parse_errors.is_empty(), "{name} should fail to parse");
                    common::human(&c.source, &parse_errors, Lang::Zh)
                }
            }
        };
        insta::with_settings!({ description => common::describe(path), omit_expression => true }, {
            insta::assert_snapshot!(output);
        });
    });
}

/// Syntax errors are also worded in English on request.
#[test]
fn syntax_errors_in_english() {
    let src = planc::source::Source::new("t.plan", "role 甲 {\n  bakup 乙\n}\n");
    let c = planc::compile(src);
    let text = common::human(&c.source, &c.diagnostics, Lang::En);
    assert!(text.contains("expected `backup`"), "{text}");
    assert!(text.contains("did you mean `backup`?"), "{text}");
}

/// A 1 MB single line parses (or fails) without trouble and the error shows a window
/// of the line, not the megabyte.
#[test]
fn megabyte_line() {
    let filler = "很长的职责说明".repeat(50_000);
    let text = format!("unit 宣传部 {{ duty \"{filler}\" dutty \"x\" }}\n");
    assert!(text.len() > 1_000_000);
    let c = planc::compile(planc::source::Source::new("big.plan", text.clone()));
    let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let shown = common::human(&c.source, &c.diagnostics, Lang::Zh);
    assert!(shown.len() < 2_000, "{} bytes shown", shown.len());
    assert!(shown.contains("dutty"), "{shown}");
    let column = text[..text.find("dutty").unwrap()].chars().count() + 1;
    assert!(shown.contains(&format!("big.plan:1:{column}")), "{shown}");
}

/// A very large `on` block is parsed action by action when no syntax tree is kept;
/// the model is the same as parsing it whole.
#[test]
fn large_on_blocks_parse_the_same_in_pieces() {
    let text = planc::synth::plan(3000, 7);
    let whole = planc::compile(planc::source::Source::new("s.plan", text.clone()));
    let pieces = planc::compile_model(planc::source::Source::new("s.plan", text));
    assert!(whole.diagnostics.is_empty() && pieces.diagnostics.is_empty());
    let (a, b) = (whole.plan.unwrap(), pieces.plan.unwrap());
    assert!(a.actions.len() > 3000);
    assert_eq!(planc::export_json(&a), planc::export_json(&b));
    // Spans too: the same action at the same place.
    for (x, y) in a.actions.iter().zip(&b.actions) {
        assert_eq!(
            (x.span, x.name.span, x.trigger.span),
            (y.span, y.name.span, y.trigger.span)
        );
    }
}
