//! How a name is said to a person: the one rule documents, drill reports and packs share.
//!
//! A name that is a word of the language (宣传部) is printed as written — it is the short
//! name a document uses after the definition's full title. An identifier
//! (`press_office`) is never printed in prose: it is replaced by its definition's
//! `title`, or said as words when it has none. An action's `title` names it everywhere,
//! whatever its name looks like: actions have no short form.

use std::collections::HashMap;

use super::Plan;

/// Whether a name is an identifier (`press_office`, `president`) rather than a word of
/// the language (宣传部).
pub fn is_identifier(name: &str) -> bool {
    name.is_ascii()
        && (name.contains('_')
            || name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// An identifier as words: `draft_holding_statement` → `draft holding statement`.
pub fn as_words(name: &str) -> String {
    name.replace(['_', '-'], " ")
}

/// The titles of a plan's definitions, by name.
#[derive(Clone, Debug, Default)]
pub struct Titles {
    /// Full titles of parties and channels, used for identifiers.
    full: HashMap<String, String>,
    /// Titles of actions, used for every action of the name (the first one given).
    actions: HashMap<String, String>,
}

impl Titles {
    pub fn of(plan: &Plan) -> Titles {
        let full = (plan.bodies.iter().map(|b| (&b.name, b.title.as_ref())))
            .chain(plan.roles.iter().map(|r| (&r.name, r.title.as_ref())))
            .chain(plan.units.iter().map(|u| (&u.name, u.title.as_ref())))
            .chain(plan.externals.iter().map(|e| (&e.name, e.title.as_ref())))
            .chain(plan.channels.iter().map(|c| (&c.name, c.title.as_ref())))
            .filter_map(|(n, t)| Some((n.value.to_string(), t?.value.to_string())))
            .collect();
        let mut actions = HashMap::new();
        for a in &plan.actions {
            if let Some(t) = &a.title {
                actions
                    .entry(a.name.value.to_string())
                    .or_insert_with(|| t.value.to_string());
            }
        }
        Titles { full, actions }
    }

    /// A name as prose says it.
    pub fn said(&self, name: &str) -> String {
        if let Some(t) = self.actions.get(name) {
            return t.clone();
        }
        if !is_identifier(name) {
            return name.to_string();
        }
        (self.full.get(name).cloned()).unwrap_or_else(|| as_words(name))
    }

    /// A name that starts a line or a sentence: as prose says it, an identifier's words
    /// with a capital first letter ("Media inquiry", not "media inquiry").
    pub fn heading(&self, name: &str) -> String {
        let said = self.said(name);
        if !is_identifier(name) || self.actions.contains_key(name) {
            return said;
        }
        let mut chars = said.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => said,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_said_as_words_or_by_title_and_words_as_written() {
        assert!(is_identifier("press_office") && is_identifier("president"));
        assert!(!is_identifier("宣传部") && !is_identifier("SEV-1") && !is_identifier("Board"));
        let mut t = Titles::default();
        t.full.insert("president".into(), "President".into());
        t.actions
            .insert("首次回应".into(), "发布首次回应声明".into());
        assert_eq!(t.said("president"), "President");
        assert_eq!(t.said("media_inquiry"), "media inquiry");
        assert_eq!(t.heading("media_inquiry"), "Media inquiry");
        assert_eq!(t.said("宣传部"), "宣传部");
        assert_eq!(t.said("首次回应"), "发布首次回应声明");
    }
}
