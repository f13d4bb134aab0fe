import { describe, expect, it } from 'vitest';
import { parseNetworkInspect } from '../../../src/resources/networks.js';
import { bothClis } from '../../support/fixtures.js';

describe('parseNetworkInspect on captured `docker network inspect`', () => {
  it.each(bothClis('networks/network-inspect.{cli}.json'))('reads driver, subnet, internal, labels and members (%s)', (_cli, text) => {
    expect(parseNetworkInspect(text)).toEqual([
      {
        id: '8f4ce0a9f4c0fab3641ee16cc16959c1621bb2df7a8ef9025556aa05751a88e4',
        name: 'dw-capture-net',
        driver: 'bridge',
        internal: true,
        subnets: ['172.31.250.0/24'],
        labels: { 'dw-capture': '1', team: 'core' },
        containers: { '0272378a109e26a82de21c87c5f3fbf52725344a23d7ba7e8a6aee423422a50c': { name: 'dw-capture-member', ipv4Address: '172.31.250.2/24' } },
      },
    ]);
  });

  it('copes with null IPAM config, labels and containers', () => {
    expect(parseNetworkInspect('[{"Id":"n1","Name":"none","Driver":"null","IPAM":{"Config":null},"Labels":null,"Containers":null}]')).toEqual([
      { id: 'n1', name: 'none', driver: 'null', internal: false, subnets: [], labels: {}, containers: {} },
    ]);
  });
});
