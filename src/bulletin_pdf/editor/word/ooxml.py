"""WordprocessingML elements by their namespaced names (`q("w:p")`), and the walks over
lxml elements every part of the Word reader uses. Element names are from ECMA-376 Part 1
(WordprocessingML §17, DrawingML §20, VML §14, Office MathML §22, Markup Compatibility Part 3).
"""

from __future__ import annotations

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _ancestors(element, stop):
    """`element`'s ancestors up to (not including) `stop`."""
    node = element.getparent()
    while node is not None and node is not stop:
        yield node
        node = node.getparent()


def _children(element, tag: str):
    """`element`'s children named `tag`, also those wrapped in a content control or custom
    XML (w:sdt, w:customXml around rows or cells)."""
    for child in element:
        if child.tag == q(tag):
            yield child
        elif child.tag in (q("w:sdt"), q("w:sdtContent"), q("w:customXml")):
            yield from _children(child, tag)


def _on(element) -> bool:
    return element is not None and element.get(q("w:val"), "true") not in ("0", "false", "off")
