#!/usr/bin/env bash
# Host-side step before `docker build`: fetches the Kafka 3.9 jars (plus the slf4j -> reload4j
# binding) from Maven Central into libs/, which the Dockerfile copies to /opt/kafka/libs.
# Idempotent: skips Maven when libs/ was already filled from the current pom.xml.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v mvn >/dev/null 2>&1; then
  echo "prepare.sh: Maven (mvn) is required on the host to fetch the Kafka jars into libs/" >&2
  exit 1
fi

stamp=libs/.pom.sha256
want=$(sha256sum pom.xml | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" ]] && compgen -G 'libs/kafka_2.13-*.jar' >/dev/null; then
  exit 0
fi

# Copy into a fresh folder, then swap, so jars of an older version never linger.
rm -rf libs.tmp
mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=libs.tmp
echo "$want" > libs.tmp/.pom.sha256
rm -rf libs
mv libs.tmp libs
