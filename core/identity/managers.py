from __future__ import annotations

from django.contrib.auth.base_user import BaseUserManager


class UserManager(BaseUserManager):
    """Users are created by mobile number; there is no username."""

    use_in_migrations = True

    def _create(self, mobile: str, password: str | None, **fields):
        if not mobile:
            raise ValueError("A mobile number is required.")
        user = self.model(mobile=mobile, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, mobile: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(mobile, password, **fields)

    def create_superuser(self, mobile: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create(mobile, password, **fields)
