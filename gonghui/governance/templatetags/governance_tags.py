from django import template

from gonghui.core.formatting import format_amount

register = template.Library()


@register.filter
def amount(value, unit=""):
    """905 with unit 万元 -> '905万元', the way the summary writes it."""
    if value is None or value == "":
        return ""
    return format_amount(value, unit or "")
