"""What an uploaded photo must be, for suggestions and (in gonghui.safety) safety reports."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.core.files import begins_as, extension_of

from . import conf

PHOTO_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}


def photo_check(upload) -> None:
    """A photo is a jpg, png or webp of at most conf.PHOTO_MAX_BYTES, by name, declared type and content."""
    if upload is None:
        return
    ext = extension_of(upload.name)
    if ext not in PHOTO_EXTENSIONS:
        raise ValidationError({"photo": _("A photo must be a JPG, PNG or WebP image.")})
    content_type = getattr(upload, "content_type", None)
    if content_type and content_type not in PHOTO_TYPES:
        raise ValidationError({"photo": _("A photo must be a JPG, PNG or WebP image.")})
    if upload.size > conf.PHOTO_MAX_BYTES:
        raise ValidationError({"photo": _("A photo may be at most %(mb)s MB.") % {"mb": conf.PHOTO_MAX_BYTES // (1024 * 1024)}})
    if not begins_as(upload, ext):
        raise ValidationError({"photo": _("The file is not the image it claims to be.")})
