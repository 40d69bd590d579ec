"""`surface`: see the landscape of f(x, y)."""
