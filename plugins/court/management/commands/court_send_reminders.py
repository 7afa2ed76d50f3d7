"""Send 在线法院 booking reminders a day ahead (run every few minutes from cron)."""

from django.core.management.base import BaseCommand

from plugins.court.reminders import send_due_reminders


class Command(BaseCommand):
    help = "提醒即将开始的法官预约（提前24小时，每个预约只提醒一次）。"

    def handle(self, *args, **options) -> None:
        sent = send_due_reminders()
        self.stdout.write(f"court reminders sent: {sent}")
