"""Search-as-you-type pickers: choose one org or one member out of thousands, without a page
that lists them all.

The page holds a text field. With JavaScript (core/static/gonghui/picker.js) typing asks a
JSON endpoint for at most PICK_LIMIT matches in the actor's reach, and choosing one puts its
id in a hidden field named after the field. Without JavaScript, or when the user types and
submits without choosing, the text arrives as `<name>_q` and the form resolves it on the
server against the same reach: one match is taken, none or several is a form error. The
endpoints live with the data (orgs:pick, members:pick); this module is the form side.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.http import JsonResponse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PICK_LIMIT = 20


class TypedText(str):
    """What the user typed in a picker without choosing from its list: resolved by the field."""


def typed_text(data, name: str) -> TypedText | None:
    """The text a picker's field `name` was given (`<name>_q`), if no choice was made."""
    text = (data.get(f"{name}_q") or "").strip()[:60]
    return TypedText(text) if text else None


class PickerWidget(forms.Widget):
    """The picker's markup, written here rather than through the form renderer's template: it sits in the
    filter bar of the busiest lists, where a template render per request showed in their throughput."""

    template_name = ""  # render() below writes the markup

    def __init__(self, *, url: str = "", placeholder: str = "", attrs=None):
        super().__init__(attrs)
        self.url, self.placeholder = url, placeholder
        self.label_of: Callable[[object], str] = str  # the field sets it: the label of a chosen pk

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, TypedText):
            picked, text = "", str(value)
        elif value in (None, ""):
            picked, text = "", ""
        else:
            picked, text = str(value), self.label_of(value)
        context["widget"].update({"url": self.url, "picked": picked, "text": text, "placeholder": self.placeholder})
        return context

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        extra = {k: v for k, v in widget["attrs"].items() if k != "required"}
        if widget["placeholder"]:
            extra["placeholder"] = widget["placeholder"]
        return format_html(
            '<span class="picker" data-picker-url="{}" data-picker-name="{}" data-picker-value="{}">'
            '<input type="search" name="{}_q" value="{}" autocomplete="off" enterkeyhint="search"{}></span>',
            widget["url"], name, widget["picked"], name, widget["text"], flatatt(extra))

    def value_from_datadict(self, data, files, name):
        picked = data.get(name)
        if picked and not str(picked).isdigit():  # a name posted in the field itself (forms, clients of old)
            return TypedText(str(picked).strip()[:60])
        return picked if picked else typed_text(data, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data


class PickerField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are searched, never listed. `search(queryset, text)` narrows the
    field's queryset (already the actor's reach) to what the text names; `describe(obj)` is what the list shows."""

    def __init__(self, *, url: str = "", search: Callable[[QuerySet, str], QuerySet], describe: Callable[[object], str] = str,
                 placeholder: str = "", nothing=None, several=None, **kwargs):
        kwargs.setdefault("queryset", None)
        super().__init__(widget=PickerWidget(url=url, placeholder=placeholder), **kwargs)
        self.search, self.describe = search, describe
        self.refusals = {"nothing": nothing, "several": several}
        self.widget.label_of = self._label_of

    def _label_of(self, pk) -> str:
        obj = self.queryset.filter(pk=pk).first() if self.queryset is not None and str(pk).isdigit() else None
        return self.describe(obj) if obj is not None else ""

    def label_from_instance(self, obj) -> str:
        return self.describe(obj)

    def to_python(self, value):
        if isinstance(value, TypedText):
            return resolve_typed(self.search(self.queryset, str(value)), **self.refusals)
        return super().to_python(value)

    def prepare_value(self, value):
        return value if isinstance(value, TypedText) else super().prepare_value(value)


def resolve_typed(matches: QuerySet, *, nothing=None, several=None):
    """The one row a typed text names; otherwise a ValidationError saying why not (`nothing`, `several`)."""
    found = list(matches[:2])
    if not found:
        raise ValidationError(nothing or _("Nothing in your reach matches what you typed."), code="invalid_choice")
    if len(found) > 1:
        raise ValidationError(several or _("Several match what you typed: choose one from the list, or type more of it."),
                              code="invalid_choice")
    return found[0]


def pick_response(rows, label: Callable[[object], str]) -> JsonResponse:
    """The endpoints' answer: {"results": [{"id", "label"}], "empty": what to say when none match}."""
    return JsonResponse({"results": [{"id": obj.pk, "label": label(obj)} for obj in rows[:PICK_LIMIT]],
                         "empty": gettext("Nothing in your reach matches what you typed.")})
