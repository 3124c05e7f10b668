import datetime as dt

import pytest

from gonghui.core import idcard

GOOD = "11010519491231002X"  # the standard's own example


def test_the_standards_example_validates():
    assert idcard.validate(GOOD.lower()) == GOOD


def test_a_wrong_check_digit_is_refused():
    with pytest.raises(idcard.InvalidIdNumber, match="check digit"):
        idcard.validate(GOOD[:-1] + "1")


def test_an_impossible_birth_date_is_refused():
    number = idcard.make("11010519490231002")  # 31 February
    with pytest.raises(idcard.InvalidIdNumber, match="birth date"):
        idcard.validate(number)


def test_short_numbers_are_refused():
    with pytest.raises(idcard.InvalidIdNumber):
        idcard.validate("1101051949")


def test_birth_date_sex_and_mask_come_from_the_number():
    assert idcard.birth_date(GOOD) == dt.date(1949, 12, 31)
    assert idcard.sex(GOOD) == "female"
    assert idcard.mask("110101199003071234") == "110101********1234"
