"""The demo's activities, dated from the demo's day (today unless `demo-data --as-of` says) so there
is always something to do:

an event open for sign-up (and a small one already full, so the member sees the waiting
list), a labour competition finished last month with its ranking and winners, honours of
this year on the 明星榜 beside the scenario's 220 最佳实践者, a small innovation grown from an
adopted suggestion with its patent, mentor pairs (one overdue for a check, so the chair's
home page shows it), a training course held a fortnight ago with its test results, the
contest's photos and its cost paid out of the books, and the union's reading room, gym and
activity room with a month of bookings behind them and a few this week.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gonghui.core.demo import years_later
from gonghui.members.models import Member

from . import services


def _picture(name: str, back, front):
    """A small stand-in photo drawn with Pillow (the demo ships no pictures of real people)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), back)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        draw.ellipse((60 + i * 90, 250 - (i % 2) * 40, 140 + i * 90, 330 - (i % 2) * 40), fill=front)
        draw.rectangle((70 + i * 90, 330 - (i % 2) * 40, 130 + i * 90, 470), fill=front)
    draw.rectangle((0, 0, 640, 60), fill=front)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(f"{name}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _facilities(ctx, today: dt.date, people: list) -> None:
    """The union's reading room, gym and activity room, booked this week and over the past month."""
    union, chair, rng = ctx.union, ctx.chair, ctx.rng
    rooms = [
        services.facility_create(actor=chair, org=union, name="职工书屋", kind="reading_room", place="职工之家二楼",
                                 opens_at=dt.time(8), closes_at=dt.time(21), capacity=40,
                                 items=services.items_parsed("图书 3200册\n期刊 60种\n阅览座位 40个")),
        services.facility_create(actor=chair, org=union, name="职工健身房", kind="gym", place="职工之家一楼",
                                 opens_at=dt.time(6, 30), closes_at=dt.time(22), capacity=30,
                                 items=services.items_parsed("跑步机 6台\n动感单车 10辆\n乒乓球台 4张")),
        services.facility_create(actor=chair, org=union, name="职工活动室", kind="activity_room", place="办公楼三楼",
                                 opens_at=dt.time(9), closes_at=dt.time(21), open_days="123456", capacity=60,
                                 items=services.items_parsed("棋牌桌 8张\n投影仪 1台\n音响 1套")),
    ]
    for back in range(30, 0, -1):
        day = today - dt.timedelta(days=back)
        for room in rooms:
            if str(day.isoweekday()) not in room.open_days or rng.random() < 0.4:
                continue
            start = rng.randint(room.opens_at.hour + 1, room.closes_at.hour - 3)
            services.facility_book(actor=chair, facility=room, member=rng.choice(people), on=day, starts_at=dt.time(start),
                                   ends_at=dt.time(start + 2), people=rng.randint(1, 12), today=day)
    for offset, room, start, n, purpose in ((1, rooms[2], 14, 20, "班组学习"), (2, rooms[0], 19, 6, "读书会"),
                                            (3, rooms[1], 18, 8, "乒乓球训练"), (5, rooms[2], 9, 30, "职工代表小组讨论")):
        day = today + dt.timedelta(days=offset)
        if str(day.isoweekday()) in room.open_days:
            services.facility_book(actor=chair, facility=room, member=rng.choice(people), on=day, starts_at=dt.time(start),
                                   ends_at=dt.time(start + 2), people=n, purpose=purpose, today=today)


def load(ctx) -> None:
    today = ctx.as_of
    union, chair = ctx.union, ctx.chair
    member = Member.objects.get(user=ctx.member_user)
    others = list(Member.objects.filter(union=union, user__isnull=True, status="active").order_by("id")[10:80])
    rng = ctx.rng

    # an event to sign up for, and a full one with a waiting list
    services.event_create(actor=chair, org=union, title="职工迎新年乒乓球比赛", kind="culture_sports",
                          starts_on=today + dt.timedelta(days=12), place="职工之家乒乓球室", capacity=32,
                          signup_until=today + dt.timedelta(days=9),
                          description="单打比赛，按作业区分组循环，决出金、银、铜奖。请穿运动鞋。")
    trip = services.event_create(actor=chair, org=union, title="劳模疗休养（一日游）", kind="trip",
                                 starts_on=today + dt.timedelta(days=20), place="市郊森林公园", capacity=2,
                                 description="名额有限，额满后进入候补，有人取消时按顺序递补并通知。")
    for person in others[:2]:
        services.event_signup(actor=chair, event=trip, member=person, today=today)
    services.event_create(actor=chair, org=union, title="女职工健康体检", kind="health_check", women_only=True,
                          starts_on=today + dt.timedelta(days=30), place="职工医院")

    # a karaoke contest held last month, with prizes
    held_on = today - dt.timedelta(days=35)
    karaoke = services.event_create(actor=chair, org=union, title="卡拉OK大赛", kind="contest", starts_on=held_on,
                                    place="职工之家", signup_until=held_on)
    singers = others[2:20] + [member]
    for person in singers:
        services.event_signup(actor=chair, event=karaoke, member=person, today=held_on - dt.timedelta(days=5))
    services.event_attendance_take(actor=chair, event=karaoke, attended=[p.pk for p in singers[:-1]], cost_yuan=Decimal("3600"))
    services.event_result_record(actor=chair, event=karaoke, prize="一等奖", member=singers[0])
    services.event_result_record(actor=chair, event=karaoke, prize="二等奖", member=singers[1])
    services.event_cost_pay(actor=chair, event=karaoke, subline="culture", on=held_on + dt.timedelta(days=3))
    for caption, colours in (("决赛现场", ((190, 30, 45), (250, 200, 60))), ("颁奖合影", ((20, 80, 160), (240, 240, 240))),
                             ("评委席", ((40, 120, 70), (250, 230, 180)))):
        services.event_photo_add(actor=chair, event=karaoke, upload=_picture(caption, *colours), caption=caption)

    # a labour competition finished last month, ranked
    competition = services.competition_create(
        actor=chair, org=union, title=f"{(today - dt.timedelta(days=30)).year}年百日安全生产劳动竞赛", kind="labour",
        starts_on=today - dt.timedelta(days=130), ends_on=today - dt.timedelta(days=30),
        indicators=[{"name": "产量完成率", "unit": "%", "weight": 50}, {"name": "吨钢能耗", "unit": "千克标煤", "weight": 30,
                                                                   "higher_is_better": False},
                    {"name": "合理化建议", "unit": "条", "weight": 20}],
        entrants=["炼钢作业区", "轧钢作业区", "动力作业区", "检修作业区"],
    )
    for entrant in competition.entrants.all():
        for indicator in competition.indicators.all():
            for period in (1, 2, 3):
                base = {"产量完成率": 100, "吨钢能耗": 560, "合理化建议": 40}[indicator.name]
                services.competition_score_record(actor=chair, entrant=entrant, indicator=indicator, period=period,
                                                  value=Decimal(base + rng.randint(-8, 8)))
    services.competition_finish(actor=chair, competition=competition)
    first = competition.entrants.order_by("rank", "id").first()
    services.competition_winner_name(actor=chair, entrant=first, title="优胜单位")

    # honours of this year: a unit and a model worker, awarded after their notice
    rows = services.honours_nominate(actor=chair, org=union, year=ctx.year, kind="advanced_unit",
                                     title=f"{ctx.year}年度先进班组", units=["炼钢作业区甲班", "轧钢作业区乙班"])
    rows += services.honours_nominate(actor=chair, org=union, year=ctx.year, kind="model_worker", title="市劳动模范",
                                      level="city", awarding_body="市总工会", members=others[20:21])
    services.honours_publicise(actor=chair, honours=rows, notice_from=today - dt.timedelta(days=20),
                               notice_until=today - dt.timedelta(days=13))
    services.honours_award(actor=chair, honours=rows, on=today - dt.timedelta(days=6))
    pending = services.honours_nominate(actor=chair, org=union, year=ctx.year, kind="advanced_worker",
                                        title=f"{ctx.year}年度先进个人", members=others[21:24])
    services.honours_publicise(actor=chair, honours=pending, notice_from=today - dt.timedelta(days=2),
                               notice_until=today + dt.timedelta(days=5))

    # an innovation from an adopted suggestion, with a patent application
    from gonghui.voice.choices import ADOPTED_STATES
    from gonghui.voice.models import Suggestion

    idea = Suggestion.objects.filter(union=union, status__in=ADOPTED_STATES).order_by("-submitted_on").first()
    innovation = services.innovation_record(
        actor=chair, org=union, year=ctx.year, kind="reform", title="转炉氧枪快速更换装置", team="炼钢作业区创新工作室",
        leader=others[24], cost_yuan=Decimal("8500"), savings_yuan=Decimal("126000"), source_suggestion=idea,
        description="把氧枪更换时间由两小时缩短到四十分钟。")
    services.innovation_advance(actor=chair, innovation=innovation, status="rewarded")
    services.innovation_award_record(actor=chair, innovation=innovation, kind="award", name="公司职工技术创新成果二等奖",
                                     body="公司工会", amount_yuan=Decimal("5000"), on=today - dt.timedelta(days=40))
    services.patent_file(actor=chair, org=union, kind="utility", title="一种转炉氧枪快速更换装置",
                         filed_on=today - dt.timedelta(days=60), innovation=innovation, inventors="炼钢作业区创新工作室")

    # mentor pairs: one checked, one overdue for a check
    signed = today - dt.timedelta(days=200)
    for mentor, apprentice, checked in ((others[25], others[26], True), (others[27], others[28], False),
                                        (others[25], others[29], True)):
        pair = services.mentorship_agree(actor=chair, org=union, mentor=mentor, apprentice=apprentice, signed_on=signed,
                                         ends_on=years_later(signed, 2) - dt.timedelta(days=1),
                                         goals="一年内独立顶岗，两年内取得高级工职业技能等级。")
        if checked:
            services.mentorship_check(actor=chair, mentorship=pair, on=today - dt.timedelta(days=30),
                                      note="已掌握设备点检和常见故障处理，进度符合协议。")

    # a safety reps' course held a fortnight ago, with its test
    course = services.course_plan(actor=chair, org=union, title="员工安全代表履职能力培训班", audience="safety_reps",
                                  planned_on=today - dt.timedelta(days=14), hours=Decimal(16), has_test=True)
    trainees = others[30:42]
    services.course_enrol(actor=chair, course=course, members=trainees)
    services.course_hold(actor=chair, course=course, held_on=today - dt.timedelta(days=14),
                         attended=[t.pk for t in trainees[:11]])
    services.course_results_record(actor=chair, course=course, scores={
        t.pk: Decimal(rng.randint(72, 96) if i < 9 else rng.randint(40, 58)) for i, t in enumerate(trainees[:11])})
    services.course_plan(actor=chair, org=union, title="工会干部业务培训", audience="cadres",
                         planned_on=today + dt.timedelta(days=21), hours=Decimal(8))

    _facilities(ctx, today, others[42:70])
