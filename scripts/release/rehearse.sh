#!/bin/sh
# Rehearses the next release exactly as a maintainer would cut it, without publishing it:
# from a snapshot of HEAD in a temp folder, `pnpm version-packages`, then the full
# `pnpm release` (no step skipped: system tools, biome, turbo build/typecheck/test, tarball
# checks, changeset publish) to a throwaway verdaccio on 127.0.0.1 with no uplinks. Prints
# what the registry received. Your checkout is not modified; verdaccio is stopped by its PID
# and the temp folder removed on exit. Takes a few minutes (it runs every package test).
#
#   sh scripts/release/rehearse.sh
#
# The one difference from a real release: the snapshot drops publishConfig.provenance,
# because npm can sign provenance only inside GitHub Actions.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
verdaccio="$root/tests/release-e2e/node_modules/verdaccio/bin/verdaccio"
[ -f "$verdaccio" ] || { echo "rehearse: run pnpm install first (verdaccio missing)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/netintro-rehearse.XXXXXX)
# Readable by all: some package tests run programs as `nobody` from the checkout.
chmod 755 "$tmp"
vpid=""
cleanup() {
  if [ -n "$vpid" ]; then
    kill "$vpid" 2>/dev/null || true
    i=0
    while kill -0 "$vpid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill -9 "$vpid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# The snapshot: committed files only, pnpm's sibling links, the workspace's tools.
mkdir -p "$tmp/repo" "$tmp/registry"
git -C "$root" archive HEAD | tar -x -C "$tmp/repo"
for dir in "$root"/packages/*/; do
  name=$(basename "$dir")
  if [ -d "$dir/node_modules/@netintro" ]; then
    mkdir -p "$tmp/repo/packages/$name/node_modules"
    cp -a "$dir/node_modules/@netintro" "$tmp/repo/packages/$name/node_modules/"
  fi
done
ln -s "$root/node_modules" "$tmp/repo/node_modules"
git -C "$tmp/repo" init -q
git -C "$tmp/repo" add -A
git -C "$tmp/repo" -c user.name=rehearsal -c user.email=rehearsal@localhost commit -qm snapshot

port=$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
url="http://127.0.0.1:$port/"
cat >"$tmp/registry/config.yaml" <<EOF
storage: $tmp/registry/storage
auth:
  htpasswd:
    file: $tmp/registry/htpasswd
    max_users: 10
uplinks: {}
packages:
  '@netintro/*':
    access: \$all
    publish: \$authenticated
  '**':
    access: \$all
    publish: \$authenticated
web:
  enable: false
log: { type: stdout, format: json, level: warn }
EOF
node "$verdaccio" --config "$tmp/registry/config.yaml" --listen "127.0.0.1:$port" \
  >"$tmp/registry/log" 2>&1 &
vpid=$!
i=0
until node -e "fetch('${url}-/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
  i=$((i + 1))
  [ $i -lt 100 ] || { echo "rehearse: verdaccio did not start" >&2; cat "$tmp/registry/log" >&2; exit 1; }
  sleep 0.2
done
token=$(node -e "
fetch('${url}-/user/org.couchdb.user:rehearsal', {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'rehearsal', password: 'rehearsal-only' }),
}).then((r) => r.json()).then((b) => console.log(b.token));")
printf 'registry=%s\n//127.0.0.1:%s/:_authToken=%s\n' "$url" "$port" "$token" >"$tmp/npmrc"
: >"$tmp/global.npmrc"

# Only the temp registry, never ~/.npmrc or the public registry.
export npm_config_userconfig="$tmp/npmrc" npm_config_globalconfig="$tmp/global.npmrc"
export npm_config_registry="$url" npm_config_cache="$tmp/npm-cache"
unset GITHUB_ACTIONS NETINTRO_RELEASE_SKIP_BUILD_TEST 2>/dev/null || true

cd "$tmp/repo"
pnpm version-packages
# shellcheck disable=SC2016 # JavaScript template literals, not shell
node -e '
const fs = require("node:fs");
for (const d of fs.readdirSync("packages")) {
  const f = `packages/${d}/package.json`;
  const j = JSON.parse(fs.readFileSync(f, "utf8"));
  if (j.private || !j.publishConfig) continue;
  delete j.publishConfig.provenance;
  fs.writeFileSync(f, `${JSON.stringify(j, null, 2)}\n`);
}'
start=$(date +%s)
pnpm release --no-git-tag
echo "rehearse: pnpm release took $(($(date +%s) - start)) s; the registry now has:"
for dir in packages/*/; do
  name=$(node -p "require('./${dir}package.json').name")
  node -e "
fetch('${url}' + '$name'.replace('/', '%2f')).then((r) => r.json()).then((p) => {
  if (!p.versions) return console.log('  $name: (not published)');
  const v = p['dist-tags'].latest;
  console.log('  ' + p.name + '@' + v, JSON.stringify(p.versions[v].dependencies ?? {}));
});"
done
