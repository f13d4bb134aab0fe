// A minimal RESP (Redis protocol) client for the template's own few commands (AUTH, PING, SELECT,
// FLUSHALL, EVAL) from the host: readiness and isolation need no client library and no exec.
import { Socket } from 'node:net';

export type Reply = string | number | null | Reply[] | Error;

// Encodes a command as a RESP array of bulk strings (pure).
export function encodeCommand(args: readonly string[]): Buffer {
  const parts = [`*${args.length}\r\n`];
  for (const arg of args) parts.push(`$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
  return Buffer.from(parts.join(''));
}

// Parses one reply at `offset`; returns undefined when the buffer holds only part of it (pure).
export function parseReply(buffer: Buffer, offset = 0): { reply: Reply; next: number } | undefined {
  const end = buffer.indexOf('\r\n', offset);
  if (end < 0) return undefined;
  const type = String.fromCharCode(buffer[offset] as number);
  const line = buffer.toString('utf8', offset + 1, end);
  switch (type) {
    case '+':
      return { reply: line, next: end + 2 };
    case '-':
      return { reply: new Error(line), next: end + 2 };
    case ':':
      return { reply: Number(line), next: end + 2 };
    case '$': {
      const length = Number(line);
      if (length < 0) return { reply: null, next: end + 2 };
      if (buffer.length < end + 2 + length + 2) return undefined;
      return { reply: buffer.toString('utf8', end + 2, end + 2 + length), next: end + 2 + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: null, next: end + 2 };
      const items: Reply[] = [];
      let next = end + 2;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, next);
        if (!item) return undefined;
        items.push(item.reply);
        next = item.next;
      }
      return { reply: items, next };
    }
    default:
      throw new Error(`unexpected RESP type ${JSON.stringify(type)}`);
  }
}

// Sends commands in one round trip and returns their replies (errors as Error values).
export function send(host: string, port: number, commands: readonly (readonly string[])[], timeoutMs = 2000): Promise<Reply[]> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let buffer = Buffer.alloc(0);
    const replies: Reply[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`no answer from redis at ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let parsed = parseReply(buffer); parsed; parsed = parseReply(buffer)) {
        replies.push(parsed.reply);
        buffer = buffer.subarray(parsed.next);
        if (replies.length === commands.length) {
          clearTimeout(timer);
          socket.destroy();
          resolve(replies);
          return;
        }
        if (buffer.length === 0) break;
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (replies.length < commands.length) reject(new Error(`redis at ${host}:${port} closed the connection`));
    });
    socket.connect(port, host, () => socket.write(Buffer.concat(commands.map(encodeCommand))));
  });
}
