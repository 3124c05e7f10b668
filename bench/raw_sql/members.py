"""The member book's summary figures (members.summary) in hand-written SQL: the summary bench's reference."""


def raw_sql_figures(connection, org, period) -> dict:
    """The member book's figures (members.summary) in two statements, both years at once."""
    last = period.same_period_last_year()
    like = org.path + "%"
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT
              SUM(CASE WHEN (m.join_date <= %s OR m.join_date IS NULL) AND (m.status = 'active' OR m.left_date > %s) THEN 1 ELSE 0 END),
              SUM(CASE WHEN (m.join_date <= %s OR m.join_date IS NULL) AND (m.status = 'active' OR m.left_date > %s)
                        AND m.is_union_member THEN 1 ELSE 0 END),
              SUM(CASE WHEN (m.join_date <= %s OR m.join_date IS NULL) AND (m.status = 'active' OR m.left_date > %s)
                        AND m.contract_status = 'signed' THEN 1 ELSE 0 END),
              SUM(CASE WHEN (m.join_date <= %s OR m.join_date IS NULL) AND (m.status = 'active' OR m.left_date > %s) THEN 1 ELSE 0 END)
            FROM members_member m JOIN orgs_org o ON o.id = m.org_id
            WHERE o.path LIKE %s
            """,
            [period.end, period.end] * 3 + [last.end, last.end, like],
        )
        on_roll, union_members, signed, previous = cursor.fetchone()
        cursor.execute(
            """
            SELECT SUM(CASE WHEN e.kind = 'join' THEN 1 ELSE 0 END), SUM(CASE WHEN e.kind = 'leave' THEN 1 ELSE 0 END)
            FROM members_membershipevent e JOIN members_member m ON m.id = e.member_id JOIN orgs_org o ON o.id = m.org_id
            WHERE o.path LIKE %s AND e.date BETWEEN %s AND %s
            """,
            [like, period.start, period.end],
        )
        joined, left = cursor.fetchone()
    return {
        "members.on_roll": on_roll or 0, "members.on_roll.previous": previous or 0,
        "members.union_members": union_members or 0, "members.joined": joined or 0, "members.left": left or 0,
        "members.contracts_signed": signed or 0,
    }
