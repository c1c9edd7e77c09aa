#!/usr/bin/env bash
# Stands in for the p2ham binary and runs the real one ($P2HAM_VALGRIND_BIN)
# under memcheck: any invalid access, use of uninitialised memory or leak
# (definite, indirect or possible; the library ones of tests/valgrind.supp
# and tests/e2e/valgrind.supp suppressed) makes it exit 99, which no
# end-to-end case expects. One log per run goes to $P2HAM_VALGRIND_LOGS when
# set. $P2HAM_VALGRIND_SUPP, a folder, says where the suppression files are
# when this script is copied elsewhere.
here=${P2HAM_VALGRIND_SUPP:-$(cd "$(dirname "$0")" && pwd)}
log=()
[ -n "${P2HAM_VALGRIND_LOGS:-}" ] && log=(--log-file="$P2HAM_VALGRIND_LOGS/vg.%p.log")
exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
	--error-exitcode=99 --suppressions="$here/../valgrind.supp" \
	--suppressions="$here/valgrind.supp" "${log[@]}" \
	"${P2HAM_VALGRIND_BIN:?set P2HAM_VALGRIND_BIN to the p2ham binary}" "$@"
