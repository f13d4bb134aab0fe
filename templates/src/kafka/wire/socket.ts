// One TCP connection to a broker: size-prefixed frames, request header v1, responses matched by
// correlation id. Every failure (refused, reset, timeout, abort) is a retriable KafkaRequestError.
import { Socket, connect } from 'node:net';
import type { KafkaRequest } from './api.js';
import { Reader, Writer } from './codec.js';
import { KafkaRequestError } from './errors.js';

const CLIENT_ID = 'docker-wrapper';

interface Pending {
  resolve(body: Buffer): void;
  reject(error: Error): void;
}

export class BrokerSocket {
  readonly address: string;
  readonly #socket: Socket;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #received: Buffer = Buffer.alloc(0);
  #failure: Error | undefined;

  private constructor(socket: Socket, address: string) {
    this.#socket = socket;
    this.address = address;
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('error', (error) => this.#fail(new KafkaRequestError(`connection to ${address} failed: ${error.message}`, { cause: error })));
    socket.on('close', () => this.#fail(new KafkaRequestError(`${address} closed the connection`)));
  }

  // Connects within `timeoutMs` (or until `signal` aborts).
  static open(host: string, port: number, options: { timeoutMs: number; signal?: AbortSignal }): Promise<BrokerSocket> {
    const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port, noDelay: true, timeout: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
      const fail = (error: Error) => {
        socket.destroy();
        reject(new KafkaRequestError(`could not connect to ${address}: ${error.message}`, { cause: error }));
      };
      socket.once('error', fail);
      socket.once('timeout', () => fail(new Error(`no connection within ${options.timeoutMs} ms`)));
      socket.once('connect', () => {
        socket.off('error', fail);
        socket.removeAllListeners('timeout');
        socket.setTimeout(0);
        resolve(new BrokerSocket(socket, address));
      });
    });
  }

  // Sends a request and resolves with its parsed response.
  async send<T>(request: KafkaRequest<T>, options: { timeoutMs: number; signal?: AbortSignal }): Promise<T> {
    if (this.#failure) throw this.#failure;
    if (options.signal?.aborted) throw new KafkaRequestError('aborted', { retriable: false, cause: options.signal.reason });
    const correlationId = this.#nextId++;
    const header = new Writer().int16(request.apiKey).int16(request.version).int32(correlationId).string(CLIENT_ID).build();
    const frame = new Writer().int32(header.length + request.body.length).raw(header).raw(request.body).build();
    const body = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => this.#fail(new KafkaRequestError(`${this.address} did not answer within ${options.timeoutMs} ms`)), options.timeoutMs);
      timer.unref();
      const onAbort = () => this.#fail(new KafkaRequestError('aborted', { retriable: false, cause: options.signal?.reason }));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      this.#pending.set(correlationId, {
        resolve: (data) => (settle(), resolve(data)),
        reject: (error) => (settle(), reject(error)),
      });
      this.#socket.write(frame);
    });
    try {
      return request.parse(new Reader(body));
    } catch (cause) {
      throw new KafkaRequestError(`could not read the answer of ${this.address} to request ${request.apiKey} v${request.version}: ${String(cause)}`, { retriable: false, cause });
    }
  }

  close(): void {
    this.#fail(new KafkaRequestError('connection closed'));
  }

  #onData(chunk: Buffer): void {
    this.#received = this.#received.length === 0 ? chunk : Buffer.concat([this.#received, chunk]);
    while (this.#received.length >= 4) {
      const size = this.#received.readInt32BE(0);
      if (this.#received.length < 4 + size) return;
      const correlationId = this.#received.readInt32BE(4);
      const body = this.#received.subarray(8, 4 + size);
      this.#received = this.#received.subarray(4 + size);
      const pending = this.#pending.get(correlationId);
      this.#pending.delete(correlationId);
      pending?.resolve(body);
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    this.#socket.destroy();
  }
}
