"""Routes (filled in by the feature work)."""

app_name = "identity"

urlpatterns: list = []
