"""The portal's services, for the authority walk (portal/tests/test_authority_walk.py)."""

UNGUARDED = {
    "rollup_refresh": "the system's: the worker and `gonghui rollup` count the federations' roll-up again; it "
                      "writes no one's record, only the sums the federation's pages already show",
}


def private_urls(cast) -> list[tuple]:
    """None: the portal's pages (home, inbox) show each user their own."""
    return []
