import re

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.core import idcard
from gonghui.core.picker import PickerField
from gonghui.orgs.forms import OrgChoiceField, org_choices  # noqa: F401 - org_choices is the views' too
from gonghui.orgs.models import Org
from gonghui.core.text import single_line

from .choices import ContractStatus
from .models import Member
from .rules import InvalidValue, phone_number
from .services import EDITABLE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IdNumberField(forms.CharField):
    """An 18-digit ID-card number, checked (checksum, birth date) and normalised (a final x becomes X)."""

    def __init__(self, **kwargs):
        super().__init__(label=_("ID-card number"), max_length=18, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return idcard.validate(value)
        except idcard.InvalidIdNumber as exc:
            raise forms.ValidationError(_("Invalid ID-card number: %(reason)s"), params={"reason": _(str(exc))}) from exc


def member_pick_label(member: Member) -> str:
    """How a picker lists a member: name, where they sit, and the phone's last four digits to tell namesakes apart."""
    from django.utils.translation import gettext

    tail = " · " + gettext("phone ending %(digits)s") % {"digits": member.phone[-4:]} if len(member.phone) >= 4 else ""
    return f"{member.name}（{member.org.name}）{tail}"


MEMBER_REFUSALS = {"nothing": _("No member matches."), "several": _("Several members match: give the phone number.")}


def member_search(members, text: str):
    """The members among `members` whom a typed text names: a name, pinyin, initials or phone, or a
    picker's own label typed back ("张三（炼钢作业区） · 手机尾号1234", as a page without JavaScript resends it)."""
    from .selectors import member_search_filter

    name = re.split(r"[（(·]", text, maxsplit=1)[0].strip()
    found = members.filter(member_search_filter(name or text))
    org = re.search(r"[（(]([^）)]+)[）)]", text)
    tail = re.search(r"(\d{4})\s*$", text) if name != text.strip() else None
    if org:
        found = found.filter(org__name=org.group(1).strip())
    if tail:
        found = found.filter(phone__endswith=tail.group(1))
    return found.order_by("name_pinyin", "id")


class MembersByNameField(forms.CharField):
    """Several members, one a line (name, pinyin, initials or phone, with the org in brackets where names
    repeat), each resolved in the field's queryset: a choice of people that never lists the whole book."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *, queryset=None, **kwargs):
        kwargs.setdefault("help_text", _("One person a line: a name, pinyin or phone; add the organisation in brackets where names repeat."))
        super().__init__(**kwargs)
        self.queryset = queryset

    def clean(self, value):
        from gonghui.core.picker import resolve_typed

        text = super().clean(value)
        chosen, problems = [], []
        for line in [line.strip() for line in (text or "").splitlines() if line.strip()][:200]:
            try:
                member = resolve_typed(member_search(self.queryset, line), **MEMBER_REFUSALS)
            except forms.ValidationError as exc:
                problems.append(f"{line}：{exc.messages[0]}")
                continue
            if member not in chosen:
                chosen.append(member)
        if problems:
            raise forms.ValidationError(problems)
        return chosen

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(member_pick_label(m) for m in value if isinstance(m, Member))
        return value


def member_picker_field(*, label, action: str = "members.member.view", required: bool = True, **kwargs):
    """A member chosen by searching (core.picker), from the field's queryset (set by the form: the reach)."""
    from django.urls import reverse_lazy

    url = lazy_url(reverse_lazy("members:pick"), action)
    return PickerField(label=label, url=url, search=member_search, describe=member_pick_label, required=required,
                       placeholder=_("Name, pinyin (zhangsan) or initials (zs)"), **MEMBER_REFUSALS, **kwargs)


def narrow_picker(field, *, org: Org) -> None:
    """Let a member picker's list offer only the people under `org` (its queryset decides in any case)."""
    from django.urls import reverse

    field.widget.url = f"{reverse('members:pick')}?action=members.member.view&org={org.pk}"


def lazy_url(base, action: str):
    from django.utils.functional import lazy

    return lazy(lambda: f"{base}?action={action}", str)()


def member_from_form(form, *, visible_to, field: str = "member", org: Org | None = None) -> Member | None:
    """The one member in reach (under `org` when given) that a form's name-or-phone field names,
    or None with a form error saying why not."""
    from .selectors import member_list

    found = list(member_list(visible_to=visible_to, org=org, q=form.cleaned_data[field])[:2])
    if len(found) != 1:
        form.add_error(field, _("No member matches.") if not found else _("Several members match: give the phone number."))
        return None
    return found[0]


class MemberForm(forms.ModelForm):
    """Create and edit. The ID number is asked only when creating (it is never shown back).

    The checks between fields (sex and birth date against the number, the join date after
    birth, the contract's dates) are the import's, `rules.record_problems`, run by the
    service; its refusal lands on the fields (core.forms.form_submitted).
    """

    id_number = IdNumberField(required=False)
    org = OrgChoiceField(label=_("organisation"), queryset=Org.objects.none())
    birth_date = forms.DateField(label=_("birth date"), widget=DATE, required=False,
                                 help_text=_("Checked against the ID-card number; only the year is kept."))

    class Meta:
        model = Member
        fields = ("org", *EDITABLE_FIELDS)
        widgets = {"join_date": DATE, "contract_start": DATE, "contract_end": DATE}

    def __init__(self, *args, orgs, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.creating = creating
        if creating:
            self.fields["id_number"].required = True
            # The sex is read from the ID number unless given.
            self.fields["sex"].required = False
        else:
            del self.fields["id_number"]
            del self.fields["org"]  # moving someone is a transfer, with its own form
            del self.fields["birth_date"]  # it is in the number, which has its own correction

    def clean_phone(self) -> str:
        text = single_line(self.cleaned_data.get("phone"))
        if not text:
            return ""
        try:
            return phone_number(text)
        except InvalidValue as exc:
            raise forms.ValidationError(exc.reason) from exc

    def _post_clean(self):
        # Text is cleaned of control characters before the model's own checks see it.
        for name in ("name", "ethnic_group", "post"):
            if isinstance(self.cleaned_data.get(name), str):
                self.cleaned_data[name] = single_line(self.cleaned_data[name])
        super()._post_clean()

    def clean(self):
        data = super().clean()
        if data.get("contract_status") == ContractStatus.SIGNED and not data.get("contract_start"):
            self.add_error("contract_start", _("A signed contract needs its start date."))
        return data


class TransferForm(forms.Form):
    to_org = OrgChoiceField(label=_("transfer to"), queryset=Org.objects.none())
    date = forms.DateField(label=_("date"), widget=DATE)
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].queryset = orgs


class LeaveForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=DATE)
    note = forms.CharField(label=_("reason"), max_length=200, required=False)


class RosterUploadForm(forms.Form):
    """A roster file and the organisation its rows go into (rows may name orgs below it)."""

    org = OrgChoiceField(label=_("organisation"), queryset=Org.objects.none())
    file = forms.FileField(label=_("roster (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs

    def clean_file(self):
        from .workbook import UnreadableWorkbook, check_workbook

        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel workbook (.xlsx)."))
        try:
            check_workbook(upload)  # the same limits as every other way in, said at once
        except UnreadableWorkbook as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


class IdNumberCorrectionForm(forms.Form):
    id_number = IdNumberField(help_text=_("The number as it stands on the ID card."))
    reason = forms.CharField(label=_("reason for the correction"), max_length=200,
                             help_text=_("For example: the 14th digit was typed wrong at entry."))
