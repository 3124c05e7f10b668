"""Voice records for tests, made through the services as users would make them."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.voice import services

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def png(name: str = "photo.png", content: bytes = PNG, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def theme(cast, name: str = "安全管理"):
    return services.themes_ensure(actor=cast.chair, org=cast.union, names=[name])[0]


def suggestion(cast, *, title: str = "优化连铸机点检", anonymous: bool = False, key: str = "", on: dt.date | None = None, **extra):
    made, _receipt = services.suggestion_submit(actor=cast.member, author=cast.member_record, title=title, body="现状浪费，建议改进。",
                                                theme=extra.pop("theme", None), anonymous=anonymous, idempotency_key=key,
                                                submitted_on=on or dt.date(2025, 3, 1), **extra)
    return made
