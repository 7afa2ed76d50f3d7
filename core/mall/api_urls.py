"""mall: API routes under /api/."""

urlpatterns: list = []
