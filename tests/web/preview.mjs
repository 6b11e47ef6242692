// `planc preview` in a real browser: Debian's Chromium driven by playwright-core.
//
//   node tests/web/preview.mjs PLANC PLAN [SCREENSHOT_DIR]
//
// PLAN is a scratch copy of a plan (it is edited). The page must show the document,
// follow a save, keep the last good document while the plan is broken, list the error
// and show its source line when it is clicked. Exit 0 when every step held.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { chromium } from 'playwright-core';

const [planc, plan, shots] = process.argv.slice(2);
if (!planc || !plan) {
  console.error('usage: node preview.mjs PLANC PLAN [SCREENSHOT_DIR]');
  process.exit(2);
}
const WAIT = 20000;
const step = (what) => console.log(`preview: ${what}`);

// Editors save by writing a new file and renaming it over the plan: do as they do.
function save(text) {
  const tmp = join(dirname(plan), '.p.plan.swp');
  writeFileSync(tmp, text);
  renameSync(tmp, plan);
}

const server = spawn(planc, ['preview', plan, '--port', '0', '--today', '2026-11-28'], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise((resolve, reject) => {
  let err = '';
  const timer = setTimeout(() => reject(new Error(`no address printed: ${err}`)), WAIT);
  server.stderr.on('data', (d) => {
    err += d;
    const m = err.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) { clearTimeout(timer); resolve(m[0]); }
  });
  server.on('exit', (code) => reject(new Error(`planc preview exited (${code}): ${err}`)));
});
step(`serving at ${url}`);

let browser = null;
let failed = false;
try {
  // An empty profile of its own (Playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'planc-chromium-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('body[data-document-version="1"]', { timeout: WAIT });
  const frame = page.frameLocator('#document');
  const original = readFileSync(plan, 'utf8');
  const title = original.match(/title\s+"([^"]+)"/)[1];
  await frame.locator('body').getByText(title).first().waitFor({ timeout: WAIT });
  step(`the document shows the plan's title ${title}`);
  if (shots) await page.screenshot({ path: join(shots, 'preview-1-document.png') });

  // A save changes the document.
  const marker = '预览联动测试';
  const t0 = Date.now();
  save(original.replace(`title "${title}"`, `title "${title}${marker}"`));
  await page.waitForSelector('body[data-document-version="2"]', { timeout: WAIT });
  await frame.locator('body').getByText(marker).first().waitFor({ timeout: WAIT });
  step(`a save reached the page in ${Date.now() - t0} ms`);

  // A broken plan: the error is listed, the last good document stays.
  const broken = original
    .replace(`title "${title}"`, `title "${title}${marker}"`)
    .replace(/owner (\S+)/, 'owner 不存在的单位');
  save(broken);
  await page.waitForSelector('#findings button.error', { timeout: WAIT });
  if (await page.locator('#stale').isHidden()) throw new Error('the stale-document notice is hidden');
  if (await frame.locator('body').getByText(marker).count() === 0) {
    throw new Error('the last good document was not kept');
  }
  const docVersion = await page.getAttribute('body', 'data-document-version');
  if (docVersion !== '2') throw new Error(`the document was reloaded (${docVersion})`);
  await page.locator('#findings button.error').first().click();
  const hit = await page.locator('#excerpt .hit').textContent({ timeout: WAIT });
  if (!hit.includes('不存在的单位')) throw new Error(`the excerpt shows ${hit}`);
  const line = broken.slice(0, broken.indexOf('owner 不存在的单位')).split('\n').length;
  if (!hit.trimStart().startsWith(String(line))) throw new Error(`line ${line} expected: ${hit}`);
  step(`the error is listed; clicked, it shows line ${line}: ${hit.trim()}`);
  if (shots) await page.screenshot({ path: join(shots, 'preview-2-broken.png') });

  // Repaired: a current document again.
  save(original);
  await page.waitForSelector('body[data-document-version="3"]', { timeout: WAIT });
  await page.waitForSelector('#stale[hidden]', { state: 'attached', timeout: WAIT });
  step('repaired: the current document is back');
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
} catch (e) {
  failed = true;
  console.error(`preview: FAILED: ${e.message}`);
} finally {
  if (browser) await browser.close();
  server.kill();
}
process.exit(failed ? 1 : 0);
