"""Jiayuan (嘉园): the platform kernel — the Django project and the core apps."""

__version__ = "1.0.0"
