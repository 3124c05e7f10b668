"""Sites, zones (防区), detectors, their messages, latched alarms, the event log and the outbox."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from gonghui.core.models import OrgOwned

from .choices import AlarmKind, Arming, Cause, Channel, Condition, DetectorKind, EventKind, OutboxStatus, PlaceKind, Transport


class Site(OrgOwned):
    """A place with a panel: its code is the second part of every MQTT topic."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(pgettext_lazy("place", "name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Zone(OrgOwned):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="zones", verbose_name=_("site"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(pgettext_lazy("place", "name"), max_length=100)
    place_kind = models.CharField(_("kind of place"), max_length=30, choices=PlaceKind.choices)
    position = models.PositiveIntegerField(_("order on the board"), default=0)
    arming = models.CharField(_("arming"), max_length=20, choices=Arming.choices, default=Arming.DISARMED)
    arming_since = models.DateTimeField(_("arming state since"), null=True, blank=True)
    entry_detector = models.ForeignKey("Detector", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    exit_delay_s = models.PositiveIntegerField(_("exit delay (seconds)"), default=0)
    entry_delay_s = models.PositiveIntegerField(_("entry delay (seconds)"), default=0)
    escalate_after_s = models.PositiveIntegerField(_("escalate after (seconds)"), default=300,
                                                   help_text=_("Tell the next person on the duty list when nobody has acknowledged by then."))
    # Kept by the services from the latched alarms, so the board reads one row per zone.
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices, default=Condition.NORMAL)
    sounding = models.BooleanField(_("sounders on"), default=False)

    history_labels = {"duty": _("person on duty")}  # what the duty services record (core.history.change_lines)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["site", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["site", "code"], name="alarms_zone_code_unique")]

    def __str__(self) -> str:
        return self.name


class DutyPerson(models.Model):
    """Someone on a zone's duty list, told in list order until someone acknowledges."""

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="duty", verbose_name=_("zone"))
    position = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=20)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("login"))

    class Meta:
        verbose_name = _("duty person")
        verbose_name_plural = _("duty list")
        ordering = ["zone", "position"]
        constraints = [models.UniqueConstraint(fields=["zone", "position"], name="alarms_duty_position_unique")]

    def __str__(self) -> str:
        return f"{self.name} {self.phone}"


class Detector(OrgOwned):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="detectors", verbose_name=_("site"))
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="detectors", verbose_name=_("zone"))
    code = models.SlugField(_("code"), max_length=40, help_text=_("The third part of the MQTT topic."))
    kind = models.CharField(_("kind"), max_length=20, choices=DetectorKind.choices)
    address = models.CharField(_("address"), max_length=60, help_text=_("Loop and device number, or where it hangs."))
    transport = models.CharField(_("transport"), max_length=20, choices=Transport.choices, default=Transport.MQTT)
    bypassed = models.BooleanField(_("bypassed"), default=False)
    disabled = models.BooleanField(_("disabled"), default=False)
    # The latest state, written by the ingestion before the broker is told the message arrived.
    active = models.BooleanField(pgettext_lazy("detector", "active"), default=False)
    tamper = models.BooleanField(_("tamper"), default=False)
    battery_low = models.BooleanField(_("low battery"), default=False)
    last_seq = models.BigIntegerField(_("last sequence number"), null=True, blank=True)
    # A detector numbers its messages from 1 again after a restart; its boot number (a counter or
    # its boot time, growing) tells the new 1 from a redelivered old one.
    last_boot = models.BigIntegerField(_("boot number"), default=0)
    last_heard_at = models.DateTimeField(_("last heard"), null=True, blank=True)
    # Sequence numbers skipped and not (yet) arrived: a late redelivery fills them, a reset
    # of the "events may have been lost" fault forgets them.
    missing_count = models.PositiveIntegerField(_("messages missing"), default=0)
    missing_since = models.DateTimeField(_("messages missing since"), null=True, blank=True)

    class Meta:
        verbose_name = _("detector")
        verbose_name_plural = _("detectors")
        ordering = ["zone", "code"]
        constraints = [models.UniqueConstraint(fields=["site", "code"], name="alarms_detector_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()}"


class DetectorMessage(models.Model):
    """Every message a detector sent, once: (detector, boot, seq) is unique, so a redelivery is recognised."""

    detector = models.ForeignKey(Detector, on_delete=models.CASCADE, related_name="messages")
    boot = models.BigIntegerField(default=0)
    seq = models.BigIntegerField()
    received_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["detector", "boot", "seq"], name="alarms_message_boot_seq_unique")]


