//! The formal document: Markdown, HTML and DOCX through the templates in `templates/`.
