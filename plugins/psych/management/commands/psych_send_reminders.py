"""``manage.py psych_send_reminders``: remind residents and counselors a day ahead."""

from django.core.management.base import BaseCommand

from plugins.psych.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send reminders for booked 嘉心在线 appointments starting within 24 hours."

    def handle(self, *args, **options) -> None:
        sent = send_due_reminders()
        self.stdout.write(f"{sent} appointment reminders sent")
