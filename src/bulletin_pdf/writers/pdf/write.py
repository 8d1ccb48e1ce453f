"""The PDF writer: resolved frames and faces in, a print-ready PDF out (`serialize`).

It reads only `compose`'s frames and the faces they name; it decides nothing about layout.
What it decides is how to say it in PDF:

* glyphs of one style on one baseline become one `TJ` string of two-byte glyph codes, its
  numbers the differences between each glyph's position and its own advance (justification,
  punctuation compression, kerning): positions read back exactly in any reader;
* every face used is one CID-keyed font, subset to the glyphs shown (`embed`); a page's
  resources list only the fonts, colour spaces and graphics states it uses;
* print colour (docs/typography.md, "Print output"): CMYK operators, or a Separation colour space
  with its CMYK alternate for a spot colour; overprint (OP, op, OPM 1) where frames ask for
  it; fake bold as fill + stroke (Tr 2) with the frame's stroke width;
* the PDF/X-4 keys and metadata are written with the pages (`pdfx`), the file once, its
  document ID a hash of its objects: the same input gives the same bytes.

ReportLab was the writer before: it parses each whole TrueType file to embed it (the build's
largest cost), cannot embed CFF outlines, slices a face into 256-glyph simple fonts, and its
output had to be parsed again by pikepdf for the PDF/X keys. pikepdf wrote the objects next;
its import and its save (which parses back every object before serializing it) cost a cold
build more than saying the objects ourselves (`serialize`). pikepdf reads PDFs for `check`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from ...compose import Document, Page, TextLine
from ...compose.frames import Run, runs_of
from .embed import UsedFace
from ...fonts.faces import Face, FontSet
from ...model import Colour
from .pdfx import MIN_VERSION, add_metadata
from .reuse import Kept, PageStreams
from .serialize import Name, PdfFile, Ref, Stream, real as num

#: Position differences below this (thousandths of an em) are none: 1/100000 of the size.
SAME_POSITION = 0.0005
OVERPRINT = "/GSo"


class PageWriter:
    """The content stream and resources of one page."""

    def __init__(self, page: Page, fonts: "DocumentFonts", gaps: "Gaps") -> None:
        self.page = page
        self.fonts = fonts
        self.gaps = gaps
        self.ops: list[str] = []
        self.font_names: set[str] = set()
        self.spaces: dict[str, Colour] = {}
        self.overprint = False
        self.image_names: set[str] = set()
        self.data = b""      # the content stream, once written

    def written(self) -> "PageWriter":
        """This page once written, without what only writing needs (kept by `PageStreams`)."""
        self.ops, self.fonts, self.gaps = [], None, None
        return self

    def colour(self, colour: Colour, stroke: bool) -> str:
        """Colour operators: CMYK, or the page's Separation colour space for a spot colour."""
        if colour.spot:
            name = next((n for n, c in self.spaces.items() if c.spot == colour.spot), None)
            if name is None:
                name = f"/CS{len(self.spaces) + 1}"
                self.spaces[name] = colour
            return f"{name} {'CS' if stroke else 'cs'} 1 {'SCN' if stroke else 'scn'}"
        return " ".join(num(v / 100) for v in colour.cmyk) + (" K" if stroke else " k")

    def images(self, names: dict[str, str]) -> None:
        """Pictures: each scaled from the unit square to its placed box (y flipped); `names`:
        picture file → its XObject's name."""
        for item in self.page.images:
            name = names[item.image.file]
            self.image_names.add(name)
            y = self.page.height - item.y - item.height
            self.ops.append(f"q {num(item.width)} 0 0 {num(item.height)} {num(item.x)} {num(y)} cm {name} Do Q")

    def rules(self) -> None:
        for rule in self.page.rules:
            y = num(self.page.height - rule.y)
            self.ops.append("q")
            if rule.overprint:
                self.ops.append(f"{OVERPRINT} gs")
                self.overprint = True
            dash = f"[{' '.join(num(d) for d in rule.dash)}] 0 d" if rule.dash else "[] 0 d"
            self.ops.append(f"{self.colour(rule.colour, True)} {num(rule.width)} w {1 if rule.dash else 0} J {dash}")
            self.ops.append(f"{num(rule.x0)} {y} m {num(rule.x1)} {y} l S Q")

    def text(self, lines: "list[tuple[TextLine, list[Run]]]") -> None:
        """All text (the page's lines with their runs): one text object for overprinting
        runs, one for the others, each run in the order of the lines and with the graphics
        state of its own text object."""
        objects: dict[bool, tuple[list[str], dict]] = {False: ([], {}), True: ([], {})}
        for line, runs in lines:
            for run in runs:
                ops, state = objects[run[0].style.overprint]
                self.run(ops, state, line, run)
        for overprint, (ops, _state) in objects.items():
            if not ops:
                continue
            self.ops.append("q")
            if overprint:
                self.ops.append(f"{OVERPRINT} gs")
                self.overprint = True
            self.ops.append("BT")
            self.ops += ops
            self.ops.append("ET Q")

    def run(self, ops: list[str], state: dict, line: TextLine, glyphs: Run) -> None:
        """One run: font, colour and render mode when they change, the origin, one TJ."""
        first = glyphs[0]
        st = first.style
        used = self.fonts.used(st.face)
        self.font_names.add(used.resource)
        if state.get("font") != (used.resource, st.size):
            ops.append(f"{used.resource} {num(st.size)} Tf")
            state["font"] = (used.resource, st.size)
        if state.get("fill") != st.colour:
            ops.append(self.colour(st.colour, False))
            state["fill"] = st.colour
        if st.stroke:
            if state.get("stroke") != st.colour:
                ops.append(self.colour(st.colour, True))
                state["stroke"] = st.colour
            if state.get("width") != st.stroke:
                ops.append(f"{num(st.stroke)} w")
                state["width"] = st.stroke
        mode = 2 if st.stroke else 0
        if state.get("mode", 0) != mode:
            ops.append(f"{mode} Tr")
            state["mode"] = mode
        x0 = line.x + first.x
        ops.append(f"1 0 0 1 {num(x0)} {num(self.page.height - (line.baseline - first.dy))} Tm")
        # The loop below runs once per glyph of the document (~100k for 200 pages), so it
        # builds the TJ string as one list of pieces joined once: "[<" codes, "> n <" where
        # a glyph's position differs from the pen, ">] TJ". The first glyph is at the pen
        # (x0), so the string never starts with a number. Fields are read by name: unpacking
        # a named tuple is the generic (slower) path in CPython.
        size, codes, gaps, x_line = st.size, used.hex, self.gaps, line.x
        pieces = ["[<"]
        pen = x0
        for g in glyphs:
            x = x_line + g.x
            adjust = (pen - x) * 1000 / size
            if adjust >= SAME_POSITION or adjust <= -SAME_POSITION:
                pieces.append(gaps[adjust])
            pieces.append(codes[g.gid])
            pen = x + g.advance
        pieces.append(">] TJ")
        ops.append("".join(pieces))


