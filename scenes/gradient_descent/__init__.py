"""The `gradient_descent` kind: rolling downhill, as a machine learns."""
