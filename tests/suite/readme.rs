//! The README's language tour is real syntax: it parses without a syntax error.

#[test]
fn readme_tour_parses() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```\nplan ").expect("the tour block") + 4;
    let len = readme[start..].find("```").unwrap();
    let tour = &readme[start..start + len];
    let c = planc::compile(planc::source::Source::new("README.md", tour));
    let syntax: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code().as_str().starts_with('P'))
        .collect();
    assert!(syntax.is_empty(), "{syntax:?}");
    assert!(c.plan.unwrap().actions.len() >= 2);
}
