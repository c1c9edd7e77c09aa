#!/usr/bin/env python3
"""documents_check.py CHECK OUT OFFICES — one check of profiles/ and letters/
in the output folder OUT of `p2ham build` (SPEC 6), against its summary.xml
and the offices file OFFICES; prints what is wrong and exits 1, or exits 0.

CHECK is one of: files, pages, berita-acara, letters, sizes, metadata.
Needs poppler-utils (pdftotext, pdfinfo, pdftohtml)."""
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = '{urn:p2ham:summary:1}'
MIN_PX = 12         # 8 pt: pdftohtml gives sizes in pixels at its zoom of 1.5


def run(*args):
    return subprocess.run(args, check=True, capture_output=True).stdout.decode('utf-8')


def flat(text):
    return ' '.join(text.split())


def pages(pdf):
    return int(re.search(r'^Pages:\s+(\d+)', run('pdfinfo', pdf), re.M).group(1))


def page_text(pdf, n, layout=True):
    """Page n's text, with its lines as laid out (key : value) or in reading
    order (a table cell's wrapped lines together)."""
    return flat(run('pdftotext', *(['-layout'] if layout else []), '-enc', 'UTF-8',
                    '-f', str(n), '-l', str(n), pdf, '-'))


class Job:
    def __init__(self, out, offices):
        self.out = out
        root = ET.parse(os.path.join(out, 'summary.xml')).getroot()
        self.units = list(root.iter(NS + 'unit'))
        self.offices = {o.get('id'): o for o in ET.parse(offices).getroot()
                        if o.tag in ('office', 'national')}
        self.errors = []

    def bad(self, msg):
        self.errors.append(msg)

    def awarded(self, office):
        return [u for u in self.units if u.get('office') == office and
                u.get('recommendation') in ('recommended', 'retained')]

    def letter_offices(self):
        return {u.get('office') for u in self.units
                if u.get('recommendation') in ('recommended', 'retained')}

    def profile(self, u):
        return os.path.join(self.out, 'profiles', u.get('id') + '.pdf')

    def letter(self, office):
        return os.path.join(self.out, 'letters', office + '.pdf')


def check_files(j):
    """One profile per unit and nothing else; one letter per office with an
    awarded unit and nothing else."""
    want = {u.get('id') + '.pdf' for u in j.units}
    got = {os.path.basename(p) for p in glob.glob(os.path.join(j.out, 'profiles', '*'))}
    if want != got:
        j.bad(f'profiles: missing {sorted(want - got)}, extra {sorted(got - want)}')
    want = {o + '.pdf' for o in j.letter_offices()}
    got = {os.path.basename(p) for p in glob.glob(os.path.join(j.out, 'letters', '*'))}
    if want != got:
        j.bad(f'letters: missing {sorted(want - got)}, extra {sorted(got - want)}')
    if not want or not j.units:
        j.bad('nothing to check: no unit or no letter')


def check_pages(j):
    """Every page of a profile names its unit and is numbered."""
    for u in j.units:
        pdf, name = j.profile(u), flat(u.get('name'))
        n = pages(pdf)
        for p in range(1, n + 1):
            text = page_text(pdf, p)
            if name not in text:
                j.bad(f'{pdf} page {p}: no "{name}"')
            if f'Halaman {p} dari {n}' not in text:
                j.bad(f'{pdf} page {p}: no "Halaman {p} dari {n}"')


def check_berita_acara(j):
    """The block on one page, with its date, teams and the two signatures."""
    for u in j.units:
        pdf, name = j.profile(u), flat(u.get('name'))
        text = page_text(pdf, pages(pdf))
        head = text.find('BERITA ACARA HASIL VERIFIKASI')
        if head < 0:
            j.bad(f'{pdf}: no berita acara on the last page')
            continue
        block = text[head:]
        office = j.offices[u.get('office')]
        want = ['Pada hari ini,', 'telah dilakukan verifikasi', name,
                'Tanggal verifikasi', 'Tim verifikasi', 'Ketua Tim Verifikasi,',
                f'Kepala {name},', 'NIP:', flat(office.get('name')),
                f'{office.get("city")}, ']
        teams = []
        for item in u.iter(NS + 'item'):
            v = item.get('verifier')
            if v and flat(v) not in teams:
                teams.append(flat(v))
        if not teams:
            j.bad(f'{pdf}: the summary names no team for {name}')
        for w in want + teams:
            if w not in block:
                j.bad(f'{pdf}: berita acara without "{w}"')
        dates = {i.get('date') for i in u.iter(NS + 'item') if i.get('date')}
        if dates and not re.search(r'Tanggal verifikasi : \d{1,2} [A-Z][a-z]+ \d{4}', block):
            j.bad(f'{pdf}: no verification date in the berita acara')


