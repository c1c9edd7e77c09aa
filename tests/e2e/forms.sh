#!/usr/bin/env bash
# End-to-end tests of the workbook form (SPEC 2, 3 and 6, Forms) with real
# clients: openpyxl reads it back and fills it in as a team would, LibreOffice
# re-saves it as .xlsx and .ods and exports it to CSV (';' UTF-8 and ','
# Windows-1252), and `build` reads every export back with every answer.
# Needs /usr/bin/python3 with python3-openpyxl, and soffice
# (libreoffice-calc-nogui). LibreOffice takes seconds to start: each
# conversion's time is shown.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

py=/usr/bin/python3
wb="$py $here/form_workbook.py"
rubric=$root/templates/rubric.xml
rubric22=$root/templates/rubric-2022.xml
started=$(date +%s)
cd "$tmp" || exit 1

# ---- writing it ----

expect "form: --type all writes a workbook" \
	"$P2HAM" form --type all --kanwil "Kanwil Banten" --out form.xlsx
expect "form: a sheet per type, each as SPEC 6 says (openpyxl)" \
	$wb inspect form.xlsx "$rubric" "Kanwil Banten"
expect "form: the 2022 rubric, gates P.01 and G.01, a label cut to 31" bash -c "
	'$P2HAM' form --rubric '$rubric22' --type all --out f22.xlsx &&
	$wb inspect f22.xlsx '$rubric22' ''"
expect "form: --type repeated, by id, label or prefix, each type once, in order" bash -c "
	'$P2HAM' form --type bapas --type 'Kantor Imigrasi' --type kanim --type lapas --out some.xlsx &&
	$wb names some.xlsx 'Balai Pemasyarakatan' 'Kantor Imigrasi' 'Lembaga Pemasyarakatan'"
expect "form: .XLSX in capitals is a workbook too" bash -c "
	'$P2HAM' form --type lapas --out CAPS.XLSX && $wb names CAPS.XLSX 'Lembaga Pemasyarakatan'"
expect "form: --unit and --kanwil are text, never formulas" bash -c "
	'$P2HAM' form --type lapas --unit '=HYPERLINK(\"http://x\")' --kanwil '@SUM(1)' --out inj.xlsx &&
	$wb text inj.xlsx '=HYPERLINK(\"http://x\")' '@SUM(1)'"
expect "form: the same bytes every time under SOURCE_DATE_EPOCH" bash -c "
	SOURCE_DATE_EPOCH=1709596800 '$P2HAM' form --type all --out same1.xlsx &&
	SOURCE_DATE_EPOCH=1709596800 '$P2HAM' form --type all --out same2.xlsx && cmp same1.xlsx same2.xlsx"

# ---- refusing ----

expect "form: several types as CSV: usage error, exit 2, nothing written" bash -c "
	'$P2HAM' form --type lapas --type rutan --out two.csv 2>err; test \$? -eq 2 &&
	grep -q 'use\\|--out FILE.xlsx' err && test ! -e two.csv"
expect "form: --type all on standard output: usage error, exit 2" bash -c "
	'$P2HAM' form --type all >out 2>err; test \$? -eq 2 && test ! -s out &&
	grep -q 'FILE.xlsx' err"
expect "form: an unknown type among several: exit 2, nothing written" bash -c "
	'$P2HAM' form --type lapas --type koperasi --out bad.xlsx 2>err; test \$? -eq 2 &&
	grep -q \"unknown unit type 'koperasi'\" err && test ! -e bad.xlsx"
expect "form: a workbook that cannot be made: exit 2, the old file untouched, no temporary left" bash -c "
	echo old >keep.xlsx &&
	TMPDIR=/nonexistent '$P2HAM' form --type all --out keep.xlsx 2>err; test \$? -eq 2 &&
	grep -q 'cannot make a temporary folder' err && test \"\$(cat keep.xlsx)\" = old &&
	test -z \"\$(ls -A | grep '^\\.keep')\""
expect "form: text too long for a cell: exit 2, nothing written" bash -c "
	'$P2HAM' form --type lapas --unit \"\$(head -c 40000 /dev/zero | tr '\\0' x)\" --out long.xlsx 2>err
	test \$? -eq 2 && grep -q \"Excel's limit\" err && test ! -e long.xlsx && test -z \"\$(ls -A | grep '^\\.long')\""

