#!/usr/bin/env bash
# End-to-end tests: the schema, the data-driven cases, and how the program
# finds its data. $P2HAM is the binary under test.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

bash "$here/xsd/run.sh" || fail=$((fail + 1))
python3 "$here/run_cases.py" || fail=$((fail + 1))

printf 'kanwil,unit,kode,nilai\nK,Lapas A,A.01,Ada\n' >"$tmp/a.csv"

# Data found beside the program: a copy of the binary next to a templates/ folder.
mkdir -p "$tmp/app/bin" && cp "$P2HAM" "$tmp/app/bin/p2ham" && cp -r "$root/templates" "$root/fonts" "$tmp/app/"
expect "data dir: the program's folder" \
	bash -c "cd '$tmp' && '$tmp/app/bin/p2ham' build -o '$tmp/o1' --date 2019-12-10 a.csv"
expect "data dir: P2HAM_DATA" \
	bash -c "cd '$tmp' && P2HAM_DATA='$root' '$P2HAM' check a.csv"
expect "data dir: --data-dir wins over P2HAM_DATA" \
	bash -c "cd '$tmp' && P2HAM_DATA=/nonexistent '$P2HAM' check --data-dir '$root' a.csv"
expect "data dir: a wrong P2HAM_DATA is fatal" \
	bash -c "cd '$tmp' && P2HAM_DATA=/nonexistent '$P2HAM' check a.csv; test \$? -eq 2"

# --help and --version.
expect "--help exits 0 and lists every option" bash -c "
	'$P2HAM' --help >'$tmp/help' &&
	for o in --out --rubric --template --offices --year --date --kanwil --previous --delimiter \
		 --encoding --strict --jobs --no-report --no-certificates --no-charts --no-tables \
		 --charts --data-dir --quiet --verbose; do grep -q -- \"\$o\" '$tmp/help' || exit 1; done"
expect "--version names the schema and rubric versions" bash -c "
	'$P2HAM' --version >'$tmp/version' && grep -q '^p2ham [0-9]' '$tmp/version' &&
	grep -q '^summary schema 2' '$tmp/version' && grep -q '^rubric permenkumham-27-2018 version 2' '$tmp/version'"

