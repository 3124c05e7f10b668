"""The member list's table body, written in Python.

The list is the page cadres open most, and its 50 rows were most of its rendering
time, first as a template loop (a variable lookup, an escape and a localisation per
cell) and then through format_html (whose lazy-aware escape wraps every value).
Every value is escaped here with the standard library's html.escape, which is what
Django's own escape applies. The markup is a whole row; keep it in step with the
header in members/_rows.html.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def member_rows(rows):
    label = gettext("non-member")  # outside the f-string, where makemessages can find it
    badge = f' <span class="badge">{escape(label)}</span>'
    return mark_safe("".join(
        f'<tr><td><a href="{escape(r["url"])}">{escape(r["name"])}</a>{"" if r["is_union_member"] else badge}</td>'
        f'<td>{escape(r["org__name"])}</td><td class="hide-sm"><code>{escape(r["id_number_masked"])}</code></td>'
        f'<td class="hide-sm">{escape(r["post"])}</td><td class="hide-sm">{escape(r["contract_label"])}</td>'
        f'<td class="hide-sm">{escape(r["phone"])}</td></tr>\n'
        for r in rows
    ))  # noqa: S308 - every value above is escaped


@register.simple_tag
def jump_bar(query, letters):
    """The links of the pinyin jump bar, each keeping the list's filters (`query`): a loop of
    23 letters in the template cost as much as the 50 rows above."""
    keep = f"{escape(query)}&" if query else ""
    return mark_safe("".join(f'<a href="?{keep}from={letter}">{letter}</a>' for letter in letters))  # noqa: S308 - escaped
