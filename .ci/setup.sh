#!/usr/bin/env bash
# System packages the conformance tests drive (real clients and servers). Idempotent; each section
# installs only what is missing.
set -euo pipefail
echo "setup: node $(node --version), npm $(npm --version)"

# ZooKeeper (Debian's package): zkCli.sh and the 3.8 server for the ZooKeeper conformance,
# differential and registration tests (test/conformance/zk-cli/, test/server/zookeeper/).
if [ ! -x /usr/share/zookeeper/bin/zkCli.sh ] || [ ! -f /usr/share/java/zookeeper.jar ] || [ ! -f /usr/share/java/slf4j-nop.jar ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends zookeeper libslf4j-java default-jre-headless
fi
# Go builds test/conformance/go-zk (go-zookeeper, the library gohbase uses); modules come from the proxy.
command -v go >/dev/null || { echo "setup: go is required for test/conformance/go-zk" >&2; exit 1; }
# Java 17+ and Maven for the HBase Java client conformance (test/conformance/java/, npm run
# test:conformance); hbase-shaded-client comes from Maven Central on the first build.
if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends maven default-jdk-headless
fi
