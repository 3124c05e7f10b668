"""The ranking arithmetic, on plain numbers (no database)."""

from decimal import Decimal as D

from gonghui.activities.ranking import standings, weighted_scores


def test_equal_scores_share_a_rank_and_the_next_rank_is_skipped():
    table = standings({1: D("90"), 2: D("95"), 3: D("90"), 4: D("80")})
    assert [(s.entrant, s.rank) for s in table] == [(2, 1), (1, 2), (3, 2), (4, 4)]


def test_a_lower_is_better_indicator_gives_the_lowest_figure_full_marks():
    scores = weighted_scores({1: {10: [D(50)]}, 2: {10: [D(100)]}}, {10: (D(1), False)})
    assert scores == {1: D("100.00"), 2: D("50.00")}


def test_the_figure_of_an_indicator_is_the_mean_of_its_periods_and_weights_count():
    values = {1: {10: [D(100), D(80)], 11: [D(10)]}, 2: {10: [D(90)], 11: [D(20)]}}
    scores = weighted_scores(values, {10: (D(3), True), 11: (D(1), True)})
    # 1: (3 × 100 + 1 × 50) / 4 = 87.5; 2: (3 × 100 + 1 × 100) / 4 = 100
    assert scores == {1: D("87.50"), 2: D("100.00")}


def test_an_entrant_without_a_figure_scores_nothing_on_that_indicator():
    scores = weighted_scores({1: {10: [D(10)]}, 2: {}}, {10: (D(1), True)})
    assert scores == {1: D("100.00"), 2: D("0.00")}
