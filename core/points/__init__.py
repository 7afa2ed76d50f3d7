"""积分: the append-only points ledger, rules declared by plugins, caps and balances."""
