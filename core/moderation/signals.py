"""Any save or delete of a word moves the dictionary version (inside its transaction)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SensitiveWord


@receiver(post_save, sender=SensitiveWord, dispatch_uid="moderation_word_saved")
@receiver(post_delete, sender=SensitiveWord, dispatch_uid="moderation_word_deleted")
def _dictionary_changed(sender, **kwargs) -> None:
    from .matcher import bump_version

    bump_version()
