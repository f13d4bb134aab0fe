// Jest transform for the shared e2e app (TypeScript): compiled to CommonJS by the TypeScript the
// repository already pins, so CommonJS test files can require it without --experimental-vm-modules
// and ESM test files import it as CommonJS (Jest's own type stripping keeps `import` statements).
const ts = require('typescript');

module.exports = {
  process(source, path) {
    const { outputText, sourceMapText } = ts.transpileModule(source, {
      fileName: path,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: true },
    });
    return { code: outputText, map: sourceMapText };
  },
};
