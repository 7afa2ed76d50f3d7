"""积分管理 in the Wagtail admin: claims, adjustments, the ledger and rule settings.

(Not ``admin``: Django's admin autodiscovery imports a module of that name.)
"""
