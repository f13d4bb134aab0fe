// The bench's testcontainers-node 12 flavour of the Jest e2e suite: the global setup such a suite
// would have, starting the same three services in parallel on the same images and handing their
// URLs to the workers in an environment variable.
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { GenericContainer, Wait } from 'testcontainers';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
import { Kafka, logLevel } from 'kafkajs';
import { brokerEnv, KAFKA_READY_LINE } from '../raw.mjs';
import { resolveImage } from '../support.mjs';

const schema = fileURLToPath(new URL('../../e2e/app/schema.sql', import.meta.url));

async function startKafka() {
  const port = await getPort();
  const flags = brokerEnv(port, 'kafka');
  const environment = Object.fromEntries(flags.filter((_, i) => i % 2 === 1).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  const container = await new GenericContainer(resolveImage('apache/kafka:3.9.1'))
    .withEnvironment(environment)
    .withExposedPorts({ container: 9092, host: port })
    .withWaitStrategy(Wait.forLogMessage(KAFKA_READY_LINE))
    .start();
  const admin = new Kafka({ brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'user-events' }], waitForLeaders: true });
  await admin.disconnect();
  return { container, brokers: [`127.0.0.1:${port}`] };
}

export default async function setup() {
  const [db, cache, bus] = await Promise.all([
    new PostgreSqlContainer(resolveImage('postgres:17')).withCopyFilesToContainer([{ source: schema, target: '/docker-entrypoint-initdb.d/schema.sql' }]).start(),
    new RedisContainer(resolveImage('redis:7')).start(),
    startKafka(),
  ]);
  globalThis.benchContainers = [db, cache, bus.container];
  process.env.BENCH_TC_RUN = JSON.stringify({
    // testcontainers says `localhost`; the suite expects the address docker published on.
    db: { url: db.getConnectionUri().replace('@localhost:', '@127.0.0.1:'), database: db.getDatabase(), port: db.getPort() },
    cache: { url: cache.getConnectionUrl().replace('//localhost:', '//127.0.0.1:'), database: 0, keyPrefix: '' },
    // The kafka() template's connection shape.
    bus: { brokers: bus.brokers, bootstrapServers: bus.brokers.join(','), topicPrefix: '', groupPrefix: '' },
  });
}
