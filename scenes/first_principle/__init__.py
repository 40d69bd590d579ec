"""`first_principle`: the derivative as the limit of secant slopes."""
