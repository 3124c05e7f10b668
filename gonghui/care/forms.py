import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.members.forms import DATE, OrgChoiceField
from gonghui.orgs.models import Org

from .choices import AidKind, CaseKind, Occasion, ServiceKind, TalkKind, Visitee

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class _Keyed(forms.Form):
    """A form that pays or records once: its hidden key travels with every submit of the same page."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("idempotency_key", f"form:{uuid.uuid4()}")


class FiguresForm(forms.Form):
    household_size = forms.IntegerField(label=_("household size"), min_value=1, max_value=30)
    income = forms.DecimalField(label=_("household disposable income a year"), **MONEY)
    essential_spending = forms.DecimalField(label=_("essential spending a year"), **MONEY)
    hardship_costs = forms.DecimalField(label=_("hardship costs a year (illness, disaster)"), required=False, **MONEY)
    major_accident = forms.BooleanField(label=_("major accident"), required=False)


class CaseForm(FiguresForm):
    member = forms.CharField(label=_("member"), help_text=_("Name or mobile phone."))
    kind = forms.ChoiceField(label=_("kind of file"), choices=CaseKind.choices)
    reason = forms.CharField(label=_("reason"), max_length=300)
    opened_on = forms.DateField(label=_("opened on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("opened_on", timezone.localdate())
        self.order_fields(["member", "kind", "household_size", "income", "essential_spending", "hardship_costs",
                           "major_accident", "reason", "opened_on"])


class RecheckForm(FiguresForm):
    date = forms.DateField(label=_("date"), widget=DATE)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("reason for closing"), max_length=300)


class VisitForm(_Keyed):
    org = OrgChoiceField(label=_("organisation"), queryset=Org.objects.none())
    occasion = forms.ChoiceField(label=_("occasion"), choices=Occasion.choices)
    date = forms.DateField(label=_("date"), widget=DATE)
    visitee_kind = forms.ChoiceField(label=_("visited"), choices=Visitee.choices)
    member = forms.CharField(label=_("member"), required=False, help_text=_("Name or mobile phone, when a member was visited."))
    visitee_name = forms.CharField(label=_("name of the person visited"), max_length=60, required=False)
    visitors = forms.CharField(label=_("who went"), max_length=200)
    cash = forms.DecimalField(label=_("cash given"), required=False, **MONEY)
    goods = forms.CharField(label=_("goods given"), max_length=200, required=False)
    goods_value = forms.DecimalField(label=_("value of the goods"), required=False, **MONEY)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()
        self.initial.setdefault("date", timezone.localdate())
        if orgs is not None and "org" not in self.initial and orgs.first() is not None:
            self.initial["org"] = orgs.first().pk


class AidForm(_Keyed):
    member = forms.CharField(label=_("member"), help_text=_("Name or mobile phone."))
    kind = forms.ChoiceField(label=_("kind of aid"), choices=AidKind.choices)
    date = forms.DateField(label=_("date"), widget=DATE)
    amount = forms.DecimalField(label=_("cash"), required=False, **MONEY)
    goods = forms.CharField(label=_("goods given"), max_length=200, required=False)
    goods_value = forms.DecimalField(label=_("value of the goods"), required=False, **MONEY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())


class SettingsForm(forms.Form):
    low_income_line = forms.DecimalField(label=_("minimum-living line (yuan a month per person)"), **MONEY)
    aid_limit = forms.DecimalField(label=_("aid limit per person a year"), **MONEY)
    education_grant = forms.DecimalField(label=_("Golden Autumn grant"), **MONEY)


class TalkForm(forms.Form):
    member = forms.CharField(label=_("Worker (name or phone)"), max_length=50)
    kind = forms.ChoiceField(label=_("Kind"), choices=TalkKind.choices)
    date = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=DATE)
    topic = forms.CharField(label=_("Topic"), max_length=120)
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    follow_up = forms.CharField(label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TalkFilterForm(forms.Form):
    """The talks list's query string (?q=…&kind=…&page=…&format=xlsx); what does not parse is dropped, never an error."""

    q = forms.CharField(required=False, max_length=200)
    kind = forms.TypedChoiceField(choices=TalkKind.choices, required=False, empty_value=None)
    format = forms.ChoiceField(choices=[("xlsx", "xlsx")], required=False)
    page = forms.CharField(required=False, max_length=10)

    def __init__(self, query, *args, **kwargs):
        super().__init__(query, *args, **kwargs)
        self.is_valid()

    def value(self, name: str):
        return self.cleaned_data.get(name, getattr(self.fields[name], "empty_value", None))

    def filters(self) -> dict:
        return {"q": (self.value("q") or "")[:50], "kind": self.value("kind")}

    @property
    def wants_xlsx(self) -> bool:
        return self.value("format") == "xlsx"


class ServiceForm(_Keyed):
    org = OrgChoiceField(label=_("organisation"), queryset=Org.objects.none())
    kind = forms.ChoiceField(label=_("kind of care"), choices=ServiceKind.choices)
    date = forms.DateField(label=_("date"), widget=DATE)
    people = forms.IntegerField(label=_("person-times"), min_value=1, max_value=100000, initial=1)
    member = forms.CharField(label=_("member"), required=False, help_text=_("Name or mobile phone, when one member was served."))
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()
        self.initial.setdefault("date", timezone.localdate())
