#!/usr/bin/env bash
# Starts a real Apache HBase 2.6 (mini cluster: HMaster + one region server + ZooKeeper in one JVM,
# local filesystem, loopback only) in the foreground. Prints HBASE_ZK_QUORUM=127.0.0.1:<port> when a
# client can use it; SIGTERM or SIGINT stops it cleanly. Needs only Java 17 and Maven.
#   start-hbase.sh [--zk-port N] [--data-dir DIR] [--ready-file FILE] [--heap 2g]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
zk_port=0; data_dir=""; ready_file=""; heap="2g"
while [ $# -gt 0 ]; do
  case "$1" in
    --zk-port) zk_port="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --ready-file) ready_file="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    *) echo "start-hbase.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
bash "$here/build.sh" cluster >&2
[ -n "$data_dir" ] || data_dir="$(mktemp -d /tmp/shale-hbase.XXXXXX)"
mkdir -p "$data_dir"
source "$here/jvm-flags.sh"
args=(--zk-port "$zk_port")
[ -z "$ready_file" ] || args+=(--ready-file "$ready_file")
cd "$data_dir"
exec java "-Xmx$heap" -XX:+UseG1GC "${HBASE_JDK17_FLAGS[@]}" \
  -Dtest.build.data.basedirectory="$data_dir" \
  -Dlog4j.configuration="file:$here/cluster/log4j.properties" \
  -cp "$here/cluster/target/hbase-cluster.jar:$here/cluster/target/lib/*" shale.hbase.MiniCluster "${args[@]}"
