"""Refuse a workbook that would take the server down, before any spreadsheet library reads it.

An .xlsx is a zip of XML. Readers size their tables from what the file says: calamine
allocates a grid from the highest cell referenced, so a 1.5 KB file with one cell at
XFD1048576 asks for 16,384 x 1,048,576 cells (512 GiB) and the process aborts; a zip entry
can inflate a thousand times over (a zip bomb); a shared-string table can announce a
count it never holds. So `check_workbook` reads the zip itself, first:

- the file is no larger than IMPORT_MAX_BYTES, a zip of at most MAX_ENTRIES entries,
  each stored or deflated;
- every entry is inflated here, in bounded chunks, and may not inflate past
  MAX_INFLATED_BYTES in all, nor to another size than its header states;
- every part's declared <dimension> and every row and cell it actually references (any part
  may be named a worksheet by the workbook's relationships)
  stay within MAX_COLUMNS x MAX_SHEET_ROWS (cells without a reference are counted in
  place, as a reader would place them);
- the counts a part announces at its start (shared strings, styles) stay within the
  sheet's size.

Every upload path (the page, the API, `gonghui import-members`) reads through
`workbook.read_roster`, which calls this; the page's form calls it too, to say so at once.
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from . import conf

MAX_COLUMNS = 50              # the template has 16
MAX_SHEET_ROWS = 20_000       # IMPORT_MAX_ROWS data rows, with room for blank and title rows
MAX_ENTRIES = 1_000
MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_ANNOUNCED_COUNT = MAX_COLUMNS * MAX_SHEET_ROWS
CHUNK = 1 << 20

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Za-z]+)?(\d+)?(?::([A-Za-z]+)(\d+))?"')
_REFERENCE = re.compile(rb'<(?:\w+:)?(row|c)\b([^>]*)>')
_R_ATTRIBUTE = re.compile(rb'(?:^|\s)r="([A-Za-z]*)(\d*)"')


def _greater_than(limit: int) -> str:
    """A pattern for a whole number above `limit`, leading zeros allowed: more digits, or as many
    and larger at the first digit that differs."""
    digits = str(limit)
    ways = [rf"[1-9]\d{{{len(digits)},}}"]
    ways += [rf"{digits[:i]}[{int(d) + 1}-9]\d{{{len(digits) - i - 1}}}" for i, d in enumerate(digits) if d != "9"]
    return rf"0*(?:{'|'.join(ways)})"


def _letters_beyond(limit: int) -> str:
    """A pattern for a column name (A, …, Z, AA, …) past column number `limit`."""
    letters = ""
    while limit:
        limit, rest = divmod(limit - 1, 26)
        letters = chr(65 + rest) + letters
    ways = [rf"[A-Za-z]{{{len(letters) + 1},}}"]
    ways += [rf"{letters[:i]}[{chr(ord(c) + 1)}-Z]{'[A-Za-z]' * (len(letters) - i - 1)}" for i, c in enumerate(letters) if c != "Z"]
    return rf"(?:{'|'.join(ways)})"


# The fast path: any cell or row reference past the limits, references written first in their tag.
_TOO_FAR = re.compile(
    rf'<c r="(?:{_letters_beyond(MAX_COLUMNS)}\d|[A-Za-z]+{_greater_than(MAX_SHEET_ROWS)}")'
    rf'|<row r="{_greater_than(MAX_SHEET_ROWS)}"'.encode(),
    re.IGNORECASE,
)
_COUNT = re.compile(rb'\s(?:count|uniqueCount)="(\d+)"')


class UnreadableWorkbook(ValueError):
    """The file cannot or may not be read; the message says why, in the user's language."""


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


