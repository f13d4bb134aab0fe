// The e2e project's config: the global setup in services.ts starts Postgres and Redis once for
// the run (or once per worker slot with E2E_MODE=per-worker); tests drive Debian's Chromium.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';

const out = process.env.E2E_OUT;
const testMatch = ['tests/**/*.spec.ts'];
if (process.env.E2E_FAILING === '1') testMatch.splice(0, 1, 'failing/**/*.spec.ts');
if (process.env.E2E_SLOW === '1') testMatch.splice(0, 1, 'slow/**/*.spec.ts');

// The global setup of a variant: a map clashing with Playwright's fixtures, or none at all.
const variant = process.env.E2E_VARIANT ?? '';
const GLOBAL_SETUPS: Record<string, string | undefined> = { clash: './variants/clash.ts', 'no-setup': undefined };

const reporter: ReporterDescription[] = [['list']];
if (out) reporter.push(['json', { outputFile: join(out, 'report.json') }], ['html', { outputFolder: join(out, 'html-report'), open: 'never' }]);

export default defineConfig({
  testDir: '.',
  testMatch,
  globalSetup: variant in GLOBAL_SETUPS ? GLOBAL_SETUPS[variant] : './services.ts',
  workers: 2,
  timeout: 60_000,
  // Never in the repository: the run's folder, or one in the OS temp folder.
  outputDir: join(out ?? join(tmpdir(), 'docker-wrapper-e2e-playwright'), 'test-results'),
  reporter,
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      // Playwright's own browser downloads cannot happen here: Debian's Chromium.
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
