"""PDF/X-4 keys and document metadata, written by the PDF writer as it builds the file
(no second pass over a finished PDF).

PDF/X-4 (ISO 15930-7:2010) asks for: an OutputIntent (`/S /GTS_PDFX`) with the output
condition and an embedded CMYK ICC profile (FOGRA39, the one LaTeX's pdfx package ships,
see data/FOGRA39L_coated.NOTICE.txt); `GTS_PDFXVersion` in the Info dictionary and as
`pdfxid:GTS_PDFXVersion` in the XMP metadata; a TrimBox on every page (the writer's);
`/Trapped` true or false; a document ID; a title. PDF 1.6 at least.

Dates come from the issue (its date, 00:00 Beijing time), IDs from the content: the same
input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re

from ... import __version__
from ...images import OUTPUT_PROFILE
from .serialize import Name, PdfFile, Stream

PDFX_VERSION = "PDF/X-4"
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"
REGISTRY = "http://www.color.org"
PRODUCER = f"bulletin-pdf {__version__} (HarfBuzz)"
BEIJING = dt.timezone(dt.timedelta(hours=8))
MIN_VERSION = "1.6"


#: The same profile as zlib data (level 9), read as it is into the PDF: compressing the
#: 119 KB profile would cost every build about 15 ms (a tenth of Typst's whole build of the
#: sample); tests/test_output.py checks it inflates to OUTPUT_PROFILE byte for byte.
DEFLATED_PROFILE = OUTPUT_PROFILE.with_name(OUTPUT_PROFILE.name + ".zz")


def icc_stream() -> Stream:
    """The output intent's profile, the one pictures are converted to CMYK with (images.py),
    as a Flate-encoded stream of four components."""
    return Stream({"N": 4, "Filter": Name("FlateDecode")}, DEFLATED_PROFILE.read_bytes())


def add_metadata(pdf: PdfFile, catalog: dict, *, title: str, author: str, subject: str, date: dt.date,
                 lang: str, content_digest: bytes, pdfx: bool = True) -> dict:
    """Info (returned, for the trailer), XMP, language and viewer preferences (into `catalog`)
    always; the PDF/X-4 keys when `pdfx`. `content_digest` (of everything the pages show)
    makes the XMP document ID."""
    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=BEIJING)
    pdf_date = stamp.strftime("D:%Y%m%d%H%M%S+08'00'")
    doc_id = "uuid:" + _uuid(content_digest)
    info = {"Title": title, "Author": author, "Subject": subject, "Creator": "bulletin-pdf",
            "Producer": PRODUCER, "CreationDate": pdf_date, "ModDate": pdf_date, "Trapped": Name("False")}
    catalog["Lang"] = lang
    catalog["ViewerPreferences"] = {"DisplayDocTitle": True}
    if pdfx:
        info["GTS_PDFXVersion"] = PDFX_VERSION
        profile = pdf.add(icc_stream())
        catalog["OutputIntents"] = [{
            "Type": Name("OutputIntent"), "S": Name("GTS_PDFX"),
            "OutputConditionIdentifier": OUTPUT_CONDITION, "OutputCondition": OUTPUT_CONDITION_INFO,
            "RegistryName": REGISTRY, "Info": OUTPUT_CONDITION_INFO, "DestOutputProfile": profile}]
    # uncompressed, as PDF/A and PDF/X readers that look for the packet in the raw file expect
    xmp = _xmp(title, author, subject, stamp.isoformat(), doc_id, lang, pdfx).encode("utf-8")
    catalog["Metadata"] = pdf.add(Stream({"Type": Name("Metadata"), "Subtype": Name("XML")}, xmp, compress=False))
    return info


def _uuid(digest: bytes) -> str:
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


#: Characters XML 1.0 does not allow (C0 controls but tab, newline, return; U+FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _escape(text: str) -> str:
    """Text as XML character data (what xml.sax.saxutils.escape does, without importing
    urllib.request with it): characters XML cannot hold dropped, line ends as an XML reader
    reads them (one newline)."""
    text = _NOT_XML.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xmp(title, author, subject, date, doc_id, lang, pdfx) -> str:
    """The XMP packet, written as it is stored (the layout is lxml's, which wrote it once:
    namespace declarations before `rdf:about`, a blank line before the closing processing
    instruction)."""
    t, a, s = _escape(title), _escape(author), _escape(subject)
    pdfx_line = f"<pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>" if pdfx else ""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" \
xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" \
xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" rdf:about="">
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

<?xpacket end="w"?>
"""
