//! Resolve stage: names, kinds, signals and vocabularies. `ok_*` fixtures resolve
//! cleanly; `err_*` snapshot their diagnostics.

use crate::common;

use planc::diagnostic::Lang;

#[test]
fn resolve_fixtures() {
    insta::glob!("../fixtures", "resolve/*.plan", |path| {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let src = common::load(path).expect("fixture is UTF-8");
        let c = planc::compile(src);
        if name.starts_with("ok_") {
            assert!(c.diagnostics.is_empty(), "{name}: {:?}", c.diagnostics);
        } else {
            assert!(c.has_errors(), "{name} should have errors");
        }
        let output = common::human(&c.source, &c.diagnostics, Lang::Zh);
        insta::with_settings!({ description => common::describe(path), omit_expression => true }, {
            insta::assert_snapshot!(output);
        });
    });
}