def _size(source: IO[bytes] | str) -> int:
    if isinstance(source, (str, os.PathLike)):
        return os.stat(source).st_size
    if getattr(source, "size", None) is not None:  # Django's UploadedFile
        return int(source.size)
    position = source.tell()
    source.seek(0, os.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def _too_large() -> UnreadableWorkbook:
    return UnreadableWorkbook(
        _("The workbook is too large: at most %(columns)s columns and %(rows)s rows are read.")
        % {"columns": MAX_COLUMNS, "rows": f"{MAX_SHEET_ROWS:,}"})


def _inflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """The entry's bytes as any reader would inflate them from the compressed data (not as its
    header says), in chunks, refusing past `budget` bytes or a size other than the header's."""
    if info.flag_bits & 0x1:
        raise UnreadableWorkbook(_("The workbook is encrypted; save it without a password."))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise UnreadableWorkbook(_("The file could not be read as an Excel workbook (.xlsx)."))
    raw = archive.fp
    raw.seek(info.header_offset)
    header = raw.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise UnreadableWorkbook(_("The file could not be read as an Excel workbook (.xlsx)."))
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    raw.seek(info.header_offset + 30 + name_length + extra_length)
    remaining, produced = info.compress_size, 0
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while remaining > 0:
        data = raw.read(min(CHUNK, remaining))
        if not data:
            break
        remaining -= len(data)
        while data:
            if inflater is None:
                out, data = data, b""
            else:
                out = inflater.decompress(data, CHUNK)
                data = inflater.unconsumed_tail
            produced += len(out)
            if produced > budget or produced > info.file_size:
                raise _too_large()
            yield out
        if inflater is not None and inflater.eof:
            break
    if produced != info.file_size:
        raise UnreadableWorkbook(_("The file could not be read as an Excel workbook (.xlsx)."))


def _scan_sheet(chunks: Iterator[bytes]) -> None:
    """Refuse a worksheet that declares or references a cell past the limits.

    Cells usually name their place (r="B5"), and then the highest row and column named are
    found by a few regular-expression passes in C. A cell that names no place goes after the
    one before it, and a row without a number after the row before it, as readers place
    them; a chunk holding any such is walked tag by tag."""
    pending = b""
    state = [0, 0]  # row and column of the last tag seen, for cells and rows without a reference
    dimension_checked = False
    for chunk in chunks:
        text = pending + chunk
        complete = text.rfind(b"<")  # every tag before the last "<" is whole; the rest waits for more
        if complete <= 0:
            pending = text
            continue
        pending, text = text[complete:], text[:complete]
        if not dimension_checked:
            match = _DIMENSION.search(text)
            if match:
                last_column, last_row = match.group(3) or match.group(1), match.group(4) or match.group(2)
                if (last_column and _column_number(last_column) > MAX_COLUMNS) or (last_row and int(last_row) > MAX_SHEET_ROWS):
                    raise _too_large()
            dimension_checked = match is not None or b"<sheetData" in text
        _check_chunk(text, state)


def _check_chunk(text: bytes, state: list[int]) -> None:
    cell_tags = text.count(b"<c ") + text.count(b"<c>") + text.count(b"<c/")
    row_tags = text.count(b"<row ") + text.count(b"<row>") + text.count(b"<row/")
    # Excel, WPS and openpyxl write the reference first in its tag (<c r="B5" …>): then one
    # search in C finds any reference past the limits, without reading the others one by one.
    # Anything else is walked tag by tag below.
    if (text.count(b'<c r="') == cell_tags and text.count(b'<row r="') == row_tags
            and b":c " not in text and b":row " not in text):
        if _TOO_FAR.search(text):
            raise _too_large()
        last = text.rfind(b'<c r="')
        if last >= 0:
            match = _R_ATTRIBUTE.search(text, last + 2)
            state[0], state[1] = int(match.group(2) or 0), _column_number(match.group(1))
        elif row_tags:
            state[0], state[1] = int(_R_ATTRIBUTE.search(text, text.rfind(b'<row r="') + 4).group(2) or 0), 0
        return
    row, column = state
    for match in _REFERENCE.finditer(text):
        reference = _R_ATTRIBUTE.search(match.group(2))
        if match.group(1) == b"row":
            row = int(reference.group(2)) if reference and reference.group(2) else row + 1
            column = 0
        elif reference and reference.group(1):
            column = _column_number(reference.group(1))
            if reference.group(2):
                row = int(reference.group(2))
        else:
            column += 1
        if row > MAX_SHEET_ROWS or column > MAX_COLUMNS:
            raise _too_large()
    state[0], state[1] = row, column


def _keeping_head(chunks: Iterator[bytes], head: bytearray, size: int = 4096) -> Iterator[bytes]:
    """The chunks, passed on, with their first `size` bytes kept in `head` (where a part states its counts)."""
    for chunk in chunks:
        if len(head) < size:
            head += chunk[: size - len(head)]
        yield chunk


def check_workbook(source: IO[bytes] | str) -> None:
    """Refuse (UnreadableWorkbook) a file too big, not an .xlsx, or whose sheets are too large to read safely."""
    if _size(source) > conf.IMPORT_MAX_BYTES:
        limit = conf.IMPORT_MAX_BYTES
        size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{max(limit // 1024, 1)} KB"
        raise UnreadableWorkbook(_("The file is larger than %(size)s.") % {"size": size})
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableWorkbook(_("The file could not be read as an Excel workbook (.xlsx).")) from exc
    with archive:
        entries = archive.infolist()
        names = {info.filename for info in entries}
        # Only an .xlsx is checked here, so only an .xlsx is let through: a reader that detects
        # the format by content would read an .xlsb (binary sheets) or an .ods (repeated rows) unchecked.
        if "xl/workbook.xml" not in names or names & {"xl/workbook.bin", "content.xml", "mimetype"}:
            raise UnreadableWorkbook(_("The file could not be read as an Excel workbook (.xlsx)."))
        if len(entries) > MAX_ENTRIES:
            raise UnreadableWorkbook(_("The file could not be read as an Excel workbook (.xlsx)."))
        if sum(info.file_size for info in entries) > MAX_INFLATED_BYTES:
            raise _too_large()
        budget = MAX_INFLATED_BYTES
        for info in entries:
            # Every entry is scanned as a sheet could be: the workbook's relationships, not the
            # name, say which part a reader takes for a worksheet.
            head = bytearray()
            _scan_sheet(_keeping_head(_inflated(archive, info, budget), head))
            if any(int(n) > MAX_ANNOUNCED_COUNT for n in _COUNT.findall(bytes(head))):
                raise _too_large()
            budget -= info.file_size
    if hasattr(source, "seek"):
        source.seek(0)
