"""All 网格议事 business rules and transactions; views and API stay thin."""

from .common import DeliberationError, community_of, in_region, lives_in, plugin_settings

__all__ = ["DeliberationError", "community_of", "in_region", "lives_in", "plugin_settings"]
