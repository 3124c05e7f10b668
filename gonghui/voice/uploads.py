"""What an uploaded photo must be, for suggestions and (in gonghui.safety) safety reports."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import conf

PHOTO_SIGNATURES = {  # what the first bytes of each allowed image type look like
    "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",), "webp": (b"RIFF",),
}
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}


def photo_check(upload) -> None:
    """A photo is a jpg, png or webp of at most conf.PHOTO_MAX_BYTES, by name, declared type and content."""
    if upload is None:
        return
    ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if ext not in PHOTO_SIGNATURES:
        raise ValidationError({"photo": _("A photo must be a JPG, PNG or WebP image.")})
    content_type = getattr(upload, "content_type", None)
    if content_type and content_type not in PHOTO_TYPES:
        raise ValidationError({"photo": _("A photo must be a JPG, PNG or WebP image.")})
    if upload.size > conf.PHOTO_MAX_BYTES:
        raise ValidationError({"photo": _("A photo may be at most %(mb)s MB.") % {"mb": conf.PHOTO_MAX_BYTES // (1024 * 1024)}})
    head = upload.read(12)
    upload.seek(0)
    ok = any(head.startswith(sig) for sig in PHOTO_SIGNATURES[ext])
    if ext == "webp":
        ok = ok and head[8:12] == b"WEBP"
    if not ok:
        raise ValidationError({"photo": _("The file is not the image it claims to be.")})
