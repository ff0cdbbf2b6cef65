"""Receipt printing: a `Receipt` in, a PDF, ESC/POS bytes or a raster image out.

Nothing here reads the database or imports Qt: callers pass a Receipt and the
printer settings. Modules:

- ``receipt_layout``  the receipt as rows of text for a paper width (pure)
- ``receipt_pdf``     reportlab PDF with the CJK font embedded, vector Code128
- ``raster``          a 1-bit Pillow image for printers without a Chinese font
- ``escpos_out``      ESC/POS bytes (text or raster) and `send()` to a printer
- ``fonts``           finds and registers the CJK TrueType font
"""

from kiosk.printing.errors import PrintingError

__all__ = ["PrintingError"]
