"""Forms for building the org tree and its committees; the services check the rules."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ALLOWED_CHILDREN, CommitteeKind, OrgKind, SeatTitle, Sector
from .models import Org
from .selectors import org_labels

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ChildOrgForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    code = forms.SlugField(label=_("code"), max_length=40,
                           help_text=_("Letters, digits and hyphens, unique across the federation, e.g. BENBU-08."))
    kind = forms.ChoiceField(label=_("kind"))

    def __init__(self, *args, parent: Org, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ALLOWED_CHILDREN[OrgKind(parent.kind)]
        self.fields["kind"].choices = [(k.value, k.label) for k in OrgKind if k in allowed]

    def clean_code(self) -> str:
        return self.cleaned_data["code"].upper()


class RenameForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    sector = forms.ChoiceField(label=_("sector"), choices=Sector.choices, required=False,
                               help_text=_("Decides the words the union writes: 校务公开 at a school, 厂务公开 at a factory."))
    staff_term = forms.CharField(label=_("what the union calls its people"), max_length=10, required=False,
                                 help_text=_("Left empty: by the sector (教职工 at a school, 职工 elsewhere), e.g. 员工."))


class CommitteeForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=CommitteeKind.choices)
    term_start = forms.DateField(label=_("term start"), widget=DATE)
    term_end = forms.DateField(label=_("term end"), widget=DATE, required=False)
    name = forms.CharField(label=_("name"), max_length=100, required=False,
                           help_text=_("Left empty: the organisation's name and the kind, e.g. 本部工会经费审查委员会."))


class SeatForm(forms.Form):
    member = forms.Field(label=_("Member (name or phone)"))  # made a member picker in __init__ (members imports orgs)
    title = forms.ChoiceField(label=_("position"), choices=SeatTitle.choices, initial=SeatTitle.MEMBER)
    start = forms.DateField(label=_("from"), widget=DATE, initial=dt.date.today)

    def __init__(self, *args, members=None, org=None, **kwargs):
        from gonghui.members.forms import member_picker_field, narrow_picker

        super().__init__(*args, **kwargs)
        self.fields["member"] = member_picker_field(label=_("Member (name or phone)"), queryset=members)
        if org is not None:
            narrow_picker(self.fields["member"], org=org)


class SeatEndForm(forms.Form):
    end = forms.DateField(label=_("until"), widget=DATE, initial=dt.date.today)


PICK_FROM = 50   # more orgs than this to choose from (a federation's thousands): searched as typed, not listed


class OrgChoiceField(forms.ModelChoiceField):
    """A choice of org, indented by depth and told apart from its namesakes: "炼钢作业区 / 甲班".

    Past PICK_FROM orgs the field is a search-as-you-type picker (core.picker, the orgs:pick endpoint
    searching the orgs in view): no page lists a federation's thousands. What is chosen or typed is
    still checked against the field's own queryset, the orgs the form's action allows."""

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        if queryset is not None and queryset[:PICK_FROM + 1].count() > PICK_FROM:
            from django.urls import reverse

            from gonghui.core.picker import PickerWidget

            from .selectors import org_pick_label

            attrs = self.widget.attrs
            self.widget = PickerWidget(url=reverse("orgs:pick"), placeholder=_("Type a name to search"), attrs=attrs)
            self.widget.label_of = lambda pk: next((org_pick_label(o) for o in self.queryset.filter(pk=pk)), "")
            self.widget.is_required = self.required

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def to_python(self, value):
        from gonghui.core.picker import TypedText, resolve_typed

        from .selectors import org_search

        if isinstance(value, TypedText):
            return resolve_typed(org_search(self.queryset, str(value)).order_by("depth", "path"))
        return super().to_python(value)

    def prepare_value(self, value):
        from gonghui.core.picker import TypedText

        return value if isinstance(value, TypedText) else super().prepare_value(value)

    def label_from_instance(self, obj: Org) -> str:
        labels = getattr(self, "_labels", None)
        if labels is None or obj.pk not in labels:
            # Computed once per form from the whole queryset: whether a name repeats is a property of the list.
            labels = self._labels = org_labels(self.queryset.select_related("parent"))
        return f"{'　' * obj.depth}{labels.get(obj.pk, obj.name)}"


def org_choices(orgs) -> list[dict]:
    """[{"pk", "name"}] for a plain <select> of orgs (a list filter), with the same labels as OrgChoiceField."""
    return [{"pk": pk, "name": label} for pk, label in org_labels(orgs).items()]


def org_picker(org: Org | None, *, action: str = "orgs.org.view", name: str = "org", placeholder=None) -> str:
    """A search-as-you-type org field (core.picker) for a list's filter form, showing `org` when one is chosen."""
    from django.urls import reverse

    from gonghui.core.picker import PickerWidget

    from .selectors import org_pick_label

    widget = PickerWidget(url=f"{reverse('orgs:pick')}?action={action}", placeholder=placeholder or _("All organisations"))
    widget.label_of = lambda pk: org_pick_label(org)
    return widget.render(name, org.pk if org else None, attrs={"aria-label": _("organisation")})


def org_typed(request, *, action: str = "orgs.org.view", name: str = "org") -> Org | None:
    """The org a picker's typed text names (`<name>_q`, sent without JavaScript), among the orgs in reach: the highest match."""
    from gonghui.core.picker import typed_text

    from .selectors import org_list, org_search

    text = typed_text(request.GET, name)
    if not text:
        return None
    return org_search(org_list(visible_to=request.user, action=action), text).order_by("depth", "path").first()
