"""The fast surface looks like Manim's own Surface: same function, camera, size."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DEGREES, Surface, ThreeDAxes, ThreeDScene, tempconfig

from scenes.camera import LessonCamera
from scenes.fast_surface import FastSurface, coords_to_points
from scripts.similarity import ssim

COLOURS = ["#1B2A6B", "#1F6F8B", "#3FA66B", "#D9C36A"]


def height(u, v):
    return u**2 - v**2 + 0.3 * np.sin(2 * u)


LESSON_STYLE = {"fill_opacity": 0.9, "stroke_width": 0.4}  # as surface_mesh draws it


def frame(fast: bool, resolution: int = 12, theta: float = -52,
          size: tuple[int, int] = (320, 180), style: dict = LESSON_STYLE) -> np.ndarray:
    """One frame of the surface, drawn the stock way or the fast way, in ``style``."""
    settings = {"pixel_width": size[0], "pixel_height": size[1], "disable_caching": True,
                "write_to_movie": False, "verbosity": "ERROR"}
    with tempconfig(settings):
        scene = ThreeDScene(camera_class=LessonCamera)
        scene.set_camera_orientation(phi=64 * DEGREES, theta=theta * DEGREES)
        axes = ThreeDAxes(x_range=[-2, 2, 1], y_range=[-2, 2, 1], z_range=[-4, 4, 2],
                          x_length=5.6, y_length=5.6, z_length=3.4)
        if fast:
            xs = ys = np.linspace(-2, 2, resolution + 1)
            grid_x, grid_y = np.meshgrid(xs, ys)
            surface = FastSurface.from_heights(axes, xs, ys, height(grid_x, grid_y), **style)
        else:
            surface = Surface(lambda u, v: axes.c2p(u, v, height(u, v)), u_range=[-2, 2],
                              v_range=[-2, 2], resolution=(resolution, resolution), **style)
        surface.set_fill_by_value(axes=axes, colorscale=COLOURS, axis=2)
        scene.add(surface)
        scene.renderer.update_frame(scene)
        return np.asarray(scene.renderer.camera.get_image().convert("RGB"))


@pytest.mark.parametrize("theta", [-52, 30, 140])
def test_fast_surface_matches_stock_surface(theta):
    stock, fast = frame(False, theta=theta), frame(True, theta=theta)
    assert stock.std() > 10, "the stock frame is blank"
    assert ssim(stock, fast) >= 0.97


def test_fast_surface_matches_stock_surface_at_720p():
    """From 720p up faces are filled without antialiasing: still the same look."""
    stock, fast = frame(False, theta=30, size=(1280, 720)), frame(True, theta=30, size=(1280, 720))
    assert ssim(stock, fast) >= 0.97


def test_its_defaults_are_those_of_stock_surface():
    """Written as a stock scene would write it, with no style given: the same look
    (opaque, so that the axes behind it stay hidden)."""
    stock = Surface(lambda u, v: np.array([u, v, 0.0]), resolution=(2, 2))
    fast = FastSurface(np.zeros((3, 3, 3)))
    for face in (stock, stock.submobjects[0]):
        assert (fast.get_fill_opacity(), fast.get_stroke_width()) == \
            (face.get_fill_opacity(), face.get_stroke_width())
    assert ssim(frame(False, theta=30, style={}), frame(True, theta=30, style={})) >= 0.97


def test_a_different_surface_is_told_apart():
    """The comparison can fail: another viewing angle is not similar enough."""
    assert ssim(frame(False, theta=-52), frame(True, theta=40)) < 0.97


def test_it_is_one_mobject_with_one_colour_per_face():
    axes = ThreeDAxes()
    xs = ys = np.linspace(-1, 1, 5)
    grid_x, grid_y = np.meshgrid(xs, ys)
    surface = FastSurface.from_heights(axes, xs, ys, grid_x * grid_y)
    surface.set_fill_by_value(axes=axes, colorscale=COLOURS, axis=2)
    assert surface.submobjects == [] and surface.face_rgb.shape == (16, 3)
    assert surface.get_center() == pytest.approx(axes.c2p(0, 0, 0))


def test_its_vertices_are_where_c2p_puts_them_on_moved_and_turned_axes():
    axes = ThreeDAxes(x_range=[-2, 3, 1], y_range=[-1.5, 2, 0.5], z_range=[-4, 6, 2],
                      x_length=7, y_length=5, z_length=4).rotate(0.3, axis=[1, 2, 0.5])
    axes.shift([1, -2, 0.5])
    coords = np.random.default_rng(1).uniform(-2, 2, (50, 3))
    assert coords_to_points(axes, coords) == pytest.approx(axes.c2p(coords), abs=1e-12)
