// Which engine serves the Docker API: Docker's own daemon or Podman's compatible service (read from
// `docker version`'s server components; pure).

export type EngineKind = 'docker' | 'podman';

// The engine kind of a `docker version --format '{{json .Server}}'` object.
export function engineKindOf(server: { Components?: Array<{ Name?: string }> | null } | null): EngineKind {
  const components = server?.Components ?? [];
  return components.some((component) => /podman/i.test(component.Name ?? '')) ? 'podman' : 'docker';
}

// The `--tail` to ask the engine for when the last `count` log lines are wanted; undefined where the
// reader must cut them itself: Podman 4.3's `docker logs --tail` splits and drops lines a program
// wrote in pieces (a JVM's println, initdb's "... ok").
export function engineLogTail(kind: EngineKind | undefined, count: number): number | undefined {
  return kind === 'podman' ? undefined : count;
}

// Whether a live `docker stats` that stops reading containers that still run is started again:
// Podman 4.3's stats stream drops a container now and then while the engine is busy (the CLI then
// reads `--` or gives up with "timeout waiting for stats"), and a new one reads it again. On
// Docker that only happens when the daemon went away or restarted, which the stream reports.
export function engineStatsRestarts(kind: EngineKind | undefined): boolean {
  return kind === 'podman';
}

// True when ports published on `address` can be reached from other machines than the engine's.
export function beyondLoopback(address: string): boolean {
  return !(address === '127.0.0.1' || address === '::1' || address === 'localhost' || /^127\./.test(address));
}

// True when other machines may share the engine at `endpoint` (a TCP or ssh endpoint, even to a
// loopback address: that may be a tunnel), so locks must be taken on the engine, not on this machine.
export function isShareableEndpoint(endpoint: string): boolean {
  return /^(tcp|ssh|http|https):\/\//.test(endpoint);
}
