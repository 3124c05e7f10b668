def sections(*, org, period):
    return []
