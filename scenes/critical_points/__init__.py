"""`critical_points`: find and classify the peaks, pits and passes of f(x, y)."""
