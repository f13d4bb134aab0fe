// The run's worker side as CommonJS (templates/cjs, built by tsconfig.cjs.json): it must load where
// ES modules cannot (Jest's module registry), so it may require nothing but Node and itself.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const templatesDir = fileURLToPath(new URL('../..', import.meta.url));

// Requires the worker entry in a Node that refuses require() of ES modules; prints what it loaded.
const probe = `
const worker = require('@docker-wrapper/templates/worker');
const loaded = Object.keys(require.cache);
console.log(JSON.stringify({ exports: Object.keys(worker).sort(), loaded }));
`;

describe('@docker-wrapper/templates/worker (CommonJS)', () => {
  it('requires without ES modules, loading only its own files', async () => {
    const { stdout } = await run(process.execPath, ['--no-experimental-require-module', '-e', probe], { cwd: templatesDir });
    const { exports, loaded } = JSON.parse(stdout) as { exports: string[]; loaded: string[] };
    expect(exports).toEqual(['RUN_HANDLE_ENV', 'RunClient', 'RunConnectionError', 'RunOptionError', 'RunRequestError', 'createServicesAccessor', 'parseRunHandle']);
    expect(loaded.length).toBeGreaterThan(3);
    for (const file of loaded) expect(file).toMatch(/\/templates\/cjs\/run\/[a-z-]+\.js$/);
  });

  it('refuses a handle that is not one without showing its text', async () => {
    const script = `const { parseRunHandle } = require('@docker-wrapper/templates/worker');
try { parseRunHandle('{"version":1,"token":"s3cret"}', 'DOCKER_WRAPPER_RUN'); } catch (e) { console.log(JSON.stringify({ code: e.code, option: e.option, message: e.message })); }`;
    const { stdout } = await run(process.execPath, ['--no-experimental-require-module', '-e', script], { cwd: templatesDir });
    const error = JSON.parse(stdout) as { code: string; option: string; message: string };
    expect(error).toMatchObject({ code: 'INVALID_OPTION', option: 'DOCKER_WRAPPER_RUN' });
    expect(error.message).toMatch(/^Invalid `DOCKER_WRAPPER_RUN`: "\(not shown: it may hold passwords\)"\. Expected the run handle/);
    expect(error.message).not.toContain('s3cret');
  });
});
