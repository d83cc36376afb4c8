#!/usr/bin/env bash
# The README's two commands on a clean machine, timed: a Debian 12 root made with debootstrap that
# has only Node and npm (copied from this host's install), ca-certificates and git, and an empty npm
# cache; in it, a clone of this repository's current branch runs `npm install && npm start` until
# the sign-in page answers (then Ctrl-C), and `npm test`, which must provision Chromium,
# redis-server and curl itself. The host keeps its own programs; only the root is written to.
#
#   sudo scripts/measure/clean-machine.sh [start|test|all]     # default: all
#   sudo scripts/measure/clean-machine.sh test unit            # npm test -- unit (provision, then one stage)
#
# It clones the current branch as committed (not the work tree's uncommitted changes).
#
# Run as root on a Debian or Ubuntu host with apt-get. CLEAN_ROOT (default /var/tmp/portico-clean-root)
# is made once and reused (delete it for a fresh one: a second run finds Chromium already there).
# The servers listen on the host's network: PORT/SANDBOX_PORT (5680/5690) for `npm start`, and the
# e2e ports moved to 5600-5669 for `npm test`; set them to move them. Results go to stdout and
# $CLEAN_ROOT/root/*.log. Everything it mounts is unmounted when it ends, however it ends.
#
# Where github.com cannot be reached (a firewalled network), better-sqlite3's prebuilt binary cannot
# be downloaded and npm builds it: the script then installs python3, make and g++ in the root first
# (the README's note under "Run it"), and points node-gyp at Node's own headers.
set -euo pipefail
what="${1:-all}"
shift || true
stages="$*"
ROOT="$(realpath -m "${CLEAN_ROOT:-/var/tmp/portico-clean-root}")"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
branch="$(git -C "$repo" rev-parse --abbrev-ref HEAD)"
# The clone is made from the repository's git directory (a worktree's .git only points there).
git_dir="$(cd "$repo" && cd "$(git rev-parse --git-common-dir)" && pwd)"
[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap, chroot and mount need it)" >&2; exit 1; }

in_root() { chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb "$@"; }
seconds() { awk "BEGIN{printf \"%.1f\", $2 - $1}"; }

