#!/bin/sh
# SPDX-License-Identifier: MIT
# The HTML report of `selaras check` opened in headless Chromium: it must render, show per kind
# the counts the JSON report gives (in the summary table and as listed findings, after its script
# has run), and make a screenshot that is not blank. Skipped where no Chromium is installed,
# unless CI is set.
set -u
browser=""
for b in chromium chromium-browser google-chrome; do
    command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ]; then
    if [ -n "${CI:-}" ]; then
        echo "html_report: no Chromium installed, and CI is set: install it (.ci/install-deps)"; exit 1
    fi
    echo "html_report: SKIPPED: no Chromium installed (Debian package chromium)"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$SEL_TEST_DATA" || exit 1
"$SELARAS" check --presegmented -f json check/errors.id.txt check/errors.en.txt >"$tmp/report.json"
[ $? = 1 ] || { echo "check -f json: expected exit 1"; exit 1; }
"$SELARAS" check --presegmented -f html -o "$tmp/report.html" check/errors.id.txt check/errors.en.txt
[ $? = 1 ] || { echo "check -f html: expected exit 1"; exit 1; }
grep -q 'src=\|href=' "$tmp/report.html" && { echo "the report links to something: it must be self-contained"; exit 1; }
run() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" "$@" \
        "file://$tmp/report.html" 2>"$tmp/browser.err"
}
run --dump-dom >"$tmp/dom.html" || { echo "chromium failed:"; cat "$tmp/browser.err"; exit 1; }
run --screenshot="$tmp/shot.png" --window-size=1200,900 >/dev/null || { echo "chromium failed:"; cat "$tmp/browser.err"; exit 1; }
python3 - "$tmp/report.json" "$tmp/dom.html" "$tmp/shot.png" <<'PY'
import html.parser, json, struct, sys, zlib
want = json.load(open(sys.argv[1]))['counts']

class Counts(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.shown, self.listed, self.cell = {}, {}, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'td' and 'count' in (a.get('class') or '').split():
            self.cell = a['data-kind']
        if tag == 'li' and 'finding' in (a.get('class') or '').split():
            self.listed[a['data-kind']] = self.listed.get(a['data-kind'], 0) + 1
    def handle_data(self, data):
        if self.cell:
            self.shown[self.cell] = int(data)
            self.cell = None

p = Counts()
p.feed(open(sys.argv[2], encoding='utf-8').read())
fail = False
for kind, n in want.items():
    if p.shown.get(kind) != n or p.listed.get(kind, 0) != n:
        print('%s: JSON %d, summary shows %s, %d listed' % (kind, n, p.shown.get(kind), p.listed.get(kind, 0)))
        fail = True

# The screenshot: a PNG with more than the background in it.
data = open(sys.argv[3], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, w = 8, b'', 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ctype]
stride = w * bpp
rows, prev, off = [], bytearray(stride), 0
for y in range(h):
    f, line = raw[off], bytearray(raw[off + 1:off + 1 + stride])
    off += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
colours, inked = set(), 0
for row in rows[::4]:
    for x in range(0, stride, bpp * 4):
        px = row[x:x + 3]
        colours.add(px)
        inked += px != b'\xff\xff\xff'
print('screenshot: %d colours, %d of %d sampled pixels not white' % (len(colours), inked, (h // 4) * (w // 4)))
if len(colours) < 5 or inked < 200:
    print('the screenshot is blank')
    fail = True
sys.exit(1 if fail else 0)
PY
