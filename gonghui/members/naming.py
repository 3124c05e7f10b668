"""Pinyin keys for searching Chinese names: 张三 -> 'zhangsan' and 'zs'."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=20000)
def pinyin_keys(name: str) -> tuple[str, str]:
    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")]
    return "".join(syllables), "".join(s[0] for s in syllables if s)
