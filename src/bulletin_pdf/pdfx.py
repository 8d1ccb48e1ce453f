"""Finish the PDF for print: PDF/X-4 keys and document metadata (one small post-processing
step with pikepdf; ReportLab writes none of them).

PDF/X-4 (ISO 15930-7:2010) asks for: an OutputIntent (`/S /GTS_PDFX`) with the output
condition and an embedded CMYK ICC profile (FOGRA39, the one LaTeX's pdfx package ships,
see data/FOGRA39L_coated.NOTICE.txt); `GTS_PDFXVersion` in the Info dictionary and as
`pdfxid:GTS_PDFXVersion` in the XMP metadata; a TrimBox on every page; `/Trapped` true or
false; a document ID; a title. PDF 1.6 at least.

Dates come from the issue (its date, 00:00 Beijing time), IDs from the content: the same
input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from importlib import resources
from xml.sax.saxutils import escape

import pikepdf

from . import __version__

PDFX_VERSION = "PDF/X-4"
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"
REGISTRY = "http://www.color.org"
PRODUCER = f"bulletin-pdf {__version__} (ReportLab, pikepdf)"
BEIJING = dt.timezone(dt.timedelta(hours=8))


def icc_profile() -> bytes:
    return resources.files("bulletin_pdf").joinpath("data/FOGRA39L_coated.icc").read_bytes()


def finish(pdf_bytes: bytes, *, title: str, author: str, subject: str, date: dt.date, lang: str = "zh-CN",
           pdfx: bool = True) -> bytes:
    """Metadata always; the PDF/X-4 keys when `pdfx`."""
    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=BEIJING)
    pdf_date = stamp.strftime("D:%Y%m%d%H%M%S+08'00'")
    xmp_date = stamp.isoformat()
    doc_id = "uuid:" + _uuid(pdf_bytes)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        info = pdf.docinfo
        info.Title = pikepdf.String(title)
        info.Author = pikepdf.String(author)
        info.Subject = pikepdf.String(subject)
        info.Creator = pikepdf.String("bulletin-pdf")
        info.Producer = pikepdf.String(PRODUCER)
        info.CreationDate = pikepdf.String(pdf_date)
        info.ModDate = pikepdf.String(pdf_date)
        info.Trapped = pikepdf.Name("/False")
        pdf.Root.Lang = pikepdf.String(lang)
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        for page in pdf.pages:
            page.obj.TrimBox = pikepdf.Array(page.mediabox)
            _prune_fonts(page)
        if pdfx:
            info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
            profile = pdf.make_stream(icc_profile())
            profile.N = 4
            pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
                OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
                OutputCondition=pikepdf.String(OUTPUT_CONDITION_INFO),
                RegistryName=pikepdf.String(REGISTRY), Info=pikepdf.String(OUTPUT_CONDITION_INFO),
                DestOutputProfile=profile)])
        metadata = pdf.make_stream(_xmp(title, author, subject, xmp_date, doc_id, lang, pdfx).encode("utf-8"))
        metadata.Type = pikepdf.Name.Metadata
        metadata.Subtype = pikepdf.Name.XML
        pdf.Root.Metadata = metadata
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, min_version="1.6", compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _prune_fonts(page: pikepdf.Page) -> None:
    """Keep in a page's resources only the fonts its content selects (ReportLab lists every
    font of the document on every page): no font resource that is not used."""
    fonts = page.obj.Resources.get("/Font")
    if fonts is None:
        return
    used = {str(ops[0]) for ops, _op in pikepdf.parse_content_stream(page, "Tf")}   # only Tf, parsed in C++
    resources = pikepdf.Dictionary({k: v for k, v in page.obj.Resources.items()})
    resources.Font = pikepdf.Dictionary({k: v for k, v in fonts.items() if k in used})
    page.obj.Resources = resources


def _uuid(data: bytes) -> str:
    h = hashlib.sha256(data).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _xmp(title, author, subject, date, doc_id, lang, pdfx) -> str:
    t, a, s = escape(title), escape(author), escape(subject)
    pdfx_line = f"<pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>" if pdfx else ""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li><rdf:li xml:lang="{lang}">{t}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{a}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{s}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>bulletin-pdf</xmp:CreatorTool>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>{doc_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{doc_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   {pdfx_line}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
