//! The templates of the documents besides the plan document — drill reports and packs,
//! response cards — rendered with the labels as `t`. Rust builds the context; the
//! templates hold every word and the layout.

use crate::wording::{Lang, Words};
use serde_json::Value;
use std::path::Path;

/// The labels of a language as templates read them (`t`): the bundled ones, with the
/// labels file of `--templates DIR` merged over them. A label is wording the template
/// author wrote, so it is printed as written, like the template's own text.
fn labels(templates: Option<&Path>, lang: Lang) -> Result<minijinja::Value, String> {
    let mut value = Words::of(lang).value().clone();
    if let Some(p) = templates.map(|d| d.join(lang.labels_file()))
        && p.is_file()
    {
        let text =
            std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        let over = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        crate::wording::merge(&mut value, over);
    }
    Ok(as_written(&value))
}

fn as_written(v: &Value) -> minijinja::Value {
    match v {
        Value::String(s) => minijinja::Value::from_safe_string(s.clone()),
        Value::Array(a) => a.iter().map(as_written).collect::<Vec<_>>().into(),
        Value::Object(o) => o
            .iter()
            .map(|(k, v)| (k.clone(), as_written(v)))
            .collect::<std::collections::BTreeMap<_, _>>()
            .into(),
        other => minijinja::Value::from_serialize(other),
    }
}

/// `{{ t.x | fill(name=value, …) }}`: a label with its placeholders filled, each value
/// escaped as `{{ value }}` would print it.
fn fill_filter(
    state: &minijinja::State,
    pattern: String,
    kwargs: minijinja::value::Kwargs,
) -> Result<minijinja::Value, minijinja::Error> {
    let mut args: Vec<(String, String)> = Vec::new();
    for key in kwargs.args() {
        let v: minijinja::Value = kwargs.get(key)?;
        args.push((key.to_string(), state.format(v)?));
    }
    let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Ok(minijinja::Value::from_safe_string(crate::wording::fill(
        &pattern, &refs,
    )))
}

/// Renders a template of a document that is not the plan document (a drill report, a
/// facilitator pack, response cards): `name` (`report.html.j2`; `.html` escapes for
/// HTML, `.md` for Markdown, anything else not at all) with the text `source`, a
/// context, and the labels of `lang` as `t` (with the labels file of `--templates DIR`
/// over them) and the `fill` filter.
pub fn render(
    name: &str,
    source: String,
    templates: Option<&Path>,
    ctx: &Value,
    lang: Lang,
) -> Result<String, String> {
    let mut env = minijinja::Environment::new();
    // Bounded as the plan document's templates are (a user's template is a program).
    env.set_fuel(Some(crate::render::fuel_for_data(ctx)));
    env.add_global("t", labels(templates, lang)?);
    env.add_filter("fill", fill_filter);
    env.set_auto_escape_callback(|n| {
        if n.contains(".html") {
            minijinja::AutoEscape::Html
        } else if n.contains(".md") {
            minijinja::AutoEscape::Custom("md")
        } else {
            minijinja::AutoEscape::None
        }
    });
    // Plan and scenario text is data: in Markdown it is backslash-escaped so that it
    // reads as written, never as markup (the same escaping as the plan document).
    env.set_formatter(|out, state, value| match state.auto_escape() {
        minijinja::AutoEscape::Custom("md")
            if !value.is_safe() && !value.is_none() && !value.is_undefined() =>
        {
            crate::render::escape::markdown(out, &value.to_string())
                .map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write"))
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Lenient);
    env.add_template_owned(name.to_string(), source)
        .map_err(|e| format!("template {name}: {e}"))?;
    let t = env
        .get_template(name)
        .map_err(|e| format!("template {name}: {e}"))?;
    t.render(ctx).map_err(|e| format!("template {name}: {e}"))
}

/// The text of template `name` of the documents under `templates/DIR/` and where it
/// came from: the user's `DIR/NAME` or `NAME` in `--templates`, else the bundled one.
pub fn template(
    dir: &str,
    name: &str,
    templates: Option<&Path>,
    bundled: &[(&str, &str)],
) -> Result<(String, String), String> {
    if let Some(root) = templates {
        for p in [root.join(dir).join(name), root.join(name)] {
            if p.is_file() && crate::render::within(root, &p) {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
                return Ok((text, p.display().to_string()));
            }
        }
    }
    bundled
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| (t.to_string(), format!("templates/{dir}/{name} (bundled)")))
        .ok_or_else(|| format!("no template {name}"))
}
