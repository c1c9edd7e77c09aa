"""peer_set.py SRC DST — copies the CSV files of SRC into DST without the rows
that have more fields than their header (pandas, which the peer reads with,
refuses such a file whole); prints how many rows were left out.
Field delimiter: ';' when the header line holds one, else ','."""
import csv
import os
import sys


def main():
    src, dst = sys.argv[1:]
    os.makedirs(dst, exist_ok=True)
    dropped = 0
    for name in sorted(os.listdir(src)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(src, name), encoding="utf-8-sig", newline="") as f:
            text = f.read()
        delim = ";" if ";" in text.split("\n", 1)[0] else ","
        rows = list(csv.reader(text.splitlines(), delimiter=delim))
        keep = [r for r in rows if len(r) <= len(rows[0])]
        dropped += len(rows) - len(keep)
        with open(os.path.join(dst, name), "w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=delim, lineterminator="\n").writerows(keep)
    print(dropped)


if __name__ == "__main__":
    main()
