"""The mall API for the mini-program and the points-shop staff (under /api/mall/)."""
