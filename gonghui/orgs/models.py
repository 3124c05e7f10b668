from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStamped

from .choices import DEFAULT_STAFF_WORD, DISCLOSURE_WORD, STAFF_WORD, CommitteeKind, OrgKind, SeatTitle, Sector


class Org(TimeStamped):
    """A node of the union tree.

    `path` is the materialised path of ids ("/1/4/17/"), so a whole subtree is one
    indexed prefix query (`path__startswith`) on SQLite, PostgreSQL and Citus alike,
    never a walk row by row.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True, allow_unicode=False)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    # What the workplace is (a school, a factory…); a new org takes its parent's. It decides the words.
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices, default=Sector.FACTORY,
                              db_default=Sector.FACTORY)
    staff_term = models.CharField(
        _("what the union calls its people"), max_length=10, blank=True, default="", db_default="",
        help_text=_("Left empty: by the sector (教职工 at a school, 职工 elsewhere), e.g. 员工."))
    # A union's own decision (its chair's): whether the federation's officers may edit its member
    # book and see full ID numbers. Off: they read its figures and masked lists only.
    federation_may_edit = models.BooleanField(_("the federation may edit the member book and see full ID numbers"), default=False,
                                              db_default=False)  # rows written by code that predates it still insert

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def disclosure_word(self) -> str:
        """厂务公开 / 企务公开 / 校务公开 …, as this org's kind of workplace writes it."""
        return str(DISCLOSURE_WORD.get(self.sector, DISCLOSURE_WORD[Sector.FACTORY]))

    @property
    def staff_word(self) -> str:
        """职工 / 教职工 / 员工: what this union calls the people it serves."""
        return self.staff_term or str(STAFF_WORD.get(self.sector, DEFAULT_STAFF_WORD))

    def union_allows_federation(self) -> bool:
        """Whether the union this org lies in consents to its federation's officers editing (core.scoping.may).
        An org above the unions is the federation's own: True."""
        if self.kind == OrgKind.FEDERATION:
            return True
        if self.kind == OrgKind.UNION:
            return self.federation_may_edit
        return Org.objects.filter(path__in=self.ancestor_paths(), kind=OrgKind.UNION, federation_may_edit=True).exists()

    def is_within(self, other: "Org") -> bool:
        return self.path.startswith(other.path)

    def ancestor_paths(self) -> list[str]:
        """'/1/4/17/' -> ['/1/', '/1/4/', '/1/4/17/']."""
        ids = [p for p in self.path.split("/") if p]
        return ["/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids))]


class Committee(TimeStamped):
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="committees", verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=20, choices=CommitteeKind.choices)
    name = models.CharField(_("name"), max_length=100)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)

    history_labels = {"seat": _("seat")}  # what committee_seat_* record (core.history.change_lines)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["org__path", "kind", "-term_start"]

    def __str__(self) -> str:
        return self.name


class CommitteeSeat(TimeStamped):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats", verbose_name=_("committee"))
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="committee_seats", verbose_name=_("holder")
    )
    title = models.CharField(_("position"), max_length=20, choices=SeatTitle.choices, default=SeatTitle.MEMBER)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        # chair, vice chairs, then members (the codes would sort "member" before "vice_chair")
        ordering = ["committee", models.Case(models.When(title=SeatTitle.CHAIR, then=0), models.When(title=SeatTitle.VICE_CHAIR, then=1),
                                             default=2), "start"]
        constraints = [
            # One open seat per person per committee.
            models.UniqueConstraint(fields=["committee", "member"], condition=Q(end__isnull=True), name="one_open_seat_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.committee} · {self.get_title_display()} · {self.member}"


class UnionRollup(models.Model):
    """A federation's figures counted ahead of time: one row per org and year, refreshed in the background.

    A union's row holds its headcounts and the counts the federation's pages show beside its
    name ({"members.active": 2031, "members.on_roll": 2020, "voice.suggestions": 24}); the
    federation's own row holds its suggestions dashboard added up ({"voice": {…}}) and, for this
    year and last, its home page's figures as shown ({"areas": […]}). The pages
    that read these say when they were counted (`computed_at`): at a million members a live
    count on every visit reads every member row, while these rows are a few hundred.
    Written only by `portal.services.rollup_refresh`.
    """

    org = models.ForeignKey(Org, on_delete=models.CASCADE, related_name="rollups", verbose_name=_("organisation"))
    year = models.PositiveSmallIntegerField(_("year"))
    figures = models.JSONField(_("rolled-up figures"), default=dict)
    computed_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("roll-up")
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="orgs_rollup_one_per_org_year")]

    def __str__(self) -> str:
        return f"{self.org_id} {self.year}"
