def private_urls(cast) -> list[tuple]:
    return [("GET", f"/accounts/roles/{cast.union.pk}/"), ("POST", f"/accounts/roles/{cast.union.pk}/")]
