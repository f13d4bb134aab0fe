// doctor's check of the engine's default bridge on this machine. A bridge that dockerd made has a
// MAC address of its own (the kernel's addr_assign_type 3). One made by hand (`ip link add docker0
// type bridge`, after something deleted it) takes the lowest MAC of its ports, which changes as
// containers come and go: the containers' ARP entries for their gateway go stale and their TCP
// connections to this host stall for seconds to minutes (seen on the project's own CI machine).
import { readFileSync } from 'node:fs';
import type { Check } from './commands/doctor.js';

// The check for bridge `name` whose /sys addr_assign_type reads `assignType` (pure); undefined when
// there is nothing to read (not Linux, a remote or rootless engine: the bridge is not here).
export function bridgeCheck(name: string, assignType: string | undefined): Check | undefined {
  if (assignType === undefined) return undefined;
  const type = assignType.trim();
  if (type === '3') return { name: 'bridge', ok: true, detail: `${name} has a MAC address of its own` };
  return {
    name: 'bridge',
    ok: false,
    detail: `${name} takes the MAC address of its lowest port (addr_assign_type ${type}), which changes as containers come and go: their connections to this host stall meanwhile`,
    fix: `Give it an address of its own: ip link set ${name} address 02:42:ac:11:00:01 (any locally administered MAC), or stop dockerd, delete the bridge and start dockerd (it makes the bridge again with one).`,
  };
}

// addr_assign_type of the local bridge `name`, or undefined when it is not on this machine.
export function readAssignType(name: string): string | undefined {
  if (!/^[\w.-]{1,15}$/.test(name)) return undefined;
  try {
    return readFileSync(`/sys/class/net/${name}/addr_assign_type`, 'utf8');
  } catch {
    return undefined;
  }
}
