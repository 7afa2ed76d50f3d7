"""The portal's resident pages are Wagtail pages (HomePage, NoticeIndexPage, NoticePage),
served by Wagtail's catch-all route; the portal adds no URLs of its own here."""

urlpatterns: list = []
