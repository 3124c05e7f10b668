from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.members.forms import member_picker_field, narrow_picker
from gonghui.members.models import Member
from gonghui.orgs.forms import OrgChoiceField
from gonghui.orgs.models import Org

from .choices import (
    DEFAULT_DIMENSIONS, ContractKind, Side, CongressKind, DelegateCategory, ElectedCommittee, ElectionFills, ElectionMode, Rating, SessionStatus, TellerRole, VoteChoice,
)

DATE = forms.DateInput(attrs={"type": "date"})


class SessionForm(forms.Form):
    org = OrgChoiceField(label=_("organisation"), queryset=Org.objects.none())
    kind = forms.ChoiceField(label=_("congress of"), choices=CongressKind.choices)
    term = forms.IntegerField(label=pgettext_lazy("congress", "term"), min_value=1, initial=1)
    sitting = forms.IntegerField(label=_("sitting"), min_value=1, initial=1)
    title = forms.CharField(label=_("title"), max_length=120, required=False,
                            help_text=_("e.g. the first sitting of the first congress; left empty, it is named for you"))
    date = forms.DateField(label=_("date"), widget=DATE)
    motions_due = forms.DateField(label=_("motions due"), widget=DATE, required=False)
    headcount = forms.IntegerField(label=_("staff on the roll"), min_value=1,
                                   help_text=_("under 100 the whole staff meets as a general assembly"))
    women_on_roll = forms.IntegerField(label=_("women on the roll"), min_value=0, initial=0)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()


class DelegateForm(forms.Form):
    member = member_picker_field(label=_("member"), queryset=Member.objects.none())
    category = forms.ChoiceField(label=_("category"), choices=DelegateCategory.choices)
    group = forms.CharField(label=_("delegation"), max_length=60, required=False)

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session is not None:
            self.fields["member"].queryset = Member.objects.filter(
                org__path__startswith=session.org.path, status="active").exclude(
                pk__in=session.delegates.values("member_id")).order_by("name_pinyin")
            narrow_picker(self.fields["member"], org=session.org)


class ResolutionForm(forms.Form):
    title = forms.CharField(label=_("agenda item"), max_length=200)
    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=SessionStatus.choices)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("vote"), choices=VoteChoice.choices, widget=forms.RadioSelect)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class MotionForm(forms.Form):
    title = forms.CharField(label=_("subject"), max_length=120)
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 4}))
    proposal = forms.CharField(label=_("proposed measures"), widget=forms.Textarea(attrs={"rows": 4}))


class DecideForm(forms.Form):
    accept = forms.TypedChoiceField(label=_("the committee's decision"), coerce=lambda v: v == "yes",
                                    choices=[("yes", _("accept")), ("no", _("turn into a suggestion"))])
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)


class AssignForm(forms.Form):
    lead = OrgChoiceField(label=_("lead department"), queryset=Org.objects.none())
    co_handlers = forms.ModelMultipleChoiceField(label=_("co-handlers"), queryset=Org.objects.none(), required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    deadline = forms.DateField(label=_("answer due"), widget=DATE)

    def __init__(self, *args, motion=None, **kwargs):
        super().__init__(*args, **kwargs)
        if motion is not None:
            orgs = Org.objects.filter(path__startswith=motion.org.path, is_active=True).exclude(pk=motion.org_id)
            self.fields["lead"].queryset = orgs
            self.fields["co_handlers"].queryset = orgs


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 4}))


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("rating"), choices=Rating.choices, widget=forms.RadioSelect)


class SuperviseForm(forms.Form):
    note = forms.CharField(label=_("supervision"), max_length=300)
    deadline = forms.DateField(label=_("answer due"), widget=DATE)


class ElectionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=120)
    seats = forms.IntegerField(label=_("seats"), min_value=1)
    mode = forms.ChoiceField(label=_("mode"), choices=ElectionMode.choices)
    held_on = forms.DateField(label=_("date held"), widget=DATE)
    committee_kind = forms.ChoiceField(label=_("committee elected"), choices=ElectedCommittee.choices)
    fills = forms.ChoiceField(label=_("seats filled"), choices=ElectionFills.choices)
    term_years = forms.IntegerField(label=_("term in years"), min_value=3, max_value=5, initial=5)


