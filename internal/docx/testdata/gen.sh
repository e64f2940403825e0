#!/bin/sh
# Regenerates the synthetic Word fixtures in this folder from src/:
#   pandoc.docx     pandoc's docx writer (Debian's pandoc 2.17) from src/story.md
#   libreoffice.docx LibreOffice Writer (Debian's 7.4) re-saving pandoc's .odt of the same story
#   lo-merged.docx  LibreOffice Writer from src/merged.html (merged cells, list start numbers)
#   lo-template.docx the example site's 故事模板.docx (showcase template docx), opened and
#                   saved again by LibreOffice: the template must survive another program
# The template is also converted to text, which fails if LibreOffice cannot open it.
# All text is made up for tests (synthetic); photo.png is a generated gradient.
# Needs pandoc, soffice (libreoffice-writer-nogui), python3 and go.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/photo.png" <<'PY'
import struct, sys, zlib
w, h = 64, 48
rows = b"".join(b"\x00" + bytes(v for x in range(w) for v in (x * 4, y * 5, 128)) for y in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
cp src/story.md "$tmp/"
(cd "$tmp" && pandoc -f markdown -o pandoc.docx story.md && pandoc -f markdown -o story.odt story.md)
cp "$tmp/pandoc.docx" pandoc.docx
soffice --headless -env:UserInstallation=file://$tmp/lo --convert-to docx:"MS Word 2007 XML" --outdir "$tmp/out" "$tmp/story.odt" >/dev/null
cp "$tmp/out/story.docx" libreoffice.docx
soffice --headless -env:UserInstallation=file://$tmp/lo --convert-to docx:"MS Word 2007 XML" --outdir "$tmp/out" src/merged.html >/dev/null
cp "$tmp/out/merged.docx" lo-merged.docx
(cd ../../.. && go run ./cmd/showcase template docx -s . -o "$tmp/template.docx") >/dev/null
soffice --headless -env:UserInstallation=file://$tmp/lo --convert-to txt:Text --outdir "$tmp/txt" "$tmp/template.docx" >/dev/null
grep -q '项目信息表' "$tmp/txt/template.txt"
grep -q '在岗天数（天）' "$tmp/txt/template.txt"
mkdir "$tmp/lot"
soffice --headless -env:UserInstallation=file://$tmp/lo --convert-to docx:"MS Word 2007 XML" --outdir "$tmp/lot" "$tmp/template.docx" >/dev/null
cp "$tmp/lot/template.docx" lo-template.docx
