"""The congress's rules as plain functions over plain numbers: no Django models, no database,
so each rule is tested on hand-made figures and the services, the pages and the
`gonghui tally` command apply the very same arithmetic."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Iterable

# 基层工会会员代表大会条例 (总工发〔2019〕6号) and RULES.md a: under 100 staff the whole
# staff meets (职工大会/会员大会); from 100 up, elected representatives do.
ASSEMBLY_BELOW = 100
# RULES.md a: frontline workers at least half the delegates, middle management and up at most a fifth.
FRONTLINE_MIN = (1, 2)
MANAGEMENT_MAX = (1, 5)
# RULES.md a (secondary source, a default to confirm): the fewest delegates by staff size.
MIN_DELEGATES = ((10000, 150), (1000, 100), (100, 30))


def body_for(kind: str, headcount: int) -> str:
    """The congress's body for the size of the roll (Body value)."""
    assembly = headcount < ASSEMBLY_BELOW
    if kind == "members":
        return "members_assembly" if assembly else "members_congress"
    return "workers_assembly" if assembly else "workers_congress"


@dataclass
class Composition:
    delegates: int
    frontline: int
    management: int
    women: int
    headcount: int
    women_on_roll: int
    problems: list[str] = field(default_factory=list)   # keys: frontline, management, women, size

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def women_needed(self) -> int:
        """Women in proportion to the roll: the delegates times the roll's share, rounded down."""
        return self.delegates * self.women_on_roll // self.headcount if self.headcount else 0

    @property
    def min_delegates(self) -> int:
        if self.headcount < ASSEMBLY_BELOW:
            return 0
        return next((n for floor, n in MIN_DELEGATES if self.headcount >= floor), 0)


def composition_check(*, delegates: int, frontline: int, management: int, women: int, headcount: int,
                      women_on_roll: int) -> Composition:
    c = Composition(delegates, frontline, management, women, headcount, women_on_roll)
    if delegates == 0:
        c.problems.append("size")
        return c
    if frontline * FRONTLINE_MIN[1] < delegates * FRONTLINE_MIN[0]:
        c.problems.append("frontline")
    if management * MANAGEMENT_MAX[1] > delegates * MANAGEMENT_MAX[0]:
        c.problems.append("management")
    if women < c.women_needed:
        c.problems.append("women")
    if delegates < c.min_delegates:
        c.problems.append("size")
    return c


def quorum(present: int, expected: int) -> bool:
    """Two thirds of the delegates (应到) present (RULES.md a; 章程 2023; 劳动部令22号 Art 36)."""
    return expected > 0 and present * 3 >= expected * 2


def majority_of_all(votes_for: int, expected: int) -> bool:
    """More than half of ALL delegates, not of those present (RULES.md a)."""
    return votes_for * 2 > expected


def resolution_outcome(*, delegates: int, votes_for: int, against: int, abstain: int) -> str:
    present = votes_for + against + abstain
    if not quorum(present, delegates):
        return "no_quorum"
    return "passed" if majority_of_all(votes_for, delegates) else "failed"


# ── elections ─────────────────────────────────────────────────────────────────

@dataclass
class CandidateCount:
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    elected: bool = False


@dataclass
class Tally:
    electorate: int
    issued: int
    returned: int
    valid: int
    seats: int
    counts: dict[str, CandidateCount]
    void: bool = False          # more ballots returned than issued: vote again (RULES.md b)
    quorum_met: bool = False
    elected: list[str] = field(default_factory=list)
    tied: list[str] = field(default_factory=list)
    unfilled: int = 0


def ballot_is_valid(marks: Iterable[tuple[str, str]], seats: int) -> bool:
    """A ballot voting for more names than there are seats is invalid (RULES.md b)."""
    return sum(1 for _name, choice in marks if choice == "for") <= seats


