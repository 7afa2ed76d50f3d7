"""points: resident pages."""

urlpatterns: list = []
