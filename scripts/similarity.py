"""Image similarity for comparing renders: SSIM (1.0 means identical)."""

from __future__ import annotations

import numpy as np
from scipy.ndimage import gaussian_filter


def ssim(a: np.ndarray, b: np.ndarray, sigma: float = 1.5) -> float:
    """Mean structural similarity of two 8-bit images (gray or RGB, same shape),
    with Wang et al.'s Gaussian window and constants; colour channels averaged."""
    if a.shape != b.shape:
        raise ValueError(f"images differ in shape: {a.shape} and {b.shape}")
    if a.ndim == 3:
        return float(np.mean([ssim(a[..., k], b[..., k], sigma) for k in range(a.shape[2])]))
    a, b = a.astype(float), b.astype(float)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu_a, mu_b = gaussian_filter(a, sigma), gaussian_filter(b, sigma)
    var_a = gaussian_filter(a * a, sigma) - mu_a**2
    var_b = gaussian_filter(b * b, sigma) - mu_b**2
    covariance = gaussian_filter(a * b, sigma) - mu_a * mu_b
    index = ((2 * mu_a * mu_b + c1) * (2 * covariance + c2)) / (
        (mu_a**2 + mu_b**2 + c1) * (var_a + var_b + c2))
    return float(index.mean())
