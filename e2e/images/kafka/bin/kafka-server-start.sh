#!/usr/bin/env bash
# Starts the broker (main class kafka.Kafka) in the foreground, like Kafka's kafka-server-start.sh:
# broker heap defaults and broker logging (INFO to stdout) unless the caller overrides them.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 server.properties [--override property=value]*" >&2
  exit 1
fi

export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}
export KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:/opt/kafka/config/log4j.properties}
exec "$(dirname "$0")/kafka-run-class.sh" kafka.Kafka "$@"
