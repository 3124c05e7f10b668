import datetime as dt
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Rating, SuggestionStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _key():
    return uuid.uuid4().hex


class OnceForm(forms.Form):
    """Carries a token made when the form was drawn, so a double tap submits once."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, initial=_key, max_length=64, required=False)


class SuggestionForm(OnceForm):
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(label=_("What should change, and why"), widget=forms.Textarea(attrs={"rows": 4}))
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, empty_label=_("Choose a theme"))
    photo = forms.FileField(label=_("Photo (optional)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}))
    anonymous = forms.BooleanField(label=_("Submit anonymously (you follow it with a receipt code)"), required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes


class DecideForm(forms.Form):
    adopt = forms.TypedChoiceField(label=_("Decision"), choices=[("1", _("Adopt")), ("0", _("Do not adopt"))],
                                   coerce=lambda v: v == "1", widget=forms.RadioSelect)
    answer = forms.CharField(label=_("Answer to the author (required when not adopted)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    unit = forms.CharField(label=_("Implementing unit"), max_length=100)


class ImplementForm(forms.Form):
    implemented_on = forms.DateField(label=_("Implemented on"), initial=dt.date.today, widget=DATE)
    saving_yuan = forms.DecimalField(label=_("Saving or benefit (yuan)"), required=False, min_value=0, decimal_places=2)
    reward_yuan = forms.DecimalField(label=_("Reward (yuan)"), required=False, min_value=0, decimal_places=2)
    note = forms.CharField(label=_("Note to the author"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("How satisfied are you with the answer?"), choices=Rating.choices, widget=forms.RadioSelect)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("What is still not done?"), widget=forms.Textarea(attrs={"rows": 2}))


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=20)


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Theme"), max_length=60)
    position = forms.IntegerField(label=_("Position"), min_value=0, initial=0, required=False)


class TemplateForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, empty_label=_("Any theme, or safety reports"))
    title = forms.CharField(label=_("Title"), max_length=80)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes


# ---------------------------------------------------------------- list filters (?status=…&start=…)

def _flag(value) -> bool:
    return True


class ListFilterForm(forms.Form):
    """What a list page reads from its query string, cleaned once.

    A value that does not parse (a hand-edited link, an old bookmark) is dropped, never an
    error: the list shows as if it had not been given. `filters()` is the selector's keywords."""

    format = forms.ChoiceField(choices=[("xlsx", "xlsx")], required=False)
    page = forms.CharField(required=False, max_length=10)

    NOT_FILTERS = ("format", "page")

    def __init__(self, query, *args, **kwargs):
        super().__init__(query, *args, **kwargs)
        self.is_valid()

    def value(self, name: str):
        """The cleaned value, or the field's empty value when it was not given or did not parse."""
        return self.cleaned_data.get(name, getattr(self.fields[name], "empty_value", None))

    def filters(self) -> dict:
        return {name: self.value(name) for name in self.fields if name not in self.NOT_FILTERS}

    @property
    def wants_xlsx(self) -> bool:
        return self.value("format") == "xlsx"


def _search():
    return forms.CharField(required=False, max_length=200)


class SearchFilterForm(ListFilterForm):
    q = _search()

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:50]


class SuggestionFilterForm(SearchFilterForm):
    status = forms.TypedChoiceField(choices=SuggestionStatus.choices, required=False, empty_value=None)
    theme = forms.IntegerField(required=False, min_value=1)
    start = forms.DateField(required=False)
    end = forms.DateField(required=False)
    golden = forms.TypedChoiceField(choices=[("1", "1")], coerce=_flag, required=False, empty_value=None)
    reopened = forms.TypedChoiceField(choices=[("1", "1")], coerce=_flag, required=False, empty_value=False)


class YearForm(ListFilterForm):
    """The dashboard's year (`?year=2025`); None when not given or not a year."""

    year = forms.IntegerField(required=False, min_value=1900, max_value=2999)