def check_letters(j):
    """1-2 pages; number, sifat, lampiran, hal, addressee, every awarded unit
    of the office with its total, and the signatory."""
    for office in sorted(j.letter_offices()):
        pdf, o = j.letter(office), j.offices[office]
        n = pages(pdf)
        if not 1 <= n <= 2:
            j.bad(f'{pdf}: {n} pages')
        text = ' '.join(page_text(pdf, p) for p in range(1, n + 1))
        sig = o.find('signatory')
        want = ['Nomor', 'Sifat : Biasa', 'Lampiran', 'Hal : Usulan Penghargaan Pelayanan '
                'Publik Berbasis HAM Tahun', 'Yth. Direktur Jenderal Hak Asasi Manusia',
                'di Jakarta', flat(o.get('heading')), flat(o.get('name')),
                f'{o.get("city")}, ', flat(sig.get('title')), flat(sig.get('name')),
                'Halaman 1 dari']
        cells = ' '.join(page_text(pdf, p, False) for p in range(1, n + 1))
        for w in want:
            if w not in text:
                j.bad(f'{pdf}: no "{w}"')
        for u in j.awarded(office):
            for w in [flat(u.get('name')), u.get('total').replace('.', ',')]:
                if w not in cells:
                    j.bad(f'{pdf}: no "{w}"')
        others = [u for u in j.units if u.get('office') == office and
                  u.get('recommendation') == 'not-recommended']
        for u in others:
            if f' {flat(u.get("name"))} ' in f' {cells} ':
                j.bad(f'{pdf}: names the unit not recommended "{u.get("name")}"')


def small_text(pdf, profile=False):
    """The texts under 8 pt of a PDF: all of them, or in a profile all but
    the charts' on page 1 (chart text may be 7 pt: charts.sh checks it),
    that is the letterhead, title and footer there, and every later page."""
    root = ET.fromstring(run('pdftohtml', '-xml', '-i', '-stdout', '-q', pdf))
    sizes = {f.get('id'): int(f.get('size')) for f in root.iter('fontspec')}
    pgs = list(root.iter('page'))
    found = []
    for idx, page in enumerate(pgs):
        texts = list(page.iter('text'))
        if profile and idx == 0:
            # Above the unit's heading (216 px), and the footer.
            texts = [t for t in texts if not 210 <= int(t.get('top')) <= 1180]
        for t in texts:
            if sizes[t.get('font')] < MIN_PX:
                found.append(f'page {idx + 1}: {sizes[t.get("font")]} px '
                             f'"{"".join(t.itertext())}"')
    if profile and not pgs:
        found.append('no page')
    return found


def check_sizes(j):
    """No text under 8 pt in the letters, nor in the profiles outside the
    charts of their first page."""
    for office in sorted(j.letter_offices()):
        for s in small_text(j.letter(office)):
            j.bad(f'{j.letter(office)}: {s}')
    for u in j.units:
        for s in small_text(j.profile(u), True):
            j.bad(f'{j.profile(u)}: {s}')


def check_metadata(j):
    for u in j.units:
        info = run('pdfinfo', j.profile(u))
        office = j.offices[u.get('office')]
        for w in [f'Title:.*Profil Hasil Penilaian P2HAM Tahun \\d{{4}} — {re.escape(u.get("name"))}',
                  f'Author: *{re.escape(office.get("name"))}$',
                  'Subject:.*berita acara', 'CreationDate:', 'Page size: *595.* x 841']:
            if not re.search(w, info, re.M):
                j.bad(f'{j.profile(u)}: pdfinfo lacks /{w}/')
    for office in sorted(j.letter_offices()):
        info = run('pdfinfo', j.letter(office))
        o = j.offices[office]
        for w in [f'Title:.*Surat Usulan Penghargaan P2HAM Tahun \\d{{4}}',
                  f'Author: *{re.escape(o.get("name"))}$',
                  'Subject: *Usulan Penghargaan', 'CreationDate:']:
            if not re.search(w, info, re.M):
                j.bad(f'{j.letter(office)}: pdfinfo lacks /{w}/')


CHECKS = {'files': check_files, 'pages': check_pages, 'berita-acara': check_berita_acara,
          'letters': check_letters, 'sizes': check_sizes, 'metadata': check_metadata}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in CHECKS:
        sys.exit(__doc__)
    j = Job(sys.argv[2], sys.argv[3])
    CHECKS[sys.argv[1]](j)
    for e in j.errors[:30]:
        print(e)
    sys.exit(1 if j.errors else 0)


if __name__ == '__main__':
    main()
