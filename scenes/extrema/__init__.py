"""`extrema`: the peaks and pits of f(x), and its absolute extrema on a closed interval."""
