"""`taylor`: Taylor polynomials and their error."""
