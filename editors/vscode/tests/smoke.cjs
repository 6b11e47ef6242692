// A smoke test of extension.js outside VS Code: `vscode` and the language client are
// stand-ins that record what the extension asks of them. Activation must register the
// explain scheme and both commands, and start `planc lsp` with the settings given;
// the preview command must run `planc preview FILE --port 0`.
'use strict';
const Module = require('module');
const path = require('path');
const calls = { commands: [], providers: [], clients: [], spawned: [], opened: [] };
const settings = { path: '/opt/planc', lang: 'en', today: '2026-11-28' };
const vscode = {
  workspace: {
    getConfiguration: () => ({ get: (k) => settings[k] }),
    registerTextDocumentContentProvider: (scheme) => { calls.providers.push(scheme); return {}; },
  },
  commands: { registerCommand: (name, fn) => { calls.commands.push([name, fn]); return {}; } },
  window: {
    activeTextEditor: { document: { languageId: 'planc', isUntitled: false, fileName: '/tmp/p.plan' } },
    showErrorMessage: (m) => { throw new Error(`error shown: ${m}`); },
    showInformationMessage: () => {},
  },
  env: { openExternal: (u) => calls.opened.push(u) },
  Uri: { parse: (s) => s },
};
class LanguageClient {
  constructor(id, name, server, options) { calls.clients.push({ id, server, options }); }
  start() { return Promise.resolve(); }
  stop() { return Promise.resolve(); }
}
const { EventEmitter } = require('events');
const childProcess = {
  spawn: (cmd, args) => {
    calls.spawned.push([cmd, args]);
    const p = new EventEmitter();
    p.stdout = new EventEmitter();
    p.stderr = new EventEmitter();
    p.kill = () => {};
    setImmediate(() => p.stderr.emit('data', 'Preview of /tmp/p.plan at http://127.0.0.1:4321/ (…)\n'));
    return p;
  },
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient };
  if (request === 'child_process') return childProcess;
  return load.call(this, request, parent, isMain);
};
const ext = require(path.join(__dirname, '..', 'extension.js'));
const fail = (m) => { console.error(`smoke: FAILED: ${m}`); process.exit(1); };
(async () => {
  await ext.activate({ subscriptions: [] });
  const names = calls.commands.map((c) => c[0]);
  if (!names.includes('planc.preview') || !names.includes('planc.restart')) fail(`commands ${names}`);
  if (!calls.providers.includes('planc-explain')) fail(`providers ${calls.providers}`);
  const c = calls.clients[0];
  if (!c) fail('no language client');
  const want = ['--lang', 'en', 'lsp', '--today', '2026-11-28'];
  if (c.server.command !== '/opt/planc' || JSON.stringify(c.server.args) !== JSON.stringify(want)) {
    fail(`server ${JSON.stringify(c.server)}`);
  }
  if (c.options.documentSelector[0].language !== 'planc') fail('document selector');
  calls.commands.find((x) => x[0] === 'planc.preview')[1]();
  await new Promise((r) => setTimeout(r, 20));
  const [cmd, args] = calls.spawned[0] || [];
  if (cmd !== '/opt/planc' || !args.includes('preview') || !args.includes('/tmp/p.plan') || !args.includes('0')) {
    fail(`spawned ${cmd} ${args}`);
  }
  if (calls.opened[0] !== 'http://127.0.0.1:4321/') fail(`opened ${calls.opened}`);
  await ext.deactivate();
  console.log('smoke: the extension activates, starts planc lsp and opens the preview');
})().catch((e) => fail(e.stack));
