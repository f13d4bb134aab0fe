// Work that finishes after the call that started it returned, such as the removal of a service's
// network after its container is gone: close() waits for it before it sweeps the session, so the
// two never race, and the reaper covers a process that dies first.
export class BackgroundWork {
  readonly #pending = new Set<Promise<void>>();

  // Tracks `task`. A failure is left to the session sweep, which removes whatever is left.
  add(task: Promise<unknown>): void {
    const tracked: Promise<void> = task.then(
      () => undefined,
      () => undefined,
    ).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  // Resolves once every task added so far, and any added meanwhile, has settled.
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }
}
