// Redis readiness: PING answers through the published port, polled from this process (a few lines
// of RESP; no client library, no docker process).
import { Wait, type WaitStrategy } from '@docker-wrapper/core';
import { send } from './resp.js';

export const REDIS_PORT = 6379;

// Authenticates if a password is set, then expects PONG.
export async function ping(host: string, port: number, password: string | undefined): Promise<void> {
  const replies = await send(host, port, [...(password ? [['AUTH', password]] : []), ['PING']]);
  const last = replies.at(-1);
  if (last !== 'PONG') throw new Error(`redis answered ${String(last)} to PING`);
}

// Ready when PING from the host answers PONG. The template publishes Redis on a host port chosen
// before the start, so the PINGs begin while docker is asked for the container's details. Redis
// listens some 10-20 ms after docker's start returns: tries 2 ms apart at first (a refused
// connection costs well under a millisecond) see it within a few ms rather than a 10-25 ms pause.
export function pingWait(password: string | undefined): WaitStrategy {
  return Wait.forProbe('PING from the host', (c) => ping(c.host, c.hostPort(REDIS_PORT), password).then(() => true), { idOnly: true, firstIntervalMs: 2 });
}
