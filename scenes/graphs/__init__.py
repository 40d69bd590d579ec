"""`graphs`: a family of functions on one set of axes (the hyperbolic functions)."""
