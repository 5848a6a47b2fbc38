#!/bin/sh
# `pnpm release [changeset publish flags]`: the one path by which packages reach a registry.
#
#   1. refuses while changesets are pending (run `pnpm version-packages` and commit first);
#   2. refuses outside GitHub Actions while packages ask for npm provenance;
#   3. builds, type-checks, lints and tests every public package (turbo, cached), after
#      installing the system tools the tests compare against (scripts/ensure-system.sh);
#   4. packs every public package and checks the tarball (scripts/verify-package.mjs:
#      publint --strict, attw --profile node16, only dist/ README LICENSE CHANGELOG
#      package.json, no workspace: ranges or source-only export conditions);
#   5. only then runs `changeset publish` to the registry npm is configured for
#      (npm_config_registry or .npmrc), which publishes each version not yet there,
#      with internal dependencies rewritten from workspace:^ to ^x.y.z, and tags it.
#
# Any failing step stops the release before anything is published.
# Extra arguments go to `changeset publish` (for example `--tag next --no-git-tag`).
#
# NETINTRO_RELEASE_SKIP_BUILD_TEST=1 skips step 3 only, and only for a registry on loopback:
# the end-to-end release test (tests/release-e2e) sets it because turbo builds the packages
# before that test and the same `pnpm test` type-checks and tests them. Steps 1, 2, 4 and 5
# always run.
set -eu
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
export NODE_MAJOR
helper="node scripts/release/packages.mjs"

# changesets reads the registry from the environment only; take npm's view of it so the
# "already published?" query and the publish itself talk to the same registry.
npm_config_registry=${npm_config_registry:-$(npm config get registry)}
export npm_config_registry
echo "release: registry $npm_config_registry"

pending=$($helper pending)
if [ -n "$pending" ]; then
  echo "release: refusing, changesets not yet applied (run \`pnpm version-packages\`, review, commit):" >&2
  echo "$pending" | sed 's/^/  /' >&2
  exit 1
fi

$helper provenance-ok

if [ "${NETINTRO_RELEASE_SKIP_BUILD_TEST:-}" = 1 ]; then
  if ! $helper registry-local "$npm_config_registry"; then
    echo "release: refusing, NETINTRO_RELEASE_SKIP_BUILD_TEST is only for a local test registry" >&2
    exit 1
  fi
  echo "release: build, typecheck and tests skipped (NETINTRO_RELEASE_SKIP_BUILD_TEST=1)"
else
  # The package tests compare against netstat, ss and getent: install them when missing.
  NETINTRO_SKIP_BROWSER=1 sh scripts/ensure-system.sh
  pnpm exec biome check packages
  pnpm exec turbo run build typecheck test --filter='./packages/*'
fi

for dir in $($helper public-dirs); do
  if [ ! -d "$dir/dist" ]; then
    echo "release: refusing, $dir has no dist/ (build first)" >&2
    exit 1
  fi
  echo "release: verifying the packed tarball of $dir"
  (cd "$dir" && node ../../scripts/verify-package.mjs)
done

pnpm exec changeset publish "$@"
