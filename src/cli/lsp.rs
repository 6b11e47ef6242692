//! `planc lsp [--today DATE]`: the language server over standard input and output.
//!
//! The connection, the initialization handshake and the dispatch of messages; every
//! request's answer comes from `crate::lsp`. A request that panics is answered with an
//! error and the server keeps serving; a change that panics leaves the document
//! without diagnostics until the next change.

use super::{Env, Failure, Outcome, note};
use crate::lsp::{self, Document, Encoding, Settings};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note_ty, Notification as _};
use lsp_types::request::{self as req_ty, Request as _};
use lsp_types::{InitializeParams, PublishDiagnosticsParams, ServerCapabilities, Uri};
use serde_json::Value;
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The date that date-dependent rules (filing, evaluation) measure against
    /// (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

pub fn run(args: Args, env: Env) -> Outcome {
    let mut settings = Settings {
        lang: env.lang,
        ..Settings::default()
    };
    if let Some(t) = &args.today {
        settings.check.today = t
            .parse()
            .map_err(|e| Failure::Fatal(format!("--today: {e}")))?;
    }
    let (connection, io) = Connection::stdio();
    let served = serve(&connection, settings);
    drop(connection);
    io.join()
        .map_err(|e| Failure::Fatal(format!("the language server's streams failed: {e}")))?;
    served.map(|()| 0)
}

fn serve(connection: &Connection, mut settings: Settings) -> Result<(), Failure> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| Failure::Fatal(format!("the client did not initialize: {e}")))?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref());
    settings.encoding = Encoding::negotiate(offered);
    let result = serde_json::json!({
        "capabilities": capabilities(settings.encoding),
        "serverInfo": { "name": "planc", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| Failure::Fatal(format!("the client did not initialize: {e}")))?;
    let mut server = Server {
        connection,
        settings,
        docs: HashMap::new(),
    };
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req).unwrap_or(true) {
                    return Ok(());
                }
                let resp = server.request(req);
                server.send(Message::Response(resp));
            }
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    use lsp_types::*;
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".into(), ",".into()]),
            ..CompletionOptions::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

struct Server<'c> {
    connection: &'c Connection,
    settings: Settings,
    /// The open documents by their URI as the client wrote it.
    docs: HashMap<String, (Uri, Document)>,
}

/// A request's answer, or how it failed.
type Answer = Result<Value, (ErrorCode, String)>;

