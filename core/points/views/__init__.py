"""Resident pages of the points app, one module per page group."""
