#!/bin/sh
# Builds the packages and the lesson site for publishing, into apps/docs/dist,
# then checks that no address of the build machine reached the pages (the
# site shows this machine's sockets, redacted; see apps/docs/scripts/check-addresses.mjs).
#
#   NETINTRO_DOCS_BASE  path the site is served under (default /; GitHub
#                       project pages: /<repository>/)
#   NETINTRO_DOCS_SITE  origin (default https://netintro.github.io)
#
# Used by `pnpm preview` and by .github/workflows/deploy-docs.yml.
set -eu
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 ASTRO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
[ -d node_modules/.pnpm ] || pnpm install --frozen-lockfile
echo "netintro: building the site for base ${NETINTRO_DOCS_BASE:-/}"
pnpm exec turbo run build typecheck --filter=@netintro/docs...
node apps/docs/scripts/check-addresses.mjs apps/docs/dist
