"""Root conftest: shared fixtures for core, plugin and cross-cutting tests."""

pytest_plugins = ["core.testing"]