class Gaps(dict):
    """TJ adjustments as the text between two hex strings (`> -12.5 <`), each formatted once:
    a 200-page issue has ~100k adjustments but ~1k distinct values."""

    def __missing__(self, adjust: float) -> str:
        text = self[adjust] = f"> {num(adjust)} <"
        return text


class DocumentFonts:
    """One font resource per face used, numbered in order of first use."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        #: (font file, member index, variant) → its resource; the variant ('sub', 'sup') keeps
        #: synthesised sub- and superscripts in a font of their own, whose ToUnicode says ₂ for
        #: the glyph of 2 (fonts/synth.py)
        self.by_face: dict[tuple[Path, int, str], UsedFace] = {}
        self.by_key: dict[str, UsedFace] = {}

    def used(self, key: str) -> UsedFace:
        """The face of a run's face key (two keys may name one face: one font object)."""
        if key not in self.by_key:
            face: Face = self.fonts.face(key)
            where = (face.path, face.index, face.variant)
            if where not in self.by_face:
                self.by_face[where] = UsedFace(face, f"/F{len(self.by_face) + 1}")
            self.by_key[key] = self.by_face[where]
        return self.by_key[key]

    def collect_page(self, lines: "list[tuple[TextLine, list[Run]]]") -> tuple[tuple[str, tuple], ...]:
        """`collect` for one page's lines, returning what the page showed: (glyph id, text) for
        each glyph of each face in order of first use, the text the first non-empty one of the
        page, in runs of the same face key: (key, pairs). `replay` of it gives the faces the
        same glyphs, texts and order (the face looked up once a run, not once a glyph)."""
        first: dict[tuple[str, int], list] = {}
        for _line, runs in lines:
            for run in runs:
                key = run[0].style.face
                used = self.used(key)
                seen = used.text
                for g in run:
                    if not seen.get(g.gid):
                        seen[g.gid] = g.text
                    entry = first.get((used.resource, g.gid))
                    if entry is None:
                        first[used.resource, g.gid] = [key, g.gid, g.text]
                    elif not entry[2]:
                        entry[2] = g.text
        runs: list[tuple[str, list]] = []
        for key, gid, text in first.values():
            if runs and runs[-1][0] == key:
                runs[-1][1].append((gid, text))
            else:
                runs.append((key, [(gid, text)]))
        return tuple((key, tuple(pairs)) for key, pairs in runs)

    def replay(self, uses: tuple[tuple[str, tuple], ...]) -> None:
        """What `collect_page` returned for an equal page, collected again."""
        for key, pairs in uses:
            seen = self.used(key).text
            get = seen.get
            for gid, text in pairs:
                if not get(gid):
                    seen[gid] = text

    def collect(self, runs: Iterable[Run]) -> None:
        """The glyphs each face shows with their text (`UsedFace.text`), all before any is
        written: a face is subset to the whole set. Runs in document order; the face is looked
        up once a run, not per glyph."""
        for run in runs:
            seen = self.used(run[0].style.face).text
            for g in run:
                if not seen.get(g.gid):     # the first non-empty text stays
                    seen[g.gid] = g.text


