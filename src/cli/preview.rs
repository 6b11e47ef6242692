//! `planc preview PLAN [--port N] [--today DATE]`: the live document preview.
//!
//! A web page on 127.0.0.1 shows the rendered document beside the findings of
//! `planc check`. The plan's file is watched (`notify`, or polling where the system
//! refuses a watch); each save is compiled, checked and rendered by
//! [`crate::preview::Preview`], and the page is told by a server-sent event. Every
//! asset is compiled into the binary; the server answers only its own few paths, only
//! to requests addressed to the loopback host (no other site's page can reach it
//! through a rebound name), and reads no file but the plan.

use super::{Env, Failure, Outcome, note, say};
use crate::diagnostic::Lang;
use crate::preview::{self, Preview};
use crate::source::Source;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};
use tiny_http::{Header, Method, Request, Response, Server};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The plan file to preview (watched: every save updates the page).
    pub plan: PathBuf,
    /// The port on 127.0.0.1 (0: any free port; the address is printed).
    #[arg(long, default_value_t = 7341)]
    pub port: u16,
    /// The date that date-dependent rules (filing, evaluation) measure against
    /// (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

/// Saves come in bursts (write, rename, attributes): one refresh after the burst.
const SETTLE: Duration = Duration::from_millis(40);
/// Where the system gives no file watch, how often the file is looked at.
const POLL: Duration = Duration::from_millis(250);
/// A comment line keeps an idle event stream open through proxies and sleep.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Open event streams at most (each holds a thread): more pages are refused.
const MAX_STREAMS: usize = 32;

struct Shared {
    preview: Mutex<Preview>,
    changed: Condvar,
    streams: AtomicUsize,
    port: u16,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Preview> {
        // A refresh that panicked leaves the last state, which is still whole.
        self.preview.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub fn run(args: Args, env: Env) -> Outcome {
    let mut check = crate::check::Options::default();
    if let Some(t) = &args.today {
        check.today = t
            .parse()
            .map_err(|e| Failure::Fatal(format!("--today: {e}")))?;
    }
    if args.plan.as_os_str() == "-" {
        return Err(Failure::Fatal(
            "planc preview watches a file: give the plan's path, not `-`".into(),
        ));
    }
    let name = args.plan.to_string_lossy().into_owned();
    let lang = env.lang.unwrap_or(Lang::Zh);
    // The plan must be readable once; later failures are shown on the page.
    let first = read(&args.plan, lang).map_err(Failure::Fatal)?;
    let server = Server::http(("127.0.0.1", args.port)).map_err(|e| {
        Failure::Fatal(format!(
            "cannot listen on 127.0.0.1:{}: {e}; choose another port with --port N (0: any free one)",
            args.port
        ))
    })?;
    let port = match server.server_addr() {
        tiny_http::ListenAddr::IP(a) => a.port(),
        #[cfg(unix)]
        tiny_http::ListenAddr::Unix(_) => args.port,
    };
    let mut p = Preview::new(&name, env.lang, check);
    p.refresh(first);
    let shared = Arc::new(Shared {
        preview: Mutex::new(p),
        changed: Condvar::new(),
        streams: AtomicUsize::new(0),
        port,
    });
    let watched = shared.clone();
    let plan = args.plan.clone();
    // The address is told only once the file is watched: a save right after it must
    // not be missed.
    let (ready, watching) = mpsc::channel();
    std::thread::spawn(move || watch(&plan, &watched, lang, ready));
    let _ = watching.recv();
    note(&say(
        "preview_ready",
        &[
            ("url", &format!("http://127.0.0.1:{port}/")),
            ("file", &name),
        ],
    ));
    for request in server.incoming_requests() {
        answer(request, &shared);
    }
    Ok(0)
}

/// Reads the plan: its source, or why it is not one (unreadable, too large, not
/// UTF-8), in words for the page.
fn read(path: &Path, lang: Lang) -> Result<Source, String> {
    match super::read_source(Some(&path.to_string_lossy())) {
        Ok(Ok(s)) => Ok(s),
        Ok(Err((_, d))) => Err(d.message(lang)),
        Err(Failure::Fatal(m)) => Err(m),
        Err(Failure::Input) => Err(format!("cannot read {}", path.display())),
    }
}

fn refresh(shared: &Shared, path: &Path, lang: Lang) {
    let text = read(path, lang);
    let mut p = shared.lock();
    match text {
        Ok(source) => p.refresh(source),
        Err(reason) => p.unreadable(reason),
    }
    drop(p);
    shared.changed.notify_all();
}

/// Follows the plan's file: its directory is watched, since editors save by writing
/// a new file and renaming it over the old one.
fn watch(path: &Path, shared: &Shared, lang: Lang, ready: mpsc::Sender<()>) {
    let (tx, rx) = mpsc::channel();
    let target = path.file_name().map(|f| f.to_os_string());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev
            && !matches!(ev.kind, notify::EventKind::Access(_))
            && ev.paths.iter().any(|p| p.file_name() == target.as_deref())
        {
            let _ = tx.send(());
        }
    });
    let watching = watcher.and_then(|mut w| {
        notify::Watcher::watch(&mut w, &dir, notify::RecursiveMode::NonRecursive).map(|()| w)
    });
    let _watcher = match watching {
        Ok(w) => w,
        Err(e) => {
            note(&say("preview_polling", &[("reason", &e.to_string())]));
            return poll(path, shared, lang, ready);
        }
    };
    let _ = ready.send(());
    while rx.recv().is_ok() {
        while rx.recv_timeout(SETTLE).is_ok() {}
        refresh(shared, path, lang);
    }
}

