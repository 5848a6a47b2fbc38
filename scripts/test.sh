#!/bin/sh
# `pnpm test`: every test of the repository. Installs missing system packages
# (netstat, ss, chromium) first, then lints, builds, type-checks, tests and
# verifies the packed tarballs through turbo.
set -eu
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 ASTRO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]'); export NODE_MAJOR
sh scripts/ensure-system.sh
[ -d node_modules/.pnpm ] || pnpm install --frozen-lockfile
unset NETINTRO_DOCS_BASE NETINTRO_DOCS_SITE # the docs tests choose their own base
pnpm exec biome check .
pnpm exec turbo run build typecheck test verify "$@"