def write_pdf(doc: Document, fonts: FontSet, *, pdfx: bool = True, streams: PageStreams | None = None) -> bytes:
    """The document as PDF bytes; `pdfx`: with the PDF/X-4 keys and output intent. A warm
    process passes `streams`, the pages written by its last build: a page equal to one of them,
    shown with the same fonts, is not written again (the same bytes: nothing else goes in)."""
    # Each line is cut into runs once: the runs give each face its glyphs, then the TJ strings.
    faces = DocumentFonts(fonts)
    if streams is None:
        pages = [(page, [(line, runs_of(line)) for line in page.lines], None) for page in doc.pages]
        faces.collect(run for _page, lines, _kept in pages for _line, runs in lines for run in runs)
    else:
        # A page equal to the last build's page at its place shows the same glyphs: its uses
        # are replayed, its lines not cut into runs again (unless it must be written again).
        streams.start(fonts)
        pages = []
        for index, page in enumerate(doc.pages):
            kept = streams.same(index, page)
            if kept is not None:
                faces.replay(kept.uses)
                pages.append((page, None, kept))
            else:
                lines = [(line, runs_of(line)) for line in page.lines]
                pages.append((page, lines, faces.collect_page(lines)))
    pdf = PdfFile(MIN_VERSION, deflate=streams.deflate if streams is not None else None,
                  segment_of=streams.segments if streams is not None else None)
    catalog_ref, pages_ref = pdf.reserve(), pdf.reserve()
    kept_fonts = streams.fonts if streams is not None else None
    font_refs = {used.resource: used.font_object(pdf, kept_fonts) for used in faces.by_face.values()}
    overprint = pdf.add({"Type": Name("ExtGState"), "OP": True, "op": True, "OPM": 1})
    spot_refs: dict[str, Ref] = {}
    digest = hashlib.sha256()
    images = ImageObjects(pdf)
    gaps = Gaps()
    page_refs = []
    # What shows a page besides its frames: each face key's resource name, each face's codes
    # (embed.py); a warm process compares them (reuse.py).
    if streams is not None:
        streams.shown(tuple((key, used.resource) for key, used in faces.by_key.items()),
                      {used.resource: (used.face, used.code) for used in faces.by_face.values()})
    for page, lines, kept in pages:
        names = images.names(page)
        writer = None
        if streams is not None:
            if isinstance(kept, Kept):           # equal to the last build's page here
                uses = kept.uses
                writer = streams.reuse(kept, names)
            else:                                # a new page: `kept` is what it showed
                uses, kept = kept, None
        if writer is None:
            if lines is None:
                lines = [(line, runs_of(line)) for line in page.lines]
            writer = PageWriter(page, faces, gaps)
            writer.images(names)
            writer.rules()
            writer.text(lines)
            writer.data = "\n".join(writer.ops).encode("ascii")
            if streams is not None:
                streams.put(page, names, frozenset(writer.font_names), writer.written(), uses)
        data = writer.data
        digest.update(data)
        resources = {}
        if writer.font_names:
            resources["Font"] = {n[1:]: font_refs[n] for n in sorted(writer.font_names)}
        if writer.overprint:
            resources["ExtGState"] = {OVERPRINT[1:]: overprint}
        if writer.image_names:
            resources["XObject"] = {n[1:]: images.objects[n] for n in sorted(writer.image_names)}
            for n in sorted(writer.image_names):
                digest.update(images.data[n])
        if writer.spaces:
            resources["ColorSpace"] = {n[1:]: _separation(pdf, c, spot_refs) for n, c in writer.spaces.items()}
        box = [0, 0, float(page.width), float(page.height)]
        contents = pdf.add(Stream({}, data))
        page_refs.append(pdf.add({"Type": Name("Page"), "Parent": pages_ref, "MediaBox": box, "TrimBox": box,
                                  "Resources": resources, "Contents": contents}))
    pdf.put(pages_ref, {"Type": Name("Pages"), "Kids": page_refs, "Count": len(page_refs)})
    catalog: dict = {"Type": Name("Catalog"), "Pages": pages_ref}
    outline = _outline(pdf, doc, page_refs)
    if outline is not None:
        catalog["Outlines"] = outline
    if streams is not None:
        streams.turn()
    for used in faces.by_face.values():
        digest.update(used.summary)
    info = add_metadata(pdf, catalog, title=doc.title, author=doc.author, subject=doc.subject,
                        date=dt.date.fromisoformat(doc.date), lang=doc.lang, content_digest=digest.digest(),
                        pdfx=pdfx)
    pdf.put(catalog_ref, catalog)
    return pdf.write(catalog_ref, pdf.add(info))