class PublishForm(forms.Form):
    notice_until = forms.DateField(label=_("public notice until"), widget=DATE, required=False,
                                   help_text=_("left empty: five working days after today"))


class CandidateForm(forms.Form):
    member = member_picker_field(label=_("member"), queryset=Member.objects.none())

    def __init__(self, *args, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        if election is not None:
            self.fields["member"].queryset = Member.objects.filter(
                org__path__startswith=election.org.path, status="active").order_by("name_pinyin")
            narrow_picker(self.fields["member"], org=election.org)


class TellerForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("delegate"), queryset=None)
    role = forms.ChoiceField(label=pgettext_lazy("teller", "role"), choices=TellerRole.choices)

    def __init__(self, *args, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Delegate

        self.fields["delegate"].queryset = Delegate.objects.filter(session=election.session) if election else Delegate.objects.none()


class IssueForm(forms.Form):
    issued = forms.IntegerField(label=_("paper ballots issued"), min_value=0)


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("receipt code"), max_length=20)


class AppraisalForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=120)
    held_on = forms.DateField(label=_("date held"), widget=DATE)
    dimensions = forms.CharField(label=_("dimensions"), initial="、".join(DEFAULT_DIMENSIONS),
                                 help_text=_("separated by 、"))

    def clean_dimensions(self):
        return [d.strip() for d in self.cleaned_data["dimensions"].replace(",", "、").replace("，", "、").split("、") if d.strip()]


class AppraiseeForm(forms.Form):
    name = forms.CharField(label=_("full name"), max_length=50)
    post = forms.CharField(label=_("post"), max_length=60, required=False)
    report = forms.CharField(label=_("report of duties"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ContractForm(forms.Form):
    org = OrgChoiceField(label=_("organisation"), queryset=Org.objects.none())
    title = forms.CharField(label=_("title"), max_length=120)
    kind = forms.ChoiceField(label=_("kind"), choices=ContractKind.choices)
    requested_on = forms.DateField(label=_("talks requested on"), widget=DATE,
                                   help_text=_("the other side answers a written request within 20 days"))

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()


class NegotiatorForm(forms.Form):
    side = forms.ChoiceField(label=_("side"), choices=Side.choices)
    name = forms.CharField(label=_("full name"), max_length=50)
    is_chief = forms.BooleanField(label=_("chief negotiator"), required=False)


class RoundForm(forms.Form):
    held_on = forms.DateField(label=_("date held"), widget=DATE)
    summary = forms.CharField(label=pgettext_lazy("talks", "minutes"), widget=forms.Textarea(attrs={"rows": 3}))
    suspended = forms.BooleanField(label=_("suspended"), required=False)
    resumes_on = forms.DateField(label=_("resumes on"), widget=DATE, required=False)


class ApproveForm(forms.Form):
    resolution = forms.ModelChoiceField(label=_("congress resolution"), queryset=None)

    def __init__(self, *args, contract=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Resolution

        qs = Resolution.objects.none()
        if contract is not None:
            qs = Resolution.objects.filter(session__org__path__startswith=contract.org.path, status="passed")
        self.fields["resolution"].queryset = qs


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("signed on"), widget=DATE)
    term_start = forms.DateField(label=_("in force from"), widget=DATE)
    term_end = forms.DateField(label=_("in force until"), widget=DATE)


class FileForm(forms.Form):
    filed_on = forms.DateField(label=_("filed with the bureau on"), widget=DATE)


class BureauForm(forms.Form):
    objected = forms.TypedChoiceField(label=_("the bureau's answer"), coerce=lambda v: v == "yes",
                                      choices=[("no", _("no objection: in effect")), ("yes", _("objected"))])
    on = forms.DateField(label=_("bureau answered on"), widget=DATE)
    note = forms.CharField(label=_("bureau's note"), max_length=300, required=False)