# The later regime's rubric loads, scores the samples (no grades: the
# predicate instead) and prints a form for its new unit type.
expect "rubric-2022: scores the samples, no grade, forms for every type" bash -c "
	cd '$root' && '$P2HAM' build -q -r templates/rubric-2022.xml -o '$tmp/r22' \
		--date 2019-12-10 --offices samples/offices.xml samples/*.csv; test \$? -eq 1 || exit 1
	xmllint --noout --schema templates/summary.xsd '$tmp/r22/summary.xml' 2>/dev/null &&
	grep -q '<rubric id=\"p2ham-2022\"' '$tmp/r22/summary.xml' &&
	! grep -q ' grade=' '$tmp/r22/summary.xml' &&
	grep -q 'reason kind=\"completeness\"' '$tmp/r22/summary.xml' &&
	for t in lapas rutan lpka bapas imigrasi bhp rupbasan; do
		'$P2HAM' form -r templates/rubric-2022.xml --type \$t | grep -q '^P.01;' || exit 1
	done"

# Progress shows on a terminal (script(1) gives one), never in a pipe, never with -q.
expect "progress on a terminal only" bash -c "
	cd '$tmp' && script -qec \"'$P2HAM' build -o '$tmp/o3' --date 2019-12-10 a.csv\" /dev/null | grep -q 'p2ham: reading a.csv' &&
	! script -qec \"'$P2HAM' build -q -o '$tmp/o3' --date 2019-12-10 a.csv\" /dev/null | grep -q 'p2ham: reading' &&
	! '$P2HAM' build -o '$tmp/o3' --date 2019-12-10 a.csv 2>&1 | grep -q 'p2ham: reading' &&
	! grep -q 'reading' '$tmp/o3/summary.xml'"

expect "the man page renders without warnings" bash -c "
	cd '$root' && test -z \"\$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l p2ham.1 2>&1 >/dev/null)\" &&
	MANWIDTH=80 man -l p2ham.1 2>/dev/null | grep -q 'EXIT STATUS'"

# The samples: every feature at once; exit 1 because some rows are bad on purpose.
expect "samples: build, exit 1, valid summary" bash -c "
	cd '$root' && '$P2HAM' build -q -o '$tmp/s1' --date 2019-12-10 samples/*.csv; test \$? -eq 1 &&
	xmllint --noout --schema templates/summary.xsd '$tmp/s1/summary.xml'"
expect "samples: SOURCE_DATE_EPOCH gives the date" bash -c "
	cd '$root' && SOURCE_DATE_EPOCH=1575936000 '$P2HAM' build -q -o '$tmp/s2' samples/*.csv;
	grep -q 'date=\"2019-12-10\"' '$tmp/s2/summary.xml' && cmp '$tmp/s1/summary.xml' '$tmp/s2/summary.xml'"
# Banten's two files contradict no unit's type or kanwil, so their order
# must not change any score (SPEC 8.7).
expect "samples: file order changes no score" bash -c "
	cd '$root' && '$P2HAM' build -q -o '$tmp/s3' --date 2019-12-10 samples/banten-tim1.csv samples/banten-tim2.csv &&
	'$P2HAM' build -q -o '$tmp/s4' --date 2019-12-10 samples/banten-tim2.csv samples/banten-tim1.csv &&
	diff <(grep -E '<(unit|aspect|principle|region) ' '$tmp/s3/summary.xml') \
	     <(grep -E '<(unit|aspect|principle|region) ' '$tmp/s4/summary.xml') >/dev/null"

# This year's summary read back as last year's: every recommended unit is retained.
expect "samples: --previous with our own summary" bash -c "
	cd '$root' && '$P2HAM' build -q -o '$tmp/s5' --date 2020-12-10 --previous '$tmp/s1/summary.xml' samples/*.csv;
	test \$? -eq 1 && xmllint --noout --schema templates/summary.xsd '$tmp/s5/summary.xml' &&
	test \$(grep -c 'recommendation=\"retained\"' '$tmp/s5/summary.xml') -eq \$(grep -c '<unit .*recommendation=\"recommended\"' '$tmp/s1/summary.xml') &&
	test \$(grep -c '<previous ' '$tmp/s5/summary.xml') -eq \$(grep -c '<unit ' '$tmp/s1/summary.xml')"

# No temporary file is left behind in the output folder.
expect "no temporary files left" bash -c "! ls -A '$tmp/s1' | grep -q tmp"

# An output folder that cannot be written: fatal, nothing half-written.
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$tmp/ro" && chmod 555 "$tmp/ro"
	expect "unwritable output folder is fatal" bash -c "
		cd '$tmp' && '$P2HAM' build -o '$tmp/ro/out' --date 2019-12-10 a.csv; test \$? -eq 2"
fi
expect "output folder that is a file is fatal" bash -c "
	cd '$tmp' && touch '$tmp/notadir' && '$P2HAM' build -o '$tmp/notadir' --date 2019-12-10 a.csv; test \$? -eq 2"

# make install / uninstall with a PREFIX, run from elsewhere.
expect "make install PREFIX and run the installed program" bash -c "
	cd '$root' && make -s install PREFIX='$tmp/prefix' BUILD='$tmp/build' >/dev/null &&
	cd '$tmp' && '$tmp/prefix/bin/p2ham' build -o '$tmp/o2' --date 2019-12-10 a.csv &&
	test -f '$tmp/o2/summary.xml' && test -f '$tmp/prefix/share/man/man1/p2ham.1' &&
	cd '$root' && make -s uninstall PREFIX='$tmp/prefix' BUILD='$tmp/build' >/dev/null &&
	test ! -e '$tmp/prefix/bin/p2ham' && test ! -e '$tmp/prefix/share/p2ham' &&
	test ! -e '$tmp/prefix/share/man/man1/p2ham.1'"

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
