"""`mean_value`: the Mean Value Theorem, geometrically."""
