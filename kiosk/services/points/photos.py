"""An activity's photo (活动照片): an image file checked, scaled to at most 1024 px, kept."""

from __future__ import annotations

from pathlib import Path

from kiosk.services import images

Photo = images.Image
FIT = images.Fit("photo", side=1024, quality=82)


def prepare(path: Path | str) -> Photo:
    """The photo an activity keeps, made from an image file; refused with plain words."""
    return images.from_file(path, FIT)
