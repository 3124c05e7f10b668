from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils import timezone

from gonghui.members.forms import DATE, OrgChoiceField
from gonghui.orgs.models import Org

from .choices import CheckKind, Half, MeetingKind
from .models import Disclosure, Meeting, Plan, Target


class _OrgForm(forms.ModelForm):
    """A form whose org is picked among the orgs the user manages (create only)."""

    org = OrgChoiceField(label=_("organisation"), queryset=Org.objects.none())

    def __init__(self, *args, orgs=None, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()
            if orgs is not None and not self.is_bound and "org" not in self.initial:
                first = orgs.first()
                if first is not None:
                    self.initial["org"] = first.pk
        else:
            del self.fields["org"]


class TargetForm(_OrgForm):
    class Meta:
        model = Target
        fields = ("org", "year", "name", "unit", "target", "note")

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, creating=creating, **kwargs)
        if not creating:
            del self.fields["year"]  # a target belongs to its year; a new year gets a new target
        elif not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)


class CheckForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=CheckKind.choices)
    date = forms.DateField(label=_("as of"), widget=DATE)
    actual = forms.DecimalField(label=_("actual"), max_digits=16, decimal_places=2, min_value=0)
    checker = forms.CharField(label=_("checked by"), max_length=60, required=False)
    remark = forms.CharField(label=_("remark"), max_length=300, required=False)


class MeetingForm(_OrgForm):
    decisions = forms.CharField(
        label=_("items passed"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, e.g. 《职工代表大会工作条例》."),
    )

    class Meta:
        model = Meeting
        fields = ("org", "kind", "title", "date", "place", "expected", "present", "agenda", "minutes")
        widgets = {"date": DATE, "agenda": forms.Textarea(attrs={"rows": 3}), "minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["decisions"] = "\n".join(d.text for d in self.instance.decisions.all())

    def clean_decisions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("decisions", "").splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        if data.get("expected") and (data.get("present") or 0) > data["expected"]:
            self.add_error("present", _("More present than expected: check the attendance."))
        return data


class RuleForm(forms.Form):
    org = OrgChoiceField(label=_("organisation"), queryset=Org.objects.none())
    kind = forms.ChoiceField(label=_("kind"), choices=MeetingKind.choices)
    since = forms.DateField(label=_("applies from"), widget=DATE)
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class PlanForm(_OrgForm):
    class Meta:
        model = Plan
        fields = ("org", "year", "half", "text", "owner", "status", "result")
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["half"].choices = [("", _("whole year")), *Half.choices]
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("year", timezone.localdate().year + 1)


class DisclosureForm(_OrgForm):
    class Meta:
        model = Disclosure
        fields = ("org", "title", "category", "body", "notice_until")
        widgets = {"notice_until": DATE, "body": forms.Textarea(attrs={"rows": 8})}


class ObjectionForm(forms.Form):
    text = forms.CharField(label=_("objection"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("attachment (PDF, image, .xlsx or .docx)"), widget=forms.ClearableFileInput(
        attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp,.xlsx,.docx"}))
