#!/bin/sh
# tests/lint/shape.sh — the source's shape: no file in src/ over 700 lines, no
# function over 60, every header says who owns what it hands out.
#
# A function is measured from the "{" that opens it in column 1 to the "}"
# that closes it in column 1 (the project's style puts both there), body
# lines only. A header states ownership when it says who frees or owns
# something, or that there is nothing to free.
set -u
cd "$(dirname "$0")/../.." || exit 2
MAX_FILE=700
MAX_FUNC=60
fail=0

for f in src/*.c src/*.h; do
	n=$(wc -l <"$f")
	if [ "$n" -gt "$MAX_FILE" ]; then
		echo "$f: $n lines (at most $MAX_FILE)"
		fail=1
	fi
done

for f in src/*.c; do
	awk -v file="$f" -v max="$MAX_FUNC" '
		/^[A-Za-z_].*\(/ { name = $0 }
		/^\{/ { start = NR }
		/^\}/ {
			if (start && NR - start - 1 > max) {
				printf "%s:%d: function of %d lines (at most %d): %s\n",
				       file, start, NR - start - 1, max, name
				bad = 1
			}
			start = 0
		}
		END { exit bad }' "$f" || fail=1
done

owner='own|borrow|free|release|allocat|stays open|caller|static storage'
for h in src/*.h; do
	if ! grep -qiE "$owner" "$h"; then
		echo "$h: says nothing of ownership (who frees what it returns, or that nothing needs it)"
		fail=1
	fi
done

if [ "$fail" -ne 0 ]; then
	echo "shape: FAILED"
	exit 1
fi
echo "shape: $(ls src/*.c | wc -l) sources, $(ls src/*.h | wc -l) headers within bounds"
