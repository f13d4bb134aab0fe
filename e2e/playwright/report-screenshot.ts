// Opens a Playwright HTML report in Chromium (served from 127.0.0.1: the report fetches its
// files, which file:// URLs do not allow), shows the failed test with the docker-wrapper
// attachment opened, saves a screenshot and prints what the page shows as JSON.
// Usage: node report-screenshot.ts <report dir> <test title> <png path>
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';

const [reportDir, title, png] = process.argv.slice(2);
if (!reportDir || !title || !png) throw new Error('usage: report-screenshot.ts <report dir> <test title> <png path>');

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.md': 'text/markdown', '.json': 'application/json', '.zip': 'application/zip' };

const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(reportDir, path === '/' ? 'index.html' : path);
  readFile(file).then(
    (data) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data),
    () => response.writeHead(404).end(),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const browser = await chromium.launch({
  executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByText(title, { exact: true }).first().click();
  await page.getByText('docker-wrapper diagnostics', { exact: true }).first().click();
  await page.getByText('The services during this test (docker-wrapper):').first().waitFor();
  await page.screenshot({ path: png, fullPage: true });
  const text = await page.locator('body').innerText();
  process.stdout.write(`${JSON.stringify({ url: page.url(), text })}\n`);
} finally {
  await browser.close();
  server.close();
}
