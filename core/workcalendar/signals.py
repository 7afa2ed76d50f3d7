"""Any save or delete of calendar data moves the version stamp (inside its transaction)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import HolidayYear, SpecialDay


@receiver(post_save, sender=HolidayYear, dispatch_uid="workcalendar_year_saved")
@receiver(post_delete, sender=HolidayYear, dispatch_uid="workcalendar_year_deleted")
@receiver(post_save, sender=SpecialDay, dispatch_uid="workcalendar_day_saved")
@receiver(post_delete, sender=SpecialDay, dispatch_uid="workcalendar_day_deleted")
def _calendar_changed(sender, **kwargs) -> None:
    from .services import bump_version

    bump_version()
