#!/usr/bin/env bash
# System packages the conformance tests drive (real clients and servers). Idempotent; each section
# installs only what is missing.
set -euo pipefail
echo "setup: node $(node --version), npm $(npm --version)"
