#!/usr/bin/env node
// The `docker-wrapper` command. Checks the Node.js version before loading anything that needs a
// newer one, then runs the compiled CLI and exits with its code once stdout is written.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`docker-wrapper needs Node.js 22.12 or later (this is ${process.version}).\n`);
  process.exit(1);
}
const { main } = await import('../dist/cli/main.js');
const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
