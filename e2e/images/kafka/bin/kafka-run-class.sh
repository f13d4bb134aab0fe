#!/usr/bin/env bash
# Runs a Java main class with the Kafka jars on the classpath, like Kafka's kafka-run-class.sh.
# Honours the launcher variables: KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS,
# KAFKA_JMX_OPTS (+ JMX_PORT), KAFKA_LOG4J_OPTS, KAFKA_OPTS, KAFKA_DEBUG, CLASSPATH and LOG_DIR.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 classname [opts]" >&2
  exit 1
fi

base_dir=/opt/kafka
# An explicit, sorted class path (not libs/*): the class archive below requires an identical one.
jars=("$base_dir"/libs/*.jar)
classpath=$(IFS=:; echo "${jars[*]}")
set -f # the option strings are split on spaces below, but must never be globbed

log_dir=${LOG_DIR:-$base_dir/logs}
heap=${KAFKA_HEAP_OPTS:--Xmx256m}
# Tuned for short-lived test brokers and tools: quick start-up rather than peak throughput.
performance=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}
log4j=${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:$base_dir/config/tools-log4j.properties}

jmx=${KAFKA_JMX_OPTS:-}
if [[ -n ${JMX_PORT:-} ]]; then
  jmx="${jmx:--Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false} -Dcom.sun.management.jmxremote.port=$JMX_PORT"
fi

debug=
if [[ -n ${KAFKA_DEBUG:-} ]]; then
  debug=${JAVA_DEBUG_OPTS:--agentlib:jdwp=transport=dt_socket,server=y,suspend=${DEBUG_SUSPEND_FLAG:-n},address=*:${JAVA_DEBUG_PORT:-5005}}
fi

# Class-data-sharing archive made at image build time (docker/make-class-archive): faster start-up.
archive=
if [[ -f $base_dir/kafka.jsa ]]; then
  archive=-XX:SharedArchiveFile=$base_dir/kafka.jsa
fi

# shellcheck disable=SC2086 # word splitting of the option strings is intended
exec java $heap $performance $archive $jmx ${KAFKA_GC_LOG_OPTS:-} $debug $log4j "-Dkafka.logs.dir=$log_dir" ${KAFKA_OPTS:-} \
  -cp "$classpath${CLASSPATH:+:$CLASSPATH}" "$@"
