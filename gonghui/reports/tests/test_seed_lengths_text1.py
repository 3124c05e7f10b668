"""Each of the three seed unions' summaries is at least half as long as the article it stands for,
and says no sentence twice: the chair's framing (the scenario's text: block) fills it, not padding.
"""

import re

import pytest

from .test_seed_scenarios import summary_of

# The seed articles, counted once by hand when this test was written (Chinese characters,
# re.findall(r"[\u4e00-\u9fff]", ...)). The product never reads the seed; the numbers are here.
SEED_HAN = {
    # 三连工会半年总结: from its title to its three shortcomings
    "sanlian-2025h1": 1991,
    # 物管中心工会: from 各位矿领导、职工同志们 to its 自身建设 paragraph
    "wuguan-2025": 853,
    # 分公司工会: from its opening to the last item of its plan for next year
    "fengongsi-2025": 2724,
}


@pytest.mark.parametrize("name", sorted(SEED_HAN))
def test_each_seed_union_summary_is_at_least_half_its_article_and_repeats_no_sentence(db, name):
    _spec, summary = summary_of(name)
    han = re.findall(r"[\u4e00-\u9fff]", summary)
    assert len(han) >= SEED_HAN[name] // 2, f"{len(han)} Chinese characters, fewer than half the article's {SEED_HAN[name]}"
    # no padding: no sentence of some length is said twice, in one section or across two
    sentences = [s.strip() for s in re.split(r"[。；]", summary) if len(s.strip()) >= 12]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated, repeated
