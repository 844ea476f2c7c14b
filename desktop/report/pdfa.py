"""Document metadata and the PDF/A-2b entries that reportlab's open-source build does not write itself.

How it is done: reportlab builds the whole document as ``pdfdoc`` objects and formats them only when the canvas is
saved. ``apply_metadata`` (called by ``layout.CaseCanvas.save`` just before that) therefore still reaches the
catalog and the document information dictionary:

* ``Info``: title, author, subject, keywords, creator, producer and one date for CreationDate and ModDate (through
  ``PDFInfo._dateFormatter``, so it is the report's ``generated_at``, not the clock at save time).
* With ``pdfa=True`` also, in the catalog:
  ``/Metadata`` an uncompressed XMP stream (``/Type /Metadata /Subtype /XML``) with ``pdfaid:part=2``,
  ``pdfaid:conformance=B`` and dc/xmp/pdf properties equal to the Info entries; and
  ``/OutputIntents`` one ``/GTS_PDFA1`` intent whose ``/DestOutputProfile`` is an sRGB ICC profile made by
  Pillow's ``ImageCms``.

The rest of PDF/A-2b is kept by how the document is built: only the embedded DejaVu fonts are used (the canvas's
initial font is DejaVu too, so not even the page preamble names Helvetica), images are opaque RGB JPEGs, there is no
encryption, JavaScript, annotation or transparency, and reportlab writes the trailer ``/ID``. ``/Lang`` is set.

One thing reportlab gets wrong for PDF/A: it writes ``<data>endstream`` where PDF/A (6.1.7.1) wants an end-of-line
before ``endstream`` that ``/Length`` does not count. ``install_endstream_eol()`` wraps ``PDFStream.format`` once per
process to add it; the change is harmless for any other reportlab output.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from PIL import ImageCms
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class DocInfo:
    """The document's metadata, written identically to the Info dictionary and to XMP."""

    title: str
    author: str
    subject: str
    keywords: str
    creator: str
    producer: str
    created: datetime
    lang: str


def aware(value: datetime) -> datetime:
    """``value`` with a UTC offset (a naive time is taken as local time)."""
    return value if value.utcoffset() is not None else value.astimezone()


def pdf_date(value: datetime) -> str:
    """``D:20240314101233+01'00'``."""
    value = aware(value)
    offset = value.strftime("%z")
    return value.strftime("D:%Y%m%d%H%M%S") + f"{offset[0]}{offset[1:3]}'{offset[3:5]}'"


def xmp_date(value: datetime) -> str:
    """``2024-03-14T10:12:33+01:00``."""
    return aware(value).replace(microsecond=0).isoformat()


@lru_cache(maxsize=1)
def srgb_icc() -> bytes:
    """An sRGB ICC profile (built by LittleCMS through Pillow)."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return profile.tobytes()


def xmp_packet(info: DocInfo) -> bytes:
    """The XMP metadata packet for PDF/A-2b, UTF-8, with the properties that must match the Info dictionary."""
    date = xmp_date(info.created)
    lang = escape(info.lang)
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>{escape(info.producer)}</pdf:Producer>
   <pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>
   <pdf:Trapped>False</pdf:Trapped>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
    padding = (" " * 99 + "\n") * 20  # room for in-place edits, as the XMP spec recommends
    return (body + padding + '<?xpacket end="w"?>').encode("utf-8")


class _UnfilteredStream(PDFStream):
    """A stream written as is: PDF/A forbids a ``/Filter`` on the metadata stream (even an empty one)."""

    def format(self, document):  # noqa: ANN001, ANN201 - reportlab's signature
        dictionary = PDFDictionary(dict(self.dictionary.dict))
        dictionary["Length"] = len(self.content)
        return dictionary.format(document) + b"\nstream\n" + self.content + b"\nendstream\n"


@cache
def install_endstream_eol() -> None:
    """Make every reportlab stream end in ``EOL endstream`` (idempotent; see the module docstring)."""
    original = PDFStream.format

    def format_with_eol(self: PDFStream, document) -> bytes:  # noqa: ANN001 - reportlab's signature
        data = original(self, document)
        if data.endswith(b"endstream\n") and not data.endswith(b"\nendstream\n"):
            data = data[: -len(b"endstream\n")] + b"\nendstream\n"
        return data

    PDFStream.format = format_with_eol


def apply_metadata(canvas: Canvas, info: DocInfo, pdfa: bool) -> None:
    """Write ``info`` to the Info dictionary and, with ``pdfa``, the XMP stream and the sRGB output intent."""
    doc = canvas._doc
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject)
    canvas.setKeywords(info.keywords)
    canvas.setCreator(info.creator)
    canvas.setProducer(info.producer)
    stamp = pdf_date(info.created)
    doc.info._dateFormatter = lambda *_: stamp
    if not pdfa:
        return
    catalog = doc.Catalog
    metadata = _UnfilteredStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), xmp_packet(info)
    )
    catalog.Metadata = metadata
    icc = PDFStream(PDFDictionary({"N": 3}), srgb_icc())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "RegistryName": PDFString("http://www.color.org"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": doc.Reference(icc),
        }
    )
    catalog.OutputIntents = PDFArray([intent])
    # PDFCatalog writes only the keys it lists; add ours to this instance's list.
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]


def icc_description() -> str:
    """The description inside the ICC profile (for tests and the report)."""
    return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(srgb_icc()))).strip()
