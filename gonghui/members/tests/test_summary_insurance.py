"""The member book's summary states the roll's insurance cover from the members' own flags."""

from gonghui.members.summary import insurance_sentence


def test_the_insurance_cover_is_stated_as_a_share_of_the_roll():
    assert insurance_sentence(131, 131, 120, 131) == (
        "工伤保险参保率100%，养老保险参保率92%，医疗保险参保率100%。")


def test_an_empty_roll_states_no_insurance_cover():
    assert insurance_sentence(0, 0, 0, 0) == ""
