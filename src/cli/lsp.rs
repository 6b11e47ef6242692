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
    let mut ahead: Option<Message> = None;
    loop {
        let msg = match ahead.take() {
            Some(m) => m,
            None => match connection.receiver.recv() {
                Ok(m) => m,
                Err(_) => break,
            },
        };
        let (msg, next) = coalesce(msg, &connection.receiver);
        ahead = next;
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

/// A change followed by other changes of the same document already waiting is
/// superseded (full sync: each holds the whole text): only the last is compiled. The
/// message read ahead that is not such a change is returned to be handled next.
fn coalesce(
    mut msg: Message,
    rx: &crossbeam_channel::Receiver<Message>,
) -> (Message, Option<Message>) {
    fn change_of(m: &Message) -> Option<&str> {
        match m {
            Message::Notification(n) if n.method == note_ty::DidChangeTextDocument::METHOD => {
                n.params.pointer("/textDocument/uri")?.as_str()
            }
            _ => None,
        }
    }
    loop {
        let Some(uri) = change_of(&msg).map(str::to_string) else {
            return (msg, None);
        };
        match rx.try_recv() {
            Ok(later) if change_of(&later) == Some(uri.as_str()) => msg = later,
            Ok(later) => return (msg, Some(later)),
            Err(_) => return (msg, None),
        }
    }
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
        workspace_symbol_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(true),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![crate::lsp::lens::DRILL_COMMAND.to_string()],
            ..ExecuteCommandOptions::default()
        }),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: crate::lsp::tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                ..SemanticTokensOptions::default()
            },
        )),
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
        if method == req_ty::WorkspaceSymbolRequest::METHOD {
            let query = params.get("query").and_then(Value::as_str).unwrap_or("");
            let docs = self.docs.values().map(|(u, d)| (u, d));
            return Ok(json(lsp::symbols::workspace_symbols(docs, query, s)));
        }
        if method == req_ty::CodeLensResolve::METHOD {
            return self.resolve_lens(params);
        }
        if method == req_ty::ExecuteCommand::METHOD {
            return self.execute(params);
        }
        let Some((uri, doc)) = self.document_of(params) else {
            return match is_known(method) {
                true => Ok(Value::Null),
                false => Err(unknown(method)),
            };
        };
        match at_position(doc, uri, method, params, s)? {
            Some(v) => Ok(v),
            None => whole_document(doc, uri, method, params, s),
        }
    }

    /// `codeLens/resolve`: the lens names its document in its data.
    fn resolve_lens(&self, params: &Value) -> Answer {
        let lens: lsp_types::CodeLens =
            serde_json::from_value(params.clone()).map_err(|_| invalid("code lens"))?;
        let doc = lsp::lens::lens_target(&lens).and_then(|(uri, _)| self.docs.get(uri));
        Ok(match doc {
            Some((_, doc)) => json(lsp::lens::resolve(doc, lens)),
            // The document was closed meanwhile: the lens as it came.
            None => json(lens),
        })
    }

    /// `workspace/executeCommand` of a lens: the longer campaign, said as a message.
    fn execute(&self, params: &Value) -> Answer {
        let command = params.get("command").and_then(Value::as_str).unwrap_or("");
        if command != lsp::lens::DRILL_COMMAND {
            return Err(invalid("command"));
        }
        let args = params.get("arguments").and_then(Value::as_array);
        let arg = |i: usize| args.and_then(|a| a.get(i)).and_then(Value::as_str);
        let (Some(uri), Some(level)) = (arg(0), arg(1)) else {
            return Err(invalid("arguments"));
        };
        let Some((_, doc)) = self.docs.get(uri) else {
            return Err(invalid("document"));
        };
        let text = lsp::lens::drill_level(doc, level);
        let shown = lsp_types::ShowMessageParams {
            typ: lsp_types::MessageType::INFO,
            message: text.clone(),
        };
        self.send(Message::Notification(Notification::new(
            note_ty::ShowMessage::METHOD.to_string(),
            shown,
        )));
        Ok(Value::from(text))
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
        let previous = self.docs.get(uri.as_str()).map(|(_, d)| d);
        let doc = Document::after(
            previous,
            &name_of(&uri),
            text.to_string(),
            version,
            &self.settings,
        );
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

/// The requests about a place in a document (none: not one of them).
fn at_position(
    doc: &Document,
    uri: &Uri,
    method: &str,
    params: &Value,
    s: &Settings,
) -> Result<Option<Value>, (ErrorCode, String)> {
    let pos = || position_of(params);
    Ok(Some(match method {
        req_ty::HoverRequest::METHOD => json(lsp::hover::hover(doc, pos()?, s)),
        req_ty::GotoDefinition::METHOD => json(lsp::names::definition(doc, uri, pos()?, s)),
        req_ty::References::METHOD => {
            let with = params
                .pointer("/context/includeDeclaration")
                .and_then(Value::as_bool)
                .unwrap_or(true);
            json(lsp::names::references(doc, uri, pos()?, with, s))
        }
        req_ty::PrepareRenameRequest::METHOD => json(lsp::names::prepare_rename(doc, pos()?, s)),
        req_ty::Rename::METHOD => {
            let new = params.get("newName").and_then(Value::as_str).unwrap_or("");
            let edit = lsp::names::rename(doc, uri, pos()?, new, s)
                .map_err(|m| (ErrorCode::RequestFailed, m))?;
            json(edit)
        }
        req_ty::Completion::METHOD => json(lsp::complete::completion(doc, pos()?, s)),
        _ => return Ok(None),
    }))
}

/// The requests about a whole document or a range of it.
fn whole_document(doc: &Document, uri: &Uri, method: &str, params: &Value, s: &Settings) -> Answer {
    Ok(match method {
        req_ty::DocumentSymbolRequest::METHOD => json(lsp::symbols::document_symbols(doc, s)),
        req_ty::Formatting::METHOD => json(lsp::edit::format(doc, s)),
        req_ty::RangeFormatting::METHOD => json(lsp::edit::format_range(doc, range_of(params)?, s)),
        req_ty::CodeActionRequest::METHOD => {
            json(lsp::edit::code_actions(doc, uri, range_of(params)?, s))
        }
        req_ty::FoldingRangeRequest::METHOD => json(lsp::edit::folding_ranges(doc, s)),
        req_ty::SemanticTokensFullRequest::METHOD => json(lsp::tokens::semantic_tokens(doc, s)),
        req_ty::InlayHintRequest::METHOD => {
            json(lsp::inlay::inlay_hints(doc, range_of(params)?, s))
        }
        req_ty::CodeLensRequest::METHOD => json(lsp::lens::lenses(doc, uri, s)),
        _ => return Err(unknown(method)),
    })
}

fn unknown(method: &str) -> (ErrorCode, String) {
    (
        ErrorCode::MethodNotFound,
        format!("unknown request {method}"),
    )
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
        req_ty::SemanticTokensFullRequest::METHOD,
        req_ty::InlayHintRequest::METHOD,
        req_ty::CodeLensRequest::METHOD,
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
