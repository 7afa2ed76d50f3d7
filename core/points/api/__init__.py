"""The points API for the mini-program and staff apps (mounted under /api/points/)."""
