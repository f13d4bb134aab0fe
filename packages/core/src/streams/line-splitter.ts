// Splits a stream of text chunks into whole lines: a partial line is kept until the chunk that
// ends it arrives (pure; the stream parsers and their tests feed it arbitrary chunks).

// Feed it chunks, get whole lines.
export class LineSplitter {
  #rest = '';

  // The lines a chunk completes (without their `\n` or `\r\n`); the unfinished tail is kept.
  push(chunk: string): string[] {
    const text = this.#rest + chunk;
    const lines = text.split('\n');
    this.#rest = lines.pop() ?? '';
    return lines.map(stripCarriageReturn);
  }

  // The last line when the stream ended without a final newline.
  end(): string[] {
    const rest = this.#rest;
    this.#rest = '';
    return rest === '' ? [] : [stripCarriageReturn(rest)];
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
