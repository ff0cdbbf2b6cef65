"""A product's picture: an image file checked, scaled to at most 512 px and kept in the database."""

from __future__ import annotations

from pathlib import Path

from kiosk.services import images

Picture = images.Image
FIT = images.Fit("picture", side=512, quality=85)


def prepare(path: Path | str) -> Picture:
    """The picture a product keeps, made from an image file; refused with plain words."""
    return images.from_file(path, FIT)


def from_bytes(data: bytes, name: str = "") -> Picture:
    """The same, for an image already in memory (a pasted picture, a test)."""
    return images.from_bytes(data, name, FIT)
