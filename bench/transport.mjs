// What one docker CLI process per call costs a container start, against the alternative the engine
// does NOT use (issue 3: it drives the CLI): the Engine API spoken over one long-lived
// `docker system dial-stdio` process (the CLI still connects: contexts, ssh, TLS). Redis start to a
// PING from the host, three ways, interleaved: the CLI (`run -d` + `inspect`), the API over
// dial-stdio (create + start + inspect), and testcontainers-node 12. Evidence for a transport
// decision; it asserts nothing. `node scripts/with-images.mjs node bench/transport.mjs [rounds]`.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { Duplex } from 'node:stream';
import { RedisContainer } from '@testcontainers/redis';
import getPort from 'get-port';
import { docker, median, redisPing, report, resolveImage, sleep, time } from './support.mjs';

process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
const rounds = Number(process.argv[2] ?? 9);
const image = resolveImage('redis:7');

// A socket-like stream over `docker system dial-stdio` for node's http agent.
function dialStdio() {
  const child = spawn('docker', ['system', 'dial-stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const stream = Duplex.from({ readable: child.stdout, writable: child.stdin });
  Object.assign(stream, { setKeepAlive: () => stream, setNoDelay: () => stream, setTimeout: () => stream, ref: () => stream, unref: () => stream });
  stream.on('close', () => child.kill());
  return stream;
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
agent.createConnection = () => dialStdio();

function api(method, path, body) {
  return new Promise((resolve, reject) => {
    const request = http.request({ agent, method, host: 'docker', path: `/v1.41${path}`, headers: body ? { 'content-type': 'application/json' } : {} }, (response) => {
      let data = '';
      response.on('data', (chunk) => { data += chunk; });
      const json = String(response.headers['content-type']).startsWith('application/json');
      response.on('end', () => (response.statusCode < 400 ? resolve(json && data ? JSON.parse(data) : data) : reject(new Error(`${method} ${path}: ${response.statusCode} ${data}`))));
    });
    request.on('error', reject);
    request.end(body ? JSON.stringify(body) : undefined);
  });
}

const pingUntilReady = async (port) => { while (!(await redisPing(port))) await sleep(2); };

const variants = {
  'cli: run -d + inspect + PING': async () => {
    const id = (await docker(['run', '-d', '-p', '127.0.0.1::6379', image])).stdout.trim();
    const [info] = JSON.parse((await docker(['container', 'inspect', id])).stdout);
    await pingUntilReady(Number(info.NetworkSettings.Ports['6379/tcp'][0].HostPort));
    return () => docker(['rm', '-f', '-v', id]);
  },
  'api over dial-stdio: create + start + inspect + PING': async () => {
    const port = await getPort();
    const { Id: id } = await api('POST', '/containers/create', { Image: image, ExposedPorts: { '6379/tcp': {} }, HostConfig: { PortBindings: { '6379/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } } });
    await api('POST', `/containers/${id}/start`);
    await Promise.all([api('GET', `/containers/${id}/json`), pingUntilReady(port)]);
    return () => api('DELETE', `/containers/${id}?force=true&v=true`);
  },
  'testcontainers 12 start()': async () => {
    const container = await new RedisContainer(image).start();
    return () => container.stop();
  },
};

await api('GET', '/_ping');
const results = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const { ms, value: cleanup } = await time(run);
    results[name].push(ms);
    await cleanup();
  }
}
report('Redis start to PING, by transport', results, 'testcontainers 12 start()');
const paired = (name) => median(results[name].map((ms, i) => ms / results['testcontainers 12 start()'][i])).toFixed(2);
for (const name of Object.keys(variants)) console.log(`  paired vs testcontainers: ${name.padEnd(52)} x${paired(name)}`);
agent.destroy();
