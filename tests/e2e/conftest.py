"""Browser tests publish notices with the portal's fixtures."""

from core.portal.tests.conftest import editor, notice_index, publish_notice  # noqa: F401
