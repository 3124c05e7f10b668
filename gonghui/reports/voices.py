"""Each union's voice: the order its summary tells its work in, and what its work centres on.

The seed summaries do not all read alike. A school's union leads with its teachers' quality
(师德、师能大练兵) and its 校务公开; a factory's with its organisation, production and labour
competition and its innovations; a farm company's with its production and the care of its
people; a company branch with 企务公开 and democratic management; a public body with its
safety education and 政务公开. The order lives here, in one table, by the stable key each
app's `Section` declares (members, congress, governance, activities, voice, safety, alarms,
care, funds); an area the table does not name keeps its place by `Section.order`, after them.
The words (职工 / 教职工, 厂务公开 / 校务公开) are the org's own: `core.summary.org_words`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

SECTION_ORDER: dict[str, tuple[str, ...]] = {
    # 组织建设 → 围绕生产、劳动竞赛 → 创新 → 民主管理 → 建议 → 安全 → 帮扶 → 经费
    "factory": ("members", "governance", "activities", "congress", "voice", "safety", "alarms", "care", "funds"),
    # 企务公开、民主管理 → 组织建设 → 技术创新、名师带徒 → 建议 → 送温暖 → 文体
    "enterprise": ("governance", "congress", "members", "activities", "voice", "care", "safety", "alarms", "funds"),
    # 教师素质（师德、师能）→ 校务公开 → 教代会 → 关心教职工 → 组织 → 建议 → 安全 → 经费
    "school": ("activities", "governance", "congress", "care", "members", "voice", "safety", "funds", "alarms"),
    # 安全教育 → 政务公开、民主管理 → 解决职工困难 → 自身建设
    "institution": ("safety", "governance", "congress", "care", "voice", "members", "funds", "activities", "alarms"),
    # 组织建设 → 生产 → 维权与送温暖 → 民主管理 → 活动载体
    "farm": ("members", "governance", "care", "congress", "voice", "activities", "safety", "funds", "alarms"),
}


# Every area a summary tells, by its stable key: what a chair may frame with a sentence of their
# own at its opening or closing (reports.document.section_slot).
SECTION_KEYS: tuple[str, ...] = SECTION_ORDER["factory"]


def section_rank(sector: str | None):
    """A sort key for sections: the sector's order first, then `Section.order` for the rest."""
    order = SECTION_ORDER.get(sector or "", ())

    def rank(section) -> tuple[int, int]:
        key = section.key
        return (order.index(key), section.order) if key in order else (len(order), section.order)

    return rank


FEDERATION = "federation"   # not a workplace's sector: the voice of a federation, which speaks for the unions under it


def opening_voice(sector: str | None, *, disclosed: bool = True) -> dict[str, str]:
    """The sector's words for the computed opening: under whose leadership beside the higher
    union (`admin`: 企业党政, 学校党政, 连队党支部) and what its work turned on (`centre`, a clause
    with the org's own %(staff)s and %(disclosure)s, core.summary.org_words). A union whose period
    disclosed nothing (`disclosed` False) is not said to have pressed on with 厂务公开."""
    if not disclosed:
        quiet = {
            "factory": _("kept production and operation at the centre of its work and rallied the %(staff)s to make "
                         "their mark at their posts"),
            "enterprise": _("served the company's operation and development and drew on the initiative and creativity "
                            "of the %(staff)s"),
            "school": _("kept to the school's education and teaching and cared for the growth and the lives of the %(staff)s"),
            "institution": _("served the unit's central tasks and listened to what the %(staff)s had to say"),
        }
        voice = opening_voice(sector)
        return {**voice, "centre": quiet.get(sector or "factory", voice["centre"])}
    voices = {
        "factory": (_("the works' Party and administration"), _(
            "kept production and operation at the centre of its work, pressed on with %(disclosure)s and democratic "
            "management, and rallied the %(staff)s to make their mark at their posts")),
        "enterprise": (_("the company's Party and administration"), _(
            "served the company's operation and development, took %(disclosure)s and democratic management as its "
            "lever, and drew on the initiative and creativity of the %(staff)s")),
        "school": (_("the school's Party and administration"), _(
            "kept to the school's education and teaching, cared for the growth and the lives of the %(staff)s, and "
            "kept up %(disclosure)s")),
        "institution": (_("the unit's Party and administration"), _(
            "served the unit's central tasks, kept up %(disclosure)s, and listened to what the %(staff)s had to say")),
        "farm": (_("the company's Party branch"), _(
            "kept to the company's production and the growth of the %(staff)s' income, and worked the union's tasks "
            "into the building of the company")),
        FEDERATION: (_("the Party committee at its level"), _(
            "served the overall work of its area, guided the grassroots unions under it and rallied the %(staff)s to "
            "make their mark at their posts")),
    }
    admin, centre = voices.get(sector or "", voices["factory"])
    return {"admin": admin, "centre": centre}
