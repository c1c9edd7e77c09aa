# lib.sh — what the end-to-end scripts share; source it first.
# Sets here, root, P2HAM (the binary under test), a scratch folder $tmp
# removed at exit, the pass/fail counters and ok, bad and expect.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
P2HAM=${P2HAM:-$root/build/p2ham}
export TZ=UTC LC_ALL=C.UTF-8
unset SOURCE_DATE_EPOCH P2HAM_DATA
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok()   { echo "ok   $1"; pass=$((pass + 1)); }
bad()  { echo "FAIL $1"; fail=$((fail + 1)); }
expect() { local name=$1; shift; if "$@" >"$tmp/log" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/    /' "$tmp/log" | tail -20; fi; }
