"""Chinese line breaking (禁则): no line starts with a closing mark or ends with an opening one."""

import pytest

from gonghui.reports.linebreak import NO_LINE_END, NO_LINE_START, breaks_rule, tokens, wrap


def cells(text: str) -> float:
    """Every character one cell wide, so a test can say where the greedy break falls."""
    return float(len(text))


def test_a_line_that_would_start_with_a_comma_takes_the_character_before_it_down():
    # The greedy break falls between 作 and ，: the comma may not start a line, so 作 goes with it.
    lines = wrap("一二三四五六工作，继续努力。", width=8, measure=cells)
    assert lines == ["一二三四五六工", "作，继续努力。"]


@pytest.mark.parametrize("mark", sorted("，。；、）：」』》！？"))
def test_no_closing_mark_ever_starts_a_line(mark):
    text = ("职工之家建设" + mark) * 12
    for width in range(3, 15):
        lines = wrap(text, width=width, measure=cells)
        assert "".join(lines) == text
        assert not any(line.startswith(mark) for line in lines), (width, lines)


@pytest.mark.parametrize("mark", sorted("（「『《"))
def test_no_opening_mark_ever_ends_a_line(mark):
    text = ("开展劳动竞赛" + mark + "技能") * 10
    for width in range(3, 15):
        lines = wrap(text, width=width, measure=cells)
        assert "".join(lines) == text
        assert not any(line.endswith(mark) for line in lines[:-1]), (width, lines)


def test_two_closing_marks_in_a_row_go_down_together_with_their_character():
    lines = wrap("一二三四五六七“好”。八九", width=8, measure=cells)
    assert breaks_rule(lines) == []
    assert "".join(lines) == "一二三四五六七“好”。八九"


def test_a_figure_is_never_broken_across_lines():
    assert "1,853" in tokens("在册职工1,853名") and "12.3" in tokens("同比增长12.3%")
    lines = wrap("在册职工共计1,853名，同比增长12.3%。", width=7, measure=cells)
    assert breaks_rule(lines) == []
    assert any("1,853" in line for line in lines) and any("12.3%" in line for line in lines)


def test_the_first_line_is_shorter_by_the_indent():
    lines = wrap("一二三四五六七八九十", width=6, measure=cells, first_indent=2)
    assert lines == ["一二三四", "五六七八九十"]


def test_a_run_of_nothing_but_punctuation_still_makes_progress():
    lines = wrap("。。。。。。。。", width=3, measure=cells)
    assert "".join(lines) == "。。。。。。。。"


def test_the_rule_sets_hold_the_marks_the_issue_names():
    assert set("，。；、）：」』》！？") <= NO_LINE_START and set("（「『《") <= NO_LINE_END
    assert breaks_rule(["工会", "，职工"]) == ["，职工"] and breaks_rule(["工会（", "职工"]) == ["工会（"]
