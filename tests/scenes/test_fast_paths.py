"""The fast paths draw and encode what the reference renderer does (Manim's own
cameras, ``ThreeDAxes`` and scene file writer): frames compared by SSIM and by pixels."""

from __future__ import annotations

import numpy as np
import pytest
from manim import (
    DEGREES,
    DOWN,
    RIGHT,
    Camera,
    Circle,
    Create,
    Dot,
    FadeIn,
    MathTex,
    ParametricFunction,
    Scene,
    Square,
    Text,
    ThreeDAxes,
    ThreeDCamera,
    ThreeDScene,
    tempconfig,
)
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter

from scenes.camera import FlatCamera, LessonCamera
from scenes.fast_axes import FastAxes
from scripts.bench_speed import frames_at
from scripts.encoding import HeldFrameWriter
from scripts.similarity import ssim

SMALL = {"pixel_width": 480, "pixel_height": 270, "disable_caching": True,
         "write_to_movie": False, "verbosity": "ERROR", "progress_bar": "none"}


def image(scene) -> np.ndarray:
    scene.renderer.update_frame(scene)
    return np.asarray(scene.renderer.camera.get_image().convert("RGB")).astype(int)


def flat_frames(camera_class) -> tuple[list[np.ndarray], Camera]:
    """A dot crossing under a caption, three frames; and the camera that drew them."""
    with tempconfig(SMALL):
        scene = Scene(camera_class=camera_class)
        dot = Dot(radius=0.4, color="#E07A5F").shift(DOWN * 2.6 + RIGHT * -3)
        caption = Text("The caption stays while the dot moves", font_size=30).to_edge(DOWN)
        scene.add(Square(2), dot, caption)
        frames = []
        for _ in range(3):
            dot.shift(RIGHT * 1.5)
            frames.append(image(scene))
        return frames, scene.renderer.camera


def test_the_flat_layer_draws_what_manim_draws():
    stock, _ = flat_frames(Camera)
    layered, camera = flat_frames(FlatCamera)
    assert camera.layer is not None, "the unchanged caption was never laid from a layer"
    assert len(camera.layer[0]) > 10, "the layer should hold the caption's letters"
    for a, b in zip(stock, layered):
        assert np.abs(a - b).max() <= 2
        assert ssim(a.astype(np.uint8), b.astype(np.uint8)) >= 0.999


def test_a_change_under_the_layer_is_drawn():
    """The caption's colour changes: the next frame shows it, not the old layer."""
    with tempconfig(SMALL):
        scene = Scene(camera_class=FlatCamera)
        caption = Text("Watch my colour", font_size=40)
        scene.add(caption)
        before = [image(scene) for _ in range(2)]
        caption.set_color("#FF0000")
        after = image(scene)
    assert np.abs(before[0] - before[1]).max() == 0
    red = (after[..., 0] > 200) & (after[..., 1] < 60)
    assert red.sum() > 200, "the recoloured caption was drawn from the stale layer"


def orbit_frames(fast: bool) -> list[np.ndarray]:
    """Axes being drawn, then seen from three angles, with a shaded curve that moves and
    a label that keeps facing the camera and changes colour between the views, and a
    caption fixed on the screen."""
    with tempconfig(SMALL):
        scene = ThreeDScene(camera_class=LessonCamera if fast else ThreeDCamera)
        axes = (FastAxes if fast else ThreeDAxes)(x_range=[-2, 2, 1], y_range=[-2, 2, 1],
                                                  z_range=[-2, 2, 1])
        curve = ParametricFunction(lambda t: axes.c2p(t, np.sin(2 * t), t * t / 3),
                                   t_range=[-2, 2], color="#E0A030", shade_in_3d=True)
        label = MathTex("z = f(x, y)", font_size=30).move_to(axes.c2p(1, 1, 2))
        caption = Text("Fixed on the screen", font_size=30).to_edge(DOWN)
        scene.add_fixed_in_frame_mobjects(caption)
        scene.add_fixed_orientation_mobjects(label)
        scene.add(axes, curve, label, caption)
        frames = []
        growing = Create(axes)
        growing.begin()
        for alpha in (0.3, 0.7):
            growing.interpolate(alpha)
            frames.append(image(scene))
        growing.finish()
        for theta, colour in ((-52, "#FFFFFF"), (10, "#40C0F0"), (100, "#F04060")):
            scene.set_camera_orientation(phi=64 * DEGREES, theta=theta * DEGREES)
            curve.shift(0.2 * RIGHT)
            label.set_color(colour)
            frames.append(image(scene))
        return frames


def test_fast_3d_paths_draw_what_manim_draws():
    """FastAxes, the kept pieces and the 3D layer against ThreeDAxes and ThreeDCamera:
    the same pixels, also after a piece moves or changes colour."""
    stock, fast = orbit_frames(False), orbit_frames(True)
    assert all(frame.std() > 5 for frame in stock), "a stock frame is blank"
    assert np.abs(stock[-1] - stock[-2]).max() > 100, "the views should differ"
    for a, b in zip(stock, fast):
        assert np.abs(a - b).max() <= 2
        assert ssim(a.astype(np.uint8), b.astype(np.uint8)) >= 0.999


def held_video(writer, folder) -> tuple:
    """A short scene with waits (held frames), written by ``writer``; its file."""
    settings = SMALL | {"write_to_movie": True, "media_dir": str(folder), "frame_rate": 15,
                        "output_file": "held"}
    with tempconfig(settings):
        scene = Scene(renderer=CairoRenderer(file_writer_class=writer))

        def construct():
            circle = Circle(color="#3FA66B")
            scene.play(Create(circle), run_time=1)
            scene.wait(2)
            scene.play(FadeIn(Square(1)), run_time=0.6)
            scene.wait(1.5)

        scene.construct = construct
        scene.render()
        return scene.renderer.file_writer.output_plan.primary_artifact, scene.time


@pytest.mark.render
def test_held_frames_are_encoded_once_and_last_as_long(tmp_path):
    import av

    stock, stock_seconds = held_video(SceneFileWriter, tmp_path / "stock")
    held, held_seconds = held_video(HeldFrameWriter, tmp_path / "held")
    durations = []
    for path in (stock, held):
        with av.open(str(path)) as container:
            durations.append(float(container.duration / av.time_base))
            frames = sum(1 for _ in container.decode(video=0))
        if path == held:
            assert frames < 0.6 * round(stock_seconds * 15), "held frames were encoded again"
    assert abs(durations[0] - durations[1]) < 1 / 15 + 1e-6
    assert abs(held_seconds - stock_seconds) < 1e-9
    times = list(np.linspace(0.1, stock_seconds - 0.1, 12))
    for a, b in zip(frames_at(stock, times), frames_at(held, times)):
        assert ssim(a, b) >= 0.98
