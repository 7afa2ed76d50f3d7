"""Why a mall operation was refused. Each is a PointsError (a ValidationError):
views show the Chinese message as it is, and nothing was written."""

from core.points.errors import PointsError


class MallError(PointsError):
    """A redemption, cancellation or verification that was refused."""


class ItemUnavailable(MallError):
    """Off the shelf, outside the resident's region, or not yet open."""


class ItemExpired(MallError):
    """Past the item's (or the order's) validity."""


class OutOfStock(MallError):
    """Fewer left than asked for."""


class LimitExceeded(MallError):
    """The per-person limit would be exceeded."""


class RecipientNotFound(MallError):
    """No active resident with that mobile and name."""


class OrderNotFound(MallError):
    """No open order with that code in the staff member's region (same as missing)."""


class OrderClosed(MallError):
    """Already verified, cancelled or expired."""
