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


def section_rank(sector: str | None):
    """A sort key for sections: the sector's order first, then `Section.order` for the rest."""
    order = SECTION_ORDER.get(sector or "", ())

    def rank(section) -> tuple[int, int]:
        key = section.key
        return (order.index(key), section.order) if key in order else (len(order), section.order)

    return rank


def centre_of_work(sector: str | None) -> str:
    """What the union's work centres on, for the opening: 企业生产经营 at a factory, 学校教育教学 at a school."""
    centres = {
        "factory": _("the enterprise's production and operation"),
        "enterprise": _("the company's operation and development"),
        "school": _("the school's education and teaching"),
        "institution": _("the unit's central tasks"),
        "farm": _("the company's production and the growth of its income"),
    }
    return centres.get(sector or "", centres["factory"])
