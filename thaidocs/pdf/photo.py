"""A photo frame on the page: the picture scaled to fit inside, centred, or the empty frame."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from thaidocs.layout.tree import Photo
from thaidocs.pdf.flows import Flow, draw_image_in
from thaidocs.pdf.text import TextEngine


class PhotoFlow(Flow):
    """The frame ``photo.width`` × ``photo.height`` at ``photo.left`` from the margin. Never
    split."""

    def __init__(self, photo: Photo):
        super().__init__(
            photo.height * cm, space_before=photo.space_before, keep_with_next=photo.keep_with_next
        )
        self.photo = photo

    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        photo = self.photo
        left, width, height = x + photo.left * cm, photo.width * cm, photo.height * cm
        if photo.image is not None:
            draw_image_in(canvas, photo.image, left, y, width, height)
        canvas.saveState()
        canvas.setLineWidth(photo.frame)
        canvas.rect(left, y - height, width, height, stroke=1, fill=0)
        canvas.restoreState()
