// A stand-in image registry for pull tests on an air-gapped machine: a read-only Docker Registry
// HTTP API v2 on 127.0.0.1 (which the engine trusts over plain HTTP) serving tiny images made in
// memory. Unknown references get the registry's own MANIFEST_UNKNOWN answer. Node built-ins only,
// so a plain `node` process can load it too.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface StubRegistry {
  /** `127.0.0.1:<port>`, the registry part of references like `127.0.0.1:5000/app:1`. */
  readonly host: string;
  /** `METHOD /path` of every request, in order. */
  readonly requests: string[];
  /** Serves `repository:tag` as a one-layer image holding `files` (path -> content). */
  addImage(repository: string, tag: string, files: Record<string, string>): void;
  close(): Promise<void>;
}

const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';
const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

// One regular file as a ustar entry (header + content padded to 512 bytes).
function tarEntry(path: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (value: string, offset: number, length: number) => header.write(value, offset, length, 'utf8');
  const octal = (value: number, offset: number, length: number) => field(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
  field(path, 0, 100);
  octal(0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(content.length, 124, 12);
  octal(0, 136, 12);
  field('        ', 148, 8);
  field('0', 156, 1);
  field('ustar\0', 257, 6);
  field('00', 263, 2);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding]);
}

function tarArchive(files: Record<string, string>): Buffer {
  const entries = Object.entries(files).map(([path, content]) => tarEntry(path.replace(/^\//, ''), Buffer.from(content)));
  return Buffer.concat([...entries, Buffer.alloc(1024)]);
}

function goArch(): string {
  return process.arch === 'x64' ? 'amd64' : process.arch;
}

// Starts the registry on a free port of 127.0.0.1.
export async function startRegistry(): Promise<StubRegistry> {
  const manifests = new Map<string, Buffer>();
  const blobs = new Map<string, Buffer>();
  const requests: string[] = [];

  function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer, digest?: string): void {
    res.writeHead(status, {
      'content-type': type,
      'content-length': body.length,
      'docker-distribution-api-version': 'registry/2.0',
      ...(digest ? { 'docker-content-digest': digest } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function notFound(req: IncomingMessage, res: ServerResponse, code: string, message: string): void {
    send(req, res, 404, 'application/json', Buffer.from(JSON.stringify({ errors: [{ code, message, detail: null }] })));
  }

  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = req.url ?? '/';
    if (url === '/v2/' || url === '/v2') return send(req, res, 200, 'application/json', Buffer.from('{}'));
    const match = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url);
    if (match?.[2] === 'manifests') {
      const manifest = manifests.get(`${match[1]}:${match[3]}`) ?? [...manifests.values()].find((m) => sha256(m) === match[3]);
      return manifest ? send(req, res, 200, MANIFEST_TYPE, manifest, sha256(manifest)) : notFound(req, res, 'MANIFEST_UNKNOWN', 'manifest unknown');
    }
    if (match?.[2] === 'blobs') {
      const blob = blobs.get(match[3] ?? '');
      return blob ? send(req, res, 200, 'application/octet-stream', blob, match[3]) : notFound(req, res, 'BLOB_UNKNOWN', 'blob unknown to registry');
    }
    return notFound(req, res, 'NAME_UNKNOWN', 'repository name not known to registry');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: `127.0.0.1:${port}`,
    requests,
    addImage(repository, tag, files) {
      const layer = tarArchive(files);
      const compressed = gzipSync(layer);
      const config = Buffer.from(JSON.stringify({
        architecture: goArch(),
        os: 'linux',
        config: { Cmd: ['/hello'], Labels: { 'org.example.stub': 'yes' } },
        rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
        history: [{ created_by: 'stub registry' }],
      }));
      blobs.set(sha256(compressed), compressed);
      blobs.set(sha256(config), config);
      manifests.set(`${repository}:${tag}`, Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: MANIFEST_TYPE,
        config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha256(config) },
        layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: compressed.length, digest: sha256(compressed) }],
      })));
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