class ImageObjects:
    """One image XObject per picture file, numbered in order of first use: samples as
    compose converted them (CMYK through the output intent, or gray; images.py), Flate."""

    def __init__(self, pdf: PdfFile) -> None:
        self.pdf = pdf
        self.by_file: dict[str, str] = {}
        self.objects: dict[str, Ref] = {}
        self.data: dict[str, bytes] = {}

    def names(self, page: Page) -> dict[str, str]:
        """Picture file → the name of its XObject, for the pictures of `page` (each file one
        XObject, made on its first use)."""
        out = {}
        for item in page.images:
            image = item.image
            if image.file not in self.by_file:
                name = f"/Im{len(self.by_file) + 1}"
                self.by_file[image.file] = name
                self.data[name] = image.data
                self.objects[name] = self.pdf.add(Stream(
                    {"Type": Name("XObject"), "Subtype": Name("Image"), "Width": image.width,
                     "Height": image.height, "ColorSpace": Name(image.colour.value), "BitsPerComponent": 8,
                     "Filter": Name("FlateDecode")}, image.data))
            out[image.file] = self.by_file[image.file]
        return out


def _separation(pdf: PdfFile, colour: Colour, known: dict) -> Ref:
    """A spot colour: Separation with its CMYK alternate, the tint a linear ramp to it."""
    if colour.spot not in known:
        tint = {"FunctionType": 2, "Domain": [0, 1], "N": 1, "C0": [0, 0, 0, 0],
                "C1": [v / 100 for v in colour.cmyk]}
        known[colour.spot] = pdf.add([Name("Separation"), Name(colour.spot), Name("DeviceCMYK"), tint])
    return known[colour.spot]


def _outline(pdf: PdfFile, doc: Document, page_refs: list[Ref]) -> Ref | None:
    """Bookmarks (ISO 32000-1 §12.3.3): columns (level 0) with their articles (level 1) under
    them, each opening at the top of its title; all open (each /Count the number of items
    under it). None when the document has no bookmarks."""
    tree: list[tuple[dict, list[dict]]] = []          # (column item, its articles)
    for index, page in enumerate(doc.pages):
        for mark in page.bookmarks:
            item = {"Title": mark.title,
                    "Dest": [page_refs[index], Name("XYZ"), 0, float(page.height - mark.y), 0]}
            if mark.level == 0 or not tree:
                tree.append((item, []))
            else:
                tree[-1][1].append(item)
    if not tree:
        return None
    root = pdf.reserve()
    tops = _siblings(pdf, [item for item, _children in tree], root)
    for (item, children), ref in zip(tree, tops):
        if children:
            kids = _siblings(pdf, children, ref)
            item.update(First=kids[0], Last=kids[-1], Count=len(children))
            for child, kid in zip(children, kids):
                pdf.put(kid, child)
        pdf.put(ref, item)
    pdf.put(root, {"Type": Name("Outlines"), "First": tops[0], "Last": tops[-1],
                   "Count": len(tree) + sum(len(children) for _item, children in tree)})
    return root


def _siblings(pdf: PdfFile, items: list[dict], parent: Ref) -> list[Ref]:
    """Outline items under `parent`: each given a number and linked to its parent and its
    neighbours (/Parent, /Prev, /Next); the caller writes them once their children are linked."""
    refs = [pdf.reserve() for _item in items]
    for k, (item, ref) in enumerate(zip(items, refs)):
        item["Parent"] = parent
        if k:
            item["Prev"] = refs[k - 1]
        if k + 1 < len(items):
            item["Next"] = refs[k + 1]
    return refs
