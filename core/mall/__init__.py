"""积分商城: the redemption catalogue, orders with one-time codes, and 核销."""
