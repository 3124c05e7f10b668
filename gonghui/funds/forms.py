import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.members.forms import DATE

from . import chart

LINES_ON_FORM = 4
ACCOUNT_CHOICES = [("", "—")] + chart.choices()
MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


class EntryForm(forms.Form):
    """A hand-made entry: a date, what it is for, and up to four lines. The key stops a double submit posting twice."""

    date = forms.DateField(label=_("date"), widget=DATE)
    memo = forms.CharField(label=_("summary"), max_length=200)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())
        self.initial.setdefault("idempotency_key", f"form:{uuid.uuid4()}")
        for i in range(LINES_ON_FORM):
            self.fields[f"account_{i}"] = forms.ChoiceField(label=_("account %(n)s") % {"n": i + 1}, choices=ACCOUNT_CHOICES, required=False)
            self.fields[f"debit_{i}"] = forms.DecimalField(label=_("debit"), required=False, **MONEY)
            self.fields[f"credit_{i}"] = forms.DecimalField(label=_("credit"), required=False, **MONEY)

    def line_specs(self):
        from .services import LineSpec

        data = self.cleaned_data
        return [LineSpec(data[f"account_{i}"], data[f"debit_{i}"] or 0, data[f"credit_{i}"] or 0)
                for i in range(LINES_ON_FORM) if data.get(f"account_{i}")]


class ReverseForm(forms.Form):
    memo = forms.CharField(label=_("reason for the correction"), max_length=200, required=False)


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    account = forms.ChoiceField(label=_("account"), choices=[(a.code, f"{a.code} {a.name}") for a in chart.CHART
                                                             if a.kind in (chart.INCOME, chart.SPENDING)])
    amount = forms.DecimalField(label=_("budget"), **MONEY)


class WageForm(forms.Form):
    wage = forms.DecimalField(label=_("monthly wage (bonuses excluded)"), **MONEY,
                              help_text=_("Kept encrypted; dues are 0.5% of it, the part under ten yuan not counted."))
    since = forms.DateField(label=_("dues from"), widget=DATE)


class CollectForm(forms.Form):
    month = forms.DateField(label=_("month"), widget=DATE, help_text=_("Any day of the month."))


class ReviewForm(forms.Form):
    opinion = forms.CharField(label=_("opinion of the review committee"), widget=forms.Textarea(attrs={"rows": 4}))
