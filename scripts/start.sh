#!/bin/sh
# `pnpm start`: the main job. Builds the packages and serves the lesson site
# with live examples (development mode: on Linux it shows this machine's own
# sockets, refreshed live). Open the URL it prints.
set -eu
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 ASTRO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
[ -d node_modules/.pnpm ] || pnpm install --frozen-lockfile
pnpm exec turbo run build --filter='./packages/*'
exec pnpm --filter @netintro/docs start "$@"
