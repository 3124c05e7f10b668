"""Template filters that write figures the Chinese way: {{ d|cn_date }}, {{ amount|wan_yuan }}."""

from django import template

from gonghui.core import formatting

register = template.Library()


@register.filter
def cn_date(value):
    return formatting.format_date(value)


@register.filter
def cn_datetime(value):
    from django.utils import timezone

    if value is None:
        return ""
    return formatting.format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)


@register.filter
def yuan(value):
    return "" if value is None else formatting.format_yuan(value)


@register.filter
def wan_yuan(value):
    return "" if value is None else formatting.format_wan_yuan(value)


@register.filter
def count(value):
    return "" if value is None else formatting.format_count(value)


@register.filter
def about_count(value):
    """An estimated count, to the thousand (formatting.format_about_count)."""
    return "" if value is None else formatting.format_about_count(value)


@register.filter
def get_item(mapping, key):
    """{{ counts|get_item:org.pk }}: a dict lookup by a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def change_lines(entry):
    """{% for label, before, after in h|change_lines %}: a history row's changes as a reader sees them."""
    from gonghui.core.history import change_lines as lines

    return lines(entry)
