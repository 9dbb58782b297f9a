#!/usr/bin/env bash
# Elasticsearch for the Elastic integration tests: the integ-test distribution from Maven Central
# (test/elasticsearch/pom.xml pins the version), unpacked under test/.servers/ (gitignored).
# test/servers/elasticsearch.ts runs it on loopback with Java 17+. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's:.*<elasticsearch.version>\(.*\)</elasticsearch.version>.*:\1:p' test/elasticsearch/pom.xml)
target=test/.servers/elasticsearch-$version
if [ -x "$target/bin/elasticsearch" ]; then
  echo "elasticsearch $version already unpacked in $target"
  exit 0
fi
if ! command -v mvn >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1 || ! command -v unzip >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends maven openjdk-17-jdk-headless unzip
fi
download=$(mktemp -d)
trap 'rm -rf "$download"' EXIT
mvn -q -B -f test/elasticsearch/pom.xml dependency:copy-dependencies -DoutputDirectory="$download"
mkdir -p test/.servers
unzip -q "$download/elasticsearch-$version.zip" -d "$download/unpacked"
rm -rf "$target"
mv "$download/unpacked/elasticsearch-$version" "$target"
echo "installed elasticsearch $version in $target"
