// The e2e app's event publisher: domain events as JSON messages on a Kafka topic.
import { Kafka, logLevel, type Producer } from 'kafkajs';

export interface DomainEvent {
  type: string;
  id: number;
}

// Broker lists come as arrays from code and as comma-joined strings from the environment.
export function brokerList(brokers: string | readonly string[]): string[] {
  return typeof brokers === 'string' ? brokers.split(',').filter(Boolean) : [...brokers];
}

export class EventPublisher {
  readonly kafka: Kafka;
  readonly topic: string;
  #producer: Producer | undefined;

  constructor(brokers: string | readonly string[], topic: string) {
    this.kafka = new Kafka({ clientId: 'e2e-app', brokers: brokerList(brokers), logLevel: logLevel.NOTHING });
    this.topic = topic;
  }

  async publish(event: DomainEvent): Promise<void> {
    if (!this.#producer) {
      this.#producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.#producer.connect();
    }
    await this.#producer.send({ topic: this.topic, messages: [{ key: String(event.id), value: JSON.stringify(event) }] });
  }

  async close(): Promise<void> {
    await this.#producer?.disconnect();
  }
}
