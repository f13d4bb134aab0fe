// Resolves an official image reference through DOCKER_WRAPPER_IMAGE_MAP, as the core engine does,
// for tests that drive the plain docker CLI. Keys are `repo:tag` or a bare `repo` (any tag).
export function standIn(reference: string, map = process.env.DOCKER_WRAPPER_IMAGE_MAP ?? ''): string {
  const pairs = map
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    });
  const exact = pairs.find(([from]) => from === reference);
  if (exact) return exact[1];
  const repository = reference.replace(/:[^/:]+$/, '');
  const byRepository = pairs.find(([from]) => from === repository);
  return byRepository ? byRepository[1] : reference;
}
