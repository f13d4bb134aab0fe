import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DockerWrapperError } from '../../../src/errors.js';
import type { DockerEvent } from '../../../src/streams/event-types.js';
import { readEvents } from '../../../src/streams/events.js';
import { fixture } from '../../support/fixtures.js';

async function collect(source: Parameters<typeof readEvents>[0]): Promise<DockerEvent[]> {
  const out: DockerEvent[] = [];
  for await (const event of readEvents(source)) out.push(event);
  return out;
}

describe('readEvents', () => {
  const text = fixture('events/lifecycle.cli28.jsonl');
  const count = text.trim().split('\n').length;

  it('replays a captured stream read in small byte chunks', async () => {
    const events = await collect(Readable.from(Buffer.from(text), { objectMode: false }).iterator());
    expect(events).toHaveLength(count);
    const chunked = await collect(Readable.from(text.match(/[\s\S]{1,13}/g) ?? []));
    expect(chunked).toEqual(events);
  });

  it('decodes UTF-8 characters split across byte chunks', async () => {
    const line = '{"Type":"container","Action":"exec_start: echo größe µs","Actor":{"ID":"abc","Attributes":{"name":"nächste"}},"time":1}\n';
    const bytes = Array.from(new TextEncoder().encode(line), (byte) => Uint8Array.of(byte));
    const [event] = await collect(Readable.from(bytes));
    expect(event).toMatchObject({ detail: 'echo größe µs', containerName: 'nächste' });
  });

  it('reads a whole text or an array of lines', async () => {
    expect(await collect(text)).toHaveLength(count);
    expect(await collect(text.split('\n'))).toHaveLength(count);
  });

  it('throws a PARSE_ERROR with secrets masked on a broken line', async () => {
    const error = await collect(['{"Type":"container","Action":"exec_start: sh -c PGPASSWORD=hunter2 psql"']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerWrapperError);
    expect((error as DockerWrapperError).code).toBe('PARSE_ERROR');
    expect((error as Error).message).toContain('PGPASSWORD=***');
    expect((error as Error).message).not.toContain('hunter2');
  });
});