# ---- filling it in and reading it back ----

expect "form: filled in with openpyxl (an answer per row, a date)" \
	$wb fill form.xlsx filled.xlsx answers.json

# LibreOffice, headless, with a profile of its own under a scratch HOME.
export HOME=$tmp/home
mkdir -p "$HOME"
lo() {
	local t0 ms rc
	t0=$(date +%s%N)
	soffice -env:UserInstallation=file://$tmp/lo-profile --headless --norestore "$@" \
		>>lo.log 2>&1
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	printf '     (LibreOffice: %d.%d s for --convert-to %s)\n' $((ms / 1000)) \
		$((ms % 1000 / 100)) "${2%%:*}"
	return $rc
}

# Every sheet exported, the accented unit name in the export's encoding.
exports_complete() {
	[ "$(ls csv-utf8/filled-*.csv | wc -l)" -eq 6 ] &&
	[ "$(ls csv-1252/filled-*.csv | wc -l)" -eq 6 ] &&
	grep -q "$(printf 'P\303\251matang')" csv-utf8/filled-Kantor*.csv &&
	LC_ALL=C grep -q "$(printf 'P\351matang')" csv-1252/filled-Kantor*.csv &&
	head -1 csv-utf8/filled-Kantor*.csv | grep -q '^Kanwil;Kanwil Banten' &&
	head -1 csv-1252/filled-Kantor*.csv | grep -q '^Kanwil,Kanwil Banten'
}

# $1 summary.xml: its six files read as layout B with encoding $2, delimiter $3.
read_as() {
	[ "$(grep -c "encoding=\"$2\" delimiter=\"$3\" layout=\"B\"" "$1")" -eq 6 ]
}
# Each sheet to its own CSV file (the filter's 12th field, -1), named
# filled-SHEET.csv; fields: separator, quote, character set, first line,
# cell format, language, quote all text, detect numbers, as shown, formulas,
# remove spaces, sheet.
csv_semicolon='csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1'
csv_comma_1252='csv:Text - txt - csv (StarCalc):44,34,1,1,,0,false,true,true,false,false,-1'

if ! command -v soffice >/dev/null; then
	bad "LibreOffice: soffice not found (libreoffice-calc-nogui)"
else
	lo --convert-to xlsx --outdir lo-xlsx filled.xlsx
	expect "LibreOffice: re-saved as .xlsx, lists, locks and protection kept" \
		$wb resaved lo-xlsx/filled.xlsx "$rubric"
	lo --convert-to ods --outdir lo-ods filled.xlsx
	expect "LibreOffice: re-saved as .ods" test -s lo-ods/filled.ods
	lo --convert-to "$csv_semicolon" --outdir csv-utf8 filled.xlsx
	lo --convert-to "$csv_comma_1252" --outdir csv-1252 filled.xlsx
	expect "LibreOffice: a CSV file per sheet in each export, in its encoding" exports_complete
	for export in csv-utf8 csv-1252; do
		expect "build: the $export export, every row accepted, exit 0" \
			"$P2HAM" build -q -o out-$export --date 2024-03-10 $export/*.csv
		expect "build: the $export export gives every answer as filled" \
			$wb compare out-$export/summary.xml answers.json
	done
	expect "build: the exports read as layout B, ';' UTF-8 and ',' Windows-1252" bash -c "
		$(declare -f read_as); read_as out-csv-utf8/summary.xml UTF-8 ';' &&
		read_as out-csv-1252/summary.xml WINDOWS-1252 ','"
fi

# The workbooks themselves (SPEC 3, Workbooks).
for book in filled.xlsx lo-xlsx/filled.xlsx lo-ods/filled.ods; do
	name=${book//\//-}
	expect "build: $book read back, every row accepted, exit 0" bash -c "
		'$P2HAM' build -q -o 'out-$name' --date 2024-03-10 '$book'"
	expect "build: $book gives every answer as filled" \
		$wb compare "out-$name/summary.xml" answers.json
done

echo "forms: $pass passed, $fail failed ($(($(date +%s) - started)) s)"
[ "$fail" -eq 0 ]
