"""The congress's rules on hand-made numbers (no database)."""

from gonghui.congress import rules


def test_a_roll_under_a_hundred_meets_as_a_general_assembly():
    assert rules.body_for("workers", 99) == "workers_assembly"
    assert rules.body_for("workers", 100) == "workers_congress"
    assert rules.body_for("members", 60) == "members_assembly"


def test_composition_flags_too_few_frontline_too_many_managers_and_too_few_women():
    c = rules.composition_check(delegates=40, frontline=19, management=9, women=5, headcount=400, women_on_roll=100)
    assert c.problems == ["frontline", "management", "women"]
    assert c.women_needed == 10


def test_composition_within_the_rules_has_no_problems():
    c = rules.composition_check(delegates=40, frontline=20, management=8, women=10, headcount=400, women_on_roll=100)
    assert c.ok


def test_a_roll_of_a_thousand_asks_a_hundred_delegates():
    c = rules.composition_check(delegates=60, frontline=40, management=5, women=30, headcount=1200, women_on_roll=300)
    assert c.problems == ["size"]


def test_a_resolution_needs_two_thirds_present_and_more_than_half_of_all_delegates():
    assert rules.resolution_outcome(delegates=30, votes_for=16, against=3, abstain=1) == "passed"
    assert rules.resolution_outcome(delegates=30, votes_for=15, against=5, abstain=0) == "failed"
    assert rules.resolution_outcome(delegates=30, votes_for=19, against=0, abstain=0) == "no_quorum"


def test_a_ballot_voting_for_more_names_than_seats_is_invalid():
    assert not rules.ballot_is_valid([("甲", "for"), ("乙", "for"), ("丙", "for")], 2)
    assert rules.ballot_is_valid([("甲", "for"), ("乙", "for"), ("丙", "against")], 2)


def test_the_tally_elects_those_with_more_than_half_of_the_electorate_best_first():
    ballots = [[("甲", "for"), ("乙", "for")]] * 6 + [[("甲", "for"), ("丙", "for")]] * 3 + [[("甲", "for")] * 3]
    t = rules.tally(candidates=["甲", "乙", "丙"], ballots=ballots, seats=2, electorate=12, issued=12)
    assert t.quorum_met and t.valid == 9 and t.returned == 10
    assert t.elected == ["甲"] and t.unfilled == 1          # 乙 has 6 of 12: not more than half
    assert t.counts["丙"].abstentions == 6     # unmarked on six valid ballots


def test_more_ballots_returned_than_issued_void_the_vote():
    t = rules.tally(candidates=["甲"], ballots=[[("甲", "for")]] * 5, seats=1, electorate=5, issued=4)
    assert t.void and t.elected == []


def test_a_tie_for_the_last_seat_leaves_it_unfilled_and_is_reported():
    ballots = [[("甲", "for"), ("乙", "for")]] * 4 + [[("甲", "for"), ("丙", "for")]] * 4 + [[("乙", "for"), ("丙", "for")]]
    t = rules.tally(candidates=["甲", "乙", "丙"], ballots=ballots, seats=2, electorate=9, issued=9)
    assert t.elected == ["甲"] and sorted(t.tied) == sorted(["乙", "丙"]) and t.unfilled == 1


def test_fewer_than_two_thirds_returning_elects_nobody():
    t = rules.tally(candidates=["甲"], ballots=[[("甲", "for")]] * 5, seats=1, electorate=9, issued=9)
    assert not t.quorum_met and t.elected == []
