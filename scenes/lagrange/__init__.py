"""The `lagrange` lesson kind: the largest and smallest f on a constraint."""
