"""mall: resident pages."""

urlpatterns: list = []
