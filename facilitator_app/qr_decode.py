"""Read QR codes from a photo file (zxing-cpp; Pillow opens JPEG/PNG and honours EXIF)."""

from __future__ import annotations

from pathlib import Path

from facilitator_app.errors import RejectedFileError
from facilitator_app.files import readable_file
from facilitator_app.i18n import _

MAX_PIXELS = 50_000_000  # a 50-megapixel photo is fine; a decompression bomb is not
WORKING_SIDE = 1600


def read_qr_texts(path: Path) -> list[str]:
    """The texts of the QR codes in the photo at `path`, best effort at any size."""
    import zxingcpp
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    readable_file(path)  # missing or unreadable: said as such, not as "not a photo"
    try:
        with Image.open(path) as opened:
            image = ImageOps.exif_transpose(opened).convert("L")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise RejectedFileError(_("{file} is not a photo CREANDO Desk can read (PNG or JPEG)."
                                  ).format(file=path.name), path=path) from exc
    candidates = [image]
    if max(image.size) > WORKING_SIDE:  # big phone photos: a smaller copy decodes faster
        smaller = image.copy()
        smaller.thumbnail((WORKING_SIDE, WORKING_SIDE))
        candidates.insert(0, smaller)
    for candidate in candidates:
        found = [result.text for result in zxingcpp.read_barcodes(
            candidate, formats=zxingcpp.BarcodeFormat.QRCode) if result.valid]
        if found:
            return found
    return []
