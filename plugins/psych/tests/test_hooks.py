"""User-centre links and the personal-data export."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from plugins.psych import hooks, services

pytestmark = pytest.mark.django_db


def test_user_center_links(resident, counselor):
    request = RequestFactory().get("/me/")
    assert [link.label for link in hooks.user_center_links(request, resident)] == ["我的嘉心"]
    assert [link.label for link in hooks.user_center_links(request, counselor)] == [
        "我的嘉心", "咨询师工作台"]


def test_export_holds_the_residents_own_records_but_not_the_note(resident, counselor, appointment):
    services.record_result(resident, "gad7", [1] * 7)
    services.send_message(appointment, resident, "想聊聊睡眠")
    services.send_message(appointment, counselor, "好的")
    services.save_note(appointment.pk, counselor, "咨询师的私人笔记")
    data = hooks.export_user_data(resident)
    assert data["scale_results"][0]["score"] == 7
    assert [m["body"] for m in data["messages_sent"]] == ["想聊聊睡眠"]
    assert "咨询师的私人笔记" not in str(data)
