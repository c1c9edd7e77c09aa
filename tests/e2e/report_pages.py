#!/usr/bin/env python3
"""Checks of report.pdf page by page: python3 report_pages.py CHECK OUT-DIR [ARG].

  english          no English diagnostic words in the text
  folder NAME      the folder NAME the inputs were read from is nowhere in the text
  profiles         each unit's profile starts at the top of a page, and every page
                   of it (to the page before the next profile or chapter) names it
  summary          the executive summary is one page, right before the ranking
  sizes            no text under 8 pt outside the charts, body text at 10 pt or more
  conflict-teams   the conflicts appendix names both teams and dates of a conflict

Pages and sections come from the PDF's outline (qpdf --json), text from
pdftotext, sizes and positions from pdftohtml -xml -zoom 1 (points).
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

check, out = sys.argv[1], sys.argv[2]
pdf = out + "/report.pdf"
NS = {"s": "urn:p2ham:summary:1"}


def fail(msg):
    print(msg)
    sys.exit(1)


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def flat(s):
    return re.sub(r"\s+", " ", s)


def page_text(first, last=None):
    return run("pdftotext", "-f", str(first), "-l", str(last or first), pdf, "-")


def outline():
    """Every bookmark as (title, page, depth), in order."""
    entries = []

    def walk(items, depth):
        for e in items:
            entries.append((e["title"], e["destpageposfrom1"], depth))
            walk(e["kids"], depth + 1)
    walk(json.loads(run("qpdf", "--json=2", "--json-key=outlines", pdf))["outlines"], 0)
    return entries


def pages():
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))


def chapter_page(title):
    for t, p, d in outline():
        if d == 0 and t == title:
            return p
    fail("no chapter %r in the outline" % title)


def xml_pages(first=1, last=None):
    """pdftohtml's pages: (number, [(top, left, size, text)])."""
    args = ["pdftohtml", "-xml", "-zoom", "1", "-i", "-stdout", "-f", str(first)]
    if last:
        args += ["-l", str(last)]
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", run(*args, pdf)))
    sizes = {}
    for page in root.iter("page"):
        for fs in page.iter("fontspec"):
            sizes[fs.get("id")] = float(fs.get("size"))
        texts = [(float(t.get("top")), float(t.get("left")), sizes[t.get("font")],
                  "".join(t.itertext())) for t in page.iter("text")]
        yield int(page.get("number")), texts


def units():
    s = ET.parse(out + "/summary.xml").getroot()
    return [u.get("name") for u in s.findall("s:unit", NS)]


if check == "english":
    t = page_text(1, pages()).lower()
    for word in ("bad date", "empty", "record has", "unknown answer", "field", "header",
                 "not valid", "unterminated", "layout", "tata letak", "rubrik p"):
        if word in t:
            fail("English or internal words in the text: %r" % word)
elif check == "folder":
    if sys.argv[3] in page_text(1, pages()):
        fail("the folder %r is in the text" % sys.argv[3])
elif check == "profiles":
    marks = outline()
    names = set(units())
    starts = [(t, p) for t, p, d in marks if d == 2 and t in names]
    if len(starts) != len(names):
        fail("%d profile bookmarks, %d units" % (len(starts), len(names)))
    end = chapter_page("Lampiran A. Metode penilaian")
    tops = {}
    for n, texts in xml_pages(starts[0][1], end - 1):
        body = [t for t in texts if t[0] > 52]  # below the running header
        tops[n] = re.sub(r"\s+", "", "".join(t[3] for t in sorted(body)[:8]))
    for i, (name, first) in enumerate(starts):
        last = (starts[i + 1][1] if i + 1 < len(starts) else end) - 1
        if last < first:
            fail("%s: its profile shares a page with the next" % name)
        if not tops.get(first, "").startswith(re.sub(r"\s+", "", name)):
            fail("%s: its profile does not start at the top of page %d" % (name, first))
        for p in range(first, last + 1):
            head = flat(page_text(p))
            if flat(name) not in head:
                fail("%s: page %d of its profile does not name it" % (name, p))
            if p > first and flat(name) + " (lanjutan)" not in head:
                fail("%s: page %d does not say '(lanjutan)'" % (name, p))
elif check == "summary":
    s, r = chapter_page("Ringkasan eksekutif"), chapter_page("1. Peringkat UPT")
    if r != s + 1:
        fail("summary on page %d, ranking on page %d" % (s, r))
    t = flat(page_text(s))
    for want in ("Kriteria yang paling sering belum terpenuhi", "Prinsip terlemah",
                 "Konflik jawaban:", "Baris data yang ditolak:", "UPT per kantor wilayah"):
        if want not in t:
            fail("the summary lacks %r" % want)
elif check == "sizes":
    # Charts draw their own text (at 7 pt and up, SPEC 6); the pages with
    # charts are the kanwil sections and the first page of each profile.
    marks = outline()
    figure_pages = set(range(chapter_page("2. Hasil per kantor wilayah"),
                             chapter_page("3. Profil UPT")))
    names = set(units())
    figure_pages |= {p for t, p, d in marks if d == 2 and t in names}
    checked, body = 0, []
    for n, texts in xml_pages():
        if n in figure_pages:
            continue
        checked += 1
        for top, left, size, text in texts:
            if size < 8 and text.strip():
                fail("page %d: %r at %g pt" % (n, text, size))
            if text.startswith(("Penilaian tahun", "Laporan ini menyajikan",
                                "Tabel berikut mengurutkan")):
                body.append(size)
    if checked < 5 or len(body) < 3:
        fail("too little checked: %d pages, %d body paragraphs" % (checked, len(body)))
    if min(body) < 10:
        fail("body text at %g pt" % min(body))
elif check == "conflict-teams":
    t = flat(page_text(chapter_page("Lampiran B. Konflik jawaban"),
                       chapter_page("Lampiran C. Baris data yang ditolak") - 1))
    for want in sys.argv[3:]:
        if want not in t:
            fail("the conflicts appendix lacks %r" % want)
else:
    fail("unknown check " + check)
