import { describe, expect, it } from 'vitest';
import { bridgeCheck, readAssignType } from '../../../src/cli/bridge-check.js';

describe('doctor: the default bridge', () => {
  it('is fine with a MAC address of its own (addr_assign_type 3, as dockerd makes it)', () => {
    expect(bridgeCheck('docker0', '3\n')).toEqual({ name: 'bridge', ok: true, detail: 'docker0 has a MAC address of its own' });
  });

  it('is a problem, with the fix, when its MAC follows its ports (a bridge made by hand: 1)', () => {
    const check = bridgeCheck('docker0', '1\n');
    expect(check).toMatchObject({ name: 'bridge', ok: false });
    expect(check?.detail).toMatch(/^docker0 takes the MAC address of its lowest port \(addr_assign_type 1\)/);
    expect(check?.fix).toMatch(/^Give it an address of its own: ip link set docker0 address 02:42:ac:11:00:01/);
  });

  it('says nothing when the bridge is not on this machine', () => {
    expect(bridgeCheck('docker0', undefined)).toBeUndefined();
    expect(readAssignType('dw-no-such-bridge')).toBeUndefined();
    // Not a path: a name that could leave /sys/class/net is not read.
    expect(readAssignType('../../../etc/passwd')).toBeUndefined();
    expect(readAssignType('lo')).toMatch(/^\d\n$/);
  });
});