fn poll(path: &Path, shared: &Shared, lang: Lang, ready: mpsc::Sender<()>) {
    let stamp = |p: &Path| {
        std::fs::metadata(p)
            .ok()
            .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()))
    };
    let mut last = stamp(path);
    let _ = ready.send(());
    loop {
        std::thread::sleep(POLL);
        let now = stamp(path);
        if now != last {
            last = now;
            refresh(shared, path, lang);
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("an ASCII header")
}

/// The page's policy: its own script and style only, frames of its own origin.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";
/// The document's policy: its inline style and images, never a script.
const DOCUMENT_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
    font-src data:; base-uri 'none'; form-action 'none'";

fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>, policy: &str) {
    let mut r = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"));
    if !policy.is_empty() {
        r = r.with_header(header("Content-Security-Policy", policy));
    }
    // The page may have gone: nothing to do about it.
    let _ = request.respond(r);
}

/// Whether the request names this server as its host (`127.0.0.1:PORT` or
/// `localhost:PORT`), as a browser does for a page it loaded from here.
fn own_host(request: &Request, port: u16) -> bool {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase());
    let Some(host) = host else { return false };
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|h| host == format!("{h}:{port}"))
}

fn answer(request: Request, shared: &Arc<Shared>) {
    if !own_host(&request, shared.port) {
        return respond(
            request,
            403,
            "text/plain; charset=utf-8",
            b"403".to_vec(),
            "",
        );
    }
    if *request.method() != Method::Get && *request.method() != Method::Head {
        return respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"405".to_vec(),
            "",
        );
    }
    let path = request.url().split('?').next().unwrap_or("").to_string();
    let html = "text/html; charset=utf-8";
    match path.as_str() {
        "/" => {
            let lang = shared.lock().lang();
            respond(
                request,
                200,
                html,
                preview::page(lang).into_bytes(),
                PAGE_POLICY,
            );
        }
        "/preview.js" => respond(
            request,
            200,
            "text/javascript; charset=utf-8",
            preview::SCRIPT.as_bytes().to_vec(),
            "",
        ),
        "/preview.css" => respond(
            request,
            200,
            "text/css; charset=utf-8",
            preview::STYLE.as_bytes().to_vec(),
            "",
        ),
        "/state" => {
            let body = serde_json::to_vec(shared.lock().report()).unwrap_or_default();
            respond(request, 200, "application/json", body, "");
        }
        "/document" => match shared.lock().document() {
            Some(doc) => respond(request, 200, html, doc.as_bytes().to_vec(), DOCUMENT_POLICY),
            None => respond(request, 404, html, Vec::new(), DOCUMENT_POLICY),
        },
        "/events" => events(request, shared),
        _ => respond(
            request,
            404,
            "text/plain; charset=utf-8",
            b"404".to_vec(),
            "",
        ),
    }
}

/// A server-sent event stream: an `update` event now and after every refresh, on
/// its own thread until the page goes.
fn events(request: Request, shared: &Arc<Shared>) {
    if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        return respond(
            request,
            503,
            "text/plain; charset=utf-8",
            b"503".to_vec(),
            "",
        );
    }
    let shared = shared.clone();
    std::thread::spawn(move || {
        let mut out = request.into_writer();
        stream(&mut out, &shared);
        shared.streams.fetch_sub(1, Ordering::SeqCst);
    });
}

fn stream(out: &mut dyn Write, shared: &Shared) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
        Cache-Control: no-store\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    let mut seen = u64::MAX;
    loop {
        let version = {
            let guard = shared.lock();
            let (guard, _) = shared
                .changed
                .wait_timeout_while(guard, KEEP_ALIVE, |p| p.report().version == seen)
                .unwrap_or_else(|e| e.into_inner());
            guard.report().version
        };
        let message = if version == seen {
            ": keep-alive\n\n".to_string()
        } else {
            seen = version;
            format!("event: update\ndata: {version}\n\n")
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
