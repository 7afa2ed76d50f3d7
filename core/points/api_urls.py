"""points: API routes under /api/."""

urlpatterns: list = []
