#!/usr/bin/env bash
set -euo pipefail
echo "with-postgres: not yet written" >&2
exit 1
