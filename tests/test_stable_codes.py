"""The codes a PDF shows a TrueType face's glyphs by are the face's own glyph ids (embed.py):
the same glyph has the same code whatever else the document shows, and the font's CIDToGIDMap
(ISO 32000-1 §9.7.4.2) takes each code to that glyph in the embedded subset. Read back with
pikepdf and fontTools: the subset's glyph at the mapped id is the face's glyph of that id, by
its outline and advance; and a character new to the issue leaves the content stream of every
page it does not change as it was, byte for byte."""

from __future__ import annotations

import io

import pikepdf
from fontTools.ttLib import TTFont

from bulletin_pdf.fonts.faces import load_fontset
from bulletin_pdf.input.load import load_issue
from bulletin_pdf.input.places import font_dirs
from bulletin_pdf.pipeline import build, face_specs

from .conftest import SAMPLE


def _shown(pdf: pikepdf.Pdf) -> dict[str, set[int]]:
    """BaseFont → the two-byte codes the pages show in it."""
    out: dict[str, set[int]] = {}
    for page in pdf.pages:
        fonts = page.Resources.Font
        font = None
        for operands, op in pikepdf.parse_content_stream(page):
            if op == pikepdf.Operator("Tf"):
                font = str(fonts[str(operands[0])].BaseFont)
            elif op == pikepdf.Operator("TJ"):
                for item in operands[0]:
                    if isinstance(item, pikepdf.String):
                        raw = bytes(item)
                        out.setdefault(font, set()).update(int.from_bytes(raw[k:k + 2], "big")
                                                           for k in range(0, len(raw), 2))
    return out


def test_a_truetype_glyphs_code_is_its_own_glyph_id():
    result = build(SAMPLE, "jianbao")
    fontset = load_fontset(face_specs(result.layout), font_dirs(result.layout), result.layout.file)
    faces = {face.ps_name: face for chain in fontset.faces.values() for face in chain}
    checked = 0
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        shown = _shown(pdf)
        fonts = {str(f.BaseFont): f for page in pdf.pages for f in page.Resources.Font.values()}
        for name, font in fonts.items():
            cid_font = font.DescendantFonts[0]
            assert cid_font.Subtype == "/CIDFontType2"
            face = faces[name.split("+", 1)[1]]
            table = cid_font.CIDToGIDMap.read_bytes()
            subset = TTFont(io.BytesIO(cid_font.FontDescriptor.FontFile2.read_bytes()))
            original = TTFont(face.path, fontNumber=face.index, lazy=True)
            order, glyf, hmtx = original.getGlyphOrder(), original["glyf"], original["hmtx"]
            sub_order, sub_glyf, sub_hmtx = subset.getGlyphOrder(), subset["glyf"], subset["hmtx"]
            assert len(table) == 2 * (max(shown[name]) + 1)
            for code in shown[name]:
                gid = int.from_bytes(table[2 * code:2 * code + 2], "big")
                assert gid != 0, f"{name}: code {code} maps to .notdef"
                mine, theirs = sub_order[gid], order[code]
                assert sub_hmtx[mine] == hmtx[theirs]
                a, b = sub_glyf[mine], glyf[theirs]
                assert a.numberOfContours == b.numberOfContours
                if b.numberOfContours > 0:
                    assert list(a.coordinates) == list(b.coordinates)
                checked += 1
    assert checked > 1000


def test_a_new_character_leaves_the_other_pages_streams_as_they_were(tmp_path):
    """龘 (U+9F98, in no text of the sample) put into the last paragraph: the face it is set in
    gains a glyph, and every page whose frames did not change keeps its content stream, those
    that show that face too."""
    issue = tmp_path / "issue.yaml"
    issue.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = build(issue, "jianbao")
    para = [p for c in load_issue(issue).columns for a in c.articles for p in a.body][-1]
    lines = issue.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[para.source.line - 1]
    at = line.index(para.text[0]) + 1
    lines[para.source.line - 1] = line[:at] + "龘" + line[at:]
    issue.write_text("".join(lines), encoding="utf-8")
    after = build(issue, "jianbao")
    same = [k for k, (a, b) in enumerate(zip(before.document.pages, after.document.pages)) if a == b]
    with pikepdf.open(io.BytesIO(before.pdf)) as a, pikepdf.open(io.BytesIO(after.pdf)) as b:
        grew = [name for name, codes in _shown(b).items() if len(codes) > len(_shown(a).get(name, ()))]
        assert len(grew) == 1
        showing = [k for k in same if any(str(f.BaseFont) == grew[0] for f in b.pages[k].Resources.Font.values())]
        assert len(same) == len(after.document.pages) - 1 and showing
        for k in same:
            assert a.pages[k].Contents.read_bytes() == b.pages[k].Contents.read_bytes()


def test_flate_parts_is_one_zlib_stream_of_the_parts():
    """Parts compressed apart join into one zlib stream that inflates to the parts joined."""
    import os
    import zlib

    from bulletin_pdf.writers.pdf.serialize import flate_parts

    parts = [os.urandom(50) + b"glyf" * 4000, b"", b"loca" * 3000, os.urandom(7)]
    assert zlib.decompress(flate_parts(parts)) == b"".join(parts)
    assert zlib.decompress(flate_parts([b""])) == b""


def test_a_glyph_added_changes_only_its_ranges_part_of_the_program(fonts):
    """A TrueType subset is compressed in parts by ranges of the face's glyph ids: a glyph added
    changes the part of its range and those of the tables around the outlines, no other."""
    from bulletin_pdf.fonts.faces import open_face
    from bulletin_pdf.writers.pdf.embed import GLYPH_RANGE, program_parts

    body = fonts.primary("body")
    gids = {g.gid for g in fonts.shape("body", "全面贯彻落实党的二十大精神，扎实推进各项工作。人大常委会")}
    assert len({g // GLYPH_RANGE for g in gids}) >= 3, "the text's glyphs span several ranges"
    added = next(g for g in range(max(gids), 0, -1) if g not in gids and g // GLYPH_RANGE == min(gids) // GLYPH_RANGE)
    before = open_face(body.path, body.index).subset(gids)
    after = open_face(body.path, body.index).subset(gids | {added})
    old, new = program_parts(before.program, before.code), program_parts(after.program, after.code)
    assert b"".join(old) == before.program and b"".join(new) == after.program
    assert len(old) == len(new) >= 4
    changed = [k for k, (a, b) in enumerate(zip(old, new)) if a != b]
    glyf_parts = range(1, len(new) - 1)
    assert len([k for k in changed if k in glyf_parts]) == 1
