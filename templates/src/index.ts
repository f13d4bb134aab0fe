// Placeholder until the templates issue lands: Postgres, Redis and Kafka services on
// @docker-wrapper/core.
export const templatesStatus = 'planned' as const;
