"""`implicit`: the slope of a curve F(x, y) = 0 by implicit differentiation."""
