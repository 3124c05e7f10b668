"""Plausible people for the demo, the scenarios and the benches (seeded, reproducible)."""

from __future__ import annotations

import datetime as dt
import random

from gonghui.core import idcard

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志斌文辉力成春兰飞鹏宇浩波晨雪梅琳丹凯林海亮松云峰健新德福生龙元全胜学祥才发武坤"
REGIONS = ("420100", "420106", "420111", "370102", "610113", "230103", "110101", "320102", "510104", "650102")
POSTS = ("炼钢工", "轧钢工", "电工", "钳工", "天车工", "质检员", "设备点检员", "调度员", "安全员", "仓库保管员", "司机", "化验员", "技术员", "班组长")


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


# Districts used past the first 100,000 numbers (none of them is in REGIONS, so the two ranges never meet).
CITIES = ("4403", "3301", "3201", "5101", "4401", "1201", "2102", "3702", "4301", "5001")


def id_number(rng: random.Random, serial: int, birth: dt.date | None = None) -> str:
    """A checksum-valid number; `serial` keeps numbers of one run distinct (up to 10,000,000 of them)."""
    if serial >= 100_000:
        return _id_number_beyond(rng, serial - 100_000, birth)
    if birth is None:
        # The birth day's last digit carries serial // 10000, so numbers stay distinct up to 100,000.
        birth = dt.date(1966, 1, 1) + dt.timedelta(days=rng.randint(0, 1300) * 10 + (serial // 10000) % 10)
    # Region (serial // 1000) and sequence (serial % 1000) keep each block of 10,000 distinct.
    region = REGIONS[(serial // 1000) % len(REGIONS)]
    seq = f"{serial % 1000:03d}"
    first17 = f"{region}{birth:%Y%m%d}{seq}"
    return idcard.make(first17)


def _id_number_beyond(rng: random.Random, t: int, birth: dt.date | None) -> str:
    """Numbers past the first 100,000: t % 1000 is the sequence, (t // 1000) % 100 one of 100 districts
    (ten cities' 81–90), and t // 100,000 the birth day's last two digits of offset, so a federation's
    million people (or ten million) each get their own number."""
    district = (t // 1000) % 100
    region = f"{CITIES[district // 10]}{81 + district % 10:02d}"
    if birth is None:
        birth = dt.date(1966, 1, 1) + dt.timedelta(days=rng.randint(0, 130) * 100 + (t // 100_000) % 100)
    return idcard.make(f"{region}{birth:%Y%m%d}{t % 1000:03d}")


def not_before_adulthood(join: dt.date, number: str) -> dt.date:
    """A join date no earlier than the 18th birthday of the number's holder (the import refuses one before birth)."""
    return max(join, idcard.birth_date(number) + dt.timedelta(days=18 * 366))


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"


def roster_row(rng: random.Random, serial: int, org_label: str = "") -> list:
    """One filled-in line of the import template (column order of members.roster.COLUMNS), as text an office types."""
    number = id_number(rng, serial)
    join = not_before_adulthood(dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 9000)), number)
    signed = rng.random() < 0.9
    start = join + dt.timedelta(days=rng.randint(0, 30))
    return [
        person_name(rng), number, "", "汉族", "", phone(rng), org_label, rng.choice(POSTS), "是",
        f"{join:%Y-%m-%d}", "已签订" if signed else "未签订", f"{start:%Y/%m/%d}" if signed else "",
        "", "是", "是", "是",
    ]
