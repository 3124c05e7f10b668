"""The pages' forms. Each only parses; the services decide."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django.urls import reverse_lazy

from gonghui.core.picker import PickerField
from gonghui.members.forms import DATE, MEMBER_REFUSALS, MembersByNameField, OrgChoiceField, lazy_url, member_pick_label, member_search
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from .choices import (
    WEEKDAYS, CostSubline, FacilityKind, AwardKind, CompetitionKind, CourseAudience, EntrantKind, EventKind, HonourKind, HonourLevel, InnovationKind,
    InnovationStatus, MentorshipOutcome, PatentKind,
)


class MemberField(PickerField):
    """One member, searched as one types (core.picker), never a list of the whole book."""

    def __init__(self, *, label, queryset=None, required=True):
        super().__init__(label=label, queryset=queryset, required=required, url=lazy_url(reverse_lazy("members:pick"), "members.member.view"),
                         search=member_search, describe=member_pick_label,
                         placeholder=_("Name, pinyin (zhangsan) or initials (zs)"), **MEMBER_REFUSALS)


class MembersField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Member) -> str:
        return f"{obj.name}（{obj.org.name}）"


def _members(orgs):
    from django.db.models import Q

    if orgs is None:
        return Member.objects.none()
    paths = list(orgs.values_list("path", flat=True))
    if not paths:
        return Member.objects.none()
    q = Q()
    for p in paths:
        q |= Q(org__path__startswith=p)
    return Member.objects.filter(q, status="active").select_related("org").order_by("org__path", "name")


class _OrgForm(forms.Form):
    org = OrgChoiceField(label=_("organisation"), queryset=Org.objects.none())

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()
        if orgs is not None and not self.is_bound:
            first = orgs.first()
            if first is not None:
                self.initial.setdefault("org", first.pk)


class EventForm(_OrgForm):
    title = forms.CharField(label=_("title"), max_length=120)
    kind = forms.ChoiceField(label=_("kind"), choices=EventKind.choices)
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE, required=False)
    place = forms.CharField(label=_("place"), max_length=100, required=False)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    eligible_org = OrgChoiceField(label=_("open to members of"), queryset=Org.objects.none(), required=False,
                                  help_text=_("Leave empty for every member of the organisation."))
    women_only = forms.BooleanField(label=_("women only"), required=False)
    joined_since = forms.DateField(label=_("only members who joined on or after"), widget=DATE, required=False)
    capacity = forms.IntegerField(label=_("places"), min_value=0, initial=0, help_text=_("0 means no limit"))
    signup_until = forms.DateField(label=_("sign-up until"), widget=DATE, required=False)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, orgs=orgs, **kwargs)
        self.fields["eligible_org"].queryset = orgs if orgs is not None else Org.objects.none()


class AttendanceForm(forms.Form):
    attended = MembersField(label=_("attended"), queryset=Member.objects.none(), required=False)
    participants = forms.IntegerField(label=_("participants"), min_value=0, required=False,
                                      help_text=_("Leave empty to count those ticked."))
    cost_yuan = forms.DecimalField(label=_("cost (yuan)"), min_value=0, required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = members if members is not None else Member.objects.none()


class ResultForm(forms.Form):
    prize = forms.CharField(label=_("prize"), max_length=40)
    member = MemberField(label=_("member"), queryset=Member.objects.none(), required=False)
    team = forms.CharField(label=_("team"), max_length=100, required=False)
    headcount = forms.IntegerField(label=_("people"), min_value=1, initial=1)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members if members is not None else Member.objects.none()


class HonourForm(_OrgForm):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("kind"), choices=HonourKind.choices)
    title = forms.CharField(label=_("honour"), max_length=120)
    level = forms.ChoiceField(label=_("level"), choices=HonourLevel.choices)
    awarding_body = forms.CharField(label=_("awarded by"), max_length=100, required=False)
    members = MembersByNameField(label=_("people"), queryset=Member.objects.none(), required=False)
    units = forms.CharField(label=_("units"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                            help_text=_("One unit a line."))
    reason = forms.CharField(label=_("deeds"), max_length=300, required=False)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, orgs=orgs, **kwargs)
        self.fields["members"].queryset = _members(orgs)
        self.initial.setdefault("year", timezone.localdate().year)

    def clean_units(self):
        return [line.strip() for line in self.cleaned_data["units"].splitlines() if line.strip()]


class HonourBatchForm(forms.Form):
    ACTIONS = (("publicise", _("Put up for public notice")), ("award", _("Award")))
    action = forms.ChoiceField(choices=ACTIONS)
    ids = forms.CharField()
    notice_from = forms.DateField(required=False, widget=DATE)
    notice_until = forms.DateField(required=False, widget=DATE)
    on = forms.DateField(required=False, widget=DATE)

    def clean_ids(self):
        try:
            return [int(x) for x in self.cleaned_data["ids"].replace(",", " ").split()]
        except ValueError:
            raise ValidationError(_("Pick the honours.")) from None


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=300)


class InnovationForm(_OrgForm):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("kind"), choices=InnovationKind.choices)
    title = forms.CharField(label=_("title"), max_length=120)
    team = forms.CharField(label=_("team"), max_length=200, required=False)
    leader = MemberField(label=_("leader"), queryset=Member.objects.none(), required=False)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    cost_yuan = forms.DecimalField(label=_("cost (yuan)"), min_value=0, required=False)
    savings_yuan = forms.DecimalField(label=_("savings (yuan)"), min_value=0, required=False)
    source_suggestion = forms.ModelChoiceField(label=_("from the suggestion"), queryset=None, required=False)

    def __init__(self, *args, orgs=None, suggestions=None, **kwargs):
        super().__init__(*args, orgs=orgs, **kwargs)
        from gonghui.voice.models import Suggestion

        self.fields["leader"].queryset = _members(orgs)
        self.fields["source_suggestion"].queryset = suggestions if suggestions is not None else Suggestion.objects.none()
        self.initial.setdefault("year", timezone.localdate().year)


class AdvanceForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=InnovationStatus.choices)


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=AwardKind.choices)
    name = forms.CharField(label=_("name"), max_length=120)
    body = forms.CharField(label=_("given by"), max_length=100, required=False)
    amount_yuan = forms.DecimalField(label=_("amount (yuan)"), min_value=0, initial=Decimal(0))
    on = forms.DateField(label=_("date"), widget=DATE)


class PatentForm(_OrgForm):
    kind = forms.ChoiceField(label=_("kind"), choices=PatentKind.choices)
    title = forms.CharField(label=_("title"), max_length=120)
    filed_on = forms.DateField(label=_("filed on"), widget=DATE)
    number = forms.CharField(label=_("patent number"), max_length=40, required=False)
    inventors = forms.CharField(label=_("inventors"), max_length=200, required=False)
    innovation = forms.ModelChoiceField(label=_("innovation"), queryset=None, required=False)

    def __init__(self, *args, orgs=None, innovations=None, **kwargs):
        super().__init__(*args, orgs=orgs, **kwargs)
        from .models import Innovation

        self.fields["innovation"].queryset = innovations if innovations is not None else Innovation.objects.none()


class GrantForm(forms.Form):
    granted_on = forms.DateField(label=_("granted on"), widget=DATE)
    number = forms.CharField(label=_("patent number"), max_length=40, required=False)


class CompetitionForm(_OrgForm):
    title = forms.CharField(label=_("title"), max_length=120)
    kind = forms.ChoiceField(label=_("kind"), choices=CompetitionKind.choices)
    entrant_kind = forms.ChoiceField(label=_("entrants"), choices=EntrantKind.choices)
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)
    indicators = forms.CharField(label=_("indicators"), widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("One a line: name, unit, weight, and “lower” when a lower figure is better."))
    entrants = forms.CharField(label=_("entrants"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One a line."))

    def clean_indicators(self):
        rows = []
        for line in self.cleaned_data["indicators"].splitlines():
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if not parts or not parts[0]:
                continue
            try:
                weight = Decimal(parts[2]) if len(parts) > 2 and parts[2] else Decimal(1)
            except ArithmeticError:
                raise ValidationError(_("A weight must be a number.")) from None
            lower = len(parts) > 3 and parts[3].lower() in ("lower", "低", "越低越好")
            rows.append({"name": parts[0], "unit": parts[1] if len(parts) > 1 else "", "weight": weight,
                         "higher_is_better": not lower})
        return rows

    def clean_entrants(self):
        return [line.strip() for line in self.cleaned_data["entrants"].splitlines() if line.strip()]


class ScoreForm(forms.Form):
    entrant = forms.ModelChoiceField(label=_("entrant"), queryset=None)
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=None)
    period = forms.IntegerField(label=_("period"), min_value=1, initial=1)
    value = forms.DecimalField(label=_("value"))

    def __init__(self, *args, competition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entrant"].queryset = competition.entrants.all()
        self.fields["indicator"].queryset = competition.indicators.all()


class WinnerForm(forms.Form):
    entrant = forms.ModelChoiceField(label=_("entrant"), queryset=None)
    title = forms.CharField(label=_("title won"), max_length=40)

    def __init__(self, *args, competition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entrant"].queryset = competition.entrants.all()


class MentorshipForm(_OrgForm):
    mentor = MemberField(label=_("mentor"), queryset=Member.objects.none())
    apprentice = MemberField(label=_("apprentice"), queryset=Member.objects.none())
    signed_on = forms.DateField(label=_("agreement signed on"), widget=DATE)
    ends_on = forms.DateField(label=_("agreement ends on"), widget=DATE)
    goals = forms.CharField(label=_("goals"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, orgs=orgs, **kwargs)
        self.fields["mentor"].queryset = self.fields["apprentice"].queryset = _members(orgs)


class ProgressForm(forms.Form):
    on = forms.DateField(label=_("checked on"), widget=DATE)
    note = forms.CharField(label=_("progress"), max_length=300)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=MentorshipOutcome.choices)
    note = forms.CharField(label=_("outcome note"), max_length=300, required=False)
    early = forms.BooleanField(label=_("ended early"), required=False)


class RulesForm(_OrgForm):
    mentor_cap = forms.IntegerField(label=_("apprentices per mentor"), min_value=1, max_value=50)


class CourseForm(_OrgForm):
    title = forms.CharField(label=_("title"), max_length=120)
    audience = forms.ChoiceField(label=_("who it is for"), choices=CourseAudience.choices)
    planned_on = forms.DateField(label=_("planned for"), widget=DATE)
    hours = forms.DecimalField(label=_("hours"), min_value=0, initial=0)
    has_test = forms.BooleanField(label=_("ends with a test"), required=False)


class EnrolForm(forms.Form):
    members = MembersField(label=_("members"), queryset=Member.objects.none())

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members if members is not None else Member.objects.none()


class HoldForm(forms.Form):
    held_on = forms.DateField(label=_("held on"), widget=DATE)
    attended = MembersField(label=_("attended"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = members if members is not None else Member.objects.none()


# ── photos, the event's cost, facilities ─────────────────────────────────────

TIME = forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("photo"), widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    caption = forms.CharField(label=_("caption"), max_length=100, required=False)


class CostPayForm(forms.Form):
    subline = forms.ChoiceField(label=_("spending sub-line"), choices=CostSubline.choices)
    on = forms.DateField(label=_("date paid"), widget=DATE, initial=timezone.localdate)


class FacilityForm(_OrgForm):
    name = forms.CharField(label=_("name"), max_length=60)
    kind = forms.ChoiceField(label=_("kind"), choices=FacilityKind.choices)
    place = forms.CharField(label=_("place"), max_length=100, required=False)
    opens_at = forms.TimeField(label=_("opens at"), widget=TIME)
    closes_at = forms.TimeField(label=_("closes at"), widget=TIME)
    open_days = forms.MultipleChoiceField(label=_("open days"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple,
                                          initial=["1", "2", "3", "4", "5", "6", "7"])
    capacity = forms.IntegerField(label=_("people at a time"), min_value=0, max_value=100_000, initial=0,
                                  help_text=_("0 means no limit"))
    items = forms.CharField(label=_("what it holds"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 4, "placeholder": "图书 3200册\n乒乓球台 4张"}),
                            help_text=_("One item a line: name, quantity, unit."))

    def clean_open_days(self):
        return "".join(self.cleaned_data["open_days"])

    def clean_items(self):
        from .services import items_parsed

        return items_parsed(self.cleaned_data["items"])


class BookingForm(forms.Form):
    on = forms.DateField(label=_("date"), widget=DATE)
    starts_at = forms.TimeField(label=_("start time"), widget=TIME)
    ends_at = forms.TimeField(label=_("end time"), widget=TIME)
    people = forms.IntegerField(label=_("people"), min_value=1, max_value=100_000, initial=1)
    purpose = forms.CharField(label=_("purpose"), max_length=100, required=False)


class FacilityEditForm(FacilityForm):
    active = forms.BooleanField(label=_("open for booking"), required=False)

    def __init__(self, *args, facility=None, **kwargs):
        if facility is not None and not kwargs.get("data") and not (args and args[0]):
            kwargs["initial"] = {
                "name": facility.name, "kind": facility.kind, "place": facility.place, "opens_at": facility.opens_at,
                "closes_at": facility.closes_at, "open_days": list(facility.open_days), "capacity": facility.capacity,
                "active": facility.active,
                "items": "\n".join(f"{i.name} {i.quantity}{i.unit}" for i in facility.items.all()),
            }
        super().__init__(*args, **kwargs)
        del self.fields["org"]
