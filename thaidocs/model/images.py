"""Images the input names (signatures, the Garuda), checked when the input is read.

Both writers must be able to place the image, so the checks are those of the stricter one:
a PNG or JPEG file that decodes whole, of bounded size, in a colour space python-docx reads
(a CMYK JPEG is refused: Word cannot place it reliably and the PDF would then differ).
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from thaidocs.model.files import FileRefused, read_regular

#: the largest image file read
MAX_IMAGE_BYTES = 20 * 1024 * 1024
#: the most pixels: a signature scanned at 600 dpi is about 3 million, the Garuda less
MAX_PIXELS = 25_000_000
_FORMATS = {"PNG", "JPEG"}


def check_image(path: Path) -> None:
    """Refuse with the reason an image that either writer could not place.

    Pillow and python-docx are imported here, not with the model: most documents name no
    image, and a PDF-only render should not load the .docx library.
    """
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image as DocxImage
    from PIL import Image, UnidentifiedImageError

    data = read_regular(path, MAX_IMAGE_BYTES)
    if not data:
        raise FileRefused(f"the image file is empty: {path}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=sorted(_FORMATS))
            width, height = image.size
            if width * height <= MAX_PIXELS and image.mode != "CMYK":
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        width = height = MAX_PIXELS
    except UnidentifiedImageError:
        raise FileRefused(f"not a PNG or JPEG image: {path}") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise FileRefused(f"the image is damaged or cut short ({exc}): {path}") from None
    if width * height > MAX_PIXELS:
        raise FileRefused(f"the image has more than {MAX_PIXELS:,} pixels: scale it down ({path})")
    if image.mode == "CMYK":
        raise FileRefused(f"a CMYK image: save it in RGB colour ({path})")
    try:
        DocxImage.from_blob(data)
    except (UnrecognizedImageError, ValueError, IndexError) as exc:
        raise FileRefused(f"the image cannot be placed in a .docx ({exc}): {path}") from None
