"""The member book's part of the work summary: the roll, its movement, labour contracts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from gonghui.core.formatting import format_count, format_percent, ratio
from gonghui.core.summary import Figure, Period, Section, org_words

from .selectors import member_figures, members_on_roll_by_union

ORDER = 10


def _heading() -> str:
    return _("Strengthening the union organisation and its records")


def _on_roll_figure(n: int, previous: int | None = None, *, words: dict | None = None) -> Figure:
    return Figure("members.on_roll", _("%(staff)s on the roll") % (words or org_words(None)), n, f"{format_count(n)}名", previous=previous, source="/members/",
                  stock=True)


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """Each union's roll at the period's end, for the federation's per-union lines."""
    from gonghui.orgs.models import Org

    counts = members_on_roll_by_union(org=org, day=period.end, union_of=union_of)
    # each union in its own words (在册教职工 at a school): one query for all of them
    words = {u.pk: org_words(u) for u in Org.objects.filter(pk__in=[pk for pk, n in counts.items() if n])
             .only("id", "sector", "staff_term")}
    return {pk: Section(key="members", order=ORDER, heading=_heading(), figures=[_on_roll_figure(n, words=words.get(pk))])
            for pk, n in counts.items() if n}


def insurance_figures(on_roll: int, injury: int, pension: int, medical: int) -> list[Figure]:
    """The three cover rates insurance_sentence states, as figures (percent of the roll, 2 places)."""
    labels = (("work_injury", _("work-injury insurance cover"), injury), ("pension", _("pension insurance cover"), pension),
              ("medical", _("medical insurance cover"), medical))
    return [Figure(f"members.insurance.{kind}", label, ratio(n * 100, on_roll, 2), format_percent(n, on_roll))
            for kind, label, n in labels]


def insurance_sentence(on_roll: int, injury: int, pension: int, medical: int) -> str:
    """工伤保险参保率100%，养老保险参保率100%，医疗保险参保率100%。 ("" with nobody on the roll)."""
    if not on_roll:
        return ""
    return _("Work-injury insurance covered %(injury)s of the workers, pension insurance %(pension)s and medical "
             "insurance %(medical)s.") % {"injury": format_percent(injury, on_roll), "pension": format_percent(pension, on_roll),
                                          "medical": format_percent(medical, on_roll)}


def sections(*, org, period: Period) -> list[Section]:
    last_period = period.same_period_last_year()
    # One scan of the roll gives this period's figures and last year's headcount for the 同比.
    now = member_figures(org=org, start=period.start, end=period.end, compare_end=last_period.end)
    if now.on_roll == 0:
        return []
    words = org_words(org)
    figures = [
        _on_roll_figure(now.on_roll, previous=now.on_roll_before or None, words=words),
        Figure("members.union_members", _("union members"), now.union_members, f"{format_count(now.union_members)}名"),
        Figure("members.joined", _("joined"), now.joined, f"{format_count(now.joined)}名"),
        Figure("members.left", _("left"), now.left, f"{format_count(now.left)}名"),
        Figure("members.contract_rate", _("contract signing rate"), now.contract_signing_rate,
               format_percent(now.contracts_signed, now.on_roll)),
    ]
    values = {
        "org": org.name, "on_roll": figures[0].text, "members": figures[1].text,
        "joined": figures[2].text, "left": figures[3].text, "rate": figures[4].text, **words,
    }
    if now.joined or now.left:
        sentence = _(
            "At the end of the period %(org)s had %(on_roll)s %(staff)s on the roll, %(members)s of them union members; "
            "%(joined)s joined and %(left)s left during the period. The labour contract signing rate was %(rate)s."
        ) % values
    else:  # a roll that did not move is not written up as "0 joined, 0 left"
        sentence = _(
            "At the end of the period %(org)s had %(on_roll)s %(staff)s on the roll, %(members)s of them union members. "
            "The labour contract signing rate was %(rate)s."
        ) % values
    figures += insurance_figures(now.on_roll, *now.insured)
    shortcomings = []
    if now.on_roll and now.contracts_signed < now.on_roll:
        unsigned = now.on_roll - now.contracts_signed
        figures.append(Figure("members.contracts_unsigned", _("without a signed labour contract"), unsigned,
                              f"{format_count(unsigned)}名"))
        shortcomings.append(
            _("%(n)s %(staff)s still have no signed labour contract.") % {"n": format_count(unsigned), **words}
        )
    return [
        Section(
            key="members", order=ORDER, heading=_heading(),
            paragraphs=[sentence + insurance_sentence(now.on_roll, *now.insured)], figures=figures,
            shortcomings=shortcomings,
        )
    ]
