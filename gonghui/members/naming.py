"""Pinyin keys for searching Chinese names: 张三 -> 'zhangsan' and 'zs'.

A name is a surname and a given name, and the two are read differently: 曾 is
'zeng' and 单 is 'shan' as surnames, though their everyday readings are 'ceng'
and 'dan'. So the surname comes from the table below when it is there, the given
name from pypinyin's phrase dictionary when the whole given name is a phrase in it
(长青 'changqing'), and otherwise each character takes its commonest reading from
pypinyin's character dictionary. Reading the dictionaries directly, rather than
through pypinyin's conversion pipeline, is what lets a 10,000-row roster import
spend milliseconds here instead of a third of a second.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin.contrib.tone_convert import to_normal
from pypinyin.phrases_dict import phrases_dict
from pypinyin.pinyin_dict import pinyin_dict

# Surnames whose reading differs from the character's commonest one, and the
# compound surnames whose characters are read unusually together.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "区": ("ou",), "仇": ("qiu",), "朴": ("piao",),
    "查": ("zha",), "乐": ("yue",), "缪": ("miao",), "翟": ("zhai",), "覃": ("qin",), "盖": ("ge",),
    "召": ("shao",), "种": ("chong",), "秘": ("bi",), "繁": ("po",), "句": ("gou",), "折": ("she",),
    "重": ("chong",), "隗": ("wei",), "华": ("hua",), "能": ("nai",), "阚": ("kan",), "莘": ("shen",),
    "尉": ("wei",), "薄": ("bo",), "员": ("yun",),
    "万俟": ("mo", "qi"), "尉迟": ("yu", "chi"), "长孙": ("zhang", "sun"), "澹台": ("tan", "tai"),
    "单于": ("chan", "yu"),
}


@lru_cache(maxsize=4096)
def _plain(toned: str) -> str:
    """'zhāng' -> 'zhang'; ü is written v, as people type it ('lv')."""
    return to_normal(toned, v_to_u=False)


@lru_cache(maxsize=8192)
def _char_reading(char: str) -> str | None:
    readings = pinyin_dict.get(ord(char))
    return _plain(readings.split(",", 1)[0]) if readings else None


def _given_readings(given: str) -> list[str]:
    phrase = phrases_dict.get(given) if len(given) > 1 else None
    if phrase:
        return [_plain(readings[0]) for readings in phrase]
    return [r for r in map(_char_reading, given) if r]


def syllables(name: str) -> list[str]:
    """The name's syllables in order; characters with no reading (·, Latin letters) are left out."""
    for length in (2, 1):
        surname = SURNAME_READINGS.get(name[:length])
        if surname and len(name) > length:
            return [*surname, *_given_readings(name[length:])]
    if not name:
        return []
    first = _char_reading(name[0])
    return ([first] if first else []) + _given_readings(name[1:])


@lru_cache(maxsize=20000)
def pinyin_keys(name: str) -> tuple[str, str]:
    parts = syllables(name)
    return "".join(parts), "".join(s[0] for s in parts)


def leading_readings(text: str) -> set[str]:
    """Every pinyin a name beginning with `text`'s first character can begin with: its surname
    reading(s) (单 'shan', 万俟 'mo') and its everyday one (单 'dan'). Lets a search by characters
    narrow the list's pinyin order to a few short ranges (members.selectors.member_search_filter)."""
    first = text[:1]
    if not first:
        return set()
    found = {readings[0] for surname, readings in SURNAME_READINGS.items() if surname[0] == first}
    everyday = _char_reading(first)
    return found | ({everyday} if everyday else set())
