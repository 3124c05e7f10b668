"""Every string of ours is translated, and the Chinese we wrote is the Chinese people see.

Django merges all catalogues; an app listed earlier (django.contrib.admin, auth…) wins
for the same English msgid, so a short word like "name" or "Filter" can silently show
someone else's translation. These tests catch both gaps and shadowing.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

CATALOGUES = sorted(Path(settings.BASE_DIR, "gonghui").glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))


def entries():
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                yield path.parts[-5], entry


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 8


def test_every_string_has_its_chinese():
    missing = [(app, e.msgid) for app, e in entries() if not e.translated() or "fuzzy" in e.flags]
    assert not missing


def test_our_chinese_is_the_one_that_shows():
    shadowed = []
    with translation.override("zh-hans"):
        for app, e in entries():
            if e.msgid_plural:
                continue
            shown = translation.pgettext(e.msgctxt, e.msgid) if e.msgctxt else translation.gettext(e.msgid)
            if shown != e.msgstr:
                shadowed.append((app, e.msgid, e.msgstr, shown))
    assert not shadowed, "\n".join(f"{a}: {m!r} -> wanted {w!r}, shows {s!r}" for a, m, w, s in shadowed)
