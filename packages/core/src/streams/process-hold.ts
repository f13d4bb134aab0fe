// Whether a stream's docker process may keep Node running: only while a consumer waits on the
// stream. An open stream that nobody reads then never holds a finished script or test run open.

interface Refable {
  ref?: () => void;
  unref?: () => void;
}

/** The parts of a child process that keep Node's event loop alive (its pipes are sockets). */
export interface HeldProcess {
  nodeChildProcess: Refable;
  stdout: object | null;
  stderr: object | null;
}

// Given to the stream's source, which attaches the docker process it starts.
export class ProcessHold {
  #wanted = false;
  #child: HeldProcess | undefined;

  // The process to hold or release from now on.
  attach(child: HeldProcess): void {
    this.#child = child;
    this.#apply();
  }

  // True while a consumer waits for the next item.
  set wanted(wanted: boolean) {
    if (wanted === this.#wanted) return;
    this.#wanted = wanted;
    this.#apply();
  }

  #apply(): void {
    const child = this.#child;
    if (!child) return;
    for (const handle of [child.nodeChildProcess, child.stdout, child.stderr] as (Refable | null)[]) {
      if (this.#wanted) handle?.ref?.();
      else handle?.unref?.();
    }
  }
}
