"""Text split into runs by the font that has each character: the main CJK font,
else the first fallback that draws it (𠮷, 䶮), for PDF and raster output alike.

A character no font has stays with the main font (it prints as the font's empty box,
never as nothing), and white space stays with the run it is in.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from kiosk.printing.fonts import Face, fallback_with, main_face

Run = tuple[str, str]       # (reportlab font name, text)


def _face_for(ch: str, main: Face) -> str:
    face = fallback_with(ch)
    return face.name if face is not None else main.name


def runs(text: str) -> list[Run]:
    """'王𠮷祥' → [('KioskCJK', '王'), ('KioskCJKRare1', '𠮷'), ('KioskCJK', '祥')]."""
    main = main_face()
    if all(ord(ch) in main.chars for ch in text):
        return [(main.name, text)] if text else []
    found: list[Run] = []
    for ch in text:
        name = main.name if ord(ch) in main.chars else _face_for(ch, main)
        if found and (found[-1][0] == name or ch.isspace()):
            found[-1] = (found[-1][0], found[-1][1] + ch)
        else:
            found.append((name, ch))
    return found


def needs_fallback(text: str) -> bool:
    main = main_face()
    return any(ord(ch) not in main.chars for ch in text)


def markup(text: str) -> str:
    """Escaped Paragraph markup: the runs a fallback draws wrapped in <font name=...>."""
    main = main_face().name
    return "".join(escape(part) if name == main else f'<font name="{name}">{escape(part)}</font>'
                   for name, part in runs(text))
