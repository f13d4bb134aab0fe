import { describe, expect, it } from 'vitest';
import { encodeCommand, parseReply } from '../../src/redis/resp.js';

describe('RESP', () => {
  it('encodes a command as an array of bulk strings, counting bytes not characters', () => {
    expect(encodeCommand(['SET', 'k', 'grüße']).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$7\r\ngrüße\r\n');
  });

  it('parses simple strings, errors, integers, bulk strings, nulls and arrays', () => {
    expect(parseReply(Buffer.from('+PONG\r\n'))).toEqual({ reply: 'PONG', next: 7 });
    const error = parseReply(Buffer.from('-NOAUTH Authentication required.\r\n'))?.reply;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('NOAUTH Authentication required.');
    expect(parseReply(Buffer.from(':42\r\n'))?.reply).toBe(42);
    expect(parseReply(Buffer.from('$5\r\nhello\r\n'))?.reply).toBe('hello');
    expect(parseReply(Buffer.from('$-1\r\n'))?.reply).toBeNull();
    expect(parseReply(Buffer.from('*2\r\n:1\r\n$1\r\na\r\n'))?.reply).toEqual([1, 'a']);
  });

  it('waits for the rest of a reply split across chunks', () => {
    expect(parseReply(Buffer.from('$5\r\nhel'))).toBeUndefined();
    expect(parseReply(Buffer.from('*2\r\n:1\r\n'))).toBeUndefined();
    expect(parseReply(Buffer.from('+PO'))).toBeUndefined();
  });

  it('reads consecutive replies from their offsets', () => {
    const buffer = Buffer.from('+OK\r\n:7\r\n');
    const first = parseReply(buffer);
    expect(first?.reply).toBe('OK');
    expect(parseReply(buffer, first?.next)?.reply).toBe(7);
  });
});
