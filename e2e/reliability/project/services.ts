// The services of the fault project: the Redis template, and a Redis of our own capped at 32 MiB
// (a service the kernel can OOM-kill).
import { ContainerBuilder, Wait } from '@docker-wrapper/core';
import { redis, service } from '@docker-wrapper/templates';

export const services = {
  cache: redis(),
  capped: service(
    new ContainerBuilder('redis').memoryLimit('32m').command(['--save', '', '--appendonly', 'no']).port(6379).waitFor(Wait.forLog('Ready to accept connections')),
    { kind: 'capped-redis', connection: (c) => ({ url: `redis://${c.host}:${c.hostPort(6379)}` }) },
  ),
};