impl Server<'_> {
    fn send(&self, msg: Message) {
        // A client gone away leaves nothing to tell; the loop ends with the stream.
        let _ = self.connection.sender.send(msg);
    }

    fn request(&mut self, req: Request) -> Response {
        let id: RequestId = req.id.clone();
        let answer = catch_unwind(AssertUnwindSafe(|| self.answer(&req)))
            .unwrap_or_else(|panic| Err((ErrorCode::InternalError, panic_text(&panic))));
        match answer {
            Ok(v) => Response::new_ok(id, v),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn answer(&self, req: &Request) -> Answer {
        let s = &self.settings;
        let params = &req.params;
        let method = req.method.as_str();
        let (uri, doc) = match self.document_of(params) {
            Some(found) => found,
            None if is_known(method) => return Ok(Value::Null),
            None => {
                return Err((
                    ErrorCode::MethodNotFound,
                    format!("unknown request {method}"),
                ));
            }
        };
        let pos = || position_of(params);
        let v = match method {
            req_ty::HoverRequest::METHOD => json(lsp::hover::hover(doc, pos()?, s)),
            req_ty::GotoDefinition::METHOD => json(lsp::names::definition(doc, uri, pos()?, s)),
            req_ty::References::METHOD => {
                let with = params
                    .pointer("/context/includeDeclaration")
                    .and_then(Value::as_bool);
                json(lsp::names::references(
                    doc,
                    uri,
                    pos()?,
                    with.unwrap_or(true),
                    s,
                ))
            }
            req_ty::PrepareRenameRequest::METHOD => {
                json(lsp::names::prepare_rename(doc, pos()?, s))
            }
            req_ty::Rename::METHOD => {
                let new = params.get("newName").and_then(Value::as_str).unwrap_or("");
                let edit = lsp::names::rename(doc, uri, pos()?, new, s)
                    .map_err(|m| (ErrorCode::RequestFailed, m))?;
                json(edit)
            }
            req_ty::DocumentSymbolRequest::METHOD => json(lsp::symbols::document_symbols(doc, s)),
            req_ty::Completion::METHOD => json(lsp::complete::completion(doc, pos()?, s)),
            req_ty::Formatting::METHOD => json(lsp::edit::format(doc, s)),
            req_ty::RangeFormatting::METHOD => {
                json(lsp::edit::format_range(doc, range_of(params)?, s))
            }
            req_ty::CodeActionRequest::METHOD => {
                json(lsp::edit::code_actions(doc, uri, range_of(params)?, s))
            }
            req_ty::FoldingRangeRequest::METHOD => json(lsp::edit::folding_ranges(doc, s)),
            _ => {
                return Err((
                    ErrorCode::MethodNotFound,
                    format!("unknown request {method}"),
                ));
            }
        };
        Ok(v)
    }

    /// The open document a request is about.
    fn document_of(&self, params: &Value) -> Option<(&Uri, &Document)> {
        let uri = params.pointer("/textDocument/uri")?.as_str()?;
        self.docs.get(uri).map(|(u, d)| (u, d))
    }

    fn notification(&mut self, n: Notification) {
        let method = n.method.clone();
        let done = catch_unwind(AssertUnwindSafe(|| self.notified(n)));
        if let Err(panic) = done {
            let text = super::say("lsp_failed", &[("detail", &panic_text(&panic))]);
            note(&format!("{method}: {text}"));
            self.log(&text);
        }
    }

    fn notified(&mut self, n: Notification) {
        let p = &n.params;
        let uri = p
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .and_then(|u| u.parse::<Uri>().ok());
        let Some(uri) = uri else {
            return;
        };
        let version = p
            .pointer("/textDocument/version")
            .and_then(Value::as_i64)
            .unwrap_or(0) as i32;
        let text = match n.method.as_str() {
            note_ty::DidOpenTextDocument::METHOD => p.pointer("/textDocument/text"),
            // Full sync: the last change is the whole text.
            note_ty::DidChangeTextDocument::METHOD => p
                .get("contentChanges")
                .and_then(Value::as_array)
                .and_then(|c| c.last())
                .and_then(|c| c.get("text")),
            note_ty::DidCloseTextDocument::METHOD => {
                self.docs.remove(uri.as_str());
                self.publish(&uri, Vec::new(), None);
                return;
            }
            _ => return,
        };
        let Some(text) = text.and_then(Value::as_str) else {
            return;
        };
        let doc = Document::new(&name_of(&uri), text.to_string(), version, &self.settings);
        let diags = lsp::diagnostics::diagnostics(&doc, &uri, &self.settings);
        self.docs
            .insert(uri.as_str().to_string(), (uri.clone(), doc));
        self.publish(&uri, diags, Some(version));
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
        self.send(Message::Notification(Notification::new(
            note_ty::PublishDiagnostics::METHOD.to_string(),
            params,
        )));
    }

    fn log(&self, text: &str) {
        let params = lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: text.to_string(),
        };
        self.send(Message::Notification(Notification::new(
            note_ty::LogMessage::METHOD.to_string(),
            params,
        )));
    }
}

/// The requests the server answers (with nothing, about a document it does not have).
fn is_known(method: &str) -> bool {
    [
        req_ty::HoverRequest::METHOD,
        req_ty::GotoDefinition::METHOD,
        req_ty::References::METHOD,
        req_ty::PrepareRenameRequest::METHOD,
        req_ty::Rename::METHOD,
        req_ty::DocumentSymbolRequest::METHOD,
        req_ty::Completion::METHOD,
        req_ty::Formatting::METHOD,
        req_ty::RangeFormatting::METHOD,
        req_ty::CodeActionRequest::METHOD,
        req_ty::FoldingRangeRequest::METHOD,
    ]
    .contains(&method)
}

fn json(v: impl serde::Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn invalid(what: &str) -> (ErrorCode, String) {
    (
        ErrorCode::InvalidParams,
        format!("the request has no valid {what}"),
    )
}

fn position_of(params: &Value) -> Result<lsp_types::Position, (ErrorCode, String)> {
    let p = params
        .get("position")
        .cloned()
        .ok_or_else(|| invalid("position"))?;
    serde_json::from_value(p).map_err(|_| invalid("position"))
}

fn range_of(params: &Value) -> Result<lsp_types::Range, (ErrorCode, String)> {
    let r = params
        .get("range")
        .cloned()
        .ok_or_else(|| invalid("range"))?;
    serde_json::from_value(r).map_err(|_| invalid("range"))
}

/// The name a document is compiled under: its path (a `.json` path reads the export).
fn name_of(uri: &Uri) -> String {
    let path = uri.path().as_str();
    if path.is_empty() {
        uri.as_str().to_string()
    } else {
        path.to_string()
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}
