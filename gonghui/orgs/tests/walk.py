def private_urls(cast) -> list[tuple[str, str]]:
    return [
        ("GET", f"/orgs/{cast.union.pk}/"),
        ("GET", f"/orgs/{cast.branch.pk}/"),
        ("GET", f"/api/v1/orgs/{cast.union.pk}"),
    ]
