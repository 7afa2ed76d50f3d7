"""The resident's "我的" page lives at /me/ (a global URL name, used by the tab bar)."""

urlpatterns: list = []
