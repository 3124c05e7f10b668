"""Serving an uploaded file to the person who may see it (the caller checks who)."""

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
