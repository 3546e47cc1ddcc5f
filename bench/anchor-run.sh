#!/usr/bin/env bash
# Anchor measurements, Shale and Apache HBase 2.6 in the same run through the same Java client:
# startup to the first answered Get, RSS after startup and after a load of 50,000 rows, and ops/s of
# random put, random get and 50-row scans at 1 and 16 client threads (each phase ANCHOR_SECONDS long).
# Prints both tables and the Shale/HBase ratios. Loopback only; starts and stops both servers itself.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash test/conformance/hbase/run-differential.sh --bench --seconds "${ANCHOR_SECONDS:-5}" "$@"
