"""Hand-written SQL stating the work summary's figures: the summary bench's references, one module per app, kept out of the product."""


def figures_of(sections) -> dict:
    """{figure key: value} of sections, with each figure's last-year value under "<key>.previous"."""
    found = {}
    for section in sections:
        for figure in section.figures:
            found[figure.key] = figure.value
            if figure.previous is not None:
                found[f"{figure.key}.previous"] = figure.previous
    return found


def summary_figures(sections, org, period) -> dict:
    """What an app's summary `sections` states for org and period (figures_of): what a reference's
    figures are held equal to."""
    from django.utils import translation

    with translation.override("zh-hans"):
        return figures_of(sections(org=org, period=period))


def assert_same(sections, raw_sql_figures, org, period) -> dict:
    """Assert that a reference states exactly the keys and values the summary does; returns the summary's."""
    from decimal import Decimal

    from django.db import connection

    expected = summary_figures(sections, org, period)
    raw = raw_sql_figures(connection, org, period)
    assert set(raw) == set(expected), (sorted(raw), sorted(expected))
    for key, value in expected.items():
        assert Decimal(str(raw[key])) == Decimal(str(value)), (key, raw[key], value)
    return expected


def all_figures(references, connection, org, period) -> dict:
    """Every figure the given apps' references (their `raw_sql_figures`) state for org and period, in one dict."""
    found = {}
    for reference in references:
        found.update(reference(connection, org, period))
    return found
