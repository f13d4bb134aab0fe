// Global setup of the testcontainers variant: starts the three services (or takes the ones
// bench/vitest.mjs started before the rounds, from BENCH_SERVICES) and provides their connections.
import { PROVIDE_KEY } from './provide-key.mjs';

export default async function setup(project) {
  const given = process.env.BENCH_SERVICES;
  if (given) {
    project.provide(PROVIDE_KEY, JSON.parse(given));
    return undefined;
  }
  // Imported only here: the already-running variant does not load testcontainers at all.
  const { startTestcontainers } = await import('./containers.mjs');
  const { data, stop } = await startTestcontainers();
  project.provide(PROVIDE_KEY, data);
  return stop;
}
