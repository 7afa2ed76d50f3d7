"""Routes (filled in by the feature work)."""

urlpatterns: list = []
