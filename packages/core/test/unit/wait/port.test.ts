import { describe, expect, it } from 'vitest';
import { exposedTcpPorts, isListening } from '../../../src/wait/port.js';
import { fixture } from '../../support/fixtures.js';

const tcp = fixture('proc/net-tcp-listen-8080.txt');
const tcp6 = fixture('proc/net-tcp6-listen-8080.txt');

describe('isListening on a captured /proc/net/tcp', () => {
  it('sees the listener on 8080 (0x1F90)', () => {
    expect(isListening(tcp, 8080)).toBe(true);
    expect(isListening(`${tcp}\n${tcp6}`, 8080)).toBe(true);
  });

  it('does not see ports nobody listens on', () => {
    expect(isListening(tcp, 8081)).toBe(false);
    expect(isListening(tcp, 80)).toBe(false);
    expect(isListening(tcp6, 8080)).toBe(false);
    expect(isListening('', 8080)).toBe(false);
  });

  it('ignores connections that are not listening, and remote ports', () => {
    const established = '   1: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0 20 4 30 10 -1';
    const remote = '   2: 0100007F:D2F0 0100007F:1F90 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1';
    expect(isListening(established, 8080)).toBe(false);
    expect(isListening(remote, 8080)).toBe(false);
  });

  it('reads IPv6 listeners and lower-case hex', () => {
    const line = '   0: 00000000000000000000000000000000:18eb 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   999        0 3 1 0 100 0 0 10 0';
    expect(isListening(line, 6379)).toBe(true);
  });
});

describe('exposedTcpPorts', () => {
  it('keeps tcp ports (tcp is the default) and drops udp', () => {
    expect(exposedTcpPorts(['5432/tcp', '53/udp', '8080'])).toEqual([5432, 8080]);
    expect(exposedTcpPorts([])).toEqual([]);
  });
});
