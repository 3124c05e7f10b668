"""Uploaded files: whether one is what its name says, and serving it to the person who may see it
(the caller checks who)."""

import mimetypes

from django.http import FileResponse, Http404


def private_file_response(file_field) -> FileResponse:
    """The file behind `file_field`, never sniffed as another type, cached only by the browser; 404 when empty."""
    if not file_field:
        raise Http404
    content_type = mimetypes.guess_type(file_field.name)[0] or "application/octet-stream"
    response = FileResponse(file_field.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# How each file type the product accepts begins. An .xlsx and a .docx are both zip packages, so
# between those two the extension decides; a WebP is a RIFF file with "WEBP" at bytes 8-12.
FILE_SIGNATURES = {
    "pdf": (b"%PDF-",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",),
    "webp": (b"RIFF",), "xlsx": (b"PK\x03\x04",), "docx": (b"PK\x03\x04",),
}


def extension_of(name: str) -> str:
    """'名单.PDF' -> 'pdf'; '' when the name has none."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def begins_as(upload, ext: str) -> bool:
    """Whether the upload's first bytes are those of an `ext` file (FILE_SIGNATURES); reads 12 bytes, rewinds."""
    head = upload.read(12)
    upload.seek(0)
    return any(head.startswith(sig) for sig in FILE_SIGNATURES.get(ext, ())) and (ext != "webp" or head[8:12] == b"WEBP")