def tally(*, candidates: list[str], ballots: list[list[tuple[str, str]]], seats: int, electorate: int,
          issued: int) -> Tally:
    """Count ballots [[(candidate name, for/against/abstain)], …] for an election of `seats`.

    Returned ballots above those issued void the vote (RULES.md b); the quorum is two thirds
    of the electorate (应到) returning a ballot; a candidate is elected with more "for" than
    half the electorate (应到, RULES.md b; the 实到 reading is the unverified alternative),
    best first; candidates tied for the last seat are all left out and reported, the seat unfilled.
    A name on a valid ballot left unmarked counts as an abstention.
    """
    counts = {name: CandidateCount() for name in candidates}
    valid = 0
    for marks in ballots:
        if not ballot_is_valid(marks, seats):
            continue
        valid += 1
        marked = Counter()
        for name, choice in marks:
            counts.setdefault(name, CandidateCount())
            marked[name] += 1
            if choice == "for":
                counts[name].votes_for += 1
            elif choice == "against":
                counts[name].votes_against += 1
            else:
                counts[name].abstentions += 1
        for name in candidates:
            if not marked[name]:
                counts[name].abstentions += 1
    return decide(counts=counts, returned=len(ballots), valid=valid, seats=seats, electorate=electorate, issued=issued)


def decide(*, counts: dict[str, CandidateCount], returned: int, valid: int, seats: int, electorate: int,
           issued: int) -> Tally:
    """The outcome from the counts: void when more ballots came back than were issued, else the
    quorum, then who is elected (the rules of `tally`); the stored ballots' count (selectors.stored_tally)
    arrives here with the same counts, added up by the database."""
    t = Tally(electorate=electorate, issued=issued, returned=returned, valid=valid, seats=seats, counts=counts)
    if t.returned > issued:
        t.void = True
        t.unfilled = seats
        return t
    t.quorum_met = quorum(t.returned, electorate)
    if not t.quorum_met:
        t.unfilled = seats
        return t
    groups: dict[int, list[str]] = {}
    for name, c in counts.items():
        if majority_of_all(c.votes_for, electorate):
            groups.setdefault(c.votes_for, []).append(name)
    for votes in sorted(groups, reverse=True):
        names = sorted(groups[votes])
        if len(t.elected) + len(names) > seats:
            if len(t.elected) < seats:
                t.tied = names
            break
        t.elected += names
    for name in t.elected:
        counts[name].elected = True
    t.elected.sort(key=lambda n: (-counts[n].votes_for, n))
    t.unfilled = seats - len(t.elected)
    return t


def receipt_hash(election_id: int, code: str) -> str:
    """What a ballot keeps of its receipt code: the voter alone holds the code itself."""
    return hashlib.sha256(f"{election_id}:{code.strip().upper()}".encode()).hexdigest()


# ── collective contracts: 集体合同规定 (劳动和社会保障部令第22号), RULES.md c ──

REPLY_DAYS = 20          # Art 32: the other side answers a written request within 20 days
NEGOTIATORS = (3, 10)    # Art 8: 3–10 a side, equal numbers, one chief each
TERM_YEARS = (1, 3)      # Art 38: a term of one to three years
FILE_DAYS = 10           # Art 42: filed with the labour bureau within 10 days of signing
OBJECTION_DAYS = 15      # Art 45–47: no objection within 15 days of filing and it takes effect
RENEWAL_MONTHS = 3       # Art 38: renewal may be asked for in the last 3 months


def negotiator_problems(union: int, employer: int, union_chiefs: int, employer_chiefs: int) -> list[str]:
    """Keys of what is wrong with the two delegations: size, equal, chief."""
    found = []
    if not (NEGOTIATORS[0] <= union <= NEGOTIATORS[1] and NEGOTIATORS[0] <= employer <= NEGOTIATORS[1]):
        found.append("size")
    if union != employer:
        found.append("equal")
    if union_chiefs != 1 or employer_chiefs != 1:
        found.append("chief")
    return found


def term_years_ok(start, end) -> bool:
    """A term of one to three years (a day short of the anniversary counts as the full year)."""

    if end <= start:
        return False
    days = (end - start).days + 1
    return 365 * TERM_YEARS[0] - 1 <= days <= 366 * TERM_YEARS[1]
