//! Escaping: plan text is data, never markup. Each output format has its own rule,
//! applied by the template engine to every value a template prints.

use std::fmt::Write;

/// Whether a character may not appear in an XML 1.0 document (and is a parse error in
/// HTML): C0 controls other than tab, line feed and carriage return, and the two
/// non-characters U+FFFE and U+FFFF.
pub fn is_illegal(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Replaces characters no document may hold with U+FFFD, so the damage stays visible.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_illegal) {
        s.chars()
            .map(|c| if is_illegal(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Text for HTML content and attribute values.
pub fn html(out: &mut dyn Write, s: &str) -> std::fmt::Result {
    entities(out, s, "&#39;")
}

/// Text for XML content and attribute values (DOCX parts, SVG).
pub fn xml(out: &mut dyn Write, s: &str) -> std::fmt::Result {
    entities(out, s, "&apos;")
}

/// Markup characters as entities (the apostrophe as HTML and XML each spell it), and
/// characters no document may hold as U+FFFD.
fn entities(out: &mut dyn Write, s: &str, apostrophe: &str) -> std::fmt::Result {
    for c in s.chars() {
        match c {
            '&' => out.write_str("&amp;")?,
            '<' => out.write_str("&lt;")?,
            '>' => out.write_str("&gt;")?,
            '"' => out.write_str("&quot;")?,
            '\'' => out.write_str(apostrophe)?,
            c if is_illegal(c) => out.write_char('\u{FFFD}')?,
            c => out.write_char(c)?,
        }
    }
    Ok(())
}

/// Text for GitHub-flavoured Markdown: backslash-escapes what Markdown would read as
/// markup (emphasis, links, code, raw HTML, table cells, entities), and the markers
/// that start a heading, quote or list at the start of a line, so the reader sees the
/// text as written.
pub fn markdown(out: &mut dyn Write, s: &str) -> std::fmt::Result {
    let mut line_start = true;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if line_start {
            // Four leading spaces (or a tab) would make an indented code block; fewer
            // are kept, as they may separate this value from the sentence before it.
            let run = chars[i..]
                .iter()
                .take_while(|c| **c == ' ' || **c == '\t')
                .count();
            if run > 0 {
                let spaces_only = chars[i..i + run].iter().all(|c| *c == ' ');
                if spaces_only && run < 4 {
                    for _ in 0..run {
                        out.write_char(' ')?;
                    }
                }
                i += run;
                continue;
            }
            let next = chars.get(i + 1).copied();
            let marker = match c {
                '#' | '>' | '=' => true,
                '-' | '+' => matches!(next, None | Some(' ' | '\t' | '-' | '+')),
                c if c.is_ascii_digit() => {
                    let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                    matches!(chars.get(i + digits), Some('.' | ')'))
                        && matches!(chars.get(i + digits + 1), None | Some(' ' | '\t'))
                }
                _ => false,
            };
            if marker && !c.is_ascii_digit() {
                out.write_char('\\')?;
            } else if marker {
                // `1. ` → `1\. `
                let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                for d in &chars[i..i + digits] {
                    out.write_char(*d)?;
                }
                out.write_char('\\')?;
                i += digits;
                line_start = false;
                continue;
            }
        }
        line_start = false;
        // An underscore inside a word (`press_office`) is never emphasis in GFM.
        let inner = |i: usize| i > 0 && chars[i - 1].is_alphanumeric();
        if c == '_' && inner(i) && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) {
            out.write_char('_')?;
            i += 1;
            continue;
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '$' => {
                out.write_char('\\')?;
                out.write_char(c)?;
            }
            '\r' => {}
            '\n' => {
                out.write_char('\n')?;
                line_start = true;
            }
            // Controls a document may hold (DEL, C1) still act on a terminal the
            // note is printed to.
            c if is_illegal(c) || crate::source::is_control(c) => out.write_char('\u{FFFD}')?,
            c => out.write_char(c)?,
        }
        i += 1;
    }
    Ok(())
}

/// Applies an escaping function to a string.
pub fn to_string(f: fn(&mut dyn Write, &str) -> std::fmt::Result, s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Writing to a String cannot fail.
    let _ = f(&mut out, s);
    out
}

/// A Mermaid node label: quotes and angle brackets become Mermaid entity codes.
pub fn mermaid(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_illegal(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A DOT string literal body: quotes and backslashes escaped, line ends as `\n`.
pub fn dot(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if is_illegal(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        to_string(markdown, s)
    }

    #[test]
    fn markdown_escapes_markup_and_line_markers() {
        assert_eq!(md("<script>"), "\\<script\\>");
        assert_eq!(md("a|b & c"), "a\\|b \\& c");
        assert_eq!(md("# 标题\n- 项\n1. 一"), "\\# 标题\n\\- 项\n1\\. 一");
        assert_eq!(md("1.以人为本"), "1.以人为本");
        assert_eq!(md(" 接续的句子"), " 接续的句子");
        assert_eq!(md("    代码块"), "代码块");
        assert_eq!(md("  - 项"), "  \\- 项");
        assert_eq!(md("press_office _x_"), "press_office \\_x\\_");
        assert_eq!(md("{{ x }} {% y %}"), "{{ x }} {% y %}");
        assert_eq!(
            md("a\u{1b}[2J\u{9b}\u{7f}\tb"),
            "a\u{FFFD}\\[2J\u{FFFD}\u{FFFD}\tb"
        );
        assert_eq!(
            md("<img src=x onerror=alert(1)>[x](javascript:alert(1))"),
            "\\<img src=x onerror=alert(1)\\>\\[x\\](javascript:alert(1))"
        );
    }

    #[test]
    fn xml_and_html_escape_and_sanitize() {
        let s = "a&b<c>]]>\u{1}\"'";
        assert_eq!(
            to_string(xml, s),
            "a&amp;b&lt;c&gt;]]&gt;\u{FFFD}&quot;&apos;"
        );
        assert_eq!(
            to_string(html, s),
            "a&amp;b&lt;c&gt;]]&gt;\u{FFFD}&quot;&#39;"
        );
    }
}
