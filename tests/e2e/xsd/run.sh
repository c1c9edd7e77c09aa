#!/usr/bin/env bash
# Validate the summary.xml test documents in this folder against the schema.
# valid-*.xml must validate, invalid-*.xml must fail.
# Usage: run.sh [SCHEMA]   (default: templates/summary.xsd of this repository)
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
schema=${1:-"$here/../../../templates/summary.xsd"}

if ! command -v xmllint >/dev/null 2>&1; then
    echo "xmllint not found" >&2
    exit 2
fi
if [ ! -r "$schema" ]; then
    echo "schema not readable: $schema" >&2
    exit 2
fi

passed=0
failed=0

check() {
    local file=$1 expect=$2 name out rc
    name=$(basename "$file" .xml)
    out=$(xmllint --noout --schema "$schema" "$file" 2>&1)
    rc=$?
    # xmllint: 0 valid, 3/4 validation or parse failure, 5 schema unusable.
    if [ "$rc" -eq 5 ]; then
        echo "FAIL $name (schema could not be compiled)"
        printf '%s\n' "$out" | sed 's/^/    /' >&2
        failed=$((failed + 1))
    elif [ "$expect" = valid ] && [ "$rc" -eq 0 ]; then
        echo "ok $name"
        passed=$((passed + 1))
    elif [ "$expect" = invalid ] && [ "$rc" -ne 0 ]; then
        echo "ok $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        printf '%s\n' "$out" | sed 's/^/    /' >&2
        failed=$((failed + 1))
    fi
}

shopt -s nullglob
for f in "$here"/valid-*.xml; do
    check "$f" valid
done
for f in "$here"/invalid-*.xml; do
    check "$f" invalid
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