class Alarm(OrgOwned):
    """A latched alarm or fault: stays until a person resets it with its input clear."""

    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="alarms", verbose_name=_("zone"))
    detector = models.ForeignKey(Detector, on_delete=models.PROTECT, related_name="alarms", verbose_name=_("detector"))
    kind = models.CharField(_("kind"), max_length=20, choices=AlarmKind.choices)
    cause = models.CharField(_("cause"), max_length=20, choices=Cause.choices)
    raised_at = models.DateTimeField(_("raised at"), db_index=True)
    # For the bench and the record: when the detector message that raised it arrived.
    input_at = models.DateTimeField(_("input received at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("acknowledged by"))
    reset_at = models.DateTimeField(_("reset at"), null=True, blank=True)
    reset_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("reset by"))

    class Meta:
        verbose_name = _("alarm")
        verbose_name_plural = _("alarms")
        ordering = ["-raised_at", "-id"]
        constraints = [
            # One latched alarm per input: the scanner may see it every cycle, it is raised once.
            models.UniqueConstraint(fields=["detector", "kind", "cause"], condition=Q(reset_at__isnull=True),
                                    name="alarms_one_latched_per_input"),
        ]
        indexes = [models.Index(fields=["zone", "reset_at"])]

    def __str__(self) -> str:
        return f"{self.zone} {self.get_kind_display()}"

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.detector_id, self.kind, self.cause)


class Event(models.Model):
    """The append-only log: every alarm, fault and every hand on the panel, with who and when."""

    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="events", verbose_name=_("zone"))
    detector = models.ForeignKey(Detector, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("detector"))
    alarm = models.ForeignKey(Alarm, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("alarm"))
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), db_index=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("event log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.zone} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("the event log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("the event log is append-only")


class OutboxNotice(models.Model):
    """A notice owed to one person for one alarm: written with the alarm, sent by `gonghui notify`."""

    alarm = models.ForeignKey(Alarm, on_delete=models.PROTECT, related_name="notices")
    person = models.ForeignKey(DutyPerson, on_delete=models.PROTECT, related_name="notices")
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            # Never twice to the same person for the same alarm.
            models.UniqueConstraint(fields=["alarm", "person"], name="alarms_notice_once_per_person"),
        ]


class GatewayUsage(models.Model):
    """Messages a channel accepted on a day, to respect its daily cap (then fall over to the next)."""

    channel = models.CharField(max_length=20, choices=Channel.choices)
    day = models.DateField()
    sent = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "day"], name="alarms_gateway_usage_unique")]


class ScannerPresence(models.Model):
    """A running `gonghui scan`, by its name (its MQTT client id): seen every cycle, so the others know it lives.

    A scanner not seen for the lease time is dead: one survivor claims the row (`adopted_by`),
    drains the MQTT session it left on the broker and ends it, then deletes the row.
    """

    name = models.CharField(max_length=100, primary_key=True)
    seen_at = models.DateTimeField()
    adopted_by = models.CharField(max_length=100, blank=True)


class ZoneLease(models.Model):
    """Which scanner scans a zone: renewed every cycle with a conditional UPDATE, taken over once it runs out."""

    zone = models.OneToOneField(Zone, on_delete=models.CASCADE, primary_key=True, related_name="lease")
    holder = models.CharField(max_length=100, db_index=True)
    expires_at = models.DateTimeField(db_index=True)
