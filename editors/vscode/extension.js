// The planc extension: highlighting is the TextMate grammar's; everything else comes
// from `planc lsp`, started here over stdio. Two commands: the live preview
// (`planc preview`, opened in the browser) and a restart of the server.
'use strict';
const vscode = require('vscode');
const { spawn } = require('child_process');
const { LanguageClient } = require('vscode-languageclient/node');

let client = null;
const previews = new Map();

function settings() {
  const c = vscode.workspace.getConfiguration('planc');
  return { path: c.get('path') || 'planc', lang: c.get('lang') || '', today: c.get('today') || '' };
}

function globalArgs(s) {
  return s.lang ? ['--lang', s.lang] : [];
}

function startClient(context) {
  const s = settings();
  const args = [...globalArgs(s), 'lsp', ...(s.today ? ['--today', s.today] : [])];
  client = new LanguageClient(
    'planc',
    'planc',
    { command: s.path, args },
    { documentSelector: [{ scheme: 'file', language: 'planc' }, { scheme: 'untitled', language: 'planc' }] },
  );
  return client.start().catch((e) => {
    vscode.window.showErrorMessage(`planc lsp could not start (${s.path}): ${e.message}. Set planc.path.`);
  });
}

// `planc-explain:CODE` links of the diagnostics open `planc explain CODE` as a document.
class Explain {
  provideTextDocumentContent(uri) {
    const s = settings();
    return new Promise((resolve) => {
      const p = spawn(s.path, [...globalArgs(s), 'explain', uri.path]);
      let out = '';
      p.stdout.on('data', (d) => { out += d; });
      p.on('error', (e) => resolve(String(e)));
      p.on('close', () => resolve(out));
    });
  }
}

function preview() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'planc' || editor.document.isUntitled) {
    vscode.window.showInformationMessage('Open a saved .plan file to preview its document.');
    return;
  }
  const file = editor.document.fileName;
  const open = previews.get(file);
  if (open) {
    vscode.env.openExternal(vscode.Uri.parse(open.url));
    return;
  }
  const s = settings();
  const args = [...globalArgs(s), 'preview', file, '--port', '0', ...(s.today ? ['--today', s.today] : [])];
  const p = spawn(s.path, args);
  let err = '';
  p.stderr.on('data', (d) => {
    err += d;
    const m = err.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m && !previews.has(file)) {
      previews.set(file, { process: p, url: m[0] });
      vscode.env.openExternal(vscode.Uri.parse(m[0]));
    }
  });
  p.on('error', (e) => vscode.window.showErrorMessage(`planc preview: ${e.message}`));
  p.on('exit', (code) => {
    previews.delete(file);
    if (code) vscode.window.showErrorMessage(`planc preview stopped: ${err.trim()}`);
  });
}

function activate(context) {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('planc-explain', new Explain()),
    vscode.commands.registerCommand('planc.preview', preview),
    vscode.commands.registerCommand('planc.restart', async () => {
      if (client) await client.stop();
      await startClient(context);
    }),
  );
  return startClient(context);
}

function deactivate() {
  for (const { process } of previews.values()) process.kill();
  previews.clear();
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
