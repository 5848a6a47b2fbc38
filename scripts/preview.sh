#!/bin/sh
# `pnpm preview`: the site as readers get it. Builds the packages and the
# production site (scripts/build-site.sh), then serves that static build on
# loopback with `astro preview` (no live view: that is `pnpm start`). Honours
# NETINTRO_DOCS_BASE (e.g. /netintro/ to see it as GitHub project pages serve
# it) and NETINTRO_DOCS_PREVIEW_PORT (default 4321). Open the URL it prints.
set -eu
cd "$(dirname "$0")/.."
sh scripts/build-site.sh
exec pnpm --filter @netintro/docs exec astro preview --host 127.0.0.1 \
  --port "${NETINTRO_DOCS_PREVIEW_PORT:-4321}" "$@"