# The root: minbase Debian 12, ca-certificates and git; Node and npm as a person installs them
# (the binary, npm, its npx/npm links and Node's headers); this host's extra CAs, so HTTPS works
# behind the same proxy; the host's Debian sources.
if [ ! -x "$ROOT/usr/bin/node" ]; then
  command -v debootstrap >/dev/null || apt-get install -y debootstrap
  start=$(date +%s.%N)
  debootstrap --variant=minbase --include=ca-certificates,git bookworm "$ROOT" http://deb.debian.org/debian >/dev/null
  echo "[clean] debootstrap: $(seconds "$start" "$(date +%s.%N)") s"
  node_bin="$(readlink -f "$(command -v node)")"; prefix="$(dirname "$(dirname "$node_bin")")"
  cp -a "$node_bin" "$ROOT/usr/bin/node"
  mkdir -p "$ROOT/usr/lib/node_modules" "$ROOT/usr/include" "$ROOT/usr/etc"
  cp -a "$prefix/lib/node_modules/npm" "$ROOT/usr/lib/node_modules/npm"
  cp -a "$prefix/include/node" "$ROOT/usr/include/node"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/bin/npx"
  printf 'deb http://deb.debian.org/debian bookworm main\ndeb http://deb.debian.org/debian bookworm-updates main\ndeb http://deb.debian.org/debian-security bookworm-security main\n' >"$ROOT/etc/apt/sources.list"
  cp /usr/local/share/ca-certificates/*.crt "$ROOT/usr/local/share/ca-certificates/" 2>/dev/null || true
  in_root update-ca-certificates >/dev/null 2>&1
  # npm trusts only its own CA list unless told: the system's, which now has the proxy's CA.
  echo 'cafile=/etc/ssl/certs/ca-certificates.crt' >"$ROOT/usr/etc/npmrc"
fi
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"

mounted=()
cleanup() {
  # Whatever is still running in the root (a server of an interrupted run) is stopped first.
  for proc in /proc/[0-9]*; do [ "$(readlink "$proc/root" 2>/dev/null)" = "$ROOT" ] && kill "${proc#/proc/}" 2>/dev/null; done
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -R "${mounted[i]}" 2>/dev/null || umount -lR "${mounted[i]}"; done
}
trap cleanup EXIT
mount_in() { mount "$@" && mounted+=("${@: -1}"); }
mount_in -t proc proc "$ROOT/proc"
mount_in --rbind /sys "$ROOT/sys"; mount --make-rslave "$ROOT/sys"
mount_in --rbind /dev "$ROOT/dev"; mount --make-rslave "$ROOT/dev"
mountpoint -q "$ROOT/dev/shm" || mount_in -t tmpfs -o mode=1777 shm "$ROOT/dev/shm"
mkdir -p "$ROOT/src.git"; mount_in --bind "$git_dir" "$ROOT/src.git"; mount -o remount,bind,ro "$ROOT/src.git"

if ! in_root getent hosts github.com >/dev/null; then  # not even resolved: a network without it
  echo "[clean] github.com is not reachable: better-sqlite3 is built from source; installing python3 make g++ in the root"
  start=$(date +%s.%N)
  in_root env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq python3 make g++' >/dev/null
  echo "[clean] apt-get install python3 make g++: $(seconds "$start" "$(date +%s.%N)") s"
  grep -q '^nodedir=' "$ROOT/usr/etc/npmrc" || echo 'nodedir=/usr' >>"$ROOT/usr/etc/npmrc"
fi

if [ "$what" = all ] || [ "$what" = start ]; then
  # A fresh clone and an empty npm cache, then the README's first command.
  in_root rm -rf /root/.npm /root/portico
  start=$(date +%s.%N)
  in_root git clone -q --branch "$branch" /src.git /root/portico
  echo "[clean] git clone: $(seconds "$start" "$(date +%s.%N)") s"
  cat >"$ROOT/root/run-start.sh" <<'EOF'
#!/bin/bash
cd /root/portico
now() { date +%s.%N; }
t0=$(now)
npm install >/root/npm-install.log 2>&1 || { tail -30 /root/npm-install.log; exit 1; }
t1=$(now)
setsid npm start >/root/npm-start.log 2>&1 &
group=$!
until [ "$(node -e "fetch('http://127.0.0.1:$PORT/login').then((r) => console.log(r.status), () => console.log(0))")" = 200 ]; do
  kill -0 $group 2>/dev/null || { tail -30 /root/npm-start.log; exit 1; }
  sleep 0.5
done
t2=$(now)
# Ctrl-C: SIGINT to the whole process group, as a terminal sends it; then wait until none is left.
kill -INT -- -$group
# (a process's group is the third field after its name, which may hold spaces: "(next-server (v1")
while sed 's/.*) //' /proc/[0-9]*/stat 2>/dev/null | awk -v g=$group '$3 == g { found = 1 } END { exit !found }'; do sleep 0.1; done
t3=$(now)
awk "BEGIN{printf \"[clean] npm install %.1f s; npm start until the sign-in page answered %.1f s; in all %.1f s; after Ctrl-C all its processes were gone in %.1f s\n\", $t1-$t0, $t2-$t1, $t2-$t0, $t3-$t2}"
EOF
  chmod +x "$ROOT/root/run-start.sh"
  in_root PORT="${PORT:-5680}" SANDBOX_PORT="${SANDBOX_PORT:-5690}" /root/run-start.sh
fi

if [ "$what" = all ] || [ "$what" = test ]; then
  [ -d "$ROOT/root/portico/node_modules" ] || { echo "run 'start' first: npm test runs in the clone npm install made" >&2; exit 1; }
  start=$(date +%s.%N)
  status=0
  in_root env E2E_PORTAL_PORT="${E2E_PORTAL_PORT:-5600}" E2E_OBO_PORTAL_PORT="${E2E_OBO_PORTAL_PORT:-5601}" E2E_SANDBOX_PORT="${E2E_SANDBOX_PORT:-5650}" \
    E2E_EXTRA_PORTAL_PORT_BASE="${E2E_EXTRA_PORTAL_PORT_BASE:-5610}" E2E_EXTRA_SERVICE_PORT_BASE="${E2E_EXTRA_SERVICE_PORT_BASE:-5660}" \
    sh -c "cd /root/portico && npm test${stages:+ -- $stages}" || status=$?
  echo "[clean] npm test${stages:+ -- $stages}: exit $status in $(seconds "$start" "$(date +%s.%N)") s"
  exit $status
fi
