"""The contour kind: the landscape of f(x, y) seen from above, its level curves and arrows."""
