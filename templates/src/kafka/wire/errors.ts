// Kafka error codes the template meets, and which of them go away by themselves (retriable).

const NAMES: Record<number, string> = {
  [-1]: 'UNKNOWN_SERVER_ERROR',
  1: 'OFFSET_OUT_OF_RANGE',
  2: 'CORRUPT_MESSAGE',
  3: 'UNKNOWN_TOPIC_OR_PARTITION',
  5: 'LEADER_NOT_AVAILABLE',
  6: 'NOT_LEADER_OR_FOLLOWER',
  7: 'REQUEST_TIMED_OUT',
  8: 'BROKER_NOT_AVAILABLE',
  9: 'REPLICA_NOT_AVAILABLE',
  10: 'MESSAGE_TOO_LARGE',
  13: 'NETWORK_EXCEPTION',
  14: 'COORDINATOR_LOAD_IN_PROGRESS',
  15: 'COORDINATOR_NOT_AVAILABLE',
  17: 'INVALID_TOPIC_EXCEPTION',
  19: 'NOT_ENOUGH_REPLICAS',
  20: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  29: 'TOPIC_AUTHORIZATION_FAILED',
  31: 'CLUSTER_AUTHORIZATION_FAILED',
  35: 'UNSUPPORTED_VERSION',
  36: 'TOPIC_ALREADY_EXISTS',
  37: 'INVALID_PARTITIONS',
  38: 'INVALID_REPLICATION_FACTOR',
  40: 'INVALID_CONFIG',
  41: 'NOT_CONTROLLER',
  42: 'INVALID_REQUEST',
  56: 'KAFKA_STORAGE_ERROR',
  74: 'FENCED_LEADER_EPOCH',
  75: 'UNKNOWN_LEADER_EPOCH',
  78: 'OFFSET_NOT_AVAILABLE',
  89: 'THROTTLING_QUOTA_EXCEEDED',
  100: 'UNKNOWN_TOPIC_ID',
};

// Transient while a broker starts, a topic is being created or leadership moves. A replication
// factor that cannot be met yet is one of them: the broker may not have registered itself.
const RETRIABLE = new Set([2, 3, 5, 6, 7, 8, 9, 13, 14, 15, 19, 20, 38, 41, 56, 74, 75, 78, 89, 100]);

export const TOPIC_ALREADY_EXISTS = 36;

// True for the error codes that go away by themselves.
export function isRetriable(code: number): boolean {
  return RETRIABLE.has(code);
}

// A broker's refusal, or a connection that failed before it answered (internal: the template turns
// it into a DockerWrapperError before it reaches users).
export class KafkaRequestError extends Error {
  readonly errorCode: number | undefined;
  readonly retriable: boolean;
  constructor(message: string, options: { errorCode?: number; retriable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'KafkaRequestError';
    this.errorCode = options.errorCode;
    this.retriable = options.retriable ?? (options.errorCode === undefined || isRetriable(options.errorCode));
  }
}

// `INVALID_CONFIG (40)`.
export function errorName(code: number): string {
  return `${NAMES[code] ?? 'KAFKA_ERROR'} (${code})`;
}

// Throws a KafkaRequestError for a non-zero error code.
export function check(code: number, what: string, message?: string | null): void {
  if (code === 0) return;
  throw new KafkaRequestError(`${what}: ${errorName(code)}${message ? ` ${message}` : ''}`, { errorCode: code });
}
