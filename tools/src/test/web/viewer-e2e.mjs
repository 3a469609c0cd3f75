// End-to-end check of the `pointea view` page in headless Chromium (Debian's chromium driven by
// playwright-core), run by org.pointea.tools.view.ViewerBrowserTest:
//   node viewer-e2e.mjs WEB_DIR URL SCREENSHOT.png
// WEB_DIR is tools/src/main/web (where npm installed playwright-core). Prints one JSON line with
// what the page showed; the Java test asserts on it.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [webDir, url, screenshot] = process.argv.slice(2);
const { chromium } = createRequire(join(webDir, 'package.json'))('playwright-core');
const profile = mkdtempSync(join(tmpdir(), 'pointea-chromium-'));
const result = {};
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1000, height: 700 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    timeout: 60000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  await page.waitForFunction(() => window.pointeaViewer?.state?.ready || window.pointeaViewer?.state?.error,
    null, { timeout: 60000 });
  result.error = await page.evaluate(() => window.pointeaViewer.state.error);
  if (result.error) throw new Error(result.error);
  result.webgl = await page.evaluate(() => window.pointeaViewer.webgl);
  result.modes = await page.evaluate(() => window.pointeaViewer.modes);
  result.drawn = await page.evaluate(() => window.pointeaViewer.drawnPoints());
  result.files = await page.$$eval('#files .file', (rows) => rows.map((r) => r.textContent));

  await page.evaluate(() => window.pointeaViewer.setColorMode('label'));
  await page.evaluate(() => window.pointeaViewer.setPointSize(4));
  const frames = await page.evaluate(() => window.pointeaViewer.frames());
  await page.waitForFunction((f) => window.pointeaViewer.frames() > f + 2, frames, { timeout: 30000 });
  result.legend = await page.$$eval('#legend .row', (rows) => rows.map((r) => r.textContent));
  // how many canvas pixels carry each legend colour (the label colours are drawn)
  result.labelPixels = await page.evaluate(() => {
    const gl = document.querySelector('#view canvas');
    const c = document.createElement('canvas');
    c.width = gl.width; c.height = gl.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(gl, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    return window.pointeaViewer.state.legend.filter((row) => row.label !== undefined).map((row) => {
      let count = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (Math.abs(px[i] - row.rgb[0]) <= 6 && Math.abs(px[i + 1] - row.rgb[1]) <= 6
          && Math.abs(px[i + 2] - row.rgb[2]) <= 6) count++;
      }
      return { label: row.label, count };
    });
  });
  await page.screenshot({ path: screenshot });

  // picking: click where point 0 of the first file is drawn
  const target = await page.evaluate(() => window.pointeaViewer.project(0, 0));
  await page.mouse.click(target.x, target.y);
  result.pick = await page.evaluate(() => window.pointeaViewer.state.lastPick);
  result.pickText = await page.textContent('#pick');
  if (result.pick) {
    const at = await page.evaluate((p) => {
      const items = window.pointeaViewer.state.items;
      const k = items.findIndex((it) => it.name === p.file);
      const idx = items[k].data.sourceIndex ? Array.from(items[k].data.sourceIndex).indexOf(p.index) : p.index;
      return window.pointeaViewer.project(k, idx);
    }, result.pick);
    result.pickDistancePx = Math.hypot(at.x - target.x, at.y - target.y);
  }
  result.consoleErrors = [...consoleErrors];
  // the page's own origin refuses a request without the token
  result.withoutToken = await page.evaluate(async () => (await fetch('/scene.json')).status);
  console.log(JSON.stringify(result));
} catch (e) {
  result.failure = String(e && e.stack ? e.stack : e);
  console.log(JSON.stringify(result));
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
