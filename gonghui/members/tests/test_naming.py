import pytest

from gonghui.members.naming import pinyin_keys


@pytest.mark.parametrize("name,keys", [
    ("张三", ("zhangsan", "zs")),
    ("曾国藩", ("zengguofan", "zgf")),      # 曾 is 'zeng' as a surname, 'ceng' elsewhere
    ("单雄信", ("shanxiongxin", "sxx")),    # 单 is 'shan' as a surname
    ("覃芳", ("qinfang", "qf")),
    ("长孙无忌", ("zhangsunwuji", "zswj")),  # a compound surname
    ("欧阳修", ("ouyangxiu", "oyx")),
    ("张长青", ("zhangchangqing", "zcq")),   # the given name read as the phrase it is
    ("吕绿", ("lvlv", "ll")),               # ü typed as v
    ("买买提·艾力", ("maimaitiaili", "mmtal")),
])
def test_names_get_the_keys_people_type(name, keys):
    assert pinyin_keys(name) == keys


def test_a_character_with_no_reading_is_left_out_and_an_empty_name_has_no_keys():
    assert pinyin_keys("John李") == ("li", "l")
    assert pinyin_keys("") == ("", "")


def test_a_lone_character_takes_its_everyday_reading():
    assert pinyin_keys("曾") == ("ceng", "c")


def test_the_migration_rereads_keys_stored_by_the_older_reading(cast):
    from importlib import import_module

    from django.apps import apps

    from gonghui.members.models import Member
    from gonghui.members.services import MemberData, member_create

    member = member_create(actor=cast.chair, data=MemberData(name="曾小明", id_number="11010519491231002X", org=cast.branch))
    Member.objects.filter(pk=member.pk).update(name_pinyin="cengxiaoming", name_initials="cxm")
    import_module("gonghui.members.migrations.0004_surname_pinyin").reread(apps, None)
    member.refresh_from_db()
    assert (member.name_pinyin, member.name_initials) == ("zengxiaoming", "zxm")
