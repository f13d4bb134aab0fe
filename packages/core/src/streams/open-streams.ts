// The streams and monitors a session handed out that are still open: `docker.close()` ends them,
// so a stream nobody read or stopped does not outlive its session.

export class OpenStreams {
  readonly #closers = new Set<() => Promise<void>>();

  // Remembers how to end a stream; the returned function forgets it (the stream ended by itself).
  add(close: () => Promise<void>): () => void {
    this.#closers.add(close);
    return () => this.#closers.delete(close);
  }

  // Ends every stream still open.
  async closeAll(): Promise<void> {
    await Promise.all([...this.#closers].map((close) => close()));
  }
}
